"""Where a vCard file's address-book group cards are, by a search of its bytes.

Most files have none, so the search must cost next to nothing: two ``bytes.find``
per window for letters every group-kind line's value holds (``roup``, ``ROUP``), and
a pattern only on the lines that have them. Used before a file is read
(:mod:`.vcard_groups`, which reads the cards found) and before a file is cut into
pieces (:mod:`.pieces`: a file with groups is read whole, so every member meets its
groups).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

_WINDOW = 1 << 20  # bytes searched at a time
_OVERLAP = 256  # longer than any group-kind line a window could cut
# Part of every group-kind line's value (group, Group, GROUP): the only test most files
# meet, two searches of their bytes (~0.4 ms per MB each).
_MARKERS = (b"roup", b"ROUP")
# The whole line around a marker, checked only there.
_GROUP_KIND = re.compile(
    rb"(?i)[ \t]*(?:[a-z0-9-]+\.)?(?:x-addressbookserver-kind|kind)[ \t]*(?:;[^:\r\n]*)?:"
    rb"[ \t]*group[ \t]*"
)
# Lines end in LF, CRLF or CR alone (old Mac exports): a line starts after any of them.
_BEGIN = re.compile(rb"(?im)(?:^|(?<=\r))[ \t]*begin[ \t]*:[ \t]*vcard[ \t]*(?=[\r\n]|\Z)")
_END = re.compile(rb"(?im)(?:^|(?<=\r))[ \t]*end[ \t]*:[ \t]*vcard[ \t]*(?:\r?\n|\r|\Z)")


def has_group_cards(handle: BinaryIO) -> bool:
    """Whether the file has a group-kind line anywhere; reads from the start and puts the
    handle back where it was."""
    return _group_lines(handle, first_only=True) != []


def group_cards(handle: BinaryIO) -> list[bytes]:
    """The bytes of each card that has a group-kind line (from its BEGIN to its END)."""
    lines = _group_lines(handle, first_only=False)
    if not lines:
        return []
    back = handle.tell()
    try:
        cards: list[bytes] = []
        done_to = -1
        for at in lines:
            if at < done_to:
                continue  # a second kind line of a card already taken
            found = _card_around(handle, at)
            if found is not None:  # else a card too long for a group's, or cut: the reader's
                card, done_to = found
                cards.append(card)
        return cards
    finally:
        handle.seek(back)


def _card_around(handle: BinaryIO, at: int) -> tuple[bytes, int] | None:
    """The card holding the line at offset ``at``, and the offset just after it.

    A group card of a few members is read in one small window; a larger one (a group
    of thousands) in a window of :data:`_CARD_REACH` each side."""
    for reach in (_NEAR, _CARD_REACH):
        start = max(0, at - reach)
        handle.seek(start)
        data = handle.read(at - start + reach)
        here = at - start
        begin = _last_begin(data, here)
        end = _END.search(data, here)
        if begin >= 0 and end is not None:
            return data[begin : end.end()], start + end.end()
    return None


def _last_begin(data: bytes, before: int) -> int:
    """Where the last BEGIN:VCARD line before offset ``before`` starts (-1: none). Searched
    backwards as exporters write it; any other spelling by the pattern."""
    found = max(data.rfind(b"BEGIN:VCARD", 0, before), data.rfind(b"begin:vcard", 0, before))
    if found >= 0 and (found == 0 or data[found - 1] in b"\r\n"):
        return found
    begins = list(_BEGIN.finditer(data, 0, before))
    return begins[-1].start() if begins else -1


_NEAR = 1 << 14  # bytes each side of a group-kind line: a group of ~300 members
_CARD_REACH = 1 << 18  # a group card of 10,000 members is ~500 KB; beyond, members go unread


def _group_lines(handle: BinaryIO, *, first_only: bool) -> list[int]:
    """The offsets of the file's group-kind lines (only the first with ``first_only``)."""
    back = handle.tell()
    found: set[int] = set()
    try:
        handle.seek(0)
        offset, tail = 0, b""
        while True:
            chunk = handle.read(_WINDOW)
            if not chunk:
                return sorted(found)
            data, base = tail + chunk, offset - len(tail)
            last = len(chunk) < _WINDOW  # a regular file's reads are full until its end
            for start in _kind_lines(data, last):
                found.add(base + start)
                if first_only:
                    return [base + start]
            offset += len(chunk)
            tail = data[-_OVERLAP:]
    finally:
        handle.seek(back)


def _kind_lines(data: bytes, last: bool) -> Iterator[int]:
    """Where each group-kind line of ``data`` starts; a line cut at its end only if
    ``data`` ends the file (else the next window, which repeats the tail, holds it)."""
    for marker in _MARKERS:
        at = data.find(marker)
        while at >= 0:
            start = max(data.rfind(b"\n", 0, at), data.rfind(b"\r", 0, at)) + 1
            ends = [e for e in (data.find(b"\n", at), data.find(b"\r", at)) if e >= 0]
            if (ends or last) and _GROUP_KIND.fullmatch(data, start, min(ends, default=len(data))):
                yield start
            at = data.find(marker, at + 1)
