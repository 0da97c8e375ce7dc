"""No pattern in any pack can hang the tool: every regex runs on re2 (linear time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.factories import contact
from engine.packs import make_pack, rule
from piiaudit.engine.detectors import EvalContext
from piiaudit.engine.detectors.regex import RegexDetector
from piiaudit.engine.loader import load_packs
from piiaudit.engine.view import ContactView
from piiaudit.engine.words import LAZY_COMPILE_MAX_CHARS, WordMatcher


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


def _words_totalling(chars: int) -> list[str]:
    """Distinct words of 200 characters that make re2's program as large as text
    can: 4-byte characters, letters with three case forms (k, K, the Kelvin sign),
    and punctuation that must be escaped."""
    unit = "k+s\U0001f600"
    words = []
    for n in range(chars // 200):
        tag = f"{n:06d}"
        words.append((tag + unit * 50)[:200])
    return words


@pytest.mark.parametrize("position", ["any", "prefix", "suffix", "whole", "affix"])
def test_a_word_list_compiled_when_first_used_always_compiles(position: str) -> None:
    # A list up to LAZY_COMPILE_MAX_CHARS is compiled only when a contact first
    # needs it, in the middle of a run, so re2 must never refuse it then.
    words = _words_totalling(LAZY_COMPILE_MAX_CHARS)
    matcher = WordMatcher(words, ignore_case=True, position=position)
    assert matcher.search(f"({words[-1].upper()})", exact=True) == (1, 201, words[-1].upper())


def test_a_word_list_too_large_for_re2_is_refused_while_its_pack_loads(tmp_path: Path) -> None:
    # Lists within the schema and the file-size cap, together beyond re2's memory:
    # a problem with its line, not a crash, and never a failure in mid-run.
    name, text = rule()
    lists = [f"acme-huge-{n}" for n in range(4)]
    text = text.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        f"  - keywords: {{lists: [{', '.join(lists)}], position: affix, ignore_case: true,"
        " fields: [notes]}",
    )
    pack = make_pack(tmp_path / "acme", {name: text})
    (pack / "data").mkdir()
    words = _words_totalling(8 * LAZY_COMPILE_MAX_CHARS)
    for n, list_name in enumerate(lists):
        items = json.dumps(words[n::4], ensure_ascii=False)
        (pack / "data" / f"{list_name}.yaml").write_text(
            f"list: {list_name}\ndescription: test\nsources: [test]\nitems: {items}\n", "utf-8"
        )

    problems = load_packs([pack]).problems

    assert [(Path(p.path).name, p.line) for p in problems] == [(name, 8)]
    assert "does not compile" in problems[0].message
