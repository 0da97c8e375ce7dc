"""Where reports go: stdout, one ``--output`` file, or several files in ``--output-dir``.

Every file is written through :mod:`piiaudit.safeio` (atomic, 0600, never
through a symlink), rendered in memory first so a failing reporter leaves no
half-written report. Reports are never written over an input, and not inside
an input directory unless the user asks (``--allow-output-in-input``).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from piiaudit.errors import ConfigError, OutputError
from piiaudit.model import AuditResult
from piiaudit.reporters import REPORTERS, ReportOptions, get
from piiaudit.reporters.parts import CHUNKED, Assembled
from piiaudit.safeio import is_within, write_private_bytes, write_private_text

EXTENSIONS = {"terminal": "txt", "json": "json", "html": "html", "sarif": "sarif", "csv": "csv"}
REPORT_STEM = "piiaudit-report"


@dataclass(frozen=True, slots=True)
class Destination:
    fmt: str
    path: Path | None  # None = standard output


def parse_formats(text: str) -> list[str]:
    """``"json,html"`` -> ``["json", "html"]``, each checked against the registry."""
    formats = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not formats:
        raise ConfigError("--format needs at least one format")
    for fmt in formats:
        if fmt not in REPORTERS:
            raise ConfigError(f"unknown format {fmt!r} (choose from: {', '.join(REPORTERS)})")
    if len(set(formats)) != len(formats):
        raise ConfigError("--format names a format twice")
    return formats


def plan(formats: Sequence[str], output: Path | None, output_dir: Path | None) -> list[Destination]:
    """Decide where each format goes; refuse combinations that would be ambiguous."""
    if output and output_dir:
        raise ConfigError("use either --output or --output-dir, not both")
    if output_dir:
        return [Destination(f, output_dir / f"{REPORT_STEM}.{EXTENSIONS[f]}") for f in formats]
    if len(formats) > 1:
        raise ConfigError("several formats need --output-dir DIR (one file per format)")
    return [Destination(formats[0], output)]


def check_destinations(
    destinations: Sequence[Destination], inputs: Sequence[str], *, allow_in_input: bool
) -> None:
    """Never write over an input; stay out of input directories unless allowed."""
    for dest in destinations:
        if dest.path is None:
            continue
        for raw in inputs:
            if raw == "-":
                continue
            source = Path(raw)
            if source.exists() and dest.path.exists() and dest.path.resolve() == source.resolve():
                raise OutputError(f"{dest.path}: refusing to write a report over an input file")
            if source.is_dir() and not allow_in_input and is_within(dest.path, source):
                raise OutputError(
                    f"{dest.path}: refusing to write inside the input directory {source} "
                    "(use --allow-output-in-input to allow it)"
                )
    for dest in destinations:
        if dest.path is not None and not dest.path.parent.is_dir():
            raise OutputError(f"{dest.path.parent}: output directory does not exist")


def emit(
    result: AuditResult,
    destinations: Sequence[Destination],
    options: ReportOptions,
    *,
    force: bool,
) -> None:
    """Render each format once and send it where it belongs."""
    for dest in destinations:
        reporter = get(dest.fmt)
        if dest.path is None:
            reporter(result, sys.stdout, options)
            sys.stdout.flush()
            continue
        buffer = io.StringIO()
        file_options = options if dest.fmt != "terminal" else _plain(options)
        reporter(result, buffer, file_options)
        write_private_text(dest.path, buffer.getvalue(), force=force)


def emit_assembled(
    run: Assembled,
    destinations: Sequence[Destination],
    options: ReportOptions,
    *,
    force: bool,
) -> None:
    """:func:`emit` for a run built in parts (``audit_report``): the same bytes, same places.

    Each format's reporter renders the run; JSON, HTML and CSV files are written
    from the UTF-8 the workers made of their contacts instead, without decoding
    it into one big string and encoding it again (text that UTF-8 refuses takes
    the text path and fails as it did).
    """
    for dest in destinations:
        reporter = get(dest.fmt)
        if dest.path is None:
            reporter(run, sys.stdout, options)
            sys.stdout.flush()
            continue
        file_options = options if dest.fmt != "terminal" else _plain(options)
        if dest.fmt in CHUNKED and reporter is REPORTERS[dest.fmt]:
            written = CHUNKED[dest.fmt](run, file_options)
            if written.strict:
                write_private_bytes(dest.path, written.chunks, force=force)
                continue
            text = written.text()
        else:
            buffer = io.StringIO()
            reporter(run, buffer, file_options)
            text = buffer.getvalue()
        write_private_text(dest.path, text, force=force)


def _plain(options: ReportOptions) -> ReportOptions:
    """A terminal report written to a file has no colour codes."""
    from dataclasses import replace

    return replace(options, color=False)
