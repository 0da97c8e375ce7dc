"""Guessing a CSV file's delimiter, and whether a text is a contacts CSV at all.

Exporters use ``,`` (Google, Outlook in most locales, Thunderbird), ``;``
(Outlook in French and German locales, hand-made files) or TAB (some Google
exports, Thunderbird's mixed fixture). :func:`choose_delimiter` tries each on
the first lines with the real record splitter (so quoted delimiters and
multi-line cells do not mislead it) and prefers, in order: the one whose
first row names the most known columns, the one giving the most rows of one
consistent width, the widest rows. An Excel ``sep=;`` first line settles it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from piiaudit.parsers.csv_header import content_role, is_header_row, known_headers
from piiaudit.parsers.csv_lines import PhysicalLine
from piiaudit.parsers.csv_records import Limits, RawRecord, split_records

CANDIDATES = (",", ";", "\t", "|")
SNIFF_LINES = 50
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_SNIFF_LIMITS = Limits(max_value_chars=64 * 1024, max_columns=10_000, max_rewind_chars=256 * 1024)
_NOT_CSV_START = ("begin:vcard", "{", "[", "<")
_EXCEL_SEP = re.compile(r"^\ufeff?\s*sep=(.)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The file's delimiter, and others seen on whole rows (for mixed files)."""

    main: str
    alternates: tuple[str, ...] = ()


def text_lines(text: str) -> list[PhysicalLine]:
    """Physical lines of already-decoded text (byte spans are character spans here)."""
    lines: list[PhysicalLine] = []
    pos = 0
    for match in _LINE.finditer(text):
        if match.end() == match.start():
            break
        body, term = match.group(1), match.group(2)
        lines.append(PhysicalLine(body, term, len(lines) + 1, pos, match.end()))
        pos = match.end()
    return lines


def excel_separator(line: PhysicalLine) -> str | None:
    """The delimiter an Excel ``sep=;`` first line declares, if the line is one."""
    match = _EXCEL_SEP.match(line.body)
    return match.group(1) if match else None


def choose_delimiter(lines: Sequence[PhysicalLine]) -> Delimiters:
    """The delimiter the first lines of a file use (``,`` when nothing splits them)."""
    head = list(lines[:SNIFF_LINES])
    scored = []
    for rank, candidate in enumerate(CANDIDATES):
        records = _records(head, candidate)
        widths = [len(r.cells) for r in records]
        multi = Counter(w for w in widths if w > 1)
        consistent = max(multi.values(), default=0)
        known = known_headers(records[0].cells) if records and len(records[0].cells) > 1 else 0
        scored.append(((known, consistent, max(widths, default=0), -rank), candidate, multi))
    scored.sort(reverse=True)
    best = scored[0]
    if best[0][2] <= 1:
        return Delimiters(",")
    others = tuple(c for key, c, multi in scored[1:] if multi and key[1] > 0)
    return Delimiters(best[1], others)


def looks_like_contacts_csv(text_head: str) -> bool:
    """True when decoded head text reads as a contacts table (see ``csv_reader.sniff_csv``)."""
    text = text_head.lstrip("\ufeff \t\r\n")
    if not text or text[:11].lower().startswith(_NOT_CSV_START):
        return False
    lines = text_lines(text)
    if len(lines) > 1 and not text_head.endswith(("\n", "\r")):
        lines = lines[:-1]  # the head may end inside a line
    declared = excel_separator(lines[0]) if lines else None
    if declared:
        lines = lines[1:]
    delimiters = Delimiters(declared) if declared else choose_delimiter(lines)
    records = _records(lines[:SNIFF_LINES], delimiters.main, delimiters.alternates)
    if not records or len(records[0].cells) < 2:
        return False
    first, rows = records[0], records[1:]
    if is_header_row(first.cells):
        known = known_headers(first.cells)
        if known >= 2:
            return True
        same = sum(1 for r in rows if len(r.cells) == len(first.cells))
        return known == 1 and bool(rows) and same * 5 >= len(rows) * 4
    return _headerless_table(records)


def _headerless_table(records: Sequence[RawRecord]) -> bool:
    """Rows of several cells where most rows hold an email address or a phone number."""
    if len(records) < 2:
        return False
    wide = [r for r in records if len(r.cells) > 1]
    if len(wide) * 5 < len(records) * 4:
        return False
    with_contact = sum(
        1 for r in wide if any(content_role(c).target in ("email", "phone") for c in r.cells)
    )
    return with_contact * 2 >= len(wide)


def _records(
    lines: Sequence[PhysicalLine], delimiter: str, alternates: Sequence[str] = ()
) -> list[RawRecord]:
    records = split_records(lines, delimiter, _SNIFF_LIMITS, alternates)
    return [r for r in records if not r.is_empty()]
