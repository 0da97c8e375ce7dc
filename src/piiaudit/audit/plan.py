"""What the workers are given: whole files, large vCard files in pieces, and in which order.

Planning looks only at file sizes and, for a file to cut, at where its cards
start (:func:`piiaudit.parsers.cut_file`); it reads no contact.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence

from piiaudit.discovery import Discovered
from piiaudit.parsers import Piece, cut_file

# A vCard file is read by several workers at once, in pieces of whole cards. A file is
# cut only if it holds at least two pieces of this size (~600 plain contacts: one
# employee's phone export is worth sharing between the workers) and, but for the files
# that end a run, two of the run's fair shares (see plan_units).
PIECE_MIN_BYTES = 128 * 1024
# The smallest piece, at the end of a file (~150 plain contacts, ~20 ms of work). A piece
# costs its worker about a million instructions and a round trip of a few milliseconds.
TAIL_MIN_BYTES = 32 * 1024
# The run's fair share of a piece: all the bytes over this many pieces per worker.
PIECES_PER_JOB = 4
_TAIL_TRIES = 4  # files per worker tried for cutting the end of a run (CSV files cannot be)

Unit = tuple[int, Piece | None]  # an input's index and the piece of it to read (None: all)


def tapered(size: int, *, jobs: int, largest: int, smallest: int) -> list[int]:
    """The sizes, in file order, of pieces that shrink toward the end of a file.

    Workers take the next piece as they finish, so a run ends with one worker on
    the last piece while the others have nothing left: with equal pieces that is
    up to a whole piece (an eighth of a 10,000-contact export: 0.1-0.2 s, half
    the time on average, measured). Here each piece takes ``1/(2 * jobs)`` of what
    is left, at most ``largest`` and at least ``smallest`` (the last one takes the
    rest), so the end is a few small pieces, shared out as the workers free up.
    """
    sizes: list[int] = []
    left = size
    while left > 0:
        piece = min(largest, max(smallest, left // (2 * jobs)))
        if left - piece < smallest:
            piece = left
        sizes.append(piece)
        left -= piece
    return sizes


def plan_units(inputs: Sequence[Discovered], readable: Sequence[int], jobs: int) -> list[Unit]:
    """What the workers are given: whole files, and large vCard files in pieces.

    Many files of similar size share the workers well whole, so a file is cut
    only if it holds two of the run's fair shares (all the bytes over
    ``jobs * PIECES_PER_JOB``), in pieces no bigger than that share
    (:func:`tapered`): one large export among small ones is cut, and so is a
    single export. A run of many files is cut only at its end (:func:`tail_pieces`).
    """
    units: list[Unit] = []
    if jobs <= 1:
        return units
    sizes = {index: file_size(inputs[index].path) for index in readable}
    share = max(PIECE_MIN_BYTES, sum(sizes.values()) // (jobs * PIECES_PER_JOB))
    plans: dict[int, list[Piece] | None] = {
        index: _cut(inputs[index].path, jobs, share) if sizes[index] >= 2 * share else None
        for index in readable
    }
    whole = [index for index in readable if plans[index] is None]
    if len(whole) > jobs:
        plans.update(tail_pieces(inputs, whole, sizes, jobs))
    for index in readable:
        pieces = plans[index]
        if pieces is None:
            units.append((index, None))
        else:
            units.extend((index, piece) for piece in pieces)
    return units


def tail_pieces(
    inputs: Sequence[Discovered], whole: Sequence[int], sizes: dict[int, int], jobs: int
) -> dict[int, list[Piece]]:
    """The pieces of the ``jobs`` smallest files that can be cut, among those left whole.

    Workers take the next unit as they finish, largest first, so the run ends with
    whatever is handed out last: with thirty-nine similar files on two workers, one
    worker reads the last file alone while the other waits (0.2-0.4 s of an 8 s
    run, measured). Cutting the smallest files, which are handed out last, into
    shrinking pieces makes the run end on small pieces.
    """
    cut: dict[int, list[Piece]] = {}
    big_enough = sorted(
        (i for i in whole if sizes[i] >= 2 * PIECE_MIN_BYTES), key=lambda i: (sizes[i], i)
    )
    # A few tries: only the smallest files end the run, and each try opens a file.
    for index in big_enough[: _TAIL_TRIES * jobs]:
        pieces = _cut(inputs[index].path, jobs, sizes[index])
        if pieces is not None:
            cut[index] = pieces
            if len(cut) == jobs:
                break
    return cut


def _cut(path: str, jobs: int, largest: int) -> list[Piece] | None:
    shares = functools.partial(tapered, jobs=jobs, largest=largest, smallest=TAIL_MIN_BYTES)
    return cut_file(path, shares)


def file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:  # gone or unreadable: read whole, where the worker will say why
        return 0


def largest_first(inputs: Sequence[Discovered], units: Sequence[Unit]) -> list[Unit]:
    """The files and pieces in the order to hand them out: largest first, so that the
    run does not end with one worker on a big file while the others wait (results
    are put back in input order whatever the order they finish in)."""

    def size(unit: Unit) -> int:
        index, piece = unit
        return piece.end - piece.start if piece is not None else file_size(inputs[index].path)

    return sorted(units, key=lambda unit: -size(unit))
