"""``piiaudit minimize``: a vCard 3.0 copy with only the business data of business contacts."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import typer

from piiaudit.cli.common import (
    CONFIG,
    DEBUG,
    MESSAGE_LANG,
    PACKS,
    QUIET_WARNINGS,
    REGION,
    guarded,
    load_engine,
    parse_options,
    quiet,
    resolve_lang,
    warn,
    warn_shared_folders,
)
from piiaudit.engine import Engine
from piiaudit.exitcodes import ExitCode
from piiaudit.handover.accepted import for_minimize
from piiaudit.handover.digest import file_sha256
from piiaudit.handover.manifest import (
    MANIFEST_NAME,
    SplitOutput,
    record_handed_over,
    split_output,
)
from piiaudit.handover.messages import issue_lines, override_notes, say
from piiaudit.handover.minimize_run import (
    EMPTY,
    KEPT,
    LEFT_OUT,
    MINIMIZED,
    MinimizePlan,
    plan_minimize,
    write_minimized,
)
from piiaudit.handover.overrides import OverrideSet, load_overrides
from piiaudit.handover.policy import load_policy
from piiaudit.handover.provenance import Decided, decided_class, vet_overrides
from piiaudit.handover.safety import STDIN, check_outputs, existing_outputs, require_input
from piiaudit.masking import mask
from piiaudit.model import ContactClass, ValueKind
from piiaudit.parsers.csv_reader import is_preamble_note

HELP = """Write a vCard 3.0 copy keeping only the business data of business contacts.

A business contact keeps its name, organisation, title, work phone, work
email and work address. It loses home phones and addresses, personal mobiles
(labelled cell/iPhone/携帯 without a work label, or an unlabelled mobile
number), personal email (labelled home, or the phone's own EMAIL;CELL
address), birthday, anniversary, notes, photo, related people, nicknames,
messenger IDs and every other property; and every field in which piiaudit finds personal data
above 'low' (free-mail and carrier addresses, for instance). Labels mean what
they mean to 'scan' (社用携帯 and 'Work Mobile' are work phones, 'Home email'
is personal), and what scan reports as a home or personal value is never
handed over. Problems reading the input are listed as file:line.

The business file that 'split' wrote (recognised by the manifest.json beside
it: same name and SHA-256) is not classified again: split put every contact in
it there (by its classification or your answers), and each is minimized; check
it before handing it over. --all-business says the same of any file (a renamed
business.vcf). A value the company profile accepts for its contact (suppress:
naming it by name: or uid:) is not removed as personal. A contact left with
nothing (no name, no business data) is not written. Otherwise private contacts are left out
(--keep-private writes them complete: only for your own copy, never for the
company), and unknown ones are left out unless --keep-unknown (then minimized
like business contacts). The output is vCard 3.0, written with vobject, mode
0600. See docs/handover.md for the whole exit workflow.

\b
Examples:
  piiaudit minimize handover/business.vcf -o handover/for-company.vcf
  piiaudit minimize export.vcf -o for-company.vcf --override handover/overrides.yaml
  piiaudit minimize export.vcf -o for-company.vcf --dry-run
  piiaudit minimize customers.vcf -o for-company.vcf --all-business
  piiaudit minimize contacts.csv -o for-company.vcf --keep-unknown --lang ja

\b
An override file's index: entries are positions in the export it was made
for (split records its SHA-256): applied to any other file they are refused
(a file without that record gives a warning).

