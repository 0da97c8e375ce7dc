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

Inside a long quoted cell the record splitter may ask for a *run* of lines at once
(:func:`iter_lines`, ``send(True)``): the same text, line numbers and byte spans,
decoded and handed over once per chunk instead of once per line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Generator
from dataclasses import dataclass
from typing import AnyStr, BinaryIO, Literal, cast

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
) -> Generator[PhysicalLine, bool | None, None]:
    """Yield every physical line of ``stream`` (``head`` = bytes already read from it).

    ``send(True)`` instead of ``next()`` asks for a *run*: the lines that follow, up to
    the first one holding a quote that is not doubled, as one :class:`PhysicalLine`
    (see :func:`_quoted_run`). The record splitter asks for one while it is inside a
    quoted cell too long to read again: a cell of a million short lines then costs a
    few dozen runs, not a million lines each decoded, wrapped and fed on its own (QA
    hostile F11: 10 s per million lines). When no run can be taken there (the next
    line holds a quote, a NUL or bytes the run's decoding cannot vouch for), the next
    line comes as usual.
    """
    finder = _terminator_pattern(codec)
    buffer = bytearray(head)
    pos = 0  # where the next line starts in buffer
    offset = 0  # file offset of buffer[pos]
    number = 0
    eof = False
    run_wanted: bool | None = None
    while True:
        if run_wanted and offset:
            if not eof and len(buffer) - pos < CHUNK_BYTES:
                del buffer[:pos]
                pos = 0
                chunk = stream.read(CHUNK_BYTES)
                if chunk:
                    buffer += chunk
                else:
                    eof = True
            run = _run_at(buffer, pos, min(len(buffer), pos + max_line_bytes), eof, codec)
            if run is not None:
                text, size = run
                line, count = _run_line(text, number + 1, offset, size)
                pos += size
                offset += size
                number += count
                run_wanted = yield line
                continue
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
        line_start = offset
        offset += length
        run_wanted = yield PhysicalLine(
            body=body,
            terminator=_decode(term, codec)[0],
            number=number,
            start=line_start,
            end=line_start + length,
            cut=cut,
            bad_bytes=used is None,
            nuls=nuls,
            read_as="" if used in (None, codec.codec, "utf-8") else used,
        )


#: What a run may hold (:func:`_run_at`): anything but a quote, a doubled quote (a
#: literal ``"`` inside a quoted cell), and no NUL (a line holding one is said).
_RUN_TEXT = re.compile(r'(?:[^"\x00]++|"")*+')
_RUN_BYTES = re.compile(rb'(?:[^"\x00]++|"")*+')
_NOT_ASCII = re.compile(rb"[\x80-\xff]")
#: Bytes a run is first looked for in: only a run that fills them is looked for in the
#: whole window, so a line that cannot start a run (a NUL, a bad byte, a closing quote
#: on every line) costs a look at this much, not at the window, each time it is met.
RUN_PROBE_BYTES = 4096


def _run_at(
    buffer: bytearray, pos: int, limit: int, eof: bool, codec: LineCodec
) -> tuple[str, int] | None:
    """The text of the run of lines at ``buffer[pos:limit]`` and its size in bytes, or
    ``None`` when not even one line makes a run (see :func:`_quoted_run`)."""
    end = min(pos + RUN_PROBE_BYTES, limit)
    while True:
        whole = eof and end == len(buffer)  # the window holds the rest of the file
        run, open_ended = _quoted_run(bytes(buffer[pos:end]), codec, whole)
        if not open_ended or end == limit:
            return run
        end = limit


