"""An address's formatted text, carried into its street when the street is missing.

Some exports hold an address twice, as one formatted text and as components, and
fill the components only in part: Google CSV's ``Address 1 - Formatted``
(``大阪府大阪市北区梅田1-1-1 梅田ビル10F``) beside City and Region only, or a Japanese
Thunderbird address column guessed as formatted beside city, region and postcode
columns. The street is then only in the formatted text. A vCard 3.0 ADR has no
place for a formatted text that importers read: the ``LABEL`` *parameter* is vCard
4.0 (and may not hold the line breaks a formatted address has), and the separate
3.0 ``LABEL`` property is ignored by iOS and Google Contacts or shown as a second
address. Importers build an address from its components. So the part of the
formatted text that the components do not already hold becomes the street:
nothing is lost, and it lands where every importer shows it.

The known components are taken off both ends of the formatted text, whichever order
the exporter wrote (Japanese addresses start with the region, Western ones with the
street). A component found only in the middle stays in the street: a part written
twice is better than a part lost. An address with a street keeps its components as
they are (the formatted text is then a rendering of them). This is done before a
contact is reduced, so the checks that decide what is handed over read the street too.
"""

from __future__ import annotations

import dataclasses

from piiaudit.handover.output_data import output_data
from piiaudit.model import Address, Contact


def with_streets(contact: Contact) -> Contact:
    """``contact`` with each street-less address's street taken from its formatted text."""
    if not any(_needs_street(a) for a in contact.addresses):
        return contact
    addresses = tuple(
        dataclasses.replace(a, street=street_from_formatted(a)) if _needs_street(a) else a
        for a in contact.addresses
    )
    return dataclasses.replace(contact, addresses=addresses)


def _needs_street(address: Address) -> bool:
    return not address.street.strip() and bool(address.formatted.strip())


def street_from_formatted(address: Address) -> str:
    """The formatted text without the components the address already has."""
    separators = output_data().address_separators
    rest = address.formatted.strip(separators)
    parts = [
        p.strip()
        for p in (
            address.postal_code,
            address.country,
            address.region,
            address.locality,
            address.extended,
            address.po_box,
        )
        if p.strip()
    ]
    peeled = True
    while peeled and rest:
        peeled = False
        for part in parts:
            shorter = _peel(rest, part, separators)
            if shorter is not None:
                rest, peeled = shorter, True
    return rest


def _peel(text: str, part: str, separators: str) -> str | None:
    """``text`` without ``part`` at its start or end, or ``None`` when it is at neither
    (a part of a longer word does not count: "Springfield Road" does not start with a
    locality "Spring")."""
    if text.startswith(part) and not _inside_word(part[-1], text[len(part) : len(part) + 1]):
        return text[len(part) :].strip(separators)
    if text.endswith(part) and not _inside_word(text[-len(part) - 1 : -len(part)], part[0]):
        return text[: -len(part)].strip(separators)
    return None


def _inside_word(before: str, after: str) -> bool:
    """True when the two characters are letters or digits of one Latin word or number
    (Japanese text has no spaces between an address's parts: any split is a boundary)."""
    return bool(before and after) and all(c.isascii() and c.isalnum() for c in before + after)
