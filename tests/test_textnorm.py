"""Dash unification: the shortcut for text without a look-alike changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.textnorm import _DASHES, normalize_number, split_remark, unify_dashes


def _kana(ch: str) -> bool:
    """A kana letter: not the middle dot nor a long-vowel mark itself."""
    if ch in "\u30fb\u30fc\uff70":
        return False
    return "\u3041" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


def plain_unify_dashes(text: str) -> str:
    """One character at a time: a look-alike is "-" unless it is a long-vowel mark (ー, ｰ)
    after a kana letter, or after such a mark that is kept."""
    out: list[str] = []
    for i, ch in enumerate(text):
        after = text[i - 1] if i else ""
        kept = ch in "ーｰ" and (_kana(after) or (after != "" and after in "ーｰ" and out[-1] != "-"))
        out.append(ch if kept or ch not in _DASHES else "-")
    return "".join(out)


_DRAWN = st.sampled_from(_DASHES + "0-9０９センター 長ｾﾝﾀｰ・") | st.characters()


@settings(max_examples=400, deadline=None)
@given(st.text(_DRAWN, max_size=40))
def test_unify_dashes_matches_the_plain_loop(text: str) -> None:
    assert unify_dashes(text) == plain_unify_dashes(text)
    assert len(unify_dashes(text)) == len(text)  # one for one: offsets into the text hold


def test_numbers_typed_with_look_alikes() -> None:
    assert normalize_number("０９０ー１２３４－５６７８") == "090-1234-5678"
    assert unify_dashes("090-1234-5678") == "090-1234-5678"
    assert unify_dashes("携帯ー090") == "携帯-090"  # after a kanji it is a dash
    assert unify_dashes("090ーー1234・ー5") == "090--1234・-5"  # a mark after a dash is one too


def test_a_long_vowel_after_kana_stays_so_patterns_can_name_words() -> None:
    # A rule with numbers: true and バースデー in its pattern never matched (rule-pack QA).
    assert unify_dashes("バースデー 5月5日 センターー") == "バースデー 5月5日 センターー"
    assert normalize_number("ｾﾝﾀｰ 03ｰ1234") == "センター 03-1234"


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("ABC商事 田中部長 携帯090-5555-9971", ("ABC商事 田中部長", "携帯090-5555-9971")),
        ("佐藤 次郎 ０９０－５５５５－９９７２", ("佐藤 次郎", "０９０－５５５５－９９７２")),
        # the name after the number is still the name (review 12)
        ("090-5555-0105 田中様", ("田中様", "090-5555-0105")),
        (
            "ＡＢＣ商事 ０９０－５５５５－０１０４ 鈴木",
            ("ＡＢＣ商事 鈴木", "０９０－５５５５－０１０４"),
        ),
        ("田中 090 5555 0106 ABC商事", ("田中 ABC商事", "090 5555 0106")),
        ("田中 一郎（奥様 090-1234-3301）", ("田中 一郎", "奥様 090-1234-3301")),
        ("Room 101 Example", None),  # a few digits are no phone number
        ("太郎0", None),
    ],
)
def test_a_phone_number_in_a_name_is_a_remark(text: str, split: tuple[str, str] | None) -> None:
    """QA round 9: a number typed into a name without brackets was neither reported nor
    removed by minimize; it is a remark from the word that holds it."""
    assert split_remark(text) == split
