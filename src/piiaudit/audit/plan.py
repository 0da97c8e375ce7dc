"""What the workers are given: whole files, large vCard files in pieces, and in which order.

Planning looks only at file sizes and, for a file to cut, at where its cards
start (:func:`piiaudit.parsers.plan_pieces`); it reads no contact.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from piiaudit.discovery import Discovered
from piiaudit.parsers import Piece, plan_pieces

# A vCard file is read by several workers at once, in pieces of whole cards no
# smaller than this (~600 plain contacts: one employee's phone export is worth
# sharing between the workers; a piece's own set-up costs a few milliseconds) and,
# but for the files that end a run, no smaller than the run's fair share (see plan_units).
PIECE_MIN_BYTES = 128 * 1024


# More pieces than workers, so that a worker slowed down (by its neighbour on the CPU, or
# by harder cards) does not hold up the end: four per worker took 6-16% less time than two
# on a 10,000-contact export (medians of 6-10 alternated runs), for a few ms per piece.
PIECES_PER_JOB = 4


_TAIL_TRIES = 4  # files per worker tried for cutting the end of a run (CSV files cannot be)


Unit = tuple[int, Piece | None]  # an input's index and the piece of it to read (None: all)


def piece_count(size: int, jobs: int, min_bytes: int) -> int:
    """Into how many pieces of at least ``min_bytes`` to cut a file of ``size`` bytes: a
    multiple of ``jobs`` where the file is big enough (three pieces on two workers
    would leave one worker a third of the work alone at the end), as many as it has
    room for otherwise."""
    count = min(jobs * PIECES_PER_JOB, size // min_bytes)
    return count if count < jobs else count // jobs * jobs


def plan_units(inputs: Sequence[Discovered], readable: Sequence[int], jobs: int) -> list[Unit]:
    """What the workers are given: whole files, and large vCard files in pieces.

    Many files of similar size share the workers well whole, and a piece costs a
    little (a join, a part sent back), so a piece is never smaller than the run's
    fair share of one (all the bytes over ``jobs * PIECES_PER_JOB``): one large
    export among small ones is cut, and a single export is cut into
    ``PIECES_PER_JOB`` pieces per worker. A run of many files is cut only at its
    end (:func:`tail_pieces`).
    """
    units: list[Unit] = []
    if jobs <= 1:
        return units
    sizes = {index: file_size(inputs[index].path) for index in readable}
    min_bytes = max(PIECE_MIN_BYTES, sum(sizes.values()) // (jobs * PIECES_PER_JOB))
    counts = {index: piece_count(sizes[index], jobs, min_bytes) for index in readable}
    plans: dict[int, list[Piece] | None] = {
        index: plan_pieces(inputs[index].path, count=count, min_bytes=min_bytes)
        for index, count in counts.items()
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
    pieces of at least ``PIECE_MIN_BYTES`` makes the run end on half files or less.
    """
    cut: dict[int, list[Piece]] = {}
    counts = {index: piece_count(sizes[index], jobs, PIECE_MIN_BYTES) for index in whole}
    big_enough = sorted((i for i in whole if counts[i] >= 2), key=lambda i: (sizes[i], i))
    # A few tries: only the smallest files end the run, and each try opens a file.
    for index in big_enough[: _TAIL_TRIES * jobs]:
        count = counts[index]
        pieces = plan_pieces(inputs[index].path, count=count, min_bytes=PIECE_MIN_BYTES)
        if pieces is not None:
            cut[index] = pieces
            if len(cut) == jobs:
                break
    return cut


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
