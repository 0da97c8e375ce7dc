"""``piiaudit split``: hand-over files — business, private and to-review — byte for byte."""

from __future__ import annotations

import functools
import sys
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
from piiaudit.cli.output import check_output_dir
from piiaudit.errors import ConfigError
from piiaudit.exitcodes import ExitCode
from piiaudit.handover.digest import file_sha256
from piiaudit.handover.interactive import ask_review, confirm_business
from piiaudit.handover.manifest import MANIFEST_NAME, OVERRIDES_NAME
from piiaudit.handover.messages import issue_lines, override_notes, say
from piiaudit.handover.overrides import OverrideSet, load_overrides
from piiaudit.handover.plan import ORDER, SplitPlan
from piiaudit.handover.provenance import vet_overrides
from piiaudit.handover.safety import check_outputs, existing_outputs, require_file_input
from piiaudit.handover.split import SavedOverrides, output_paths, read_plan, write_split
from piiaudit.masking import mask
from piiaudit.model import ValueKind
from piiaudit.parsers import groups_skipped
from piiaudit.safeio import make_private_dirs
from piiaudit.shell import command_line as command
from piiaudit.shell import shell_word
from piiaudit.textnorm import readable

HELP = """Split a contact export into business, private and review files.

Pass --owner with your own name (as on your card) so that your own card, which
phones export too, stays with you instead of going to the company.

Each card (or CSV record) is copied byte for byte: same encoding, line
endings and vCard version, so importing the three files gives back exactly the
original contacts. A card the export left without END:VCARD gets that line
added (one without its first lines gets BEGIN:VCARD, and VERSION), and a CSV
record with a quote that never closes is written again with its cells quoted
(all named on the terminal and in the manifest), so that an import does not
merge them with what follows. All three files are
always written (a file no contact went to is empty, or holds only the CSV
header). manifest.json, which may go to the company with the hand-over, lists
each business contact (masked) and why it is business, and the private and
to-review contacts by index and file only; --dry-run shows every contact, for
you. Blank lines and junk between cards are not contacts and are not copied.
Next: check business.vcf, then 'piiaudit minimize OUT_DIR/business.vcf -o
for-company.vcf' (it keeps every contact split put in business.vcf). See
docs/handover.md for the whole exit workflow.

\b
Examples:
  piiaudit split export.vcf --out-dir handover/ --owner "山田 太郎"
  piiaudit split export.vcf --out-dir handover/ --dry-run
  piiaudit split export.vcf --out-dir handover/ --interactive
  piiaudit split export.vcf --out-dir handover/ --confirm-business   # and each business one
  piiaudit split export.vcf --out-dir handover/ --override handover/overrides.yaml --force
  piiaudit split contacts.csv --out-dir handover/      # CSV in, CSV out (same header)

\b
Override file (YAML; --interactive writes 'input:' itself):
  input: {file: export.vcf, sha256: <SHA-256 of export.vcf>}
  overrides:
    - contact: "index:12"        # or "uid:<UID>" or "name:<full name>"
      class: business            # or private
      reason: "customer of the Osaka branch"
index: entries are positions in that export: applied to a file with another
SHA-256 they are refused; without 'input:' they give a warning.

\b
Exit codes: 0 done; 2 usage, configuration or refused output, an input that
does not exist or is a folder, or an override file made for another export
(nothing is written); 3 the input could not be read or its cards cannot be
copied safely.
"""


