"""Where reports go: stdout, one ``--output`` file, or several files in ``--output-dir``.

Every file is written through :mod:`piiaudit.safeio` (atomic, 0600, never
through a symlink), rendered in memory first so a failing reporter leaves no
half-written report. Reports are never written over an input, and not inside
an input directory unless the user asks (``--allow-output-in-input``). A missing
``--output-dir`` is created owner-only (0700, as ``split`` creates its folder),
once the audit is done, so a refused or empty run leaves no folder behind.

Every report is valid UTF-8. A file name that is not (``caf\\xe9.vcf``) reaches
the reporters with a lone surrogate, which UTF-8 cannot encode: it is shown as
U+FFFD, as a contact's undecodable bytes are (SARIF URIs keep the exact bytes,
percent-encoded).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO, cast

from piiaudit.errors import ConfigError, OutputError
from piiaudit.model import AuditResult
from piiaudit.reporters import REPORTERS, Reporter, ReportOptions, get, sarif
from piiaudit.reporters.parts import CHUNKED, Assembled
from piiaudit.reporters.textsafe import visible_controls
from piiaudit.safeio import (
    check_target,
    is_same_file,
    is_within,
    write_private_bytes,
)
from piiaudit.textnorm import readable

EXTENSIONS = {"terminal": "txt", "json": "json", "html": "html", "sarif": "sarif", "csv": "csv"}
REPORT_STEM = "piiaudit-report"
_BY_EXTENSION = {ext: fmt for fmt, ext in EXTENSIONS.items() if fmt != "terminal"} | {"htm": "html"}


# Names a plain-text report may have besides .txt; no extension is plain text too.
_PLAIN_TEXT = {"", "txt", "text", "log", "out", "md"}


def named_format(path: Path) -> str | None:
    """The format ``path``'s extension names: ``terminal`` for plain text, ``None`` for
    a name no report format has (report.xlsx)."""
    ext = path.suffix.lower().lstrip(".")
    return "terminal" if ext in _PLAIN_TEXT else _BY_EXTENSION.get(ext)


def format_of(path: Path | None) -> str:
    """The report format an output file's name asks for: ``-o report.html`` wrote the
    terminal report into report.html (UX review), and ``-o report.xlsx`` wrote it into
    a file a spreadsheet cannot open (QA round 18): a name no format has is refused."""
    if path is None:
        return "terminal"
    fmt = named_format(path)
    if fmt is None:
        choices = ", ".join(f".{ext}" for ext in EXTENSIONS.values())
        raise ConfigError(
            f"{path}: no report format is written as {path.suffix} (name the file {choices}, "
            "or choose one with --format)"
        )
    return fmt


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


def pairs(
    formats: Sequence[str], outputs: Sequence[Path], output_dir: Path | None
) -> list[tuple[str | None, Path | None]]:
    """``--format`` and ``--output`` as given, each report's format beside its file.

    ``-f html -o report.html -f json -o report.json`` is two reports. Each option was
    read once, the last one given, so report.html was never written and no one was
    told (QA, batch round). With one ``--output`` (or none), the formats are one
    comma-separated list as before; with several, each ``--format`` goes with the
    ``--output`` in the same place, or each file's extension names its format.
    """
    if len(outputs) <= 1:
        return [(",".join(formats) or None, outputs[0] if outputs else None)]
    if output_dir is not None:
        raise ConfigError("use either --output or --output-dir, not both")
    if not formats:
        return [(None, path) for path in outputs]
    if len(formats) != len(outputs) or any("," in f for f in formats):
        raise ConfigError(
            "give one --format per --output, in the same order (or no --format: each "
            "file's extension names its format)"
        )
    return list(zip(formats, outputs, strict=True))


def check_distinct(destinations: Sequence[Destination]) -> None:
    """Two reports of one format, or two into one file, would overwrite each other."""
    # Compared as the file system will see them: x.json and $PWD/x.json are one file.
    files = [os.path.realpath(d.path) for d in destinations if d.path is not None]
    if len(set(files)) != len(files):
        raise ConfigError("--output names one file twice")
    formats = [d.fmt for d in destinations]
    if len(set(formats)) != len(formats):
        raise ConfigError("--format names a format twice")


def plan(formats: Sequence[str], output: Path | None, output_dir: Path | None) -> list[Destination]:
    """Decide where each format goes; refuse combinations that would be ambiguous."""
    if output is not None and str(output) == "-":
        output = None  # -o -: standard output, where the report goes without -o
    if output and output_dir:
        raise ConfigError("use either --output or --output-dir, not both")
    if output_dir:
        return [Destination(f, output_dir / f"{REPORT_STEM}.{EXTENSIONS[f]}") for f in formats]
    if len(formats) > 1:
        raise ConfigError("several formats need --output-dir DIR (one file per format)")
    return [Destination(formats[0], output)]


def check_destinations(
    destinations: Sequence[Destination],
    inputs: Sequence[str],
    *,
    allow_in_input: bool,
    force: bool,
    output_dir: Path | None = None,
) -> None:
    """Never write over an input; stay out of input directories unless allowed; without
    ``force``, refuse every report file that already exists, all before the audit.

    The folder of every file must exist, except ``output_dir`` (see :func:`check_output_dir`).
    Checked here, not only as each file is written: ``-f json,html,sarif`` into a folder
    holding an old SARIF file wrote the new JSON and HTML, then stopped (exit 2) beside
    the stale one, and the audit's own result (1 or 3) was lost.
    """
    if output_dir is not None:
        check_output_dir(output_dir)
    for dest in destinations:
        if dest.path is None:
            continue
        for raw in inputs:
            if raw == "-":
                continue
            source = Path(raw)
            if source.exists() and dest.path.exists() and is_same_file(dest.path, source):
                raise OutputError(f"{dest.path}: refusing to write a report over an input file")
            if source.is_dir() and not allow_in_input and is_within(dest.path, source):
                raise OutputError(
                    f"{dest.path}: refusing to write inside the input directory {source} "
                    "(use --allow-output-in-input to allow it)"
                )
    for dest in destinations:
        if dest.path is None or (output_dir is not None and dest.path.parent == output_dir):
            continue
        if not dest.path.parent.is_dir():
            raise OutputError(f"{dest.path.parent}: output directory does not exist")
    for dest in destinations:
        if dest.path is not None and (dest.path.exists() or dest.path.is_symlink()):
            check_target(dest.path, force=force)  # a link, a folder, or an old report


def check_file_output(out: Path, inputs: Sequence[str], *, force: bool) -> None:
    """What ``contacts -o`` and ``baseline create -o`` write: never over an input (with
    ``--force``, ``contacts export.vcf -o export.vcf`` replaced the export with its masked
    copy: security review, QA round 7); an existing file only with ``force``."""
    check_destinations([Destination("json", out)], inputs, allow_in_input=True, force=force)


def check_output_dir(directory: Path) -> None:
    """Refuse an ``--output-dir`` that cannot be one, before the audit spends any time.

    It may be missing (:func:`~piiaudit.safeio.make_private_dirs` creates it after the
    audit), but then what exists of its path must be folders. (Its files are checked
    against the inputs like any other report file.)
    """
    if directory.is_dir():
        return
    if directory.exists() or directory.is_symlink():
        raise OutputError(f"{directory}: exists and is not a directory")
    existing = next((p for p in directory.parents if p.exists() or p.is_symlink()), None)
    if existing is not None and not existing.is_dir():
        raise OutputError(f"{existing}: is not a directory; cannot create {directory} in it")


_JSON_FORMATS = frozenset({"json", "sarif"})


def valid_text(text: str, fmt: str = "") -> str:
    """A report's text made valid UTF-8: a report must never fail on, or carry, invalid
    text. A file name's undecodable byte is written as its ``\\xNN`` escape (inside a JSON
    string with the backslash escaped), so two names that differ only there stay two
    (:func:`~piiaudit.textnorm.readable`)."""
    return readable(text, in_json=fmt in _JSON_FORMATS)


def utf8(text: str, fmt: str = "") -> bytes:
    """``text`` as UTF-8, made valid first only when it has to be (the rare case)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return valid_text(text, fmt).encode("utf-8")


