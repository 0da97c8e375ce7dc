"""Write contacts as vCard 3.0 through vobject, which gets escaping and folding right.

``minimize`` produces new cards (a business contact with fields removed), so it
cannot copy bytes the way ``split`` does; it rebuilds each card from the model.
vCard 3.0 is what every phone and mail program imports. A photo is never
written: the model keeps only its size, and a hand-over copy has no use for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import vobject

from piiaudit.model import Address, Contact

_TOKEN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_BAD_PARAM = re.compile(r'[,;:"\x00-\x1f\x7f]')
_STANDARD_TYPES = {
    "cell", "home", "work", "fax", "voice", "pref", "pager", "msg", "video", "bbs", "modem",
    "car", "isdn", "pcs", "internet", "x400", "dom", "intl", "postal", "parcel", "main",
    "other", "iphone", "text", "textphone",
}  # fmt: skip
# Properties the model maps to its own fields, or that describe the card itself
# (PROFILE:VCARD makes vobject refuse the card): never copied again from ``other``.
_OWN = {
    "BEGIN", "END", "VERSION", "PROFILE", "FN", "N", "NICKNAME", "ORG", "TITLE", "TEL",
    "EMAIL", "ADR", "BDAY", "ANNIVERSARY", "NOTE", "URL", "CATEGORIES", "RELATED", "PHOTO", "UID",
    "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME",
}  # fmt: skip


def serialize_cards(contacts: Iterable[Contact]) -> str:
    """Every contact as one vCard 3.0 text, CRLF line endings, folded at 75 octets."""
    return "".join(contact_to_vcard(c).serialize() for c in contacts)


def contact_to_vcard(contact: Contact) -> vobject.base.Component:
    """A vobject vCard holding every field ``contact`` still has."""
    card = vobject.vCard()
    names = contact.names
    card.add("fn").value = contact.display_name()
    card.add("n").value = vobject.vcard.Name(
        family=names.family,
        given=names.given,
        additional=names.middle,
        prefix=names.prefix,
        suffix=names.suffix,
    )
    _text(card, "x-phonetic-last-name", [names.phonetic_family])
    _text(card, "x-phonetic-first-name", [names.phonetic_given])
    _text(card, "nickname", names.nicknames)
    for components in org_lines(contact):
        card.add("org").value = components
    _text(card, "title", contact.titles)
    for phone in contact.phones:
        _typed(card, "tel", phone.value, phone.labels)
    for email in contact.emails:
        _typed(card, "email", email.value, email.labels)
    for address in contact.addresses:
        _address(card, address)
    _text(card, "bday", [contact.birthday or ""])
    _text(card, "x-anniversary", [contact.anniversary or ""])
    _text(card, "note", contact.notes)
    _text(card, "url", contact.urls)
    if any(c.strip() for c in contact.categories):
        card.add("categories").value = [c for c in contact.categories if c.strip()]
    _text(card, "x-related", contact.related)
    _text(card, "uid", [contact.uid or ""])
    for prop, values in sorted(contact.other.items()):
        if _TOKEN.match(prop) and prop.upper() not in _OWN:
            _text(card, prop.lower(), values)
    return card


def org_lines(contact: Contact) -> list[list[str]]:
    """The contact's ``ORG`` values, each the company then its units.

    The components come from ``organization_parts`` (vobject escapes ``;`` ``,`` and
    ``\\`` inside each); a unit entry (a CSV department) joins the organisation before
    it. A contact whose structure is not known writes each organisation as one text.
    """
    parts = contact.organization_parts
    if len(parts) != len(contact.organizations):
        return [[org] for org in contact.organizations if org.strip()]
    lines: list[list[str]] = []
    for part in parts:
        if part.unit and lines:
            lines[-1].extend(part.components)
        else:
            lines.append(list(part.components))
    return [line for line in lines if any(c.strip() for c in line)]


def _text(card: vobject.base.Component, name: str, values: Sequence[str]) -> None:
    for value in values:
        if value and value.strip():
            card.add(name).value = value


def _typed(card: vobject.base.Component, name: str, value: str, labels: Sequence[str]) -> None:
    if not value.strip():
        return
    line = card.add(name)
    line.value = value
    types = type_params(labels)
    if types:
        line.type_param = types


def type_params(labels: Sequence[str]) -> list[str]:
    """Labels as TYPE values: standard ones upper-case, custom ones kept when they are
    safe as a parameter value (no ``,;:"`` or control characters), others left off."""
    out: list[str] = []
    for label in labels:
        text = label.strip()
        if not text or _BAD_PARAM.search(text):
            continue
        value = text.upper() if text.lower() in _STANDARD_TYPES else text
        if value not in out:
            out.append(value)
    return out


def _address(card: vobject.base.Component, address: Address) -> None:
    street = address.street
    if not any((address.street, address.locality, address.region, address.postal_code)):
        street = address.formatted or address.street
    parts = (
        address.po_box,
        address.extended,
        street,
        address.locality,
        address.region,
        address.postal_code,
        address.country,
    )
    if not any(p.strip() for p in parts):
        return
    line = card.add("adr")
    line.value = vobject.vcard.Address(
        box=address.po_box,
        extended=address.extended,
        street=street,
        city=address.locality,
        region=address.region,
        code=address.postal_code,
        country=address.country,
    )
    types = type_params(address.labels)
    if types:
        line.type_param = types
