"""Digests of the shipped rule files already known to pass the schema.

Checking the ~125 shipped rule, pack and list files against the JSON Schema is
about half of an engine's start-up (jsonschema walks every node in Python), and
every ``scan`` pays it for files that have not changed since the test suite
checked them. ``rules/checked.sha256`` records a digest of each shipped file
that passed: of the schema, the kind of document and the file's exact bytes.
The loader skips the schema check for a file whose digest is recorded; a file
changed by one byte, or checked against a changed schema, has another digest
and is checked as before. ``rules validate`` checks every file of the packs it
validates (the shipped ones when it validates them; beneath a company's packs it
reads them as a scan does).

The record can only make loading faster, never accept more: a digest stands for
bytes that passed (the schema, and compiling every pattern of the packs: the
engine compiles a recorded rule's regexes when first used), and
``tests/engine/test_checked.py`` fails when the record and the shipped files part
ways. Regenerate it after editing a shipped rule::

    .venv/bin/python scripts/record_checked.py

Reading the YAML was then most of the rest (~75 ms of every start: PyYAML composes
and converts each node in Python). ``rules/checked.jsonl`` holds, under the same
digests, each recorded file's document as :func:`.yamlsafe.load_yaml` reads it,
lines included, as JSON, which the standard library decodes in C (~8 ms for all).
It is consulted only for bytes the record holds, and the test fails unless every
cached document equals what reading the file gives.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from piiaudit.engine.schema import RULE_PACK_SCHEMA
from piiaudit.engine.yamlsafe import LineDict, LineList, load_yaml
from piiaudit.resources import packs_dir, schemas_dir

RECORD = "checked.sha256"
CACHE = "checked.jsonl"  # one line per recorded file: digest, a tab, its document as JSON
# How a document's lines ride along in JSON (no YAML key of a shipped file starts with NUL).
_LINE, _KEYS, _ITEMS, _VALUE = "\0line", "\0keys", "\0items", "\0value"
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


def cached_document(recorded_digest: str) -> LineDict | None:
    """The document of the recorded file with this digest (:func:`digest`), as
    :func:`.load_yaml` reads it, from the cache; ``None`` if it is not there (then
    the YAML is read)."""
    text = _cached().get(recorded_digest)
    if text is None:
        return None
    try:  # decoded anew each time: the loader may keep and change what it is given
        document = json.loads(text, object_hook=_decoded)
    except ValueError:
        return None
    return document if isinstance(document, LineDict) else None


@lru_cache(maxsize=1)
def _cached() -> dict[str, str]:
    """Digest -> JSON text of the document, for the recorded digests only."""
    try:
        text = (packs_dir() / CACHE).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return {}
    known = recorded()
    cached = {}
    for line in text.split("\n"):  # not splitlines(): a value may hold U+2028
        key, tab, document = line.partition("\t")
        if tab and key in known:
            cached[key] = document
    return cached


def _decoded(obj: dict[str, Any]) -> Any:
    if _LINE not in obj:
        return obj
    if _KEYS in obj:
        mapping = LineDict(obj[_VALUE])
        mapping.line, mapping.key_lines = obj[_LINE], obj[_KEYS]
        return mapping
    sequence = LineList(obj[_VALUE])
    sequence.line, sequence.item_lines = obj[_LINE], obj[_ITEMS]
    return sequence


def _encoded(value: Any) -> Any:
    if isinstance(value, LineDict):
        items = {key: _encoded(item) for key, item in value.items()}
        return {_LINE: value.line, _KEYS: value.key_lines, _VALUE: items}
    if isinstance(value, LineList):
        return {_LINE: value.line, _ITEMS: value.item_lines, _VALUE: [_encoded(v) for v in value]}
    return value


def cache_text(files: Iterable[tuple[Path, str]], root: Path) -> str:
    """The cache for ``files`` (path, kind), each of which must have passed the schema."""
    rows = sorted((path.relative_to(root).as_posix(), kind, path) for path, kind in files)
    lines = []
    for _, kind, path in rows:
        document = json.dumps(
            _encoded(load_yaml(path)), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
        lines.append(f"{digest(kind, path.read_bytes())}\t{document}")
    return "\n".join(lines) + "\n"


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
    from piiaudit.engine.loader import pack_files
    from piiaudit.engine.packsearch import pack_dirs_under

    return [item for pack in pack_dirs_under(root) for item in pack_files(pack)]


def main() -> None:
    """Check every shipped file against the schema, and that its packs load (every
    pattern compiles: the engine compiles a recorded file's patterns when first
    used), then write the record of them."""
    from piiaudit.engine.loader import load_packs, schema_checked_problems
    from piiaudit.engine.packsearch import pack_dirs_under
    from piiaudit.engine.profile import Profile

    root = packs_dir()
    files = shipped_files(root)
    problems = [p for path, kind in files for p in schema_checked_problems(path, kind)]
    problems += load_packs(pack_dirs_under(root), Profile().lists()).problems
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    (root / RECORD).write_text(record_text(files, root), encoding="ascii")
    (root / CACHE).write_text(cache_text(files, root), encoding="utf-8")
    print(f"recorded {len(files)} files in {root / RECORD} and {root / CACHE}")
