"""``piiaudit verify``: after the deletion, is every handed-over contact gone from the phone?"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

import typer

from piiaudit.cli.common import (
    CONFIG,
    DEBUG,
    MESSAGE_LANG,
    OWNER,
    PACKS,
    QUIET_WARNINGS,
    REGION,
    guarded,
    inform,
    load_engine,
    parse_options,
    quiet,
    resolve_lang,
    warn,
)
from piiaudit.exitcodes import ExitCode
from piiaudit.handover.messages import issue_lines, say
from piiaudit.handover.policy import load_policy
from piiaudit.handover.provenance import decide_again
from piiaudit.handover.verify import (
    BUSINESS,
    PRIVATE,
    REVIEW,
    Checked,
    HandoverFolder,
    Verification,
    numbers_region,
    open_folder,
    personal_numbers,
    read_reference,
    require_export,
    verify,
)
from piiaudit.handover.verify_match import EMAIL, NAME, PHONE, UID, Evidence
from piiaudit.masking import mask
from piiaudit.model import ContactClass, ValueKind
from piiaudit.parsers import groups_skipped
from piiaudit.shell import command_line as command

HELP = """Check that the contacts handed over are gone from the phone.

After the contacts of split's business file were deleted from the phone
(docs/handover.md, step 5), export the phone's contacts again and give that
export with the folder split wrote. Each contact of the new export is matched
against the folder's files by its UID, its name (spaces, case and full-width
forms aside), a phone number or an e-mail address, and the evidence is shown. A
number or address several people have (a switchboard, info@), or a number that
is no mobile under another name, identifies nobody on its own: it is shown, not
counted. The report lists the handed-over contacts still on the phone, with
their line in NEW_EXPORT (masked; --show-pii shows them); counts the contacts
you kept (the private file) and those left for review; and classifies the
contacts added since the split as scan does, listing the business and unknown
ones to decide. Phone numbers are read in the region manifest.json records.
Nothing is written, and no file read is changed.

\b
Examples:
  piiaudit verify new-export.vcf --handover handover/
  piiaudit verify new-export.vcf -d handover/ --lang ja
  piiaudit verify new-contacts.csv --handover handover/ --show-pii

\b
Exit codes: 0 no handed-over contact is on the phone and no new contact looks
like a business one (new ones piiaudit cannot classify are listed, to decide);
1 a handed-over contact is still on the phone, or a new contact looks like a
business one; 2 usage or configuration: DIR or its business
file missing, a --region the manifest contradicts, NEW_EXPORT missing or a file
the manifest records; 3 NEW_EXPORT could not be read, or not in full.
"""


def verify_command(
    new_export: str = typer.Argument(
        ...,
        metavar="NEW_EXPORT",
        help="The phone's contacts, exported again after the deletion ('-' reads standard input).",
    ),
    handover: Path = typer.Option(
        ...,
        "--handover",
        "-d",
        help="The folder split wrote (its --out-dir): the business, private and review "
        "files and manifest.json.",
        metavar="DIR",
    ),
    show_pii: bool = typer.Option(
        False, "--show-pii", help="Show personal values unmasked (prints a warning)."
    ),
    lang: str | None = MESSAGE_LANG,
    config: Path | None = CONFIG,
    packs: list[Path] = PACKS,
    region: str | None = REGION,
    owner: list[str] = OWNER,
    quiet_: bool = QUIET_WARNINGS,
    debug: bool = DEBUG,
) -> None:
    """Check that the contacts handed over are gone from the phone."""

    def run() -> int:
        language = resolve_lang(lang)
        folder = open_folder(handover, language)
        require_export(new_export, folder, language)
        numbers_in, region_note = numbers_region(region, folder.business, language)
        profile, engine = load_engine(config, packs, region=numbers_in, owner=owner)
        options = parse_options(profile, numbers_in, language)
        recorded = folder.business
        if region is None and recorded is not None and recorded.region is not None:
            # the manifest's region is no choice of the user's when split assumed it
            options = dataclasses.replace(options, region_given=recorded.region_chosen)
        if show_pii:
            warn(
                "--show-pii: personal data is shown unmasked on the terminal", language, always=True
            )
        reference = read_reference(folder, options, language)
        for warning in reference.warnings:
            warn(warning, language)
        personal = personal_numbers(load_policy(engine.loaded.lists))
        result = verify(new_export, reference, engine, options, personal)
        _issues(result, language)
        _report(result, folder, language, show_pii=show_pii, region_note=region_note)
        if result.info.read_in_part():
            # A card or value the reader could not read may be a handed-over contact: the
            # check is incomplete, as scan's audit of the file is (exit 3 there too).
            inform(say("verify_incomplete", language, input=new_export), language)
            return ExitCode.INPUT
        return ExitCode.OK if result.clean else ExitCode.FINDINGS

    with quiet(quiet_):
        code = guarded(run, debug=debug, lang=lang)
    raise typer.Exit(code)


def _issues(result: Verification, lang: str) -> None:
    """What the reader could not take as written in the new export, as ``file:line``."""
    issues = [issue for issue in result.info.issues if not groups_skipped(issue.message)]
    if not issues:
        return
    for line in issue_lines(result.path, issues, lang):
        warn(line, lang)
    warn(say("verify_issues", lang, count=len(issues), input=result.path), lang)


def _report(
    result: Verification, folder: HandoverFolder, lang: str, *, show_pii: bool, region_note: str
) -> None:
    counts = result.reference.counts
    names = {pile: folder.files[pile].name for pile in (BUSINESS, PRIVATE, REVIEW)}
    print(
        say(
            "verify_header",
            lang,
            input=result.path,
            count=len(result.checked),
            folder=folder.folder,
            business=counts[BUSINESS],
            private=counts[PRIVATE],
            review=counts[REVIEW],
            business_file=names[BUSINESS],
            private_file=names[PRIVATE],
            review_file=names[REVIEW],
        )
    )
    if region_note:
        print(region_note)
    _handed_over(result, names, lang, show_pii)
    kept = result.of(PRIVATE)
    if kept:
        print(say("verify_kept", lang, file=names[PRIVATE], count=len(kept)))
    _review(result, folder, names[REVIEW], lang)
    _new(result, lang, show_pii)
    _summary(result, lang)


def _handed_over(result: Verification, names: dict[str, str], lang: str, show_pii: bool) -> None:
    """The failure this command exists for: each handed-over contact still on the phone."""
    total = result.reference.counts[BUSINESS]
    remaining = result.of(BUSINESS)
    if not total:
        print(say("verify_nothing_handed_over", lang, file=names[BUSINESS]))
    elif not remaining:
        print(say("verify_remaining_none", lang, count=total))
    else:
        print(say("verify_remaining", lang, count=result.left(BUSINESS), total=total))
    for checked in remaining:
        best = checked.placed.best
        assert best is not None  # placed on a handed-over card: matched it
        shown = (
            say("ev_name_only", lang)
            if best.name_only()
            else _evidence(best.strong(), lang, show_pii)
        )
        for pile in checked.placed.ties:
            shown = say("verify_tie", lang, evidence=shown, file=names[pile])
        print(_line(result, checked, "verify_contact_line", lang, show_pii, evidence=shown))


def _review(result: Verification, folder: HandoverFolder, file: str, lang: str) -> None:
    """Contacts nobody decided: still the owner's to decide, and to hand over if business."""
    review = result.of(REVIEW)
    if review:
        if folder.business is not None:
            decide = decide_again(folder.business, folder.folder)
        else:
            decide = command("split", "EXPORT.vcf", "--out-dir", folder.folder, "--interactive")
        print(say("verify_review", lang, file=file, count=len(review), command=decide))
    gone = result.reference.counts[REVIEW] - result.left(REVIEW)
    if gone > 0:
        print(say("verify_review_gone", lang, count=gone, file=file))


