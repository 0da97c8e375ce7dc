"""SHA-256 of an input, streamed: how the hand-over tells one export from another.

The manifest records the SHA-256 of the input and of each output, and an override
file records the one of the export it was made for. Comparing digests is the only
reliable way to know that ``business.vcf`` is the file ``split`` wrote, or that an
override file's ``index:`` positions belong to this export: names are renamed and
copied, bytes are not.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

from piiaudit.handover.safety import os_errors

_CHUNK = 1 << 20


def stream_sha256(source: BinaryIO) -> str:
    """The SHA-256 of ``source`` from its start, read in chunks (exports hold photos)."""
    digest = hashlib.sha256()
    source.seek(0)
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file at ``path``; an unreadable file is an input error."""
    with os_errors(reading=path), path.open("rb") as source:
        return stream_sha256(source)
