"""Which card of a hand-over a contact of a new export is, and on what evidence.

After the hand-over the employee deletes the company's contacts from the phone and
exports it again; ``verify`` then tells, for each contact of that new export, whether
it is one of the cards ``split`` wrote (to the company, kept by the owner, left for
review) or someone added since. No single field says so: a phone keeps a card's UID
only sometimes (an Android export makes new ones, a CSV has none), a name is typed
again differently, and a number may be everybody's (a customer's switchboard on ten
cards). So every link is kept as evidence and weighed, and the report shows it:

* the same UID, the same name (as a ``name:`` override compares names: NFKC, without
  spaces, case-folded), a shared phone number (E.164) or e-mail address are evidence;
* a number or address that several people have on one side (the hand-over files or
  the new export) is *weak*: a switchboard or ``info@`` tells nobody apart;
* so is a number that is no mobile (by its type or its label) on a card under another
  name: a renamed customer keeps their mobile, a new colleague at the same company
  shares only the office's line.

A contact matches the card with the most strong evidence (a UID first); weak evidence
alone matches nobody, and is only shown beside the contact. Nothing here reads or
writes files: :mod:`piiaudit.handover.verify` does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from piiaudit.handover.overrides import match_key as override_key
from piiaudit.model import Contact, Phone

# The files of a split, in the order a tie between them is settled: a contact as like
# a handed-over card as an owner's is reported as still on the phone (the failure this
# check exists for), one as like a card to review as an owner's as to review.
PILES = ("business", "review", "private")
UID, NAME, PHONE, EMAIL = "uid", "name", "phone", "email"

PersonalNumber = Callable[[Phone], bool]


@dataclass(frozen=True, slots=True)
class Card:
    """A contact of one of the hand-over files (``pile``: business, private, review)."""

    pile: str
    contact: Contact


@dataclass(frozen=True, slots=True)
class Evidence:
    """One link between a new contact and a card: its kind and the new contact's own
    value (``""`` for a UID or name, which the report does not repeat). ``shared`` is
    how many people have the value on the side where most do (2 or more: weak);
    ``other_name``: a number that is no mobile, on cards under two names (weak)."""

    kind: str
    value: str = ""
    shared: int = 0
    other_name: bool = False

    @property
    def strong(self) -> bool:
        return self.shared < 2 and not self.other_name


@dataclass(frozen=True, slots=True)
class Match:
    """A card and everything that links a new contact to it."""

    card: Card
    evidence: tuple[Evidence, ...]

    def strong(self) -> tuple[Evidence, ...]:
        return tuple(e for e in self.evidence if e.strong)

    def rank(self) -> tuple[int, int]:
        """How sure the match is: a UID first, then the number of strong links."""
        strong = self.strong()
        return (any(e.kind == UID for e in strong), len(strong))

    def name_only(self) -> bool:
        """The name is all that links them: the owner should look at it (a namesake)."""
        return [e.kind for e in self.strong()] == [NAME]


def name_key(contact: Contact) -> str:
    """The display name as a ``name:`` override compares it, ``""`` without a name: one
    rule for "the same name" in the whole hand-over."""
    name = contact.display_name()
    return override_key(NAME, name)[1] if name.strip() else ""


def uid_key(contact: Contact) -> str:
    return (contact.uid or "").strip()


def email_keys(contact: Contact) -> dict[str, str]:
    """Each address (lower case, stripped) -> as written; values without ``@`` (an
    Exchange directory path) are no address."""
    return {e.value.strip().casefold(): e.value for e in contact.emails if "@" in e.value}


def phone_keys(contact: Contact) -> dict[str, Phone]:
    """Each number read (E.164) -> the phone; a value no number was read in is left out."""
    return {p.e164: p for p in contact.phones if p.e164}


def _identity(contact: Contact, side: str) -> str:
    """Who holds a value, for counting how many people share it: the name, else the card."""
    return name_key(contact) or f"#{side}{contact.source.index}"


def _holders(contacts: Iterable[Contact], side: str) -> dict[tuple[str, str], set[str]]:
    held: dict[tuple[str, str], set[str]] = defaultdict(set)
    for contact in contacts:
        who = _identity(contact, side)
        for number in phone_keys(contact):
            held[(PHONE, number)].add(who)
        for address in email_keys(contact):
            held[(EMAIL, address)].add(who)
    return held


class Index:
    """The hand-over's cards by UID, name, number and address, and how many people hold
    each number and address in the hand-over files and in the new export."""

    def __init__(
        self, cards: Sequence[Card], new: Sequence[Contact], personal: PersonalNumber
    ) -> None:
        self.cards = cards
        self._personal = personal
        self._by: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, card in enumerate(cards):
            keys = [(UID, uid_key(card.contact)), (NAME, name_key(card.contact))]
            keys += [(PHONE, n) for n in phone_keys(card.contact)]
            keys += [(EMAIL, a) for a in email_keys(card.contact)]
            for key in dict.fromkeys(k for k in keys if k[1]):
                self._by[key].append(position)
        old = _holders((card.contact for card in cards), "old")
        now = _holders(new, "new")
        self._shared = {
            key: max(len(old.get(key, ())), len(now.get(key, ()))) for key in {*old, *now}
        }

    def matches(self, contact: Contact) -> list[Match]:
        """Every card linked to ``contact``, each with all its evidence, in card order."""
        found: dict[int, list[Evidence]] = defaultdict(list)
        name = name_key(contact)
        for kind, key in ((UID, uid_key(contact)), (NAME, name)):
            for position in self._by.get((kind, key), ()) if key else ():
                found[position].append(Evidence(kind))
        for number, phone in phone_keys(contact).items():
            for position in self._by.get((PHONE, number), ()):
                other = self._other_name(name, phone, self.cards[position].contact, number)
                shared = self._shared.get((PHONE, number), 0)
                found[position].append(Evidence(PHONE, phone.value, shared, other))
        for address, value in email_keys(contact).items():
            for position in self._by.get((EMAIL, address), ()):
                shared = self._shared.get((EMAIL, address), 0)
                found[position].append(Evidence(EMAIL, value, shared))
        return [Match(self.cards[p], tuple(found[p])) for p in sorted(found)]

    def _other_name(self, name: str, phone: Phone, card: Contact, number: str) -> bool:
        """A number that is no mobile on either card, whose cards have two names."""
        theirs = name_key(card)
        if not name or not theirs or name == theirs:
            return False
        return not (self._personal(phone) or self._personal(phone_keys(card)[number]))


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a new contact belongs: the pile of its best match (``None``: no card has
    strong evidence, it is new since the split), that match, the other piles matched as
    strongly (a tie), every strong match to a handed-over card, and the weak links to
    handed-over cards of a contact that matched nothing."""

    pile: str | None
    best: Match | None = None
    ties: tuple[str, ...] = ()
    business: tuple[Match, ...] = ()
    weak: tuple[Evidence, ...] = ()


def place(matches: Sequence[Match]) -> Placed:
    """The pile a new contact belongs to, from its matches (see the module's rules)."""
    strong = [m for m in matches if m.strong()]
    business = tuple(m for m in strong if m.card.pile == PILES[0])
    if not strong:
        weak = tuple(
            e for m in matches if m.card.pile == PILES[0] for e in m.evidence if not e.strong
        )
        return Placed(None, weak=tuple(dict.fromkeys(weak)))
    top = max(m.rank() for m in strong)
    piles = [p for p in PILES if any(m.rank() == top and m.card.pile == p for m in strong)]
    best = next(m for m in strong if m.rank() == top and m.card.pile == piles[0])
    return Placed(piles[0], best, tuple(piles[1:]), business)
