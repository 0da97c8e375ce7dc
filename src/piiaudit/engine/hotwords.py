"""Context words near a hit that raise or lower a finding's confidence.

``携帯`` or ``自宅`` just before a number makes it more likely a personal
number; ``代表``, ``FAX`` or ``本社`` make it less likely. Words count when they
stand within ``window`` characters of the hit in the same field, or in the
field's labels (a vCard TYPE, an iOS custom label, a CSV column header), which
count as context for every value under them. A value kept in ``other`` (a CSV
column with no field of its own, an unknown vCard property) has no labels; its
column or property name is its context the same way: a UK National Insurance
number in Outlook's ``Government ID Number`` column is vouched for by the column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from piiaudit.engine.detectors.base import Match
from piiaudit.engine.detectors.keywords import gather_words
from piiaudit.engine.view import FieldText
from piiaudit.engine.words import WordMatcher
from piiaudit.textnorm import normalize

DEFAULT_WINDOW = 20
KNOWN_MAX = 1024  # remembered label-only answers per rule, emptied when full


@dataclass(frozen=True, slots=True)
class HotwordResult:
    confidence: float
    fired: tuple[str, ...]


class Hotwords:
    """The compiled ``hotwords`` block of one rule."""

    def __init__(self, params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> None:
        self.window = int(params.get("window", DEFAULT_WINDOW))
        up = params.get("raise", {})
        down = params.get("lower", {})
        self.raise_by = float(up.get("by", 0.0))
        self.lower_by = float(down.get("by", 0.0))
        self.raise_words = WordMatcher(gather_words(up, lists, "raise"), ignore_case=True)
        self.lower_words = WordMatcher(gather_words(down, lists, "lower"), ignore_case=True)
        self._by_labels: dict[tuple[tuple[str, ...], str, float, bool], HotwordResult] = {}

    def _context(self, match: Match) -> list[str]:
        item = match.item
        parts = [normalize(label) for label in item.labels] if item else []
        if item is not None:
            name = property_name(item)
            if name:
                parts.append(normalize(name))
        if item is not None and match.start >= 0:
            text = item.text
            parts.append(text[max(0, match.start - self.window) : match.start])
            parts.append(text[match.end : match.end + self.window])
        return parts

    def apply(self, match: Match, confidence: float, *, exact: bool = False) -> HotwordResult:
        """The confidence after context words, clamped to 0..1, and the words that fired.

        ``exact`` matches the words with re2 only (the reference path)."""
        if match.item is not None and match.start < 0:
            # A whole value (a phone, an address): only its labels are context, and
            # a card's labels repeat, so the answer is kept per labels.
            key = (match.item.labels, property_name(match.item), confidence, exact)
            known = self._by_labels.get(key)
            if known is None:
                if len(self._by_labels) >= KNOWN_MAX:
                    self._by_labels.clear()
                known = self._by_labels[key] = self._apply(match, confidence, exact)
            return known
        return self._apply(match, confidence, exact)

    def _apply(self, match: Match, confidence: float, exact: bool) -> HotwordResult:
        fired: list[str] = []
        context = self._context(match)
        word = _first(self.raise_words, context, exact) if self.raise_words else None
        if word is not None:
            fired.append(f"+{word}")
            confidence += self.raise_by
        word = _first(self.lower_words, context, exact) if self.lower_words else None
        if word is not None:
            fired.append(f"-{word}")
            confidence -= self.lower_by
        return HotwordResult(max(0.0, min(1.0, confidence)), tuple(fired))


def property_name(item: FieldText) -> str:
    """The column or property name an ``other`` value is kept under, as written
    (``Government ID Number`` from the field ``other.Government ID Number[0]``);
    ``""`` for every other field."""
    if item.group[:6] != "other.":
        return ""
    field = item.field
    return field[6 : field.rindex("[")] if field.endswith("]") else field[6:]


def _first(words: WordMatcher, context: list[str], exact: bool) -> str | None:
    """The word found in the first context part that holds one."""
    for part in context:
        hit = words.search(part, exact=exact)
        if hit is not None:
            return hit[2]
    return None
