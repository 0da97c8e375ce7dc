"""Who a listed contact is, as a small digest, to tell one phone exported twice from
two phones.

An employee often hands in the same phone twice: an iCloud vCard and a Google CSV, or
last year's export beside this year's. Their contacts are then counted, listed and
scored twice, special-care notes included, and byte-identical copies are the only
ones the walk can see (QA round 11: 155 people reported as 310). The reports keep
counting what each file holds; the run names the files that list mostly the same
people, so whoever reads the counts knows.

A contact is its name (family name first, spaces and case ignored), or its first
organisation when it has no name; what the two exports write differently (labels,
number formats, the UID a CSV does not have) is left out. Only listed contacts are
compared: a compliance report compares business contacts only, so nothing of the
employees' private contacts goes into the warning.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

from piiaudit.model import Contact
from piiaudit.textnorm import nfkc

#: At least this many people in common, and this share of the smaller file's.
MIN_SHARED = 2
MIN_SHARE = 0.8

Overlap = tuple[str, str, int, int]  # first path, second path, shared, smaller file's count


def person_key(contact: Contact) -> int | None:
    """The digest of who ``contact`` is; ``None`` for a card with neither a name nor an
    organisation (nothing to compare)."""
    who = contact.names.family_first() or (
        contact.organizations[0] if contact.organizations else ""
    )
    compact = "".join(nfkc(who).casefold().split())
    if not compact:
        return None
    return zlib.crc32(compact.encode("utf-8", "surrogatepass"))


def people_of(contacts: Iterable[Contact]) -> frozenset[int]:
    """The digests of ``contacts``, without the ones that have none."""
    return frozenset(key for key in map(person_key, contacts) if key is not None)


def overlaps(files: Sequence[tuple[str, str, frozenset[int]]]) -> tuple[Overlap, ...]:
    """Pairs of files of one group that list mostly the same people, in input order.

    ``files`` are (path, group, people) in input order."""
    by_group: dict[str, list[tuple[str, frozenset[int]]]] = {}
    for path, group, people in files:
        if people:
            by_group.setdefault(group, []).append((path, people))
    found: list[Overlap] = []
    for members in by_group.values():
        for i, (first, mine) in enumerate(members):
            for second, theirs in members[i + 1 :]:
                shared = len(mine & theirs)
                smaller = min(len(mine), len(theirs))
                if shared >= MIN_SHARED and shared >= MIN_SHARE * smaller:
                    found.append((first, second, shared, smaller))
    return tuple(found)
