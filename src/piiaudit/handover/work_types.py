"""The standard vCard types a kept value's work label stands for (``work``, ``cell``).

``minimize`` keeps a phone, e-mail or address *because* its label is a work label
(``社用携帯``, ``Work Mobile``, ``大阪支店``). Written as it came, such a label is only an
Apple item label (``item1.X-ABLabel:社用携帯``), which iOS, macOS and Google show, but
which importers that read TYPE only (Android's built-in vCard importer, Outlook) do not
know: Android files a TEL or ADR without a TYPE as *home*. Re-exported from such a phone
(``TEL;HOME``), the company's number would then be a home phone to ``scan`` and the
next hand-over would remove it. So the meaning travels as a standard type as well,
beside the item label: ``work``, and ``cell`` for a mobile (Android's "work mobile").

Only a label the policy reads as work adds a type: a value kept for another reason (a
fixed-line number without a label, ``main``) gets no type nobody gave it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TypeVar

from piiaudit.handover.policy import Policy
from piiaudit.model import Address, Contact, Email, Phone

WORK, CELL = "work", "cell"
_Valued = TypeVar("_Valued", Email, Address)


def with_work_types(contact: Contact, policy: Policy) -> Contact:
    """``contact`` with ``work`` (and ``cell`` for a mobile phone) among the labels of
    each phone, e-mail and address whose labels mean work to ``policy``.

    The types go first: a CSV reader's column header stays the last label, where
    :mod:`piiaudit.handover.labels` looks for it."""
    phones = tuple(_phone(p, policy) for p in contact.phones)
    emails = tuple(_typed(e, policy) for e in contact.emails)
    addresses = tuple(_typed(a, policy) for a in contact.addresses)
    if (phones, emails, addresses) == (contact.phones, contact.emails, contact.addresses):
        return contact
    return dataclasses.replace(contact, phones=phones, emails=emails, addresses=addresses)


def _phone(phone: Phone, policy: Policy) -> Phone:
    if not policy.is_work(phone.labels):
        return phone
    # A mobile by its label, or by its number: not a pager or a personal number
    # (060 in Japan), which Android's CELL would misname.
    mobile = policy.is_mobile_label(phone.labels) or phone.number_type == "mobile"
    wanted = (WORK, CELL) if mobile else (WORK,)
    return dataclasses.replace(phone, labels=_with(phone.labels, wanted))


def _typed(value: _Valued, policy: Policy) -> _Valued:
    if not policy.is_work(value.labels):
        return value
    return dataclasses.replace(value, labels=_with(value.labels, (WORK,)))


def _with(labels: tuple[str, ...], wanted: Sequence[str]) -> tuple[str, ...]:
    """``labels`` with the ``wanted`` types it lacks put in front."""
    present = {label.strip().lower() for label in labels}
    missing = tuple(t for t in wanted if t not in present)
    return (*missing, *labels) if missing else labels
