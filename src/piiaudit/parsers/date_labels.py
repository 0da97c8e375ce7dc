"""Which labelled dates are the contact's own birthday or anniversary.

Phones let the owner label any date (Apple ``X-ABDATE``, Google CSV events). Only a label
that is nothing but a birthday or anniversary word makes the date the contact's own; the
words are data (``data/date_labels.yaml``), shared by the vCard and CSV readers.
"""

from __future__ import annotations

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
