"""A plain card read in one go, without the line-by-line machine of :mod:`.vcard_reader`.

Most cards of a real export are plain: ``BEGIN:VCARD`` and ``END:VCARD``
written exactly so, ordinary properties, perhaps folded or quoted-printable
lines or a photo body, nothing cut. For those, :func:`plain_card` finds the
card's end with one search, splits its lines with one call and collects its
raw properties, doing per line only what the general reader would have done
(a card of one property per line takes an even shorter loop).

It gives up (returns ``None``, having changed nothing) on anything else, and
the general reader then reads the same lines one by one: a nested or
unterminated card, a ``BEGIN``/``END`` that is not exactly that, a
``VERSION`` with parameters, a quote in a property head, a line without a
colon, a value near the size limit, too many properties, an END that the
next line might continue, or a lone CR (data or a line end: :mod:`.vcard_lines`).
``tests/parsers/test_vcard_fast.py`` reads every corpus file both ways and
requires the same contacts, issues and offsets.
"""

from __future__ import annotations

from collections.abc import Callable

from piiaudit.parsers.vcard_build import DECLINE, NOT_FIRST, NOT_LAST, RawProperty, line_kind
from piiaudit.parsers.vcard_lines import lone_cr
from piiaudit.parsers.vcard_reader import PROPERTY_START, body_flaw, decoded_size
from piiaudit.parsers.vcard_values import (
    is_property_name,
    name_of,
    soft_break,
    starts_property,
    without_soft_break,
)

BEGIN = b"BEGIN:VCARD"
_END_LINE = b"\nEND:VCARD"
_FOLDS = (b" ", b"\t")
_VERSION = b"VERSION"
_STRUCTURE = frozenset({b"BEGIN", b"END", _VERSION})
IsBinary = Callable[[bytes], bool]
_SLACK = 4096  # a logical line may exceed the value limit by this much before it is cut
_MAX_KINDS = 4096  # distinct heads remembered; hostile files may invent endless ones
_KINDS: dict[frozenset[bytes], dict[bytes, int]] = {}

#: What a plain card comes to: its version and raw properties, how many physical
#: lines it spans (BEGIN and END included) and the offset just past its END line.
PlainCard = tuple[str, list[RawProperty], int, int]


def plain_card(
    data: bytes,
    pos: int,
    line: int,
    *,
    follow: bytes,
    cap: int,
    limit: int,
    special: frozenset[bytes],
    is_binary: IsBinary | None = None,
) -> PlainCard | None:
    """Read the card whose ``BEGIN:VCARD`` line starts at ``data[pos]`` (physical line ``line``).

    ``data`` holds whole lines ending with ``\\n``, ``follow`` is the byte after
    it (``b""`` at the end of the file); ``cap`` and ``limit`` are
    the value-size and property-count limits; ``special`` the property names
    the general reader treats specially (structure and binary properties).
    With ``is_binary`` (the general reader's test), photo and other binary
    bodies are measured here as there; without it, such cards are declined.
    """
    span = _span(data, pos, follow)
    if span is None:
        return None
    first, mark, after = span
    body = data[first + 1 : mark + 1]
    count = body.count(b"\n") + 2
    lines = _lines(body, count - 2) if len(body) <= cap and count <= limit else None
    if lines is not None:
        kinds = _KINDS.setdefault(special, {})
        if len(kinds) > _MAX_KINDS:
            kinds.clear()
        properties = _simple(lines, line, kinds, special)
        if properties is not None:
            return properties[0], properties[1], count, after
    elif lone_cr(body):
        return None  # a raw CR in a value, or a stretch of CR-only lines: the reader judges
    found = _general(body, line, cap, limit, special, is_binary)
    return None if found is None else (found[0], found[1], count, after)


def simple_lines(
    data: bytes, pos: int, *, follow: bytes, cap: int, limit: int
) -> tuple[list[bytes], int, int] | None:
    """The lines between BEGIN and END of the card at ``data[pos]``, if its shape is simple.

    Returns them with the number of physical lines the card spans and the offset
    after it, when :func:`plain_card` would find the card whole, within the
    limits, and with every line one property line as far as line ends tell (the
    rest of the checks is the caller's: :func:`.vcard_build.build_simple`).
    """
    span = _span(data, pos, follow)
    if span is None:
        return None
    first, mark, after = span
    body = data[first + 1 : mark + 1]
    newlines = body.count(b"\n")
    if len(body) > cap or newlines + 2 > limit:
        return None
    lines = _lines(body, newlines)
    return None if lines is None else (lines, newlines + 2, after)


def _span(data: bytes, pos: int, follow: bytes) -> tuple[int, int, int] | None:
    """Where the BEGIN line ends, where the END line starts (its ``\\n`` before it) and
    the offset after it, for a card written exactly ``BEGIN:VCARD`` ... ``END:VCARD``."""
    first = data.find(b"\n", pos)
    if data[pos:first].rstrip(b"\r") != BEGIN or data[first + 1 : first + 2] in _FOLDS:
        return None  # not exactly BEGIN:VCARD, or its line is continued
    mark = data.find(_END_LINE, first)
    if mark < 0:
        return None
    stop = data.find(b"\n", mark + 1)
    after = stop + 1
    if stop < 0 or data[mark + 1 : stop].rstrip(b"\r") != b"END:VCARD":
        return None
    if (data[after : after + 1] if after < len(data) else follow) in _FOLDS:
        return None  # the next line continues the END line
    return first, mark, after