def _quoted_run(
    window: bytes, codec: LineCodec, whole: bool
) -> tuple[tuple[str, int] | None, bool]:
    """The whole lines at the start of ``window`` that hold no quote but doubled ones: their
    text and size in bytes (``None`` when not even one line qualifies), and whether only
    the window's end stopped them (a larger window may give a longer run).

    Inside a quoted cell such lines only add text to the cell, so the record splitter
    reads them as one line. The run gives exactly the text the lines would give one by
    one, or is not taken: it stops before the first line that would be read otherwise
    (bytes not valid in the encoding, which the line reports; in a legacy code page a
    line that is valid UTF-8, which :func:`decode_line` reads as UTF-8), before a NUL
    (such a line says it lost its NULs), and within ``window`` (at most the longest
    line: no line in it is one to cut). ``whole``: the window holds the rest of the
    file, so a CR at its end ends a line; otherwise an LF may follow it, and that line
    waits for the next chunk.
    """
    if codec.unit > 1:
        return _wide_run(window, codec, whole)
    stop = cast(re.Match[bytes], _RUN_BYTES.match(window)).end()
    end = _last_line_end(window, stop, whole, b"\r", b"\n")
    open_ended = stop == len(window)
    try:
        text = window[:end].decode(codec.codec)
    except UnicodeDecodeError as exc:
        end = _last_line_end(window, exc.start, True, b"\r", b"\n")
        text, open_ended = window[:end].decode(codec.codec), False
    if codec.codec != "utf-8":
        utf8 = _utf8_line(window, end)
        if utf8 is not None:
            end, open_ended = utf8, False
            text = window[:end].decode(codec.codec)
    return ((text, end) if end else None), open_ended


def _utf8_line(window: bytes, end: int) -> int | None:
    """Where the first line of ``window[:end]`` with bytes beyond ASCII that are valid
    UTF-8 starts (:func:`decode_line` reads such a line of a legacy file as UTF-8)."""
    pos = 0
    while (found := _NOT_ASCII.search(window, pos, end)) is not None:
        at = found.start()
        start = max(window.rfind(b"\n", pos, at), window.rfind(b"\r", pos, at)) + 1
        start = max(start, pos)
        stops = [i for i in (window.find(b"\n", at, end), window.find(b"\r", at, end)) if i >= 0]
        stop = min(stops, default=end)
        try:
            window[start:stop].decode("utf-8")
        except UnicodeDecodeError:
            pos = stop
            continue
        return start
    return None


def _wide_run(window: bytes, codec: LineCodec, whole: bool) -> tuple[tuple[str, int] | None, bool]:
    """:func:`_quoted_run` for UTF-16 and UTF-32, where a quote or a line end is a code
    unit, not a byte: searched in the text, which strict decoding gives back byte for byte."""
    open_ended = True
    try:
        text = window.decode(codec.codec)
    except UnicodeDecodeError as exc:
        text, whole = window[: exc.start].decode(codec.codec), False
        open_ended = exc.start >= len(window) - 3  # only a character cut at the window's end
    stop = cast(re.Match[str], _RUN_TEXT.match(text)).end()
    open_ended = open_ended and stop == len(text)
    end = _last_line_end(text, stop, whole, "\r", "\n")
    if not end:
        return None, open_ended
    return (text[:end], len(text[:end].encode(codec.codec))), open_ended


def _last_line_end(text: AnyStr, stop: int, whole: bool, cr: AnyStr, lf: AnyStr) -> int:
    """Where the last line that ends before ``stop`` ends (0: none does). A CR right at
    ``stop`` at the very end of ``text`` counts only when ``whole``: an LF may follow it."""
    end = max(text.rfind(lf, 0, stop), text.rfind(cr, 0, stop)) + 1
    if end and end == len(text) and text[end - 1 : end] == cr and not whole:
        end = max(text.rfind(lf, 0, end - 1), text.rfind(cr, 0, end - 1)) + 1
    return end


def _run_line(text: str, number: int, start: int, size: int) -> tuple[PhysicalLine, int]:
    """The run ``text`` (whole lines, ``size`` bytes) as one line, and its line count."""
    terminator = "\r\n" if text.endswith("\r\n") else text[-1]
    body = text[: len(text) - len(terminator)]
    count = body.count("\n") + body.count("\r") - body.count("\r\n") + 1
    return PhysicalLine(body, terminator, number, start, start + size), count


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
