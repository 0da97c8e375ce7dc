"""A masked name keeps an honorific at its end (blind JP QA): 「田中 一郎 様」 read
「田* 一* *」 and 「田中様」 「田**」, which hid nothing personal and made the card hard to
recognise. The name itself stays masked as before, a one-character one entirely."""

from __future__ import annotations

import pytest

from piiaudit.masking import HONORIFICS, mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("田中 一郎 様", "田* 一* 様"),
        ("田中様", "田*様"),
        ("林様", "*様"),  # a one-character name before it is hidden whole
        ("田中\u3000一郎\u3000様", "田*\u3000一*\u3000様"),
        ("原田先生", "原*先生"),
        ("株式会社あおば 御中", "株*** 御中"),
        ("佐藤・鈴木様", "佐*・鈴*様"),
        ("田中様（母）", "田*様 (***)"),
    ],
)
def test_a_trailing_honorific_is_kept(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("君", "*"),
        # Not everyday honorifics: チャン, サン and 君 end names (diff review: ジャッキー チャン
        # showed the whole family name, 鄧麗君 a character of the given name).
        ("ジャッキー チャン", "ジ*** チ**"),
        ("鄧麗君", "鄧**"),
        ("王 君", "* *"),
        ("イ サン", "* サ*"),
        ("佐藤さん", "佐***"),
        ("先生", "先*"),
        ("様 太郎", "* 太*"),  # not at the end: a name part like any
        ("山田 太郎", "山* 太*"),
        ("Jane Roe", "J*** R**"),
    ],
)
def test_anything_else_is_masked_as_before(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_the_list_is_data_and_holds_the_polite_honorifics_only() -> None:
    assert {"様", "さま", "殿", "御中", "先生"} <= set(HONORIFICS)
    assert not {"さん", "サン", "君", "くん", "クン", "ちゃん", "チャン"} & set(HONORIFICS)
    # longest first, so a longer honorific is tried before one it ends with
    assert list(HONORIFICS) == sorted(HONORIFICS, key=len, reverse=True)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Emma ❤️", "E*** **"),  # a heart told a partner's card (blind EU QA round 3)
        ("Lena 👶", "L*** *"),
        ("👨\u200d👩\u200d👧 Family", "**** F***"),
        ("Jane Roe", "J*** R**"),  # letters keep their first character
    ],
)
def test_an_emoji_in_a_name_is_not_shown(name: str, masked: str) -> None:
    assert mask_name(name) == masked
