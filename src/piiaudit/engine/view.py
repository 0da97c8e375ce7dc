"""One normalised view of a contact, built once per evaluation.

Every detector reads :class:`FieldText` items from here instead of the raw
:class:`~piiaudit.model.Contact`, so NFKC normalisation (and hyphen
unification for numbers) happens once per field, not once per rule. The two
normalised forms have the same length character for character, so a span found
in one is valid in the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from piiaudit.engine.yamlsafe import load_yaml
from piiaudit.model import Contact, ValueKind
from piiaudit.textnorm import normalize, unify_dashes

FIELDS_FILE = Path(__file__).with_name("fields.yaml")
# Properties that carry bookkeeping, never personal content; kept out of "text".
TECHNICAL_PROPERTIES = frozenset(
    str(name).upper() for name in load_yaml(FIELDS_FILE)["technical_properties"]
)

FREE_TEXT_GROUPS = ("notes", "titles", "organizations", "related", "nicknames", "other")


@dataclass(frozen=True, slots=True)
class FieldText:
    """One value of a contact as detectors read it."""

    field: str  # "notes[0]", "phones[1]", "other.X-FOO[0]" (the Finding.field name)
    group: str  # "notes", "phones", "other.X-FOO" ...
    raw: str
    text: str  # NFKC
    numtext: str  # NFKC + hyphen look-alikes as "-"
    kind: ValueKind
    labels: tuple[str, ...] = ()
    index: int = 0


def _encodable(text: str) -> str:
    """Lone surrogates (from undecodable bytes) become U+FFFD, one for one, so the
    UTF-8 matcher can read the text and spans keep their positions."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


def _field(
    group: str, name: str, raw: str, kind: ValueKind, labels: Iterable[str] = ()
) -> FieldText:
    text = _encodable(normalize(raw))
    labels = tuple(_encodable(label) for label in labels)
    return FieldText(name, group, raw, text, unify_dashes(text), kind, tuple(labels))


class ContactView:
    """The normalised fields of one contact, grouped the way rules select them."""

    def __init__(self, contact: Contact) -> None:
        self.contact = contact
        self.groups: dict[str, list[FieldText]] = {}
        self._selected: dict[tuple[str, ...], list[FieldText]] = {}
        self._build()

    def _add(
        self, group: str, name: str, raw: str, kind: ValueKind, labels: Iterable[str] = ()
    ) -> None:
        if raw and raw.strip():
            self.groups.setdefault(group, []).append(_field(group, name, raw, kind, labels))

    def _many(self, group: str, values: Iterable[str], kind: ValueKind) -> None:
        for i, value in enumerate(values):
            self._add(group, f"{group}[{i}]", value, kind)

    def _build(self) -> None:
        c = self.contact
        n = c.names
        for part in ("formatted", "family", "given", "middle", "prefix", "suffix"):
            self._add(f"names.{part}", f"names.{part}", getattr(n, part), ValueKind.NAME)
        self._add("names.phonetic", "names.phonetic_family", n.phonetic_family, ValueKind.NAME)
        self._add("names.phonetic", "names.phonetic_given", n.phonetic_given, ValueKind.NAME)
        for i, nick in enumerate(n.nicknames):
            self._add("nicknames", f"names.nicknames[{i}]", nick, ValueKind.NAME)
        self._many("organizations", c.organizations, ValueKind.TEXT)
        self._many("titles", c.titles, ValueKind.TEXT)
        for i, phone in enumerate(c.phones):
            self._add("phones", f"phones[{i}]", phone.value, ValueKind.PHONE, phone.labels)
        for i, email in enumerate(c.emails):
            self._add("emails", f"emails[{i}]", email.value, ValueKind.EMAIL, email.labels)
        for i, adr in enumerate(c.addresses):
            self._add("addresses", f"addresses[{i}]", adr.text(), ValueKind.ADDRESS, adr.labels)
        if c.birthday:
            self._add("birthday", "birthday", c.birthday, ValueKind.DATE)
        if c.anniversary:
            self._add("anniversary", "anniversary", c.anniversary, ValueKind.DATE)
        self._many("notes", c.notes, ValueKind.TEXT)
        self._many("urls", c.urls, ValueKind.URL)
        self._many("categories", c.categories, ValueKind.TEXT)
        self._many("related", c.related, ValueKind.NAME)
        for name in sorted(c.other):
            if name.upper() in TECHNICAL_PROPERTIES:
                continue
            for i, value in enumerate(c.other[name]):
                self._add(f"other.{name.upper()}", f"other.{name}[{i}]", value, ValueKind.TEXT)

    @cached_property
    def other_groups(self) -> tuple[str, ...]:
        return tuple(g for g in self.groups if g.startswith("other."))

    def select(self, selectors: tuple[str, ...]) -> list[FieldText]:
        """The fields named by rule selectors (``text``, ``names``, ``notes``, ``other.X``...).

        Many rules name the same selectors, so each answer is kept for the contact."""
        cached = self._selected.get(selectors)
        if cached is None:
            cached = self._selected[selectors] = self._select(selectors)
        return cached

    def _select(self, selectors: tuple[str, ...]) -> list[FieldText]:
        seen: set[str] = set()
        out: list[FieldText] = []
        for selector in selectors:
            for group in self._expand(selector):
                for item in self.groups.get(group, ()):
                    if item.field not in seen:
                        seen.add(item.field)
                        out.append(item)
        return out

    def _expand(self, selector: str) -> tuple[str, ...]:
        if selector == "text":
            return tuple(g for s in FREE_TEXT_GROUPS for g in self._expand(s))
        if selector == "other":
            return self.other_groups
        if selector == "names":
            return (
                "names.formatted",
                "names.family",
                "names.given",
                "names.middle",
                "names.prefix",
                "names.suffix",
                "nicknames",
            )
        if selector == "names.nicknames":
            return ("nicknames",)
        if selector.startswith("other."):
            return (f"other.{selector[6:].upper()}",)
        return (selector,)
