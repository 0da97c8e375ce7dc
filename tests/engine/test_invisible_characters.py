"""Characters that show as nothing do not hide a word from the rules.

A soft hyphen (text copied from a web page), a zero-width space or joiner, a
direction mark or a NUL inside "Diabetes" left the word unmatched, and the
contact's health data out of the report (QA round 5, EU B6). The view drops them
from a non-ASCII value's text before any matcher reads it; both matching paths agree.
(A NUL in text that is otherwise ASCII is not dropped: that path skips all
normalisation, and a NUL there comes from a damaged file, not from copied text.)
"""

from __future__ import annotations

import pytest

from engine.factories import contact
from piiaudit.engine import Engine
from piiaudit.engine.detectors import EvalContext, build_detector
from piiaudit.engine.view import ContactView
from piiaudit.textnorm import without_invisible

HEALTH = {"words": ["diabetes", "糖尿病"], "fields": ["notes"], "ignore_case": True}


def _found(note: str) -> list[str]:
    detector = build_detector("keywords", HEALTH, {})
    results = [
        [m.value for m in detector.find(ContactView(contact(notes=(note,))), ctx)]
        for ctx in (EvalContext("JP", {}, exact=False), EvalContext("JP", {}, exact=True))
    ]
    assert results[0] == results[1], "fast path and re2 reference disagree"
    return results[0]


# Default_Ignorable_Code_Point characters (Unicode DerivedCoreProperties.txt), each range
# by its ends: QA round 6 hid words with variation selectors (an emoji keyboard's U+FE0F),
# the combining grapheme joiner, bidi embeddings and the Hangul filler.
IGNORABLE = [
    "\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180b", "\u180f",
    "\u200b", "\u200c", "\u200d", "\u200f", "\u202a", "\u202e", "\u2060", "\u2066", "\u206f",
    "\u3164", "\ufe00", "\ufe0e", "\ufe0f", "\ufeff", "\uffa0", "\ufff0", "\ufff8",
    "\U0001bca0", "\U0001bca3", "\U0001d173", "\U0001d17a", "\U000e0001", "\U000e0020",
    "\U000e0fff",
]  # fmt: skip


@pytest.mark.parametrize("hidden", IGNORABLE)
@pytest.mark.parametrize("word", ["Dia{}betes since 2019", "糖{}尿病の薬"])
def test_a_word_split_by_an_invisible_character_is_found(hidden: str, word: str) -> None:
    assert _found(word.format(hidden)) != []


def test_a_my_number_split_by_variation_selectors_is_found(engine: Engine) -> None:
    person = contact(notes=("マイナンバー 1234\ufe0f5678\ufe0f9018",))
    assert "JP-MYNUM-001" in {f.rule for f in engine.evaluate(person).findings}


def test_visible_neighbours_of_the_ignorable_ranges_are_kept() -> None:
    text = "\u034e\u061b\u1161\u17b6\u180a\u2070\u3165\ufe10\ufff9\U000e1000"
    assert without_invisible(text) is text


def test_a_nul_inside_non_ascii_text_is_dropped_too() -> None:
    assert _found("Dia\x00betes – seit 2019") != []


def test_visible_text_is_left_as_it_is() -> None:
    text = "Diabetes, 糖尿病 – see-through"
    assert without_invisible(text) is text
