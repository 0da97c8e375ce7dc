"""The values the company profile accepts, which ``minimize`` must not remove as personal.

A company profile (``piiaudit.yaml``) may accept one rule's finding on one contact
(``suppress: [{rule: CORE-PHONE-001, contact: "name:中村 一郎", reason: 会社支給の携帯番号}]``).
``scan`` then reports nothing on that value. ``minimize`` removes what the rules report,
which already leaves it alone, but it also removes phones, e-mails and addresses by
their labels alone (a ``cell`` label without a work label is a personal mobile): judged
by its label, the company-issued mobile the profile accepts was still "personal" and
left the hand-over (QA round 10). So a value on which the profile accepted a finding of
the kinds the labels decide (personal mobile, home phone, personal e-mail, home address)
is not removed by its labels; any other rule's finding above ``low`` still removes it.

Only acceptances that name one person count here (``uid:``, ``name:``), never:

* ``index:N``: a position in the file ``scan`` read, while ``minimize`` usually reads
  split's ``business.vcf``, whose positions differ: the acceptance written for a
  colleague's company mobile landed on a customer, whose personal mobile was handed
  over (review 13);
* ``*`` or a rule the profile disables: they tune what an audit reports, and say
  nothing about whose number may go to the company.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from piiaudit.engine import Profile
from piiaudit.model import Category, ContactResult

#: The contact selectors that name one person wherever the contact sits in a file.
_PERSONAL_SELECTORS = ("uid:", "name:")


def for_minimize(profile: Profile) -> Profile:
    """``profile`` with only the acceptances that name one person (see the module
    docstring): the profile ``minimize`` evaluates contacts with."""
    kept = tuple(s for s in profile.suppress if s.contact.startswith(_PERSONAL_SELECTORS))
    if len(kept) == len(profile.suppress):
        return profile
    return dataclasses.replace(profile, suppress=kept)


def accepted_fields(
    results: Iterable[ContactResult], categories: frozenset[Category]
) -> frozenset[str]:
    """Fields (``phones[0]`` ...) on which the profile accepted a finding in one of
    ``categories``, in ``results`` (the contact evaluated as each class)."""
    return frozenset(
        f.field for result in results for f in result.suppressed if f.category in categories
    )
