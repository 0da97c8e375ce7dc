"""Values in a charset the fast paths would pass over, or with a flaw or two.

``CHARSET=ISO-2022-JP`` (Japanese mailers such as Becky! and Outlook Express JP)
writes Japanese as 7-bit bytes switched by escape sequences: ASCII to every
shortcut, so it was kept raw, escapes and all, and its birthday note went unseen.
A Shift_JIS value with one bad byte pair (a carrier pictograph, a damaged file)
failed as a whole and was read as Windows-1252 mojibake, losing the name 黒田;
now the few bad bytes become U+FFFD and the rest is read, and an issue says so.
Each file is read the three ways a card can go (simple, plain-card, general).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_stream import read_vcard

WAYS = ["simple", "folded", "general"]


def _read(lines: list[bytes], way: str) -> tuple[list[Contact], FileInfo]:
    if way == "folded":  # a folded FN sends the card to the plain-card path
        lines = [b"FN:\r\n x" if line.startswith(b"FN:") else line for line in lines]
    data = b"\r\n".join([b"BEGIN:VCARD", b"VERSION:2.1", *lines, b"END:VCARD"]) + b"\r\n"
    verdict = sniff(data[:HEAD_BYTES])
    info = FileInfo(path="charsets.vcf", format=verdict.format, encoding=verdict.detected.encoding)
    stream = io.BytesIO(data)
    contacts = list(
        read_vcard(stream, info, verdict.detected, ParseOptions(), fast=way != "general")
    )
    return contacts, info


def _jis(text: str) -> bytes:
    return text.encode("iso2022_jp")


@pytest.mark.parametrize("way", WAYS)
def test_iso_2022_jp_values_are_decoded(way: str) -> None:
    [contact], info = _read(
        [
            b"FN:x",
            b"N;CHARSET=ISO-2022-JP:" + _jis("新居") + b";" + _jis("太郎"),
            b"NOTE;CHARSET=ISO-2022-JP:" + _jis("誕生日は3月3日"),
        ],
        way,
    )
    assert (contact.names.family, contact.names.given) == ("新居", "太郎")
    assert contact.notes == ("誕生日は3月3日",)
    assert info.issues == []


@pytest.mark.parametrize("way", WAYS)
def test_a_shift_jis_value_with_one_bad_pair_keeps_the_rest(way: str) -> None:
    bad = b"\x85\x40"  # a pair no Shift_JIS table assigns
    [contact], info = _read(
        [
            b"FN:x",
            b"N;CHARSET=SHIFT_JIS:" + "黒田".encode("cp932") + bad + b";" + "太郎".encode("cp932"),
        ],
        way,
    )
    assert contact.names.family.startswith("黒田\ufffd")
    assert contact.names.given == "太郎"
    assert [i.message for i in info.issues] == [
        "N: value is not valid SHIFT_JIS; what could not be read is shown as U+FFFD"
    ]


@pytest.mark.parametrize("way", WAYS)
def test_a_value_with_many_bad_bytes_is_not_read_as_shift_jis(way: str) -> None:
    """More than a few unreadable characters: not Shift_JIS with a flaw, so the legacy
    fallback reads it as before (and says so)."""
    [contact], info = _read(
        [b"FN:x", b"NOTE;CHARSET=SHIFT_JIS:\x85\x40\x85\x41\x85\x42\x85\x43"], way
    )
    assert "\ufffd" not in contact.notes[0]
    assert any("NOTE: value is not valid SHIFT_JIS" in i.message for i in info.issues)


@pytest.mark.parametrize("way", WAYS)
def test_a_latin1_value_is_not_shift_jis_with_a_flaw(way: str) -> None:
    """Only a value with characters of that encoding besides the bad ones is read in it."""
    [contact], _ = _read([b"FN:x", b"NOTE;CHARSET=SHIFT_JIS:caf\xe9 cr\xe8me"], way)
    assert contact.notes == ("café crème",)


@pytest.mark.parametrize("way", WAYS)
def test_valid_shift_jis_without_charset_is_read_without_an_issue(way: str) -> None:
    """A feature phone's Shift_JIS values without CHARSET are valid in the file's
    encoding: no issue for them (review 7 found one per value)."""
    [contact], info = _read(
        [b"FN:x", "N:黒田;太郎".encode("cp932"), "NOTE:取引先。来週訪問".encode("cp932")], way
    )
    assert (contact.names.family, contact.notes) == ("黒田", ("取引先。来週訪問",))
    assert info.issues == []


def test_a_value_marked_base64_that_is_not_is_kept_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "b64.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN;ENCODING=BASE64:!!!notbase64***\r\n"
        b"NOTE;ENCODING=b:44GT44KT44Gr44Gh44Gv\r\nEND:VCARD\r\n"
    )
    with open_input(str(path), ParseOptions()) as parsed:
        (contact,) = parsed.contacts
    assert contact.names.formatted == "!!!notbase64***"  # as written: nothing lost
    assert contact.notes == ("こんにちは",)
    assert [(i.line, i.message) for i in contact.issues] == [
        (3, "FN: value is marked BASE64 but is not base64; it is read as written")
    ]
