"""The parser registry: one entry point, :func:`open_input`, for every export format.

``open_input`` opens a path (or ``"-"`` for stdin), sniffs its format from
content (:mod:`.sniff`), and hands back a :class:`ParsedInput` whose
``contacts`` are read lazily, one at a time, by the vCard reader
(:mod:`.vcard_stream`) or the CSV reader (:mod:`.csv_reader`, imported only
when a CSV file turns up).

It never raises for bad input: a missing, unreadable, empty, binary or
foreign file yields no contacts and one sentence in ``info.error``; a bad
line inside a good file becomes a :class:`~piiaudit.model.ParseIssue`.
Only ``KeyboardInterrupt`` gets through.
"""

from __future__ import annotations

import importlib
import io
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from piiaudit.model import Contact, FileInfo, ParseIssue
from piiaudit.parsers.encoding import HEAD_BYTES, Detected
from piiaudit.parsers.options import ParseOptions
from piiaudit.parsers.pieces import (
    Piece,
    PieceEnd,
    Shares,
    Window,
    cut_file,
    pieces_agree,
)
from piiaudit.parsers.sniff import Sniffed
from piiaudit.parsers.sniff import sniff as sniff_content
from piiaudit.parsers.vcard_build import android_row_meaning
from piiaudit.parsers.vcard_data import messaging_services
from piiaudit.parsers.vcard_groups import (
    GROUPS_NOT_APPLIED_STDIN,
    GROUPS_NOT_APPLIED_UTF16,
    Groups,
    read_groups,
    with_groups,
)
from piiaudit.parsers.vcard_lines import Prepended, Readable
from piiaudit.parsers.vcard_reader import groups_skipped
from piiaudit.parsers.vcard_stream import read_vcard
from piiaudit.safeio import open_unblocked

__all__ = [
    "ParseOptions",
    "ParsedInput",
    "Piece",
    "PieceEnd",
    "Shares",
    "android_row_meaning",
    "cut_file",
    "groups_skipped",
    "messaging_services",
    "open_input",
    "pieces_agree",
]

STDIN = "-"

# The CSV reader's entry point (``piiaudit.parsers.csv_reader.read_csv``), imported
# by name when a CSV file turns up so the registry does not depend on it otherwise.
_CsvReader = Callable[[BinaryIO, FileInfo, str, ParseOptions], Iterator[Contact]]


@dataclass(slots=True)
class ParsedInput:
    """One opened input: what we know about the file, and its contacts (lazy, read once)."""

    info: FileInfo
    contacts: Iterator[Contact]
    piece_end: PieceEnd | None = None  # for a piece: how it ended, once contacts are read


@contextmanager
def open_input(
    path: str, options: ParseOptions | None = None, piece: Piece | None = None
) -> Iterator[ParsedInput]:
    """Open ``path`` (``"-"`` = stdin) and yield its :class:`ParsedInput`; closes the file after.

    ``info.contacts`` holds the number of contacts once ``contacts`` is exhausted.
    With a ``piece`` from :func:`cut_file`, only that piece's cards are read
    (``info`` then describes the piece) and ``piece_end`` says how it ended.
    """
    options = options or ParseOptions()
    info = FileInfo(path=path)
    stream, closer = _open(path, info)
    try:
        sniffed = _sniff(stream, info) if stream is not None else None
        if stream is None or sniffed is None:
            yield ParsedInput(info, iter(()))
            return
        if piece is not None and closer is not None and sniffed[0].format == "vcard":
            end = PieceEnd()
            window = Window(closer, piece.start, piece.end)
            read = read_vcard(
                window, info, sniffed[0].detected, options, piece=piece, piece_end=end
            )
            yield ParsedInput(info, _guarded(read, info), end)
            return
        yield ParsedInput(info, _guarded(_contacts(sniffed, info, options, closer), info))
    finally:
        if closer is not None:
            closer.close()


def _open(path: str, info: FileInfo) -> tuple[Readable | None, BinaryIO | None]:
    """The byte stream to read and the file to close; ``(None, None)`` with ``info.error`` set."""
    if path == STDIN:
        if sys.stdin is None:  # a daemon or a closed descriptor 0
            info.error = "standard input is not available"
            return None, None
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a text-only stdin (tests, embedding): its text as UTF-8
            return io.BytesIO(sys.stdin.read().encode("utf-8")), None
        return cast(Readable, buffer), None
    target = Path(path)
    try:
        if target.is_dir():
            info.error = "is a directory, not a contact export"
            return None, None
        handle = open_unblocked(target)
    except FileNotFoundError:
        info.error = "does not exist"
        return None, None
    except PermissionError:
        info.error = "permission denied"
        return None, None
    except OSError as exc:
        info.error = f"cannot be opened ({exc.strerror or type(exc).__name__})"
        return None, None
    return handle, handle


