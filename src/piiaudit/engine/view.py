"""One normalised view of a contact, built once per evaluation.

Every detector reads :class:`FieldText` items from here instead of the raw
:class:`~piiaudit.model.Contact`, so NFKC normalisation (and hyphen
unification for numbers) happens once per field, not once per rule. The two
normalised forms have the same length character for character, so a span found
in one is valid in the other.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from piiaudit.engine.remarks import GROUP as REMARKS
from piiaudit.engine.remarks import remarks
from piiaudit.engine.yamlsafe import load_yaml
from piiaudit.model import Address, Contact, Email, MessagingId, Phone, ValueKind
from piiaudit.textnorm import SURROGATE, unify_dashes, without_invisible, without_surrogates

FIELDS_FILE = Path(__file__).with_name("fields.yaml")
# Properties that carry bookkeeping, never personal content; kept out of "text".
TECHNICAL_PROPERTIES = frozenset(
    str(name).upper() for name in load_yaml(FIELDS_FILE)["technical_properties"]
)

FREE_TEXT_GROUPS = ("notes", "titles", "organizations", "related", "nicknames", "other")
# The groups whose texts the prefilter scans as free text: the remarks are words too.
FREE_GROUP_SET = frozenset((*FREE_TEXT_GROUPS, REMARKS))


NAME_GROUPS = (
    "names.formatted",
    "names.family",
    "names.given",
    "names.middle",
    "names.prefix",
    "names.suffix",
    "nicknames",
)
ANY_OTHER = "other"
Labelled = (
    Phone | Email | MessagingId | Address
)  # the values that carry labels  # in a group set: "some other.* group is present"


@lru_cache(maxsize=1024)
def expand_selectors(selectors: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`expand_selector` of each, in order, each group once."""
    return tuple(dict.fromkeys(g for s in selectors for g in expand_selector(s)))


@lru_cache(maxsize=1024)
def _single_group(selectors: tuple[str, ...]) -> str | None:
    """The one group ``selectors`` name, if they name one (``other`` is many)."""
    groups = expand_selectors(selectors)
    return groups[0] if len(groups) == 1 and groups[0] != ANY_OTHER else None


def expand_selector(selector: str) -> tuple[str, ...]:
    """The groups a rule selector names; ``other`` stands for every ``other.*`` group.

    Static, so the prefilter can tell at load time which groups a detector reads."""
    if selector == "text":
        return tuple(g for s in FREE_TEXT_GROUPS for g in expand_selector(s))
    if selector == "names":
        return NAME_GROUPS
    if selector == "names.nicknames":
        return ("nicknames",)
    if selector.startswith("other."):
        return (f"other.{selector[6:].upper()}",)
    return (selector,)


@dataclass(slots=True, unsafe_hash=True)
class FieldText:
    """One value of a contact as detectors read it (treat as immutable: it is not
    frozen only because frozen dataclasses are slow to build, once per field)."""

    field: str  # "notes[0]", "phones[1]", "other.X-FOO[0]" (the Finding.field name)
    group: str  # "notes", "phones", "other.X-FOO" ...
    raw: str
    text: str  # NFKC
    numtext: str  # NFKC + hyphen look-alikes as "-"
    kind: ValueKind
    labels: tuple[str, ...] = ()
    index: int = 0  # position among the contact's values of its kind ("phones[1]": 1)


# Lone surrogates (from undecodable bytes) as U+FFFD, so the UTF-8 matcher can read
# the text and spans keep their positions.
_encodable = without_surrogates


MEMO_TEXT_MAX = 256  # characters a memo key (or value) may hold, see memo_ok
FORMS_KNOWN_MAX = 8192  # remembered normalised forms of non-ASCII values, emptied when full


def memo_ok(*texts: str) -> bool:
    """Whether values this short (together) may be remembered. The engine keeps
    answers that depend only on a value in bounded memos; bounding the count is
    not enough when a hostile export's values are megabytes long, so long values
    are computed each time and never kept."""
    total = 0
    for text in texts:
        total += len(text)
    return total <= MEMO_TEXT_MAX


