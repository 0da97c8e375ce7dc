"""Broken quoted-printable and base64 values: read as far as they can be, and said.

Hostile QA F10: a quoted-printable NOTE ending in a soft line break (``trailing=``)
swallowed the next line, ``ADR;HOME:...``: the home address became words of the note,
its finding disappeared, and nothing was said. A line after a soft break that is a
property of its own (a vCard name in capitals or an ``X-`` name, then ``;`` or ``:``)
now ends the value, with a warning at the value's line; the continuations phones write
(``=E3=81=82...`` escapes, or the value's own text) are joined as before. Invalid
escapes (``=ZZ``) and base64 with characters outside its alphabet are read as before
and named. All data fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.vcard_read import read_both_ways
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input

BEFORE_PROPERTY = (
    "quoted-printable value ends in a soft line break (=), but the next line is a "
    "property of its own; read as the end of the value"
)
QP_INVALID = (
    "value is marked QUOTED-PRINTABLE but holds an '=' that starts no escape; it is read as written"
)


def _card(*lines: str) -> bytes:
    body = ["BEGIN:VCARD", "VERSION:2.1", "FN:Fict Soft", *lines, "END:VCARD"]
    return ("\r\n".join(body) + "\r\n").encode("utf-8")


def _read(tmp_path: Path, data: bytes) -> tuple[Contact, list[tuple[int, str]]]:
    path = tmp_path / "qp.vcf"
    path.write_bytes(data)
    with open_input(str(path), ParseOptions()) as parsed:
        (contact,) = list(parsed.contacts)
        return contact, sorted((i.line, i.message) for i in parsed.info.issues)


def test_a_soft_break_before_a_property_ends_the_value(tmp_path: Path) -> None:
    data = _card(
        "NOTE;ENCODING=QUOTED-PRINTABLE:trailing=",
        "ADR;HOME:;;1-2-3 Example-cho;Meguro-ku;Tokyo;152-0000;Japan",
        "TEL;HOME:03-0000-7201",
    )
    contact, issues = _read(tmp_path, data)
    assert contact.notes == ("trailing",)
    assert [(a.labels, a.street) for a in contact.addresses] == [(("home",), "1-2-3 Example-cho")]
    assert [p.value for p in contact.phones] == ["03-0000-7201"]
    assert issues == [(4, BEFORE_PROPERTY)]


def test_a_soft_break_before_a_grouped_or_x_property_ends_the_value(tmp_path: Path) -> None:
    data = _card(
        "NOTE;ENCODING=QUOTED-PRINTABLE:one=",
        "item1.EMAIL;INTERNET:fict@example.com",
        "NOTE;ENCODING=QUOTED-PRINTABLE:two=",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Fictie;1;;;;;;;;;;;;;",
    )
    contact, issues = _read(tmp_path, data)
    assert contact.notes == ("one", "two")
    assert [e.value for e in contact.emails] == ["fict@example.com"]
    assert contact.names.nicknames == ("Fictie",)
    assert issues == [(4, BEFORE_PROPERTY), (6, BEFORE_PROPERTY)]


def test_a_soft_break_before_begin_starts_the_next_card(tmp_path: Path) -> None:
    data = _card("NOTE;ENCODING=QUOTED-PRINTABLE:first=").replace(b"END:VCARD\r\n", b"")
    data += b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Next\r\nEND:VCARD\r\n"
    path = tmp_path / "qp.vcf"
    path.write_bytes(data)
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        issues = [(i.line, i.message) for i in parsed.info.issues]
    assert [c.names.formatted for c in contacts] == ["Fict Soft", "Fict Next"]
    assert contacts[0].notes == ("first",)
    assert (4, BEFORE_PROPERTY) in issues


@pytest.mark.parametrize(
    ("lines", "note"),
    [
        # Android / docomo: escapes continued on the next lines.
        (["=E6=8C=81=E7=97=85=", "=E3=81=82=E3=82=8A"], "持病あり"),
        # Plain text going on, a word that is no property (capitals, no ';' or ':').
        (["Meeting at the=", "TOKYO office"], "Meeting at theTOKYO office"),
        # Text with a colon, but lower case: a sentence, not a property.
        (["call back=", "Note: after 5 pm"], "call backNote: after 5 pm"),
        # An escape right after the soft break: never a property.
        (["Fict=", "=41DR;HOME:x"], "FictADR;HOME:x"),
    ],
)
def test_real_continuations_are_joined_as_before(
    tmp_path: Path, lines: list[str], note: str
) -> None:
    first, *rest = lines
    data = _card(f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{first}", *rest)
    contact, issues = _read(tmp_path, data)
    assert contact.notes == (note,)
    assert issues == []


def test_invalid_escapes_are_kept_and_named(tmp_path: Path) -> None:
    data = _card(
        "NOTE;ENCODING=QUOTED-PRINTABLE:=ZZ=4 ok",
        "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;=E6=9D=B1=E4=BA=AC=XX;;;;",
        "URL;ENCODING=QUOTED-PRINTABLE:https://example.com/?a=3Db",  # an escaped =: clean
    )
    contact, issues = _read(tmp_path, data)
    assert contact.notes == ("=ZZ=4 ok",)
    assert contact.addresses[0].street == "東京=XX"
    assert contact.urls == ("https://example.com/?a=b",)
    assert issues == [(4, f"NOTE: {QP_INVALID}"), (5, f"ADR: {QP_INVALID}")]


def test_base64_with_stray_characters_is_named(tmp_path: Path) -> None:
    data = _card(
        "NOTE;ENCODING=BASE64;CHARSET=UTF-8:5oyB55eF44GC44KK!!",  # 持病あり, then junk
        "X-NOTE;ENCODING=BASE64;CHARSET=UTF-8:5oyB55eF44GC44KK",  # clean
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:!!!!not*base64$$$===abc",
    )
    contact, issues = _read(tmp_path, data)
    assert contact.notes == ("持病あり",)
    assert contact.other["X-NOTE"] == ("持病あり",)
    assert contact.photo.present
    assert issues == [
        (
            4,
            "NOTE: value is marked BASE64 but holds characters that are not base64; "
            "they were passed over",
        ),
        (6, "PHOTO: value is marked BASE64 but holds characters that are not base64"),
    ]


CASES = [
    _card("NOTE;ENCODING=QUOTED-PRINTABLE:trailing=", "ADR;HOME:;;1-2-3 Example-cho;;;;"),
    _card("NOTE;ENCODING=QUOTED-PRINTABLE:=E6=8C=81=", "=E7=97=85", "TEL:090-0000-7202"),
    _card("NOTE;ENCODING=QUOTED-PRINTABLE:=ZZ", "TEL:090-0000-7203"),
    _card("PHOTO;ENCODING=BASE64;TYPE=JPEG:!!!!not*base64", "TEL:090-0000-7204"),
    _card("PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ", " A", "", "TEL:090-0000-7205"),
    _card("PHOTO;ENCODING=QUOTED-PRINTABLE;TYPE=JPEG:=FF=D8=", "NOTE:x=", "=4A", "TEL:1"),
]


@pytest.mark.parametrize("data", CASES)
def test_the_fast_and_the_general_reader_agree(data: bytes) -> None:
    results = read_both_ways(data)
    assert results[0] == results[1]
