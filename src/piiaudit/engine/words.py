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
# A word list up to this many characters is compiled when first used (see WordMatcher._re2).
LAZY_COMPILE_MAX_CHARS = 200_000


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
        hint = _re2_hint(str(reason))
        raise ValueError(
            f"regex does not compile under re2 (linear-time engine): {reason}{hint}"
        ) from None


def _re2_hint(reason: str) -> str:
    """What to write instead of the constructs re2 leaves out on purpose (they need
    backtracking): its own words, "invalid perl operator: (?=", did not say so."""
    if any(f"(?{look}" in reason for look in ("=", "!", "<=", "<!")):
        return (
            " (re2 has no look-ahead or look-behind: match the context too and take the "
            "value with group:, or use exclude words)"
        )
    if "invalid escape sequence: \\" in reason and reason[-1:].isdigit():
        return " (re2 has no back-references: spell the repeated part out)"
    return ""


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def fold_safe(text: str) -> bool:
    """Whether every character of ``text`` that has a case is ASCII.

    re2 and Python's ``re`` fold ASCII letters alike, but differ on a few others
    (``ı``, ``İ``, Greek final sigma...). A non-ASCII character with no case
    mapping at all is matched by both only as itself, so such text is matched
    identically by the two engines under ignore-case. ASCII text is answered
    at once (a cache would cost more than the answer); other text is remembered."""
    return text.isascii() or _fold_safe(text)


@lru_cache(maxsize=2048)  # a field's text is asked about by every ignore-case list
def _fold_safe(text: str) -> bool:
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
    """A letter or digit of a word written in Latin letters, accented ones included:
    "client" is no word of "clientèle", nor "Kunde" of "Kundé". Japanese next to a Latin
    word does not join it (会社のiPhone holds the word iPhone)."""
    return ch.isalnum() and (
        ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"
    )


# What the anchored forms allow around the word: re2's \s is exactly [\t\n\f\r ].
_BEFORE = frozenset("\t\n\f\r ([【")
_AFTER = frozenset("\t\n\f\r )]】")
EDGE_RUN_MAX = 32  # longer runs of edge characters are left to re2


class _Anchored:
    """Whether an anchored list (prefix, suffix, whole, affix) can match a text at
    all, decided with set lookups instead of an re2 call (~8 us through the wrapper).

    The anchored patterns match only where a listed word stands after a run of
    opening characters at the start of the text, or before a run of closing
    characters at its end. So some substring ``text[i:j]`` within those runs must
    equal a word (compared lower-cased for an ignore-case list, on fold-safe text
    only, as for the Python-re twin). When none does, re2 finds nothing either;
    when one does, re2 runs as before and decides everything else."""

    def __init__(self, words: Iterable[str], position: str, *, ignore_case: bool) -> None:
        if ignore_case:
            words = [w.lower() for w in words if fold_safe(w)]
        self.words = frozenset(words)
        self.lengths = tuple(sorted({len(w) for w in self.words}))
        self.head = position in ("prefix", "affix")
        self.tail = position in ("suffix", "affix")
        self.whole = position == "whole"
        self.ignore_case = ignore_case

    def may_match(self, text: str) -> bool:
        if self.ignore_case:
            if not fold_safe(text):
                return True  # re2 decides
            text = text.lower()  # only ASCII letters change: positions stay put
        n = len(text)
        before = 0
        while before < n and text[before] in _BEFORE:
            before += 1
        after = 0
        while after < n and text[n - 1 - after] in _AFTER:
            after += 1
        if before > EDGE_RUN_MAX or after > EDGE_RUN_MAX:
            return True
        words, lengths = self.words, self.lengths
        if self.head:
            for i in range(before + 1):
                if any(text[i : i + size] in words for size in lengths):
                    return True
        if self.tail:
            for j in range(n - after, n + 1):
                if any(text[j - size : j] in words for size in lengths if size <= j):
                    return True
        if self.whole:
            for i in range(before + 1):
                for j in range(max(i + 1, n - after), n + 1):
                    if text[i:j] in words:
                        return True
        return False


