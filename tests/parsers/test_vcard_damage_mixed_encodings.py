"""A UTF-8 vCard export with cards of other encodings merged in is read as UTF-8.

Hostile QA F5: ``cat`` of exports from several phones gives a UTF-8 file with a
Shift_JIS card and a Latin-1 card in it. The whole file was guessed Windows-1251: every
card of the legacy exports came out mojibake (a Shift_JIS note ``持病あり`` unfound, so
the special-care finding disappeared) and nothing was said. Two Latin-1 bytes in one card
did it too. Now such a file is read as UTF-8, each value that is not UTF-8 in its own most
likely encoding (CP932 when its card reads as Japanese, else Windows-1252), with a
warning at its line; the contact is complete, so nothing counts as lost. A file that is
all Latin-1 or all Shift_JIS is read as before. All data fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.vcard_read import read_file
from piiaudit.model import Contact, FileInfo


def _card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


UTF8_CARD = _card("N:架空;一郎;;;", "FN:架空 一郎", "NOTE:取引先").encode("utf-8")
SJIS_CARD = _card("N:例示;花子;;;", "FN:例示 花子", "NOTE:ゴルフ仲間。持病あり").encode("cp932")
LATIN1_CARD = _card(
    "N:Beispiel;Jürgen;;;", "FN:Jürgen Beispiel", "NOTE:Geburtstag im März, Ehefrau Bärbel"
).encode("latin-1")
ASCII_CARD = _card("FN:Fict Sentinel", "TEL;TYPE=CELL:090-0000-0001").encode("ascii")


def _read(tmp_path: Path, data: bytes) -> tuple[list[Contact], FileInfo]:
    return read_file(tmp_path / "merged.vcf", data)


def _issues(info: FileInfo) -> list[tuple[int, str]]:
    return [(issue.line, issue.message) for issue in info.issues]


@pytest.mark.parametrize("order", ["sjis-first", "latin1-first"])
def test_each_merged_card_is_read_in_its_own_encoding_and_named(tmp_path: Path, order: str) -> None:
    legacy = [SJIS_CARD, LATIN1_CARD] if order == "sjis-first" else [LATIN1_CARD, SJIS_CARD]
    contacts, info = _read(tmp_path, ASCII_CARD + UTF8_CARD + b"".join(legacy) + ASCII_CARD)

    by_name = {c.names.formatted: c for c in contacts}
    assert set(by_name) == {"Fict Sentinel", "架空 一郎", "例示 花子", "Jürgen Beispiel"}
    assert by_name["例示 花子"].notes == ("ゴルフ仲間。持病あり",)
    assert by_name["Jürgen Beispiel"].notes == ("Geburtstag im März, Ehefrau Bärbel",)
    assert by_name["架空 一郎"].notes == ("取引先",)
    assert info.encoding == "utf-8"

    sjis_line = by_name["例示 花子"].source.line
    latin1_line = by_name["Jürgen Beispiel"].source.line
    said = _issues(info)
    for offset, name in ((2, "N"), (3, "FN"), (4, "NOTE")):
        assert (sjis_line + offset, f"{name}: value is not valid utf-8; read as cp932") in said
        assert (
            latin1_line + offset,
            f"{name}: value is not valid utf-8; read as windows-1252",
        ) in said
    assert len(said) == 6
    assert info.read_in_part() == 0  # decoded, and said so: nothing of the file was left


def test_two_latin1_bytes_in_a_utf8_export_are_read_as_latin1_at_their_line(
    tmp_path: Path,
) -> None:
    odd = _card("FN:Fict Cafe", "NOTE:x").encode().replace(b"NOTE:x", b"NOTE:Caf\xe9 M\xe4rz")
    contacts, info = _read(tmp_path, UTF8_CARD + odd)
    assert contacts[1].notes == ("Café März",)
    assert contacts[0].names.formatted == "架空 一郎"
    assert _issues(info) == [(10, "NOTE: value is not valid utf-8; read as windows-1252")]


def test_a_short_shift_jis_value_is_read_with_its_card(tmp_path: Path) -> None:
    """One kanji (森, two bytes) says too little alone, and was read as Windows-1252
    (``X``); read with the rest of its card, which reads as Japanese, it is 森."""
    card = _card("N:森;;;;", "FN:森", "NOTE:持病あり。通院中").encode("cp932")
    contacts, info = _read(tmp_path, UTF8_CARD + card + LATIN1_CARD)
    assert contacts[1].names.formatted == "森"
    assert contacts[1].names.family == "森"
    assert contacts[1].notes == ("持病あり。通院中",)
    assert info.encoding == "utf-8"


def test_a_stray_byte_inside_utf8_text_is_one_replacement_character(tmp_path: Path) -> None:
    """Read as Windows-1252 or CP932, the whole note was mojibake and its health words
    unfound; UTF-8 text with one bad byte is UTF-8 still."""
    damaged = _card("FN:Fict Stray", "NOTE:x").encode()
    damaged = damaged.replace(b"NOTE:x", "NOTE:持病あり".encode() + b"\xff" + "通院中".encode())
    contacts, info = _read(tmp_path, ASCII_CARD + damaged)
    assert contacts[1].notes == ("持病あり\ufffd通院中",)
    assert info.encoding == "utf-8"
    assert _issues(info) == [
        (9, "NOTE: value is not valid utf-8; what could not be read is shown as U+FFFD")
    ]


def test_utf8_and_shift_jis_alone_are_read_as_before_without_a_word(tmp_path: Path) -> None:
    """Two phones' exports, one UTF-8 and one Shift_JIS: the file is CP932, its UTF-8
    values read as UTF-8 (as they were)."""
    contacts, info = _read(tmp_path, UTF8_CARD + SJIS_CARD)
    assert [c.names.formatted for c in contacts] == ["架空 一郎", "例示 花子"]
    assert contacts[1].notes == ("ゴルフ仲間。持病あり",)
    assert info.encoding == "cp932"
    assert info.issues == []


def test_a_whole_latin1_file_is_still_windows_1252(tmp_path: Path) -> None:
    other = _card("FN:Zoë Exemple", "NOTE:Réunion à Genève").encode("latin-1")
    contacts, info = _read(tmp_path, LATIN1_CARD + other)
    assert [c.names.formatted for c in contacts] == ["Jürgen Beispiel", "Zoë Exemple"]
    assert contacts[1].notes == ("Réunion à Genève",)
    assert info.encoding == "windows-1252"
    assert info.issues == []


def test_a_whole_shift_jis_file_is_still_cp932(tmp_path: Path) -> None:
    other = _card("N:森;;;;", "FN:森", "ORG:株式会社サンプル").encode("cp932")
    contacts, info = _read(tmp_path, SJIS_CARD + other)
    assert [c.names.formatted for c in contacts] == ["例示 花子", "森"]
    assert contacts[1].organizations == ("株式会社サンプル",)
    assert info.encoding == "cp932"
    assert info.issues == []


def test_a_cyrillic_card_keeps_the_file_to_its_guess(tmp_path: Path) -> None:
    """A line neither CP932 nor Western letters explain (Windows-1251 Cyrillic) is no
    card the per-value fallback could read: the file is not taken for UTF-8."""
    cyrillic = _card("FN:Иван Примеров", "NOTE:Встреча в пятницу").encode("cp1251")
    _, info = _read(tmp_path, UTF8_CARD + cyrillic + cyrillic)
    assert info.encoding != "utf-8"
