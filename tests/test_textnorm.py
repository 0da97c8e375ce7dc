"""Dash unification: the shortcut for text without a look-alike changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.textnorm import _DASHES, normalize_number, split_remark, unify_dashes


def plain_unify_dashes(text: str) -> str:
    return "".join("-" if ch in _DASHES else ch for ch in text)


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(_DASHES + "0-9０９センター 長") | st.characters(), max_size=40))
def test_unify_dashes_matches_the_plain_loop(text: str) -> None:
    assert unify_dashes(text) == plain_unify_dashes(text)


def test_numbers_typed_with_look_alikes() -> None:
    assert normalize_number("０９０ー１２３４－５６７８") == "090-1234-5678"
    assert unify_dashes("090-1234-5678") == "090-1234-5678"
    assert unify_dashes("センター") == "センタ-"  # so it is for numbers only, never words


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
