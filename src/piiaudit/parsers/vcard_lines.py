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

UTF-16 files are decoded incrementally, re-encoded as UTF-8 and split by the
same code (:func:`utf16_lines`), so their lines end exactly where the UTF-8
copy's do and the rest of the reader sees bytes as usual. Their offsets are
still offsets into the original UTF-16 bytes, mapped back at each line end
(two bytes per UTF-16 code unit, four for a surrogate pair, from the BOM on).
UTF-16 files are never cut into pieces.
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Generator, Iterator
from typing import NamedTuple, Protocol

CHUNK = 1 << 20
TAIL = 8
DECIDE = 64 * 1024  # how much of a \n-line tells a CR run from a stray CR in a value

_LF = re.compile(rb"\n")
_LONE_CR = re.compile(rb"\r(?!\r*\n)")  # a CR that is not part of a line end
_CR_NOT_LF = re.compile(rb"\r[^\n]")  # a lone CR, or the first of CR CR LF
_RUN_STOP = re.compile(rb"[\r\n]")
_TEXT_STOP = re.compile(r"[\r\n]")
_RUN_END = re.compile(rb"\r{0,2}\n|\r")  # a line end in a CR run
_CR_THEN_TEXT = re.compile(rb"\r[^\r\n]")  # a lone CR, followed by more of its \n-line
# A lone CR followed by what starts a line: a property name and its ':' or ';' (BEGIN:VCARD
# and END:VCARD too), a fold's blank, or more of a quoted-printable value after a soft break
# (its = perhaps padded with spaces, RFC 2045's transport padding).
_CR_LINE_START = re.compile(
    rb"\r(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[ \t]*[;:]|[ \t])|=[ \t]*\r[^\r\n]"
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
    """The lines of a UTF-16 file (``stream`` past any BOM), as UTF-8, with UTF-16 offsets.

    The file is transcoded to UTF-8 and split by :func:`physical_blocks` and
    :func:`is_run`, so where a line ends (CR runs, line numbers, overlong
    lines) is decided exactly as for a UTF-8 file; only the offsets are mapped
    back to the UTF-16 bytes. Lines come one by one, never in blocks, because a
    block's inner offsets would be UTF-8 ones.
    """
    source = _Transcoded(stream, codec, offset)
    first = source.read(CHUNK)
    cr_only = newline_for(first) == b"\r"
    items = physical_blocks(Prepended(first, source), offset=0, cr_only=cr_only, max_line=max_line)
    to_utf16 = source.to_utf16
    for item in items:
        lines = _block_lines(item, cr_only) if isinstance(item, Block) else (item,)
        for content, start, end, dropped in lines:
            yield content, to_utf16(start), to_utf16(end), dropped


def _block_lines(block: Block, cr_only: bool) -> Iterator[PhysicalLine]:
    """The lines of a block one by one, a CR run's lines each alone (as the reader does)."""
    data, base, _ = block
    pos = 0
    while pos < len(data):
        cut = data.find(b"\n", pos)
        line = data[pos:cut].rstrip(b"\r")
        if b"\r" in line and is_run(line, complete=True, cr_only=cr_only):
            yield from run_lines(data[pos : cut + 1], base + pos, final=False)
        else:
            yield line, base + pos, base + cut + 1, 0
        pos = cut + 1


class _Transcoded:
    """A UTF-16 stream read as UTF-8 bytes, which maps UTF-8 offsets back to UTF-16 ones.

    A line ends only after a CR or an LF or at the end of the file, so only
    those offsets are remembered, and only until they are asked for (offsets
    are asked for in order): memory stays bounded by the line ends between
    what the splitter has read and what it has handed out, however long a line.
    """

    def __init__(self, stream: Readable, codec: str, offset: int) -> None:
        self._stream = stream
        self._codec = codec
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        self._utf8 = 0
        self._utf16 = offset  # UTF-16 bytes of what was decoded so far
        self._read = offset  # UTF-16 bytes read: a dangling last byte decodes to 2-byte U+FFFD
        self._ends: deque[tuple[int, int]] = deque([(0, offset)])
        self._done = False

    def read(self, size: int = -1, /) -> bytes:
        """The next UTF-8 bytes (``b""`` only at the end of the file); ``size`` is a hint."""
        while not self._done:
            chunk = self._stream.read(CHUNK if size < 0 else max(size, 2))
            self._read += len(chunk)
            self._done = not chunk
            text = self._decoder.decode(chunk, final=self._done)
            data = self._note(text)
            if self._done:
                self._ends.append((self._utf8, min(self._utf16, self._read)))
            if data:
                return data
        return b""

    def _note(self, text: str) -> bytes:
        """``text`` as UTF-8, remembering the offsets just after each of its CRs and LFs."""
        data = text.encode("utf-8")
        utf8, utf16 = self._utf8, self._utf16
        if text.isascii():  # one byte in UTF-8, two in UTF-16, per character
            self._ends.extend((utf8 + end, utf16 + 2 * end) for end in _byte_stops(data))
            utf16 += 2 * len(text)
        else:
            codec, pos = self._codec, 0
            for end in _text_stops(text):
                piece = text[pos:end]
                utf8 += len(piece.encode("utf-8"))
                utf16 += len(piece.encode(codec))
                self._ends.append((utf8, utf16))
                pos = end
            utf16 += len(text[pos:].encode(codec))
        self._utf8 += len(data)
        self._utf16 = utf16
        return data

    def to_utf16(self, utf8: int) -> int:
        """The UTF-16 offset of a line end (or start) given as a UTF-8 offset."""
        ends = self._ends
        while len(ends) > 1 and ends[0][0] < utf8:
            ends.popleft()
        found, utf16 = ends[0]
        assert found == utf8, "a line ends only after a CR or an LF, or at the end of the file"
        return utf16


def _byte_stops(data: bytes) -> Iterator[int]:
    """Offsets just after each CR and LF of ``data``."""
    return (found.end() for found in _RUN_STOP.finditer(data))


def _text_stops(text: str) -> Iterator[int]:
    """Offsets just after each CR and LF of ``text``."""
    return (found.end() for found in _TEXT_STOP.finditer(text))