def split_command(
    input_file: str = typer.Argument(..., metavar="INPUT", help="The contact export to split."),
    out_dir: Path = typer.Option(
        ...,
        "--out-dir",
        "-d",
        # scan's name for its report folder, so a user going from one to the other is not
        # told "No such option"
        "--output-dir",
        help="Directory for the output files (created with any missing parent, mode 0700).",
        metavar="DIR",
    ),
    override: Path | None = typer.Option(
        None, "--override", help="YAML file correcting classes (format above).", metavar="FILE"
    ),
    interactive: bool = typer.Option(
        False, "--interactive", "-i", help="Ask about each contact to review, on the terminal."
    ),
    confirm: bool = typer.Option(
        False,
        "--confirm-business",
        help="Also ask about each business contact before it goes to the company "
        "(implies --interactive).",
    ),
    save_overrides: Path | None = typer.Option(
        None,
        "--save-overrides",
        help="Where --interactive records the answers (default: OUT_DIR/overrides.yaml).",
        metavar="FILE",
    ),
    show_pii: bool = typer.Option(
        False, "--show-pii", help="Show names and emails unmasked in questions and the plan."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print what would be written; write nothing."
    ),
    force: bool = typer.Option(False, "--force", help="Replace existing output files."),
    lang: str | None = MESSAGE_LANG,
    config: Path | None = CONFIG,
    packs: list[Path] = PACKS,
    region: str | None = REGION,
    owner: list[str] = OWNER,
    quiet_: bool = QUIET_WARNINGS,
    debug: bool = DEBUG,
) -> None:
    """Split a contact export into business, private and review files."""

    def run() -> int:
        language = resolve_lang(lang)
        path = require_file_input(input_file, "split")
        asking = interactive or confirm
        if save_overrides is not None and not asking:
            raise ConfigError("--save-overrides records --interactive answers; add --interactive")
        check_output_dir(out_dir)  # before any question is asked
        warn_shared_folders([out_dir], language)
        overrides = load_overrides(override) if override else OverrideSet()
        digest = functools.partial(file_sha256, path)
        caution = vet_overrides(overrides, override, input_file, digest, language)
        if caution:
            warn(caution, language)
        profile, engine = load_engine(config, packs, region=region, owner=owner)
        if show_pii:
            warn(
                "--show-pii: personal data is shown unmasked on the terminal", language, always=True
            )
        plan = read_plan(path, engine, parse_options(profile, region, language), overrides)
        save = _save_target(out_dir, save_overrides) if asking else None
        targets = [*output_paths(plan, out_dir).values(), *([save] if save else [])]
        check_outputs([path], targets, force=force or dry_run, missing_dir_ok=True)
        stopped = False
        answered = 0
        if asking:
            answers = ask_review(
                plan, overrides, sys.stdin, sys.stdout, lang=language, show_pii=show_pii
            )
            stopped, answered = answers.stopped, answers.answered
        if confirm and not stopped:  # q, or input that ran out, ends every question
            answered += confirm_business(
                plan, overrides, sys.stdin, sys.stdout, lang=language, show_pii=show_pii
            ).answered
        for note in override_notes(overrides, language):
            warn(note, language)
        # The file that holds every decision so far: a re-run must read it (--override),
        # or --interactive --force saves only its own answers over it (QA hand-over).
        saving = not dry_run and save is not None and bool(len(overrides))
        decisions = _decisions_file(save if saving else None, override, out_dir)
        _report(plan, language, dry_run=dry_run, decisions=decisions)
        if dry_run:
            if answered:  # asked, answered, and written nowhere: say so before they are lost
                print(say("split_answers_not_saved", language, count=answered))
            _report_dry_run(plan, out_dir, language, show_pii=show_pii)
            for existing in [] if force else existing_outputs(targets):
                print(say("dry_run_output_exists", language, output=existing))
            return ExitCode.OK
        make_private_dirs(out_dir)
        saved = _saved(plan, overrides, save, language) if save and len(overrides) else None
        write_split(plan, out_dir, force=force, overrides=overrides, save=saved, lang=language)
        names = {f"{dest}_file": plan.file_name(dest) for dest in ORDER}
        print(say("split_written", language, out_dir=out_dir, manifest=MANIFEST_NAME, **names))
        others = _other_contact_files(out_dir, targets)
        if others:
            warn(say("split_other_files", language, out_dir=out_dir, files=others), language)
        if saved:
            print(say("split_overrides_saved", language, path=saved.path))
        business = plan.file_name("business")
        company = out_dir / "for-company.vcf"  # minimize writes vCard (docs/handover.md)
        # The command as it must run: in the region split read the numbers in (minimize
        # also finds it in the manifest), and with --force over a file an earlier run made.
        next_command = command(
            "minimize",
            out_dir / business,
            "-o",
            company,
            *(("--region", plan.region) if region is not None else ()),
            *same_choices(config, packs, owner),
            *(("--force",) if company.exists() else ()),
        )
        print(say("split_next", language, business_file=business, command=next_command))
        return ExitCode.OK

    with quiet(quiet_):
        code = guarded(run, debug=debug, lang=lang)
    raise typer.Exit(code)


def _save_target(out_dir: Path, explicit: Path | None) -> Path:
    return explicit if explicit is not None else out_dir / OVERRIDES_NAME


def _decisions_file(saved: Path | None, override: Path | None, out_dir: Path) -> Path | None:
    """The override file a re-run should read to keep every decision made so far: the
    answers this run saves (which hold the --override entries too), else the --override
    file, else the answers an earlier --interactive run saved in ``out_dir``."""
    if saved is not None:
        return saved
    if override is not None:
        return override
    earlier = out_dir / OVERRIDES_NAME
    return earlier if earlier.is_file() else None


def _saved(plan: SplitPlan, overrides: OverrideSet, path: Path, lang: str) -> SavedOverrides:
    """The answers to save, under a comment in the user's language (--lang ja: the
    privacy warning must be read by whoever opens the file)."""
    header = (
        say("overrides_header_title", lang, input=readable(plan.path.name)),
        say("overrides_header_reuse", lang),
        say("overrides_header_input", lang),
        say("overrides_header_private", lang),
    )
    return SavedOverrides(path, tuple(overrides.items()), header)