_forms_known: dict[str, tuple[str, str]] = {}
_nfkc = unicodedata.normalize


def _forms(raw: str) -> tuple[str, str]:
    """The text (NFKC, encodable) and number form of a non-ASCII value, remembered:
    family names, organisations and notes recur across contacts."""
    known = _forms_known.get(raw)
    if known is None:
        # normalize (which is NFKC) and _encodable inlined: a first pass meets every
        # family and given name here (tests/engine/test_view.py holds it to them).
        text = _nfkc("NFKC", raw)
        if not text.isascii():
            if SURROGATE.search(text) is not None:
                text = _encodable(text)
            text = without_invisible(text)  # "Dia\u00adbetes" is "Diabetes" to the matchers
        known = (text, unify_dashes(text))
        if len(raw) <= MEMO_TEXT_MAX and len(text) <= MEMO_TEXT_MAX:  # memo_ok of each
            if len(_forms_known) >= FORMS_KNOWN_MAX:
                _forms_known.clear()
            _forms_known[raw] = known
    return known


def _labels(labels: Iterable[str]) -> tuple[str, ...]:
    return tuple(_encodable(label) for label in labels) if labels else ()


_LABELS_KNOWN_MAX = 4096  # remembered label tuples, emptied when full
_labels_known: dict[tuple[str, ...], tuple[str, ...]] = {}


