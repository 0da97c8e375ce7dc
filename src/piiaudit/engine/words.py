"""Word lists compiled into one linear-time matcher.

Keyword lists can hold thousands of entries. They are compiled once into a
single re2 alternation (longest words first, so ``持病`` wins over ``病`` at the
same place). Japanese has no spaces, so a Japanese word matches anywhere; a
word made of ASCII letters or digits must stand alone (``race`` does not match
inside ``embrace``), which is checked around each hit.

Speed: calling re2 from Python costs about 10 us a call (UTF-8 encoding and
offset mapping in the wrapper), which dominated evaluation. An unanchored list
(``position: any``) is a plain alternation of escaped literals, which Python's
``re`` matches with the same leftmost-first rule as re2 and cannot backtrack
catastrophically (no quantifier, no nesting), so that case runs on ``re``.
Case-insensitive matching stays exactly re2's where the two engines fold case
alike: when every cased character of the text is ASCII (see :func:`fold_safe`).
A word holding another cased letter then cannot match in either engine (every
character it could fold to is cased, so absent), and the rest fold alike.
Otherwise, and for anchored positions, re2 runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

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


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


@lru_cache(maxsize=2048)  # a field's text is asked about by every ignore-case list
def fold_safe(text: str) -> bool:
    """Whether every character of ``text`` that has a case is ASCII.

    re2 and Python's ``re`` fold ASCII letters alike, but differ on a few others
    (``ı``, ``İ``, Greek final sigma...). A non-ASCII character with no case
    mapping at all is matched by both only as itself, so such text is matched
    identically by the two engines under ignore-case."""
    if text.isascii():
        return True
    rest = _ASCII_RUNS.sub("", text)
    return rest == rest.lower() == rest.upper() == rest.casefold()


def _literal_alternation(words: list[str], *, lowered: bool) -> re.Pattern[str]:
    """``(w1|w2|...)`` over escaped literals, for Python's ``re``: no quantifier, so
    no backtracking beyond trying each word at each place (linear in the text).

    ``lowered`` builds the ignore-case twin, read on lower-cased fold-safe text:
    words with a non-ASCII cased letter are left out (they cannot match such
    text in re2 either) and the rest are lower-cased, which only changes ASCII."""
    if lowered:
        words = list(dict.fromkeys(w.lower() for w in words if fold_safe(w)))
    body = "|".join(re.escape(w) for w in words)
    return re.compile(f"({body})" if body else "(?!)")


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
        # The Python-re twin of an unanchored list; None for anchored positions.
        self._fast: re.Pattern[str] | None = None
        self._fast_needs_fold_check = ignore_case
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
            if position == "any":
                self._fast = _literal_alternation(cleaned, lowered=ignore_case)

    def __bool__(self) -> bool:
        return self._regex is not None

    def _searcher(self, text: str, exact: bool) -> tuple[re2._Regexp | re.Pattern[str] | None, str]:
        """The engine for ``text`` and the text it reads: the Python-re twin when it
        provably agrees with re2 (on the lower-cased text for an ignore-case list)."""
        fast = self._fast
        if exact or fast is None:
            return self._regex, text
        if self._fast_needs_fold_check:
            if not fold_safe(text):
                return self._regex, text
            return fast, text.lower()  # only ASCII letters change: spans stay put
        return fast, text

    def finditer(self, text: str, *, exact: bool = False) -> Iterator[tuple[int, int, str]]:
        """``(start, end, word)`` for each stand-alone hit, left to right.

        ``exact`` forces re2 (the reference path the fast path is tested against)."""
        if self._regex is None or not text:
            return
        regex, haystack = self._searcher(text, exact)
        assert regex is not None
        pos = 0
        while pos <= len(text):
            m = regex.search(haystack, pos)
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

    def search(self, text: str, *, exact: bool = False) -> tuple[int, int, str] | None:
        return next(self.finditer(text, exact=exact), None)

    def gate_pattern(self) -> str | None:
        """An unanchored re2 pattern that matches wherever any of the words occurs
        (ignoring position and stand-alone checks), for the per-contact prefilter;
        None when the list is empty and so can never match."""
        if not self.words:
            return None
        body = "|".join(re2.escape(w) for w in self.words)
        return f"(?i:{body})" if self.ignore_case else f"(?:{body})"