\b
Exit codes: 0 done; 2 usage, configuration or refused output, an input that
does not exist or is a folder, or an override file made for another export
(nothing is written); 3 the input could not be read, or only in part (what was
read is written and the problems are named: check before deleting anything).
"""


def minimize_command(
    input_file: str = typer.Argument(
        ..., metavar="INPUT", help="The contact export ('-' reads standard input)."
    ),
    out: Path = typer.Option(
        ..., "--output", "-o", help="The vCard 3.0 file to write.", metavar="FILE"
    ),
    keep_private: bool = typer.Option(
        False,
        "--keep-private",
        help="Also write private contacts, complete (every field): for your own copy only, "
        "never for the company.",
    ),
    all_business: bool = typer.Option(
        False,
        "--all-business",
        help="Every contact in the input is business (you already decided, as in split's "
        "business.vcf): minimize each as business, leave none out.",
    ),
    keep_unknown: bool = typer.Option(
        False, "--keep-unknown", help="Also write unknown contacts, minimized."
    ),
    override: Path | None = typer.Option(
        None, "--override", help="YAML file correcting classes (as for split).", metavar="FILE"
    ),
    show_pii: bool = typer.Option(
        False, "--show-pii", help="Show names unmasked in the --dry-run plan."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print what would be written and removed; write nothing."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
    lang: str | None = MESSAGE_LANG,
    config: Path | None = CONFIG,
    packs: list[Path] = PACKS,
    region: str | None = REGION,
    quiet_: bool = QUIET_WARNINGS,
    debug: bool = DEBUG,
) -> None:
    """Write a vCard 3.0 copy keeping only the business data of business contacts."""

    def run() -> int:
        language = resolve_lang(lang)
        require_input(input_file, "minimize")
        overrides = load_overrides(override) if override else OverrideSet()
        inputs = [] if input_file == STDIN else [Path(input_file)]
        check_outputs(inputs, [out], force=force or dry_run)
        warn_shared_folders([out.parent], language)
        decided = _decided(input_file, overrides, override, all_business, language)
        profile, engine = load_engine(config, packs, region=region)
        applied = for_minimize(profile)  # see handover.accepted
        engine = Engine(engine.loaded, applied)
        if len(applied.suppress) < len(profile.suppress):  # said, not dropped unseen
            count = len(profile.suppress) - len(applied.suppress)
            warn(say("minimize_profile_not_applied", language, count=count), language)
        plan = plan_minimize(
            input_file,
            engine,
            parse_options(profile, region, language),
            overrides,
            keep_private=keep_private,
            keep_unknown=keep_unknown,
            policy=load_policy(engine.loaded.lists),
            decided=decided.label,
            split_written=decided.split_written,
        )
        for note in override_notes(overrides, language):
            warn(note, language)
        _issues(plan, language)
        if dry_run:
            print(say("minimize_dry_run", language, written=len(plan.written()), output=out))
            _print_plan(plan, language, show_pii=show_pii)
            for existing in [] if force else existing_outputs([out]):
                print(say("dry_run_output_exists", language, output=existing))
            written = None
        else:
            written = write_minimized(plan, out, force=force)
        if decided.note:
            print(decided.note)
        _summary(plan, out, language, dry_run=dry_run, keep_unknown=keep_unknown)
        if written is not None:
            print(say("minimize_sha256", language, output=out, sha256=written.sha256))
            # split's business file, unchanged: its manifest tells the company what it gets
            handed_over = decided.split_written and decided.label is ContactClass.BUSINESS
            recorded = handed_over and record_handed_over(Path(input_file), written)
            if recorded:
                manifest = Path(input_file).parent / MANIFEST_NAME
                print(say("minimize_recorded", language, output=out.name, manifest=manifest))
            # What to do with the file (docs/handover.md, step 5); not for a --keep-private
            # file, which holds the owner's contacts and must not go to the company.
            if plan.written() and not plan.count(ContactClass.PRIVATE, KEPT):
                if recorded:
                    print(say("minimize_next", language, output=out, manifest=manifest))
                else:
                    print(say("minimize_next_plain", language, output=out))
        kept = plan.count(ContactClass.PRIVATE, KEPT)
        if kept and not dry_run:  # the flag's name alone does not say whose file it makes
            # said under --quiet too, as --show-pii's warning: the file holds the owner's
            # family and friends complete and must not go to the company (QA round 15)
            text = say("minimize_keep_private", language, count=kept, output=out)
            warn(text, language, always=True)
        if not plan.written() and not dry_run:  # a 0-byte file must not pass for a hand-over
            warn(say("minimize_nothing_written", language, output=out), language)
        # A card or value the reader could not read is not in the hand-over: written and
        # warned about above, but the run ends as any command's on a file read in part.
        return ExitCode.INPUT if plan.info.read_in_part() else ExitCode.OK

    with quiet(quiet_):
        code = guarded(run, debug=debug, lang=lang)
    raise typer.Exit(code)


def _decided(
    input_file: str,
    overrides: OverrideSet,
    override: Path | None,
    all_business: bool,
    lang: str,
) -> Decided:
    """What the user already decided about the input's contacts (split's business file,
    or --all-business), after checking that the override file's ``index:`` positions
    belong to this input. The input is hashed at most once, and only when a manifest
    beside it or an override file's record asks for it."""
    path = None if input_file == STDIN else Path(input_file)
    digest = functools.cache(lambda: None if path is None else file_sha256(path))
    split_file: SplitOutput | None = None
    if path is not None:
        split_file = split_output(path, lambda: digest() or "")
    caution = vet_overrides(overrides, override, input_file, digest, lang, split_file)
    if caution:
        warn(caution, lang)
    decided = decided_class(split_file, all_business, input_file, lang)
    if decided.warning:
        warn(decided.warning, lang)
    return decided


