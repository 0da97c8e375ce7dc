"""Context words near a hit that raise or lower a finding's confidence.

``携帯`` or ``自宅`` just before a number makes it more likely a personal
number; ``代表``, ``FAX`` or ``本社`` make it less likely. Words count when they
stand within ``window`` characters of the hit in the same field, or in the
field's labels (a vCard TYPE, an iOS custom label, a CSV column header), which
count as context for every value under them. A value kept in ``other`` (a CSV
column with no field of its own, an unknown vCard property) has no labels; its
column or property name is its context the same way: a UK National Insurance
number in Outlook's ``Government ID Number`` column is vouched for by the column.

With ``notes_for_bare_values: true`` a value that fills its field alone (a CSV column
or a custom property holding only the number) has the contact's notes as context
too, anywhere in them: no word can stand near it, and the owner describes it in the
notes instead. A driver's licence number in Outlook's ``個人 ID 番号`` column, with
the note ``運転免許証 コピー 済``, is a licence number (blind JP QA 3, F17).

A short remark in brackets between a word and the hit is the word's remark, not
distance: ``Steuer-ID (privat, für Gutschrift): 57 394 281 616`` is vouched for as
``Steuer-ID: 57 394 281 616`` is (blind EU QA round 3, F7). The text before the
bracket is read once more as if the bracket were not there; the bracket's own words
still count where they stand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from piiaudit.engine.detectors.base import Match
from piiaudit.engine.detectors.keywords import gather_words
from piiaudit.engine.view import ContactView, FieldText
from piiaudit.engine.words import WordMatcher
from piiaudit.textnorm import normalize

DEFAULT_WINDOW = 20
# A bracketed remark between a word and the hit (see the module doc): its length at
# most, the brackets, and what may stand between its closing bracket and the hit.
REMARK_MAX = 40
_OPENING = {")": "(", "]": "["}
_REMARK_GAP = " \t:=#-"
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
        raise_words = gather_words(up, lists, "raise")
        lower_words = gather_words(down, lists, "lower")
        self.raise_words = WordMatcher(raise_words, ignore_case=True)
        self.lower_words = WordMatcher(lower_words, ignore_case=True)
        # How far past the window a word may start and still end inside it.
        self.reach = max(map(len, [*raise_words, *lower_words]), default=0)
        self.notes_for_bare_values = bool(params.get("notes_for_bare_values", False))
        self._by_labels: dict[tuple[tuple[str, ...], str, float, bool], HotwordResult] = {}

    def _context(self, match: Match) -> list[Context]:
        """Where words count: the labels whole, and the text either side of the hit.

        A word counts when part of it stands within ``window`` characters of the
        hit, so a long one still vouches for the number after it: the 29 characters
        of ``Steueridentifikationsnummer: 86095742719`` kept the rule's own word
        from firing when only words wholly inside the window counted (QA, EU user).
        Each side is cut ``reach`` (the longest word) further out than the window; a
        word the cut splits cannot reach the window, so it never counts half.
        """
        item = match.item
        if item is None:
            return []
        parts = [Context(normalize(label)) for label in item.labels]
        name = property_name(item)
        if name:
            parts.append(Context(normalize(name)))
        if match.start >= 0:
            text, window = item.text, self.window
            before = text[max(0, match.start - window - self.reach) : match.start]
            parts.append(Context(before, ends_after=len(before) - window))
            after = text[match.end : match.end + window + self.reach]
            parts.append(Context(after, starts_before=window))
            remark = _remark_before(text, match.start)
            if remark is not None:  # the words before it, as if it were not there
                opening, closing = remark
                label = text[max(0, opening - window - self.reach) : opening]
                label += text[closing + 1 : match.start]
                parts.append(Context(label, ends_after=len(label) - window))
        return parts

    def apply(
        self,
        match: Match,
        confidence: float,
        *,
        exact: bool = False,
        view: ContactView | None = None,
    ) -> HotwordResult:
        """The confidence after context words, clamped to 0..1, and the words that fired.

        ``exact`` matches the words with re2 only (the reference path); ``view`` is the
        contact, whose notes are context for a bare value (``notes_for_bare_values``)."""
        if self.notes_for_bare_values and view is not None and _bare(match):
            notes = [
                Context(item.text)
                for item in view.select(("notes",))
                if item is not match.item and item.text.strip()
            ]
            if notes:
                return self._apply(match, confidence, exact, notes)
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

    def _apply(
        self, match: Match, confidence: float, exact: bool, more: list[Context] | None = None
    ) -> HotwordResult:
        fired: list[str] = []
        context = self._context(match)
        if more:
            context += more
        word = _first(self.raise_words, context, exact) if self.raise_words else None
        if word is not None:
            fired.append(f"+{word}")
            confidence += self.raise_by
        word = _first(self.lower_words, context, exact) if self.lower_words else None
        if word is not None:
            fired.append(f"-{word}")
            confidence -= self.lower_by
        return HotwordResult(max(0.0, min(1.0, confidence)), tuple(fired))


def _remark_before(text: str, start: int) -> tuple[int, int] | None:
    """The opening and closing bracket of a remark of at most ``REMARK_MAX`` characters
    that ends right before ``text[start:]`` (past blanks, a colon, ``=``, ``#`` or a
    hyphen): ``(privat, für Gutschrift)`` in ``Steuer-ID (privat, für Gutschrift): 57 …``."""
    end = start
    while end > 0 and text[end - 1] in _REMARK_GAP:
        end -= 1
    closing = end - 1
    if closing < 0 or text[closing] not in _OPENING:
        return None
    opening = text.rfind(_OPENING[text[closing]], max(0, closing - REMARK_MAX - 1), closing)
    if opening < 0 or text[closing] in text[opening + 1 : closing]:
        return None
    return opening, closing


def _bare(match: Match) -> bool:
    """Whether ``match`` fills its field's text alone (blanks aside): a number in a column
    of its own, not one written in a sentence."""
    item = match.item
    if item is None or match.start < 0:
        return False
    text = item.text
    return not text[: match.start].strip() and not text[match.end :].strip()


def property_name(item: FieldText) -> str:
    """The column or property name an ``other`` value is kept under, as written
    (``Government ID Number`` from the field ``other.Government ID Number[0]``);
    ``""`` for every other field."""
    if item.group[:6] != "other.":
        return ""
    field = item.field
    return field[6 : field.rindex("[")] if field.endswith("]") else field[6:]


@dataclass(frozen=True, slots=True)
class Context:
    """Text where hotwords count, and the part of it a word must reach into."""

    text: str
    ends_after: int = -1  # a word counts only if it ends after this offset
    starts_before: int | None = None  # and starts before this one (None: anywhere)


def _first(words: WordMatcher, context: list[Context], exact: bool) -> str | None:
    """The word found in the first context part that holds one within its reach."""
    for part in context:
        limit = len(part.text) if part.starts_before is None else part.starts_before
        for start, end, word in words.finditer(part.text, exact=exact):
            if start >= limit:
                break
            if end > part.ends_after:
                return word
    return None
