"""The iPhone export: vCard 3.0, UTF-8, CRLF, as iOS 17 "Share contacts" writes it.

iOS puts custom and built-in labels on grouped properties (``item1.TEL`` plus
``item1.X-ABLabel:得意先携帯``), escapes commas in NOTE, folds photos with two
spaces, and marks organisation-only cards with ``X-ABShowAs:COMPANY``.
"""

from __future__ import annotations

from fiction.people import AddressEntry, Person, PhoneEntry
from fiction.vcard_text import base64_lines, compound, escape_text, fold

PRODID = "-//Apple Inc.//iPhone OS 17.5.1//EN"
_TEL_TYPES = {
    "cell": "CELL",
    "home": "HOME",
    "work": "WORK",
    "main": "MAIN",
    "fax": "WORK;type=FAX",
}


class _Items:
    """Numbers the ``itemN.`` groups of one card."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"item{self.count}"


def _tel_lines(phone: PhoneEntry, first: bool, items: _Items) -> list[str]:
    pref = ";type=pref" if first else ""
    if phone.label:
        group = items.next()
        return [f"{group}.TEL{pref}:{phone.number}", f"{group}.X-ABLabel:{phone.label}"]
    kind = _TEL_TYPES[phone.kind]
    return [f"TEL;type={kind};type=VOICE{pref}:{phone.number}"]


def _adr_lines(address: AddressEntry, first: bool, items: _Items) -> list[str]:
    group = items.next()
    pref = ";type=pref" if first else ""
    value = compound(
        "", "", address.street, address.locality, address.region, address.postal, "日本"
    )
    return [f"{group}.ADR;type={address.kind.upper()}{pref}:{value}", f"{group}.X-ABADR:jp"]


def _logical_lines(person: Person) -> list[str]:
    """Every property of one card but the photo, unfolded."""
    family = person.family.kanji if person.family else ""
    given = person.given.kanji if person.given else ""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}"]
    lines.append(f"N:{compound(family, given, '', '', '')}")
    lines.append(f"FN:{escape_text(person.full_name())}")
    if person.family and person.family.kana:
        lines.append(f"X-PHONETIC-LAST-NAME:{person.family.kana}")
    if person.given and person.given.kana:
        lines.append(f"X-PHONETIC-FIRST-NAME:{person.given.kana}")
    if person.org:
        lines.append(f"ORG:{compound(person.org, person.dept)}")
    if person.title:
        lines.append(f"TITLE:{escape_text(person.title)}")
    items = _Items()
    for number, email in enumerate(person.emails):
        kind = "WORK" if email.kind == "work" else "HOME"
        pref = ";type=pref" if number == 0 else ""
        lines.append(f"EMAIL;type=INTERNET;type={kind}{pref}:{email.address}")
    for number, phone in enumerate(person.phones):
        lines += _tel_lines(phone, number == 0, items)
    for number, address in enumerate(person.addresses):
        lines += _adr_lines(address, number == 0, items)
    if person.note:
        lines.append(f"NOTE:{escape_text(person.note)}")
    if person.birthday:
        lines.append(f"BDAY:{person.birthday}")
    if not person.family and not person.given and person.org:
        lines.append("X-ABShowAs:COMPANY")
    if person.categories:
        lines.append(f"CATEGORIES:{','.join(escape_text(c) for c in person.categories)}")
    return lines


def card(person: Person) -> list[str]:
    """The physical lines of one card: folded at 75 octets, the photo last."""
    physical = [part for line in _logical_lines(person) for part in fold(line)]
    if person.photo:
        physical += base64_lines("PHOTO;ENCODING=b;TYPE=JPEG:", person.photo, "  ")
    physical.append("END:VCARD")
    return physical


def render(people: list[Person]) -> bytes:
    """The whole export: CRLF line ends, UTF-8 without BOM."""
    physical = [line for person in people for line in card(person)]
    return ("\r\n".join(physical) + "\r\n").encode("utf-8")