# Both memos below are for a process that builds engines again and again (the test
# suite builds thousands, a library caller may too): normalising the shipped lists'
# ~9,500 words and escaping them were a third of an engine's build once the pack
# files were cached. Pure functions of a tuple of words, so the memo never goes stale;
# bounded by the number of distinct lists a process meets.
@lru_cache(maxsize=1024)
def _cleaned(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words normalised and stripped, empty ones dropped, longest first."""
    unique = {normalize(w).strip() for w in words if w and w.strip()}
    return tuple(sorted(unique, key=len, reverse=True))


@lru_cache(maxsize=1024)
def _escaped(words: tuple[str, ...]) -> str:
    """The words as one escaped re2 alternation, in their order."""
    return "|".join(re2.escape(w) for w in words)


class WordMatcher:
    """Finds any of a list of words in text (already NFKC-normalised)."""

    def __init__(
        self, words: Iterable[str], *, ignore_case: bool = False, position: str = "any"
    ) -> None:
        cleaned = list(_cleaned(tuple(words)))
        self.words = tuple(cleaned)
        self.position = position
        self.ignore_case = ignore_case
        self._regex: re2._Regexp | None = None  # compiled when first needed: see _re2
        # The Python-re twin of an unanchored list, compiled when first needed: a run
        # reads a few of the shipped lists (10-17 of 61), and compiling them all cost
        # ~30 ms of every start. None for anchored positions.
        self._fast: re.Pattern[str] | None = None
        self._twin_words: list[str] | None = None
        # For anchored positions: a cheap test that rules out most texts before re2.
        self._anchored: _Anchored | None = None
        self._fast_needs_fold_check = ignore_case
        self._body: str | None = None  # the escaped alternation, built once
        if cleaned:
            if position == "any":
                self._twin_words = cleaned
            else:
                self._anchored = _Anchored(cleaned, position, ignore_case=ignore_case)
            if sum(map(len, cleaned)) > LAZY_COMPILE_MAX_CHARS:
                self._re2()  # may not compile: say so while the pack loads

    def __bool__(self) -> bool:
        return bool(self.words)

    def _alternation(self) -> str:
        """The words as one escaped re2 alternation (longest first)."""
        if self._body is None:
            self._body = _escaped(self.words)
        return self._body

    def _re2(self) -> re2._Regexp:
        """The list's re2 pattern, compiled when first needed.

        A run reads a few of the shipped lists, and compiling all of them cost ~15 ms
        of every start. Compiling late cannot turn a pack error into a failure in the
        middle of a run: a literal alternation fails to compile only by its size, and
        one of at most ``LAZY_COMPILE_MAX_CHARS`` characters fits re2's memory in
        every position (tested); a longer list is compiled while its pack loads."""
        if self._regex is None:
            body = self._alternation()
            anchored = {
                "any": f"({body})",
                "prefix": rf"^[\s(\[【]*({body})",
                "suffix": rf"({body})[\s)\]】]*$",
                "whole": rf"^[\s(\[【]*({body})[\s)\]】]*$",
                "affix": rf"^[\s(\[【]*({body})|({body})[\s)\]】]*$",
            }[self.position]
            self._regex = compile_re2(anchored, ignore_case=self.ignore_case)
        return self._regex

    def _searcher(self, text: str, exact: bool) -> tuple[re2._Regexp | re.Pattern[str], str]:
        """The engine for ``text`` and the text it reads: the Python-re twin when it
        provably agrees with re2 (on the lower-cased text for an ignore-case list)."""
        fast = self._fast
        if exact or (fast is None and (fast := self._twin()) is None):
            return self._re2(), text
        if self._fast_needs_fold_check:
            if not fold_safe(text):
                return self._re2(), text
            return fast, text.lower()  # only ASCII letters change: spans stay put
        return fast, text

    def _twin(self) -> re.Pattern[str] | None:
        words = self._twin_words
        if words is None:
            return None
        self._fast = _literal_alternation(words, lowered=self.ignore_case)
        self._twin_words = None
        return self._fast

    def finditer(self, text: str, *, exact: bool = False) -> Iterator[tuple[int, int, str]]:
        """``(start, end, word)`` for each stand-alone hit, left to right.

        ``exact`` forces re2 (the reference path the fast path is tested against)."""
        if not self.words or not text:
            return
        if not exact and self._anchored is not None and not self._anchored.may_match(text):
            return
        regex, haystack = self._searcher(text, exact)
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
        body = self._alternation()
        return f"(?i:{body})" if self.ignore_case else f"(?:{body})"
