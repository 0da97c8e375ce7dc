"""``piiaudit scan``: the main job — parse, classify, score, report."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import typer

from piiaudit import baseline as baselines
from piiaudit.audit import AuditOptions, audit_report
from piiaudit.cli import output
from piiaudit.cli import progress as batch
from piiaudit.cli.common import (
    CONFIG,
    DEBUG,
    OWNER,
    PACKS,
    REGION,
    guarded,
    inform,
    lang_or_default,
    load_engine,
    pack_folders,
    parse_options,
    refuse_when_no_input_exists,
    resolve_lang,
    warn,
    warn_open_key,
    warn_shared_folders,
)
from piiaudit.discovery import STDIN, Filters, identical_files, nothing_found
from piiaudit.errors import ConfigError
from piiaudit.exitcodes import ExitCode
from piiaudit.model import Severity
from piiaudit.reporters import ReportOptions, people
from piiaudit.reporters.parts import PartPlan
from piiaudit.reporters.parttypes import Assembled
from piiaudit.reporters.view import HIDDEN_IN_COMPLIANCE
from piiaudit.reporters.viewtypes import FileView, Repeat
from piiaudit.safeio import make_private_dirs

EPILOG = """Examples:

\b
  piiaudit scan export.vcf
  piiaudit scan export.vcf --lang ja --explain
  piiaudit scan export.vcf -f json -o report.json
  piiaudit scan exports/ -f json,html,sarif --output-dir reports/ --audience compliance
  piiaudit scan export.vcf --fail-on high        # exit 1 when a high or critical finding exists
  cat export.vcf | piiaudit scan -
  piiaudit scan exports/ --group-by dir --include '*.vcf' --jobs 4
  piiaudit scan exports/ --baseline baseline.json --baseline-key-file org.key --fail-on high