def _lines(body: bytes, newlines: int) -> list[bytes] | None:
    """The body's lines without terminators, if it ends lines with CRLF everywhere or
    nowhere (``newlines`` is the number of ``\\n`` in it); ``None`` with lone CRs."""
    returns = body.count(b"\r")
    if returns:
        if returns != newlines or body.count(b"\r\n") != newlines:
            return None
        lines = body.split(b"\r\n")
    else:
        lines = body.split(b"\n")
    lines.pop()
    return lines


def _simple(
    lines: list[bytes], line: int, kinds: dict[bytes, int], special: frozenset[bytes]
) -> tuple[str, list[RawProperty]] | None:
    """A body of one property per line, nothing held; ``None`` for anything else.

    One property per line means: no folds, quoted-printable soft breaks, 2.1
    backslash continuations, comments, blank lines or lone CRs. Line ends were
    checked for the whole body at once (:func:`_lines`); the rest is one look
    at each line's first and last byte in the loop that reads it, which costs
    less than any search over the body.
    """
    version = ""
    properties: list[RawProperty] = []
    for number, text in enumerate(lines, line + 1):
        head, colon, value = text.partition(b":")  # one call for what find and slices do
        if not head or not colon or text[0] in NOT_FIRST or text[-1] in NOT_LAST:
            return None  # no colon (a blank line too), or continued, a comment, or continuing
        kind = kinds.get(head)
        if kind is None:
            kind = kinds[head] = line_kind(head, special)
        if kind:
            if kind == DECLINE:
                return None
            version = value.strip().decode("ascii", "replace")
        properties.append((number, head, value, -1))
    return version, properties


def _general(
    body: bytes,
    line: int,
    cap: int,
    limit: int,
    special: frozenset[bytes],
    is_binary: IsBinary | None,
) -> tuple[str, list[RawProperty]] | None:
    """Any other body, held line by line exactly as :class:`.VcardReader` holds it."""
    lines = body.split(b"\n")
    lines[-1] = b"END:VCARD"  # a sentinel: it closes the last property like any new line
    version = ""
    properties: list[RawProperty] = []
    parts: list[bytes] = []
    p_line = p_size = p_count = 0
    p_tail = b""
    p_binary: bool | None = None
    qp = False
    for number, text in enumerate(lines, line + 1):
        if text[-1:] == b"\r":
            text = text.rstrip(b"\r")
        if parts:
            last = parts[-1]
            if qp and soft_break(last):
                if starts_property(text):  # a soft break before a property: said there
                    if p_binary is None:
                        p_binary = is_binary is not None and is_binary(parts[0])
                    if not p_binary:
                        return None
                parts[-1] = without_soft_break(last)
            elif text[:1] in _FOLDS:
                if version != "2.1":
                    text = text[1:]
            elif version == "2.1" and last[-1:] == b"\\" and not PROPERTY_START.match(text):
                parts[-1] = last[:-1] + b"\n"
            else:
                raw = parts[0] if len(parts) == 1 else b"".join(parts)
                colon = raw.find(b":")
                if colon <= 0 or len(raw) > cap or len(properties) >= limit:
                    return None
                head = raw[:colon]
                if b'"' in head or not is_property_name(head):
                    return None  # a broken line of a value: the general reader says so
                value = raw[colon + 1 :]
                size = -1
                name = name_of(head)
                if name in special:
                    if name == _VERSION and b";" not in head:
                        version = value.strip().decode("ascii", "replace")
                    elif name in _STRUCTURE or is_binary is None:
                        return None
                    elif p_binary or (p_binary is None and is_binary(raw)):
                        if body_flaw(head, value, p_count, p_tail) is not None:
                            return None  # the general reader says what is wrong with it
                        value, size = b"", decoded_size(value, p_count, p_tail)
                properties.append((p_line, head, value, size))
                parts = []
            if parts:
                if p_binary is None:
                    p_binary = is_binary is not None and is_binary(parts[0])
                if p_binary:  # a photo's body is counted, never kept
                    piece = text.strip()
                    p_count += len(piece)
                    p_tail = (p_tail + piece)[-8:]
                    continue
                p_size += len(text)
                if p_size > cap + _SLACK:
                    return None
                parts.append(text)
                continue
        if not text or text.isspace() or text[:1] == b"#":
            continue
        parts = [text]
        p_line = number
        p_size = len(text)
        p_count, p_tail, p_binary = 0, b"", None
        qp = soft_break(text) and b"QUOTED-PRINTABLE" in text.upper()
    if len(parts) != 1:  # the sentinel continued a quoted-printable value: not plain
        return None
    return version, properties
