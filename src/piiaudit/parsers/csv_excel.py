"""What Excel leaves in a contacts CSV it opened and saved again, and the one issue per column.

Excel reads a cell of digits as a number. A phone number then loses its leading
zero and, written back in a column that shows numbers in scientific notation,
keeps only a few significant digits (``09055553301`` comes back as ``9.06E+09``):
the rest of the number is gone from the file, so nothing can check it. A date
in a column formatted as a number comes back as Excel's serial day number
(``29341`` for 1980-04-30), which says nothing to a reader of dates.

Both happen to a whole column at once, so they are reported once per file and
column (with the first row's line and the number of rows), never once per row:
a re-saved export of 5,000 customers is one problem, not 5,000.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from piiaudit.model import ParseIssue

#: A number as Excel writes it in scientific notation: ``9.06E+09``, ``8.1906E+11``
#: (``9,06E+09`` where the decimal mark is a comma).
_SCIENTIFIC = re.compile(r"[+-]?[0-9](?:[.,][0-9]+)?[Ee][+-]?[0-9]{1,3}")

#: Serial day numbers read as dates: five digits (1927-05-18 to 2099-12-31). Four
#: digits or fewer are left as written: there a birth year (``1985``) or a month and
#: day that lost their separators (``1225``) are far likelier than a date before 1927.
SERIAL_LENGTH = 5
_FIRST_SERIAL = 10_000
_LAST_SERIAL = 73_050
#: Excel's 1900 date system: day 1 is 1900-01-01, and day 60 is 1900-02-29, a day
#: that never was (kept from Lotus 1-2-3); every later day is one less than its count.
_LEAP_BUG_SERIAL = 60
_MAX_SERIAL = 2_958_465  # 9999-12-31, Excel's last date

PHONE, DATE = "phone", "date"

#: A cell written as an Excel text formula, ``="090-1234-5678"``: the usual way to keep a
#: phone number's leading zero (or a long digit run) when a CSV is opened in Excel.
_TEXT_FORMULA = re.compile(r'\s*="([^"]*)"\s*')


def formula_text(value: str) -> str:
    """The text of a cell Excel holds as a text formula (``="090-1234-5678"`` gives
    ``090-1234-5678``), else ``value`` as it is. Read as written, the wrapper stayed in
    every shown value and in what rules matched (CSV QA)."""
    if "=" not in value:
        return value
    found = _TEXT_FORMULA.fullmatch(value)
    return found.group(1) if found is not None else value


def is_scientific(value: str) -> bool:
    """Whether a phone cell holds a number Excel rounded into scientific notation."""
    return _SCIENTIFIC.fullmatch(value.strip()) is not None


def serial_date(text: str) -> str | None:
    """The ISO date of a birthday or anniversary cell that holds an Excel serial day
    number (see :data:`_FIRST_SERIAL`), else ``None``. A number with a leading zero is
    not one: Excel never writes it so. ``19800501`` (a date written YYYYMMDD) has
    eight digits, so it is never taken for a serial number."""
    if len(text) != SERIAL_LENGTH or text[0] == "0" or not (text.isascii() and text.isdigit()):
        return None
    serial = int(text)
    return excel_date(serial) if _FIRST_SERIAL <= serial <= _LAST_SERIAL else None


def excel_date(serial: int) -> str | None:
    """The ISO date of an Excel serial day number in the 1900 date system; ``None`` for
    day 60 (Excel's 1900-02-29) and for numbers that are no Excel date."""
    if serial == _LEAP_BUG_SERIAL or not 1 <= serial <= _MAX_SERIAL:
        return None
    day_zero = date(1899, 12, 31) if serial < _LEAP_BUG_SERIAL else date(1899, 12, 30)
    return (day_zero + timedelta(days=serial)).isoformat()


class ExcelDamage:
    """Which columns of one file held Excel's rounded numbers or serial dates, in how many
    rows, from which line on: gathered while the rows are read, reported at the end."""

    def __init__(self) -> None:
        # (kind, header) -> [first line, rows], in the order the columns were first met
        self._columns: dict[tuple[str, str], list[int]] = {}

    def note(self, kind: str, headers: tuple[str, ...], line: int) -> None:
        """One row (at ``line``) with such values in the columns ``headers``."""
        for header in dict.fromkeys(headers):  # a row counts once per column
            seen = self._columns.get((kind, header))
            if seen is None:
                self._columns[kind, header] = [line, 1]
            else:
                seen[1] += 1

    def issues(self) -> list[ParseIssue]:
        """One issue per column, at the line of its first such row: an error for phone
        numbers (their digits are lost), a warning for dates (read as they were meant)."""
        return [
            ParseIssue(line, _message(kind, header, rows), "error" if kind == PHONE else "warning")
            for (kind, header), (line, rows) in self._columns.items()
        ]


def _message(kind: str, header: str, rows: int) -> str:
    column = repr(header)
    if kind == PHONE:
        if rows == 1:
            return (
                f"column {column}: 1 row holds a phone number in scientific notation "
                "(such as 9.06E+09): Excel rounded it when it saved the file, its digits "
                "are lost and it cannot be checked"
            )
        return (
            f"column {column}: {rows} rows hold phone numbers in scientific notation "
            "(such as 9.06E+09): Excel rounded them when it saved the file, their digits "
            "are lost and they cannot be checked"
        )
    if rows == 1:
        return (
            f"column {column}: 1 row holds a date as an Excel serial day number; "
            "it was read as the date it stands for"
        )
    return (
        f"column {column}: {rows} rows hold dates as Excel serial day numbers; "
        "they were read as the dates they stand for"
    )
