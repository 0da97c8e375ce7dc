"""Which labelled dates are the contact's own birthday or anniversary, and which
written dates are no date at all.

Phones let the owner label any date (Apple ``X-ABDATE``, Google CSV events). Only a label
that is nothing but a birthday or anniversary word makes the date the contact's own; the
words are data (``data/date_labels.yaml``), shared by the vCard and CSV readers.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from piiaudit.resources import read_shipped_mapping
from piiaudit.textnorm import nfkc

DATA_FILE = Path(__file__).parent / "data" / "date_labels.yaml"


@cache
def _words() -> dict[str, str]:
    data = read_shipped_mapping(DATA_FILE)
    return {_key(str(word)): field for field in ("birthday", "anniversary") for word in data[field]}


def _key(label: str) -> str:
    return " ".join(nfkc(label).lower().split())


def date_field(label: str) -> str | None:
    """``"birthday"`` or ``"anniversary"`` when ``label`` makes a date the contact's own."""
    return _words().get(_key(label)) if label else None


def labelled_date(label: str, value: str) -> str:
    """A date someone else's label qualifies, as ``label: date`` for the rules to read."""
    return f"{label.strip()}: {value.strip()}" if label.strip() else value


# A date written with numbers, as exporters and spreadsheets write it: y/m/d, m/d/y or
# d/m/y, separated by / . - (or 年 月 日).
_WRITTEN = re.compile(r"(\d{1,4})\s*[/.\-年]\s*(\d{1,2})\s*[/.\-月]\s*(\d{1,4})\s*日?\.?")
# ISO 8601 as vCard writes a date: 1985-05-12, 19850512, --05-12, --0512, ---12, 1985-05,
# perhaps with a time after it.
_ISO = re.compile(
    r"(?:\d{4}-?|--)(?P<month>\d{2})-?(?P<day>\d{2})(?:T.*)?"
    r"|---(?P<only_day>\d{2})(?:T.*)?"
    r"|\d{4}-(?P<only_month>\d{2})"
)


def no_date(text: str) -> bool:
    """Whether a birthday or anniversary as written is a placeholder for "no date": a
    month or a day of 0 in every way the date can be read (F3, QA formats).

    Outlook writes an unset date as ``0/0/00`` (``0.0.00``, ``00/0/0`` by locale), which
    its CSV map drops (``empty_dates``); in a file sniffed as generic CSV (a subset of
    Outlook's columns, trimmed in Excel) it became a birthday with a finding. No calendar
    has a month 0 or a day 0, so in any CSV and in a vCard ``BDAY`` such a date is none.
    A year of 0 alone (``0000-05-12``, a year left out) keeps the date; so does a
    two-digit year 00 (``5/12/00`` is 12 May 2000).
    """
    if "0" not in text:
        return False
    written = text.strip()
    iso = _ISO.fullmatch(written)
    if iso is not None:
        month = iso.group("month") or iso.group("only_month")
        day = iso.group("day") or iso.group("only_day")
        return (month is not None and int(month) == 0) or (day is not None and int(day) == 0)
    found = _WRITTEN.fullmatch(written)
    if found is None:
        return False
    first, middle, last = found.groups()
    if int(first) and int(middle) and int(last):
        return False
    if len(first) > 2:  # year first
        readings = [(middle, last)]
    elif len(last) > 2:  # year last: month/day or day/month
        readings = [(first, middle), (middle, first)]
    else:
        readings = [(middle, last), (first, middle), (middle, first)]
    return not any(1 <= int(month) <= 12 and 1 <= int(day) <= 31 for month, day in readings)
