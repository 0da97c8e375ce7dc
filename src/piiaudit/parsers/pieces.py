"""Cut one large vCard file into pieces that worker processes can read side by side.

A phone export of 100,000 contacts is one file, and ``--jobs`` otherwise
spreads work across files only. :func:`cut_file` cuts such a file at card
boundaries into runs of whole top-level cards, of about the sizes the caller
asks for (:mod:`piiaudit.audit.plan` decides them); each :class:`Piece` is read
by :func:`piiaudit.parsers.open_input` on its own, numbering its lines and
contacts from where the piece starts, so the contacts come out exactly as a
single read of the file would give them.

Planning is optimistic and cheap (byte searches in one read of the file):
a cut goes only between an ``END:VCARD`` line and a ``BEGIN:VCARD`` line,
and the line and contact numbers where each piece starts are counted from
the lines the reader's own splitter gives (:mod:`.vcard_lines`: a cut, just
after a ``\\n``, is where it splits the same whatever comes before) and the
``BEGIN:VCARD`` lines among them. Whether the reader agrees is
checked afterwards: reading a piece records a :class:`PieceEnd` (was the
reader between cards, holding nothing, when the piece ended; which line and
contact number come next), and :func:`pieces_agree` compares each with the
next piece's start. Whenever they disagree (a ``BEGIN:VCARD`` inside a
quoted-printable value, an ``END:VCARD`` the reader saw as something else)
the caller reads the file again in one go; nothing is ever decided
differently, only faster.

Only files whose head has a ``\\n`` are cut (UTF-8, Shift_JIS and other
ASCII-compatible encodings; not UTF-16, not CR-only files; a file that mixes
CR-only stretches into LF or CRLF lines is cut, at LF-ended lines only), and
never standard input or a CSV file.
"""

from __future__ import annotations

import codecs
import itertools
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_group_scan import has_group_cards
from piiaudit.parsers.vcard_lines import (
    Block,
    Prepended,
    Readable,
    is_run,
    newline_for,
    physical_blocks,
    run_lines,
)

# Where a cut may go: after an END:VCARD line, before a BEGIN:VCARD line.
_CUT = re.compile(rb"\nEND:VCARD\r?\n(?=BEGIN:VCARD\r?\n)")
# A line the reader will open a card at, lower-cased (a miscount only makes the check fail).
_BEGIN_LINE = re.compile(rb"[ \t]*begin[ \t]*:[ \t]*vcard[ \t]*\r?")
_WINDOW = 1 << 20  # bytes read at a time while planning
_OVERLAP = 64  # more than a cut's bytes (END line, CRLF, BEGIN line, CRLF)
_MAX_LINE = 1 << 16  # longer than any BEGIN:VCARD line; only counted beyond


@dataclass(frozen=True, slots=True)
class Piece:
    """Whole cards of one file: bytes ``[start, end)``, starting at line ``first_line``.

    ``first_index`` is the index its first contact gets; ``start == 0`` is the
    file's first piece, read with its BOM and any lines before the first card.
    """

    start: int
    end: int
    first_line: int
    first_index: int


@dataclass(slots=True)
class PieceEnd:
    """Where reading a piece left the reader: set by the reader when the piece is done."""

    clean: bool = False  # between cards, nothing held, nothing open
    next_line: int = 0  # the line number the next piece must start at
    next_index: int = 0  # the contact index the next piece must start at


# The sizes, in file order, of the pieces wanted of a file of the given size.
Shares = Callable[[int], Sequence[int]]


def cut_file(path: str, shares: Shares) -> list[Piece] | None:
    """Pieces of about the sizes ``shares(file size)`` gives, each cut at the first
    card boundary at or after where the sizes put it; ``None`` when that is fewer
    than two pieces or the file cannot be cut safely (see the module docstring).

    The file is read once, a window at a time, so planning needs no more memory
    for a 50 MB photo than for a 5 KB card (a memory map would count the whole
    file in the process's resident memory)."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None
            wanted = shares(info.st_size)
            if len(wanted) < 2 or not _cuttable(handle.read(HEAD_BYTES), path):
                return None
            if has_group_cards(handle):  # each member must meet its groups (vcard_groups)
                return None
            cuts = _cuts(handle, list(itertools.accumulate(wanted[:-1])))
            return _numbered(handle, cuts, info.st_size) if cuts else None
    except OSError:  # unreadable or vanished: read it whole, where the reader will say why
        return None


def _cuttable(head: bytes, path: str) -> bool:
    sniffed = sniff(head, path)
    encoding = sniffed.detected.encoding
    return (
        sniffed.format == "vcard"
        and not sniffed.error
        and not encoding.startswith(("utf-16", "utf-32"))
        and newline_for(head) == b"\n"
    )


def _cuts(handle: BinaryIO, targets: Sequence[int]) -> list[int]:
    """Offsets of the BEGIN lines nearest at or after each target offset (increasing)."""
    cuts: list[int] = []
    for target in targets:
        found = _next_cut(handle, max(target, cuts[-1] if cuts else 0))
        if found is None:
            break
        if not cuts or found > cuts[-1]:
            cuts.append(found)
    return cuts


def _next_cut(handle: BinaryIO, start: int) -> int | None:
    """The first place a cut may go at or after ``start``, window by window.

    Windows overlap by more than a cut's bytes, so a cut that straddles one
    window's end is found whole in the next."""
    pos = start
    while True:
        handle.seek(pos)
        window = handle.read(_WINDOW)
        found = _CUT.search(window)
        if found is not None:
            return pos + found.end()
        if len(window) < _WINDOW:
            return None
        pos += _WINDOW - _OVERLAP