class _ValidStdout(io.TextIOBase):
    """Standard output as the reporters see it: each write made valid (:func:`valid_text`).

    In a strict UTF-8 locale a lone surrogate would crash the write; in others it
    would reach a JSON consumer as an invalid byte. ``isatty`` is the terminal's,
    so the terminal report still knows whether to colour.
    """

    def __init__(self, target: TextIO, *, visible: bool = False, fmt: str = "") -> None:
        super().__init__()
        self._target = target
        self._visible = visible
        self._fmt = fmt

    def write(self, text: str) -> int:
        shown = valid_text(text, self._fmt)
        if self._visible:
            shown = visible_controls(shown)
        binary = getattr(self._target, "buffer", None)
        if binary is None or os.linesep != "\n":
            self._target.write(shown)
            return len(text)
        # The bytes go out whole or not at all. With PYTHONUNBUFFERED (set in many CI and
        # Docker images) the text layer writes straight to the file and drops what a short
        # write left over: a reader that closed the pipe got a cut report and exit 0 (docs
        # review 9). A loop over the binary layer sends the rest, and a closed pipe then
        # raises BrokenPipeError (exit 141, as documented).
        self._target.flush()
        data = memoryview(
            shown.encode(self._target.encoding or "utf-8", self._target.errors or "strict")
        )
        while data:
            written = binary.write(data)
            data = data[written if written is not None else 0 :]
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return self._target.isatty()


