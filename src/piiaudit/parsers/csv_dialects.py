"""Which exporter wrote a CSV file, told from its header row, and what each column means.

Every exporter names its columns differently, and Outlook even translates them
per locale, so the knowledge lives in YAML header maps
(``parsers/data/csv_<dialect>.yaml``, one file per exporter, each citing where
its header list comes from). A header row is matched against every map; the
map that recognises the most columns (at least three, and at least half)
names the dialect. A tie or a weak match means
``generic-csv``: then, and for any column the dialect's map does not list,
the header words decide (``csv_generic.yaml``: ``携帯`` -> a mobile number).

Header matching ignores case, surrounding blanks, runs of inner blanks, a
byte-order mark and full-width/half-width differences (NFKC).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from piiaudit.parsers.csv_roles import OTHER, ColumnRole, parse_role
from piiaudit.resources import package_path, read_shipped_mapping
from piiaudit.textnorm import nfkc

GENERIC = "generic-csv"
_SPACES = re.compile(r"\s+")


def header_key(header: str) -> str:
    """The form headers are compared in: NFKC, no BOM, trimmed, one space, case-folded.

    Type words ("Mobile", "* Home") are looked up in every row of an export, so a
    short text's key is remembered (a hostile file's long cells are not).
    """
    if len(header) <= _KEY_MEMO_MAX:
        return _short_key(header)
    return _key(header)


_KEY_MEMO_MAX = 64


def _key(header: str) -> str:
    return _SPACES.sub(" ", nfkc(header.replace("\ufeff", ""))).strip().casefold()


@lru_cache(maxsize=4096)
def _short_key(header: str) -> str:
    return _key(header)


@dataclass(frozen=True, slots=True)
class GroupRules:
    """Repeating column groups such as Google's ``Phone 1 - Label`` / ``Phone 1 - Value``."""

    pattern: re.Pattern[str]
    kinds: Mapping[str, str]
    parts: Mapping[str, str]

    def role(self, key: str) -> ColumnRole | None:
        match = self.pattern.match(key)
        if not match:
            return None
        kind = self.kinds.get(match.group("kind"))
        part = self.parts.get(match.group("part"))
        if kind is None or part is None:
            return None
        return ColumnRole("group", part=part, kind=kind, index=int(match.group("index")))


@dataclass(frozen=True, slots=True)
class Dialect:
    """One exporter's header map and value conventions, as loaded from its YAML file."""

    name: str
    columns: Mapping[str, ColumnRole]
    groups: GroupRules | None = None
    multi_value_separator: str = ""
    primary_marker: str = ""
    category_separators: tuple[str, ...] = ()
    category_marker: str = ""  # dropped before a group name ("* myContacts": a system group)
    type_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    empty_dates: frozenset[str] = frozenset()

    def role(self, key: str) -> ColumnRole | None:
        """The role of a header (already passed through :func:`header_key`), if known."""
        found = self.columns.get(key)
        if found is None and self.groups is not None:
            found = self.groups.role(key)
        return found


@dataclass(frozen=True, slots=True)
class Guesser:
    """Header words -> roles for columns no map lists (``csv_generic.yaml``).

    Each entry's words are compiled into one alternation, so a header costs
    one regex search per entry, not one substring test per word.
    """

    exact: Mapping[str, ColumnRole]
    contains: tuple[tuple[re.Pattern[str], ColumnRole], ...]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]

    def role(self, key: str) -> ColumnRole | None:
        found = self.exact.get(key)
        if found is None:
            found = next((r for words, r in self.contains if words.search(key)), None)
        if found is None or found.target not in ("phone", "email", "address"):
            return found
        extra = tuple(
            label
            for label, words in self.qualifiers
            if label not in found.labels and words.search(key)
        )
        return ColumnRole(found.target, found.labels + extra, found.part) if extra else found


def _alternation(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(header_key(w)) for w in words))


def data_dir() -> Path:
    return package_path("parsers", "data")


@cache
def load_dialects() -> tuple[Dialect, ...]:
    """Every shipped dialect, in file-name order. Bad shipped data raises ``ValueError``."""
    return tuple(
        _dialect_from(path, read_shipped_mapping(path))
        for path in sorted(data_dir().glob("csv_*.yaml"))
        if path.name != "csv_generic.yaml"
    )


@cache
def load_guesser() -> Guesser:
    path = data_dir() / "csv_generic.yaml"
    data = read_shipped_mapping(path)
    try:
        exact = {header_key(k): parse_role(v) for k, v in data["exact"].items()}
        contains = tuple(
            (_alternation(entry["words"]), parse_role(entry["role"])) for entry in data["contains"]
        )
        qualifiers = tuple(
            (label, _alternation(words)) for label, words in data["qualifiers"].items()
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    return Guesser(exact, contains, qualifiers)


def detect_dialect(headers: Sequence[str]) -> Dialect | None:
    """The dialect that recognises the header row best, or ``None`` (generic)."""
    keys = {header_key(h) for h in headers} - {""}
    if not keys:
        return None
    scored = [(sum(1 for k in keys if d.role(k) is not None), d) for d in load_dialects()]
    scored.sort(key=lambda pair: -pair[0])
    best, dialect = scored[0]
    if best < 3 or best * 2 < len(keys):
        return None
    if len(scored) > 1 and scored[1][0] == best:
        return None
    return dialect


def _dialect_from(path: Path, data: Mapping[str, Any]) -> Dialect:
    try:
        columns = {header_key(k): parse_role(v) for k, v in data["columns"].items()}
        groups = None
        if "groups" in data:
            spec = data["groups"]
            groups = GroupRules(re.compile(spec["pattern"]), spec["kinds"], spec["parts"])
        labels = {header_key(k): tuple(v) for k, v in data.get("type_labels", {}).items()}
        return Dialect(
            name=str(data["dialect"]),
            columns=columns,
            groups=groups,
            multi_value_separator=str(data.get("multi_value_separator", "")),
            primary_marker=str(data.get("primary_marker", "")),
            category_separators=tuple(str(s) for s in data.get("category_separators", ())),
            category_marker=str(data.get("category_marker", "")),
            type_labels=labels,
            empty_dates=frozenset(str(v) for v in data.get("empty_dates", ())),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc


__all__ = [
    "GENERIC",
    "OTHER",
    "Dialect",
    "Guesser",
    "detect_dialect",
    "header_key",
    "load_dialects",
    "load_guesser",
]