\b
Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage or configuration
error, or no file to audit found (nothing is written); 3 at least one input could
not be read (the others are still reported).
"""


def scan_command(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH", help="Export files or directories to audit; '-' reads standard input."
    ),
    fmts: list[str] = typer.Option(
        [],
        "--format",
        "-f",
        help="Report format(s), comma-separated: terminal, json, html, sarif, csv "
        "(default: from the --output file's extension, else terminal). Repeat it with "
        "--output for several files: -f html -o r.html -f json -o r.json.",
        metavar="FORMATS",
    ),
    outs: list[Path] = typer.Option(
        [],
        "--output",
        "-o",
        help="Write the report to FILE; without --format its extension names the format "
        "(.txt or none, .json, .html, .sarif, .csv). May be given once per report.",
        metavar="FILE",
    ),
    output_dir: Path | None = typer.Option(
        None,
        "--output-dir",
        help="Write one file per format into DIR (piiaudit-report.<ext>); "
        "DIR is created (mode 0700) if missing.",
        metavar="DIR",
    ),
    force: bool = typer.Option(False, "--force", help="Replace existing report files."),
    allow_in_input: bool = typer.Option(
        False, "--allow-output-in-input", help="Allow writing reports inside an input directory."
    ),
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 on a finding of this severity or higher: info, low, medium, high, critical.",
        metavar="LEVEL",
    ),
    show_pii: bool = typer.Option(
        False, "--show-pii", help="Show personal values unmasked (prints a warning)."
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help="Report language: ja or en (default: from LANG/LC_ALL).",
        metavar="ja|en",
    ),
    audience: str = typer.Option(
        "self",
        "--audience",
        help="self: the phone owner sees every contact (masked); "
        "compliance: private contacts are only counted.",
        metavar="self|compliance",
    ),
    explain: bool = typer.Option(
        False, "--explain", help="Show each finding's decision trail and classification signals."
    ),
    csv_rows: str = typer.Option(
        "findings",
        "--csv-rows",
        help="CSV report rows: findings or contacts.",
        metavar="findings|contacts",
    ),
    config: Path | None = CONFIG,
    packs: list[Path] = PACKS,
    region: str | None = REGION,
    owner: list[str] = OWNER,
    no_color: bool = typer.Option(False, "--no-color", help="No colours in the terminal report."),
    include: list[str] = batch.INCLUDE,
    exclude: list[str] = batch.EXCLUDE,
    jobs: int | None = batch.JOBS,
    group_by: str = batch.GROUP_BY,
    quiet: bool = batch.QUIET,
    verbose: bool = batch.VERBOSE,
    baseline: Path | None = typer.Option(
        None,
        "--baseline",
        help="Report only findings not in this baseline (baseline create).",
        metavar="FILE",
    ),
    baseline_key_file: Path | None = typer.Option(
        None,
        "--baseline-key-file",
        help="File holding the baseline key (default: $PIIAUDIT_BASELINE_KEY).",
        metavar="FILE",
    ),
    debug: bool = DEBUG,
) -> None:
    """Audit contact exports and report the personal information they expose."""

    def run() -> int:
        if audience not in ("self", "compliance"):
            raise ConfigError(f"--audience must be self or compliance, not {audience!r}")
        if csv_rows not in ("findings", "contacts"):
            raise ConfigError(f"--csv-rows must be findings or contacts, not {csv_rows!r}")
        threshold = _severity(fail_on)
        batch.check_verbosity(quiet, verbose)
        workers = batch.check_jobs(jobs)
        batch.check_globs(include, exclude)
        grouping = batch.check_group_by(group_by)
        accepted, key = None, b""
        if baseline_key_file is not None and baseline is None:  # CI would report every finding
            raise ConfigError(
                "--baseline-key-file is used only with --baseline FILE (did you forget --baseline?)"
            )
        if baseline is not None:  # read before the audit: a bad baseline or key fails fast
            key = baselines.load_key(baseline_key_file)
            warn_open_key(baseline_key_file, lang_or_default(lang))
            accepted = baselines.read(baseline)
        refuse_when_no_input_exists(paths)
        if grouping == "dir":
            warn_nested_folders(paths, lang_or_default(lang))
        destinations: list[output.Destination] = []
        for fmt, out in output.pairs(fmts, outs, output_dir):
            formats = output.parse_formats(fmt or output.format_of(out))
            if fmt and out is not None and output.named_format(out) not in ("terminal", *formats):
                warn(
                    f"{out}: the file's extension names another format than --format {fmt}"
                    if output.named_format(out)
                    else f"{out}: {out.suffix} is no report format's extension; the {fmt} "
                    "report is written into it as asked",
                    lang_or_default(lang),
                )
            destinations += output.plan(formats, out, output_dir)
        output.check_distinct(destinations)
        formats = [d.fmt for d in destinations]
        output.check_destinations(
            destinations, paths, allow_in_input=allow_in_input, force=force, output_dir=output_dir
        )
        if not quiet:
            warn_shared_folders(
                [output_dir] if output_dir else [d.path.parent for d in destinations if d.path],
                resolve_lang(lang),
            )
        report_options = ReportOptions(
            show_pii=show_pii,
            lang=resolve_lang(lang),
            audience=audience,
            explain=explain,
            color=False if no_color else None,
            csv_rows=csv_rows,
        )
        profile, engine = load_engine(config, packs, region=region, owner=owner)
        reader = parse_options(profile, region, report_options.lang)
        options = AuditOptions(
            include=tuple(include),
            exclude=tuple(exclude),
            group_by=grouping,
            unlisted=HIDDEN_IN_COMPLIANCE if audience == "compliance" else frozenset(),
            jobs=workers,
            profile=profile,
            extra_packs=pack_folders(packs),
            parse=reader,
            settings={
                "inputs": list(paths),
                "formats": formats,
                "audience": audience,
                "lang": report_options.lang,
                "show_pii": show_pii,
                "fail_on": fail_on or "",
                "config": _shown_path(profile.source),
                "region": reader.region,
                "group_by": grouping,
                **({"baseline": str(baseline)} if baseline is not None else {}),
            },
        )
        screen = None
        if accepted is not None:  # checks the key before the audit, not after
            hidden = HIDDEN_IN_COMPLIANCE if audience == "compliance" else frozenset()
            screen = baselines.screen_for(accepted, key, reader.region, hidden)
            _warn_audience_mismatch(accepted, audience, quiet, report_options.lang)
        if show_pii:  # a safety warning, shown even with --quiet
            warn(
                "--show-pii: the report contains unmasked personal data; handle it accordingly",
                report_options.lang,
            )
        observer = batch.ConsoleProgress(quiet=quiet, verbose=verbose, lang=report_options.lang)
        # Each file's share of the report is built where it is audited (issue 6), after
        # the baseline, if any, has moved the findings it accepts out of the file.
        # One employee's folder (--group-by dir) may hold one phone twice: compare who its
        # exports list. Grouped by file, a folder may hold one export per employee, and
        # colleagues share customers (review 14), so nothing is compared or digested.
        plan = PartPlan(report_options, tuple(formats), people=grouping == "dir")
        run = audit_report(paths, engine, options, plan, observer, screen)
        if not run.view.files:  # an empty or unmounted folder must not read as "clean"
            raise ConfigError(
                f"{nothing_found(paths, Filters(options.include, options.exclude))}"
                ": nothing was audited and no report was written"
            )
        unreadable = [f for f in run.view.files if f.error]
        # In the report's language, as the reason (view.file_view) is; --verbose has
        # already named each file as it was read, so it is not said twice.
        if not quiet and not verbose:
            for file in unreadable:
                warn(
                    run.view.text.t("unreadable.warning", path=file.path, reason=file.error),
                    report_options.lang,
                )
        # Read but for some parts (a card in another encoding, a value cut): the report
        # on them is incomplete, which the exit code says as for a file not read.
        incomplete = [f for f in run.view.files if f.unread_parts and not f.error]
        if not quiet:
            for file in incomplete:
                warn(
                    run.view.text.t("unreadable.partial", path=file.path, count=file.unread_parts),
                    report_options.lang,
                )
        copies = _copies(run.view.files, grouping, run.renamed)
        overlaps = _same_people(run, copies)
        if not quiet:
            for same in copies:
                names = ", ".join(same)
                warn(
                    f"{names}: identical files; their contacts are counted {len(same)} times",
                    report_options.lang,
                )
            for first, second, shared, smaller in overlaps:
                warn(
                    f"{first} and {second} list the same {shared} of {smaller} contacts: "
                    "probably one phone exported twice; the counts include both",
                    report_options.lang,
                )
        # Said in the report too: a --quiet nightly run, and the HTML a manager reads,
        # showed one phone's contacts counted twice without a word (QA batch round).
        listed = {f.path: f.listed for f in run.view.files}
        repeated = [
            Repeat(same, listed.get(same[0], 0), listed.get(same[0], 0), identical=True)
            for same in copies
        ]
        repeated += [Repeat((a, b), shared, of) for a, b, shared, of in overlaps]
        if repeated:
            run = replace(run, view=replace(run.view, repeated=tuple(repeated)))
        # Decided by the audit alone, so known before any report is written: SARIF
        # records it (invocations[0].exitCode).
        code = _code(bool(unreadable or incomplete), run.worst, threshold)
        if output_dir is not None:
            make_private_dirs(output_dir)
        output.emit_assembled(run, destinations, report_options, force=force, exit_code=code)
        if threshold is not None and run.worst >= threshold:
            # Said even with --quiet: it is why a CI job failed, whose report is a file.
            inform(_failed(run.view.summary.by_severity, threshold), report_options.lang)
        return code

    code = guarded(run, debug=debug, lang=lang)
    raise typer.Exit(code)


def _share_of(file: FileView, grouping: str) -> str:
    """One employee's share of the inputs: their group with ``--group-by dir``, else
    the file's folder."""
    return file.group if grouping == "dir" else os.path.dirname(file.path)


