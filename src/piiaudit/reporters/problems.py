"""The readers' problems in the report's language: why a file was not read, what a line lost.

The readers (parsers, discovery, the audit) write these sentences in English,
some with values inside ("3 lines outside any vCard skipped", "cannot be opened
(Too many levels of symbolic links)"). They are a stage that knows nothing of
reports, so the sentences are translated here, where the report view is built
(:func:`piiaudit.reporters.view.file_view`): every format, and every worker
process that builds its part of a report, then shows the same words.

The wording is data: ``messages/problems.yaml`` pairs each English template with
its translations. It is compiled once per process: a template without
placeholders is an exact look-up; the others become anchored regexes, tried most
specific first (the most fixed text), each placeholder held to its own pattern.
A placeholder listed as ``translated`` (an OS error text, a nested sentence) is
translated in turn. A sentence the catalog does not know is returned unchanged:
a report must never fail, nor lose a reader's words, over wording.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from piiaudit.errors import ConfigError
from piiaudit.resources import read_shipped_yaml
from piiaudit.textnorm import latin_word

__all__ = ["SOURCE_LANG", "Catalog", "catalog", "covers", "forget", "translate"]

SOURCE_LANG = "en"  # the language the readers write
CATALOG_PATH = Path(__file__).resolve().parent / "messages" / "problems.yaml"
MEMO_MAX = 4096  # remembered translations; the memo is emptied when full
MEMO_CHARS = 512  # longer sentences (a hostile CHARSET quoted whole) are not remembered
_NESTING = 2  # "FN: value is not valid utf-8; read as windows-1252" holds one sentence
_ANY = ".+?"  # what a placeholder without its own pattern may hold
_LETTERS = re.compile(r"[A-Za-z]")

# (lang, message) -> translation: a file with 10,000 ragged rows repeats one sentence.
_memo: dict[tuple[str, str], str] = {}


@dataclass(frozen=True, slots=True)
class _Template:
    """One sentence with placeholders: how to recognise it, and its wording per language."""

    pattern: re.Pattern[str]
    texts: Mapping[str, str]
    nested: tuple[str, ...]  # its placeholders whose values are translated too
    worded: tuple[tuple[str, str], ...] = ()  # (placeholder, section): a list of known words
    by_script: tuple[str, ...] = ()  # placeholders: lists of words in several scripts


# (section, word, lang) -> the word in ``lang``, or None: how a ``worded`` placeholder's
# words are named (the report wording's ``phone_type.*``, ``category.*``).
WordLookup = Callable[[str, str, str], str | None]


class Catalog:
    """The compiled ``problems.yaml``: exact sentences, templates, words for placeholders."""

    def __init__(
        self,
        exact: Mapping[str, Mapping[str, str]],
        templates: tuple[_Template, ...],
        terms: Mapping[str, Mapping[str, str]],
        latin_first: frozenset[str] = frozenset(),
    ) -> None:
        self._exact = exact
        self._templates = templates
        self._terms = terms
        self._latin_first = latin_first

    def find(
        self,
        message: str,
        lang: str,
        strict: bool = False,
        depth: int = _NESTING,
        words: WordLookup | None = None,
    ) -> str | None:
        """``message`` in ``lang``, or ``None`` when the catalog does not know it.

        ``strict``: a translated placeholder whose value holds letters must be
        known too (what the coverage test asks); otherwise its value is kept.
        ``words`` names the items of a ``worded`` placeholder (``fixed_line, voip``
        as ``固定電話、IP電話``); without it, or for an item it does not know, the
        item is kept as written (with ``strict``, the message is not known).
        """
        known = self._exact.get(message)
        if known is not None:
            return known.get(lang)
        for template in self._templates:
            match = template.pattern.fullmatch(message)
            target = template.texts.get(lang) if match else None
            if match is None or target is None:
                continue
            values = match.groupdict()
            for name in template.nested:
                value = self._value(values[name], lang, strict, depth)
                if value is None:
                    break
                values[name] = value
            else:
                for name, section in template.worded:
                    value = _worded(values[name], section, lang, strict, words)
                    if value is None:
                        break
                    values[name] = value
                else:
                    for name in template.by_script:
                        values[name] = script_first(values[name], lang in self._latin_first)
                    return target.format(**values)
        return None

    def _value(self, value: str, lang: str, strict: bool, depth: int) -> str | None:
        """A translated placeholder's value: a known word, a known sentence, or as it is."""
        term = self._terms.get(value)
        if term is not None and lang in term:
            return term[lang]
        found = self.find(value, lang, strict, depth - 1) if depth > 0 else None
        if found is not None:
            return found
        return None if strict and _LETTERS.search(value) else value


def _worded(
    value: str, section: str, lang: str, strict: bool, words: WordLookup | None
) -> str | None:
    """A ``worded`` placeholder's list (``a, b``), each item named in ``lang`` and the
    list joined as ``lang`` joins one (the ``list.separator`` word)."""
    items = value.split(", ")
    named = [words(section, item, lang) if words is not None else None for item in items]
    if strict and any(n is None for n in named):
        return None
    separator = words("list", "separator", lang) if words is not None else None
    return (separator or ", ").join(n or item for n, item in zip(named, items, strict=True))


_MORE = re.compile(r" … \(\+[0-9]+\)$")  # the count a shortened list of words ends with