def _numbered(handle: BinaryIO, cuts: Sequence[int], size: int) -> list[Piece]:
    bounds = [0, *cuts, size]
    pieces: list[Piece] = []
    line, index = 1, 0
    for start, end in itertools.pairwise(bounds):
        pieces.append(Piece(start, end, line, index))
        lines, begins = _counts(handle, start, end)
        line, index = line + lines, index + begins
    return pieces


def _counts(handle: BinaryIO, start: int, end: int) -> tuple[int, int]:
    """Lines and BEGIN:VCARD lines in bytes ``[start, end)`` (``start`` is a line start).

    Lines are split by the reader's own splitter, so a stretch of CR-only lines
    in the file counts as the reader counts it (:mod:`.vcard_lines`); a block
    of ``\\n``-lines is counted with byte searches, and a line of it split only
    when it holds a ``begin`` and a lone CR."""
    lines = begins = 0
    stream: Readable = Window(handle, start, end)
    offset = start
    if start == 0:
        first = stream.read(len(codecs.BOM_UTF8))
        if first == codecs.BOM_UTF8:
            offset += len(first)
        else:
            stream = Prepended(first, stream)
    for item in physical_blocks(stream, offset=offset, cr_only=False, max_line=_MAX_LINE):
        if isinstance(item, Block):
            found, runs = _begin_walk(item.data)
            lines += item.data.count(b"\n")
            begins += found
            if runs:  # rare: a raw CR in a value, or CR runs the reader splits
                more_lines, more_begins = _run_counts(item.data, runs)
                lines, begins = lines + more_lines, begins + more_begins
        else:  # one line: of a CR run, overlong or the last
            lines += 1
            begins += _BEGIN_LINE.fullmatch(item[0].lower()) is not None
    return lines, begins


def _begin_lines(data: bytes) -> int:
    """How many ``\\n``-lines of ``data`` are BEGIN:VCARD lines (any case, blanks around)."""
    return _begin_walk(data)[0]


def _begin_walk(data: bytes) -> tuple[int, list[int]]:
    """How many ``\\n``-lines of ``data`` are BEGIN:VCARD lines, and where the lines start
    that hold a ``begin`` and a lone CR (which may be CR runs the reader splits).

    Planning runs in the main process before any worker starts, so it must not
    look at every byte in Python's regex engine (0.3 s for a 42 MB export of
    photos); it finds each ``begin`` with a byte search and checks only its line.
    A CR run is found by a ``BEGIN:VCARD`` line in it: a run without one (a card
    whose line ends change inside it) is missed, and the pieces then disagree
    and the file is read again whole.
    """
    lowered = data.lower()  # ASCII only, as the pattern's letters are
    # Most exports write every BEGIN line alike: when each "begin" in the data is
    # one of a plain "begin:vcard" line, byte counts give the answer (a tenth of the
    # walk below, which is ~1.3 us a card in the main process before workers start).
    plain = (
        lowered.count(b"\nbegin:vcard\n")
        + lowered.count(b"\nbegin:vcard\r\n")
        + lowered.startswith((b"begin:vcard\n", b"begin:vcard\r\n"))
    )
    if plain == lowered.count(b"begin"):
        return plain, []
    count = 0
    runs: list[int] = []
    pos = lowered.find(b"begin")
    while pos >= 0:
        start = lowered.rfind(b"\n", 0, pos) + 1
        stop = lowered.find(b"\n", pos)
        if stop < 0:
            stop = len(lowered)
        if _BEGIN_LINE.fullmatch(lowered, start, stop):
            count += 1
        elif lowered.find(b"\r", start, len(lowered[start:stop].rstrip(b"\r")) + start) >= 0:
            runs.append(start)
        pos = lowered.find(b"begin", stop)
    return count, runs


def _run_counts(data: bytes, starts: Sequence[int]) -> tuple[int, int]:
    """Lines added and BEGIN:VCARD lines found by splitting the CR runs among the
    ``\\n``-lines of ``data`` that start at ``starts`` as the reader splits them."""
    lines = begins = 0
    for start in starts:
        stop = data.find(b"\n", start) + 1
        if not stop or not is_run(
            data[start : stop - 1].rstrip(b"\r"), complete=True, cr_only=False
        ):
            continue
        lines -= 1  # counted already as one line
        for text, *_ in run_lines(data[start:stop], 0, final=False):
            lines += 1
            begins += _BEGIN_LINE.fullmatch(text.lower()) is not None
    return lines, begins


def pieces_agree(pieces: Sequence[Piece], ends: Sequence[PieceEnd]) -> bool:
    """True when every piece ended cleanly where the next one was planned to start."""
    return all(
        end.clean
        and end.next_line == following.first_line
        and end.next_index == following.first_index
        for end, following in zip(ends, pieces[1:], strict=False)
    )


class Window:
    """The bytes ``[start, end)`` of an open file, as a stream (seeks once, reads at most that)."""

    def __init__(self, handle: BinaryIO, start: int, end: int) -> None:
        handle.seek(start)
        self._handle = handle
        self._left = end - start

    def read(self, size: int = -1, /) -> bytes:
        if self._left <= 0:
            return b""
        data = self._handle.read(self._left if size < 0 else min(size, self._left))
        self._left -= len(data)
        return data
