"""What every detector shares: the match it returns, the context it reads, its errors.

Detectors are a closed set of primitives selected by name in YAML (``regex``,
``phone``, ``email_domain``, ``keywords``, ``present``, ``person``, ``composite``). A pack
cannot bring Python: it only fills in parameters, which are checked and
compiled once, when the pack is loaded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from piiaudit.engine.view import ContactView, FieldText
from piiaudit.model import ValueKind, fast_constructor
from piiaudit.textnorm import normalize


@dataclass(frozen=True, slots=True)
class Match:
    """One place a detector fired: the field, the raw value and why."""

    field: str
    value: str
    kind: ValueKind
    item: FieldText | None = None
    start: int = -1  # span in the normalised field text; -1 = the whole field
    end: int = -1
    pattern: str = ""
    notes: tuple[str, ...] = ()


# ``Match(*every field)`` without the frozen dataclass's setattr per field (same objects).
new_match = fast_constructor(Match)


@dataclass(frozen=True, slots=True)
class EvalContext:
    """What a detector may read besides the contact: the phone region and which
    rules already fired on this contact (for composite rules)."""

    region: str
    fired: Mapping[str, Any]  # rule id -> its matches (or findings)
    categories: frozenset[str] = frozenset()
    exact: bool = False  # match word lists with re2 only (the reference path)


class Detector(Protocol):
    """A compiled detector. ``find`` must be pure and cheap: it runs once per contact."""

    name: str

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]: ...

    def describe(self) -> str:
        """What the detector looks for, for ``--explain`` and ``rules test``: English
        clauses joined by ``"; "``, lists joined by ``", "``, without the detector's
        kind (``name`` says it). Reports for people translate clause by clause
        (``reporters/messages/trail.yaml``), so a new clause needs its entry there."""
        ...


class DetectorConfigError(ValueError):
    """A parameter a detector cannot use (a regex re2 rejects, an unknown list).

    ``key`` names the parameter, or is the path to it within the detector's
    parameters (``("exclude", "lists", 1)``), so ``rules validate`` can give its line.
    """

    def __init__(self, message: str, key: str | tuple[str | int, ...] = "") -> None:
        super().__init__(message)
        self.key = key

    @property
    def path(self) -> tuple[str | int, ...]:
        """``key`` as a path within the detector's parameters (empty: the detector)."""
        if isinstance(self.key, tuple):
            return self.key
        return (self.key,) if self.key else ()


def raw_span(item: FieldText, start: int, end: int) -> str:
    """The raw text of a span found in the normalised text (normalised if lengths differ)."""
    if len(item.raw) == len(item.text):
        return item.raw[start:end]
    return item.text[start:end]


# A lower-case letter then an upper-case one: the seam of a one-word label typed in
# CamelCase ("HomeFax", "WorkMobile"), where a word in Latin letters starts.
_CAMEL_SEAM = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def label_set(labels: tuple[str, ...]) -> set[str]:
    """Labels as label words are matched in: NFKC as the words are (Japanese phones and
    IMEs type ``ＷＯＲＫ`` and half-width ``ﾌﾟﾗｲﾍﾞｰﾄ``), lower case, and a label typed in
    CamelCase also with its seams as spaces ("HomeFax" is read as "homefax" and "home
    fax", so "iPhone" still holds "iphone"). Used by scan and minimize alike."""
    forms = [normalize(label).strip() for label in labels]
    out = {label.lower() for label in forms}
    out.update(_CAMEL_SEAM.sub(" ", label).lower() for label in forms)
    return out


def label_hit(item_labels: tuple[str, ...], words: frozenset[str]) -> str | None:
    """The first of ``words`` found in one of the labels. A custom label counts when a
    wanted word occurs inside it: a Japanese word anywhere (``自宅携帯`` has ``自宅``), a
    word in Latin letters as a word (``Home Fax``, ``HomeFax`` and ``Telefon (privat 2)``
    have theirs, but ``Network`` has no ``work``, ``Personnel`` no ``perso`` and
    ``Privatpraxis`` no ``privat``: a German compound is listed whole, ``privatnummer``)."""
    if not item_labels or not words:
        return None
    return _label_hit(item_labels, words)


@lru_cache(maxsize=4096)
def _label_hit(item_labels: tuple[str, ...], words: frozenset[str]) -> str | None:
    """Kept per (labels, words): a card's labels repeat (CELL, WORK, 自宅...) and every
    phone, e-mail and address rule asks about them."""
    labels = label_set(item_labels)
    # The longest word first: the trail names 自宅 in 自宅, not the 宅 inside it.
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return next((w for w in ordered for lab in labels if _in_label(w, lab)), None)


# What may follow a one-character word that begins a label: a number, a space, の, or
# the kind of value the label is on (母携帯, 妻の携帯, 父 自宅, 家電話, 娘2), or 電 closing
# the label (家電, いえでん: the home landline; not 家電売場).
_AFTER_ONE_CHARACTER = re.compile(
    r"(?:[\s\d・_/-]|の|携帯|自宅|宅|電話|tel|メール|mail|住所|実家|電$)"
)
# A label word written ``〜家`` counts where it ends a short label (田中家, おばあちゃん家:
# review 12), never at its start or inside it.
_ENDING = "〜"
_ENDING_LABEL_MAX = 7


def _in_label(word: str, label: str) -> bool:
    if word.startswith(_ENDING):
        return len(label) <= _ENDING_LABEL_MAX and label.endswith(word[1:]) and label != word[1:]
    if word not in label:
        return False
    if len(word) == 1 and not word.isascii():
        # A one-character Japanese word (母, 妻, 家) is the label itself or begins it
        # before a number, a space, の or a value word: inside a label it is a place or a
        # firm as often (吾妻店, 父島, 母店, 家電売場: review 11, QA round 9, review 12).
        rest = label[1:] if label.startswith(word) else None
        return rest is not None and (not rest or _AFTER_ONE_CHARACTER.match(rest) is not None)
    if not _spelled_in_latin(word):
        return True
    start = label.find(word)
    while start >= 0:
        end = start + len(word)
        if not (start and _latin_letter(label[start - 1])) and not (
            end < len(label) and _latin_letter(label[end])
        ):
            return True
        start = label.find(word, start + 1)
    return False


def _latin_letter(ch: str) -> bool:
    """A letter that would continue a Latin word (a kanji beside it does not: 仕事Mobile)."""
    return ch.isalpha() and (ch.isascii() or "LATIN" in unicodedata.name(ch, ""))


@lru_cache(maxsize=1024)
def _spelled_in_latin(word: str) -> bool:
    """Latin letters (accents included), digits and separators: a word that stands apart."""
    return all(not ch.isalpha() or _latin_letter(ch) for ch in word)


def labels_ok(
    item_labels: tuple[str, ...], any_of: frozenset[str], none_of: frozenset[str]
) -> bool:
    """Label filter: some label in ``any_of`` (if given) and none in ``none_of``."""
    if not item_labels:  # no label holds a word: passes exactly when nothing is required
        return not any_of
    if any_of and label_hit(item_labels, any_of) is None:
        return False
    return not (none_of and label_hit(item_labels, none_of) is not None)


def label_note(item_labels: tuple[str, ...], any_of: frozenset[str]) -> tuple[str, ...]:
    """For the explain trail: the rule's own label word that matched, never the label
    itself (a custom label can hold a name)."""
    word = label_hit(item_labels, any_of) if any_of else None
    return (f"label matched: {word}",) if word else ()
