"""The labels a kept private card's related names, web addresses and dates had.

``minimize --keep-private`` writes a private contact with every field piiaudit read,
as the owner's own copy. The model keeps a related person's name, a URL and an Apple
date (``X-ABDATE``) without the label it had: ``item1.X-ABRELATEDNAMES:山田 太郎`` with
``item1.X-ABLabel:_$!<Spouse>!$_``, ``RELATED;TYPE=child:…``, ``URL;TYPE=WORK:…``, a
date labelled ``_$!<Other>!$_`` or ``結婚記念日`` all came out bare: the owner's copy
no longer said who the spouse was, which site was the blog, what the date was for.

Those labels are read again here from the card's own bytes (``Contact.source``'s
span, as ``split`` copies them), each with its value as the reader read it, and the
writer puts each label back on the value it was read with
(:func:`piiaudit.handover.vcard_writer.serialize_labelled`). Only vCard files read
from a path can be read again; a value whose text is not found here is written
without a label, as before. The reading is the reader's own, line by line: folds,
quoted-printable soft breaks, ``CHARSET``, UTF-16 files, the file's encoding, a 2.1
card nested in the card (its lines are its own, not the card's).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from piiaudit.handover.output_data import output_data
from piiaudit.model import SourceRef
from piiaudit.parsers.date_labels import date_field
from piiaudit.parsers.vcard_build import labels_of, without_apple_year
from piiaudit.parsers.vcard_data import group_label, tables
from piiaudit.parsers.vcard_values import (
    TRANSCODED,
    Head,
    parse_head,
    soft_break,
    split_components,
    split_line,
    to_text,
    transfer_decode,
    unescape,
    without_soft_break,
)
from piiaudit.safeio import open_unblocked

# A value's labels, in the order the card gives them (TYPE values, then its X-ABLabel).
Labels = tuple[str, ...]

_CHUNK = 1 << 16
# A line longer than this holds no related name, URL, date or label worth matching (a
# photo's base64 does): only its first bytes are kept, so a 60 MB photo is not read
# into memory a second time.
_LINE_CAP = 1 << 16
_BREAK = re.compile(rb"\r\n|\r|\n")
_DATE = "X-ABDATE"
_ANDROID = "X-ANDROID-CUSTOM"


@dataclass(frozen=True, slots=True)
class LabelledDate:
    """An Apple date row: its value as the reader keeps it in ``other`` (``raw``), as
    the contact's own birthday or anniversary reads it (``date``: iOS's year 1604 for
    "no year" taken off), and its labels."""

    raw: str
    date: str
    labels: Labels


@dataclass(frozen=True, slots=True)
class CardLabels:
    """The labelled values of one card, each as the reader read its text, in card order."""

    related: tuple[tuple[str, Labels], ...] = ()
    urls: tuple[tuple[str, Labels], ...] = ()
    dates: tuple[LabelledDate, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.related or self.urls or self.dates)


NO_LABELS = CardLabels()


class Pending:
    """Labels waiting for their values: each value takes the labels of the first
    unclaimed row read with the same text (a name given twice, with two labels, gets
    each once, in order)."""

    def __init__(self, rows: Iterable[tuple[str, Labels]]) -> None:
        self._rows: dict[str, deque[Labels]] = {}
        for value, labels in rows:
            self._rows.setdefault(value, deque()).append(labels)

    def take(self, value: str) -> Labels:
        waiting = self._rows.get(value.strip())
        return waiting.popleft() if waiting else ()


def read_card_labels(
    path: str, encoding: str, sources: Iterable[SourceRef]
) -> dict[int, CardLabels]:
    """Contact index -> the labels of that card, for each of ``sources`` in the vCard
    file ``path`` (read in ``encoding``, as the reader detected it). Standard input, a
    file that is not a regular file any more, or one that cannot be opened again gives
    nothing: the values are then written without their labels.

    A 2.1 card's span holds the cards nested in it: each span is read once, with the
    cards in it (:func:`labels_by_card`), never again for a card inside it. Read card
    by card, a chain of private cards 10,000 deep was read 10,000 times over, each card
    reading every card nested in it (QA hostile F3's shape)."""
    wanted = {s.index: s for s in sources if s.end > s.start}
    if path == "-" or not wanted:
        return {}
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return {}
        handle = open_unblocked(Path(path))
    except OSError:
        return {}
    found: dict[int, CardLabels] = {}
    with handle:
        for span in _outermost_spans(wanted.values()):
            lines = _card_lines(handle, span, encoding)
            for index, labels in labels_by_card(lines, _value_encoding(encoding), span.index):
                if index in wanted and labels:
                    found[index] = labels
    return found


def _outermost_spans(sources: Iterable[SourceRef]) -> list[SourceRef]:
    """``sources`` without those whose bytes lie inside another's (a nested card)."""
    spans: list[SourceRef] = []
    for source in sorted(sources, key=lambda s: (s.start, -s.end)):
        if spans and source.end <= spans[-1].end:
            continue
        spans.append(source)
    return spans


@dataclass(slots=True)
class _Card:
    """One card met while reading a span: its own lines only, not its nested cards'."""

    index: int
    version: str = "3.0"
    group_labels: dict[str, Labels] = field(default_factory=dict)
    rows: list[tuple[Head, str]] = field(default_factory=list)


def labels_by_card(
    lines: Iterable[bytes], encoding: str, first: int
) -> Iterator[tuple[int, CardLabels]]:
    """Each card in a span's physical ``lines`` (UTF-8 for a UTF-16 file, with
    ``encoding`` then :data:`~piiaudit.parsers.vcard_values.TRANSCODED`) and the
    labelled values of its own lines. The span's card is contact ``first`` (also when
    its ``BEGIN`` is missing: a card read from its ``VERSION`` or cut off at the top);
    each ``BEGIN:VCARD`` in it opens the next contact, as the reader numbers them, and a
    card's lines are those read while it is the innermost card open."""
    table = tables()
    cards: list[_Card] = []
    stack: list[_Card] = []
    for line in _logical(lines):
        split = split_line(line)
        if split is None:
            continue
        head_bytes, raw = split
        head = parse_head(head_bytes)
        if head.name in ("BEGIN", "END") and raw.strip().upper() == b"VCARD":
            if head.name == "END":
                if stack:
                    stack.pop()
                continue
            stack.append(_Card(first + len(cards)))
            cards.append(stack[-1])
            continue
        if not stack:
            if cards:
                continue  # nothing of the span's card comes after its END
            stack.append(_Card(first))
            cards.append(stack[-1])
        card = stack[-1]
        if head.name == "VERSION":
            card.version = raw.strip().decode("ascii", "replace")
            continue
        labelled = head.name in table.related or head.name in table.urls
        labelled = labelled or head.name in (_DATE, _ANDROID)
        if not (labelled or (head.name == "X-ABLABEL" and head.group)):
            continue
        text = to_text(transfer_decode(raw, head.params), head.params, encoding)[0]
        if head.name == "X-ABLABEL":
            card.group_labels[head.group.lower()] = group_label(unescape(text, card.version))
        else:
            card.rows.append((head, text))
    for card in cards:
        yield card.index, _labelled(card, table.related)


def _labelled(card: _Card, related_names: frozenset[str]) -> CardLabels:
    """The card's rows as values with their labels, the reader's way."""
    related: list[tuple[str, Labels]] = []
    urls: list[tuple[str, Labels]] = []
    dates: list[LabelledDate] = []
    for head, text in card.rows:
        if head.name == _ANDROID:  # its components keep their escapes until split
            relation = _android_relation(text, card.version)
            if relation is not None:
                related.append(relation)
            continue
        value = unescape(text, card.version).strip()
        if not value:
            continue
        # Rows without a label are kept too: a name given twice, once labelled, gets its
        # label on the right one (see Pending).
        group = card.group_labels.get(head.group.lower(), ()) if head.group else ()
        labels = labels_of(head, group)
        if head.name == _DATE:
            dates.append(LabelledDate(value, without_apple_year(value, head.params), labels))
        else:
            (related if head.name in related_names else urls).append((value, labels))
    return CardLabels(tuple(related), tuple(urls), tuple(dates))


def _android_relation(row: str, version: str) -> tuple[str, Labels] | None:
    """An Android relation row's name and its relation as a label (``14`` is
    ``spouse``, ``0`` the custom label the row holds), or ``None`` for another row."""
    parts = [part.strip() for part in split_components(row, version)]
    if len(parts) < 2 or parts[0].rsplit("/", 1)[-1] != "relation" or not parts[1]:
        return None
    kind = parts[2] if len(parts) > 2 else ""
    custom = parts[3] if kind == "0" and len(parts) > 3 else ""
    label = custom or output_data().android_relation_types.get(kind, "")
    return parts[1], (label,) if label else ()


def anniversary_labels(labels: CardLabels, date: str) -> Labels:
    """The labels of the Apple date row the contact's anniversary ``date`` was read
    from (``結婚記念日``, ``_$!<Anniversary>!$_``), or ``()`` when it came from no
    such row (vCard 4.0's ``ANNIVERSARY``)."""
    for row in labels.dates:
        if row.date == date.strip() and _names_anniversary(row.labels):
            return row.labels
    return ()


def _names_anniversary(labels: Labels) -> bool:
    """Whether ``labels`` make a date the contact's anniversary, as the reader decides:
    Apple's built-in label, or the owner's words for it, ``other`` and ``pref`` aside."""
    own = " ".join(label for label in labels if label not in ("other", "pref"))
    return "anniversary" in labels or date_field(own) == "anniversary"


def _value_encoding(encoding: str) -> str:
    """What the reader decodes a value with: a UTF-16 file's lines are UTF-8 to it."""
    if encoding.lower().startswith("utf-16"):
        return TRANSCODED
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _card_lines(handle: BinaryIO, source: SourceRef, encoding: str) -> Iterator[bytes]:
    """The physical lines of the card's bytes, without their line breaks, each cut at
    :data:`_LINE_CAP` bytes; a UTF-16 card's lines in UTF-8, as the reader reads them."""
    chunks = _chunks(handle, source.start, source.end)
    if encoding.lower().startswith("utf-16"):
        chunks = _transcoded(chunks, encoding)
    return _physical(chunks)


def _chunks(handle: BinaryIO, start: int, end: int) -> Iterator[bytes]:
    handle.seek(start)
    left = end - start
    while left > 0:
        chunk = handle.read(min(_CHUNK, left))
        if not chunk:
            return
        left -= len(chunk)
        yield chunk


def _transcoded(chunks: Iterable[bytes], encoding: str) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    for chunk in chunks:
        yield decoder.decode(chunk).encode("utf-8", "surrogatepass")
    yield decoder.decode(b"", final=True).encode("utf-8", "surrogatepass")


def _physical(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Lines ended by CRLF, LF or a lone CR, in any mix, as the reader splits them."""
    line = bytearray()
    carry = b""  # a CR that ended a chunk: the first half of a CRLF, or a line break
    for chunk in chunks:
        data = carry + chunk
        carry = b""
        position = 0
        for found in _BREAK.finditer(data):
            if found.group() == b"\r" and found.end() == len(data):
                break
            _append(line, data[position : found.start()])
            yield bytes(line)
            line.clear()
            position = found.end()
        rest = data[position:]
        if rest.endswith(b"\r"):
            rest, carry = rest[:-1], b"\r"
        _append(line, rest)
    if line or carry:
        yield bytes(line)


def _append(line: bytearray, text: bytes) -> None:
    room = _LINE_CAP - len(line)
    if room > 0:
        line += text[:room]


def _logical(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Physical lines joined into properties: a line starting with a space or a tab
    continues the one before (its first character dropped), and so does the line after
    a quoted-printable value's soft break (``=`` at its end). Each is cut at
    :data:`_LINE_CAP` bytes, as its lines are: a photo folded over 800,000 lines is
    not put together again."""
    current = bytearray()
    started = quoted = soft = False
    for line in lines:
        if started and (soft or line[:1] in (b" ", b"\t")):
            piece = line if soft else line[1:]
        else:
            if started:
                yield bytes(current)
            current.clear()
            started = True
            quoted = b"QUOTED-PRINTABLE" in line.partition(b":")[0].upper()
            piece = line
        soft = quoted and soft_break(piece)
        _append(current, without_soft_break(piece) if soft else piece)
    if started:
        yield bytes(current)