def _issues(plan: MinimizePlan, lang: str) -> None:
    """What the reader could not take as written: a card cut short or lost to odd line
    endings is not handed over as it was, and the user must know before deleting."""
    issues = plan.info.issues
    if not issues:
        return
    for line in issue_lines(plan.path, issues, lang):
        warn(line, lang)
    to_check = [issue for issue in issues if not is_preamble_note(issue)]
    if to_check:  # a LinkedIn export's Notes: paragraph is no reason for alarm (QA round 9)
        warn(say("minimize_issues", lang, count=len(to_check), input=plan.path), lang)


def _summary(
    plan: MinimizePlan, out: Path, lang: str, *, dry_run: bool, keep_unknown: bool
) -> None:
    print(
        say(
            "minimize_dry_run_summary" if dry_run else "minimize_summary",
            lang,
            input=plan.path,
            written=len(plan.written()),
            output=out,
            business=plan.count(ContactClass.BUSINESS, MINIMIZED),
            unknown_kept=plan.count(ContactClass.UNKNOWN, MINIMIZED),
            private_kept=plan.count(ContactClass.PRIVATE, KEPT),
        )
    )
    left_private = plan.count(ContactClass.PRIVATE, LEFT_OUT)
    if left_private:
        print(say("minimize_left_out_private", lang, count=left_private))
    left_unknown = plan.count(ContactClass.UNKNOWN, LEFT_OUT)
    if left_unknown and not keep_unknown:
        print(say("minimize_left_out_unknown", lang, count=left_unknown))
    emptied = plan.emptied()
    if emptied:
        print(say("minimize_emptied", lang, count=len(emptied)))
        for entry in emptied:
            source = entry.decision.result.contact.source
            print(say("minimize_emptied_line", lang, index=source.index, line=source.line))
    unreachable = len(plan.unreachable())
    if unreachable:
        print(say("minimize_unreachable", lang, count=unreachable))
    accepted = plan.accepted()
    if accepted:
        print(say("minimize_profile_accepted", lang, count=accepted))
    unread = plan.unread_numbers()
    if unread:
        print(say("minimize_unread_numbers", lang, count=len(unread)))
        for contact, value in unread:
            shown = mask(value, ValueKind.PHONE)
            print(say("minimize_unread_number_line", lang, line=contact.source.line, value=shown))
    _removed(plan.removed(), lang, unread=plan.info.read_in_part())


def _removed(removed: Counter[str], lang: str, *, unread: int) -> None:
    """What was removed, by category; "nothing" only of what was read: a part of the
    input the reader skipped is not in the hand-over either (said above, and in the exit
    code), and "Nothing had to be removed" alone read as "all of it is there"."""
    if not removed:
        key = "minimize_removed_none_partial" if unread else "minimize_removed_none"
        print(say(key, lang, count=unread))
        return
    print(say("minimize_removed_header", lang))
    for category, count in sorted(removed.items(), key=lambda item: (-item[1], item[0])):
        name = say(f"removed_{category}", lang)
        print(say("minimize_removed_line", lang, name=name, category=category, count=count))


def _print_plan(plan: MinimizePlan, lang: str, *, show_pii: bool) -> None:
    unreachable = {id(entry) for entry in plan.unreachable()}
    for entry in plan.entries:
        contact = entry.decision.result.contact
        if entry.action == EMPTY:
            action = say("action_emptied", lang)
        elif entry.action == MINIMIZED:
            removed = say("list_separator", lang).join(
                f"{say(f'removed_{k}', lang)} {v}" for k, v in sorted(entry.removed.items())
            )
            action = say("action_minimized", lang, removed=removed or say("none", lang))
            if id(entry) in unreachable:
                action += say("action_unreachable", lang)
        elif entry.action == KEPT:
            action = say("action_kept", lang)
        else:
            label = say(f"class_{entry.decision.label.value}", lang)
            action = say("action_left_out", lang, label=label)
        name = mask(contact.display_name(), ValueKind.NAME, show_pii=show_pii) or "-"
        print(say("minimize_plan_line", lang, index=contact.source.index, name=name, action=action))


minimize_command.__doc__ = HELP
