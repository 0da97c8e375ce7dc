"""``piiaudit contacts``: print what piiaudit read, as JSON, so people and tools can
check the parser and reuse the normalised contacts."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import TextIO

import typer

from piiaudit.cli.common import (
    DEBUG,
    QUIET_WARNINGS,
    REGION,
    error,
    guarded,
    parse_options,
    quiet,
    refuse_when_no_input_exists,
    resolve_lang,
    warn,
    warn_shared_folders,
)
from piiaudit.cli.localize import translated
from piiaudit.cli.output import check_file_output, stdout_stream, utf8
from piiaudit.discovery import STDIN
from piiaudit.engine import load_profile
from piiaudit.errors import ConfigError
from piiaudit.exitcodes import ExitCode
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.reporters.contacts_json import contact_to_dict
from piiaudit.reporters.textsafe import json_safe
from piiaudit.safeio import write_private_bytes

EPILOG = """Examples:

\b
  piiaudit contacts export.vcf                  # masked JSON array
  piiaudit contacts export.vcf --jsonl          # one JSON object per line
  piiaudit contacts export.csv --show-pii -o contacts.json
"""


def contacts_command(
    paths: list[str] = typer.Argument(
        ..., metavar="FILE", help="Export files to read; '-' reads standard input."
    ),
    show_pii: bool = typer.Option(False, "--show-pii", help="Show personal values unmasked."),
    jsonl: bool = typer.Option(
        False, "--jsonl", help="One JSON object per line instead of an array."
    ),
    out: Path | None = typer.Option(
        None, "--output", "-o", help="Write to FILE (mode 0600).", metavar="FILE"
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
    config: Path | None = typer.Option(
        None,
        "--config",
        "-c",
        help="Company profile (for the phone region and CSV columns).",
        metavar="FILE",
    ),
    region: str | None = REGION,
    quiet_: bool = QUIET_WARNINGS,
    debug: bool = DEBUG,
) -> None:
    """Print the contacts piiaudit read, normalised, as JSON (masked unless --show-pii)."""

    def run() -> int:
        lang = resolve_lang(None)  # the locale's language (this command has no --lang)
        # A mistyped path or a folder is a usage error, as for scan and minimize, not an
        # empty list with exit 3 (UX review).
        refuse_when_no_input_exists(paths)
        for path in paths:
            if path != STDIN and os.path.isdir(path):
                raise ConfigError(f"{path}: is a folder: contacts reads export files; name them")
        profile = load_profile(config, Path.cwd())
        options = parse_options(profile, region, lang)
        if show_pii:
            warn("--show-pii: the output contains unmasked personal data", lang, always=True)
        if out is None or str(out) == "-":  # -o -: standard output, as without -o
            return _write(
                paths, options, stdout_stream("json"), show_pii=show_pii, jsonl=jsonl, lang=lang
            )
        check_file_output(out, paths, force=force)  # before reading: an input is never replaced
        warn_shared_folders([out.parent], lang)
        buffer = io.StringIO()
        code = _write(paths, options, buffer, show_pii=show_pii, jsonl=jsonl, lang=lang)
        # a file name's undecodable byte as its escape, as on standard output (QA round 11)
        write_private_bytes(out, [utf8(buffer.getvalue(), "json")], force=force)
        return code

    with quiet(quiet_):
        code = guarded(run, debug=debug)
    raise typer.Exit(code)


def _write(
    paths: list[str],
    options: ParseOptions,
    stream: TextIO,
    *,
    show_pii: bool,
    jsonl: bool,
    lang: str,
) -> int:
    """Stream contacts out as they are read; report unreadable files on stderr
    (in ``lang``)."""
    code = int(ExitCode.OK)
    first = True
    if not jsonl:
        stream.write("[")
    for path in paths:
        with open_input(path, options) as parsed:
            for contact in parsed.contacts:
                text = json_safe(
                    json.dumps(contact_to_dict(contact, show_pii=show_pii), ensure_ascii=False)
                )
                if jsonl:
                    stream.write(text + "\n")
                else:
                    stream.write(("\n  " if first else ",\n  ") + text)
                first = False
            info = parsed.info
        if info.error:
            error(f"{info.path}: {translated(info.error, lang)}", lang)
            code = int(ExitCode.INPUT)
        for issue in info.issues:
            warn(f"{info.path}:{issue.line}: {translated(issue.message, lang)}", lang)
        if info.read_in_part():  # the list lacks what those errors lost: 3, as scan says
            code = int(ExitCode.INPUT)
    if not jsonl:
        stream.write("\n]\n" if not first else "]\n")
    return code
