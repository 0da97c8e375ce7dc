"""Physical lines of a CSV file, decoded, with the byte span each one covers.

The hand-over copies CSV records byte for byte, so every record must know where
its bytes start and end in the *original* file. Decoding first and counting
characters afterwards cannot give that for CP932 or UTF-16, so this module
splits the raw bytes into physical lines first (at CR LF, LF or a bare CR,
searched in whole code units so UTF-16's ``0A 00`` is never confused with a
byte inside a character) and decodes each line on its own. A line terminator
byte never occurs inside a multi-byte character of the encodings exports use
(UTF-8, CP932, GBK, Big5, EUC-JP, single-byte code pages), so a line is
always a whole run of characters.

Memory stays bounded: the stream is read in chunks, and a line longer than
``max_line_bytes`` is cut (the rest of it is skipped but still counted in the
byte span) instead of being buffered whole.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal

from piiaudit.parsers.encoding import decode_line

CHUNK_BYTES = 64 * 1024

_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@dataclass(frozen=True, slots=True)
class PhysicalLine:
    """One line as read: ``body`` without its terminator, ``end`` including it.

    ``number`` is 1-based. ``cut`` is set when the line was longer than the
    limit and only its beginning is in ``body``; ``bad_bytes`` when some bytes
    were not valid in the encoding and became U+FFFD; ``nuls`` when NUL characters
    (a damaged file) were taken out of ``body``: one inside a word ("Dia\x00betes")
    hid it from every rule. ``read_as`` names the codec of a line of a UTF-8 file that
    was not UTF-8 and was read in another (``"cp932"``: a file merged from two exports).
    """

    body: str
    terminator: str
    number: int
    start: int
    end: int
    cut: bool = False
    bad_bytes: bool = False
    nuls: bool = False
    read_as: str = ""


@dataclass(frozen=True, slots=True)
class LineCodec:
    """How to find line ends and decode lines for one file encoding."""

    codec: str  # the codec each line is decoded with (never a BOM-sniffing one)
    unit: int  # bytes per code unit: 1, 2 or 4
    bom: bytes  # the BOM to skip at byte 0, if the file starts with it
    cr: bytes
    lf: bytes


def line_codec(encoding: str, head: bytes) -> LineCodec:
    """The :class:`LineCodec` for ``encoding``; ``head`` settles BOM-less UTF-16/32 byte order.

    Raises ``LookupError`` for an encoding Python does not know.
    """
    name = codecs.lookup(encoding).name
    if name == "utf-8-sig":
        name = "utf-8"
    unit = 2 if name.startswith("utf-16") else 4 if name.startswith("utf-32") else 1
    if name in ("utf-16", "utf-32"):
        big = head.startswith(_BOMS[f"{name}-be"])
        name = f"{name}-be" if big else f"{name}-le"
    order: Literal["big", "little"] = "big" if name.endswith("-be") else "little"
    return LineCodec(
        codec=name,
        unit=unit,
        bom=_BOMS.get(name, b""),
        cr=(13).to_bytes(unit, order),
        lf=(10).to_bytes(unit, order),
    )


def iter_lines(
    stream: BinaryIO, codec: LineCodec, max_line_bytes: int, head: bytes = b""
) -> Iterator[PhysicalLine]:
    """Yield every physical line of ``stream`` (``head`` = bytes already read from it)."""
    finder = _terminator_pattern(codec)
    buffer = bytearray(head)
    pos = 0  # where the next line starts in buffer
    offset = 0  # file offset of buffer[pos]
    number = 0
    eof = False
    while True:
        found = _find_terminator(finder, buffer, pos, codec, eof)
        if found is None and not eof and len(buffer) - pos <= max_line_bytes:
            del buffer[:pos]
            pos = 0
            chunk = stream.read(CHUNK_BYTES)
            if chunk:
                buffer += chunk
            else:
                eof = True
            continue
        if found is None and pos >= len(buffer):
            return
        number += 1
        cut = False
        if found is not None and found[0] - pos <= max_line_bytes:
            body_end, term_end = found
            raw, term = bytes(buffer[pos:body_end]), bytes(buffer[body_end:term_end])
            length = term_end - pos
            pos = term_end
        elif eof and found is None and len(buffer) - pos <= max_line_bytes:
            raw, term, length = bytes(buffer[pos:]), b"", len(buffer) - pos
            pos = len(buffer)
        else:
            del buffer[:pos]
            pos = 0
            raw, term, length = _cut_long_line(buffer, codec, finder, max_line_bytes, stream)
            cut = length - len(term) > len(raw)
        bom = codec.bom if offset == 0 and codec.bom and raw.startswith(codec.bom) else b""
        body, used = _decode(raw[len(bom) :], codec)
        nuls = "\x00" in body
        if nuls:
            body = body.replace("\x00", "")
        yield PhysicalLine(
            body=body,
            terminator=_decode(term, codec)[0],
            number=number,
            start=offset,
            end=offset + length,
            cut=cut,
            bad_bytes=used is None,
            nuls=nuls,
            read_as="" if used in (None, codec.codec, "utf-8") else used,
        )
        offset += length


def _terminator_pattern(codec: LineCodec) -> re.Pattern[bytes]:
    cr, lf = re.escape(codec.cr), re.escape(codec.lf)
    return re.compile(cr + lf + b"|" + cr + b"|" + lf)


def _find_terminator(
    finder: re.Pattern[bytes], buffer: bytearray, pos: int, codec: LineCodec, eof: bool
) -> tuple[int, int] | None:
    """``(body_end, terminator_end)`` of the first line end at or after ``pos``.

    Only matches on a code-unit boundary count. A CR at the very end of the
    buffer is not decided until the next chunk shows whether an LF follows
    (unless the file ends there).
    """
    unit, cr = codec.unit, codec.cr
    while True:
        match = finder.search(buffer, pos)
        if match is None:
            return None
        start, stop = match.span()
        if (start - pos) % unit:
            pos = start + 1
            continue
        if not eof and buffer[start:stop] == cr and len(buffer) - stop < unit:
            return None  # a lone CR at the end: an LF may follow in the next chunk
        return start, stop


def _cut_long_line(
    buffer: bytearray,
    codec: LineCodec,
    finder: re.Pattern[bytes],
    limit: int,
    stream: BinaryIO,
) -> tuple[bytes, bytes, int]:
    """Take the first ``limit`` bytes of an over-long line and skip the rest of it.

    ``buffer`` starts at the line. Returns the kept bytes, the terminator and
    the line's full length in the file; the buffer is left holding whatever
    follows the line.

    The skipped part may hold the quote that closes a huge quoted cell; losing
    it would leave the record open and swallow every later record. So when the
    skipped part holds an odd number of ``"``, one ``"`` is added to the kept
    bytes: the line keeps its quote parity, and the record ends where it did.
    """
    keep = _safe_cut(bytes(buffer[:limit]), codec)
    quote = (34).to_bytes(codec.unit, "big" if codec.codec.endswith("-be") else "little")
    consumed = 0  # line bytes dropped from the front of the buffer so far
    quotes = 0  # quotes counted in the skipped part

    def count(end: int) -> int:
        """Quotes in ``buffer[:end]`` past the kept prefix, on code-unit boundaries."""
        start = max(len(keep) - consumed, 0)
        return _count_units(bytes(buffer[start:end]), quote, codec.unit) if start < end else 0

    def kept() -> bytes:
        return keep + quote if quotes % 2 else keep

    while True:
        found = _find_terminator(finder, buffer, 0, codec, eof=False)
        if found is not None:
            body_end, term_end = found
            quotes += count(body_end)
            term = bytes(buffer[body_end:term_end])
            del buffer[:term_end]
            return kept(), term, consumed + term_end
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            found = _find_terminator(finder, buffer, 0, codec, eof=True)
            if found is not None:
                quotes += count(found[0])
                term = bytes(buffer[found[0] : found[1]])
                del buffer[: found[1]]
                return kept(), term, consumed + found[1]
            quotes += count(len(buffer))
            length = consumed + len(buffer)
            buffer.clear()
            return kept(), b"", length
        # keep the last code unit: it may be a CR whose LF is in the next chunk
        drop = max(len(buffer) - codec.unit, 0)
        drop -= drop % codec.unit
        quotes += count(drop)
        consumed += drop
        del buffer[:drop]
        buffer += chunk


def _count_units(data: bytes, unit_bytes: bytes, unit: int) -> int:
    """How often ``unit_bytes`` occurs in ``data`` at offsets that are multiples of ``unit``.

    In the single-byte and multi-byte encodings exports use, byte 0x22 is
    never part of another character, so a plain count is exact.
    """
    if unit == 1:
        return data.count(unit_bytes)
    usable = len(data) - len(data) % unit
    return sum(1 for i in range(0, usable, unit) if data[i : i + unit] == unit_bytes)


def _safe_cut(data: bytes, codec: LineCodec) -> bytes:
    """Shorten ``data`` (the start of a line) so it ends on a character boundary.

    The codec's own incremental decoder knows which trailing bytes begin a
    character it has not seen the end of (a CP932 lead byte, half a UTF-8
    sequence or a surrogate pair); those are dropped.
    """
    decoder = codecs.getincrementaldecoder(codec.codec)(errors="replace")
    decoder.decode(data, final=False)
    pending = decoder.getstate()[0]
    return data[: len(data) - len(pending)]


def _decode(raw: bytes, codec: LineCodec) -> tuple[str, str | None]:
    """Decode one line: the text and the codec that read it (``None``: invalid bytes were
    replaced). Byte-oriented encodings go through :func:`decode_line`, which reads the
    lines of a file merged from a UTF-8 and a CP932 export each in its own."""
    if codec.unit == 1:
        return decode_line(raw, codec.codec)
    try:
        return raw.decode(codec.codec), codec.codec
    except UnicodeDecodeError:
        return raw.decode(codec.codec, errors="replace"), None
