"""``piiaudit minimize``: a vCard 3.0 copy with only the business data of business contacts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from piiaudit.cli.common import guarded, load_engine, parse_options, resolve_lang, warn
from piiaudit.exitcodes import ExitCode
from piiaudit.handover.messages import issue_lines, say
from piiaudit.handover.minimize_run import (
    KEPT,
    LEFT_OUT,
    MINIMIZED,
    MinimizePlan,
    plan_minimize,
    write_minimized,
)
from piiaudit.handover.overrides import OverrideSet, load_overrides
from piiaudit.handover.policy import load_policy
from piiaudit.handover.safety import STDIN, check_outputs
from piiaudit.masking import mask
from piiaudit.model import ContactClass, ValueKind

HELP = """Write a vCard 3.0 copy keeping only the business data of business contacts.

A business contact keeps its name, organisation, title, work phone, work
email and work address. It loses home phones and addresses, personal mobiles
(labelled cell/iPhone/携帯 without a work label, or an unlabelled mobile
number), personal email (labelled home, or the phone's own EMAIL;CELL
address), birthday, anniversary, notes, photo, related people, nicknames and
every other property; and every field in which piiaudit finds personal data
above 'low' (free-mail and carrier addresses, for instance). Labels mean what
they mean to 'scan' (社用携帯 and 'Work Mobile' are work phones, 'Home email'
is personal), and what scan reports as a home or personal value is never
handed over. Problems reading the input are listed as file:line. Private contacts
are left out unless --keep-private (then kept with every field piiaudit read,
photos excepted); unknown ones are left out unless --keep-unknown (then
minimized like business contacts). The output is vCard 3.0, written with
vobject, mode 0600. See docs/handover.md for the whole exit workflow.

\b
Examples:
  piiaudit minimize export.vcf -o handover.vcf
  piiaudit minimize export.vcf -o handover.vcf --dry-run
  piiaudit minimize export.vcf -o handover.vcf --override handover/overrides.yaml
  piiaudit minimize contacts.csv -o handover.vcf --keep-unknown --lang ja

\b
Exit codes: 0 done; 2 usage, configuration or refused output; 3 the input
could not be read.
"""


def minimize_command(
    input_file: str = typer.Argument(
        ..., metavar="INPUT", help="The contact export ('-' reads standard input)."
    ),
    out: Path = typer.Option(..., "--output", "-o", help="The vCard 3.0 file to write."),
    keep_private: bool = typer.Option(
        False, "--keep-private", help="Also write private contacts, complete."
    ),
    keep_unknown: bool = typer.Option(
        False, "--keep-unknown", help="Also write unknown contacts, minimized."
    ),
    override: Path | None = typer.Option(
        None, "--override", help="YAML file correcting classes (as for split)."
    ),
    show_pii: bool = typer.Option(
        False, "--show-pii", help="Show names unmasked in the --dry-run plan."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print what would be written and removed; write nothing."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
    lang: str | None = typer.Option(
        None, "--lang", help="Message language: ja or en (default: from LANG/LC_ALL)."
    ),
    config: Path | None = typer.Option(
        None, "--config", "-c", help="Company profile (default: piiaudit.yaml here or above)."
    ),
    packs: list[Path] = typer.Option([], "--pack", help="Extra rule pack folder (repeatable)."),
    region: str | None = typer.Option(
        None, "--region", help="Default phone region for numbers without +country (default JP)."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
) -> None:
    """Write a vCard 3.0 copy keeping only the business data of business contacts."""

    def run() -> int:
        language = resolve_lang(lang)
        overrides = load_overrides(override) if override else OverrideSet()
        inputs = [] if input_file == STDIN else [Path(input_file)]
        check_outputs(inputs, [out], force=force)
        profile, engine = load_engine(config, packs)
        plan = plan_minimize(
            input_file,
            engine,
            parse_options(profile, region),
            overrides,
            keep_private=keep_private,
            keep_unknown=keep_unknown,
            policy=load_policy(engine.loaded.lists),
        )
        for unused in overrides.unused():
            warn(say("override_unused", language, selector=unused.shown(), origin=unused.origin))
        _issues(plan, language)
        if dry_run:
            print(say("minimize_dry_run", language, written=len(plan.written()), output=out))
            _print_plan(plan, language, show_pii=show_pii)
        else:
            write_minimized(plan, out, force=force)
        _summary(plan, out, language, dry_run=dry_run)
        return ExitCode.OK

    raise typer.Exit(guarded(run, debug=debug))


def _issues(plan: MinimizePlan, lang: str) -> None:
    """What the reader could not take as written: a card cut short or lost to odd line
    endings is not handed over as it was, and the user must know before deleting."""
    issues = plan.info.issues
    if not issues:
        return
    for line in issue_lines(plan.path, issues, lang):
        warn(line)
    warn(say("minimize_issues", lang, count=len(issues), input=plan.path))


def _summary(plan: MinimizePlan, out: Path, lang: str, *, dry_run: bool) -> None:
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
    left_unknown = plan.count(ContactClass.UNKNOWN, LEFT_OUT)
    if left_private or left_unknown:
        print(say("minimize_left_out", lang, private=left_private, unknown=left_unknown))
    _removed(plan.removed(), lang)


def _removed(removed: Counter[str], lang: str) -> None:
    if not removed:
        print(say("minimize_removed_none", lang))
        return
    print(say("minimize_removed_header", lang))
    for category, count in sorted(removed.items(), key=lambda item: (-item[1], item[0])):
        name = say(f"removed_{category}", lang)
        print(say("minimize_removed_line", lang, name=name, category=category, count=count))


def _print_plan(plan: MinimizePlan, lang: str, *, show_pii: bool) -> None:
    for entry in plan.entries:
        contact = entry.decision.result.contact
        if entry.action == MINIMIZED:
            removed = ", ".join(f"{k} {v}" for k, v in sorted(entry.removed.items()))
            action = say("action_minimized", lang, removed=removed or say("none", lang))
        elif entry.action == KEPT:
            action = say("action_kept", lang)
        else:
            action = say("action_left_out", lang, label=entry.decision.label.value)
        name = mask(contact.display_name(), ValueKind.NAME, show_pii=show_pii) or "-"
        print(say("minimize_plan_line", lang, index=contact.source.index, name=name, action=action))


minimize_command.__doc__ = HELP
