"""A vCard file -> its contacts, lazily: plain cards in one go, the rest line by line.

The lines come in blocks (:func:`.vcard_lines.physical_blocks`). Wherever a
block has a ``BEGIN:VCARD`` line and the general reader holds nothing, the
card is offered to :func:`.vcard_fast.plain_card`; whatever that declines
(and everything between cards) goes to :class:`.vcard_reader.VcardReader`
one physical line at a time, as do the lines of a CR run (a stretch of
CR-only lines in a file of LF or CRLF lines, :mod:`.vcard_lines`). Both paths
give the same contacts: the fast one only skips work, never decides differently.
"""

from __future__ import annotations

from collections.abc import Iterator

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers.encoding import Detected
from piiaudit.parsers.options import ParseOptions
from piiaudit.parsers.pieces import Piece, PieceEnd
from piiaudit.parsers.vcard_fast import BEGIN, plain_card, simple_lines
from piiaudit.parsers.vcard_lines import (
    CHUNK,
    Block,
    PhysicalLine,
    Prepended,
    Readable,
    is_run,
    newline_for,
    physical_blocks,
    run_lines,
    utf16_lines,
)
from piiaudit.parsers.vcard_reader import VcardReader
from piiaudit.parsers.vcard_values import TRANSCODED


def read_vcard(
    stream: Readable,
    info: FileInfo,
    detected: Detected,
    options: ParseOptions,
    *,
    fast: bool = True,
    piece: Piece | None = None,
    piece_end: PieceEnd | None = None,
    groups_into: list[Contact] | None = None,
) -> Iterator[Contact]:
    """All contacts of a vCard file, lazily. ``stream`` starts at the file's first byte.

    UTF-16 files are transcoded line by line (see :mod:`.vcard_lines`); their
    values are then UTF-8 and any ``CHARSET=`` in them is ignored.
    ``fast=False`` reads every line the general way (the tests compare both).

    With a ``piece`` that starts past the file's first byte, ``stream`` starts at
    ``piece.start`` and lines and contacts are numbered from the piece's first
    line and index (see :mod:`.pieces`); ``piece_end`` then records how the piece
    ended. ``groups_into`` receives each group card the reader skips
    (:mod:`.vcard_groups`).
    """
    if piece is not None and piece.start:
        return _piece(stream, info, detected, options, piece, piece_end)
    bom = stream.read(detected.bom_length) if detected.bom_length else b""
    max_line = options.max_value_bytes + 4096
    items: Iterator[Block | PhysicalLine]
    if detected.encoding.startswith("utf-16"):
        items = utf16_lines(stream, codec=detected.encoding, offset=len(bom), max_line=max_line)
        value_encoding = TRANSCODED
        cr_only = False  # lines come one by one, never in blocks
    else:
        first = stream.read(CHUNK)
        cr_only = newline_for(first) == b"\r"
        items = physical_blocks(
            Prepended(first, stream), offset=len(bom), cr_only=cr_only, max_line=max_line
        )
        value_encoding = "utf-8" if detected.encoding == "utf-8-sig" else detected.encoding
    reader = VcardReader(info, options, value_encoding)
    reader.groups_into = groups_into
    return _contacts(reader, items, fast=fast, cr_only=cr_only, end=piece_end)


def _piece(
    stream: Readable,
    info: FileInfo,
    detected: Detected,
    options: ParseOptions,
    piece: Piece,
    piece_end: PieceEnd | None,
) -> Iterator[Contact]:
    """A later piece of a file :func:`.pieces.cut_file` cut (never UTF-16, never CR-only)."""
    encoding = "utf-8" if detected.encoding == "utf-8-sig" else detected.encoding
    reader = VcardReader(info, options, encoding)
    reader.lineno, reader.next_index = piece.first_line - 1, piece.first_index
    max_line = options.max_value_bytes + 4096
    items = physical_blocks(stream, offset=piece.start, cr_only=False, max_line=max_line)
    return _contacts(reader, items, fast=True, cr_only=False, end=piece_end)


def _contacts(
    reader: VcardReader,
    items: Iterator[Block | PhysicalLine],
    *,
    fast: bool,
    cr_only: bool,
    end: PieceEnd | None = None,
) -> Iterator[Contact]:
    feed = reader.feed
    options = reader.options
    cap, limit = options.max_value_bytes, options.max_properties_per_card
    special, is_binary = reader.special_names, reader.is_binary
    item: Block | PhysicalLine | None = None
    for item in items:
        if not isinstance(item, Block):
            done = feed(*item)
            if done:
                yield from done
            continue
        data, base, follow = item
        pos, size = 0, len(data)
        while pos < size:
            if fast and data.startswith(BEGIN, pos):
                if reader.parts:  # the line held before this one is complete (reader.settle)
                    done = reader.settle()
                    if done:
                        yield from done
                if not reader.parts and not reader.stack:  # reader.idle(), inlined
                    simple = simple_lines(data, pos, follow=follow, cap=cap, limit=limit)
                    if simple is not None:
                        body, count, after = simple
                        taken = reader.add_simple(base + pos, base + after, count, body)
                        if taken:  # a contact, or True for a group card it skipped
                            if taken is not True:
                                yield taken
                            pos = after
                            continue
                    card = plain_card(
                        data, pos, reader.lineno + 1, follow=follow, cap=cap, limit=limit,
                        special=special, is_binary=is_binary,
                    )  # fmt: skip
                    if card is not None:
                        version, properties, lines, after = card
                        contact = reader.add_plain(
                            base + pos, base + after, lines, version, properties
                        )
                        if contact is not None:
                            yield contact
                        pos = after
                        continue
            cut = data.find(b"\n", pos)
            line = data[pos:cut].rstrip(b"\r")
            if b"\r" in line and is_run(line, complete=True, cr_only=cr_only):
                yield from _run(reader, data[pos : cut + 1], base + pos)
            else:
                done = feed(line, base + pos, base + cut + 1, 0)
                if done:
                    yield from done
            pos = cut + 1
    if end is not None:  # how a piece ended, before the end of the piece closes anything
        done = reader.settle()
        if done:
            yield from done
        end.clean = reader.between_cards()
        end.next_line, end.next_index = reader.lineno + 1, reader.next_index
    yield from reader.finish(cut=_cut_inside_line(reader, item))


def _cut_inside_line(reader: VcardReader, last: Block | PhysicalLine | None) -> bool:
    """Whether the file ends inside a line of data: its last line (``last``, as the
    splitter gave it) has no line end and is no part of an ``END:VCARD`` line.

    Only a last line without its line end comes alone at the end of a file (a block's
    lines all end in ``\\n``), and only then do its offsets span its content alone."""
    if last is None or isinstance(last, Block):
        return False
    content, start, end, dropped = last
    if end - start != reader.width(content) + dropped:
        return False
    return not b"END:VCARD".startswith(content.strip().upper())


def _run(reader: VcardReader, line: bytes, base: int) -> Iterator[Contact]:
    """Feed a CR run that came inside a block (``line``, up to its ``\\n``) line by line."""
    for run_line in run_lines(line, base, final=False):
        done = reader.feed(*run_line)
        if done:
            yield from done
