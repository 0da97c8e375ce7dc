"""A CSV column's name is data: its escape sequences must not reach a terminal.

A finding in a column piiaudit has no field for is placed by the column's name
(``other.<name>[0]``), and the terminal and CSV reports printed that name as it was:
``ESC[2J`` cleared the screen mid-report and an unterminated ``ESC]0;`` hid what
followed (hostile QA F4). Card values and file names were already escaped; the
column names are now too. Every person here is fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app

HOSTILE = ["\x1b]0;PWN\x07 A", "\x1b[2J B", "\u202e C", "\x9b2J D"]


@pytest.mark.parametrize("fmt", ["terminal", "csv"])
def test_hostile_column_names_are_shown_escaped(tmp_path: Path, fmt: str) -> None:
    header = ",".join(["First Name", "Last Name", "Company", *HOSTILE])
    row = ",".join(["Taro", "Fiction", "Sample Trading KK", *["糖尿病で通院中"] * len(HOSTILE)])
    export = tmp_path / "contacts.csv"
    export.write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(export), "-f", fmt, "--no-color", "-q"])
    assert result.exit_code == 0, result.output
    for control in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert control not in result.output
    assert "\\x1b[2J B" in result.output  # shown, as an escape
