"""The CSV reader: contacts exported as a table (Google, Outlook, Thunderbird, ...).

The registry (:mod:`piiaudit.parsers`) calls two functions here:
:func:`sniff_csv` to recognise a CSV export from its decoded head, and
:func:`read_csv` to stream its contacts. Reading goes through four small
stages, each in its own module:

``csv_lines``    bytes -> decoded physical lines with their byte spans
``csv_records``  lines -> records (quoting, multi-line cells, bad quotes)
``csv_header``   the header row -> what each column means (``csv_dialects``
                 recognises the exporter from YAML header maps)
``csv_mapping``  a record -> a :class:`~piiaudit.model.Contact`

Two things exports do that are not contacts are skipped, and reported with
their line: a short preamble before the header (LinkedIn's ``Notes:``
paragraph; ``csv_sniff.table_after_preamble``) and the header row met again
as a record (two exports joined with ``cat``). Their bytes are never part of
a contact's span.

Memory stays bounded by the options' limits whatever the file size: lines,
cells and columns are cut (and reported) rather than buffered whole.

What Excel did to a file it saved again (phone numbers rounded into scientific
notation, dates as serial day numbers; :mod:`.csv_excel`) is reported once per
column when the file has been read, not once per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from piiaudit.model import Contact, FileInfo, ParseIssue
from piiaudit.parsers.csv_dialects import GENERIC, header_key
from piiaudit.parsers.csv_excel import ExcelDamage
from piiaudit.parsers.csv_header import (
    ColumnPlan,
    HeaderEcho,
    first_row_is_contact,
    guess_by_values,
    guessed_message,
    headerless_plan,
    is_header_row,
    plan_columns,
)
from piiaudit.parsers.csv_lines import CHUNK_BYTES, PhysicalLine, iter_lines, line_codec
from piiaudit.parsers.csv_mapping import build_contact
from piiaudit.parsers.csv_records import (
    Limits,
    RawRecord,
    RecordSplitter,
    split_records,
    split_stream,
)
from piiaudit.parsers.csv_sniff import (
    SEP_IGNORED,
    SNIFF_LIMITS,
    SNIFF_LINES,
    Delimiters,
    choose_delimiter,
    excel_hint,
    looks_like_contacts_csv,
    table_after_preamble,
)
from piiaudit.parsers.options import ParseOptions

#: How much of the file's start is looked at to choose the delimiter.
SNIFF_CHARS = 256 * 1024
NO_HEADER = "no header row found; columns were mapped by what their cells contain"
FIRST_ROW_IS_CONTACT = (
    "the first row was read as a contact, not as a header: it names no name column, and "
    "the one column name in it is also a value of its column further down; if it is a "
    "header, map its columns with csv.columns in piiaudit.yaml"
)
REPEATED_HEADER = "this row repeats the header row and was skipped"
HEADER_ONLY = "the file has a header row and no contacts"


def sniff_csv(text_head: str) -> bool:
    """True when the decoded first few KB look like a contacts CSV.

    That is: a header row (at the top or after a short preamble) with known
    or plausible contact columns and a consistent delimiter, or a header-less
    table whose rows hold email
    addresses or phone numbers - not prose, not a vCard, not JSON or XML.
    """
    return looks_like_contacts_csv(text_head)


def read_csv(
    stream: BinaryIO, info: FileInfo, encoding: str, options: ParseOptions
) -> Iterator[Contact]:
    """Stream contacts from a CSV export.

    ``stream`` is positioned at byte 0 (BOM included); ``encoding`` is the
    detected file encoding. Sets ``info.format``, ``info.dialect``,
    ``info.encoding``, ``info.unmapped_columns`` and ``info.contacts``, and
    appends a :class:`~piiaudit.model.ParseIssue` for every problem met.
    Never raises for bad content.
    """
    info.format = "csv"
    info.encoding = encoding
    info.dialect = GENERIC
    head = stream.read(CHUNK_BYTES)
    try:
        codec = line_codec(encoding, head)
    except LookupError:
        info.error = f"unknown text encoding {encoding!r}"
        return
    limits = Limits(
        max_value_chars=options.max_value_bytes,
        max_columns=options.max_csv_columns,
        max_rewind_chars=options.max_value_bytes,
    )
    lines = iter_lines(stream, codec, 4 * options.max_value_bytes, head)
    sample, delimiters = _table_start(_sample(lines), info)
    info.delimiter = delimiters.main
    splitter = RecordSplitter(delimiters.main, limits, delimiters.alternates)
    plan: ColumnPlan | None = None
    echo = HeaderEcho((), -1)
    excel = ExcelDamage()
    header_end = ""  # the header row's line end, once read

    def row_shape() -> tuple[int, str] | None:
        return (len(plan.headers), header_end) if plan is not None and plan.has_header else None

    for record in cr_rejoined(split_stream(splitter, sample, lines), row_shape):
        if plan is None:
            plan = _first_plan(record, info, options, _after(record, sample, delimiters))
            header_end = record.terminator
            if plan is None or plan.has_header:
                echo = HeaderEcho.of(plan) if plan else echo
                continue
        if record.is_empty():
            info.issues.extend(record.issues)
            continue
        if echo.matches(record.cells):
            info.issues.extend(record.issues)
            info.issues.append(ParseIssue(record.line, REPEATED_HEADER))
            continue
        contact, issues = build_contact(
            record, plan, info.contacts, info.path, options.region, excel
        )
        info.issues.extend(issues)
        info.contacts += 1
        yield contact
    info.issues.extend(excel.issues())
    if plan is not None and plan.has_header and not info.contacts:
        # An address book exported empty: said, as a 0-byte file is (UX review: "risk
        # none, 0 contacts" with no word read as a clean phone).
        info.issues.append(ParseIssue(1, HEADER_ONLY))


def _after(
    first: RawRecord, sample: list[PhysicalLine], delimiters: Delimiters
) -> Callable[[], list[list[str]]]:
    """The cells of the non-empty records after ``first`` in the sampled lines."""

    found: list[list[list[str]]] = []  # split once, when first asked for

    def cells() -> list[list[str]]:
        if not found:
            records = split_records(sample, delimiters.main, SNIFF_LIMITS, delimiters.alternates)
            found.append([r.cells for r in records if r.line > first.line and not r.is_empty()])
        return found[0]

    return cells


#: A row split in two by a lone CR inside a cell, read as the one row it was (QA F12).
CR_JOINED = (
    "a lone CR (carriage return) inside a cell broke this row in two; the two parts "
    "were read as one row, the CR kept in the cell"
)


def cr_rejoined(
    records: Iterable[RawRecord], row_shape: Callable[[], tuple[int, str] | None]
) -> Iterator[RawRecord]:
    """``records``, with a row broken by a lone CR inside an unquoted cell made whole.

    The line reader ends a line at a lone CR (old Mac files end every line so), so
    ``Bare,Cr,Co<CR>Inc,Mgr,bare@example.com,090-...`` came out as two rows read by
    position: the phone number became a job title and was never checked as a mobile
    (hostile QA F12). Two records are joined back only when that is what they are:
    ``row_shape`` gives the header's width and line end (``None`` before the header,
    or without one), the header row's line end is not a lone CR (in a CR file every
    row ends so), the first record ends at a lone CR and the second does not, both are
    narrower than the header, and together, the cell the CR cut counted once, they are
    exactly as wide. Every other pair stays two rows, said by position as before.
    """
    held: RawRecord | None = None
    for record in records:
        if held is not None:
            joined = _joined(held, record, row_shape())
            yield joined if joined is not None else held
            held = None
            if joined is not None:
                continue
        shape = row_shape()
        if (
            shape is not None
            and shape[1] not in ("\r", "")
            and record.terminator == "\r"
            and 0 < len(record.cells) < shape[0]
            and not record.dropped_cells
        ):
            held = record  # the next record says whether it is this row's rest
            continue
        yield record
    if held is not None:
        yield held


def _joined(first: RawRecord, rest: RawRecord, shape: tuple[int, str] | None) -> RawRecord | None:
    """``first`` and ``rest`` as the one row a lone CR broke, or ``None`` (see above)."""
    if shape is None or rest.terminator == "\r" or rest.dropped_cells:
        return None
    width = shape[0]
    if not 0 < len(rest.cells) < width or len(first.cells) + len(rest.cells) - 1 != width:
        return None
    cut = first.cells[-1] + first.terminator + rest.cells[0]
    return RawRecord(
        cells=[*first.cells[:-1], cut, *rest.cells[1:]],
        line=first.line,
        start=first.start,
        end=rest.end,
        issues=[*first.issues, *rest.issues, ParseIssue(first.line, CR_JOINED)],
        terminator=rest.terminator,
    )


def _table_start(
    sample: list[PhysicalLine], info: FileInfo
) -> tuple[list[PhysicalLine], Delimiters]:
    """The first lines from the header row on, and the delimiters they use.

    An Excel ``sep=`` line and a preamble are left out; their bytes stay with the
    header, before the first record.
    """
    hint = excel_hint(sample)
    if hint is not None:
        if hint.delimiter is None:
            info.issues.append(ParseIssue(sample[0].number, SEP_IGNORED))
        sample = sample[1:]
    declared = hint.delimiter if hint else None
    delimiters = Delimiters(declared) if declared else choose_delimiter(sample)
    table = table_after_preamble(sample, delimiters, declared)
    if table is None:
        return sample, delimiters
    info.issues.append(ParseIssue(sample[table.skip].number, _preamble(table.skip)))
    return sample[table.skip :], table.delimiters


_PREAMBLE_END = "before the header row {} skipped as a preamble"


def _preamble(count: int) -> str:
    if count == 1:
        return f"{count} line {_PREAMBLE_END.format('was')}"
    return f"{count} lines {_PREAMBLE_END.format('were')}"


def is_preamble_note(issue: ParseIssue) -> bool:
    """Whether ``issue`` only says lines before a CSV header were left out (LinkedIn's
    Notes: paragraph, a title line): they are never a contact's (the sniff does not skip a
    row holding contact values), so the hand-over has nothing to check for them."""
    return issue.message.endswith((_PREAMBLE_END.format("was"), _PREAMBLE_END.format("were")))


def _sample(lines: Iterator[PhysicalLine]) -> list[PhysicalLine]:
    """The first lines (at most :data:`SNIFF_LINES`, about :data:`SNIFF_CHARS`)."""
    sample: list[PhysicalLine] = []
    size = 0
    for line in lines:
        sample.append(line)
        size += len(line.body)
        if len(sample) >= SNIFF_LINES or size >= SNIFF_CHARS:
            break
    return sample


def _user_named(cells: Iterable[str], options: ParseOptions) -> bool:
    """Whether the user's ``csv.columns`` names one of ``cells``: then they are a header."""
    if not options.csv_columns:
        return False
    named = {header_key(header) for header in options.csv_columns}
    return any(header_key(cell) in named for cell in cells)


