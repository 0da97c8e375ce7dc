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


# A customer's card (様) that the owner also filed under a private group (友人):
# business and private signals, neither enough to settle, so it is unknown.
SPLIT_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 花子様\r\nCATEGORIES:友人\r\n"
    "TEL;TYPE=CELL:090-5555-0102\r\nEND:VCARD\r\n"
).encode()


@pytest.mark.parametrize(
    ("lang", "undecided", "confidence"),
    [("en", "undecided: review it yourself", "confidence"), ("ja", "判定保留", "確度")],
)
@pytest.mark.parametrize("fmt", ["terminal", "html"])
def test_an_undecided_contact_shows_no_confidence(
    tmp_path: Path, lang: str, undecided: str, confidence: str, fmt: str
) -> None:
    """Weighed both ways, an unknown contact showed "確度 0.86", read as "86 % sure"
    (blind JP QA round 4): it says it is undecided instead; a decided one keeps its figure."""
    export = tmp_path / "phone.vcf"
    export.write_bytes(SPLIT_CARD)
    out = tmp_path / f"report.{fmt}"
    args = ["scan", str(export), "--explain", "-f", fmt, "-o", str(out), "--lang", lang]
    assert runner.invoke(app, args).exit_code == 0
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert undecided in text
    assert f"{confidence} 0." not in text and f"{confidence} 1.00" not in text
    export.write_bytes(SPLIT_CARD.replace("CATEGORIES:友人\r\n".encode(), b""))
    out.unlink()
    assert runner.invoke(app, args).exit_code == 0
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert undecided not in text and f"{confidence} " in text
