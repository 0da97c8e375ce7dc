"""``piiaudit baseline create``: accept today's findings so CI reports only new ones.

A team adopting piiaudit in CI cannot fix every existing finding on day one.
``baseline create`` audits the inputs exactly as ``scan`` would and records each
finding as a keyed fingerprint (see :mod:`piiaudit.baseline`); ``scan --baseline
FILE`` then reports, and fails on, only what is new. The file holds no personal
data and no timestamps, so it can be committed and reviewed in git.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from piiaudit import baseline
from piiaudit.audit import AuditOptions, audit_paths, unreadable_files
from piiaudit.cli import progress as batch
from piiaudit.cli.common import (
    CONFIG,
    DEBUG,
    OWNER,
    PACKS,
    REGION,
    guarded,
    load_engine,
    pack_folders,
    parse_options,
    resolve_lang,
    warn,
    warn_open_key,
)
from piiaudit.cli.localize import translated
from piiaudit.cli.output import check_file_output
from piiaudit.discovery import Filters, nothing_found
from piiaudit.errors import ConfigError
from piiaudit.exitcodes import ExitCode
from piiaudit.reporters.view import HIDDEN_IN_COMPLIANCE

app = typer.Typer(
    help="Record current findings so that 'scan --baseline' reports only new ones.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

EPILOG = """The key: --baseline-key-file FILE or the PIIAUDIT_BASELINE_KEY environment
variable (at least 16 bytes; keep it secret and out of the repository). Create one with:

\b
  (umask 077; python3 -c 'import secrets; print(secrets.token_hex(32))' > ~/.piiaudit-baseline.key)

Examples:

\b
  piiaudit baseline create exports/ --audience compliance -o piiaudit-baseline.json \\
      --baseline-key-file ~/.piiaudit-baseline.key
  piiaudit scan exports/ --audience compliance --baseline piiaudit-baseline.json \\
      --baseline-key-file ~/.piiaudit-baseline.key --fail-on high

Whose findings: --audience self (the default, as scan's) records every finding: a
phone owner's own baseline. --audience compliance records only findings on business
contacts, the ones 'scan --audience compliance' reports; the employees' private and
unknown contacts leave no trace in the file. Use the same --audience for both, and
the same --owner: the owner's own card is private with it, business without.

Exit codes: 0 written; 2 usage, configuration or key error, or no file to audit
found (nothing is written); 3 written, but at least one input could not be read
(its findings are not in the baseline).
"""


@app.command("create", no_args_is_help=True, epilog=EPILOG)
def create_command(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH", help="Export files or directories ('-' = stdin)."
    ),
    out: Path = typer.Option(
        ..., "--output", "-o", help="The baseline file to write.", metavar="FILE"
    ),
    key_file: Path | None = typer.Option(
        None,
        "--baseline-key-file",
        help="File holding the organisation's baseline key.",
        metavar="FILE",
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing baseline file."),
    audience: str = typer.Option(
        baseline.AUDIENCES[0],
        "--audience",
        help="self: every finding (the phone owner's own baseline); "
        "compliance: findings on business contacts only (as scan --audience compliance).",
        metavar="self|compliance",
    ),
    include: list[str] = batch.INCLUDE,
    exclude: list[str] = batch.EXCLUDE,
    jobs: int | None = batch.JOBS,
    quiet: bool = batch.QUIET,
    verbose: bool = batch.VERBOSE,
    config: Path | None = CONFIG,
    packs: list[Path] = PACKS,
    region: str | None = REGION,
    owner: list[str] = OWNER,
    debug: bool = DEBUG,
) -> None:
    """Audit the inputs and write every finding to a baseline file."""

    def run() -> int:
        batch.check_verbosity(quiet, verbose)
        if audience not in baseline.AUDIENCES:  # the sentence scan uses, translated there
            raise ConfigError(f"--audience must be self or compliance, not {audience!r}")
        workers = batch.check_jobs(jobs)
        batch.check_globs(include, exclude)
        key = baseline.load_key(key_file)  # before the audit: a missing key fails fast
        warn_open_key(key_file, resolve_lang(None))
        check_file_output(out, paths, force=force)  # nor a baseline written over an input
        profile, engine = load_engine(config, packs, region=region, owner=owner)
        reader = parse_options(profile, region, resolve_lang(None))
        options = AuditOptions(
            parse=reader,
            include=tuple(include),
            exclude=tuple(exclude),
            # The compliance audience's own runs: a file named after a contact it may not
            # see is named on stderr as the scan's report names it.
            unlisted=HIDDEN_IN_COMPLIANCE if audience == "compliance" else frozenset(),
            jobs=workers,
            profile=profile,
            extra_packs=pack_folders(packs),
        )
        lang = resolve_lang(None)  # the locale's language (this command has no --lang)
        observer = batch.ConsoleProgress(quiet=quiet, verbose=verbose, lang=lang)
        result = audit_paths(paths, engine, options, observer)
        if not result.files:  # accepting nothing would make a baseline that hides nothing
            raise ConfigError(
                f"{nothing_found(paths, Filters(options.include, options.exclude))}"
                ": nothing was audited and no baseline was written"
            )
        accepted = baseline.create(result, key, reader.region, audience)
        baseline.write(out, accepted, force=force)
        failed = unreadable_files(result)
        # Findings in the parts not read are not in the baseline: a later scan that
        # reads them (the file saved again) reports them as new. Said, and exit code 3.
        partial = [f.info for f in result.files if not f.info.error and f.info.read_in_part()]
        if not quiet:
            for info in failed:
                warn(f"{info.path}: not read: {info.error}", lang)
            for info in partial:
                warn(f"{info.path}: not read in full (errors: {info.read_in_part()})", lang)
            findings, files = len(accepted.entries), len(result.files) - len(failed)
            done = (
                f"{out}: {findings} finding{'' if findings == 1 else 's'} accepted "
                f"from {files} file{'' if files == 1 else 's'}"
            )
            print(f"piiaudit: {translated(done, lang)}", file=sys.stderr)
        return ExitCode.INPUT if failed or partial else ExitCode.OK

    raise typer.Exit(guarded(run, debug=debug))