def _report(
    plan: SplitPlan, lang: str, *, dry_run: bool = False, decisions: Path | None = None
) -> None:
    counts = plan.counts()
    print(say("split_summary", lang, count=len(plan.decisions), input=plan.path, **counts))
    if any(not groups_skipped(issue.message) for issue in plan.info.issues):
        _report_issues(plan, lang)
    groups = sum(g.groups for g in plan.gaps)
    if groups:
        kept = "split_groups_would_keep" if dry_run else "split_groups_kept"
        print(say(kept, lang, count=groups))
    junk = [g for g in plan.gaps if not g.blank and not g.groups]
    if junk:
        total = sum(g.size for g in junk)
        lost = "split_would_not_copy" if dry_run else "split_not_copied"
        warn(say(lost, lang, bytes=total, line=junk[0].line), lang)
    undecided = len(plan.review())  # nested cards follow their parent: not asked about
    if undecided:
        # Run as printed after a real split, the folder's files need --force (QA docs walk),
        # and the answers so far must be read again, not saved over (QA hand-over).
        key = "split_review_hint_dry" if dry_run else "split_review_hint"
        if decisions is not None:
            word = shell_word(decisions)
            print(say(f"{key}_override", lang, count=undecided, overrides=word))
        else:
            print(say(key, lang, count=undecided))


def _report_issues(plan: SplitPlan, lang: str) -> None:
    """The reader's issues, then each card that gets an added END:VCARD, named by its
    own BEGIN line (the reader's issue names the line where it noticed the END missing:
    the next card's BEGIN, or the end of the file), and each CSV record written again.
    Skipped group cards are no problem: the line after these says where they were copied."""
    issues = [issue for issue in plan.info.issues if not groups_skipped(issue.message)]
    for line in issue_lines(plan.path, issues, lang):
        warn(line, lang)
    closed = plan.closed_by_reader()
    requoted = plan.requoted()
    opened = plan.opened_by_split()
    for key, decisions in (
        ("split_begin_added", opened),
        ("split_end_added", closed),
        ("split_requoted", requoted),
    ):
        for decision in decisions:
            source = decision.result.contact.source
            file = plan.file_name(plan.destination(decision))
            text = say(key, lang, input=plan.path, line=source.line, index=source.index, file=file)
            warn(text, lang)
    warn(_issues_summary(plan, len(issues), len(closed), lang, requoted=len(requoted)), lang)


def _issues_summary(
    plan: SplitPlan, count: int, closed: int, lang: str, *, requoted: int = 0
) -> str:
    """The sentence after the issues: what they mean for the cards copied. Of a file
    without a contact (a CSV with its header only) there is no card to check; the
    number of problems and of closed cards each take their own plural."""
    if not plan.decisions:
        return say("split_issues_no_contacts", lang, count=count, input=plan.path)
    if requoted:  # CSV: no END:VCARD to add there
        return say("split_issues_requoted", lang, count=count, input=plan.path, requoted=requoted)
    if not closed:
        return say("split_issues", lang, count=count, input=plan.path)
    if closed == 1 and count > 1:
        return say("split_issues_closed_single", lang, count=count, input=plan.path)
    return say("split_issues_closed", lang, count=count, input=plan.path, closed=closed)


def _other_contact_files(out_dir: Path, written: list[Path]) -> str:
    """The contact files in ``out_dir`` this split did not write, by name (``""``: none).
    Rerun with ``--force`` after a changed decision, the folder kept the
    ``for-company.vcf`` made from the old business file, unsaid (QA hand-over)."""
    mine = {path.name for path in written}
    try:
        names = sorted(
            entry.name
            for entry in out_dir.iterdir()
            if entry.name not in mine
            and entry.suffix.lower() in (".vcf", ".vcard", ".csv")
            and entry.is_file()
        )
    except OSError:
        return ""
    return ", ".join(readable(name) for name in names)


def _report_dry_run(plan: SplitPlan, out_dir: Path, lang: str, *, show_pii: bool) -> None:
    if not out_dir.is_dir():
        print(say("split_dry_run_dir", lang, out_dir=out_dir))
    files = say("list_separator", lang).join([*(plan.file_name(d) for d in ORDER), MANIFEST_NAME])
    print(say("split_dry_run", lang, files=files, out_dir=out_dir))
    for decision in plan.decisions:
        contact = decision.result.contact
        parent = contact.source.parent
        if parent is not None:
            why = say("why_nested", lang, parent=parent)
        elif decision.override is not None:
            why = say("why_override", lang, reason=decision.override.reason)
        else:
            why = say("why_engine", lang, reasons=", ".join(decision.reasons) or "-")
        if contact.source.index in plan.missing_ends:
            why = say("why_end_added", lang, why=why)
        if contact.source.parent is None and contact.source.start in plan.rewrites:
            why = say("why_requoted", lang, why=why)
        name = mask(contact.display_name(), ValueKind.NAME, show_pii=show_pii) or "-"
        destination = plan.file_name(plan.destination(decision))
        print(
            say(
                "split_plan_line",
                lang,
                index=contact.source.index,
                line=contact.source.line,
                name=name,
                file=destination,
                why=why,
            )
        )


split_command.__doc__ = HELP
