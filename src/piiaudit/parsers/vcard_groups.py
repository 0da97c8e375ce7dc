"""Address-book groups: which cards a file's group cards list, read before the cards.

An iCloud or CardDAV address book files people in groups (家族, 得意先, Customers).
A group is a card of its own (Apple's ``X-ADDRESSBOOKSERVER-KIND:group``, vCard
4.0's ``KIND:group``) that names the group and lists its members by their cards'
UIDs (``X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:...``). The group is often all that
tells a relative with a name and a mobile number from a customer, but the reader
skips group cards (they are no contacts), and members come before or after their
group in any order while contacts are streamed one at a time.

So groups are read first: a byte search over the file finds group cards (most
files have none: one pass of ``bytes.find``), only those cards are read, by the
reader itself, and then each member card carries its groups' names in
``categories``, where a phone's own category sits and the rules read it
(``家族`` makes a contact private, ``得意先`` business).

Only a file read whole gets its groups: a file with group cards is not cut into
pieces (:func:`.pieces.cut_file`), and standard input, which cannot be read
twice, and UTF-16 files (rare as CardDAV dumps) are read without them: such a file
with group cards gets a whole-file issue saying so (:data:`GROUPS_NOT_APPLIED_STDIN`,
:data:`GROUPS_NOT_APPLIED_UTF16`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import BinaryIO

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers.encoding import Detected
from piiaudit.parsers.options import ParseOptions
from piiaudit.parsers.vcard_data import tables
from piiaudit.parsers.vcard_group_scan import group_cards
from piiaudit.parsers.vcard_stream import read_vcard

# Member UID -> the names of the groups that list it.
Groups = Mapping[str, tuple[str, ...]]

# The whole-file issue of a file whose group cards were skipped but whose groups could not
# be read first: the report said only that group cards were skipped, as when their members
# had got the groups' names, and classes differed from reading the same file saved as
# UTF-8 (QA formats F7).
_NOT_APPLIED = (
    "the groups' membership was not applied ({why}): their members were classified "
    "without the groups' names, so classes may differ from reading the file itself{fix}"
)
GROUPS_NOT_APPLIED_STDIN = _NOT_APPLIED.format(
    why="read from standard input, which cannot be read twice", fix=""
)
GROUPS_NOT_APPLIED_UTF16 = _NOT_APPLIED.format(
    why="a UTF-16 file", fix="; save the export as UTF-8 and audit it again"
)


def read_groups(handle: BinaryIO, detected: Detected, options: ParseOptions) -> Groups:
    """Each member UID the file's group cards list, with the names of its groups; reads
    from the start and puts the handle back where it was. Empty for most files."""
    if detected.encoding.startswith("utf-16"):
        return {}
    cards = group_cards(handle)
    if not cards:
        return {}
    # The reader itself reads the group cards, so their names are decoded, unfolded
    # and unescaped as any card's are; it skips them and hands each over here.
    found: list[Contact] = []
    plain = Detected(detected.encoding, 0)
    for card in cards:
        scratch = FileInfo(path="")
        for _ in read_vcard(io.BytesIO(card), scratch, plain, options, groups_into=found):
            pass  # a card that holds more than a group's data: a contact, read in the file
    return _memberships(found)


def with_groups(contacts: Iterator[Contact], groups: Groups) -> Iterator[Contact]:
    """``contacts``, each member of a group with the group's name among its categories."""
    for contact in contacts:
        names = groups.get(member_key(contact.uid)) if contact.uid else None
        if names:
            extra = tuple(name for name in names if name not in contact.categories)
            if extra:
                contact = replace(contact, categories=(*contact.categories, *extra))
        yield contact


def member_key(reference: str) -> str:
    """A card's UID or a group's reference to it, in one form: ``urn:uuid:ABC`` and
    ``ABC`` are the same card (UIDs compare without case, as UUIDs do)."""
    key = reference.strip().lower()
    for prefix in tables().related_references:
        if key.startswith(prefix):
            return key[len(prefix) :].strip()
    return key


def _memberships(group_cards: list[Contact]) -> dict[str, tuple[str, ...]]:
    members = tables().group_members
    out: dict[str, tuple[str, ...]] = {}
    for card in group_cards:
        name = (card.names.formatted or card.names.family).strip()
        if not name:
            continue
        for prop in members:
            for value in card.other.get(prop, ()):
                key = member_key(value)
                if key and name not in out.get(key, ()):
                    out[key] = (*out.get(key, ()), name)
    return out
