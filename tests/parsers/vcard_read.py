"""Reading vCard bytes in tests both ways: the fast path for plain cards and the general
reader (``read_vcard(..., fast=...)``), which must give identical contacts and issues."""

from __future__ import annotations

import io
from pathlib import Path

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import open_input
from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.options import ParseOptions
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_stream import read_vcard


def read_both_ways(
    data: bytes, options: ParseOptions | None = None
) -> list[tuple[list[Contact], FileInfo]]:
    """``data``'s contacts and file info read with the fast path, then without it."""
    results = []
    for fast in (True, False):
        verdict = sniff(data[:HEAD_BYTES])
        info = FileInfo(path="x.vcf", format="vcard", encoding=verdict.detected.encoding)
        stream = io.BytesIO(data)
        found = list(
            read_vcard(stream, info, verdict.detected, options or ParseOptions(), fast=fast)
        )
        results.append((found, info))
    return results


def read_file(path: Path, data: bytes) -> tuple[list[Contact], FileInfo]:
    """``data`` written to ``path`` and read as a user's export is (``open_input``)."""
    path.write_bytes(data)
    with open_input(str(path), ParseOptions()) as parsed:
        return list(parsed.contacts), parsed.info