def _read_head(stream: Readable) -> bytes:
    """Up to :data:`HEAD_BYTES` bytes, however short the reads (pipes return what they have)."""
    chunks: list[bytes] = []
    size = 0
    while size < HEAD_BYTES:
        chunk = stream.read(HEAD_BYTES - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


_TRACEBACKS = [False]  # set by show_tracebacks(); forked workers inherit it


def show_tracebacks(on: bool) -> None:
    """Print the traceback of a reader's internal error (a bug, which the file's report
    names in one line) on stderr: ``--debug`` promised one and printed none (QA round 16)."""
    _TRACEBACKS[0] = on


def _show_traceback() -> None:
    if _TRACEBACKS[0]:
        traceback.print_exc(file=sys.stderr)


def _sniff(stream: Readable, info: FileInfo) -> tuple[Sniffed, Readable] | None:
    """Read the head and decide the format now, so ``info`` is right before any contact is read.

    Returns the verdict and a stream that replays the head, or ``None`` with
    ``info.error`` set.
    """
    try:
        head = _read_head(stream)
        sniffed = sniff_content(head, str(info.path))  # callers pass a Path too
    except OSError as exc:
        info.error = f"cannot be read ({exc.strerror or type(exc).__name__})"
        return None
    except Exception as exc:  # the contract: nothing but KeyboardInterrupt escapes
        info.error = f"could not be recognised: internal error ({type(exc).__name__})"
        _show_traceback()
        return None
    info.encoding = sniffed.detected.encoding
    if sniffed.error:
        info.error = sniffed.error
        return None
    info.format = sniffed.format
    return sniffed, Prepended(head, stream)


def _contacts(
    sniffed: tuple[Sniffed, Readable],
    info: FileInfo,
    options: ParseOptions,
    file: BinaryIO | None = None,
) -> Iterator[Contact]:
    """The contacts of the sniffed input. A vCard ``file`` (not standard input or a FIFO,
    which cannot be read twice) is searched for group cards first (:mod:`.vcard_groups`)."""
    verdict, replay = sniffed
    if verdict.format == "vcard":
        groups: Groups = {}
        unapplied = ""  # why the groups' membership cannot be applied, if it cannot
        if file is None or not file.seekable():  # standard input, or a FIFO
            unapplied = GROUPS_NOT_APPLIED_STDIN
        elif verdict.detected.encoding.startswith("utf-16"):
            unapplied = GROUPS_NOT_APPLIED_UTF16
        else:
            groups = read_groups(file, verdict.detected, options)
        contacts = read_vcard(replay, info, verdict.detected, options)
        yield from with_groups(contacts, groups) if groups else contacts
        if unapplied and any(groups_skipped(issue.message) for issue in info.issues):
            # The group cards were skipped as always, but their members did not get the
            # groups' names: a report must not read as if they had (QA formats F7).
            info.issues.append(ParseIssue(0, unapplied))
    else:
        yield from _read_csv(replay, info, verdict.detected, options)


def _read_csv(
    stream: Readable, info: FileInfo, detected: Detected, options: ParseOptions
) -> Iterator[Contact]:
    """Route to the CSV reader; the stream starts at byte 0 (BOM included, see ``detect``)."""
    module = importlib.import_module("piiaudit.parsers.csv_reader")
    read_csv = cast(_CsvReader, module.read_csv)
    yield from read_csv(cast(BinaryIO, stream), info, detected.encoding, options)


def _guarded(contacts: Iterator[Contact], info: FileInfo) -> Iterator[Contact]:
    """Turn any failure while reading into ``info.error`` or an issue, never an exception.

    An I/O error mid-file (a disk or pipe failing) ends the file; an
    unexpected error is a bug, recorded as an error issue so that it shows in
    the report instead of crashing a batch of many files.
    """
    try:
        yield from contacts
    except OSError as exc:
        message = f"reading failed ({exc.strerror or type(exc).__name__})"
        if info.contacts:
            info.issues.append(ParseIssue(0, message, "error", lost=True))
        else:
            info.error = message
    except Exception as exc:  # the contract: nothing but KeyboardInterrupt escapes
        info.issues.append(
            ParseIssue(
                0, f"reading stopped early: internal error ({type(exc).__name__})", "error", True
            )
        )
        _show_traceback()
