"""``piiaudit minimize``: a vCard 3.0 copy with only the business data of business contacts."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
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
    load_engine,
    parse_options,
    quiet,
    resolve_lang,
    same_choices,
    warn,
    warn_shared_folders,
)
from piiaudit.engine import Engine
from piiaudit.engine.profile import region_error
from piiaudit.errors import ConfigError
from piiaudit.exitcodes import ExitCode
from piiaudit.handover.accepted import for_minimize
from piiaudit.handover.digest import file_sha256
from piiaudit.handover.manifest import (
    OutputSummary,
    SplitOutput,
    in_split_folder,
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
from piiaudit.handover.provenance import Decided, decide_again, decided_class, vet_overrides
from piiaudit.handover.safety import STDIN, check_outputs, existing_outputs, require_input
from piiaudit.masking import mask
from piiaudit.model import ContactClass, ValueKind
from piiaudit.parsers.csv_reader import is_preamble_note
from piiaudit.shell import command_line as command

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
    owner: list[str] = OWNER,
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
        decided, split_file = _decided(input_file, overrides, override, all_business, language)
        # A file split wrote is read in the region split read it in (its manifest says).
        numbers_in, region_note = _region(region, split_file, input_file, language)
        profile, engine = load_engine(config, packs, region=numbers_in, owner=owner)
        applied = for_minimize(profile)  # see handover.accepted
        engine = Engine(engine.loaded, applied)
        if len(applied.suppress) < len(profile.suppress):  # said, not dropped unseen
            count = len(profile.suppress) - len(applied.suppress)
            warn(say("minimize_profile_not_applied", language, count=count), language)
        options = parse_options(profile, numbers_in, language)
        if region is None and split_file is not None and split_file.region is not None:
            # the manifest's region is no choice of the user's when split assumed it
            options = dataclasses.replace(options, region_given=split_file.region_chosen)
        plan = plan_minimize(
            input_file,
            engine,
            options,
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
        if decided.assumed:  # said before the file is written, and in --dry-run too
            _warn_not_business(plan, input_file, language)
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
        if region_note:
            print(region_note)
        again = same_choices(config, packs, owner)
        decide = _decide_command(input_file, split_file, override, region, again, language)
        _summary(plan, out, language, dry_run=dry_run, keep_unknown=keep_unknown, decide=decide)
        if written is not None:
            _handed_over(plan, Path(input_file), out, written, decided, language)
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


def _handed_over(
    plan: MinimizePlan,
    source: Path,
    out: Path,
    written: OutputSummary,
    decided: Decided,
    lang: str,
) -> None:
    """The written file's SHA-256, said for what it is; its record in the manifest of the
    split it was made from; and what to do with it next (docs/handover.md, step 5)."""
    own = plan.count(ContactClass.PRIVATE, KEPT)
    if own:  # the owner's copy: no receiver is to check it, nobody is to get it
        key = "minimize_sha256_own"
    elif not plan.written():
        key = "minimize_sha256_empty"
    else:
        key = "minimize_sha256"
    print(say(key, lang, output=out, sha256=written.sha256))
    if own:  # --keep-private's warning says the rest: never the company's
        return
    # split's business file, unchanged: its manifest tells the company what it gets
    business = decided.split_written and decided.label is ContactClass.BUSINESS
    if business and not in_split_folder(source, out):
        # a copy made elsewhere (a test to /tmp) is nothing the company is told of
        print(say("minimize_not_recorded_elsewhere", lang, output=out, folder=source.parent))
        return
    recorded = record_handed_over(source, written) if business else None
    if recorded is not None:
        key = "minimize_recorded_replaced" if recorded.replaced else "minimize_recorded"
        replaced = say("list_separator", lang).join(recorded.replaced)
        manifest = recorded.manifest
        print(say(key, lang, output=out.name, manifest=manifest, replaced=replaced))
    if not plan.written():
        return
    if recorded is not None:
        print(say("minimize_next", lang, output=out, manifest=recorded.manifest))
    else:
        print(say("minimize_next_plain", lang, output=out))


def _region(
    given: str | None, split_file: SplitOutput | None, input_file: str, lang: str
) -> tuple[str | None, str]:
    """The phone region to read the input in, and a note saying so when it is the one the
    manifest beside a file ``split`` wrote records. split decided who is business with
    the numbers read in that region: read in another one, a Dutch ``06-12345678`` became
    a Japanese landline and was handed over (QA hand-over). So ``--region`` naming another
    region is refused (exit 2); a manifest that records none (older than version 6) leaves
    the region to ``--region`` and the profile, as before."""
    recorded = split_file.region if split_file is not None else None
    if split_file is None or recorded is None:
        return given, ""
    if given is None:
        if not split_file.region_chosen:
            return recorded, ""  # the default, as minimize's own would be
        return recorded, say(
            "minimize_region_from_manifest", lang, input=input_file, region=recorded
        )
    if region_error(given) or given.upper() == recorded:
        return given, ""  # an unknown region is refused as such, where options are read
    key = (
        "minimize_region_conflict"
        if split_file.region_chosen
        else "minimize_region_conflict_default"
    )
    raise ConfigError(say(key, lang, input=input_file, given=given.upper(), recorded=recorded))


def _warn_not_business(plan: MinimizePlan, input_file: str, lang: str) -> None:
    """--all-business on a file no manifest vouches for: how many of its contacts the
    engine takes for private or unknown (none of them decided by an override). Said so
    that --all-business on the phone's own export, which hands the owner's family over,
    does not pass unseen (QA hand-over)."""
    engine_says = Counter(
        entry.decision.engine_label for entry in plan.entries if entry.decision.override is None
    )
    private, unknown = engine_says[ContactClass.PRIVATE], engine_says[ContactClass.UNKNOWN]
    if not private and not unknown:
        return
    parts = [
        say(f"all_business_{label}", lang, count=count)
        for label, count in (("private", private), ("unknown", unknown))
        if count
    ]
    counts = say("all_business_and", lang).join(parts)
    split = command("split", input_file, "--out-dir", "handover")
    text = say(
        "minimize_all_business_not_business",
        lang,
        input=input_file,
        count=len(plan.entries),
        counts=counts,
        command=split,
    )
    warn(text, lang)


def _decide_command(
    input_file: str,
    split_file: SplitOutput | None,
    override: Path | None,
    region: str | None,
    again: tuple[str | Path, ...],
    lang: str,
) -> str:
    """The ``split --interactive`` command that decides the contacts left out as unknown,
    named by the user's own files: split's review file is decided by splitting its export
    again into its folder; any other input by splitting it. ``again``: the options that
    chose the profile, packs and owner (:func:`~piiaudit.cli.common.same_choices`)."""
    if split_file is not None and input_file != STDIN:
        return decide_again(split_file, Path(input_file).parent, again)
    export = say("export_placeholder", lang) if input_file == STDIN else input_file
    return command(
        "split",
        export,
        "--out-dir",
        "handover",
        "--interactive",
        *(("--override", override) if override is not None else ()),
        *(("--region", region.upper()) if region is not None else ()),
        *again,
    )


def _decided(
    input_file: str,
    overrides: OverrideSet,
    override: Path | None,
    all_business: bool,
    lang: str,
) -> tuple[Decided, SplitOutput | None]:
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
    return decided, split_file


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
    plan: MinimizePlan, out: Path, lang: str, *, dry_run: bool, keep_unknown: bool, decide: str
) -> None:
    # Each kind written, the ones with none left out: "0 unknown minimized, 0 private
    # kept complete" on every run of a business file said nothing (QA hand-over).
    kinds = (
        ("summary_business", plan.count(ContactClass.BUSINESS, MINIMIZED)),
        ("summary_unknown", plan.count(ContactClass.UNKNOWN, MINIMIZED)),
        ("summary_private", plan.count(ContactClass.PRIVATE, KEPT)),
    )
    parts = say("list_separator", lang).join(
        say(key, lang, count=count) for key, count in kinds if count
    )
    key = "minimize_dry_run_summary" if dry_run else "minimize_summary"
    written = len(plan.written())
    key += "" if parts else "_none"
    print(say(key, lang, input=plan.path, written=written, output=out, parts=parts))
    left_private = plan.count(ContactClass.PRIVATE, LEFT_OUT)
    if left_private:
        print(say("minimize_left_out_private", lang, count=left_private))
    left_unknown = plan.count(ContactClass.UNKNOWN, LEFT_OUT)
    if left_unknown and not keep_unknown:
        print(say("minimize_left_out_unknown", lang, count=left_unknown, command=decide))
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