def _first_plan(
    record: RawRecord,
    info: FileInfo,
    options: ParseOptions,
    following: Callable[[], list[list[str]]],
) -> ColumnPlan | None:
    """The plan from the file's first non-empty record: a header row, or none at all.

    ``following`` gives the cells of the records after it in the first lines, asked
    for only when the row could be a header or a contact (:func:`first_row_is_contact`).
    """
    info.issues.extend(record.issues)
    if record.is_empty():
        return None
    if is_header_row(record.cells):
        plan, issues = plan_columns(record.cells, options.csv_columns, record.line)
        if _user_named(record.cells, options) or not first_row_is_contact(plan, following()):
            guessed = guess_by_values(plan, following()) if plan.unmapped else []
            if guessed:
                issues.append(ParseIssue(record.line, guessed_message(guessed)))
            info.issues.extend(issues)
            info.unmapped_columns.extend(plan.unmapped)
            info.dialect = plan.dialect
            return plan
        record.issues = []
        info.issues.append(ParseIssue(record.line, FIRST_ROW_IS_CONTACT))
        return headerless_plan()
    record.issues = []  # already reported; the record is read as data next
    info.issues.append(ParseIssue(record.line, NO_HEADER))
    if options.csv_columns:
        info.issues.append(
            ParseIssue(record.line, "csv.columns was not applied: the file has no header row")
        )
    return headerless_plan()
