"""Nothing a contact export holds can drive the user's terminal.

A name, note or organisation, and even a file name in a shared folder, is
attacker-controlled: ``\\x1b]0;pwned\\x07`` retitles the window, ``\\x1b[2J``
clears the screen, ``\\r`` overwrites a line, ``\\x9b`` is a one-byte CSI on
some terminals, ``\\u202e`` reverses the text after it, and OSC 8 plants a
hyperlink. Every command's terminal output (report, warnings, progress lines,
hand-over plans; masked or with ``--show-pii``) must be free of them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from hostile.cases import card
from hostile.run import Run, invoke

HOSTILE_NAME = "\x1b]0;pwned\x07Evil \x1b[2JName\rX\x9b31m\u202eexe.txt"
HOSTILE_NOTE = "home \x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ \x07"
HOSTILE_FILE = "shared\x1b]0;pwned\x07\x1b[2J.vcf"
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def dangerous(text: str) -> list[str]:
    """Control characters (C0 except newline and tab, DEL, C1) and bidi controls in ``text``."""
    return [
        repr(ch)
        for ch in text
        if (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in BIDI
    ]


def test_checker_finds_every_attack() -> None:
    assert len(dangerous(HOSTILE_NAME)) == 6
    assert dangerous("山田 花子\tnote\n") == []


def _export(folder: Path) -> Path:
    folder.mkdir()
    source = folder / "evil.vcf"
    body = card(
        HOSTILE_NAME,
        f"NOTE:{HOSTILE_NOTE}",
        "ORG:\x1b[8mhidden\x1b[0m Trading",
        "TEL;TYPE=HOME:03-0000-1111",
        "BDAY:1980-01-01",
        "X-CUSTOM\x1b[2J:value",
    )
    source.write_text(body, newline="")
    (folder / HOSTILE_FILE).write_text(body, newline="")
    (folder / ("empty\x1b]0;pwned\x07.vcf")).write_bytes(b"")
    return source


def _clean(run: Run) -> None:
    assert dangerous(run.stdout) == [], re.sub(r"[^\x1b\x07\x9b\r]", "", run.stdout)
    assert dangerous(run.stderr) == [], run.stderr


@pytest.mark.parametrize(
    "extra", [[], ["--show-pii"], ["--show-pii", "--explain", "--lang", "ja"], ["--verbose"]]
)
def test_scan_terminal_output_and_warnings_are_clean(tmp_path: Path, extra: list[str]) -> None:
    _export(tmp_path / "in")
    run = invoke("scan", str(tmp_path / "in"), "--jobs", "1", *extra)
    assert run.exit_code == 3  # the empty file
    said = "読み取れませんでした: 空のファイルです" if "ja" in extra else "not read: is empty"
    assert said in run.stderr
    _clean(run)


@pytest.mark.parametrize("show", [[], ["--show-pii"]])
def test_contacts_command_warnings_are_clean(tmp_path: Path, show: list[str]) -> None:
    folder = tmp_path / "in"
    _export(folder)
    run = invoke("contacts", str(folder / HOSTILE_FILE), *show)
    assert run.exit_code == 0
    _clean(run)


@pytest.mark.parametrize("show", [[], ["--show-pii"]])
def test_split_plan_is_clean(tmp_path: Path, show: list[str]) -> None:
    source = _export(tmp_path / "in")
    run = invoke("split", str(source), "--out-dir", str(tmp_path / "out"), "--dry-run", *show)
    assert run.exit_code == 0, run.stderr
    _clean(run)


@pytest.mark.parametrize("show", [[], ["--show-pii"]])
def test_minimize_plan_is_clean(tmp_path: Path, show: list[str]) -> None:
    source = _export(tmp_path / "in")
    run = invoke(
        "minimize",
        str(source),
        "-o",
        str(tmp_path / "min.vcf"),
        "--dry-run",
        "--keep-unknown",
        *show,
    )
    assert run.exit_code == 0, run.stderr
    _clean(run)


def test_terminal_report_written_to_a_file_is_clean(tmp_path: Path) -> None:
    source = _export(tmp_path / "in")
    report = tmp_path / "report.txt"
    run = invoke("scan", str(source), "-o", str(report), "--show-pii")
    assert run.exit_code == 0
    assert dangerous(report.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("show", [[], ["--show-pii"]])
def test_html_report_written_to_a_file_is_clean(tmp_path: Path, show: list[str]) -> None:
    """A file name holding ESC and BEL went into the HTML page raw: invalid in HTML, and
    acted on by ``cat report.html`` (QA round 16). Escaped as the terminal shows them."""
    folder = tmp_path / "in"
    _export(folder)
    report = tmp_path / "report.html"
    run = invoke("scan", str(folder), "-f", "html", "-o", str(report), *show)
    assert run.exit_code == 3  # the empty file
    page = report.read_text(encoding="utf-8")
    assert dangerous(page) == []
    assert "shared\\x1b]0;pwned\\x07\\x1b[2J.vcf" in page
