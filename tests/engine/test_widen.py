"""The gate's widened patterns match wherever the originals do, and compile cheaply.

A widened pattern that missed a text the rule's own pattern matches would make
the gate skip a rule that fires: a finding lost without a word. These tests hold
the superset property on the shipped packs' patterns and on hand-made edge cases.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.engine.gate import _Builders, _requirement
from piiaudit.engine.loader import shipped_pack_dirs
from piiaudit.engine.testing import build_engine
from piiaudit.engine.widen import ANY, widened
from piiaudit.engine.words import re2_options


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:^|[^\pL])(?:fixed|repaired)", rf"(?:^|{ANY})(?:fixed|repaired)"),
        (r"[^\pL.;\n]{0,25}", r"[^.;\n]{0,25}"),
        (r"\p{Lu}\pL+", f"{ANY}{ANY}+"),
        (r"[\pL.'’-]+", f"{ANY}+"),
        (r"[^\p{Han}\p{Katakana}ー]", "[^ー]"),
        (r"[^\pLa-z]", ANY),  # a range beside a removed property: any character
        (r"[^]\pL]", r"[^\]]"),  # a ']' first in the class stays a literal
        (r"[[:alpha:]\pN]", ANY),
        (r"\Q\pL\E\pL", rf"\Q\pL\E{ANY}"),  # a quoted literal is not a class
        (r"\\pL", r"\\pL"),  # an escaped backslash, then the letters 'pL'
        (r"\x{41}\PL", rf"\x{{41}}{ANY}"),
        (r"[^\s\d]+ and \b\w", r"[^\s\d]+ and \b\w"),  # nothing to widen
    ],
)
def test_unicode_property_classes_are_widened(pattern: str, expected: str) -> None:
    assert widened(pattern) == expected


@pytest.mark.parametrize("pattern", [r"[^\pL", "\\", r"\p", r"\p{Lu", r"[\p{Han"])
def test_a_pattern_it_cannot_read_to_the_end_comes_back_unchanged(pattern: str) -> None:
    assert widened(pattern) == pattern


class _Recording(_Builders):
    """The gate's builders, keeping each pattern as the rules give it (unwidened)."""

    def __init__(self) -> None:
        super().__init__()
        self.originals: set[str] = set()

    def add(self, pattern: str, selectors: Iterable[str], *, literal: bool = False) -> int:
        self.originals.add(pattern)
        return super().add(pattern, selectors, literal=literal)


def _shipped_gate_patterns() -> list[str]:
    """Every pattern the gate searches for with the shipped packs."""
    sets = _Recording()
    for rule in build_engine(shipped_pack_dirs()).gate.rules:
        _requirement(rule, sets)
    return sorted(sets.originals)


SHIPPED = _shipped_gate_patterns()
WITH_PROPERTIES = [p for p in SHIPPED if "\\p" in p or "\\P" in p]
# Texts that meet the shipped patterns' boundaries, word lists and classes.
SAMPLES = [
    "Heizung repariert bei uns zu Hause",
    "a réparé notre chaudière",
    "Brustkrebs (Mutter)",
    "my mum's number",
    "Kaufvertrag unterschrieben 2024",
    "Passwort: Sommer2024",
    "最近 Heizung zu hause",
    "ÉÇÀ fixed our boiler;",
    "\nrepaired my roof\n",
]
LETTERS = "abcdefghijklmnopqrstuvwxyzäöüéçøåñß ABCÄÉ.;:-,'’()[]0123456789\n\t"
ALPHABET = st.sampled_from([*LETTERS, "家", "カ", "ー", "á", "İ", "K", "ſ"])


def test_the_shipped_packs_use_property_classes_this_widens() -> None:
    assert len(WITH_PROPERTIES) >= 20
    for pattern in WITH_PROPERTIES:
        wide = widened(pattern)
        assert "\\p" not in wide and "\\P" not in wide, pattern[:80]


def test_every_widened_shipped_pattern_compiles_in_re2() -> None:
    for pattern in SHIPPED:
        re2.compile(widened(pattern), options=re2_options())


def test_the_shipped_samples_hit_as_often_widened_as_not() -> None:
    hits = 0
    for pattern in WITH_PROPERTIES:
        original = re2.compile(pattern, options=re2_options())
        wide = re2.compile(widened(pattern), options=re2_options())
        for text in SAMPLES:
            if original.search(text):
                hits += 1
                assert wide.search(text), (pattern[:80], text)
    assert hits >= 5  # the samples do meet some of the patterns


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(
        [
            r"(?:^|[^\pL])(?:ab|ä)(?:$|[^\pL])",
            r"[^\pL.;\n]{0,3}c",
            r"\p{Lu}\p{Ll}+",
            r"(?i:[^\pL\pN\s]k)",
            r"[^\p{Han}\p{Katakana}ー]家",
            r"[\pL.'’-]{2}\b",
            r"(?m:^[^\pLa-c]a$)",
        ]
    ),
    st.text(ALPHABET, max_size=12),
)
def test_a_widened_pattern_matches_wherever_the_original_does(pattern: str, text: str) -> None:
    options = re2_options()
    if re2.compile(pattern, options=options).search(text):
        assert re2.compile(widened(pattern), options=options).search(text)


def test_widening_shrinks_the_programs_re2_compiles() -> None:
    """What makes the gate's set-up quick, checked without a clock: re2's own
    measure of each compiled program (its instructions) across the shipped
    patterns that hold property classes."""
    options = re2_options()
    narrow = sum(re2.compile(p, options=options).programsize for p in WITH_PROPERTIES)
    wide = sum(re2.compile(widened(p), options=options).programsize for p in WITH_PROPERTIES)
    assert wide * 3 < narrow
