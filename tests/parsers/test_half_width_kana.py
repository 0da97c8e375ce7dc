"""Half-width katakana without CHARSET in a Shift_JIS file is not read as UTF-8.

A feature phone writes short names in half-width katakana and declares no charset.
Two such characters can be one valid two-byte UTF-8 character (ﾕｷ is D5 B7, Armenian
``շ``), so a friend called ﾕｷ was listed as ``շ``. All data fictional.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.encoding import HEAD_BYTES, detect
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_stream import read_vcard

# A card in Shift_JIS kanji, so that the file reads as Shift_JIS.
KANJI_CARD = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:山田;太郎\r\nTEL;CELL:09011113333\r\nEND:VCARD\r\n"
WAYS = ["simple", "folded", "general"]


def _card(value: bytes, *, charset: str = "", fold: bool = False) -> bytes:
    head = b"FN" + (f";CHARSET={charset}".encode() if charset else b"")
    fn = head + b":" + value
    if fold:  # a folded NOTE sends the card from the one-pass path to the plain-card path
        fn += b"\r\nNOTE:see\r\n also"
    return b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + fn + b"\r\nTEL;CELL:09011112222\r\nEND:VCARD\r\n"


def _read(*cards: bytes, way: str) -> list[Contact]:
    data = b"".join(cards)
    verdict = sniff(data[:HEAD_BYTES])
    info = FileInfo(path="phone.vcf", format=verdict.format, encoding=verdict.detected.encoding)
    contacts = read_vcard(
        io.BytesIO(data), info, verdict.detected, ParseOptions(), fast=way != "general"
    )
    return list(contacts)


def _names(*cards: bytes, way: str) -> list[str]:
    return [c.names.formatted for c in _read(*cards, way=way)]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("name", ["ﾕｷ", "ﾏｷ", "ﾃｽ", "ﾅｵ ﾘｶ", "ﾐｶ(ﾄｳ)"])
def test_half_width_katakana_in_a_shift_jis_file(name: str, way: str) -> None:
    value = name.encode("cp932")
    value.decode("utf-8")  # the trap: these bytes are valid UTF-8 too
    kanji = KANJI_CARD.encode("cp932")
    assert _names(_card(value, fold=way == "folded"), kanji, way=way) == [name, ""]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("name", ["café", "Müller", "Ærø", "żółw", "山田"])
def test_utf8_values_in_a_shift_jis_file_stay_utf8(name: str, way: str) -> None:
    """Android and docomo write UTF-8 values into Shift_JIS files: a word with an
    accented letter, or any kana or kanji, is still read as UTF-8."""
    card = _card(name.encode("utf-8"), fold=way == "folded")
    assert _names(card, KANJI_CARD.encode("cp932"), way=way) == [name, ""]


@pytest.mark.parametrize("way", WAYS)
def test_a_declared_charset_is_obeyed(way: str) -> None:
    card = _card("ý".encode(), charset="UTF-8", fold=way == "folded")
    assert _names(card, KANJI_CARD.encode("cp932"), way=way) == ["ý", ""]


@pytest.mark.parametrize("way", WAYS)
def test_in_a_utf8_file_the_same_bytes_are_utf8(way: str) -> None:
    card = _card("ý".encode(), fold=way == "folded")
    assert _names(card, KANJI_CARD.encode("utf-8"), way=way) == ["ý", ""]


@pytest.mark.parametrize("way", WAYS)
def test_a_file_whose_only_non_ascii_is_such_katakana(way: str) -> None:
    """With no kanji anywhere, the whole file is valid UTF-8: it is Shift_JIS still."""
    assert _names(_card("ﾕｷ".encode("cp932"), fold=way == "folded"), way=way) == ["ﾕｷ"]


@pytest.mark.parametrize("text", ["Müller", "José Ñúñez", "Иван Петров", "Γιώργος", "Zoë, Chloé"])
def test_utf8_files_of_other_scripts_stay_utf8(text: str) -> None:
    data = _card(text.encode("utf-8"))
    assert detect(data).encoding == "utf-8"
    assert _names(data, way="simple") == [text]


def _csv_names(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "phone.csv"
    path.write_bytes(data)
    with open_input(str(path), ParseOptions()) as parsed:
        return [c.names.display() for c in parsed.contacts]


def test_a_csv_file_of_such_katakana(tmp_path: Path) -> None:
    data = "名前,携帯\r\nﾕｷ,09011112222\r\nﾏｷ,09011113333\r\n".encode("cp932")
    # The header's kanji make the file CP932; each row alone is valid UTF-8 (decode_line).
    assert _csv_names(data, tmp_path) == ["ﾕｷ", "ﾏｷ"]
    only_kana = "name,mobile\r\nﾕｷ,09011112222\r\n".encode("cp932")
    assert _csv_names(only_kana, tmp_path) == ["ﾕｷ"]
