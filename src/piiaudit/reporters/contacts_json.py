"""One :class:`~piiaudit.model.Contact` -> a JSON-ready dict, for ``piiaudit contacts``.

People check what the parser read, and tools reuse the normalised contacts,
without ever seeing a personal value unless they asked for it: every value
goes through :func:`piiaudit.masking.mask` with the kind that decides how
much of it may show. Labels, types, versions and counts are not personal and
are shown as they are. Keys come in a fixed order so outputs diff cleanly.
"""

from __future__ import annotations

from piiaudit.masking import mask
from piiaudit.model import Address, Contact, ValueKind


def contact_to_dict(contact: Contact, *, show_pii: bool) -> dict[str, object]:
    """The contact as plain JSON types, masked unless ``show_pii``."""

    def m(value: str, kind: ValueKind) -> str:
        return mask(value, kind, show_pii=show_pii)

    def m_opt(value: str | None, kind: ValueKind) -> str | None:
        return None if value is None else m(value, kind)

    names = contact.names
    source = contact.source
    return {
        "file": source.path,
        "index": source.index,
        "line": source.line,
        "parent": source.parent,
        "version": contact.version,
        "names": {
            "formatted": m(names.formatted, ValueKind.NAME),
            "family": m(names.family, ValueKind.NAME),
            "given": m(names.given, ValueKind.NAME),
            "middle": m(names.middle, ValueKind.NAME),
            "prefix": m(names.prefix, ValueKind.NAME),
            "suffix": m(names.suffix, ValueKind.NAME),
            "phonetic_family": m(names.phonetic_family, ValueKind.NAME),
            "phonetic_given": m(names.phonetic_given, ValueKind.NAME),
            "nicknames": [m(n, ValueKind.NAME) for n in names.nicknames],
        },
        "organizations": [m(o, ValueKind.TEXT) for o in contact.organizations],
        "titles": [m(t, ValueKind.TEXT) for t in contact.titles],
        "phones": [
            {
                "value": m(p.value, ValueKind.PHONE),
                "labels": list(p.labels),
                "e164": m_opt(p.e164, ValueKind.PHONE),
                "type": p.number_type,
            }
            for p in contact.phones
        ],
        "emails": [
            {"value": m(e.value, ValueKind.EMAIL), "labels": list(e.labels)} for e in contact.emails
        ],
        "addresses": [_address(a, show_pii=show_pii) for a in contact.addresses],
        "birthday": m_opt(contact.birthday, ValueKind.DATE),
        "anniversary": m_opt(contact.anniversary, ValueKind.DATE),
        "notes": [m(n, ValueKind.TEXT) for n in contact.notes],
        "urls": [m(u, ValueKind.URL) for u in contact.urls],
        "categories": [m(c, ValueKind.TEXT) for c in contact.categories],
        "related": [m(r, ValueKind.NAME) for r in contact.related],
        "photo": {"present": contact.photo.present, "bytes": contact.photo.bytes},
        "uid": m_opt(contact.uid, ValueKind.IDENTIFIER),
        "other": {
            name: [m(v, ValueKind.TEXT) for v in values]
            for name, values in sorted(contact.other.items())
        },
        "issues": [
            {"line": i.line, "message": i.message, "severity": i.severity} for i in contact.issues
        ],
    }


def _address(address: Address, *, show_pii: bool) -> dict[str, object]:
    def m(value: str) -> str:
        return mask(value, ValueKind.ADDRESS, show_pii=show_pii) if value else value

    return {
        "labels": list(address.labels),
        "po_box": m(address.po_box),
        "extended": m(address.extended),
        "street": m(address.street),
        "locality": m(address.locality),
        "region": m(address.region),
        "postal_code": m(address.postal_code),
        "country": m(address.country),
        "formatted": m(address.formatted),
    }
