"""Report wording in English and Japanese, read from ``reporters/messages/<lang>.yaml``.

Wording is data, not code: translators edit YAML, and a test checks both files
carry the same keys. Lookups use dotted keys (``"summary.heading"``).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from piiaudit.errors import ConfigError
from piiaudit.reporters.options import LANGS
from piiaudit.reporters.problems import Catalog, compile_catalog
from piiaudit.reporters.textsafe import visible
from piiaudit.resources import read_shipped_yaml

_MESSAGES_DIR = Path(__file__).resolve().parent / "messages"
TRAIL_PLAIN = "plain"  # trail.yaml's column of the clauses in plain English
FIELDS_MAX = 4096  # remembered field wordings; the memo is emptied when full


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if not isinstance(key, str):
            # YAML reads a bare yes/no/on/off key as a boolean: quote it or rename it.
            raise ConfigError(f"message key {prefix}{key!r} is not a string")
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value)
    return flat


class Messages:
    """The wording of one language. ``t("level.high")`` -> ``"high"`` / ``"高"``."""

    def __init__(self, lang: str, table: dict[str, str]) -> None:
        self.lang = lang
        self._table = table
        self._fields: dict[str, str] = {}  # worded fields, at most FIELDS_MAX

    def keys(self) -> frozenset[str]:
        return frozenset(self._table)

    def t(self, key: str, **values: object) -> str:
        """The sentence for ``key`` with ``{placeholders}`` filled from ``values``.

        With ``count=1``, the key's ``_one`` sibling is used when there is one
        ("1 contact", not "1 contacts"); Japanese has the same sentence for both."""
        if values.get("count") == 1:
            text = self._table.get(f"{key}_one") or self._table[key]
        else:
            text = self._table[key]
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        """The wording for ``key``, or ``default`` when there is none (no placeholders)."""
        return self._table.get(key, default)

    def how(self, detector: str, pattern: str, before: float, after: float) -> str:
        """A finding's ``--explain`` line: which detector, what it looked for (each
        clause in words a reader knows, ``trail.yaml``: ``types fixed_line, voip``
        reads ``番号の種類 固定電話、IP電話``) and how the context words moved the
        confidence. A regular expression is not shown: a reader learns that a
        pattern matched (``正規表現（パターン一致）``); the expression itself is for
        rule authors (JSON ``trail.pattern``, ``rules test``)."""
        if detector == "regex":
            detector, pattern = "regex_matched", ""
        elif pattern:
            pattern = "; ".join(self._clause(part) for part in pattern.split("; "))
        return self.t(
            "findings.trail",
            detector=self.get(f"detectors.{detector}", detector),
            pattern=f" ({pattern})" if pattern else "",
            before=f"{before:.2f}",
            after=f"{after:.2f}",
        )

    def _clause(self, clause: str) -> str:
        """One clause of a detector's description in this language's words; as
        written when the catalog does not know it."""
        found = _trail_catalog().find(clause, _trail_column(self.lang), words=self.word)
        return clause if found is None else found

    def word(self, section: str, word: str, lang: str = "") -> str | None:
        """The wording of ``word`` in ``section`` (``phone_type.voip``, ``category.birthday``),
        or ``None`` when there is none. ``lang`` is for :data:`WordLookup` callers: this
        object's language is used."""
        return self._table.get(f"{section}.{word}")

    def field(self, field: str) -> str:
        """Where a finding sits, as a reader names it: ``phones[1]`` (the engine's
        name, counted from 0) reads "phone 2" / ``電話(2)``. The CSV report, read in
        Excel, names it so too; the reports meant for programs (JSON, SARIF) keep
        the engine's name; a field the wording
        does not know is shown as it is."""
        known = self._fields.get(field)
        if known is None:
            if len(self._fields) >= FIELDS_MAX:  # a hostile card's phones[9999] ...
                self._fields.clear()
            # A CSV column's name is part of the field (other.<column>[0]) and is data:
            # its escape sequences cleared the screen or hid the report on a terminal
            # (hostile QA F4). Controls and bidi overrides are shown as escapes.
            known = self._fields[field] = visible(self._field(field))
        return known

    def _field(self, field: str) -> str:
        name, bracket, rest = field.partition("[")
        index_text = rest[:-1] if bracket and rest.endswith("]") else ""
        if bracket and not index_text.isdigit():
            return field
        prop = ""
        if name.startswith("other."):
            name, prop = "other", name[6:]
        template = self._table.get(f"fields.{name}")
        if template is None:
            return field
        index = int(index_text) if index_text else 0
        return template.format(n=index + 1, prop=prop)


@functools.cache
def messages(lang: str) -> Messages:
    """Load (once) the wording for ``lang``; a :class:`ConfigError` for an unknown language."""
    if lang not in LANGS:
        raise ConfigError(f"unknown report language {lang!r} (choose from: {', '.join(LANGS)})")
    path = _MESSAGES_DIR / f"{lang}.yaml"
    tree = read_shipped_yaml(path)
    if not isinstance(tree, dict):
        raise ConfigError("the message file is not a mapping", path=str(path))
    return Messages(lang, _flatten(tree))


def _trail_column(lang: str) -> str:
    """The ``trail.yaml`` column a report in ``lang`` reads: English readers read the
    ``plain`` column (the ``en`` column is the engine's own clause, what it matches)."""
    return TRAIL_PLAIN if lang == "en" else lang


@functools.cache
def _trail_catalog() -> Catalog:
    """The clauses detectors describe themselves with, compiled on the first ``--explain``."""
    path = _MESSAGES_DIR / "trail.yaml"
    return compile_catalog(read_shipped_yaml(path), str(path))


@functools.cache
def text_shape(lang: str) -> str:
    """How masked free text reads in ``lang`` (``[12 chars]``, ``[12文字]``)."""
    return messages(lang).t("mask.text")