def _new(result: Verification, lang: str, show_pii: bool) -> None:
    """Contacts added since the split: those the rules do not take for private are
    listed to decide; private ones are counted, and listed only when they share a
    number or address with a handed-over contact."""
    decide = result.new(ContactClass.BUSINESS, ContactClass.UNKNOWN)
    private = result.new(ContactClass.PRIVATE)
    if not decide and not private:
        return
    count = len(decide) + len(private)
    print(say("verify_new", lang, count=count, private=len(private)))
    if decide:
        print(say("verify_new_decide", lang, count=len(decide)))
        for checked in decide:
            print(_new_line(result, checked, lang, show_pii))
    linked = [checked for checked in private if checked.placed.weak]
    if linked:
        print(say("verify_new_private_check", lang, count=len(linked)))
        for checked in linked:
            print(_new_line(result, checked, lang, show_pii))


def _new_line(result: Verification, checked: Checked, lang: str, show_pii: bool) -> str:
    weak = checked.placed.weak
    note = say("verify_weak_note", lang, evidence=_evidence(weak, lang, show_pii)) if weak else ""
    label = say(f"class_{checked.label.value}", lang) if checked.label is not None else "-"
    return _line(result, checked, "verify_new_line", lang, show_pii, label=label, note=note)


def _line(
    result: Verification, checked: Checked, key: str, lang: str, show_pii: bool, **values: str
) -> str:
    contact = checked.contact
    name = mask(contact.display_name(), ValueKind.NAME, show_pii=show_pii) or "-"
    return say(key, lang, input=result.path, line=contact.source.line, name=name, **values)


_KINDS = {PHONE: ValueKind.PHONE, EMAIL: ValueKind.EMAIL}


def _evidence(items: Iterable[Evidence], lang: str, show_pii: bool) -> str:
    """What links a contact to a card, its values masked as a report masks them."""
    parts = []
    for item in items:
        if item.kind in (UID, NAME):
            parts.append(say(f"ev_{item.kind}", lang))
            continue
        value = mask(item.value, _KINDS[item.kind], show_pii=show_pii)
        if item.shared >= 2:
            parts.append(say(f"ev_shared_{item.kind}", lang, value=value, count=item.shared))
        elif item.other_name:
            parts.append(say("ev_other_name", lang, value=value))
        else:
            parts.append(say(f"ev_{item.kind}", lang, value=value))
    return say("ev_separator", lang).join(parts)


def _summary(result: Verification, lang: str) -> None:
    """The verdict, the exit code's reason: clean, or what keeps it from being so."""
    total = result.reference.counts[BUSINESS]
    unknown = len(result.new(ContactClass.UNKNOWN))
    if result.clean:
        key = "verify_summary_clean" if total else "verify_summary_clean_none"
        print(say(key, lang, total=total))
    else:
        parts = []
        if result.of(BUSINESS):
            parts.append(say("verify_part_remaining", lang, count=result.left(BUSINESS)))
        business = len(result.new(ContactClass.BUSINESS))
        if business:
            parts.append(say("verify_part_new", lang, count=business))
        print(say("verify_summary_failed", lang, parts=say("list_separator", lang).join(parts)))
    if unknown:
        print(say("verify_unknown_reminder", lang, count=unknown))


verify_command.__doc__ = HELP
