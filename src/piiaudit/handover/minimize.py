"""Reduce a business contact to what the company may keep.

Rule (docs/handover.md): a business contact keeps its name, organisation, title,
work phone, work email and work address, and loses everything personal: home
phones and addresses, personal mobiles, personal email, birthday, anniversary,
notes, photo, family fields (related people), nicknames, messenger IDs and every other
property.

Labels mean here what they mean to ``scan`` (:mod:`piiaudit.handover.policy`):
the rule packs' ``work-labels`` and ``home-labels`` lists, matched as the engine
matches them (a word inside the label: ``社用携帯`` is work, ``Home email`` home).
A phone, e-mail or address is removed when:

* the rules report it as a personal mobile, home phone, personal e-mail or home
  address, at any severity (the rules' own verdict on its labels);
* it has a *home* label;
* a phone without a work label has a *mobile* label (cell, iPhone, 携帯) or a
  number phonenumbers calls mobile/pager/personal; a fixed-line, toll-free or
  unrecognised one is kept (usually the office);
* an e-mail without a work label has a mobile label (``EMAIL;CELL``: the phone's
  own carrier address).

The company profile's word counts where it names the contact: a value on which the
profile accepts a finding for that person (``suppress:`` with ``name:`` or ``uid:``) is
not removed by its labels (:mod:`piiaudit.handover.accepted`), and is counted as kept.

On top of the labels, the engine has the last word: every field with a finding
above ``low`` is removed (free-mail and carrier addresses, a home address written
without a label ...), and the reduced contact is evaluated again until no such
finding is left, so the promise "no finding above low" holds for the contact as
the engine sees it. A value kept because its label is a work label is written with
the standard ``work`` type (and ``cell`` for a mobile) beside that label
(:mod:`piiaudit.handover.work_types`), so that importers reading types only keep it as
the company's.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from piiaudit.engine.view import TECHNICAL_PROPERTIES
from piiaudit.handover.accepted import accepted_fields
from piiaudit.handover.decide import Evaluator
from piiaudit.handover.fields import drop_fields
from piiaudit.handover.policy import Policy, shipped_policy
from piiaudit.handover.work_types import with_work_types
from piiaudit.model import Category, Contact, ContactClass, ContactResult, Finding, Names, Photo

NOTES = "notes"
OTHER_FIELDS = "other_fields"
_MAX_ROUNDS = 5


@dataclass(frozen=True, slots=True)
class Minimized:
    """A business contact as it will be written, what was taken off it, by bucket (a
    finding category such as ``mobile_phone``, or ``notes`` / ``other_fields``), and how
    many values the profile's acceptance kept on it."""

    contact: Contact
    removed: Counter[str]
    # Values the labels alone would have removed, kept because the company profile
    # accepts them (piiaudit.handover.accepted): said in the summary.
    accepted: int = 0


def minimize(
    contact: Contact,
    evaluator: Evaluator,
    policy: Policy | None = None,
) -> Minimized:
    """The business-only version of ``contact``. ``policy`` should be built from the
    lists of the engine behind ``evaluator`` (the shipped packs' when not given); the
    evaluator's profile should be :func:`~piiaudit.handover.accepted.for_minimize`'s."""
    policy = policy or shipped_policy()
    results = results_in_any_class(contact, evaluator)
    findings = [f for result in results for f in result.findings]
    worst = _worst_by_field(findings)
    accepted = accepted_fields(results, policy.label_categories)
    contact = _label_company_phones(contact, findings, evaluator)
    removed: Counter[str] = Counter()
    contact = _strip_personal_kinds(contact, worst, removed, policy)
    drops = _finding_drops(findings, worst, policy)
    label_drops = _label_drops(contact, drops, policy)
    drops.update({f: bucket for f, bucket in label_drops.items() if f not in accepted})
    removed.update(drops.values())
    contact = drop_fields(contact, drops)
    contact = _until_clean(contact, evaluator, policy, removed)
    contact = with_work_types(contact, policy)
    kept = len(label_drops.keys() & accepted)
    return Minimized(contact=contact, removed=removed, accepted=kept)


def _label_company_phones(
    contact: Contact, findings: Iterable[Finding], evaluator: Evaluator
) -> Contact:
    """``contact`` with a ``work`` label on each phone a note calls the company's
    (``社用携帯 090-...``).

    ``scan`` does not report such a mobile as personal (the rule reads the notes), but
    the notes do not travel: judged by its ``cell`` label alone, the company's own
    number would have left the hand-over, and the note's meaning with it. The label
    carries it instead. The phones are found as the rules find them: the mobiles
    reported without the notes and not with them.
    """
    if not contact.notes or not contact.phones:
        return contact
    with_notes = {f.field for f in findings if f.category is Category.MOBILE_PHONE}
    without = findings_in_any_class(dataclasses.replace(contact, notes=()), evaluator)
    named = {
        f.field
        for f in without
        if f.category is Category.MOBILE_PHONE and f.field not in with_notes
    }
    if not named:
        return contact
    phones = tuple(
        dataclasses.replace(p, labels=("work", *p.labels)) if f"phones[{i}]" in named else p
        for i, p in enumerate(contact.phones)
    )
    return dataclasses.replace(contact, phones=phones)


