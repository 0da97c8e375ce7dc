"""The Android export: vCard 2.1 as the AOSP contacts exporter writes it.

Non-ASCII values get ``CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE`` and every byte
is written as ``=XX``; a soft line break (``=`` at the end of a line, next line
not indented) follows every 23 encoded bytes, so it regularly falls inside a
three-byte Japanese character. That is the AOSP behaviour a reader must undo
*before* decoding UTF-8. Types are bare 2.1 parameters (``TEL;CELL``), and a
birthday may come as ``X-ANDROID-CUSTOM`` contact_event instead of ``BDAY``.
"""

from __future__ import annotations

import base64

from fiction.people import Person, PhoneEntry

_BYTES_PER_LINE = 23  # AOSP breaks once 67+ encoded characters are on a line
_QP = ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE"
_EMAIL_TYPES = {"work": "WORK", "home": "HOME", "cell": "CELL"}
_TEL_TYPES = {"cell": "CELL", "home": "HOME", "work": "WORK", "main": "WORK", "fax": "WORK;FAX"}


def _qp(component: str) -> str:
    """Encode every byte of one component, soft-breaking like AOSP."""
    data = component.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    out = []
    for index, byte in enumerate(data):
        out.append(f"={byte:02X}")
        if (index + 1) % _BYTES_PER_LINE == 0 and index + 1 < len(data):
            out.append("=\r\n")
    return "".join(out)


def _needs_qp(parts: tuple[str, ...]) -> bool:
    return any(not part.isascii() or "\n" in part for part in parts)


def _prop(name: str, *parts: str) -> str:
    """``NAME:value`` with each ``;`` component QP-encoded when it has to be."""
    if _needs_qp(parts):
        return f"{name}{_QP}:" + ";".join(_qp(part) for part in parts)
    return f"{name}:" + ";".join(parts)


def _tel(phone: PhoneEntry) -> str:
    if phone.label in ("", "_$!<Mobile>!$_"):
        return f"TEL;{_TEL_TYPES[phone.kind]}:{phone.number}"
    # AOSP writes a custom label only when it is plain ASCII; Japanese labels are lost.
    return f"TEL;VOICE:{phone.number}"


def _event(birthday: str) -> str:
    return f"X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;{birthday};3" + ";" * 13


def _photo(data: bytes) -> list[str]:
    text = base64.b64encode(data).decode("ascii")
    first, rest = text[:48], text[48:]
    lines = [f"PHOTO;ENCODING=BASE64;JPEG:{first}"]
    lines += [" " + rest[i : i + 72] for i in range(0, len(rest), 72)]
    return [*lines, ""]  # AOSP ends a 2.1 base64 value with an empty line


def card(person: Person, event_birthday: bool) -> list[str]:
    family = person.family.kanji if person.family else ""
    given = person.given.kanji if person.given else ""
    lines = ["BEGIN:VCARD", "VERSION:2.1", _prop("N", family, given, "", "", "")]
    lines.append(_prop("FN", person.full_name()))
    if person.given and person.given.kana:
        lines.append(_prop("X-PHONETIC-FIRST-NAME", person.given.kana))
    if person.family and person.family.kana:
        lines.append(_prop("X-PHONETIC-LAST-NAME", person.family.kana))
    lines += [_tel(phone) for phone in person.phones]
    lines += [f"EMAIL;{_EMAIL_TYPES[e.kind]}:{e.address}" for e in person.emails]
    for address in person.addresses:
        parts = ("", "", address.street, address.locality, address.region, address.postal, "日本")
        lines.append(_prop(f"ADR;{address.kind.upper()}", *parts))
    if person.org:
        lines.append(
            _prop("ORG", person.org, person.dept) if person.dept else _prop("ORG", person.org)
        )
    if person.title:
        lines.append(_prop("TITLE", person.title))
    if person.note:
        lines.append(_prop("NOTE", person.note))
    if person.birthday:
        lines.append(_event(person.birthday) if event_birthday else f"BDAY:{person.birthday}")
    if person.photo:
        lines += _photo(person.photo)
    lines.append("END:VCARD")
    return lines


def render(people: list[Person]) -> bytes:
    """The whole export: CRLF, UTF-8 bytes inside QP, every second birthday as an event."""
    lines: list[str] = []
    with_birthday = 0
    for person in people:
        lines += card(person, event_birthday=with_birthday % 2 == 1)
        with_birthday += bool(person.birthday)
    return ("\r\n".join(lines) + "\r\n").encode("ascii")
