"""Reading CSV bytes in tests, and the bytes a reader's contacts span (for round trips)."""

from __future__ import annotations

import io

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers.csv_reader import read_csv
from piiaudit.parsers.options import ParseOptions


def read(data: bytes, encoding: str = "utf-8", **options: object) -> tuple[list[Contact], FileInfo]:
    """The contacts of ``data`` read as CSV, and the file's info (dialect, issues)."""
    info = FileInfo(path="test.csv")
    contacts = list(read_csv(io.BytesIO(data), info, encoding, ParseOptions(**options)))  # type: ignore[arg-type]
    return contacts, info


def rebuilt(data: bytes, contacts: list[Contact]) -> bytes:
    """The header bytes (with anything before it) and every record's bytes, in order."""
    return data[: contacts[0].source.start] + b"".join(
        data[c.source.start : c.source.end] for c in contacts
    )
