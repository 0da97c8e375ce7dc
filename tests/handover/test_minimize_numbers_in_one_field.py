"""Several numbers typed into one phone field, or a number with words after it
(QA round 9): each number is read, reported and judged on its own, so a customer's
private mobile written beside the office line no longer reaches the hand-over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import vobject
from handover_setup import run_handover, run_piiaudit

from piiaudit.parsers import ParseOptions, open_input

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:架空;亮;;;\r\nFN:架空 亮\r\nORG:株式会社サンプル建材\r\n"
    "TEL;TYPE=VOICE:03-5555-9005 / 090-5555-9005\r\n"
    "TEL;TYPE=VOICE:090-5555-9006、080-5555-9006\r\n"
    "TEL;TYPE=VOICE:090-5555-9210 ※私用\r\n"
    "END:VCARD\r\n"
)
CSV = (
    "名前,会社名,電話番号\r\n"
    "架空 薫,株式会社サンプル,03-5555-9007 / 090-5555-9007\r\n"
    "架空 望,株式会社サンプル,090-5555-9008 夜のみ\r\n"
)


def _phones(path: Path) -> list[tuple[str, str | None]]:
    with open_input(path, ParseOptions()) as parsed:
        return [(p.value, p.number_type) for c in parsed.contacts for p in c.phones]


def test_readers_give_each_number_of_a_field_its_own_phone(tmp_path: Path) -> None:
    card = tmp_path / "card.vcf"
    card.write_text(VCARD, encoding="utf-8")
    assert _phones(card) == [
        ("03-5555-9005", "fixed_line"),
        ("090-5555-9005", "mobile"),
        ("090-5555-9006", "mobile"),
        ("080-5555-9006", "mobile"),
        ("090-5555-9210 ※私用", "mobile"),
    ]
    sheet = tmp_path / "list.csv"
    sheet.write_text(CSV, encoding="utf-8")
    assert _phones(sheet) == [
        ("03-5555-9007", "fixed_line"),
        ("090-5555-9007", "mobile"),
        ("090-5555-9008 夜のみ", "mobile"),
    ]


def test_minimize_keeps_the_office_line_and_drops_the_mobiles_beside_it(tmp_path: Path) -> None:
    card = tmp_path / "card.vcf"
    card.write_text(VCARD, encoding="utf-8")
    out = tmp_path / "handover.vcf"
    result = run_handover("minimize", str(card), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "personal mobile numbers: 4" in result.output
    (written,) = vobject.readComponents(out.read_text(encoding="utf-8"))
    assert [tel.value for tel in written.contents["tel"]] == ["03-5555-9005"]


def test_scan_reports_every_mobile_of_a_shared_cell(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text(CSV, encoding="utf-8")
    out = tmp_path / "report.json"
    result = run_piiaudit("scan", str(sheet), "-f", "json", "-o", str(out), "--show-pii")
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    found = sorted(
        f["evidence"]
        for c in report["contacts"]
        for f in c["findings"]
        if f["category"] == "mobile_phone"
    )
    assert found == ["090-5555-9007", "090-5555-9008 夜のみ"]


def test_a_mobile_typed_into_the_name_is_cut_from_it(tmp_path: Path) -> None:
    card = tmp_path / "card.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:ABC商事 田中部長 携帯090-5555-9971;;;;\r\n"
        "FN:ABC商事 田中部長 携帯090-5555-9971\r\nORG:ABC商事\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    out = tmp_path / "handover.vcf"
    result = run_handover("minimize", str(card), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    (written,) = vobject.readComponents(out.read_text(encoding="utf-8"))
    assert written.fn.value == "ABC商事 田中部長"
    assert "090" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_minimize_names_the_phone_values_it_hands_over_unread(tmp_path: Path, lang: str) -> None:
    """An unrecognised number is kept (usually the office's), but one that could not be
    read may hide a second number: the owner is told which, masked (QA round 9)."""
    card = tmp_path / "card.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 太郎\r\nORG:見本商事株式会社\r\n"
        "TEL;TYPE=WORK:TEL 03-5555-1234 FAX 5555-1235\r\nTEL;TYPE=WORK:03-5555-1236\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    result = run_handover("minimize", str(card), "-o", str(tmp_path / "out.vcf"), "--lang", lang)
    assert result.exit_code == 0, result.output
    said = {"en": "1 phone value is handed over as written", "ja": "1 件を、書かれたまま"}
    assert said[lang] in result.output
    assert "****-1235" in result.output
    assert "5555-1234" not in result.output and "1236" not in result.output


def test_a_home_number_in_an_organisation_is_reported_and_cut(tmp_path: Path) -> None:
    """QA round 9: 会社 in 株式会社 kept the number-in-text rule below its threshold, and
    the customer's home number went over inside the company's name."""
    card = tmp_path / "card.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 浩\r\nORG:株式会社テスト（自宅 03-5555-9972）\r\n"
        "TEL;TYPE=WORK:03-5555-9970\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    scanned = run_piiaudit("scan", str(card), "-f", "json", "-o", str(report), "--show-pii")
    assert scanned.exit_code == 0, scanned.output
    (contact,) = json.loads(report.read_text(encoding="utf-8"))["contacts"]
    assert [(f["category"], f["field"]) for f in contact["findings"]] == [
        ("home_phone", "organizations[0]")
    ]
    out = tmp_path / "handover.vcf"
    result = run_handover("minimize", str(card), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    (written,) = vobject.readComponents(out.read_text(encoding="utf-8"))
    assert written.org.value == ["株式会社テスト"]
    assert [tel.value for tel in written.contents["tel"]] == ["03-5555-9970"]


def test_an_organisation_with_a_department_in_brackets_is_no_remark(tmp_path: Path) -> None:
    card = tmp_path / "card.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 浩\r\nORG:株式会社テスト（透析センター）\r\n"
        "TEL;TYPE=WORK:03-5555-9970\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    scanned = run_piiaudit("scan", str(card), "-f", "json", "-o", str(report))
    assert scanned.exit_code == 0, scanned.output
    (contact,) = json.loads(report.read_text(encoding="utf-8"))["contacts"]
    assert contact["findings"] == []
