"""Remove one field of a :class:`Contact` by the name a finding gives it.

Findings point at ``phones[1]``, ``notes[0]``, ``names.formatted``,
``other.X-FOO[0]`` (docs/architecture.md). Minimizing means "drop every field a
serious finding points at", so the field names are the interface; this module
is the one place that knows how each name maps onto the frozen model.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from piiaudit.model import NAME_PARTS, Contact, Names, Photo
from piiaudit.textnorm import NUMBER_RUN, split_remark

_INDEXED = re.compile(r"^(?P<name>[a-z_.]+|other\.(?P<prop>[^\[\]]+))\[(?P<index>\d+)\]$")
_TUPLES = (
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


def field_exists(contact: Contact, name: str) -> bool:
    """True when ``name`` points at a value ``contact`` has (so it can be removed)."""
    return drop_fields(contact, [name]) != contact


def drop_fields(contact: Contact, names: Iterable[str]) -> Contact:
    """``contact`` without the named fields. Indexes refer to ``contact`` as given, so
    several fields of one kind can be removed at once; unknown names are ignored
    (a finding on a field the model cannot remove is caught by the caller's re-check)."""
    indexed: dict[str, set[int]] = {}
    singles: set[str] = set()
    for name in names:
        match = _INDEXED.match(name)
        if match:
            indexed.setdefault(match.group("name"), set()).add(int(match.group("index")))
        else:
            singles.add(name)
    changes: dict[str, object] = {}
    if "organizations" in indexed:
        changes.update(_drop_organizations(contact, indexed.pop("organizations")))
    for attr in _TUPLES:
        if attr in indexed:
            values = getattr(contact, attr)
            changes[attr] = tuple(v for i, v in enumerate(values) if i not in indexed[attr])
    other = _drop_other(contact, indexed)
    if other is not None:
        changes["other"] = other
    names_value = _drop_names(contact.names, singles, indexed.get("names.nicknames", set()))
    if names_value != contact.names:
        changes["names"] = names_value
    for attr in ("birthday", "anniversary"):
        if attr in singles:
            changes[attr] = None
    if "photo" in singles:
        changes["photo"] = Photo()
    return dataclasses.replace(contact, **changes) if changes else contact  # type: ignore[arg-type]


def _drop_organizations(contact: Contact, gone: set[int]) -> dict[str, object]:
    """The organisations without the entries ``gone``, and their structure with them.

    An organisation takes its units along (a CSV department entry after its company):
    a department handed over without its company would read as a company of its own.
    """
    texts = list(contact.organizations)
    parts = list(contact.organization_parts)
    structured = len(parts) == len(texts)
    for i in sorted(gone):
        # An organisation that holds a phone number loses the number's remark and stays
        # (株式会社テスト（自宅 03-…） -> 株式会社テスト), as a name does (_drop_names); were
        # the finding in the organisation itself, the caller's re-check removes the rest.
        cut = _without_number(texts[i]) if i < len(texts) else None
        if cut:
            texts[i] = cut
            if structured:
                components = tuple(_without_number(c) or c for c in parts[i].components)
                parts[i] = dataclasses.replace(parts[i], components=components)
            gone = gone - {i}
    if not structured:  # no structure known: the texts alone
        return {"organizations": tuple(t for i, t in enumerate(texts) if i not in gone)}
    kept = []
    company_gone = False
    for i, part in enumerate(parts):
        if not part.unit:
            company_gone = i in gone
        if i not in gone and not (part.unit and company_gone):
            kept.append(i)
    return {
        "organizations": tuple(texts[i] for i in kept),
        "organization_parts": tuple(parts[i] for i in kept),
    }


def _without_number(text: str) -> str | None:
    """``text`` before the remark that holds its phone number, if it holds one."""
    if NUMBER_RUN.search(text) is None:
        return None
    split = split_remark(text)
    return split[0] if split is not None and split[0] else None


def _drop_other(
    contact: Contact, indexed: dict[str, set[int]]
) -> dict[str, tuple[str, ...]] | None:
    prefixes = [k for k in indexed if k.startswith("other.")]
    if not prefixes:
        return None
    other = dict(contact.other)
    for key in prefixes:
        prop = key[len("other.") :]
        values = other.get(prop)
        if values is None:
            continue
        kept = tuple(v for i, v in enumerate(values) if i not in indexed[key])
        if kept:
            other[prop] = kept
        else:
            del other[prop]
    return other


def _drop_names(names: Names, singles: set[str], nicknames: set[int]) -> Names:
    """``names`` without the parts named. A part with a remark in brackets loses the
    remark and keeps the name before it (田中 一郎（入院中） -> 田中 一郎): the finding
    was on the remark, and a hand-over without the customer's name was no use (review
    10). Were the finding in the name itself, the caller's re-check removes the rest."""
    changes: dict[str, object] = {}
    for part in NAME_PARTS:
        if f"names.{part}" in singles:
            split = split_remark(getattr(names, part))
            changes[part] = split[0] if split is not None else ""
    if "names.nicknames" in singles:
        changes["nicknames"] = ()
    elif nicknames:
        changes["nicknames"] = tuple(n for i, n in enumerate(names.nicknames) if i not in nicknames)
    return dataclasses.replace(names, **changes) if changes else names  # type: ignore[arg-type]
