"""The compact contact notation of rule examples and ``.cases.yaml`` files.

Rule authors describe a contact in a few keys instead of a vCard::

    {org: [株式会社サンプル], name: 山田 太郎様, tel: ["090-1234-5678;cell"],
     email: ["taro..12.@docomo.ne.jp"], im: ["taro_1980;line"], adr: ["東京都...;home"],
     note: ["..."]}

Labels follow ``;`` (several: ``"03-1234-5678;home;voice"``). Phone numbers
are classified exactly as the parsers do, through :func:`piiaudit.phones.classify`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from piiaudit.model import (
    Address,
    Contact,
    ContactClass,
    Email,
    MessagingId,
    Names,
    Phone,
    Photo,
    SourceRef,
)
from piiaudit.phones import numbers_in


def _split(entry: str) -> tuple[str, tuple[str, ...]]:
    value, *labels = str(entry).split(";")
    return value.strip(), tuple(label.strip().lower() for label in labels if label.strip())


def build_contact(
    spec: Mapping[str, Any], *, region: str = "JP", path: str = "<case>", index: int = 0
) -> Contact:
    """A :class:`Contact` from the compact notation (see the module docstring)."""
    phones = []
    for entry in spec.get("tel", ()):
        value, labels = _split(entry)
        for number, e164, number_type in numbers_in(value, region):
            phones.append(Phone(number, labels, e164, number_type))
    emails = [Email(*_split(entry)) for entry in spec.get("email", ())]
    addresses = []
    for entry in spec.get("adr", ()):
        text, labels = _split(entry)
        addresses.append(Address(labels=labels, formatted=text))
    name = str(spec.get("name", ""))
    return Contact(
        source=SourceRef(path=path, index=index, line=1),
        version="case",
        names=Names(
            formatted=name,
            family=str(spec.get("family", "")),
            given=str(spec.get("given", "")),
            suffix=str(spec.get("suffix", "")),
            phonetic_family=str(spec.get("phonetic_family", "")),
            phonetic_given=str(spec.get("phonetic_given", "")),
            nicknames=tuple(spec.get("nicknames", ())),
        ),
        organizations=tuple(spec.get("org", ())),
        titles=tuple(spec.get("title", ())),
        phones=tuple(phones),
        emails=tuple(emails),
        addresses=tuple(addresses),
        birthday=spec.get("bday"),
        anniversary=spec.get("anniversary"),
        notes=tuple(spec.get("note", ())),
        urls=tuple(spec.get("url", ())),
        categories=tuple(spec.get("categories", ())),
        related=tuple(spec.get("related", ())),
        photo=Photo(present=True, bytes=1024) if spec.get("photo") else Photo(),
        uid=spec.get("uid"),
        other={str(k).upper(): tuple(v) for k, v in (spec.get("other") or {}).items()},
        messaging=tuple(MessagingId(*_split(entry)) for entry in spec.get("im", ())),
    )


def forced_class(spec: Mapping[str, Any]) -> ContactClass | None:
    """The class a case pins (``class: business``) so it tests one rule, not the classifier."""
    value = spec.get("class")
    return ContactClass(value) if value else None
