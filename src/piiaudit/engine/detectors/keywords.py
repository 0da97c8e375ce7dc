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

``exclude`` may also name the words around a hit that make it something else:
``followed_by`` (糖尿病専門, 認知症外来, 統合失調症の治験, ``diabetes clinic``) and
``preceded_by`` (専門：透析, ``Facharzt für Psychotherapie``). A condition word there
names a doctor's practice, a department, a patient group or a trial, not the
contact's health (blind JP QA 3, F13: an MR's notes on doctors). Blanks and a hyphen
may stand between (``HIV 専門外来``, ``Diabetes-Schwerpunktpraxis``), but a word past
a blank that a particle follows starts a clause of its own (``奥様 糖尿病
専門医を紹介``); before the hit also a colon or は (``専門は透析``). Keywords joined by
・, 、, /, &, と, や, and, und, et ... count as one (``高血圧・糖尿病の患者多い``,
``HIV/AIDS clinic``); blanks alone do not join them, so ``奥様 糖尿病 透析専門医に紹介``
still holds the wife's diabetes. A term in Latin letters slashed onto a run is read
past too (``HIV/AIDS clinic`` where only HIV is a keyword).

``exclude: {contact_names: true}`` drops a hit that is the contact's own name: every
word of it a word of the contact's formatted, family, given or middle name or of an
organisation, capitalised as there (``Krebs`` on the card of Jürgen Krebs of Krebs
Hydraulik GmbH, whose note says ``Krebs Hydraulik: Wartungsvertrag``; blind EU QA round
3, F3). A lower-case ``krebs``, a compound (``Brustkrebs``) and a longer listed phrase
(``hat Krebs``) are not the name and still count. The names are read only when a hit
is found, so a detector without the option, and a contact without a hit, pay nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from piiaudit.engine.detectors.base import DetectorConfigError, EvalContext, Match, new_match
from piiaudit.engine.view import ContactView, FieldText, memo_ok
from piiaudit.engine.words import WordMatcher
from piiaudit.model import KEYWORD_HIT, ValueKind

DEFAULT_FIELDS = ("text",)
# What may stand between a hit and a followed_by / preceded_by word (see the module doc).
_AFTER_GAP = " \t\n\r\f-"
_BEFORE_GAP = " \t\n\r\f-:=は"
# What joins two keywords into one run (高血圧・糖尿病, HIV/AIDS, diabetes and obesity).
# A term in Latin letters slashed onto a run (HIV/AIDS, Diabetes/Adipositas, 高血圧・COPD):
# one the detector's own words may not hold, read past before its followed_by word.
_SLASHED = re.compile(r"\s*[/・&]\s*[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'-]*")
_SLASHED_MAX = 2
_JOIN_MAX = 12
# Particles that make a followed_by word past a blank the start of a clause (専門医を紹介).
_PARTICLES = frozenset("をにへでがは")
_JOINED = re.compile(
    r"\s*(?:[・、,/&+]|と|や|及び|および|ならびに|(?:and|und|et|or|oder|ou|e|y)(?=\s))?\s*",
    re.IGNORECASE,
)
KNOWN_MAX = 4096  # remembered texts per detector, emptied when full
_UNKNOWN = object()
# Where exclude.contact_names reads the contact's own name (see the module doc).
_NAME_FIELDS = ("names.formatted", "names.family", "names.given", "names.middle", "organizations")
_WORD = re.compile(r"\w+")
NameWords = frozenset[tuple[str, bool]]


