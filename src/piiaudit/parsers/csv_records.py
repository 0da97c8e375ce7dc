"""CSV records from physical lines: quoting, multi-line cells, recovery from bad quotes.

Python's :mod:`csv` module cannot say which bytes a record came from, sets its
field limit process-wide, and on an unbalanced quote swallows the rest of the
file into one cell. Exports are messy enough that piiaudit needs all three, so
this is a small reader of its own, following RFC 4180 where exports do and
tolerating what they do instead:

* a cell that starts with ``"`` runs until the closing ``"`` (``""`` is a
  literal quote) and may span lines; raw CR/LF/TAB inside it are kept;
* a ``"`` inside an unquoted cell is literal, as in every spreadsheet;
* text after a closing quote is kept and reported;
* a quote that is never closed (or closes only by accident, lines later,
  with text glued after it) is reported with the line it opened on, and the
  lines it swallowed are read again as ordinary rows;
* a record that splits into a single cell although the file's *other*
  delimiter splits it (Thunderbird's tab/comma mixed file) is re-split.

Cells are cut at ``max_value_bytes`` and records at ``max_columns`` cells, so
hostile input cannot make one record grow without bound. The lines kept for a
rewind are bounded in characters *and* in number, and a cell is kept in a few
large pieces, not one per line: a quoted cell of a million short lines cost
about 230 MB in per-line objects before (QA round 16).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field

from piiaudit.model import ParseIssue
from piiaudit.parsers.csv_lines import PhysicalLine

QUOTE = '"'
#: Lines a record keeps for a rewind, whatever their length. Each kept line costs about
#: 200 bytes beside its text, so a million one-character lines inside one quoted cell
#: stayed under the 1 MiB character budget and held about 200 MB (QA round 16). Rows
#: longer than 64 characters on average (1 MiB / 16,384), as exporters write them, still
#: meet the character budget first: how far back a rewind reaches is unchanged for them.
REWIND_MAX_LINES = 16_384
#: Pieces a cell collects before they are joined into one string. A multi-line cell
#: adds a piece per line, and a short string costs about 60 bytes beside its text (a
#: million of them, 60 MB). Each join copies the cell so far, at most the 1 MiB a cell
#: is cut at: 256 copies for a cell of one-character lines, little beside reading them.
CELL_PIECES = 4096
#: A line of a UTF-8 file that was CP932 (a file merged from two exports): read, and said.
LINE_READ_AS_CP932 = "line is not valid UTF-8; it was read as CP932 (Shift_JIS)"


@dataclass(slots=True)
class RawRecord:
    """One CSV record: its cells and where it sits in the file."""

    cells: list[str]
    line: int
    start: int
    end: int
    issues: list[ParseIssue] = field(default_factory=list)
    dropped_cells: int = 0  # cells beyond the column limit, counted but not kept
    terminator: str = ""  # the line end after the record ("" at the end of the file)

    def is_empty(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


@dataclass(frozen=True, slots=True)
class Limits:
    """How large a cell and a record may grow, and how much of a record is kept to be
    read again after an unbalanced quote (``max_rewind_chars`` of line text, at most
    ``max_rewind_lines`` lines)."""

    max_value_chars: int
    max_columns: int
    max_rewind_chars: int
    max_rewind_lines: int = REWIND_MAX_LINES


class RecordSplitter:
    """Turns physical lines into :class:`RawRecord` objects, one ``feed`` at a time."""

    def __init__(self, delimiter: str, limits: Limits, alternates: Iterable[str] = ()) -> None:
        self.delimiter = delimiter
        self.alternates = tuple(a for a in alternates if a != delimiter)
        self.limits = limits
        self._literal_quotes: set[tuple[int, int]] = set()  # (line, column) read as text
        self._mixed_reported = False
        self._cut_line = 0  # where the cell that was cut starts (read while _cell_cut)
        # lines still to read: a rewind puts lines back here instead of recursing
        self._pending: deque[PhysicalLine] = deque()
        self._reset()

    # ------------------------------------------------------------------ public

    def feed(self, line: PhysicalLine) -> list[RawRecord]:
        """Consume one line; return the records it completes (usually zero or one)."""
        out: list[RawRecord] = []
        self._pending.append(line)
        self._drain(out)
        return out

    def wants_run(self) -> bool:
        """Whether the next lines may come as one run (``csv_lines.iter_lines``): inside a
        quoted cell whose lines are no longer kept to be read again, lines without a
        closing quote only add to the cell, whether they come one by one or together."""
        return self._in_quotes and not self._buffer_intact and not self._pending

    def finish(self) -> list[RawRecord]:
        """End of file: close an open record, recovering from a quote never closed."""
        out: list[RawRecord] = []
        while self._first is not None and self._in_quotes and self._buffer_intact:
            self._rewind(self._quote_at)
            self._drain(out)
        if self._first is None:
            return out
        if self._in_quotes:
            self._issue(
                self._quote_at[0],
                "a quote opened here is never closed; the rest of the file was read as one cell",
                "error",
                lost=True,
            )
        self._close_cell()
        out.append(self._close_record())
        return out

    # ---------------------------------------------------------------- internals

    def _reset(self) -> None:
        self._cells: list[str] = []
        self._cell: list[str] = []
        self._cell_chars = 0
        self._cell_cut = False
        self._dropped = 0
        self._in_quotes = False
        self._quote_at = (0, 0)
        self._quote_cell = -1  # the cell (counted from 0) the quote at _quote_at opened
        self._first: PhysicalLine | None = None
        self._last: PhysicalLine | None = None
        self._lines: list[PhysicalLine] = []  # kept while small enough to read again
        self._buffer_intact = True
        self._buffer_chars = 0
        self._issues: list[ParseIssue] = []
        self._said: set[ParseIssue] = set()  # _issues, to say each once without a search

    def _drain(self, out: list[RawRecord]) -> None:
        while self._pending:
            self._consume(self._pending.popleft(), out)

    def _consume(self, line: PhysicalLine, out: list[RawRecord]) -> None:
        if self._first is None:
            self._first = line
        self._last = line
        self._buffer_chars += len(line.body)
        if self._buffer_intact and (
            self._buffer_chars > self.limits.max_rewind_chars
            or len(self._lines) >= self.limits.max_rewind_lines
        ):
            self._buffer_intact = len(self._lines) == 0
        if self._buffer_intact:
            self._lines.append(line)
        else:
            self._lines = []
        if line.cut:
            self._issue(
                line.number, "line too long; only its beginning was read", "error", lost=True
            )
        if line.bad_bytes:
            self._issue(line.number, "bytes not valid in the file's encoding were replaced")
        if line.read_as == "cp932":
            self._issue(line.number, LINE_READ_AS_CP932)
        if line.nuls:
            self._issue(line.number, "NUL characters were removed from this line")
        text = line.body
        pos = 0
        at_field_start = not self._in_quotes
        while True:
            if self._in_quotes:
                close = text.find(QUOTE, pos)
                if close < 0:
                    self._append(text[pos:] + line.terminator)
                    if len(self._cell) >= CELL_PIECES:
                        self._compact()
                    return  # the cell goes on in the next line
                self._append(text[pos:close])
                if text.startswith(QUOTE, close + 1):
                    self._append(QUOTE)
                    if len(self._cell) >= CELL_PIECES:
                        self._compact()
                    pos = close + 2
                    continue
                self._in_quotes = False
                pos = close + 1
                if pos < len(text) and not text.startswith(self.delimiter, pos):
                    if self._quote_at[0] != line.number and self._buffer_intact:
                        self._rewind(self._quote_at)
                        return
                    self._issue(line.number, "text after a closing quote was kept in the cell")
                at_field_start = False
                continue
            if (
                at_field_start
                and text.startswith(QUOTE, pos)
                and (line.number, pos) not in self._literal_quotes
            ):
                self._in_quotes = True
                self._quote_at = (line.number, pos)
                self._quote_cell = len(self._cells) + self._dropped
                pos += 1
                at_field_start = False
                continue
            stop = text.find(self.delimiter, pos)
            if stop < 0:
                self._append(text[pos:])
                break
            self._append(text[pos:stop])
            self._close_cell()
            pos = stop + len(self.delimiter)
            at_field_start = True
        self._close_cell()
        out.append(self._close_record())

    def _append(self, text: str) -> None:
        if self._cell_cut or not text:
            return
        room = self.limits.max_value_chars - self._cell_chars
        if len(text) > room:
            text = text[: max(room, 0)]
            self._cell_cut = True
            self._cut_line = self._cell_line()
        self._cell.append(text)
        self._cell_chars += len(text)

    def _compact(self) -> None:
        """Join the cell's pieces into one string: a cell of many short lines (or of many
        ``""``) is then one string and a few thousand pieces, not a string per line."""
        self._cell = ["".join(self._cell)]

    def _cell_line(self) -> int:
        """The line the open cell starts on: a quoted cell may span lines, and the cut
        is reported where the cell starts, not at the record's last line (QA round 16:
        line 1000002 for a cell opened on line 2)."""
        if self._quote_cell == len(self._cells) + self._dropped:
            return self._quote_at[0]
        return self._last.number if self._last else 0

    def _close_cell(self) -> None:
        if len(self._cells) < self.limits.max_columns:
            self._cells.append("".join(self._cell))
            if self._cell_cut:
                self._issue(
                    self._cut_line,
                    f"value in column {len(self._cells)} is longer than "
                    f"{self.limits.max_value_chars} characters and was cut",
                    "error",
                    lost=True,
                )
        else:
            self._dropped += 1
        self._cell = []
        self._cell_chars = 0
        self._cell_cut = False

    def _close_record(self) -> RawRecord:
        first, last = self._first, self._last
        assert first is not None and last is not None
        if self._dropped:
            self._issue(
                first.number,
                f"row has {len(self._cells) + self._dropped} cells; only the first "
                f"{self.limits.max_columns} were read",
                "error",
                lost=True,
            )
        record = RawRecord(
            cells=self._cells,
            line=first.number,
            start=first.start,
            end=last.end,
            issues=self._issues,
            dropped_cells=self._dropped,
            terminator=last.terminator,
        )
        if len(record.cells) == 1 and self.alternates and self._buffer_intact:
            self._try_alternates(record)
        self._reset()
        return record

    def _try_alternates(self, record: RawRecord) -> None:
        """Re-split a one-cell record with the file's other delimiter, if that splits it."""
        for alternate in self.alternates:
            if alternate not in record.cells[0]:
                continue
            other = RecordSplitter(alternate, self.limits)
            cells: list[str] = []
            for line in self._lines:
                for rec in other.feed(line):
                    cells.extend(rec.cells)
            for rec in other.finish():
                cells.extend(rec.cells)
            if len(cells) > 1:
                record.cells = cells
                if not self._mixed_reported:
                    self._mixed_reported = True
                    name = "TAB" if alternate == "\t" else repr(alternate)
                    record.issues.append(
                        ParseIssue(
                            record.line, f"this row is split by {name}, unlike the rest of the file"
                        )
                    )
                return

    def _rewind(self, quote_at: tuple[int, int]) -> None:
        """Queue the buffered lines to be read again with the quote at ``quote_at`` as text."""
        lines = self._lines
        issues = [i for i in self._issues if i.line < quote_at[0]]
        self._literal_quotes.add(quote_at)
        self._reset()
        self._issues = issues
        self._said = set(issues)
        self._issue(
            quote_at[0],
            "unbalanced quote: the cell starting here was read as unquoted text",
        )
        self._pending.extendleft(reversed(lines))

    def _issue(
        self, line: int, message: str, severity: str = "warning", *, lost: bool = False
    ) -> None:
        issue = ParseIssue(line, message, severity, lost)
        if issue not in self._said:  # a set: a cell of many NUL lines said each in a search
            self._said.add(issue)  # of all the others, 60 s for 20,000 (hostile QA F11)
            self._issues.append(issue)


