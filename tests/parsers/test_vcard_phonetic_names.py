"""A name's reading given as a second ``N`` (RFC 9554 ``PHONETIC``, or a kana language tag).

vCard 4.0 gives a name again in another script with ``ALTID``; RFC 9554 marks the
reading with ``PHONETIC`` (and ``SCRIPT``). Read as a second name, the reading was
kept only in ``other``, or replaced the name when it came first. All data fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input


def _read(tmp_path: Path, *n_lines: str) -> Contact:
    path = tmp_path / "card.vcf"
    lines = ["BEGIN:VCARD", "VERSION:4.0", "FN:架空 太郎", *n_lines, "TEL:+81-3-0000-0000"]
    path.write_bytes(("\r\n".join([*lines, "END:VCARD"]) + "\r\n").encode("utf-8"))
    with open_input(str(path), ParseOptions()) as parsed:
        (contact,) = list(parsed.contacts)
    return contact


NAME = "N;ALTID=1;LANGUAGE=ja:架空;太郎;;;"


@pytest.mark.parametrize(
    "reading",
    [
        "N;ALTID=1;PHONETIC=script;SCRIPT=Kana;LANGUAGE=ja:カクウ;タロウ;;;",
        "N;ALTID=1;LANGUAGE=ja-Hrkt:カクウ;タロウ;;;",
        "N;ALTID=1;LANGUAGE=ja-Kana-JP:カクウ;タロウ;;;",
        "N;ALTID=1;LANGUAGE=ja-hira:かくう;たろう;;;",
    ],
)
@pytest.mark.parametrize("reading_first", [False, True])
def test_a_phonetic_n_is_the_reading_in_either_order(
    tmp_path: Path, reading: str, reading_first: bool
) -> None:
    lines = (reading, NAME) if reading_first else (NAME, reading)
    names = _read(tmp_path, *lines).names
    assert (names.family, names.given) == ("架空", "太郎")
    assert {names.phonetic_family, names.phonetic_given} in (
        {"カクウ", "タロウ"},
        {"かくう", "たろう"},
    )


def test_the_reading_is_not_kept_again_as_other_data(tmp_path: Path) -> None:
    contact = _read(tmp_path, NAME, "N;ALTID=1;PHONETIC=script:カクウ;タロウ;;;")
    assert "N" not in contact.other


def test_an_x_phonetic_reading_comes_first_and_the_n_reading_stays_in_other(
    tmp_path: Path,
) -> None:
    contact = _read(
        tmp_path,
        "X-PHONETIC-LAST-NAME:カクウ",
        NAME,
        "N;ALTID=1;PHONETIC=script:ヨミ;ベツ;;;",
    )
    assert contact.names.phonetic_family == "カクウ"
    assert contact.other["N"] == ("ヨミ;ベツ;;;",)


@pytest.mark.parametrize("language", ["ja", "ja-JP", "ja-Jpan", "en-Latn"])
def test_a_second_name_in_another_language_is_not_a_reading(tmp_path: Path, language: str) -> None:
    contact = _read(tmp_path, NAME, f"N;ALTID=1;LANGUAGE={language}:Kakuu;Taro;;;")
    assert (contact.names.family, contact.names.given) == ("架空", "太郎")
    assert contact.names.phonetic_family == ""
    assert contact.other["N"] == ("Kakuu;Taro;;;",)