def _strip_personal_kinds(
    contact: Contact, worst: dict[str, Finding], removed: Counter[str], policy: Policy
) -> Contact:
    """Drop the kinds of data a business contact never keeps, counting each value. The
    policy's ``kept_properties`` (how a company card shows) stay while the contact has an
    organisation."""
    kept = policy.kept_properties if contact.organizations else frozenset()
    other = {prop: values for prop, values in contact.other.items() if prop.upper() in kept}

    def count(field: str, default: str) -> None:
        finding = worst.get(field)
        removed[finding.category.value if finding else default] += 1

    for i, _ in enumerate(contact.notes):
        count(f"notes[{i}]", NOTES)
    if contact.birthday:
        count("birthday", Category.BIRTHDAY.value)
    if contact.anniversary:
        count("anniversary", Category.FAMILY_INFO.value)
    for i, _ in enumerate(contact.related):
        count(f"related[{i}]", Category.FAMILY_INFO.value)
    if contact.photo.present:
        count("photo", Category.PHOTO.value)
    for i, _ in enumerate(contact.urls):
        count(f"urls[{i}]", OTHER_FIELDS)
    for i, _ in enumerate(contact.messaging):
        count(f"messaging[{i}]", OTHER_FIELDS)
    for i, _ in enumerate(contact.categories):
        count(f"categories[{i}]", OTHER_FIELDS)
    for i, _ in enumerate(contact.names.nicknames):
        count(f"names.nicknames[{i}]", OTHER_FIELDS)
    for prop, values in sorted(contact.other.items()):
        if prop in other or prop.upper() in TECHNICAL_PROPERTIES:
            # PRODID, REV, X-ABUID ...: the exporter's bookkeeping, which nobody typed, is
            # not written either, but is no personal item removed (23 "other fields" of an
            # export were its PRODID lines, QA hand-over)
            continue
        for i, _ in enumerate(values):
            count(f"other.{prop}[{i}]", OTHER_FIELDS)
    return dataclasses.replace(
        contact,
        names=dataclasses.replace(contact.names, nicknames=()),
        birthday=None,
        anniversary=None,
        notes=(),
        urls=(),
        messaging=(),
        categories=(),
        related=(),
        photo=Photo(),
        other=other,
    )


def _finding_drops(
    findings: Iterable[Finding], worst: dict[str, Finding], policy: Policy
) -> dict[str, str]:
    """Field name -> bucket for every kept-kind value the rules say must go: a finding
    above the kept severity, or the rules' verdict that a value is home or personal
    (``label_categories``), whatever its severity."""
    drops: dict[str, str] = {}
    for finding in findings:
        if finding.category in policy.label_categories and _is_kept_kind(finding.field):
            drops.setdefault(finding.field, finding.category.value)
    for field, finding in worst.items():
        if finding.severity > policy.max_kept_severity and _is_kept_kind(field):
            drops[field] = finding.category.value
    return drops


def _label_drops(contact: Contact, decided: dict[str, str], policy: Policy) -> dict[str, str]:
    """Field name -> bucket for the phones, e-mails and addresses the labels give away,
    among those the findings did not already take (``decided``)."""
    drops: dict[str, str] = {}
    for i, phone in enumerate(contact.phones):
        field = f"phones[{i}]"
        if field in decided or (policy.is_work(phone.labels) and not policy.is_home(phone.labels)):
            continue
        if policy.is_home(phone.labels):
            drops[field] = Category.HOME_PHONE.value
        elif policy.is_mobile_label(phone.labels) or (
            (phone.number_type or "") in policy.mobile_number_types
        ):
            drops[field] = Category.MOBILE_PHONE.value
    for i, email in enumerate(contact.emails):
        # EMAIL;CELL is the phone's own (carrier) address: personal unless marked work.
        personal = policy.is_home(email.labels) or (
            policy.is_mobile_label(email.labels) and not policy.is_work(email.labels)
        )
        if f"emails[{i}]" not in decided and personal:
            drops[f"emails[{i}]"] = Category.PERSONAL_EMAIL.value
    for i, address in enumerate(contact.addresses):
        if f"addresses[{i}]" not in decided and policy.is_home(address.labels):
            drops[f"addresses[{i}]"] = Category.HOME_ADDRESS.value
    return drops


def _until_clean(
    contact: Contact, evaluator: Evaluator, policy: Policy, removed: Counter[str]
) -> Contact:
    """Evaluate the reduced contact again and drop what still has a serious finding
    (context changes when notes go; a bounded number of rounds keeps it finite)."""
    for _ in range(_MAX_ROUNDS):
        serious = {
            f.field: f
            for f in findings_in_any_class(contact, evaluator)
            if f.severity > policy.max_kept_severity
        }
        if not serious:
            return contact
        reduced = drop_fields(contact, serious)
        if reduced == contact:
            # A finding the field remover cannot place (a name part spelled differently,
            # a contact-level finding): the name is the last personal text left.
            if contact.names == Names():
                return contact
            reduced = dataclasses.replace(contact, names=Names())
        for finding in serious.values():
            removed[finding.category.value] += 1
        contact = reduced
    return contact


def findings_in_any_class(contact: Contact, evaluator: Evaluator) -> list[Finding]:
    """Findings of ``contact`` evaluated as each class in turn (:func:`results_in_any_class`)."""
    return [f for result in results_in_any_class(contact, evaluator) for f in result.findings]


def results_in_any_class(contact: Contact, evaluator: Evaluator) -> list[ContactResult]:
    """``contact`` evaluated as each class in turn.

    Rule packs limit rules to classes (``applies_to``), and the engine reports little on
    a contact it judges private. A contact handed over is business by decision (an
    override, or ``--keep-unknown``), whatever the engine guessed, and may be judged
    differently once reduced; so everything any class would report counts.
    """
    return [evaluator.evaluate(contact, force_class=label) for label in ContactClass]


def _is_kept_kind(field: str) -> bool:
    return field.startswith(
        ("names.", "organizations[", "titles[", "phones[", "emails[", "addresses[")
    )


def _worst_by_field(findings: Iterable[Finding]) -> dict[str, Finding]:
    worst: dict[str, Finding] = {}
    for finding in findings:
        current = worst.get(finding.field)
        if current is None or finding.severity > current.severity:
            worst[finding.field] = finding
    return worst
