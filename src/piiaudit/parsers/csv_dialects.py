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

A map may name a header an exporter writes twice with two meanings (``repeated``:
French Outlook's ``Titre`` is the name prefix, then the job title): each occurrence
in a header row takes its own role, in order (:meth:`Dialect.role_at`).

A file no map names still has its repeating column groups read as groups
(Google's ``Phone 1 - Label`` / ``Phone 1 - Value`` written by a spreadsheet, or
an export in a language the map does not list): a label column is never taken
for a value of its kind.
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
    #: A header written more than once in one row -> the role of each occurrence, in order.
    repeated: Mapping[str, tuple[ColumnRole, ...]] = field(default_factory=dict)

    def role(self, key: str) -> ColumnRole | None:
        """The role of a header (already passed through :func:`header_key`), if known."""
        found = self.columns.get(key)
        if found is None and self.groups is not None:
            found = self.groups.role(key)
        return found

    def role_at(self, key: str, occurrence: int) -> ColumnRole | None:
        """The role of the ``occurrence``-th (0-based) column named ``key`` in a header row
        that names it more than once: its ``repeated`` role (the last one for any further
        occurrence), else the header's one role."""
        roles = self.repeated.get(key)
        if roles:
            return roles[min(occurrence, len(roles) - 1)]
        return self.role(key)


@dataclass(frozen=True, slots=True)
class GuessEntry:
    """One ``contains`` entry of ``csv_generic.yaml``: the role of a header holding a word.

    ``words`` match anywhere in the header (German and Japanese compounds:
    ``Mobiltelefon``, ``自宅電話``); ``whole_words`` only where no Latin letter
    touches them, so the short ``tel`` is found in ``Tel. privat`` and ``自宅TEL``
    but not in ``Arbeitstitel`` or ``Hotel``. An entry with ``also`` words needs one
    of them in the header too; one with ``unless`` words never takes a header holding
    one of those (a country column is never the organisation, whatever it names).
    """

    role: ColumnRole
    words: re.Pattern[str]
    also: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None

    def matches(self, key: str) -> bool:
        return (
            self.words.search(key) is not None
            and (self.also is None or self.also.search(key) is not None)
            and (self.unless is None or self.unless.search(key) is None)
        )


@dataclass(frozen=True, slots=True)
class BesideRule:
    """One ``beside`` entry of ``csv_generic.yaml``: a header that takes ``role`` when its row
    also has a column named one of ``when`` and no column of that role yet (a German list's
    ``Name`` beside ``Vorname`` is the family name, not the whole name)."""

    header: str  # in header_key's form, as are the words of ``when``
    role: ColumnRole
    when: frozenset[str]


@dataclass(frozen=True, slots=True)
class Guesser:
    """Header words -> roles for columns no map lists (``csv_generic.yaml``).

    Each entry's words are compiled into one alternation, so a header costs
    one regex search per entry, not one substring test per word. Before the words:
    a whole header listed as such, then the column groups of every shipped dialect
    (``groups``: a Google-style group in a file no map names), then a column named
    as a group's label (``… - Label``, ``… - 種類``) whose kind no group knows: kept
    as it is, never a value. A header whose parenthesis holds only a home/work word
    (``国 (会社)``) is read by what stands before it, the parenthesis adding the label.
    """

    exact: Mapping[str, ColumnRole]
    contains: tuple[GuessEntry, ...]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    label_column: re.Pattern[str] | None = None
    groups: tuple[GroupRules, ...] = ()
    label_parts: tuple[str, ...] = ()  # the type words (``label_parts``), in header_key's form
    beside: tuple[BesideRule, ...] = ()

    def role(self, key: str) -> ColumnRole | None:
        found = self.exact.get(key)
        if found is None:
            group = next((r for g in self.groups if (r := g.role(key)) is not None), None)
            if group is not None:
                return group
            if self.label_column is not None and self.label_column.search(key):
                return OTHER
            found = self._qualified(key) or self._words(key)
        return self.qualify(key, found) if found is not None else None

    def qualify(self, key: str, found: ColumnRole) -> ColumnRole:
        """``found`` with the labels the header's qualifier words add (home, work, cell ...)
        to a phone, e-mail or address column."""
        if found.target not in ("phone", "email", "address"):
            return found
        extra = tuple(
            label
            for label, words in self.qualifiers
            if label not in found.labels and words.search(key)
        )
        return ColumnRole(found.target, found.labels + extra, found.part) if extra else found

    def _words(self, key: str) -> ColumnRole | None:
        return next((entry.role for entry in self.contains if entry.matches(key)), None)

    def _qualified(self, key: str) -> ColumnRole | None:
        """The role of ``base (qualifier)`` when the parenthesis holds a home/work word only.

        ``国 (会社)`` is the company's country, not the company: the words of the whole
        header would find ``会社`` first. The qualifier's label is added by the caller,
        which reads the qualifier words of the whole header.
        """
        match = _PARENTHESIS.match(key)
        if match is None:
            return None
        inner = match.group("inner")
        if not any(words.search(inner) for _, words in self.qualifiers):
            return None
        base = match.group("base")
        return self.exact.get(base) or self._words(base)


_PARENTHESIS = re.compile(r"^(?P<base>[^()]+?) ?\((?P<inner>[^()]+)\)$")
# What a "whole word" may not touch: a Latin letter (a CJK character or punctuation may).
_LATIN = "a-z\u00c0-\u024f"


def _alternation(words: Sequence[str], whole: Sequence[str] = ()) -> re.Pattern[str]:
    parts = [re.escape(header_key(w)) for w in words]
    parts += [f"(?<![{_LATIN}]){re.escape(header_key(w))}(?![{_LATIN}])" for w in whole]
    return re.compile("|".join(parts))


def _entry(spec: Mapping[str, Any]) -> GuessEntry:
    """One ``contains`` entry; an entry without words would take every header."""
    if not (spec.get("words") or spec.get("whole_words")):
        raise ValueError(f"contains entry for {spec.get('role')!r} has no words")
    also = spec.get("also")
    unless = spec.get("unless")
    return GuessEntry(
        role=parse_role(spec["role"]),
        words=_alternation(spec.get("words", ()), spec.get("whole_words", ())),
        also=_alternation(also) if also else None,
        unless=_alternation(unless) if unless else None,
    )


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
        contains = tuple(_entry(entry) for entry in data["contains"])
        qualifiers = tuple(
            (label, _alternation(words)) for label, words in data["qualifiers"].items()
        )
        parts = data.get("label_parts", ())
        label_column = (
            re.compile(r" ?- ?(?:" + _alternation(parts).pattern + ")$") if parts else None
        )
        beside = tuple(
            BesideRule(
                header_key(entry["header"]),
                parse_role(entry["role"]),
                frozenset(header_key(word) for word in entry["when"]),
            )
            for entry in data.get("beside", ())
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    groups = tuple(d.groups for d in load_dialects() if d.groups is not None)
    return Guesser(
        exact,
        contains,
        qualifiers,
        label_column,
        groups,
        tuple(header_key(p) for p in parts),
        beside,
    )


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
        repeated = {
            header_key(k): tuple(parse_role(role) for role in v)
            for k, v in data.get("repeated", {}).items()
        }
        for key, roles in repeated.items():
            # Listed in columns too, so the header counts towards detecting the dialect,
            # and with the first occurrence's role, so a row naming it once reads the same.
            if len(roles) < 2 or columns.get(key) != roles[0]:
                raise ValueError(
                    f"repeated header {key!r}: needs two roles or more, the first one "
                    "that of its entry in columns"
                )
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
            repeated=repeated,
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc


__all__ = [
    "GENERIC",
    "OTHER",
    "BesideRule",
    "Dialect",
    "GuessEntry",
    "Guesser",
    "detect_dialect",
    "header_key",
    "load_dialects",
    "load_guesser",
]
