"""Guessing a CSV file's delimiter, and whether a text is a contacts CSV at all.

Exporters use ``,`` (Google, Outlook in most locales, Thunderbird), ``;``
(Outlook in French and German locales, hand-made files) or TAB (some Google
exports, Thunderbird's mixed fixture). :func:`choose_delimiter` tries each on
the first lines with the real record splitter (so quoted delimiters and
multi-line cells do not mislead it) and prefers, in order: the one whose
first row names the most known columns, the one giving the most rows of one
consistent width, the widest rows. An Excel ``sep=;`` first line settles it, when
the table is split by it (:func:`excel_hint`).

Some exports put a few lines before the table: LinkedIn's ``Connections.csv``
starts with a ``Notes:`` line, a quoted paragraph and a blank line. When the
first record is not a header, :func:`table_after_preamble` looks a few dozen
lines further for one, so such a file is read from its header on.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from piiaudit.parsers.csv_header import (
    column_kind_by_values,
    content_role,
    is_header_row,
    known_headers,
)
from piiaudit.parsers.csv_lines import PhysicalLine
from piiaudit.parsers.csv_records import Limits, RawRecord, split_records

CANDIDATES = (",", ";", "\t", "|")
SNIFF_LINES = 50
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
SNIFF_LIMITS = Limits(max_value_chars=64 * 1024, max_columns=10_000, max_rewind_chars=256 * 1024)
_NOT_CSV_START = ("begin:vcard", "{", "[", "<")
_EXCEL_SEP = re.compile(r"^\ufeff?\s*sep=(.)\s*$", re.IGNORECASE)
#: How far a header is looked for after a preamble: a title or a notice, not a document.
PREAMBLE_MAX_LINES = 30
PREAMBLE_MAX_CHARS = 16 * 1024
#: Columns a header needs a dialect map or the generic guess to know, to end a preamble.
PREAMBLE_HEADER_KNOWN = 2
#: Rows after a header found past a preamble that must read as rows of its table.
TABLE_CHECK_ROWS = 5
_CONTACT_VALUES = ("email", "phone")
#: Rows of several cells a header-less table needs around its one row of one cell.
ODD_ROW_AMONG = 3
_VCARD_MARK = re.compile(r"^\s*(begin|end)\s*:\s*vcard\s*$", re.IGNORECASE)
#: The head lines the sniff can look at: a ``sep=`` line, a preamble, the lines after it.
_HEAD_LINES = 1 + PREAMBLE_MAX_LINES + SNIFF_LINES + 1


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The file's delimiter, and others seen on whole rows (for mixed files)."""

    main: str
    alternates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A table found after a preamble: ``skip`` lines come before its header row."""

    skip: int
    delimiters: Delimiters


def text_lines(text: str, limit: int | None = None) -> list[PhysicalLine]:
    """Physical lines of already-decoded text (byte spans are character spans here), the
    first ``limit`` of them when given: the sniff looks at a few dozen, and a head of 64 KB
    of one-character lines (a quoted cell of millions of them) is 32,000 lines."""
    lines: list[PhysicalLine] = []
    pos = 0
    for match in _LINE.finditer(text):
        if match.end() == match.start() or len(lines) == limit:
            break
        body, term = match.group(1), match.group(2)
        lines.append(PhysicalLine(body, term, len(lines) + 1, pos, match.end()))
        pos = match.end()
    return lines


def excel_separator(line: PhysicalLine) -> str | None:
    """The delimiter an Excel ``sep=;`` first line declares, if the line is one.

    A ``sep=`` line whose one character was a NUL reaches the CSV reader without it (the
    line reader takes NULs out and says so): it declares NUL, as the sniff read it.
    """
    match = _EXCEL_SEP.match(line.body)
    if match is None and line.nuls and line.body.strip().lower() == "sep=":
        return "\x00"
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class ExcelHint:
    """A file's first line ``sep=X``: ``delimiter`` is X when the table is split by it,
    ``None`` when the hint was ignored (see :func:`excel_hint`)."""

    delimiter: str | None


#: Characters never believed as a declared delimiter: the quote opens quoted cells, a
#: line end ends rows, and NULs are taken out of every line before it is split.
_NEVER_DELIMITERS = frozenset('"\r\n\x00')
#: Why a ``sep=`` line was not believed (said on line 1, hostile QA F8).
SEP_IGNORED = (
    'this "sep=" line (Excel\'s delimiter hint) names a delimiter the table does not use; '
    "the line was ignored and the delimiter guessed from the rows"
)


def excel_hint(lines: Sequence[PhysicalLine]) -> ExcelHint | None:
    """What a ``sep=`` first line says, or ``None`` when the first line is no such line.

    Excel trusts the hint blindly; a file whose hint is wrong (``sep="``, ``sep=<TAB>``
    over a comma table, ``sep= ``) lost every contact that way: "no contacts found", or
    cells read by position (hostile QA F8). So the hint is believed only when plausible:
    one character that is not the quote, a line end or NUL, that splits the header (after
    a preamble, if any) into several columns, and that the delimiter the sniff would
    choose does not beat (more known column names, or as many and more rows of one
    width). A right ``sep=;`` over a ``;`` table, however odd its header, is kept.
    """
    declared = excel_separator(lines[0]) if lines else None
    if declared is None:
        return None
    rows = lines[1:]
    if declared in _NEVER_DELIMITERS:
        return ExcelHint(None)
    table = table_after_preamble(rows, Delimiters(declared), declared)
    if table is not None:
        rows = rows[table.skip :]
    records = _records(rows[:SNIFF_LINES], declared)
    if not records or _filled(records[0].cells) < 2:
        return ExcelHint(None)
    guessed = choose_delimiter(rows).main
    if guessed != declared and _score(_records(rows[:SNIFF_LINES], guessed)) > _score(records):
        return ExcelHint(None)
    return ExcelHint(declared)


def _score(records: Sequence[RawRecord]) -> tuple[int, int]:
    """How well a delimiter splits a table: known column names in its first row, then how
    many rows share one width of several cells."""
    widths = Counter(len(r.cells) for r in records if len(r.cells) > 1)
    known = known_headers(records[0].cells) if records and len(records[0].cells) > 1 else 0
    return known, max(widths.values(), default=0)


def choose_delimiter(lines: Sequence[PhysicalLine]) -> Delimiters:
    """The delimiter the first lines of a file use (``,`` when nothing splits them)."""
    head = list(lines[:SNIFF_LINES])
    scored = []
    for rank, candidate in enumerate(CANDIDATES):
        records = _records(head, candidate)
        widths = [len(r.cells) for r in records]
        multi = Counter(w for w in widths if w > 1)
        known, consistent = _score(records)
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
    lines = text_lines(text, _HEAD_LINES)
    if len(lines) > 1 and not lines[-1].terminator:
        lines = lines[:-1]  # the head may end inside a line
    hint = excel_hint(lines)
    if hint is not None:
        lines = lines[1:]
    declared = hint.delimiter if hint else None
    delimiters = Delimiters(declared) if declared else choose_delimiter(lines)
    if table_after_preamble(lines, delimiters, declared) is not None:
        return True
    records = _records(lines[:SNIFF_LINES], delimiters.main, delimiters.alternates)
    if not records:
        return False
    if len(records[0].cells) < 2:
        return _headerless_table(records)  # a first contact with a name only
    first, rows = records[0], records[1:]
    if is_header_row(first.cells):
        known = known_headers(first.cells)
        if known >= 2:
            return True
        same = sum(1 for r in rows if len(r.cells) == len(first.cells))
        if not rows or same * 5 < len(rows) * 4:
            return False
        return known == 1 or _column_of_contact_values(first.cells, rows)
    return _headerless_table(records)


def _column_of_contact_values(header: Sequence[str], rows: Sequence[RawRecord]) -> bool:
    """Whether, under a header of names nothing knows (``Kunde,Rufnummer,Bemerkung``),
    some column holds phone numbers or e-mail addresses in most rows: a hand-made
    contact list (``csv_header.column_kind_by_values``)."""
    return any(
        column_kind_by_values([r.cells[i] for r in rows if i < len(r.cells)]) is not None
        for i in range(len(header))
    )


def table_after_preamble(
    lines: Sequence[PhysicalLine], delimiters: Delimiters, declared: str | None = None
) -> Table | None:
    """The header row after a short preamble, when the file does not start with one.

    A preamble is a few records of at most half the header's width holding no email
    address or phone number (a title, a notice); the header names at least
    :data:`PREAMBLE_HEADER_KNOWN` known columns. Only the first :data:`PREAMBLE_MAX_LINES`
    lines (:data:`PREAMBLE_MAX_CHARS`) are looked at. Each delimiter is tried (the
    chosen one first) unless an Excel ``sep=`` line declared it, because the preamble
    may have misled the choice.
    """
    window = _window(lines)
    first = next(_filled_records(window, delimiters.main), None)
    if first is None or _strong_header(first.cells):
        return None  # the common case: the file starts with its header (or is empty)
    candidates = [delimiters.main] if declared else _delimiter_order(delimiters.main)
    for candidate in candidates:
        skip = _preamble_length(window, candidate)
        if skip is None:
            continue
        if declared:
            return Table(skip, delimiters)
        chosen = choose_delimiter(lines[skip:])
        return Table(skip, chosen if chosen.main == candidate else Delimiters(candidate))
    return None


def _window(lines: Sequence[PhysicalLine]) -> list[PhysicalLine]:
    window: list[PhysicalLine] = []
    size = 0
    for line in lines[:PREAMBLE_MAX_LINES]:
        size += len(line.body)
        if size > PREAMBLE_MAX_CHARS:
            break
        window.append(line)
    return window


def _delimiter_order(main: str) -> list[str]:
    return [main, *(c for c in CANDIDATES if c != main)]


def _preamble_length(window: list[PhysicalLine], delimiter: str) -> int | None:
    """How many lines precede a header that ends a preamble, or ``None`` when none does.

    The row after the header (when the window holds one) must be about as wide as the
    header: a vCard's ``TEL;TYPE=CELL:...`` line split at ``;`` reads like a header too,
    but the line after it does not continue a table.
    """
    preamble: list[RawRecord] = []
    records = _filled_records(window, delimiter)
    for record in records:
        if _strong_header(record.cells):
            if not preamble or not _all_preamble(preamble, _filled(record.cells)):
                return None
            following = list(itertools.islice(records, TABLE_CHECK_ROWS))
            if not _continues_table(following, len(record.cells)):
                return None
            return next(i for i, line in enumerate(window) if line.number == record.line)
        preamble.append(record)
    return None


def _continues_table(rows: Sequence[RawRecord], header_cells: int) -> bool:
    """Whether the rows after a header found past a preamble are rows of its table:
    each about as wide as the header, and most exactly as wide (an exporter writes
    every row in full). Prose split at commas (a README, a script's docstring that
    mentions "mobile" and "note") gives rows of every width."""
    if not rows:
        return False  # a header past a preamble is believed only with rows under it
    if not all(len(r.cells) >= 2 and len(r.cells) * 2 >= header_cells for r in rows):
        return False
    return sum(1 for r in rows if len(r.cells) == header_cells) * 5 >= len(rows) * 4


def _filled_records(lines: Sequence[PhysicalLine], delimiter: str) -> Iterator[RawRecord]:
    return (r for r in split_records(lines, delimiter, SNIFF_LIMITS) if not r.is_empty())


def _strong_header(cells: Sequence[str]) -> bool:
    """A header row naming several known contact columns (not a lone ``Notes:`` line)."""
    return (
        _filled(cells) >= PREAMBLE_HEADER_KNOWN
        and is_header_row(cells)
        and known_headers(cells) >= PREAMBLE_HEADER_KNOWN
    )


def _all_preamble(records: Sequence[RawRecord], header_width: int) -> bool:
    """Records narrow beside the header, without a contact value and not a vCard's
    ``BEGIN``/``END`` line: text before a table, not rows of it."""
    widest = max(1, header_width // 2)
    return all(
        _filled(r.cells) <= widest
        and not _VCARD_MARK.match(r.cells[0])
        and not any(_contact_value(c) for c in r.cells)
        for r in records
    )


def _contact_value(cell: str) -> bool:
    return content_role(cell).target in _CONTACT_VALUES


def _filled(cells: Sequence[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def _headerless_table(records: Sequence[RawRecord]) -> bool:
    """Rows of several cells where most rows hold an email address or a phone number.

    A few rows of one cell (a formula, a row broken by a stray line end) are
    tolerated: a fifth of the rows, or one beside at least :data:`ODD_ROW_AMONG`
    rows of several cells. By the fifth alone a short export lost every contact to
    one damaged row (QA round 16: 3 contacts and ``=1+1``, "no contacts found"),
    while a longer one kept them. Prose still fails: its lines of one cell are
    many, and its cells are seldom a whole phone number or address; two lines with
    a comma beside one without are still too few to call a table.
    """
    if len(records) < 2:
        return False
    wide = [r for r in records if len(r.cells) > 1]
    odd = len(records) - len(wide)
    if odd * 5 > len(records) and not (odd == 1 and len(wide) >= ODD_ROW_AMONG):
        return False
    with_contact = sum(1 for r in wide if any(_contact_value(c) for c in r.cells))
    return with_contact * 2 >= len(wide)


def _records(
    lines: Sequence[PhysicalLine], delimiter: str, alternates: Sequence[str] = ()
) -> list[RawRecord]:
    records = split_records(lines, delimiter, SNIFF_LIMITS, alternates)
    return [r for r in records if not r.is_empty()]
