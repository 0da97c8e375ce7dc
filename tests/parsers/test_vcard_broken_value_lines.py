"""A value's line broken without folding is read as a note, never as a property name.

Some exporters and hand edits write a multi-line NOTE without folding. A following line
holding a colon was read as a property whose name was the words before the colon
(``Wife HIV positive, private mobile``): the words became a field's name, shown unmasked
in every report, compliance ones included, and no rule read them (security review, QA
round 7). All data fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.vcard_reader import NOT_A_PROPERTY

BROKEN = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Borealis;Hanako;;;\r\nFN:Hanako Borealis\r\n"
    "ORG:Example Trading K.K.\r\nEMAIL;TYPE=WORK:hanako@example-trading.example.com\r\n"
    "NOTE:Met at the trade fair.\r\n"
    "Wife Marmotina HIV positive, private mobile: 090-7771-3141\r\n"
    "奥様 花子さん 透析中 自宅: 03-4441-9265\r\n"
    "END:VCARD\r\n"
)


def _read(tmp_path: Path, text: str) -> tuple[list[str], dict[str, list[str]], list[str]]:
    path = tmp_path / "broken.vcf"
    path.write_text(text, encoding="utf-8")
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        issues = [i.message for c in contacts for i in c.issues]
    assert len(contacts) == 1
    return list(contacts[0].notes), dict(contacts[0].other), issues


def test_the_broken_lines_are_notes_and_said_so(tmp_path: Path) -> None:
    notes, other, issues = _read(tmp_path, BROKEN)
    assert notes == [
        "Met at the trade fair.",
        "Wife Marmotina HIV positive, private mobile: 090-7771-3141",
        "奥様 花子さん 透析中 自宅: 03-4441-9265",
    ]
    assert other == {}
    assert issues.count(NOT_A_PROPERTY) == 2


def test_real_property_names_are_untouched(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sample\r\nitem1.X-ABLabel:Partner\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Sam\r\nX_CUSTOM_FIELD:ok\r\n"
        "TEL ;TYPE=CELL:090-0000-0001\r\nEND:VCARD\r\n"
    )
    notes, other, issues = _read(tmp_path, text)
    assert notes == [] and NOT_A_PROPERTY not in issues
    assert "X_CUSTOM_FIELD" in other


def test_the_rules_read_them_and_no_report_names_a_field_after_them(tmp_path: Path) -> None:
    path = tmp_path / "broken.vcf"
    path.write_text(BROKEN, encoding="utf-8")
    for audience in ("self", "compliance"):
        for fmt in ("json", "csv", "sarif"):
            out = tmp_path / f"r-{audience}.{fmt}"
            result = CliRunner().invoke(
                app, ["scan", str(path), "--audience", audience, "-f", fmt, "-o", str(out)]
            )
            assert result.exit_code == 0, result.output
            text = out.read_text(encoding="utf-8")
            # (rule descriptions may name a condition; the contact's words and numbers not)
            for secret in ("MARMOTINA", "Marmotina", "PRIVATE MOBILE", "7771-3141", "4441-9265"):
                assert secret not in text, (audience, fmt, secret)
    report = json.loads((tmp_path / "r-self.json").read_text(encoding="utf-8"))
    categories = {f["category"] for c in report["contacts"] for f in c["findings"]}
    assert "special_care" in categories  # HIV and 透析 are read now


def test_a_quoted_printable_photo_in_soft_broken_lines_is_one_value(tmp_path: Path) -> None:
    """Only the first soft break of a QP photo was joined: its other lines became 'not a
    property' issues, and a line holding NAME:value would have become a property of the
    card (QA round 16)."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Fict QP Photo\r\n"
        "PHOTO;ENCODING=QUOTED-PRINTABLE;TYPE=JPEG:=FF=D8=\r\n=FF=E0=\r\nNOTE:x=\r\n=4A=46\r\n"
        "TEL;CELL:090-0000-0009\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "qp-photo.vcf"
    path.write_text(text, encoding="ascii")
    with open_input(str(path), ParseOptions()) as parsed:
        (contact,) = list(parsed.contacts)
        issues = parsed.info.issues
    assert contact.photo.present
    assert [p.value for p in contact.phones] == ["090-0000-0009"]
    assert contact.notes == ()
    assert issues == []