def _same_people(run: Assembled, copies: Sequence[tuple[str, ...]]) -> tuple[people.Overlap, ...]:
    """Exports of one employee (``--group-by dir``: the plan digests who each lists only
    then) that list mostly the same people (QA round 11: an iCloud and a Google export of
    one phone counted 155 people as 310), but for the byte-identical copies already named."""
    if not run.people:
        return ()
    files = run.view.files
    found = people.overlaps(
        [(f.path, f.group, own) for f, own in zip(files, run.people, strict=True)]
    )
    named = [set(same) for same in copies]
    return tuple(o for o in found if not any({o[0], o[1]} <= same for same in named))


def _copies(
    files: Sequence[FileView], grouping: str, renamed: Mapping[str, str]
) -> list[tuple[str, ...]]:
    """Identical exports with contacts within one employee's share (one group with
    ``--group-by dir``, else one folder): a copy that counts the same contacts twice.
    Two employees who hold the same export each hold those contacts: no copy.
    A file whose name is withheld is read at its real path, named by the path shown."""
    group = {f.path: _share_of(f, grouping) for f in files}
    real = {shown: path for path, shown in renamed.items()}
    read = [real.get(f.path, f.path) for f in files if not f.error and f.contacts]
    read = [path for path in read if path != STDIN]
    out: list[tuple[str, ...]] = []
    for same_real in identical_files(read):
        same = [renamed.get(path, path) for path in same_real]
        by_group: dict[str, list[str]] = {}
        for path in same:
            by_group.setdefault(group[path], []).append(path)
        out.extend(tuple(paths) for paths in by_group.values() if len(paths) > 1)
    return out


