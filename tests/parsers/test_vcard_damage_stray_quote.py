"""A stray double quote in a line's parameters does not take the parameters after it.

Hostile QA F6: ``NOTE;CHARSET=utf-8";ENCODING=QUOTED-PRINTABLE:=E6=8C=81...`` was read
as one parameter ``CHARSET`` holding ``utf-8";ENCODING=QUOTED-PRINTABLE``: the quote
opened a quoted value that never closed, the ENCODING was lost, and the health note
stayed ``=E6=8C=81=E7=97=85...``, with no word said. A quote opens a value only at the
value's start and only when it is closed where the value ends; any other quote is a
character, passed over with a warning at its line. All data fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.vcard_read import read_both_ways
from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input

STRAY = 'a stray double quote (") in its parameters was passed over'
HEALTH_QP = "=E6=8C=81=E7=97=85=E3=81=82=E3=82=8A"  # 持病あり in UTF-8


def _card(*lines: str, version: str = "2.1") -> bytes:
    text = "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"
    return text.encode("utf-8")


def _read(tmp_path: Path, data: bytes) -> tuple[Contact, list[tuple[int, str]]]:
    path = tmp_path / "quote.vcf"
    path.write_bytes(data)
    with open_input(str(path), ParseOptions()) as parsed:
        (contact,) = list(parsed.contacts)
        issues = [(i.line, i.message) for i in parsed.info.issues]
    return contact, issues


def test_a_stray_quote_after_the_charset_leaves_the_encoding_in_force(tmp_path: Path) -> None:
    data = _card("FN:Fict Quote", f'NOTE;CHARSET=utf-8";ENCODING=QUOTED-PRINTABLE:{HEALTH_QP}')
    contact, issues = _read(tmp_path, data)
    assert contact.notes == ("持病あり",)
    assert issues == [(4, f"NOTE: {STRAY}")]


def test_a_stray_quote_before_the_colon_ends_nothing(tmp_path: Path) -> None:
    contact, issues = _read(tmp_path, _card('FN;CHARSET=utf-8":Fict Quote', "TEL:090-0000-0002"))
    assert contact.names.formatted == "Fict Quote"
    assert [p.value for p in contact.phones] == ["090-0000-0002"]
    assert issues == [(3, f"FN: {STRAY}")]


def test_an_unclosed_quote_at_a_value_start_takes_nothing_after_it(tmp_path: Path) -> None:
    data = _card("FN:Fict Quote", f'NOTE;CHARSET="UTF-8;ENCODING=QUOTED-PRINTABLE:{HEALTH_QP}')
    contact, issues = _read(tmp_path, data)
    assert contact.notes == ("持病あり",)
    assert issues == [(4, f"NOTE: {STRAY}")]


def test_a_quote_closed_in_the_middle_of_a_value_is_no_end_of_it(tmp_path: Path) -> None:
    """``X-A="a;ENCODING=...;X-B=b"c``: the only quote after the first is followed by
    ``c``, so it closes no value; both are stray and ENCODING stays a parameter."""
    data = _card("FN:Fict Quote", f'NOTE;X-A="a;ENCODING=QUOTED-PRINTABLE;X-B=b"c:{HEALTH_QP}')
    contact, issues = _read(tmp_path, data)
    assert contact.notes == ("持病あり",)
    assert issues == [(4, f"NOTE: {STRAY}")]


def test_well_quoted_values_are_read_as_before_without_a_word(tmp_path: Path) -> None:
    data = _card(
        "FN:Fict Quote",
        'TEL;TYPE="cell,voice":090-0000-0003',
        'ADR;TYPE=work;LABEL="1-2-3 Example-cho; Chiyoda-ku: 4F":;;1-2-3 Example-cho;;;;',
        'NOTE;X-LABEL="a:b";CHARSET="UTF-8";ENCODING=QUOTED-PRINTABLE:' + HEALTH_QP,
        version="3.0",
    )
    contact, issues = _read(tmp_path, data)
    assert contact.phones[0].value == "090-0000-0003"
    assert set(contact.phones[0].labels) >= {"cell"}
    assert contact.addresses[0].formatted == "1-2-3 Example-cho; Chiyoda-ku: 4F"
    assert contact.addresses[0].street == "1-2-3 Example-cho"
    assert contact.notes == ("持病あり",)
    assert issues == []


def _both_ways(data: bytes) -> tuple[list[Contact], list[Contact], FileInfo, FileInfo]:
    (fast_contacts, fast_info), (slow_contacts, slow_info) = read_both_ways(data)
    return fast_contacts, slow_contacts, fast_info, slow_info


@pytest.mark.parametrize(
    "line",
    [
        f'NOTE;CHARSET=utf-8";ENCODING=QUOTED-PRINTABLE:{HEALTH_QP}',
        'FN;CHARSET=utf-8":Fict Other',
        'EMAIL;TYPE="unclosed:fict@example.com',
    ],
)
def test_the_fast_and_the_general_reader_agree(line: str) -> None:
    data = _card("FN:Fict Quote", line, "TEL:090-0000-0004")
    fast, slow, fast_info, slow_info = _both_ways(data)
    assert fast == slow
    assert fast_info == slow_info
    assert any(STRAY in issue.message for issue in slow_info.issues)
