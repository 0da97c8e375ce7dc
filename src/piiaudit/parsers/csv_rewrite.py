"""One CSV record written again so that every CSV reader reads it as piiaudit did.

A cell that opens a quote and never closes it (``"customer since 2020`` then the line
ends) is read by piiaudit as text, quote included, and the lines after it as records of
their own (:mod:`.csv_records`). Copied byte for byte into ``split``'s business.csv, the
record made every standard reader (Python's csv, Excel, Google Contacts' import) take
the records after it as part of that cell: the company's import lost contacts (QA round
11's leftover). :func:`rewritten` gives the record's cells, as piiaudit read them, in
RFC 4180 quoting, in the file's own encoding, delimiter and line ending.
"""

from __future__ import annotations

import csv
import io

from piiaudit.parsers.csv_lines import line_codec
from piiaudit.parsers.csv_records import Limits, split_records
from piiaudit.parsers.csv_sniff import text_lines


def rewritten(raw: bytes, encoding: str, delimiter: str) -> bytes | None:
    """``raw`` (one record's bytes, its line break included) written again, or ``None``
    when it cannot be done faithfully (bytes not valid in the encoding, no delimiter
    known, or the bytes do not read as one record): then the caller keeps them."""
    if len(delimiter) != 1:
        return None
    try:
        codec = line_codec(encoding, raw).codec
        text = raw.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None
    lines = text_lines(text)
    if not lines:
        return None
    whole = len(text) + 1  # nothing is cut: the record is written again in full
    records = list(split_records(lines, delimiter, Limits(whole, 1_000_000, whole)))
    if len(records) != 1:
        return None
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(records[0].cells)
    line = out.getvalue()[:-1] + lines[-1].terminator
    try:
        return line.encode(codec)
    except UnicodeEncodeError:
        return None
