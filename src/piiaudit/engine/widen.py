"""A cheaper pattern for the gate: one that matches wherever the rule's own does.

The gate (:mod:`piiaudit.engine.gate`) may wake a rule that then finds nothing,
never the other way round, so it can search for a *wider* pattern than the rule's
own. Unicode property classes are what make re2 compile slowly: ``[^\\pL]`` or
``\\p{Lu}`` become large UTF-8 automata, and under ``(?i)`` each is built again
per case. The shipped packs' boundary guards (``(?:^|[^\\pL])`` before a word list,
blind EU QA round 3) took the gate's set-up from 0.04 s to 0.25 s on every scan.

:func:`widened` replaces each such class by one matching a superset of its
characters:

* a bare ``\\pL``, ``\\PL``, ``\\p{Name}`` (or ``\\P{..}``) and a positive bracket
  class holding one become ``(?s:.)``, any character;
* a negated bracket class holding one loses its property items (``[^\\pL.;\\n]``
  becomes ``[^.;\\n]``: excluding fewer characters admits more); one holding
  nothing else becomes ``(?s:.)``.

Why the result matches wherever the original does: re2's syntax has no
complement of a whole sub-pattern, no look-around and no back-references, so the
set of (text, span) pairs a pattern matches only grows when one of its character
classes grows. Everything else (escapes, ``\\Q..\\E`` literals, POSIX classes,
repetitions, flags) is copied unchanged. A pattern this module cannot read to the
end (an unterminated class; re2 would have refused it already) is returned as it
came: widening is an optimisation, never a change of what the gate may miss.
"""

from __future__ import annotations

import re
from functools import lru_cache

ANY = "(?s:.)"
_PLAIN = re.compile(r"[^\\\[]+")  # a run that holds no escape and no class


@lru_cache(maxsize=4096)  # a process that builds engines again meets the same patterns
def widened(pattern: str) -> str:
    """``pattern`` with each Unicode property class widened (see the module's docstring)."""
    if "\\p" not in pattern and "\\P" not in pattern:
        return pattern
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            end = _escape_end(pattern, i)
            if end < 0:
                return pattern
            out.append(ANY if _is_property(pattern, i) else pattern[i:end])
            i = end
        elif char == "[":
            end = _class_end(pattern, i)
            if end < 0:
                return pattern
            out.append(_widened_class(pattern[i:end]))
            i = end
        else:
            run = _PLAIN.match(pattern, i)
            assert run is not None  # char is neither '\\' nor '['
            out.append(run.group())
            i = run.end()
    return "".join(out)


def _is_property(pattern: str, at: int) -> bool:
    return pattern[at + 1 : at + 2] in ("p", "P")


def _escape_end(pattern: str, at: int) -> int:
    """The index just past the escape starting at ``pattern[at] == '\\'``; -1 if cut."""
    if at + 1 >= len(pattern):
        return -1
    kind = pattern[at + 1]
    if kind == "Q":  # a literal run up to \E (or to the end of the pattern)
        close = pattern.find("\\E", at + 2)
        return len(pattern) if close < 0 else close + 2
    if kind in "pPx" and pattern[at + 2 : at + 3] == "{":
        close = pattern.find("}", at + 3)
        return -1 if close < 0 else close + 1
    if kind in "pP":  # a one-letter name: \pL
        return -1 if at + 2 >= len(pattern) else at + 3
    return at + 2  # \d, \., \n, \x41 (its digits are copied as plain characters)


def _class_end(pattern: str, at: int) -> int:
    """The index just past the bracket class starting at ``pattern[at] == '['``; -1 if cut."""
    i = at + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":  # a ']' first is a literal
        i += 1
    while i < len(pattern):
        char = pattern[i]
        if char == "]":
            return i + 1
        if char == "\\":
            end = _escape_end(pattern, i)
            if end < 0:
                return -1
            i = end
        elif pattern.startswith("[:", i):  # [:alpha:] and [:^alpha:]
            close = pattern.find(":]", i + 2)
            i = i + 1 if close < 0 else close + 2
        else:
            i += 1
    return -1


def _widened_class(text: str) -> str:
    """A bracket class ``text`` widened: see the module's docstring."""
    negated = text.startswith("[^")
    start = 2 if negated else 1
    items: list[str] = []
    has_property = False
    i = start
    body_end = len(text) - 1
    while i < body_end:
        if text[i] == "\\":
            end = _escape_end(text, i)
            if _is_property(text, i):
                has_property = True
            else:
                items.append(text[i:end])
            i = end
        elif text.startswith("[:", i):
            close = text.find(":]", i + 2)
            end = i + 1 if close < 0 else close + 2
            items.append(text[i:end])
            i = end
        else:
            items.append(text[i])
            i += 1
    if not has_property:
        return text
    if not negated or not items:
        return ANY
    return _negated(items)


def _negated(items: list[str]) -> str:
    """``[^...]`` of the items left. A ``-`` among them may have joined a removed
    property to a neighbour (or be a range's dash): rather than reason about which,
    such a class becomes any character, still wider."""
    if "-" in items:
        return ANY
    return "[^" + "".join(f"\\{item}" if item in ("]", "^") else item for item in items) + "]"
