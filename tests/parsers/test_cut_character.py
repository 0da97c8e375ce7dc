"""A value cut at the reader's byte limit inside a character keeps its text.

The limit falls where it falls: inside a three-byte UTF-8 kanji, or a two-byte
Shift_JIS one. The whole value used to fail to decode and came back as a
megabyte of windows-1252 mojibake; now only the cut character goes, and an issue
says so. A legacy value that merely ends in a byte UTF-8 cannot finish
(``caf\\xe9``, Latin-1) is still read in its legacy encoding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from piiaudit.parsers import ParseOptions, open_input

LIMIT = 1000


def _read(path: Path) -> tuple[list[str], list[str]]:
    with open_input(str(path), ParseOptions(max_value_bytes=LIMIT)) as parsed:
        contacts = list(parsed.contacts)
        issues = [i.message for i in parsed.info.issues]
    return [n for c in contacts for n in c.notes], issues


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_a_utf8_note_cut_inside_a_kanji_keeps_its_kanji(tmp_path: Path, offset: int) -> None:
    note = "a" * offset + "山" * 1000  # the cut falls at every place inside a kanji
    source = tmp_path / "long.vcf"
    source.write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:山田 太郎\nNOTE:{note}\nEND:VCARD\n")
    (read,), issues = _read(source)
    assert note.startswith(read)
    assert len(read.encode("utf-8")) > LIMIT - 3
    assert any("was cut" in i for i in issues)
    assert not any("windows-1252" in i for i in issues)


def test_a_shift_jis_note_cut_inside_a_kanji_keeps_its_kanji(tmp_path: Path) -> None:
    note = "a" + "山" * 1000
    source = tmp_path / "long.vcf"
    card = (
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Taro\r\nNOTE;CHARSET=SHIFT_JIS:{note}\r\nEND:VCARD\r\n"
    )
    source.write_bytes(card.encode("shift_jis"))
    (read,), issues = _read(source)
    assert note.startswith(read) and len(read) > 400
    assert any("its last character was cut off and dropped" in i for i in issues)


def test_a_latin1_value_ending_in_an_accent_is_still_latin1(tmp_path: Path) -> None:
    source = tmp_path / "latin1.vcf"
    source.write_bytes(b"BEGIN:VCARD\nVERSION:3.0\nFN:Ren\xe9\nNOTE:caf\xe9\nEND:VCARD\n")
    (read,), _ = _read(source)
    assert read == "café"


@pytest.mark.parametrize(
    ("org", "name"),
    [("ﾃｽﾄ", "ﾀﾛｳ"), ("ﾄｳﾖ", "ﾀﾛｳ"), ("ﾃｽﾄｼｮｳｼﾞ", "ﾀﾛｳ")],
)
def test_half_width_katakana_without_charset_is_not_a_cut_utf8_value(
    tmp_path: Path, org: str, name: str
) -> None:
    """A feature phone's Shift_JIS card without CHARSET (fictional ﾃｽﾄ, C3 BD C4) holds
    bytes that read as UTF-8 ``ý`` and a lead byte cut off: the company name was handed
    over as ``ý``, with a warning that a character was cut. A value the file's own
    multi-byte encoding reads whole is no cut UTF-8 value."""
    source = tmp_path / "feature-phone.vcf"
    lines = ["BEGIN:VCARD", "VERSION:2.1", f"N:{name}", f"ORG:{org}", "TEL;WORK:0312345678"]
    card = "\r\n".join([*lines, "END:VCARD", ""])
    source.write_bytes(card.encode("cp932"))
    with open_input(str(source), ParseOptions()) as parsed:
        (contact,) = list(parsed.contacts)
        issues = [i.message for i in parsed.info.issues]
    assert contact.organizations == (org,)
    assert contact.names.display() == name
    assert not any("cut off" in i for i in issues)
