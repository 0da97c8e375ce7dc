"""``--explain`` on a contact nothing classified says so.

An unknown contact with a finding showed "判定理由:  (確度 1.00)", an empty reason
(QA round 5, JA C1): it now reads that piiaudit recognises no sign of business or
private use (not that there is none: a sale described in words no rule knows is still
a sale, blind EU QA round 3) and how to decide it, in the terminal and HTML reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Sample\r\nNOTE:password: Summer2024!\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Why: no business or private signal piiaudit recognises"),
        ("ja", "判定理由: piiaudit が認識できる業務・私用の手がかりがありません"),
    ],
)
@pytest.mark.parametrize("fmt", ["terminal", "html"])
def test_an_unknown_contact_is_explained(tmp_path: Path, lang: str, said: str, fmt: str) -> None:
    export = tmp_path / "in" / "phone.vcf"
    export.parent.mkdir()
    export.write_bytes(CARD)
    out = tmp_path / f"report.{fmt}"
    args = ["scan", str(export), "--explain", "-f", fmt, "-o", str(out), "--lang", lang]
    assert runner.invoke(app, args).exit_code == 0  # findings fail a run only with --fail-on
    text = out.read_text(encoding="utf-8")
    assert said in text
    assert "split --interactive" in " ".join(text.split())
    # No confidence beside "no sign": "(confidence 1.00)" read as sure of nothing.
    assert "1.00" not in text.split(said, 1)[1][:40]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_reasons_read_as_sentences(tmp_path: Path, lang: str) -> None:
    """Each reason is a sentence: they followed each other as ".;" (docs review 9)."""
    export = tmp_path / "in" / "phone.vcf"
    export.parent.mkdir()
    export.write_bytes(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 太郎\r\nORG:見本商事株式会社\r\nTITLE:部長\r\n"
        "TEL;TYPE=WORK:03-5555-0101\r\nTEL;TYPE=CELL:090-5555-0101\r\nEND:VCARD\r\n".encode()
    )
    out = tmp_path / "report.txt"
    args = ["scan", str(export), "--explain", "-o", str(out), "--lang", lang, "--no-color"]
    assert runner.invoke(app, args).exit_code == 0
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "CORE-TITLE-001" in text and "CORE-ORG-001" in text
    assert ".;" not in text and "。;" not in text