def gather_words(
    source: Mapping[str, Any],
    lists: Mapping[str, tuple[str, ...]],
    key: str | tuple[str, ...],
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
        where = key if isinstance(key, tuple) else (key,) if key else ()
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
        exclude = params.get("exclude", {})
        self.exclude = WordMatcher(gather_words(exclude, lists, "exclude"), ignore_case=ignore_case)
        # The words around a hit that make it no hit (糖尿病専門, 専門：透析): see the module doc.
        self.followed_by = WordMatcher(
            gather_words(exclude.get("followed_by", {}), lists, ("exclude", "followed_by")),
            ignore_case=ignore_case,
            position="prefix",
        )
        self.preceded_by = WordMatcher(
            gather_words(exclude.get("preceded_by", {}), lists, ("exclude", "preceded_by")),
            ignore_case=ignore_case,
            position="suffix",
        )
        self._contexts = bool(self.followed_by) or bool(self.preceded_by)
        # A hit that is the contact's own name (Krebs of Krebs Hydraulik) is no hit.
        self.contact_names = bool(exclude.get("contact_names", False))
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
        names = ", not the contact's own name" if self.contact_names else ""
        return f"{what}{where} in {', '.join(self.fields)}{names}{guard}"

    def _guarded(self, view: ContactView, ctx: EvalContext) -> bool:
        """Whether an ``unless`` word (with ``filled``, any text) stands in one of the
        guard fields."""
        items = view.select(self.unless_fields)
        if self.unless_filled and any(item.text.strip() for item in items):
            return True
        return bool(self.unless) and any(
            self.unless.search(item.text, exact=ctx.exact) is not None for item in items
        )

    def _first(
        self, text: str, exact: bool, names: NameWords | None = None
    ) -> tuple[int, int, str] | None:
        """The first keyword hit in ``text`` that no exclusion hit covers, nor the words
        around it exclude (``followed_by``, ``preceded_by``), nor is one of ``names``
        (the contact's own name words, ``contact_names``)."""
        if self._contexts:
            return self._first_in_context(text, exact, names)
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
            if names and _is_name(word, names):
                continue
            return start, end, word
        return None

    def _first_in_context(
        self, text: str, exact: bool, names: NameWords | None = None
    ) -> tuple[int, int, str] | None:
        """:meth:`_first` for a detector with ``followed_by`` or ``preceded_by`` words:
        keywords joined into one run (高血圧・糖尿病) share the words around the run."""
        hits = list(self.matcher.finditer(text, exact=exact))
        if not hits:
            return None
        excluded = (
            [(s, e) for s, e, _ in self.exclude.finditer(text, exact=exact)] if self.exclude else []
        )
        first = 0  # index of the first hit of the current run
        for i, (start, end, word) in enumerate(hits):
            if i and not _joined(text, hits[i - 1][1], start):
                first = i
            if any(s <= start and end <= e for s, e in excluded):
                continue
            if names and _is_name(word, names):
                continue
            last = i
            while last + 1 < len(hits) and _joined(text, hits[last][1], hits[last + 1][0]):
                last += 1
            if self._named_around(text, hits[first][0], hits[last][1], exact):
                continue
            return start, end, word
        return None

    def _named_around(self, text: str, start: int, end: int, exact: bool) -> bool:
        """Whether a ``followed_by`` word follows ``text[start:end]`` or a ``preceded_by``
        word precedes it (past the gap characters)."""
        if self.followed_by:
            # past up to two terms in Latin letters another list holds (HIV/AIDS clinic)
            for _ in range(_SLASHED_MAX + 1):
                rest = text[end:]
                after = rest.lstrip(_AFTER_GAP)
                found = self.followed_by.search(after, exact=exact) if after else None
                # Past a blank, a word a particle follows starts a clause of its own:
                # 奥様 糖尿病 専門医を紹介 is the wife's diabetes (糖尿病専門医 is a practice).
                if found is not None and (len(after) == len(rest) or not _clause(after, found[1])):
                    return True
                slashed = _SLASHED.match(text, end)
                if slashed is None:
                    break
                end = slashed.end()
        if self.preceded_by:
            before = text[:start].rstrip(_BEFORE_GAP)
            if before and self.preceded_by.search(before, exact=exact) is not None:
                return True
        return False

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

    def _not_a_name(
        self, view: ContactView, text: str, hit: tuple[int, int, str], exact: bool
    ) -> tuple[int, int, str] | None:
        """``hit``, or when it is the contact's own name the first hit after it that is
        not (``contact_names``): read only for a detector with the option, on a hit."""
        items = view.select(_NAME_FIELDS)
        # Most hits are in no name at all: a substring test spares building the words.
        known = "\n".join([item.text for item in items]).casefold()
        if not all(word in known for word in _WORD.findall(hit[2].casefold())):
            return hit
        names = _name_words(items)
        if not _is_name(hit[2], names):
            return hit
        return self._first(text, exact, names)

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
            if hit is not None and self.contact_names:
                hit = self._not_a_name(view, item.text, hit, exact)
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
            if hit is not None and self.contact_names:
                hit = self._not_a_name(view, item.text, hit, False)
            if hit is not None:
                if self.unless_same and self._guarded_item(item, ctx):
                    continue
                if self._guards and self._guarded(view, ctx):
                    return None
                return self._match(item, hit)
        return None


def _name_words(items: list[FieldText]) -> NameWords:
    """The words of the contact's own names and organisations (``items``), each as its
    :func:`_word_key`: ``Krebs`` and ``Hydraulik`` of Jürgen Krebs, Krebs Hydraulik GmbH."""
    return frozenset(_word_key(word) for item in items for word in _WORD.findall(item.text))


def _word_key(word: str) -> tuple[str, bool]:
    """A word as the name check compares it: its letters in any case, and whether it is
    capitalised (``Krebs`` is the name ``KREBS`` or ``Krebs``, ``krebs`` is not)."""
    return word.casefold(), word[:1].isupper()


def _is_name(hit: str, names: NameWords) -> bool:
    """Whether every word of ``hit`` is one of the contact's own name words."""
    words = _WORD.findall(hit)
    return bool(words) and all(_word_key(word) in names for word in words)


def _joined(text: str, end: int, start: int) -> bool:
    """Whether the text between two keyword hits joins them into one run: nothing, or
    a joiner (・, 、, /, と, and, und ...) with blanks around it, not blanks alone."""
    gap = text[end:start]
    if not gap:
        return True
    if len(gap) > _JOIN_MAX:  # (and the pattern's blanks never see a long run)
        return False
    return not gap.isspace() and _JOINED.fullmatch(gap) is not None


def _clause(text: str, end: int) -> bool:
    """Whether a particle follows the word ending at ``end``, past the rest of its compound
    (専門医を紹介, 専門外来に通院): the word then starts a clause of its own."""
    while end < len(text) and _compound(text[end]):
        end += 1
    return text[end : end + 1] in _PARTICLES


def _compound(ch: str) -> bool:
    """A kanji, katakana or ー, which continue a Japanese compound noun."""
    return "\u4e00" <= ch <= "\u9fff" or "\u30a0" <= ch <= "\u30ff" or ch == "々"