def _warn_audience_mismatch(
    accepted: baselines.Baseline, audience: str, quiet: bool, lang: str
) -> None:
    """Say when the baseline was made for the other audience: a compliance run must not
    keep a file with fingerprints of employees' private contacts' findings (QA round 11),
    and an owner's run with a compliance baseline reports those findings as new."""
    if audience == "compliance" and accepted.holds_unlisted():  # shown even with --quiet
        warn(
            "the baseline holds fingerprints of findings on private and unknown contacts, "
            "which a compliance audit never reports: re-create it with 'piiaudit baseline "
            "create --audience compliance' and delete this one",
            lang,
            always=True,
        )
    elif audience == "self" and accepted.audience == "compliance" and not quiet:
        inform(
            "the baseline accepts findings on business contacts only (made for the "
            "compliance audience): findings on private and unknown contacts are reported "
            "as new (a baseline created with the default --audience self accepts them too)",
            lang,
        )


def _shown_path(path: Path | None) -> str:
    """The profile's path as reports show it: relative to here when it lies below,
    else its name only, so a shared report does not reveal the auditor's home."""
    if path is None:
        return ""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path.name


def _severity(text: str | None) -> Severity | None:
    if text is None:
        return None
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise ConfigError(f"--fail-on: {exc}") from None


def _failed(by_severity: Mapping[str, int], threshold: Severity) -> str:
    """Why --fail-on made the run fail: how many findings are at or above it."""
    count = sum(by_severity.get(s.label, 0) for s in Severity if s >= threshold)
    noun = "finding is" if count == 1 else "findings are"
    return f"{count} {noun} at or above {threshold.label} (--fail-on {threshold.label})"


def _code(unreadable: bool, worst: int, threshold: Severity | None) -> int:
    """3 when an input could not be read, or not in full; else 1 when ``worst`` (the
    run's highest severity) meets --fail-on; else 0."""
    if unreadable:
        return ExitCode.INPUT
    if threshold is not None and worst >= threshold:
        return ExitCode.FINDINGS
    return ExitCode.OK


def warn_nested_folders(paths: Sequence[str], lang: str) -> None:
    """Warn when one folder given lies inside another with ``--group-by dir``: each
    folder given is then one employee, so the outer one gathered every other employee's
    files into one row without a word (compliance QA F11)."""
    folders = [(p, Path(p).resolve()) for p in paths if p != STDIN and os.path.isdir(p)]
    for given, inner in folders:
        outer_given = next(
            (o for o, outer in folders if outer != inner and inner.is_relative_to(outer)), None
        )
        if outer_given is not None:
            warn(
                f"{given} lies inside {outer_given}, also given: with --group-by dir each "
                f"folder given is one employee, so {outer_given} holds every other "
                "employee's files in one row; give the employees' folders alone, or their "
                "parent folder alone",
                lang,
            )
