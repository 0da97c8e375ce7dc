"""What the blind format QA found in the readers (QA formats, FINDINGS F1-F4, F6, F7),
each held here on fictional data written in the test: two numbers in one phone field
however separated, "Related name : mother", Outlook's "no date" 0/0/00 in any CSV, a
soft break right before END:VCARD, docomo's X-DCM-GN-ORIGINAL group, and group cards
read where their membership cannot be applied."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from csv_read import read, rebuilt
from test_vcard_fast import assert_same_both_ways
from test_vcard_fast import read as read_both_ways

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.vcard_groups import GROUPS_NOT_APPLIED_STDIN, GROUPS_NOT_APPLIED_UTF16
from piiaudit.parsers.vcard_reader import SOFT_BREAK_BEFORE_END
from piiaudit.reporters.problems import translate


def _vcard(tmp_path: Path, text: str, name: str = "export.vcf") -> tuple[list[Contact], FileInfo]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    with open_input(str(path), ParseOptions()) as parsed:
        return list(parsed.contacts), parsed.info


# ------------------------------------------------------------------ F1: two numbers


SHARED_CELLS = (
    "名前,会社,電話\r\n"
    "空白 区切,サンプル商事,03-5558-0001 090-1258-0009\r\n"
    '改行 区切,サンプル商事,"03-5558-0001\n090-1258-0011"\r\n'
    'カンマ 区切,サンプル商事,"03-5558-0001,090-1258-0004"\r\n'
    "タブ 区切,サンプル商事,03-5558-0001\t090-1258-0013\r\n"
    "代表 区切,サンプル商事,03-5558-0001（代表）090-1258-0016\r\n"
    "ＦＡＸ 区切,サンプル商事,TEL:0120-555-058 FAX:03-5558-0009\r\n"
    "一つ 番号,サンプル商事,+81 (0)3 5558 0001 内線 2456\r\n"
)


def test_a_csv_cell_of_two_numbers_gives_two_phones_with_the_cells_labels() -> None:
    data = SHARED_CELLS.encode("utf-8")
    contacts, _ = read(data)
    phones = [[(p.value, p.labels, p.number_type) for p in c.phones] for c in contacts]
    for found, second in zip(phones[:5], ["0009", "0011", "0004", "0013", "0016"], strict=True):
        assert [kind for _, _, kind in found] == ["fixed_line", "mobile"]
        assert [labels for _, labels, _ in found] == [("電話",), ("電話",)]
        assert found[1][0].endswith(second)
    assert [value for value, _, _ in phones[5]] == ["TEL:0120-555-058", "FAX:03-5558-0009"]
    assert phones[6] == [("+81 (0)3 5558 0001 内線 2456", ("電話",), "fixed_line")]
    # each record's bytes are still the contact's, as the hand-over copies them
    assert rebuilt(data, contacts) == data


def test_a_vcard_tel_of_two_numbers_gives_two_phones_both_ways() -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:空白 区切\r\nORG:サンプル商事\r\nTITLE:部長\r\n"
        "TEL;TYPE=WORK:03-5558-0001 090-1258-0009\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Comma Example\r\n"
        "TEL;WORK:03-5558-0001,090-1258-0004\r\nEND:VCARD\r\n"
    ).encode()
    assert_same_both_ways(data, ParseOptions())
    _, contacts = read_both_ways(data, ParseOptions(), fast=True)
    assert [[(p.value, p.labels, p.number_type) for p in c.phones] for c in contacts] == [
        [("03-5558-0001", ("work",), "fixed_line"), ("090-1258-0009", ("work",), "mobile")],
        [("03-5558-0001", ("work",), "fixed_line"), ("090-1258-0004", ("work",), "mobile")],
    ]


# ------------------------------------------------------------- F2: a related name


@pytest.mark.parametrize(
    "header", ["Related name : mother", "Related Name", "Relationship Name", "Relative Name"]
)
def test_a_related_name_column_is_a_related_person_not_the_contacts_name(header: str) -> None:
    data = f"First name,Last name,Phone : mobile,{header}\r\n陽子,村上,080-1222-0002,村上 京子\r\n"
    [contact], _ = read(data.encode("utf-8"))
    assert contact.related == ("村上 京子",)
    assert (contact.names.formatted, contact.names.family, contact.names.given) == (
        "",
        "村上",
        "陽子",
    )


def test_a_related_colleague_and_a_relationship_status_are_no_relatives() -> None:
    data = (
        "First name,Last name,Related name : assistant,Relationship\r\n"
        "Rei,Example,Aki Example,Customer\r\n"
    )
    [contact], _ = read(data.encode("utf-8"))
    assert contact.related == ()
    assert contact.names.formatted == ""
    assert contact.other == {
        "Related name : assistant": ("Aki Example",),
        "Relationship": ("Customer",),
    }


# ------------------------------------------------------------ F3: no date at all


@pytest.mark.parametrize(
    "zero", ["0/0/00", "0.0.00", "00/00/0000", "0000-00-00", "00/0/0", "1985/0/0", "12/0/1985"]
)
def test_a_zero_date_is_no_date_in_any_csv(zero: str) -> None:
    data = (
        '"First Name","Last Name","Company","Job Title","Birthday","Anniversary"\r\n'
        f'"Zero","Date","Sample Corp","Manager","{zero}","{zero}"\r\n'
    )
    [contact], info = read(data.encode("utf-8"))
    assert info.dialect == "generic-csv"
    assert (contact.birthday, contact.anniversary) == (None, None)
    assert contact.other == {}
    assert info.issues == []  # as Outlook's own map drops it: silently


@pytest.mark.parametrize("date", ["1960/5/5", "5/12/00", "00/5/12", "0000-05-12", "24.12.1975"])
def test_a_date_with_a_month_and_a_day_stays(date: str) -> None:
    data = f"First Name,Last Name,Birthday\r\nSome,Date,{date}\r\n"
    [contact], _ = read(data.encode("utf-8"))
    assert contact.birthday == date


def test_thunderbird_birth_parts_of_zero_are_no_date() -> None:
    data = (
        "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,"
        "Screen Name,Birth Year,Birth Month,Birth Day\r\n"
        "Zero,Parts,Zero Parts,,,,,1985,0,0\r\nSome,Parts,Some Parts,,,,,,5,12\r\n"
    )
    contacts, info = read(data.encode("utf-8"))
    assert info.dialect == "thunderbird-csv"
    assert [c.birthday for c in contacts] == [None, "--05-12"]


@pytest.mark.parametrize("zero", ["0000-00-00", "1985-00-00", "19850000", "--0000", "1985-05-00"])
def test_a_vcard_bday_or_anniversary_with_a_zero_month_or_day_is_no_date(
    tmp_path: Path, zero: str
) -> None:
    contacts, info = _vcard(
        tmp_path,
        f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zero Date\r\nBDAY:{zero}\r\n"
        f"ANNIVERSARY:{zero}\r\nEND:VCARD\r\n",
    )
    [contact] = contacts
    assert (contact.birthday, contact.anniversary, contact.other) == (None, None, {})
    assert info.issues == []


# ------------------------------------------------ F4: a soft break before END:VCARD

SOFT_BROKEN = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Broken;One;;;\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=A4=A7=E5=AD=A6=E3=81=AE=E5=8F=8B=E4=BA=BA=\r\n"
    "END:VCARD\r\n"
)
NORMAL = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Normal;Card;;;\r\nTEL;CELL:090-1249-0001\r\nEND:VCARD\r\n"
AOSP = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Blank;Line;;;\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=A7=89=\r\n\r\nEND:VCARD\r\n"
)


@pytest.mark.parametrize("order", ["SN", "SNSN", "SSN", "NSNSN", "S"])
def test_a_soft_break_before_end_ends_the_card_with_a_warning_at_its_line(
    tmp_path: Path, order: str
) -> None:
    text = "".join(SOFT_BROKEN if kind == "S" else NORMAL for kind in order)
    contacts, info = _vcard(tmp_path, text)
    assert len(contacts) == len(order)
    broken = [c for c, kind in zip(contacts, order, strict=True) if kind == "S"]
    assert all(c.notes == ("大学の友人",) for c in broken)
    # one warning per such card, at its NOTE line (the card's 4th), none of an END missing
    assert [(i.line, i.message, i.severity) for i in info.issues] == [
        (c.source.line + 3, SOFT_BREAK_BEFORE_END, "warning") for c in broken
    ]
    assert all(c.issues == (info.issues[n],) for n, c in enumerate(broken))
    assert_same_both_ways(text.encode("utf-8"), ParseOptions())


def test_the_aosp_soft_break_then_a_blank_line_is_read_as_before(tmp_path: Path) -> None:
    contacts, info = _vcard(tmp_path, AOSP + NORMAL)
    assert [c.notes for c in contacts] == [("姉",), ()]
    assert info.issues == []


# ----------------------------------------------------- F6: docomo's group property


def test_docomo_android_group_is_a_category(tmp_path: Path) -> None:
    contacts, _ = _vcard(
        tmp_path,
        "BEGIN:VCARD\r\nVERSION:2.1\r\nX-DCM-EXPORT:1.0\r\nN;CHARSET=UTF-8:藤井;健太;;;\r\n"
        "TEL;CELL:090-1235-0001\r\nX-DCM-GN-ORIGINAL;CHARSET=UTF-8:友達\r\nEND:VCARD\r\n",
    )
    [contact] = contacts
    assert contact.categories == ("友達",)
    assert "X-DCM-GN-ORIGINAL" not in contact.other


# ------------------------------------- F7: group cards whose membership is not applied

GROUPED = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:家族\r\n"
    "MEMBER:urn:uuid:member-1\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:大野 みどり\r\nUID:urn:uuid:member-1\r\n"
    "TEL;TYPE=cell:090-1235-0009\r\nEND:VCARD\r\n"
)


def test_groups_read_from_a_file_are_applied_without_a_word_more(tmp_path: Path) -> None:
    contacts, info = _vcard(tmp_path, GROUPED)
    assert [c.categories for c in contacts] == [("家族",)]
    assert [i.message for i in info.issues] == [
        "1 group card (KIND:group) was skipped: it lists members, it is not a contact"
    ]


def test_groups_of_a_utf16_file_are_said_not_applied(tmp_path: Path) -> None:
    path = tmp_path / "utf16.vcf"
    path.write_bytes(GROUPED.encode("utf-16"))
    with open_input(str(path), ParseOptions()) as parsed:
        contacts, info = list(parsed.contacts), parsed.info
    assert [c.categories for c in contacts] == [()]
    assert [(i.line, i.message, i.severity) for i in info.issues][-1] == (
        0,
        GROUPS_NOT_APPLIED_UTF16,
        "warning",
    )


def test_groups_read_from_standard_input_are_said_not_applied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(GROUPED.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    with open_input("-", ParseOptions()) as parsed:
        contacts, info = list(parsed.contacts), parsed.info
    assert [c.categories for c in contacts] == [()]
    assert info.issues[-1].line == 0 and info.issues[-1].message == GROUPS_NOT_APPLIED_STDIN


def test_standard_input_without_group_cards_says_nothing_of_groups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(NORMAL.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    with open_input("-", ParseOptions()) as parsed:
        assert len(list(parsed.contacts)) == 1
        assert parsed.info.issues == []


@pytest.mark.parametrize(
    "message", [GROUPS_NOT_APPLIED_STDIN, GROUPS_NOT_APPLIED_UTF16, SOFT_BREAK_BEFORE_END]
)
def test_the_new_messages_are_said_in_japanese(message: str) -> None:
    said = translate(message, "ja")
    assert said != message and not any(
        "a" <= ch <= "z" for ch in said.replace("quoted-printable", "")
    )
