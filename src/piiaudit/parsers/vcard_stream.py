"""A vCard file -> its contacts, lazily: plain cards in one go, the rest line by line.

The lines come in blocks (:func:`.vcard_lines.physical_blocks`). Wherever a
block has a ``BEGIN:VCARD`` line and the general reader holds nothing, the
card is offered to :func:`.vcard_fast.plain_card`; whatever that declines
(and everything between cards) goes to :class:`.vcard_reader.VcardReader`
one physical line at a time. Both paths give the same contacts: the fast one
only skips work, never decides differently.
"""

from __future__ import annotations

from collections.abc import Iterator

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers.encoding import Detected
from piiaudit.parsers.options import ParseOptions
from piiaudit.parsers.vcard_fast import BEGIN, plain_card
from piiaudit.parsers.vcard_lines import (
    CHUNK,
    Block,
    PhysicalLine,
    Prepended,
    Readable,
    newline_for,
    physical_blocks,
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
) -> Iterator[Contact]:
    """All contacts of a vCard file, lazily. ``stream`` starts at the file's first byte.

    UTF-16 files are transcoded line by line (see :mod:`.vcard_lines`); their
    values are then UTF-8 and any ``CHARSET=`` in them is ignored.
    ``fast=False`` reads every line the general way (the tests compare both).
    """
    bom = stream.read(detected.bom_length) if detected.bom_length else b""
    max_line = options.max_value_bytes + 4096
    items: Iterator[Block | PhysicalLine]
    if detected.encoding.startswith("utf-16"):
        items = utf16_lines(stream, codec=detected.encoding, offset=len(bom), max_line=max_line)
        newline = b"\n"
        value_encoding = TRANSCODED
    else:
        first = stream.read(CHUNK)
        newline = newline_for(first)
        items = physical_blocks(
            Prepended(first, stream), offset=len(bom), newline=newline, max_line=max_line
        )
        value_encoding = "utf-8" if detected.encoding == "utf-8-sig" else detected.encoding
    reader = VcardReader(info, options, value_encoding)
    return _contacts(reader, items, newline, fast=fast and newline == b"\n")


def _contacts(
    reader: VcardReader, items: Iterator[Block | PhysicalLine], newline: bytes, *, fast: bool
) -> Iterator[Contact]:
    feed = reader.feed
    for item in items:
        if not isinstance(item, Block):
            done = feed(*item)
            if done:
                yield from done
            continue
        data, base = item.data, item.base
        pos, size = 0, len(data)
        while pos < size:
            if fast and data.startswith(BEGIN, pos):
                done = reader.settle()
                if done:
                    yield from done
                if reader.idle():
                    taken = _plain(reader, item, pos)
                    if taken is not None:
                        contacts, pos = taken
                        yield from contacts
                        continue
            cut = data.find(newline, pos)
            done = feed(data[pos:cut].rstrip(b"\r"), base + pos, base + cut + 1, 0)
            pos = cut + 1
            if done:
                yield from done
    yield from reader.finish()


def _plain(reader: VcardReader, block: Block, pos: int) -> tuple[list[Contact], int] | None:
    """The plain card at ``block.data[pos]`` as contacts and the position after it, if plain."""
    options = reader.options
    base = block.base
    card = plain_card(
        block.data,
        pos,
        reader.lineno + 1,
        follow=block.follow,
        cap=options.max_value_bytes,
        limit=options.max_properties_per_card,
        special=reader.special_names,
        is_binary=reader.is_binary,
    )
    if card is None:
        return None
    version, properties, lines, after = card
    contacts = reader.add_card(
        line=reader.lineno + 1,
        start=base + pos,
        end=base + after,
        lines=lines,
        plain=(version, properties),
    )
    return contacts, after
