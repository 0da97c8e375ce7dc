"""``phone``: a stored number by its type (phonenumbers) and the card's labels.

The parser already classified each number (``Phone.number_type``); this
detector only filters: e.g. ``types: [mobile]`` with ``labels_none: [work]``
is a personal mobile, ``types: [toll_free, uan]`` a company number.

``notes_none`` reads what people write instead of a label: a note such as
``社用携帯`` or ``Firmenhandy`` says the mobile is a company phone. Which number
it means decides what is dropped, and an unclear note drops nothing (a missed
personal number is worse than one extra finding):

* a number written within a few characters after the phrase names that number,
  so only the stored number with the same last nine digits is dropped;
* a phrase inside a ``notes_none_exclude`` phrase (``not the company phone``,
  ``社用携帯ではなく``) says the opposite and is ignored;
* so is a phrase a ``notes_none_denied_by`` word follows (past blanks and a colon):
  ``携帯は会社支給ではなく私物``, ``社用携帯は無し``, ``会社携帯は持っていない``,
  ``company phone: none`` — one list of denials for every phrase, where
  ``notes_none_exclude`` must spell each phrase out with its denial (blind JP QA);
* a phrase without a number means the contact's only candidate number; with
  two or more candidates it is ambiguous and every number stays. A note that also
  says a phone is the person's own (``notes_none_unclear_with``: 私物, 個人の携帯,
  private phone) makes such a phrase unclear too (``私物の携帯。会社支給の携帯は別``):
  it then drops nothing, while a phrase with its number still names that number.

``notes_label_any`` is the opposite direction: a note that names a number's
label and then says what it is (``その他の電話はご自宅``: Outlook's "other phone"
column is the home line). Only numbers so described are kept. The note may name the
label in another language than the export's (``その他の番号はご自宅`` beside English
Outlook columns): ``notes_label_synonyms`` lists one label's names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, cast

from piiaudit.engine.detectors.base import EvalContext, Match, label_note, labels_ok, new_match
from piiaudit.engine.detectors.keywords import gather_words
from piiaudit.engine.detectors.labels import described, label_words
from piiaudit.engine.view import ContactView, FieldText, memo_ok
from piiaudit.engine.words import WordMatcher
from piiaudit.model import Phone, ValueKind
from piiaudit.phones import classify
from piiaudit.textnorm import normalize

# A number the parser could not classify is looked up by every phone rule; the
# answer depends only on the text and the region.
classify_cached = lru_cache(maxsize=4096)(classify)

KNOWN_MAX = 4096  # remembered answers per number type and labels, emptied when full
_UNKNOWN = object()
NOTE_LABEL_WINDOW = 16  # characters after a label named in a note searched for the word
NOTE_NUMBER_WINDOW = 25  # characters after a note phrase searched for the number it names
DENIAL_WINDOW = 16  # characters after a note phrase searched for a word that denies it
_DENIAL_GAP = " \t\u3000:：-–、,"  # what may stand between a phrase and its denial
COMPARED_DIGITS = 9  # trailing digits that identify a number with or without a country code
_NOTE_NUMBER = re.compile(r"\+?[0-9][0-9 ()-]{7,}[0-9]")


def _tail(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits[-COMPARED_DIGITS:] if len(digits) >= COMPARED_DIGITS else ""


class PhoneDetector:
    name = "phone"

    def __init__(self, params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> None:
        self.types = frozenset(params.get("types", ()))
        self.labels_any = label_words(params, lists, "labels_any")
        self.labels_none = label_words(params, lists, "labels_none")
        self.notes_none = WordMatcher(
            gather_words(params.get("notes_none", {}), lists, "notes_none"), ignore_case=True
        )
        self.notes_none_exclude = WordMatcher(
            gather_words(params.get("notes_none_exclude", {}), lists, "notes_none_exclude"),
            ignore_case=True,
        )
        self.notes_none_denied_by = WordMatcher(
            gather_words(params.get("notes_none_denied_by", {}), lists, "notes_none_denied_by"),
            ignore_case=True,
        )
        self.notes_none_unclear_with = WordMatcher(
            gather_words(
                params.get("notes_none_unclear_with", {}), lists, "notes_none_unclear_with"
            ),
            ignore_case=True,
        )
        self.notes_label_any = WordMatcher(
            gather_words(params.get("notes_label_any", {}), lists, "notes_label_any"),
            ignore_case=True,
        )
        # Names of one label in several languages: a number labelled "other" (Outlook's
        # Other Phone, vCard TYPE=OTHER) is named by a Japanese note as その他.
        self.notes_label_synonyms = frozenset(
            normalize(w).strip().lower()
            for w in gather_words(
                params.get("notes_label_synonyms", {}), lists, "notes_label_synonyms"
            )
        )
        self._description = self._describe()
        # Whether each note list has words, asked once here rather than per contact.
        self._reads_notes_labels = bool(self.notes_label_any)
        self._reads_notes_none = bool(self.notes_none)
        self._known: dict[tuple[object, ...], object] = {}
        self._note_claims: dict[tuple[str, str], tuple[tuple[str, ...], bool]] = {}

    def describe(self) -> str:
        return self._description

    def _describe(self) -> str:
        parts = [f"types {', '.join(sorted(self.types))}"] if self.types else []
        if self.labels_any:
            parts.append(f"labels any of {described(self.labels_any)}")
        if self.labels_none:
            parts.append(f"labels none of {described(self.labels_none)}")
        if self.notes_none:
            parts.append("not named a company phone in a note")
        if self.notes_label_any:
            parts.append("its label described in a note")
        return "; ".join(parts or ["any number"])

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]:
        out: list[Match] = []
        candidates: list[tuple[str, tuple[str, ...], FieldText]] = []
        phones = view.contact.phones
        known = self._known
        for item in view.groups.get("phones", ()):  # view.select(("phones",)), without the call
            phone = phones[item.index]
            # _accepts, with its memo read here first: a number's type is known
            # (the parser's) and its type and labels repeat on most contacts.
            notes = (
                known.get((phone.number_type, item.labels), _UNKNOWN)
                if phone.number_type is not None or phone.e164 is not None
                else _UNKNOWN
            )
            if notes is _UNKNOWN:
                notes = self._accepts(phone, item.labels, ctx.region)
            if notes is None:
                continue
            if self._reads_notes_labels and not self._label_described(view, ctx, item.labels):
                continue
            candidates.append((phone.value, cast("tuple[str, ...]", notes), item))
        if self._reads_notes_none and candidates and "notes" in view.groups:  # else none names one
            dropped = self._named_in_notes(view, ctx, len(candidates))
            if dropped is not None:
                candidates = [c for c in candidates if dropped and _tail(c[0]) not in dropped]
        for value, notes, item in candidates:
            out.append(
                new_match(
                    item.field, value, ValueKind.PHONE, item, -1, -1, self._description, notes
                )
            )
        return out

    def _accepts(
        self, phone: Phone, labels: tuple[str, ...], region: str
    ) -> tuple[str, ...] | None:
        """The explain notes for a number this detector takes by its type and labels;
        None when it does not. Remembered per type and labels (per number only when
        the detector must classify it): they repeat on almost every contact."""
        number_type = phone.number_type
        if number_type is None and phone.e164 is None:
            key: tuple[object, ...] = (phone.value, region, labels)
        else:
            key = (number_type, labels)
        known = self._known.get(key, _UNKNOWN)
        if known is _UNKNOWN:
            if number_type is None and phone.e164 is None:
                number_type = classify_cached(phone.value, region)[1]
            known = self._decide(number_type, labels)
            if memo_ok(phone.value, *labels):
                if len(self._known) >= KNOWN_MAX:
                    self._known.clear()
                self._known[key] = known
        return cast("tuple[str, ...] | None", known)

    def _decide(self, number_type: str | None, labels: tuple[str, ...]) -> tuple[str, ...] | None:
        if self.types and (number_type or "unparsed") not in self.types:
            return None
        if not labels_ok(labels, self.labels_any, self.labels_none):
            return None
        return (f"number type {number_type or 'unparsed'}", *label_note(labels, self.labels_any))

    def _named_in_notes(
        self, view: ContactView, ctx: EvalContext, candidates: int
    ) -> frozenset[str] | None:
        """The numbers the notes call company phones, by their trailing digits.

        None: no note says so. An empty set: a note says so without a number and
        the contact has one candidate, so that one is meant (the caller drops
        all). A note that names no number while there are several candidates
        names nothing for certain, and counts as no note."""
        named: set[str] = set()
        bare = False
        for item in view.select(("notes",)):
            if ctx.exact:
                tails, bare_here = self._claims(item.text, item.numtext, exact=True)
            else:  # a note's answer depends on its text only, and notes repeat
                key = (item.text, item.numtext)
                known = self._note_claims.get(key)
                if known is None:
                    known = self._claims(*key, exact=False)
                    if memo_ok(item.text):
                        if len(self._note_claims) >= KNOWN_MAX:
                            self._note_claims.clear()
                        self._note_claims[key] = known
                tails, bare_here = known
            named.update(tails)
            bare = bare or bare_here
        if named:
            return frozenset(named)
        if bare and candidates == 1:
            return frozenset()
        return None

    def _claims(self, text: str, numtext: str, *, exact: bool) -> tuple[tuple[str, ...], bool]:
        """What one note says: the trailing digits of the numbers it calls company
        phones, and whether it calls one so without writing a number."""
        tails: list[str] = []
        bare = False
        negated = [(s, e) for s, e, _ in self.notes_none_exclude.finditer(text, exact=exact)]
        for start, end, _word in self.notes_none.finditer(text, exact=exact):
            if any(s <= start and end <= e for s, e in negated):
                continue
            if self._denied_after(text, end, exact=exact):
                continue
            written = _NOTE_NUMBER.search(numtext[end : end + NOTE_NUMBER_WINDOW])
            tail = _tail(written.group(0)) if written else ""
            if tail:
                tails.append(tail)
            else:
                bare = True
        if bare and self._calls_own_phone(text, exact=exact):
            bare = False  # the note also says a phone is the person's own: which is unclear
        return tuple(tails), bare

    def _calls_own_phone(self, text: str, *, exact: bool) -> bool:
        """Whether the note says a phone is the person's own (``notes_none_unclear_with``),
        not denied right after (``私物はなし``)."""
        return any(
            not self._denied_after(text, end, exact=exact)
            for _, end, _ in self.notes_none_unclear_with.finditer(text, exact=exact)
        )

    def _denied_after(self, text: str, end: int, *, exact: bool) -> bool:
        """Whether a ``notes_none_denied_by`` word follows a phrase that ends at ``end``
        (blanks, a colon or a dash may stand between)."""
        if not self.notes_none_denied_by:
            return False
        after = text[end : end + DENIAL_WINDOW + len(_DENIAL_GAP)].lstrip(_DENIAL_GAP)
        found = self.notes_none_denied_by.search(after[:DENIAL_WINDOW], exact=exact)
        return found is not None and found[0] == 0

    def _label_described(
        self, view: ContactView, ctx: EvalContext, labels: tuple[str, ...]
    ) -> bool:
        """Whether a note names one of ``labels`` and a listed word follows it closely."""
        if "notes" not in view.groups:
            return False
        wanted = [normalize(label).strip().lower() for label in labels]
        if self.notes_label_synonyms.intersection(wanted):
            wanted += sorted(self.notes_label_synonyms.difference(wanted))
        wanted = [label for label in wanted if len(label) >= 2]
        if not wanted:
            return False
        for item in view.select(("notes",)):
            text = item.text.lower()
            for label in wanted:
                at = text.find(label)
                while at >= 0:
                    after = text[at + len(label) : at + len(label) + NOTE_LABEL_WINDOW]
                    if self.notes_label_any.search(after, exact=ctx.exact) is not None:
                        return True
                    at = text.find(label, at + 1)
        return False