def script_first(value: str, latin_first: bool) -> str:
    """A list of words (``宅, 家, casa, home … (+37)``) with the reader's script first:
    Latin for an English reader, the others for a Japanese one. The engine lists the
    Japanese ones first, so an English ``--explain`` began its label samples with
    宅, 家, 〜家. The order within each script, and the count, stay."""
    more = _MORE.search(value)
    head, tail = (value[: more.start()], more.group()) if more else (value, "")
    items = head.split(", ")
    latin = [item for item in items if latin_word(item)]
    other = [item for item in items if not latin_word(item)]
    return ", ".join(latin + other if latin_first else other + latin) + tail


def translate(message: str, lang: str) -> str:
    """``message`` in the report language ``lang``; unchanged in English or when unknown."""
    if lang == SOURCE_LANG or not message:
        return message
    key = (lang, message)
    known = _memo.get(key)
    if known is not None:
        return known
    text = catalog().find(message, lang)
    if text is None:
        text = message
    if len(message) <= MEMO_CHARS:
        if len(_memo) >= MEMO_MAX:
            _memo.clear()
        _memo[key] = text
    return text


def covers(message: str, lang: str) -> bool:
    """Whether ``message`` is translated into ``lang`` whole, placeholders included."""
    return lang == SOURCE_LANG or catalog().find(message, lang, strict=True) is not None


def forget() -> None:
    """Empty the translation memo (tests compare translations made warm and cold)."""
    _memo.clear()


@functools.cache
def catalog() -> Catalog:
    """The catalog, read and compiled once per process (on the first non-English report)."""
    return compile_catalog(read_shipped_yaml(CATALOG_PATH), str(CATALOG_PATH))


def compile_catalog(data: Any, where: str) -> Catalog:
    """Check and compile the catalog's data; a :class:`ConfigError` names what is wrong."""
    if not isinstance(data, dict):
        raise ConfigError("the problem catalog is not a mapping", path=where)
    patterns = data.get("placeholders") or {}
    translated = frozenset(data.get("translated") or ())
    worded = data.get("worded") or {}
    by_script = frozenset(data.get("by_script") or ())
    latin_first = frozenset(data.get("latin_first") or ())
    if not isinstance(worded, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in worded.items()
    ):
        raise ConfigError("'worded' must map placeholders to wording sections", path=where)
    if not isinstance(patterns, dict) or not all(isinstance(p, str) for p in patterns.values()):
        raise ConfigError("'placeholders' must map names to regular expressions", path=where)
    terms = {entry[SOURCE_LANG]: entry for entry in _entries(data, "terms", where)}
    exact: dict[str, dict[str, str]] = {}
    templates: list[tuple[int, _Template]] = []
    for entry in _entries(data, "messages", where):
        source = entry[SOURCE_LANG]
        names = _placeholders(source, where)
        for lang, text in entry.items():
            if not _placeholders(text, where) <= names:
                raise ConfigError(
                    f"{lang} of {source!r} has a placeholder the English lacks", where
                )
        if not names:
            exact[source] = entry
            continue
        regex, fixed = _regex(source, patterns)
        nested = tuple(sorted(names & translated))
        named = tuple((name, worded[name]) for name in sorted(names & worded.keys()))
        scripted = tuple(sorted(names & by_script))
        templates.append((fixed, _Template(regex, entry, nested, named, scripted)))
    # Most fixed text first: "value is not valid {charset}; read as {used}" before
    # "value is not valid {charset}", which would also match it. Stable for ties.
    templates.sort(key=lambda item: -item[0])
    return Catalog(exact, tuple(t for _, t in templates), terms, latin_first)


def _entries(data: Mapping[str, Any], section: str, where: str) -> list[dict[str, str]]:
    """The ``section`` list: mappings of language to text, each with its English."""
    entries = data.get(section) or []
    checked: list[dict[str, str]] = []
    seen: set[str] = set()
    for entry in entries if isinstance(entries, list) else [entries]:
        if (
            not isinstance(entry, dict)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in entry.items())
            or SOURCE_LANG not in entry
        ):
            raise ConfigError(f"{section}: {entry!r} is not a map of language to text", where)
        if entry[SOURCE_LANG] in seen:
            raise ConfigError(f"{section}: {entry[SOURCE_LANG]!r} is listed twice", where)
        seen.add(entry[SOURCE_LANG])
        checked.append(entry)
    return checked


def _placeholders(template: str, where: str) -> set[str]:
    """The ``{names}`` in a template (positional or formatted fields are refused)."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ConfigError(f"{template!r}: {exc}", where) from None
    if not all(name.isidentifier() for name in fields):
        raise ConfigError(f"{template!r}: placeholders must be names", where)
    return set(fields)


def _regex(template: str, patterns: Mapping[str, str]) -> tuple[re.Pattern[str], int]:
    """The template as a regex (placeholders as named groups) and its fixed text's length."""
    parts: list[str] = []
    seen: set[str] = set()
    fixed = 0
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        fixed += len(literal)
        if name is None:
            continue
        if name in seen:
            parts.append(f"(?P={name})")
        else:
            seen.add(name)
            parts.append(f"(?P<{name}>{patterns.get(name, _ANY)})")
    return re.compile("".join(parts), re.DOTALL), fixed
