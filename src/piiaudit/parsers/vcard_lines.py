"""Bytes -> physical lines with their byte offsets in the original file.

Each line comes out as ``(content, start, end, dropped)``: ``content`` without
its terminator, ``start``/``end`` the offsets of the line in the original
bytes (``end`` past the terminator), ``dropped`` the number of bytes left out
of an overlong line (``0`` almost always). Offsets are what lets the
hand-over copy a card byte for byte.

Line ends: ``\\n`` always ends a line, and any ``\\r`` before it belongs to
the terminator, which covers LF, CRLF and the iOS 6 CRCRLF (``\\r\\r\\n``) in one
rule. A lone ``\\r`` (one not followed by ``\\r*\\n``) is harder: old Mac and
Nokia 9110 exports end every line with one, files concatenated from several
phones and tools switch style part-way, and Thunderbird writes raw CRs inside
values. So lone CRs are judged per "``\\n``-line" (the bytes between two
``\\n``): all of them end lines there (the ``\\n``-line is a *CR run*) when the
file's head has no ``\\n`` at all (a CR-only file), or when, within the first
:data:`DECIDE` bytes of that ``\\n``-line, one of them is followed by what starts
a line (a property name and its ``:`` or ``;``, ``BEGIN:VCARD`` and
``END:VCARD`` included, a folded line's blank, or the rest of a
quoted-printable value after its ``=``); otherwise they stay in the line, as
data (Thunderbird's ``custom\\r3``). In a CR run every ``\\r``, ``\\n``,
``\\r\\n`` and ``\\r\\r\\n`` ends one line, and each counts as one line in line
numbers, so a card's line numbers do not depend on its line-end style. Runs
are handed out line by line; the ``\\n``-lines around them still come in
blocks. The decision looks at a bounded head and never depends on where a read
ended, so a file cut into pieces at ``\\n`` (:mod:`.pieces`) is split into the
same lines.

Memory stays bounded: the file is read in chunks, and a line longer than
``max_line`` (a 50 MB unfolded base64 photo) is kept as its first ``max_line``
bytes plus its last :data:`TAIL` bytes (enough to see base64 padding); the
bytes in between are only counted.

UTF-16 files are decoded incrementally and every line is re-encoded as UTF-8,
so the rest of the reader sees bytes as usual. Their offsets are still
offsets into the original UTF-16 bytes: a line's length there is
``len(line.encode(codec))`` (two bytes per UTF-16 code unit, four for a
surrogate pair), added up from the BOM on.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Generator, Iterator
from typing import NamedTuple, Protocol

CHUNK = 1 << 20
TAIL = 8
DECIDE = 64 * 1024  # how much of a \n-line tells a CR run from a stray CR in a value

_LF = re.compile(rb"\n")
_LONE_CR = re.compile(rb"\r(?!\r*\n)")  # a CR that is not part of a line end
_CR_NOT_LF = re.compile(rb"\r[^\n]")  # a lone CR, or the first of CR CR LF
_RUN_STOP = re.compile(rb"[\r\n]")
_RUN_END = re.compile(rb"\r{0,2}\n|\r")  # a line end in a CR run
_CR_THEN_TEXT = re.compile(rb"\r[^\r\n]")  # a lone CR, followed by more of its \n-line
# A lone CR followed by what starts a line: a property name and its ':' or ';' (BEGIN:VCARD
# and END:VCARD too), a fold's blank, or more of a quoted-printable value after a soft break.
_CR_LINE_START = re.compile(
    rb"\r(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[ \t]*[;:]|[ \t])|=\r[^\r\n]"
)

PhysicalLine = tuple[bytes, int, int, int]


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class Prepended:
    """A stream that first returns bytes already read (a sniffed head), then the rest.

    Lets stdin, which cannot seek, be sniffed and then read from its first byte.
    """

    def __init__(self, first: bytes, rest: Readable) -> None:
        self._first = first
        self._rest = rest

    def read(self, size: int = -1, /) -> bytes:
        if not self._first:
            return self._rest.read(size)
        if size < 0:
            data, self._first = self._first, b""
            return data + self._rest.read()
        data, self._first = self._first[:size], self._first[size:]
        return data


def newline_for(head: bytes) -> bytes:
    """``b"\\r"`` for files that end lines with a bare CR only, else ``b"\\n"``."""
    return b"\r" if b"\n" not in head and b"\r" in head else b"\n"


class Block(NamedTuple):
    """Whole lines, each with its terminator, that start at offset ``base``.

    Handing the reader a megabyte of lines at once, instead of one tuple per
    line, is what lets it take a plain card in a few bytes operations
    (:mod:`.vcard_fast`). Every line of a block ends with ``\\n``; one that holds
    lone CRs may be a CR run (:func:`is_run`), which the reader then takes
    line by line (:func:`run_lines`) as if it had come alone.
    """

    data: bytes
    base: int
    follow: bytes  # the first byte after the block (b"" at end of file): a fold or not


def physical_blocks(
    stream: Readable, *, offset: int, cr_only: bool, max_line: int
) -> Iterator[Block | PhysicalLine]:
    """Split a byte stream (already past any BOM, which ``offset`` counts) into lines.

    Complete lines come in :class:`Block` runs (as many as one read brought);
    the lines of a CR run, an overlong line and a last line without a
    terminator come alone, as a :data:`PhysicalLine`. ``cr_only`` says the
    file's head had no ``\\n`` (see the module docstring). Where a line ends
    never depends on where a read ended.
    """
    base = offset
    buf = b""
    eof = False
    run = False  # buf continues a \n-line already found to be a CR run
    while True:
        if run:
            used, ended = yield from run_lines(buf, base, final=eof)
            buf, base = buf[used:], base + used
            if ended:
                run = False
                continue
            if len(buf) > max_line and _RUN_STOP.search(buf) is None:
                long_line, base, buf, ended = _overlong(stream, buf, base, max_line, run=True)
                yield long_line
                run = not ended
                continue
        else:
            cut = buf.rfind(b"\n")
            if cut >= 0:
                block, buf = buf[: cut + 1], buf[cut + 1 :]
                if not buf and not eof:  # read on now (as the loop would next) to see what follows
                    buf = stream.read(CHUNK)
                    eof = not buf
                yield Block(block, base, buf[:1])
                base += len(block)
                continue
            if buf:  # part of one \n-line, or the last one (at end of file)
                decided = is_run(buf.rstrip(b"\r") if eof else buf, complete=eof, cr_only=cr_only)
                if decided:
                    run = True
                    continue
                if decided is not None and len(buf) > max_line:
                    long_line, base, buf, _ = _overlong(stream, buf, base, max_line, run=False)
                    yield long_line
                    continue
                if eof:
                    yield buf.rstrip(b"\r"), base, base + len(buf), 0
                    return
        if eof:
            return
        chunk = stream.read(CHUNK)
        eof = not chunk
        buf = buf + chunk if buf else chunk


def lone_cr(data: bytes) -> bool:
    """Whether ``data`` (whole ``\\n``-lines) holds a CR that is not part of a line end.

    Only the rare file that has one pays more than a byte search: an LF file
    has no CR, a CRLF file none without an LF after it."""
    if b"\r" not in data or _CR_NOT_LF.search(data) is None:
        return False
    returns = data.count(b"\r")
    crlf = data.count(b"\r\n")
    if returns == crlf + data.count(b"\r\r\n"):
        return False  # every CR ends a line: CRCRLF, and no run of three or more
    return _LONE_CR.search(data) is not None


def is_run(line: bytes, *, complete: bool, cr_only: bool) -> bool | None:
    """Whether the lone CRs of one ``\\n``-line end lines (see the module docstring).

    ``line`` starts at the ``\\n``-line's first byte; when ``complete`` it is the
    whole ``\\n``-line without its line end, else as much of it as was read (then
    ``None`` means it is too early to tell). Only the first :data:`DECIDE` bytes
    count, so the answer is the same however the line was read.
    """
    if line.find(b"\r", 0, DECIDE) < 0:
        found = False
    else:
        found = (_CR_THEN_TEXT if cr_only else _CR_LINE_START).search(line, 0, DECIDE) is not None
    return found if found or complete or len(line) >= DECIDE else None


def run_lines(
    buf: bytes, base: int, *, final: bool
) -> Generator[PhysicalLine, None, tuple[int, bool]]:
    """The lines of a CR run at the start of ``buf``, up to the ``\\n`` that ends it.

    Returns how many bytes were used and whether the run ended (its ``\\n``, or
    the end of the file when ``final``). A CR is taken only once the two bytes
    after it are read, which tell a lone CR from CR LF and CR CR LF.
    """
    pos = 0
    size = len(buf)
    for end in _RUN_END.finditer(buf):
        stop = end.end()
        newline = buf[stop - 1] == 0x0A
        if not newline and not final and end.start() + 2 >= size:
            return pos, False
        yield buf[pos : end.start()], base + pos, base + stop, 0
        pos = stop
        if newline:
            return pos, True
    if not final:
        return pos, False
    if pos < size:
        yield buf[pos:], base + pos, base + size, 0
    return size, True


def _overlong(
    stream: Readable, buf: bytes, base: int, max_line: int, *, run: bool
) -> tuple[PhysicalLine, int, bytes, bool]:
    """Consume one overlong line: keep its head and tail, count the bytes between.

    ``buf`` starts at the line and holds no line end in its first ``max_line``
    bytes; in a CR run (``run``) a CR ends the line too. Returns the line, the
    offset after it, the bytes already read past it and whether a ``\\n`` (or the
    end of the file) ended it, which ends a CR run.
    """
    prefix = buf[:max_line]
    length = len(prefix)
    tail = b""
    rest = buf[max_line:]
    stops = _RUN_STOP if run else _LF
    while True:
        found = stops.search(rest)
        if found is not None:
            cut = found.start()
            if run:
                rest = _two_more(stream, rest, cut)
                match = _RUN_END.match(rest, cut)
                assert match is not None  # rest[cut] is a CR or an LF
                stop = match.end()
            else:
                stop = cut + 1
            length += cut
            tail = (tail + rest[:cut])[-TAIL:]
            leftover = rest[stop:]
            end = base + length + stop - cut
            ended = rest[stop - 1] == 0x0A
            break
        length += len(rest)
        tail = (tail + rest)[-TAIL:]
        rest = stream.read(CHUNK)
        if not rest:
            leftover = b""
            end = base + length
            ended = True
            break
    dropped = length - len(prefix) - len(tail)
    return (prefix + tail.rstrip(b"\r"), base, end, dropped), end, leftover, ended


def _two_more(stream: Readable, rest: bytes, cut: int) -> bytes:
    """``rest`` with the two bytes after ``rest[cut]`` read, if the file has them."""
    while len(rest) < cut + 3:
        more = stream.read(CHUNK)
        if not more:
            break
        rest += more
    return rest


def utf16_lines(
    stream: Readable, *, codec: str, offset: int, max_line: int
) -> Iterator[PhysicalLine]:
    """Decode UTF-16 incrementally; yield UTF-8 lines with offsets into the UTF-16 bytes."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    base = offset
    total = offset  # bytes read so far: a dangling last byte decodes to 2-byte U+FFFD
    pending = ""
    while True:
        chunk = stream.read(CHUNK)
        total += len(chunk)
        final = not chunk
        pending += decoder.decode(chunk, final=final)
        lines = pending.split("\n")
        pending = "" if final else lines.pop()
        for index, line in enumerate(lines):
            if final and index == len(lines) - 1:
                if not line:
                    break
                size = min(len(line.encode(codec)), total - base)
            else:
                size = len((line + "\n").encode(codec))
            content = line.rstrip("\r").encode("utf-8")
            dropped = max(0, len(content) - max_line)
            yield content[:max_line], base, base + size, dropped
            base += size
        if final:
            return
        if len(pending) > max_line:
            size = len(pending.encode(codec))
            yield pending[:max_line].encode("utf-8"), base, base + size, len(pending) - max_line
            base += size
            pending = ""
