"""Labels as a hand-over writes them: the person's labels, not the reader's.

The CSV readers put each phone's and e-mail's column header among its labels, last
(``parsers.csv_mapping``: "every phone keeps its column header among its labels,
verbatim"), so the rules can read "Mobile Phone" or "携帯電話" as context. Written to
a vCard, that header would become a type or label nobody gave ("E-mail 1 - Value",
"Primary Email", "電子メール アドレス"). So before writing, the header is replaced by
what it means in the words every importer knows (``work``, ``home``, ``cell``), as
the minimize policy reads it: a work mobile under a header such as "Diensthandy"
stays a work mobile on the receiving phone, without the header text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from piiaudit.handover.output_data import output_data
from piiaudit.handover.policy import Policy
from piiaudit.model import Contact


def column_header(labels: tuple[str, ...]) -> str:
    """The column header among the labels of a phone or e-mail read from CSV."""
    return labels[-1] if labels else ""


def without_column_headers(contact: Contact, policy: Policy) -> Contact:
    """``contact`` (read from CSV) with each phone's and e-mail's column header replaced
    by the standard labels it implies."""
    phones = tuple(
        dataclasses.replace(p, labels=_meaning_of_header(p.labels, policy)) for p in contact.phones
    )
    emails = tuple(
        dataclasses.replace(e, labels=_meaning_of_header(e.labels, policy)) for e in contact.emails
    )
    return dataclasses.replace(contact, phones=phones, emails=emails)


def _meaning_of_header(labels: tuple[str, ...], policy: Policy) -> tuple[str, ...]:
    header = column_header(labels)
    if not header or header.strip().lower() in output_data().type_values:
        return labels  # none, or a header that is a type itself ("fax", "cell")
    given = labels[:-1]
    tests: tuple[tuple[str, Callable[[Iterable[str]], bool]], ...] = (
        ("work", policy.is_work),
        ("home", policy.is_home),
        ("cell", policy.is_mobile_label),
    )
    implied = tuple(word for word, means in tests if word not in given and means((header,)))
    return given + implied
