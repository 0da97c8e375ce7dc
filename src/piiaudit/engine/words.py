"""Word lists compiled into one linear-time matcher.

Keyword lists can hold thousands of entries. They are compiled once into a
single re2 alternation (longest words first, so ``持病`` wins over ``病`` at the
same place). Japanese has no spaces, so a Japanese word matches anywhere; a
word made of ASCII letters or digits must stand alone (``race`` does not match
inside ``embrace``), which is checked around each hit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import re2

from piiaudit.textnorm import normalize

MAX_MEM = 64 << 20


def re2_options(*, ignore_case: bool = False) -> re2.Options:
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    options.max_mem = MAX_MEM
    return options


def compile_re2(pattern: str, *, ignore_case: bool = False) -> re2._Regexp:
    """Compile with re2 (linear time, no backtracking); raise ``ValueError`` with re2's reason."""
    try:
        return re2.compile(pattern, re2_options(ignore_case=ignore_case))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(
            f"regex does not compile under re2 (linear-time engine): {reason}"
        ) from None


def _is_wordish(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class WordMatcher:
    """Finds any of a list of words in text (already NFKC-normalised)."""

    def __init__(
        self, words: Iterable[str], *, ignore_case: bool = False, position: str = "any"
    ) -> None:
        cleaned = sorted(
            {normalize(w).strip() for w in words if w and w.strip()}, key=len, reverse=True
        )
        self.words = tuple(cleaned)
        self.position = position
        self.ignore_case = ignore_case
        self._regex = None
        if cleaned:
            body = "|".join(re2.escape(w) for w in cleaned)
            anchored = {
                "any": f"({body})",
                "prefix": rf"^[\s(\[【]*({body})",
                "suffix": rf"({body})[\s)\]】]*$",
                "whole": rf"^[\s(\[【]*({body})[\s)\]】]*$",
                "affix": rf"^[\s(\[【]*({body})|({body})[\s)\]】]*$",
            }[position]
            self._regex = compile_re2(anchored, ignore_case=ignore_case)

    def __bool__(self) -> bool:
        return self._regex is not None

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, word)`` for each stand-alone hit, left to right."""
        if self._regex is None or not text:
            return
        pos = 0
        while pos <= len(text):
            m = self._regex.search(text, pos)
            if m is None:
                return
            group = 1 if m.start(1) >= 0 else 2
            start, end = m.start(group), m.end(group)
            word = text[start:end]
            standalone = not (
                (_is_wordish(word[:1]) and start > 0 and _is_wordish(text[start - 1]))
                or (_is_wordish(word[-1:]) and end < len(text) and _is_wordish(text[end]))
            )
            if standalone:
                yield start, end, word
                pos = max(m.end(), pos + 1)
            else:
                pos = start + 1

    def search(self, text: str) -> tuple[int, int, str] | None:
        return next(self.finditer(text), None)
