"""No pattern in any pack can hang the tool: every regex runs on re2 (linear time)."""

from __future__ import annotations

import pytest

from engine.factories import contact
from piiaudit.engine.detectors import EvalContext
from piiaudit.engine.detectors.regex import RegexDetector
from piiaudit.engine.view import ContactView


def test_catastrophic_pattern_completes_on_hostile_input() -> None:
    # With a backtracking engine, (a+)+$ on "aaaa...b" takes exponential time.
    detector = RegexDetector({"pattern": "(a+)+$", "fields": ["notes"]}, {})
    view = ContactView(contact(notes=("a" * 50_000 + "b",)))
    assert detector.find(view, EvalContext("JP", {})) == []


def test_nested_quantifiers_still_match_when_they_should() -> None:
    detector = RegexDetector({"pattern": "(a+)+$", "fields": ["notes"]}, {})
    view = ContactView(contact(notes=("b" + "a" * 10_000,)))
    assert len(detector.find(view, EvalContext("JP", {}))) == 1


@pytest.mark.parametrize("pattern", [r"(?<=\d)x", r"(?!abc)d", r"(a)\1"])
def test_backtracking_only_syntax_is_rejected_with_a_reason(pattern: str) -> None:
    with pytest.raises(ValueError, match="re2"):
        RegexDetector({"pattern": pattern}, {})
