"""``--debug`` shows the traceback of a reader's internal error (a bug).

The reader turns any unexpected exception into a one-line problem of the file, so that one
bad file does not stop a batch; ``--debug`` promised a traceback and printed none, leaving
nothing to report the bug with (QA round 16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import piiaudit.parsers
from piiaudit.cli import app

runner = CliRunner()


def _broken_reader(*_: object, **__: object) -> Iterator[object]:
    raise RuntimeError("a bug in the reader")
    yield  # a generator, as the real reader is


@pytest.mark.parametrize("command", [["contacts"], ["scan", "--jobs", "1"]])
def test_debug_shows_a_readers_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    export = tmp_path / "export.vcf"
    export.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict\r\nEND:VCARD\r\n", encoding="utf-8")
    monkeypatch.setattr(piiaudit.parsers, "read_vcard", _broken_reader)
    plain = runner.invoke(app, [*command, str(export)])
    assert plain.exit_code == 3  # the file is named as read in part, in one line
    assert "Traceback" not in plain.stderr
    debug = runner.invoke(app, [*command, str(export), "--debug"])
    assert debug.exit_code == 3
    assert "Traceback" in debug.stderr and "a bug in the reader" in debug.stderr
