"""Dash unification: the shortcut for text without a look-alike changes nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.textnorm import _DASHES, normalize_number, unify_dashes


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