# Formats that write a contact's text as it is: on a terminal, its control characters
# and bidi overrides would act (clear the screen, retitle the window; QA round 6). The
# terminal report makes its own text printable; JSON and SARIF escape them.
_RAW_TEXT_FORMATS = frozenset({"html", "csv"})


def stdout_stream(fmt: str = "") -> TextIO:
    """Standard output for a report or listing: valid text, sent whole (_ValidStdout)."""
    visible = fmt in _RAW_TEXT_FORMATS and sys.stdout.isatty()
    return cast(TextIO, _ValidStdout(sys.stdout, visible=visible, fmt=fmt))


def emit(
    result: AuditResult,
    destinations: Sequence[Destination],
    options: ReportOptions,
    *,
    force: bool,
    exit_code: int | None = None,
) -> None:
    """Render each format once and send it where it belongs (``exit_code``: as for
    :func:`emit_assembled`)."""
    for dest in destinations:
        reporter = _reporter(dest.fmt, exit_code)
        if dest.path is None:
            reporter(result, stdout_stream(dest.fmt), options)
            sys.stdout.flush()
            continue
        buffer = io.StringIO()
        file_options = options if dest.fmt != "terminal" else _plain(options)
        reporter(result, buffer, file_options)
        write_private_bytes(dest.path, [utf8(buffer.getvalue(), dest.fmt)], force=force)


def emit_assembled(
    run: Assembled,
    destinations: Sequence[Destination],
    options: ReportOptions,
    *,
    force: bool,
    exit_code: int | None = None,
) -> None:
    """:func:`emit` for a run built in parts (``audit_report``): the same bytes, same places.

    Each format's reporter renders the run; JSON, HTML and CSV files are written
    from the UTF-8 the workers made of their contacts instead, without decoding
    it into one big string and encoding it again (text that UTF-8 refuses takes
    the text path, where it is made valid). ``exit_code``, the code the run ends
    with (``scan`` knows it before writing), goes into the SARIF log.
    """
    for dest in destinations:
        reporter = _reporter(dest.fmt, exit_code)
        if dest.path is None:
            reporter(run, stdout_stream(dest.fmt), options)
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
        write_private_bytes(dest.path, [utf8(text, dest.fmt)], force=force)


def _reporter(fmt: str, exit_code: int | None) -> Reporter:
    """The reporter of ``fmt``; the SARIF one told the run's exit code, if known."""
    reporter = get(fmt)
    if exit_code is not None and reporter is sarif.render:
        return partial(sarif.render, exit_code=exit_code)
    return reporter


def _plain(options: ReportOptions) -> ReportOptions:
    """A terminal report written to a file has no colour codes."""
    from dataclasses import replace

    return replace(options, color=False)
