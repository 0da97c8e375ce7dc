"""``piiaudit rules list | validate | test``: CI for rule packs.

The logic lives in :mod:`piiaudit.engine` (loader, validate, testing); these
commands only parse options, print with rich and pick the exit code: 1 when a
pack has a problem or a failing test, 2 for a usage or configuration error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from piiaudit.cli.common import DEBUG, guarded, load_engine, warn
from piiaudit.engine import load_profile
from piiaudit.engine.loader import shipped_pack_dirs
from piiaudit.engine.packsearch import PACK_FILE, profile_pack_dirs, resolve_pack_dirs, unique_dirs
from piiaudit.engine.profile import Profile
from piiaudit.engine.schema import Problem
from piiaudit.engine.testing import (
    TEST_PROFILE,
    CaseResult,
    PackReport,
    build_engine,
    run_pack_tests,
    shipped_test_profile,
    write_junit,
)
from piiaudit.engine.validate import check_packs, validate_packs
from piiaudit.engine.yamlsafe import load_yaml
from piiaudit.errors import OutputError, RulePackError
from piiaudit.exitcodes import ExitCode
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.reporters.textsafe import visible
from piiaudit.safeio import check_target

app = typer.Typer(
    help="List, validate and test rule packs (the shipped ones, or yours).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

PATHS_HELP = "Pack folders (or a folder of packs); default: the shipped packs."
# These commands speak English in every language setting, as the rule format does:
# they are for the people who author packs and profiles (docs/rules.md). Their errors
# followed the locale, so one broken file read in two languages (QA round 19).
LANG = "en"


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _pack_dirs(paths: list[Path] | None) -> list[Path]:
    return resolve_pack_dirs(paths) if paths else shipped_pack_dirs()


@app.command("list")
def list_command(
    config: Path | None = typer.Option(
        None, "--config", "-c", help="Company profile (piiaudit.yaml).", metavar="FILE"
    ),
    packs: list[Path] = typer.Option(
        [], "--pack", help="Extra pack folder (repeatable).", metavar="DIR"
    ),
    debug: bool = DEBUG,
) -> None:
    """The effective rules (after the profile's packs, overrides and disables) and their packs."""

    def run() -> None:
        _, engine = load_engine(config, packs)
        columns = ("id", "name", "pack", "category", "severity", "applies to", "role")
        rows = []
        for rule in engine.rules:
            applies = ",".join(sorted(c.value for c in rule.applies_to))
            role = "finding" if rule.report else "signal"
            if rule.evidence is not None:
                role += f" ({rule.evidence.towards.value} {rule.evidence.weight:g})"
            category, severity = rule.category.value, rule.severity.label
            rows.append((rule.id, rule.name, rule.pack, category, severity, applies, role))
        console = _console()
        if not console.is_terminal:
            # Piped or in CI: one tab-separated line per rule, easy to grep and diff.
            for row in (columns, *rows):
                print("\t".join(row))
            return
        table = Table(title="piiaudit rules", show_lines=False)
        for column in columns:
            table.add_column(column, no_wrap=column in ("id", "name"))
        for row in rows:
            table.add_row(*row)
        console.print(table)

    guarded(run, debug=debug, lang=LANG)


@app.command("validate")
def validate_command(
    paths: list[Path] = typer.Argument(None, metavar="PACK", help=PATHS_HELP),
    config: Path | None = typer.Option(
        None,
        "--config",
        "-c",
        help="Validate with this company profile: the profile itself, its lists (a rule may "
        "name them) and, without a path, its packs.",
        metavar="FILE",
    ),
    junit: Path | None = typer.Option(
        None,
        "--junit",
        help="Also write JUnit XML to FILE (for CI): a failed test per problem.",
        metavar="FILE",
    ),
    debug: bool = DEBUG,
) -> None:
    """Check schema, regexes (re2), duplicate ids, unknown keys and categories; exit 1 on error."""

    def run() -> int:
        if junit is not None:
            _check_junit(junit)
        # The profile names the company's packs and fills the lists its rules may name;
        # scan -c and rules test -c read it, validate could not, so a CI job or hook had to
        # repeat the pack paths and a broken piiaudit.yaml passed validate (QA round 18).
        profile = load_profile(config, Path.cwd()) if config else None
        dirs = _tested_dirs(paths, profile) if profile else _pack_dirs(paths)
        checked = check_packs(dirs, profile)
        problems = checked.problems
        if junit is not None:
            # CI's test view lists what rules test lists; validate printed text only, so
            # a pipeline had nothing to show for a broken pack (rule-pack author QA).
            write_junit(_validation_report(dirs, problems), junit)
        console = _console()
        for problem in problems:
            console.print(visible(str(problem)), markup=False)
        if problems:
            console.print(
                f"{_count(len(problems), 'problem')} in {_count(len(dirs), 'pack')}",
                style="bold red",
            )
        if checked.profile_error is not None:
            # As rules test, rules list and scan stop on it: a configuration error, exit 2
            # (it passed validate, QA round 19).
            raise checked.profile_error
        if problems:
            return ExitCode.FINDINGS
        names = ", ".join(_pack_name(d) for d in dirs)
        console.print(visible(f"{_count(len(dirs), 'pack')} valid: {names}"), style="green")
        return ExitCode.OK

    raise typer.Exit(guarded(run, debug=debug, lang=LANG))


def _validation_report(dirs: list[Path], problems: Sequence[Problem]) -> PackReport:
    """``rules validate``'s answer as tests: a failed one per problem, a passed one per
    pack without any."""
    failed = [
        CaseResult(
            "validate",
            f"{p.path}:{p.line}" if p.line else p.path,
            False,
            p.message,
            p.path,
            p.line,
        )
        for p in problems
    ]
    broken = {Path(p.path).resolve() for p in problems}
    passed = [
        CaseResult("validate", _pack_name(d), True, "", str(d))
        for d in dirs
        if not any(d.resolve() == b or d.resolve() in b.parents for b in broken)
    ]
    return PackReport([*failed, *passed])


def _pack_name(directory: Path) -> str:
    """A pack's id, as reports name it, with its folder when that reads differently
    (the summary named folders: "2 packs valid: mine, two" for packs ``jp`` and ``two``)."""
    try:
        document = load_yaml(directory / PACK_FILE)
    except RulePackError:
        return directory.name
    pack_id = document.get("id") if isinstance(document, dict) else None
    if not isinstance(pack_id, str) or pack_id == directory.name:
        return directory.name
    return f"{pack_id} ({directory})"


def _read_contacts(path: Path) -> Iterator[Contact]:
    with open_input(str(path), ParseOptions()) as parsed:
        yield from parsed.contacts


def _print_report(report: PackReport, console: Console) -> None:
    for suite, results in report.by_suite().items():
        failed = [r for r in results if not r.passed and not r.todo]
        todos = [r for r in results if r.todo]
        status = "[red]FAIL[/red]" if failed else "[green]pass[/green]"
        extra = f", {len(todos)} todo" if todos else ""
        shown = escape(visible(suite))
        console.print(f"{status} {shown} ({_count(len(results) - len(todos), 'check')}{extra})")
        for result in failed:
            where = f"{result.path}:{result.line}" if result.line else result.path
            line = f"    {where}: {result.name}: {result.message}"
            console.print(visible(line), markup=False)
        for result in todos:
            line = f"    todo {result.name}: {result.message}"
            console.print(visible(line), markup=False, style="yellow")


def _load_failures(dirs: list[Path], error: RulePackError) -> PackReport:
    """Every problem that keeps the packs (``dirs``, in load order) from loading, as
    failed ``load`` tests."""
    problems = [(p.message, p.path, p.line) for p in validate_packs(dirs)]
    if not problems:  # not a pack file's fault (a profile's list, say): the error itself
        problems = [(error.message, error.path or "", error.line)]
    return PackReport(
        [
            CaseResult("load", f"{path}:{line}" if line else path, False, message, path, line)
            for message, path, line in problems
        ]
    )


@app.command("test")
def test_command(
    paths: list[Path] = typer.Argument(None, metavar="PACK", help=PATHS_HELP),
    junit: Path | None = typer.Option(
        None, "--junit", help="Also write JUnit XML to FILE (for CI).", metavar="FILE"
    ),
    config: Path | None = typer.Option(
        None,
        "--config",
        "-c",
        help="Test against this company profile (its packs, disables and lists) instead of "
        "the fictional test company; without a path, test the profile's packs.",
        metavar="FILE",
    ),
    with_shipped: bool = typer.Option(
        False,
        "--with-shipped",
        help="Also run the shipped packs' checks, against your packs (overrides, extended "
        "lists); cases of rules you disable are not run.",
    ),
    debug: bool = DEBUG,
) -> None:
    """Run every rule's examples, .cases.yaml files and fixture files; exit 1 on any failure."""

    def run() -> int:
        if junit is not None:
            _check_junit(junit)
        profile = load_profile(config, Path.cwd()) if config else TEST_PROFILE
        dirs = _tested_dirs(paths, profile)
        try:
            engine = build_engine(dirs, profile)
            # A shipped pack's cases are written for the fictional test company, also
            # when named or tested because the profile has no packs of its own: run
            # against the company's names and customers, they failed (QA docs walk).
            own = [d for d in dirs if not _shipped(d)]
            report = run_pack_tests(own, reader=_read_contacts, engine=engine)
            named = [d for d in dirs if _shipped(d)]
            if with_shipped or named:
                report.results += _shipped_checks(own, profile, None if with_shipped else named)
        except RulePackError as exc:
            if junit is not None:  # CI shows why nothing ran, not an empty report
                everything = unique_dirs([*profile_pack_dirs(profile), *dirs])
                write_junit(_load_failures(everything, exc), junit)
            raise
        console = _console()
        _print_report(report, console)
        if junit is not None:
            write_junit(report, junit)
        failures = len(report.failures)
        total = len([r for r in report.results if not r.todo])
        style = "bold red" if failures else "green"
        console.print(f"{total - failures} passed, {failures} failed", style=style)
        if total == 0:  # a pack that only overrides lists or disables rules tests nothing
            warn(  # on stderr with the program's name, as every other warning (UX review)
                "no checks ran: these packs hold no rule, case or fixture of their "
                "own (a pack that only overrides or extends lists or disables rules changes "
                "shipped rules: add --with-shipped to run their cases against it)"
            )
        return ExitCode.FINDINGS if failures else ExitCode.OK

    raise typer.Exit(guarded(run, debug=debug, lang=LANG))


def _tested_dirs(paths: list[Path] | None, profile: Profile) -> list[Path]:
    """The packs whose checks run: those named, else the profile's (``--config``), else
    the shipped ones."""
    if paths:
        return resolve_pack_dirs(paths)
    return profile_pack_dirs(profile) or shipped_pack_dirs()


def _shipped(directory: Path) -> bool:
    return directory.resolve() in {d.resolve() for d in shipped_pack_dirs()}


def _shipped_checks(
    dirs: list[Path], profile: Profile, which: list[Path] | None = None
) -> list[CaseResult]:
    """The shipped packs' own checks (``which``, else all: ``--with-shipped``), run on
    an engine with your packs ``dirs``, so an override or an extended list that breaks
    a shipped rule fails here. They run against the fictional test company they are
    written for (with your profile's packs and disables); cases of rules your packs or
    profile switch off are reported as not run, since switching a shipped rule off is
    a choice."""
    shipped = list(which) if which is not None else shipped_pack_dirs()
    if not shipped:
        return []
    engine = build_engine(dirs, shipped_test_profile(profile))
    report = run_pack_tests(shipped, reader=_read_contacts, engine=engine, skip_disabled=True)
    return report.results


def _check_junit(path: Path) -> None:
    """Replace only an earlier JUnit report: a CI job reruns into the same file, but
    ``--junit rules/X.yaml`` replaced a rule file with XML, even on a run that then
    stopped with exit 2 (security review, QA round 7). Checked before anything runs."""
    if not (path.exists() or path.is_symlink()):
        # Its folder must exist: a missing one stopped the run after every test had run,
        # without the summary (UX review).
        if not path.parent.is_dir():
            raise OutputError(f"{path.parent}: output directory does not exist")
        return
    if path.is_symlink() or not path.is_file():
        check_target(path, force=True)  # a link, a folder or a device: refused, says why
        return
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"<testsuites" not in head:
        raise OutputError(f"{path}: exists and is not a JUnit report; refusing to replace it")


def _count(number: int, noun: str) -> str:
    """``1 pack``, ``3 packs``: the summary lines said ``1 problem(s) in 1 pack(s)``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