def split_records(
    lines: Iterable[PhysicalLine], delimiter: str, limits: Limits, alternates: Iterable[str] = ()
) -> Iterator[RawRecord]:
    """Every record of ``lines`` (convenience wrapper over :class:`RecordSplitter`)."""
    splitter = RecordSplitter(delimiter, limits, alternates)
    for line in lines:
        yield from splitter.feed(line)
    yield from splitter.finish()


def split_stream(
    splitter: RecordSplitter,
    sample: Iterable[PhysicalLine],
    lines: Generator[PhysicalLine, bool | None, None],
) -> Iterator[RawRecord]:
    """The records of ``sample`` (lines already taken from ``lines``), then of ``lines``.

    Inside a quoted cell too long to be read again (:meth:`RecordSplitter.wants_run`),
    the lines are asked for as runs (``csv_lines.iter_lines``): a cell of two million
    short lines took 15 s read one line at a time (QA hostile F11), well under one as
    runs. The records are the same either way.
    """
    for line in sample:
        yield from splitter.feed(line)
    while True:  # a line fed (wants_run) came from ``lines``: send() is never its first call
        try:
            line = lines.send(True) if splitter.wants_run() else next(lines)
        except StopIteration:
            break
        yield from splitter.feed(line)
    yield from splitter.finish()
