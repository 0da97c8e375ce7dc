"""Bytes -> physical lines with their byte offsets in the original file.

Each line comes out as ``(content, start, end, dropped)``: ``content`` without
its terminator, ``start``/``end`` the offsets of the line in the original
bytes (``end`` past the terminator), ``dropped`` the number of bytes left out
of an overlong line (``0`` almost always). Offsets are what lets the
hand-over copy a card byte for byte.

Line ends: ``\\n`` ends a line and any ``\\r`` before it belongs to the
terminator, which covers LF, CRLF and the iOS 6 CRCRLF (``\\r\\r\\n``) in one
rule. A bare ``\\r`` stays in the line (Thunderbird writes raw CRs inside
values) unless the file has no ``\\n`` at all in its head, as Nokia 9110
exports do; then ``\\r`` is the terminator.

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
from collections.abc import Iterator
from typing import NamedTuple, Protocol

CHUNK = 1 << 20
TAIL = 8

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
    (:mod:`.vcard_fast`).
    """

    data: bytes
    base: int
    follow: bytes  # the first byte after the block (b"" at end of file): a fold or not


def physical_blocks(
    stream: Readable, *, offset: int, newline: bytes, max_line: int
) -> Iterator[Block | PhysicalLine]:
    """Split a byte stream (already past any BOM, which ``offset`` counts) into lines.

    Complete lines come in :class:`Block` runs (as many as one read brought);
    an overlong line and a last line without a terminator come alone, as a
    :data:`PhysicalLine`. Where a line ends never depends on where a read ended.
    """
    base = offset
    buf = b""
    while True:
        cut = buf.rfind(newline)
        if cut >= 0:
            block, buf = buf[: cut + 1], buf[cut + 1 :]
            if not buf:  # read on now (as the loop would next) to see what follows
                buf = stream.read(CHUNK)
            yield Block(block, base, buf[:1])
            base += len(block)
            continue
        if len(buf) > max_line:
            long_line, base, buf = _overlong(stream, buf, base, newline, max_line)
            yield long_line
            continue
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        buf = buf + chunk if buf else chunk
    if buf:
        yield buf.rstrip(b"\r"), base, base + len(buf), 0


def _overlong(
    stream: Readable, buf: bytes, base: int, newline: bytes, max_line: int
) -> tuple[PhysicalLine, int, bytes]:
    """Consume one overlong line: keep its head and tail, count the bytes between.

    Returns the line, the offset after it and the bytes already read past it.
    """
    prefix = buf[:max_line]
    length = len(prefix)
    tail = b""
    rest = buf[max_line:]
    while True:
        cut = rest.find(newline)
        if cut >= 0:
            length += cut
            tail = (tail + rest[:cut])[-TAIL:]
            leftover = rest[cut + 1 :]
            end = base + length + 1
            break
        length += len(rest)
        tail = (tail + rest)[-TAIL:]
        rest = stream.read(CHUNK)
        if not rest:
            leftover = b""
            end = base + length
            break
    dropped = length - len(prefix) - len(tail)
    return (prefix + tail.rstrip(b"\r"), base, end, dropped), end, leftover


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