def _labels_of(labels: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`_labels`, remembered: a card's labels (CELL, WORK, 自宅...) repeat."""
    if not labels:
        return ()
    known = _labels_known.get(labels)
    if known is None:
        known = _labels(labels)
        if memo_ok(*labels):
            if len(_labels_known) >= _LABELS_KNOWN_MAX:
                _labels_known.clear()
            _labels_known[labels] = known
    return known


_INDEXED_MAX = 16  # field names "notes[0]".."notes[15]" are made once, not per contact


def _indexed_names(name: str) -> tuple[str, ...]:
    return tuple(f"{name}[{i}]" for i in range(_INDEXED_MAX))


_INDEXED = {
    name: _indexed_names(name)
    for name in (
        "names.nicknames",
        "organizations",
        "titles",
        "phones",
        "emails",
        "messaging",
        "addresses",
        "notes",
        "urls",
        "categories",
        "related",
    )
}


def _indexed(name: str, i: int) -> str:
    return _INDEXED[name][i] if i < _INDEXED_MAX else f"{name}[{i}]"


_NAME, _TEXT, _DATE = ValueKind.NAME, ValueKind.TEXT, ValueKind.DATE
_FORMATTED, _FAMILY, _GIVEN = "names.formatted", "names.family", "names.given"
_NONE: list[FieldText] = []  # what a selection of an absent group gives (never changed)


def _item(
    field: str,
    group: str,
    raw: str,
    kind: ValueKind,
    labels: tuple[str, ...],
    index: int,
    parts: list[str],
) -> FieldText:
    """One non-blank value as :meth:`ContactView._add` makes it; its texts go to
    ``parts`` (the prefilter's free text or the rest)."""
    if raw.isascii():  # NFKC leaves ASCII alone and no hyphen look-alike is ASCII
        parts.append(raw)
        return FieldText(field, group, raw, raw, raw, kind, labels, index)
    text, numtext = _forms_known.get(raw) or _forms(raw)  # the memo read here first
    parts.append(text)
    if numtext != text:
        parts.append(numtext)
    return FieldText(field, group, raw, text, numtext, kind, labels, index)


def _values(
    groups: dict[str, list[FieldText]],
    group: str,
    name: str,
    values: Iterable[str],
    kind: ValueKind,
    parts: list[str],
    *,
    indexed: bool = True,
) -> None:
    """A list of plain values; ``indexed`` gives each its position (nicknames keep 0)."""
    names = _INDEXED[name]
    items = []
    for i, value in enumerate(values):
        if value and not value.isspace():
            field = names[i] if i < _INDEXED_MAX else f"{name}[{i}]"
            if value.isascii():  # _item's first case, inline
                parts.append(value)
                items.append(
                    FieldText(field, group, value, value, value, kind, (), i if indexed else 0)
                )
            else:
                items.append(_item(field, group, value, kind, (), i if indexed else 0, parts))
    if items:
        groups[group] = items


def _labelled_values(
    groups: dict[str, list[FieldText]],
    group: str,
    values: Iterable[Labelled],
    kind: ValueKind,
    parts: list[str],
) -> None:
    """Phones, e-mails, addresses with their labels; ``index`` is the position."""
    names = _INDEXED[group]
    items = []
    known = _labels_known  # _labels_of's memo, read here first
    for i, value in enumerate(values):
        raw = value.text() if isinstance(value, Address) else value.value
        if raw and not raw.isspace():
            labels = value.labels
            if labels:
                labels = known.get(labels) or _labels_of(labels)
            name = names[i] if i < _INDEXED_MAX else f"{group}[{i}]"
            if raw.isascii():  # most numbers and addresses: _item's first case, inline
                parts.append(raw)
                items.append(FieldText(name, group, raw, raw, raw, kind, labels, i))
            else:
                items.append(_item(name, group, raw, kind, labels, i, parts))
    if items:
        groups[group] = items


class ContactView:
    """The normalised fields of one contact, grouped the way rules select them."""

    def __init__(self, contact: Contact, *, reference: bool = False) -> None:
        self.contact = contact
        self.groups: dict[str, list[FieldText]] = {}
        self._selected: dict[tuple[str, ...], list[FieldText]] = {}
        self.other_groups: tuple[str, ...] = ()
        # What the prefilter scans (see texts), gathered while the view is built.
        self._free: list[str] = []
        self._rest: list[str] = []
        if reference:
            self._build_reference()
        else:
            self._build()

    def _add(
        self,
        group: str,
        name: str,
        raw: str,
        kind: ValueKind,
        labels: tuple[str, ...] = (),
        index: int = 0,
    ) -> None:
        if raw and not raw.isspace():
            if raw.isascii():  # NFKC leaves ASCII alone and no hyphen look-alike is ASCII
                text = numtext = raw
            else:
                text, numtext = _forms(raw)
            item = FieldText(name, group, raw, text, numtext, kind, _labels_of(labels), index)
            parts = self._free if group in FREE_GROUP_SET or group[:6] == "other." else self._rest
            parts.append(text)
            if numtext != text:
                parts.append(numtext)
            found = self.groups.get(group)
            if found is None:
                self.groups[group] = [item]
            else:
                found.append(item)

    def _many(self, group: str, values: Iterable[str], kind: ValueKind) -> None:
        names = _INDEXED[group]
        add = self._add
        for i, value in enumerate(values):
            if value and not value.isspace():
                add(group, names[i] if i < _INDEXED_MAX else f"{group}[{i}]", value, kind, (), i)

    def _labelled(self, group: str, values: Iterable[Labelled], kind: ValueKind) -> None:
        """Phones, e-mails, addresses: each ``index`` is its position in the contact."""
        names = _INDEXED[group]
        add = self._add
        for i, value in enumerate(values):
            raw = value.text() if isinstance(value, Address) else value.value
            name = names[i] if i < _INDEXED_MAX else f"{group}[{i}]"
            add(group, name, raw, kind, value.labels, i)

    def _build(self) -> None:
        """What :meth:`_build_reference` builds, value for value and in the same
        order, with the per-value work inlined: each group's kind, field names and
        side of the prefilter's texts are known here, so nothing is looked up per
        value (about half the cost; ``tests/engine/test_view.py`` holds the two
        builds to the same view)."""
        c = self.contact
        groups = self.groups
        free, rest = self._free, self._rest
        n = c.names
        # Each name part written out, in the reference build's order: most are empty.
        if n.formatted and not n.formatted.isspace():
            groups[_FORMATTED] = [_item(_FORMATTED, _FORMATTED, n.formatted, _NAME, (), 0, rest)]
        if n.family and not n.family.isspace():
            groups[_FAMILY] = [_item(_FAMILY, _FAMILY, n.family, _NAME, (), 0, rest)]
        if n.given and not n.given.isspace():
            groups[_GIVEN] = [_item(_GIVEN, _GIVEN, n.given, _NAME, (), 0, rest)]
        if n.middle or n.prefix or n.suffix:
            for part, value in (
                ("names.middle", n.middle),
                ("names.prefix", n.prefix),
                ("names.suffix", n.suffix),
            ):
                if value and not value.isspace():
                    groups[part] = [_item(part, part, value, _NAME, (), 0, rest)]
        if n.phonetic_family or n.phonetic_given:
            phonetic = [
                _item(field, "names.phonetic", value, _NAME, (), 0, rest)
                for field, value in (
                    ("names.phonetic_family", n.phonetic_family),
                    ("names.phonetic_given", n.phonetic_given),
                )
                if value and not value.isspace()
            ]
            if phonetic:
                groups["names.phonetic"] = phonetic
        if n.nicknames:
            _values(groups, "nicknames", "names.nicknames", n.nicknames, _NAME, free, indexed=False)
        if c.organizations:
            _values(groups, "organizations", "organizations", c.organizations, _TEXT, free)
        if c.titles:
            _values(groups, "titles", "titles", c.titles, _TEXT, free)
        if c.phones:
            _labelled_values(groups, "phones", c.phones, ValueKind.PHONE, rest)
        if c.emails:
            _labelled_values(groups, "emails", c.emails, ValueKind.EMAIL, rest)
        if c.messaging:
            _labelled_values(groups, "messaging", c.messaging, _TEXT, rest)
        if c.addresses:
            _labelled_values(groups, "addresses", c.addresses, ValueKind.ADDRESS, rest)
        for date, when in (("birthday", c.birthday), ("anniversary", c.anniversary)):
            if when and not when.isspace():
                groups[date] = [_item(date, date, when, _DATE, (), 0, rest)]
        if c.notes:
            _values(groups, "notes", "notes", c.notes, _TEXT, free)
        if c.urls:
            _values(groups, "urls", "urls", c.urls, ValueKind.URL, rest)
        if c.categories:
            _values(groups, "categories", "categories", c.categories, _TEXT, rest)
        if c.related:
            _values(groups, "related", "related", c.related, _NAME, free)
        if c.other:
            for prop in sorted(c.other):
                upper = prop.upper()
                if upper in TECHNICAL_PROPERTIES:
                    continue
                group = f"other.{upper}"
                items = [
                    _item(f"other.{prop}[{i}]", group, value, _TEXT, (), 0, free)
                    for i, value in enumerate(c.other[prop])
                    if value and not value.isspace()
                ]
                if items:
                    found = groups.get(group)  # two spellings of one name share a group
                    if found is None:
                        groups[group] = items
                    else:
                        found.extend(items)
            self.other_groups = tuple(g for g in groups if g.startswith("other."))
        said = remarks(c)
        if said:
            groups[REMARKS] = [
                _item(field, REMARKS, remark, _TEXT, (), 0, free) for field, remark in said
            ]

    def _build_reference(self) -> None:
        """The straightforward build, one :meth:`_add` per value: the yardstick
        :meth:`_build` is tested against (``Engine.evaluate_reference`` uses it)."""
        c = self.contact
        n = c.names
        name = ValueKind.NAME
        add = self._add
        for part, value in (
            ("names.formatted", n.formatted),
            ("names.family", n.family),
            ("names.given", n.given),
            ("names.middle", n.middle),
            ("names.prefix", n.prefix),
            ("names.suffix", n.suffix),
        ):
            if value:  # most name parts are empty; skip the call
                add(part, part, value, name)
        if n.phonetic_family:
            add("names.phonetic", "names.phonetic_family", n.phonetic_family, name)
        if n.phonetic_given:
            add("names.phonetic", "names.phonetic_given", n.phonetic_given, name)
        for i, nick in enumerate(n.nicknames):
            add("nicknames", _indexed("names.nicknames", i), nick, name)
        if c.organizations:
            self._many("organizations", c.organizations, ValueKind.TEXT)
        if c.titles:
            self._many("titles", c.titles, ValueKind.TEXT)
        if c.phones:
            self._labelled("phones", c.phones, ValueKind.PHONE)
        if c.emails:
            self._labelled("emails", c.emails, ValueKind.EMAIL)
        if c.messaging:
            self._labelled("messaging", c.messaging, ValueKind.TEXT)
        if c.addresses:
            self._labelled("addresses", c.addresses, ValueKind.ADDRESS)
        if c.birthday:
            add("birthday", "birthday", c.birthday, ValueKind.DATE)
        if c.anniversary:
            add("anniversary", "anniversary", c.anniversary, ValueKind.DATE)
        for group, values, kind in (
            ("notes", c.notes, ValueKind.TEXT),
            ("urls", c.urls, ValueKind.URL),
            ("categories", c.categories, ValueKind.TEXT),
            ("related", c.related, ValueKind.NAME),
        ):
            if values:
                self._many(group, values, kind)
        if c.other:
            for prop in sorted(c.other):
                upper = prop.upper()
                if upper in TECHNICAL_PROPERTIES:
                    continue
                for i, value in enumerate(c.other[prop]):
                    add(f"other.{upper}", f"other.{prop}[{i}]", value, ValueKind.TEXT)
            self.other_groups = tuple(g for g in self.groups if g.startswith("other."))
        for field, remark in remarks(c):
            add(REMARKS, field, remark, ValueKind.TEXT)

    def group_set(self) -> set[str]:
        """The groups present, plus ``other`` when any ``other.*`` group is."""
        present = set(self.groups)
        if self.other_groups:
            present.add(ANY_OTHER)
        return present

    def texts(self) -> tuple[str, str]:
        """The free text (notes, titles, organisations, related, nicknames, other.*)
        and every other field, each one field per line with its number form where
        it differs: what the prefilter scans, once per contact. Fields come in the
        order they were added (the prefilter reads no meaning into the order)."""
        return "\n".join(self._free), "\n".join(self._rest)

    def select(self, selectors: tuple[str, ...]) -> list[FieldText]:
        """The fields named by rule selectors (``text``, ``names``, ``notes``, ``other.X``...).

        One group is its own list (never changed by readers); an answer gathered
        from several groups is kept for the contact, as many rules name the same."""
        single = _single_group(selectors)
        if single is not None:
            return self.groups.get(single, _NONE)
        cached = self._selected.get(selectors)
        if cached is None:
            cached = self._selected[selectors] = self._select(selectors)
        return cached

    def _select(self, selectors: tuple[str, ...]) -> list[FieldText]:
        # A field lives in exactly one group, so distinct groups give distinct fields.
        out: list[FieldText] = []
        groups = self.groups
        for group in self._expand(selectors):
            items = groups.get(group)
            if items:
                out.extend(items)
        return out

    def _expand(self, selectors: tuple[str, ...]) -> Iterable[str]:
        """The distinct groups ``selectors`` name, in order (``other`` as this
        contact's other.* groups)."""
        groups = expand_selectors(selectors)  # distinct already
        if ANY_OTHER not in groups:
            return groups
        return dict.fromkeys(
            o for g in groups for o in (self.other_groups if g == ANY_OTHER else (g,))
        )
