"""Digests of the shipped rule files already known to pass the schema.

Checking the ~125 shipped rule, pack and list files against the JSON Schema is
about half of an engine's start-up (jsonschema walks every node in Python), and
every ``scan`` pays it for files that have not changed since the test suite
checked them. ``rules/checked.sha256`` records a digest of each shipped file
that passed: of the schema, the kind of document and the file's exact bytes.
The loader skips the schema check for a file whose digest is recorded; a file
changed by one byte, or checked against a changed schema, has another digest
and is checked as before. ``rules validate`` always checks everything.

The record can only make loading faster, never accept more: a digest stands for
bytes that passed, and ``tests/engine/test_checked.py`` fails when the record
and the shipped files part ways. Regenerate it after editing a shipped rule::

    .venv/bin/python scripts/record_checked.py
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from piiaudit.engine.schema import RULE_PACK_SCHEMA
from piiaudit.resources import packs_dir, schemas_dir

RECORD = "checked.sha256"
# Where the loader reads each kind of file (see loader.read_pack).
KINDS = ("pack", "rule", "list")


def digest(kind: str, data: bytes) -> str:
    """The digest under which a file of ``kind`` with contents ``data`` is recorded."""
    hasher = hashlib.sha256(b"piiaudit schema-checked\0")
    hasher.update(_schema_digest())
    hasher.update(kind.encode("ascii") + b"\0")
    hasher.update(data)
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def _schema_digest() -> bytes:
    return hashlib.sha256((schemas_dir() / RULE_PACK_SCHEMA).read_bytes()).digest()


@lru_cache(maxsize=1)
def recorded() -> frozenset[str]:
    """The digests in the shipped record (none if it is missing or unreadable)."""
    try:
        text = (packs_dir() / RECORD).read_text(encoding="ascii")
    except (OSError, UnicodeError):
        return frozenset()
    return frozenset(
        line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def is_recorded(kind: str, data: bytes) -> bool:
    """True when these exact bytes, read as ``kind``, passed the schema when recorded."""
    return digest(kind, data) in recorded()


def record_text(files: Iterable[tuple[Path, str]], root: Path) -> str:
    """The record for ``files`` (path, kind), each of which must have passed the schema."""
    lines = [
        "# SHA-256 of each shipped rule file that passed the rule-pack schema (see",
        "# piiaudit/engine/checked.py). Regenerate: python scripts/record_checked.py",
    ]
    rows = sorted((path.relative_to(root).as_posix(), kind, path) for path, kind in files)
    lines += [f"{digest(kind, path.read_bytes())}  {kind:4}  {name}" for name, kind, path in rows]
    return "\n".join(lines) + "\n"


def shipped_files(root: Path) -> list[tuple[Path, str]]:
    """Every file the loader reads from the packs under ``root``, with its kind."""
    from piiaudit.engine.loader import pack_dirs_under, pack_files

    return [item for pack in pack_dirs_under(root) for item in pack_files(pack)]


def main() -> None:
    """Check every shipped file against the schema, then write the record of them."""
    from piiaudit.engine.loader import schema_checked_problems

    root = packs_dir()
    files = shipped_files(root)
    problems = [p for path, kind in files for p in schema_checked_problems(path, kind)]
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    (root / RECORD).write_text(record_text(files, root), encoding="ascii")
    print(f"recorded {len(files)} files in {root / RECORD}")
