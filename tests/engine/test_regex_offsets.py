"""The regex detector searches a field's UTF-8 bytes once encoded, and maps the hits back.

Given a ``str``, the re2 wrapper encoded the whole text and converted offsets from its
start on every search, so a long note of refused candidates took quadratic time (a
1 MB note of 12-digit numbers with bad check digits hung the audit: security review,
QA round 7). These tests hold the hits' character spans to what Python's ``re`` finds,
on ASCII and on Japanese text, with hits refused by a validator in between.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.engine.detectors.regex import RegexDetector
from piiaudit.engine.view import ContactView
from piiaudit.model import Contact, SourceRef

PATTERN = "[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}"


def _view(note: str) -> ContactView:
    return ContactView(Contact(source=SourceRef("t.vcf", 0, 1), notes=(note,)))


def _detector(**extra: Any) -> RegexDetector:
    params = {"pattern": PATTERN, "fields": ["notes"], "kind": "identifier", **extra}
    return RegexDetector(params, {})


def _found(detector: RegexDetector, note: str) -> list[tuple[int, int, str]]:
    from piiaudit.engine.detectors.base import EvalContext

    ctx = EvalContext(region="JP", fired={}, categories=frozenset(), exact=True)
    return [(m.start, m.end, m.value) for m in detector.find(_view(note), ctx)]


@pytest.mark.parametrize(
    "note",
    [
        "マイナンバー 1234 5678 9018、予備 2345-6789-0123",
        "😀 1234 5678 9018 😀 2345 6789 0123",
        "ascii only 1234 5678 9018 and 2345 6789 0123",
        "全角の後に1234567890181桁",
    ],
)
def test_spans_are_character_offsets(note: str) -> None:
    expected = [(m.start(), m.end(), m.group()) for m in re.finditer(PATTERN, note)]
    assert _found(_detector(), note) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["1234 5678 9018", "2345-6789-0123", "番号", "é", " ", "x", "😀"])))
def test_spans_match_python_re_on_any_mix(parts: list[str]) -> None:
    note = "".join(parts)
    expected = [(m.start(), m.end(), m.group()) for m in re.finditer(PATTERN, note)]
    assert _found(_detector(), note) == expected


def test_a_refused_hit_moves_on_one_character_and_later_hits_are_found() -> None:
    # my_number refuses 8642 1357 9759 (bad check digit); the valid number after the
    # refused run is found at its own place, in a Japanese note.
    note = "番号 " + "8642 1357 9759 " * 50 + "マイナンバー 1234 5678 9018"
    found = _found(_detector(validators=["my_number"], numbers=True, boundary="digit"), note)
    assert [(note[s:e], v) for s, e, v in found] == [("1234 5678 9018", "1234 5678 9018")]
