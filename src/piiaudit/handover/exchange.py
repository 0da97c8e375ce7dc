"""Exchange mailboxes in Outlook exports: an X.500 path is not an e-mail address.

Outlook writes a contact whose address lives in an Exchange directory (e-mail type
``EX``) with the directory path in the address column:
``/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=...``.
Handed over as ``EMAIL``, it is a value no program can send to, and the one address
that works is lost: Outlook puts it only in the column's display name,
``高田 健 (takada@example.jp)``. So before a contact is reduced (the SMTP address must
pass the same checks as any other address), each such path is replaced by the SMTP
address of its display-name column, or dropped and counted when there is none.
"""

from __future__ import annotations

import dataclasses
import re

from piiaudit.handover.labels import column_header
from piiaudit.handover.output_data import column_key, output_data
from piiaudit.model import Contact, Email

# The address in "Name (address)", or a display name that is an address itself.
_SMTP = re.compile(r"(?:^|\()\s*([^\s()<>@,;:]+@[^\s()<>@,;:]+\.[^\s()<>@,;:]+)\s*\)?\s*$")
EXCHANGE_ADDRESS = "exchange_address"


def is_exchange_path(value: str) -> bool:
    """True for an Exchange X.500 path (``/o=...``), which is never an e-mail address."""
    text = value.strip()
    return "@" not in text and text.lower().startswith(output_data().exchange_path_prefix)


def with_smtp_addresses(contact: Contact) -> tuple[Contact, int]:
    """``contact`` with each Exchange path replaced by its display name's SMTP address
    (dropped when the contact already has that address), and the number of paths
    dropped because no address was found for them."""
    if not any(is_exchange_path(e.value) for e in contact.emails):
        return contact, 0
    known = {e.value.strip().lower() for e in contact.emails}
    emails: list[Email] = []
    lost = 0
    for email in contact.emails:
        if not is_exchange_path(email.value):
            emails.append(email)
            continue
        smtp = _display_name_address(contact, column_header(email.labels))
        if smtp is None:
            lost += 1
        elif smtp.lower() not in known:
            known.add(smtp.lower())
            emails.append(dataclasses.replace(email, value=smtp))
    return dataclasses.replace(contact, emails=tuple(emails)), lost


def _display_name_address(contact: Contact, header: str) -> str | None:
    """The SMTP address in the display-name column that belongs to e-mail column ``header``."""
    column = output_data().exchange_display_names.get(column_key(header))
    if column is None:
        return None
    wanted = column_key(column)
    for name, values in contact.other.items():
        if column_key(name) == wanted:
            for value in values:
                match = _SMTP.search(value)
                if match:
                    return match.group(1)
    return None
