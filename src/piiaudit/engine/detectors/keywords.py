"""``keywords``: words from lists, with exclusion terms, anywhere or as a name marker.

``exclude`` holds longer terms that contain a keyword but mean something else:
``病`` inside ``病院`` or ``病棟`` is not health data. A hit inside an exclusion
hit is dropped. ``position`` turns the same detector into a name or organisation
marker: ``suffix`` for ``様`` after a name, ``whole`` for a contact named ``母``,
``prefix``/``affix`` for ``実家 固定`` or ``(株)``.

``unless`` is a guard read from other fields of the same contact: the detector
finds nothing when one of them holds a listed word. It exists for words whose
meaning depends on who wrote them down: ``被疑者`` or ``起訴`` in the note of a
contact whose title or organisation is a criminal lawyer's (``弁護士``,
``法律事務所``) describes the lawyer's cases, not the lawyer's own record. With
``filled: true`` any text in those fields is the guard: ``Papa`` alone as a given
name is the owner's father, ``Papa`` beside the family name ``Ndiaye`` a given name.
With ``same_field: true`` the guard is each hit's own field: a remark that names a
department (``（見本病院 精神科）``) is not read, and another remark of the contact still is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from piiaudit.engine.detectors.base import DetectorConfigError, EvalContext, Match, new_match
from piiaudit.engine.view import ContactView, FieldText, memo_ok
from piiaudit.engine.words import WordMatcher
from piiaudit.model import KEYWORD_HIT, ValueKind

DEFAULT_FIELDS = ("text",)
KNOWN_MAX = 4096  # remembered texts per detector, emptied when full
_UNKNOWN = object()


def gather_words(
    source: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]], key: str
) -> list[str]:
    """Inline ``words`` plus every named ``lists`` entry.

    Unknown lists are an error naming them all, placed at the first (``key`` is
    where ``source`` sits in the detector's parameters; ``""``: the parameters
    themselves), so a rule author fixes every name in one round."""
    words = [str(w) for w in source.get("words", ())]
    names = list(source.get("lists", ()))
    unknown = [(i, name) for i, name in enumerate(names) if name not in lists]
    if unknown:
        shown = ", ".join(repr(name) for _, name in unknown)
        plural = "s" if len(unknown) > 1 else ""
        where = (key,) if key else ()
        raise DetectorConfigError(
            f"unknown data list{plural} {shown}", (*where, "lists", unknown[0][0])
        )
    for name in names:
        words.extend(lists[name])
    return words


class KeywordsDetector:
    name = "keywords"

    def __init__(self, params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> None:
        ignore_case = bool(params.get("ignore_case", False))
        self.position = str(params.get("position", "any"))
        words = gather_words(params, lists, "")
        if not words and not params.get("lists"):
            raise DetectorConfigError("keywords needs at least one word (words or lists)", "words")
        self.matcher = WordMatcher(words, ignore_case=ignore_case, position=self.position)
        self.exclude = WordMatcher(
            gather_words(params.get("exclude", {}), lists, "exclude"), ignore_case=ignore_case
        )
        self.fields = tuple(params.get("fields", DEFAULT_FIELDS))
        self.kind = ValueKind(params.get("kind", "text"))
        self.sources = tuple(params.get("lists", ()))
        unless = params.get("unless", {})
        self.unless = WordMatcher(gather_words(unless, lists, "unless"), ignore_case=True)
        self.unless_fields = tuple(unless.get("fields", ("titles", "organizations")))
        self.unless_filled = bool(unless.get("filled", False))
        # same_field: the guard is the hit's own field (one remark names a department,
        # another a state: the department silences only its own remark).
        self.unless_same = bool(unless.get("same_field", False))
        # Asked once here rather than per contact.
        self._guards = (bool(self.unless) or self.unless_filled) and not self.unless_same
        self._known: dict[str, object] = {}

    def describe(self) -> str:
        where = f" ({self.position})" if self.position != "any" else ""
        what = ", ".join(self.sources) or f"{len(self.matcher.words)} words"
        guard = ""
        if self.unless_same and self.unless:
            guard = " unless the same field says otherwise"
        elif self.unless_filled:
            guard = f" unless {', '.join(self.unless_fields)} hold anything"
        elif self.unless:
            guard = f" unless {', '.join(self.unless_fields)} say otherwise"
        return f"{what}{where} in {', '.join(self.fields)}{guard}"

    def _guarded(self, view: ContactView, ctx: EvalContext) -> bool:
        """Whether an ``unless`` word (with ``filled``, any text) stands in one of the
        guard fields."""
        items = view.select(self.unless_fields)
        if self.unless_filled and any(item.text.strip() for item in items):
            return True
        return bool(self.unless) and any(
            self.unless.search(item.text, exact=ctx.exact) is not None for item in items
        )

    def _first(self, text: str, exact: bool) -> tuple[int, int, str] | None:
        """The first keyword hit in ``text`` that no exclusion hit covers."""
        excluded: list[tuple[int, int]] | None = None  # found once a keyword is
        for start, end, word in self.matcher.finditer(text, exact=exact):
            if excluded is None:
                excluded = (
                    [(s, e) for s, e, _ in self.exclude.finditer(text, exact=exact)]
                    if self.exclude
                    else []
                )
            if any(s <= start and end <= e for s, e in excluded):
                continue
            return start, end, word
        return None

    def _first_known(self, text: str) -> tuple[int, int, str] | None:
        """:meth:`_first` on the fast path, remembered per text: organisations, notes
        and name parts recur across contacts."""
        known = self._known.get(text, _UNKNOWN)
        if known is _UNKNOWN:
            known = self._first(text, False)
            if memo_ok(text):
                if len(self._known) >= KNOWN_MAX:
                    self._known.clear()
                self._known[text] = known
        return cast("tuple[int, int, str] | None", known)

    def _match(self, item: FieldText, hit: tuple[int, int, str]) -> Match:
        """The match of ``hit`` in ``item`` (one per field is enough to report it)."""
        start, end, word = hit
        value = (
            item.raw
            if self.kind is not ValueKind.TEXT or len(item.raw) < 200
            else item.text[max(0, start - 40) : end + 40]
        )
        return new_match(item.field, value, self.kind, item, start, end, KEYWORD_HIT + word, ())

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]:
        out: list[Match] = []
        exact = ctx.exact
        known = self._known
        for item in view.select(self.fields):
            if exact:
                hit = self._first(item.text, True)
            else:  # _first_known, its memo read here first (most texts are known)
                found = known.get(item.text, _UNKNOWN)
                hit = (
                    self._first_known(item.text)
                    if found is _UNKNOWN
                    else cast("tuple[int, int, str] | None", found)
                )
            if hit is not None and not (self.unless_same and self._guarded_item(item, ctx)):
                out.append(self._match(item, hit))
        if out and self._guards and self._guarded(view, ctx):
            return []
        return out

    def _guarded_item(self, item: FieldText, ctx: EvalContext) -> bool:
        """Whether ``item`` itself holds an ``unless`` word (``same_field``)."""
        return self.unless.search(item.text, exact=ctx.exact) is not None

    def first(self, view: ContactView, ctx: EvalContext) -> Match | None:
        """``find(view, ctx)[0]`` (None when it finds nothing), on the fast path,
        reading fields only up to the first hit: a rule that only classifies needs
        no more, and the fields after it are often new names (a first pass scans
        each once)."""
        known = self._known
        for item in view.select(self.fields):
            found = known.get(item.text, _UNKNOWN)
            hit = (
                self._first_known(item.text)
                if found is _UNKNOWN
                else cast("tuple[int, int, str] | None", found)
            )
            if hit is not None:
                if self.unless_same and self._guarded_item(item, ctx):
                    continue
                if self._guards and self._guarded(view, ctx):
                    return None
                return self._match(item, hit)
        return None
