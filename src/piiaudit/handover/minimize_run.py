"""``piiaudit minimize``: one vCard 3.0 file with only what the company may keep.

Business contacts are reduced (:mod:`piiaudit.handover.minimize`); private ones
are left out unless ``keep_private`` (then written with every field piiaudit
read, as the owner's own copy); unknown ones are left out unless
``keep_unknown``, and then reduced like business contacts, because whatever is
handed over must be safe to hand over. Everything is decided before the one
output file is written atomically (0600).

Every contact written is first made writable as vCard (before it is reduced, so the
checks read what will be written): an Exchange directory path becomes the mailbox's
SMTP address or goes (:mod:`.exchange`), a street found only in an address's
formatted text becomes its street (:mod:`.addresses`); and after it is reduced, a
CSV column header among its labels becomes the standard label it means (:mod:`.labels`).
A private contact kept takes along the labels its card gave its related names, URLs and
dates, which the model does not hold (:mod:`.card_labels`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from piiaudit.errors import InputError
from piiaudit.handover.addresses import with_streets
from piiaudit.handover.card_labels import NO_LABELS, CardLabels, read_card_labels
from piiaudit.handover.decide import Decision, Evaluator, decide
from piiaudit.handover.exchange import EXCHANGE_ADDRESS, with_smtp_addresses
from piiaudit.handover.labels import without_column_headers
from piiaudit.handover.manifest import OutputSummary
from piiaudit.handover.minimize import minimize
from piiaudit.handover.overrides import OverrideSet
from piiaudit.handover.policy import Policy, shipped_policy
from piiaudit.handover.safety import os_errors
from piiaudit.model import Contact, ContactClass, FileInfo
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.sniff import EMPTY as EMPTY_FILE
from piiaudit.safeio import write_private_text

MINIMIZED, KEPT, LEFT_OUT = "minimized", "kept", "left_out"
# A contact minimized down to nothing: no name, no organisation, no phone, e-mail or
# address (its only data was personal). Not written: an empty card imports as a
# "No Name" contact, which tells the company nothing and which nobody can delete as
# anyone's. The summary names it by its index and line.
EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Entry:
    """One input contact: what happens to it and what it loses."""

    decision: Decision
    action: str
    contact: Contact | None = None
    removed: Counter[str] = field(default_factory=Counter)
    accepted: int = 0  # values kept because the company profile accepts them
    # A kept private card's labels of its related names, URLs and dates (card_labels).
    labels: CardLabels = NO_LABELS


@dataclass(slots=True)
class MinimizePlan:
    path: str
    info: FileInfo
    entries: list[Entry]

    def written(self) -> list[Contact]:
        return [e.contact for e in self.entries if e.contact is not None]

    def written_cards(self) -> list[tuple[Contact, CardLabels]]:
        """:meth:`written`, each with the labels its card gave (a kept private card's)."""
        return [(e.contact, e.labels) for e in self.entries if e.contact is not None]

    def removed(self) -> Counter[str]:
        """Values removed per bucket, over the contacts written (a contact not written
        because nothing was left of it is listed on its own: :meth:`emptied`)."""
        total: Counter[str] = Counter()
        for entry in self.entries:
            if entry.action != EMPTY:
                total.update(entry.removed)
        return total

    def accepted(self) -> int:
        """Values the labels would have removed, kept because the profile accepts them."""
        return sum(entry.accepted for entry in self.entries)

    def emptied(self) -> list[Entry]:
        """Contacts minimized down to nothing, which are not written (:data:`EMPTY`)."""
        return [e for e in self.entries if e.action == EMPTY]

    def unreachable(self) -> list[Entry]:
        """Minimized contacts left without a phone, an e-mail or an address: every one
        they had was personal (a customer reached only on her mobile). The company gets
        a name; the owner should know before the phone is wiped."""
        return [
            e
            for e in self.entries
            if e.action == MINIMIZED
            and e.contact is not None
            and not _reachable(e.contact)
            and _reachable(e.decision.result.contact)
        ]

    def unread_numbers(self) -> list[tuple[Contact, str]]:
        """Phone values of the minimized contacts that are kept as written although no
        valid number could be read in them (``TEL 03-… FAX 03-…``, ``090~1234~5678``): the
        policy keeps an unrecognised number (usually the office's), but such a value may
        hide a second, private number or a note, so the owner is asked to look (QA
        round 9)."""
        return [
            (entry.contact, phone.value)
            for entry in self.entries
            if entry.action == MINIMIZED and entry.contact is not None
            for phone in entry.contact.phones
            if phone.number_type in (None, "unknown")
        ]

    def count(self, label: ContactClass, action: str) -> int:
        return sum(1 for e in self.entries if e.decision.label is label and e.action == action)


def _reachable(contact: Contact) -> bool:
    return bool(contact.phones or contact.emails or contact.addresses)


def plan_minimize(
    path: str,
    evaluator: Evaluator,
    options: ParseOptions,
    overrides: OverrideSet | None,
    *,
    keep_private: bool,
    keep_unknown: bool,
    policy: Policy | None = None,
    decided: ContactClass | None = None,
    split_written: bool = False,
) -> MinimizePlan:
    """Read, decide and reduce every contact; raise :class:`InputError` for an
    unreadable file (nothing is written then). ``policy`` should be built from the
    evaluator's own data lists, so labels mean what they mean to ``scan``. ``decided``
    is the class the user already gave every contact of the file (see
    :func:`~piiaudit.handover.decide.decide`). ``split_written``: the input is a file
    ``split`` wrote, unchanged since; empty (or a byte-order mark alone), it is the
    business file of an export with no business contact, which split always writes, and
    gives an empty hand-over, not the exit code of an unreadable input."""
    entries = []
    choices = _Choices(keep_private, keep_unknown, policy)
    with open_input(path, options) as parsed:
        for contact in parsed.contacts:
            decision = decide(evaluator.evaluate(contact), overrides, decided)
            entry = _entry(decision, evaluator, choices)
            entries.append(_labelled(entry, policy) if parsed.info.format == "csv" else entry)
        info = parsed.info
    if info.error and not (split_written and info.error == EMPTY_FILE):
        raise InputError(path, info.error)
    return MinimizePlan(path=path, info=info, entries=_with_card_labels(path, info, entries))


def _with_card_labels(path: str, info: FileInfo, entries: list[Entry]) -> list[Entry]:
    """``entries``, each kept private contact of a vCard file with the labels of its
    related names, URLs and dates read again from its card (:mod:`.card_labels`):
    ``--keep-private`` promises the owner every field, and a spouse's name without
    "spouse" lost what it was."""
    kept = [e for e in entries if e.action == KEPT]
    if not kept or info.format != "vcard":
        return entries
    sources = (e.decision.result.contact.source for e in kept)
    found = read_card_labels(path, info.encoding, sources)
    if not found:
        return entries
    return [
        dataclasses.replace(e, labels=found[index])
        if e.action == KEPT and (index := e.decision.result.contact.source.index) in found
        else e
        for e in entries
    ]


@dataclass(frozen=True, slots=True)
class _Choices:
    """The run's options that decide what happens to each contact."""

    keep_private: bool
    keep_unknown: bool
    policy: Policy | None


def _entry(decision: Decision, evaluator: Evaluator, choices: _Choices) -> Entry:
    label = decision.label
    if label is ContactClass.PRIVATE and not choices.keep_private:
        return Entry(decision, LEFT_OUT)
    if label is ContactClass.UNKNOWN and not choices.keep_unknown:
        return Entry(decision, LEFT_OUT)
    contact, lost = with_smtp_addresses(with_streets(decision.result.contact))
    removed: Counter[str] = Counter({EXCHANGE_ADDRESS: lost} if lost else {})
    if label is ContactClass.PRIVATE:
        return Entry(decision, KEPT, contact, removed)
    reduced = minimize(contact, evaluator, choices.policy)
    action = MINIMIZED if has_anything(reduced.contact) else EMPTY
    kept = reduced.contact if action == MINIMIZED else None
    return Entry(decision, action, kept, reduced.removed + removed, reduced.accepted)


def has_anything(contact: Contact) -> bool:
    """Whether a minimized contact names or reaches anyone: a name, an organisation, a
    phone, an e-mail or an address (a title alone identifies nobody)."""
    return bool(contact.display_name().strip() or _reachable(contact))


def _labelled(entry: Entry, policy: Policy | None) -> Entry:
    """``entry`` with its contact's CSV column headers turned into standard labels."""
    if entry.contact is None:
        return entry
    labelled = without_column_headers(entry.contact, policy or shipped_policy())
    return dataclasses.replace(entry, contact=labelled)


def write_minimized(plan: MinimizePlan, out: Path, *, force: bool) -> OutputSummary:
    """Write the contacts to keep as vCard 3.0 (0600, atomic); returns what was written:
    the receiver checks the file by its SHA-256."""
    # vobject is imported only by the one command that writes cards (~40 ms of every start).
    from piiaudit.handover.vcard_writer import serialize_labelled

    written = plan.written_cards()
    text = serialize_labelled(written)
    with os_errors(writing=out):
        write_private_text(out, text, force=force)
    data = text.encode("utf-8")
    return OutputSummary(out.name, len(written), len(data), hashlib.sha256(data).hexdigest())
