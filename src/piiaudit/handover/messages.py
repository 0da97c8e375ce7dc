"""The hand-over's terminal messages, read from ``messages.yaml`` (data, not code)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from piiaudit.handover.overrides import OverrideSet
from piiaudit.model import ParseIssue, Text
from piiaudit.reporters.problems import translate
from piiaudit.reporters.textsafe import printable, visible
from piiaudit.resources import package_path, read_shipped_yaml
from piiaudit.textnorm import readable


@functools.cache
def _catalogue() -> dict[str, Text]:
    raw = read_shipped_yaml(package_path("handover", "messages.yaml"))
    return {key: Text(en=value["en"], ja=value["ja"]) for key, value in raw.items()}


# The placeholders that name a file or folder (``{overrides}``, ``{origin}`` and
# ``{made_for}`` name override files and the export one was made for; ``{files}`` is a
# list of file names): see :func:`say`.
FILE_VALUES = frozenset(
    {
        "input",
        "output",
        "file",
        "files",
        "folder",
        "out_dir",
        "path",
        "manifest",
        "overrides",
        "origin",
        "made_for",
        "replaced",
        "business_file",
        "private_file",
        "review_file",
    }
)


def say(key: str, lang: str, **values: Any) -> str:
    """Message ``key`` in ``lang`` with ``values`` filled in (its ``_one`` form, when it
    has one, for ``count=1``).

    Values come from contact exports (names, file names) and are shown on a terminal.
    A file's name (a path, or a value for one of :data:`FILE_VALUES`) is shown as
    ``scan`` shows it (:func:`~piiaudit.reporters.textsafe.visible`): every control
    character, bidi override and byte that is not UTF-8 written as a visible escape
    (``ansi\\x1b[2J.vcf``, ``rtl\\u202egpj.vcf``, ``caf\\xe9.vcf``). Deleted, as from
    a contact's text, they named another file, which may exist (``ansi.vcf``, QA
    hostile F13). Any other text (a contact's name, a label) loses its escape sequences
    and control characters (:func:`~piiaudit.reporters.textsafe.printable`).
    """
    safe = {k: _shown(k, v) for k, v in values.items()}
    catalogue = _catalogue()
    if values.get("count") == 1 and f"{key}_one" in catalogue:  # "1 problem", not "1 problems"
        key = f"{key}_one"
    return catalogue[key].get(lang).format(**safe)


def _shown(key: str, value: Any) -> Any:
    if isinstance(value, PurePath) or (key in FILE_VALUES and isinstance(value, str)):
        return visible(str(value))
    if isinstance(value, str):
        return printable(readable(value))
    return value


def word(text: str, lang: str) -> str:
    """A label or number type as the user's language says it (``word_*`` entries);
    a word without an entry (a rare vCard label) is shown as it is."""
    known = _catalogue().get(f"word_{text}")
    return known.get(lang) if known is not None else text


def issue_lines(path: str | PurePath, issues: Iterable[ParseIssue], lang: str) -> list[str]:
    """One ``file:line: message`` line per thing the reader could not take as written,
    the form ``scan`` and ``contacts`` use (and editors jump to), the reader's sentence
    in the user's language as the reports give it."""
    return [
        say("parse_issue", lang, input=path, line=i.line, message=translate(i.message, lang))
        for i in issues
    ]


def override_notes(overrides: OverrideSet, lang: str) -> list[str]:
    """The warnings about an override file's entries that decided nothing: those that
    matched no contact (a stale or mistyped file), and those whose contact a more
    specific entry decided (said apart: told "matched no contact", the user looked for
    a typo that was not there, QA round 15)."""
    lines = [
        say("override_unused", lang, selector=o.shown(), origin=o.origin)
        for o in overrides.unused()
    ]
    lines += [
        say("override_outranked", lang, selector=o.shown(), origin=o.origin, winner=w.shown())
        for o, w in overrides.outranked()
    ]
    return lines
