"""A run where no file could be read does not headline as a clean audit.

Its risk is 0 because nothing was read, and "Overall risk: none (0/100)" above the
list of unreadable files read as a clean phone (QA round 5, EU B9). The terminal
and HTML reports then say the risk was not assessed; a run with one readable file
keeps its headline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()
ZIP = b"PK\x03\x04" + b"\x00" * 30
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Taro Sample\r\nEND:VCARD\r\n"
NOT_ASSESSED = {
    "en": "Overall risk: not assessed: no file could be read",
    "ja": "総合リスク: 評価できません（読み取れたファイルがありません）",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("fmt", ["terminal", "html"])
def test_a_run_with_nothing_read_is_not_assessed(tmp_path: Path, lang: str, fmt: str) -> None:
    (tmp_path / "backup.vcf").write_bytes(ZIP)
    out = tmp_path / f"report.{fmt}"
    args = ["scan", str(tmp_path / "backup.vcf"), "-f", fmt, "-o", str(out), "--lang", lang]
    result = runner.invoke(app, args)
    assert result.exit_code == 3
    text = out.read_text(encoding="utf-8")
    assert NOT_ASSESSED[lang] in text
    assert "(0/100)" not in text and "（0/100）" not in text


@pytest.mark.parametrize("audience", ["self", "compliance"])
def test_the_only_next_step_is_to_get_exports_that_can_be_read(
    tmp_path: Path, audience: str
) -> None:
    """Review 7: with nothing read, the checklist still spoke of counted private contacts
    and baselines; its one step is now to get exports that can be read."""
    (tmp_path / "backup.vcf").write_bytes(ZIP)
    out = tmp_path / "report.json"
    args = ["scan", str(tmp_path / "backup.vcf"), "-f", "json", "-o", str(out)]
    assert runner.invoke(app, [*args, "--audience", audience]).exit_code == 3
    steps = json.loads(out.read_text(encoding="utf-8"))["checklist"]
    assert [step["id"] for step in steps] == ["unread"]


def test_a_run_with_one_file_read_keeps_its_risk(tmp_path: Path) -> None:
    phone = tmp_path / "phone"
    phone.mkdir()
    (phone / "backup.vcf").write_bytes(ZIP)
    (phone / "contacts.vcf").write_bytes(CARD)
    out = tmp_path / "report.txt"
    result = runner.invoke(app, ["scan", str(phone), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 3
    text = out.read_text(encoding="utf-8")
    assert "Overall risk: none (0/100)" in text
    assert NOT_ASSESSED["en"] not in text
