"""Text normalisation shared by parsers and detectors.

Japanese input mixes full-width and half-width forms and several hyphen look-alikes.
Everything that matches text (regexes, keywords, phone parsing) first runs it through
:func:`normalize`, so ``０９０ー１２３４`` and ``090-1234`` look the same.
"""

from __future__ import annotations

import re
import unicodedata

# NFKC leaves these alone, but people type them for a hyphen in numbers and codes.
_DASHES = "ー―‐‑‒–—−－﹣ｰ"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))
_ANY_DASH = re.compile(f"[{_DASHES}]")
# The prolonged sound mark after kana (or after another one) lengthens a vowel: it is part
# of the word (バースデー, センター, すごーい) and stays, so a rule's pattern with ー still
# matches under ``numbers: true`` (rule-pack author QA: JP-BDAY-001 never read
# バースデー 5月5日). After a digit, a letter, a blank or a kanji it is a dash (090ー1234).
_LONG_VOWEL = re.compile("(?<=[\u3041-\u30fa\u30fd-\u30ff\uff66-\uff6f\uff71-\uff9f])[ーｰ]+")


# A lone surrogate: what an undecodable byte becomes (``surrogateescape``), and what
# UTF-8 cannot encode.
SURROGATE = re.compile("[\ud800-\udfff]")


# Characters that show as nothing and NUL: NFKC keeps them, and one inside "Dia\u00adbetes",
# as text copied from a web page carries, hid the word from every matcher. These are
# Unicode's Default_Ignorable_Code_Point characters (DerivedCoreProperties.txt): soft
# hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer inherent
# vowels, Mongolian variation selectors and vowel separator, zero-width space and joiners,
# direction marks, embeddings and isolates, word joiner and invisible operators, variation
# selectors (an emoji keyboard's U+FE0F in "Dia\ufe0fbetes", QA round 6), BOM, halfwidth
# Hangul filler, reserved U+FFF0-FFF8, shorthand format controls, musical formatting, tags.
INVISIBLE = re.compile(
    "[\x00\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def without_invisible(text: str) -> str:
    """``text`` without the characters :data:`INVISIBLE` matches."""
    if INVISIBLE.search(text) is None:
        return text
    return INVISIBLE.sub("", text)


def without_surrogates(text: str) -> str:
    """``text`` with every lone surrogate as U+FFFD, one for one (positions keep), so it
    encodes as UTF-8: for the matchers, which read UTF-8, and for reports."""
    if text.isascii() or SURROGATE.search(text) is None:
        return text
    return SURROGATE.sub("\ufffd", text)


def readable(text: str, *, in_json: bool = False) -> str:
    """``text`` with every lone surrogate written as a backslash escape, so that it is
    valid UTF-8 and keeps every byte: an undecodable byte (U+DC80..U+DCFF, how
    ``os.fsdecode`` keeps a file name's byte that is not UTF-8) as ``\\xNN``, the byte
    it stands for (Python's ``backslashreplace`` convention); any other lone surrogate
    (from a broken UTF-16 text) as its code in four hex digits (``\\ud800``).
    ``in_json``: ``text`` is JSON, and the surrogate sits inside a string, so the
    backslash is written escaped.

    Two Japanese folder names in CP932, left by unzipping a Windows archive, became the
    same ``exports/������`` in a report, and two employees one (QA round 11)."""
    if text.isascii() or SURROGATE.search(text) is None:
        return text
    slash = "\\\\" if in_json else "\\"
    return SURROGATE.sub(lambda match: slash + _escape_code(ord(match.group())), text)


def _escape_code(code: int) -> str:
    return f"x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"u{code:04x}"


def nfkc(text: str) -> str:
    """Unicode NFKC: full-width ASCII to ASCII, half-width kana to full-width, ㈱ to (株)."""
    return unicodedata.normalize("NFKC", text)


def unify_dashes(text: str) -> str:
    """Replace hyphen look-alikes (and the katakana prolonged sound mark where it is not
    one: after a digit, a letter, a blank or a kanji) with ``-``; one character for one, so
    offsets hold.

    Only for numbers and codes: in words, ``ー`` is a real character (``センター``).
    ``str.translate`` with a mapping costs ~1 us even when nothing changes, so text
    without a look-alike (none is ASCII) is returned as it is.
    """
    if text.isascii() or _ANY_DASH.search(text) is None:
        return text
    if "ー" not in text and "ｰ" not in text:
        return text.translate(_DASH_TABLE)
    kept = [match.span() for match in _LONG_VOWEL.finditer(text)]
    if not kept:
        return text.translate(_DASH_TABLE)
    pieces, end = [], 0
    for start, stop in kept:
        pieces += [text[end:start].translate(_DASH_TABLE), text[start:stop]]
        end = stop
    pieces.append(text[end:].translate(_DASH_TABLE))
    return "".join(pieces)


LATIN_END = 0x250  # Basic Latin through Latin Extended-B: English, German, French, Polish ...


def latin_word(word: str) -> bool:
    """Whether every character of ``word`` is Latin (or ASCII punctuation and digits):
    how label samples are split by script, where the engine lists them and where a
    report orders them for its reader, who must agree on it."""
    return all(ord(char) < LATIN_END for char in word)


def normalize(text: str) -> str:
    """NFKC, then case-fold nothing: Japanese has no case and regexes decide their own."""
    return nfkc(text)


def normalize_number(text: str) -> str:
    """NFKC plus dash unification: the form phone and identifier detectors read."""
    return unify_dashes(nfkc(text))


# A remark in brackets after a name or a value (田中 一郎（糖尿病で透析中）, Karl (HIV+)):
# everything from the first opening bracket on, nested brackets and later ones included
# (鈴木 二郎（見本病院（精神科）統合失調症で入院中）: review 10). Read by the special-care
# rules (engine/remarks.py) and hidden whole when a name is masked (masking.mask_name).
# A closing bracket with no opening one before it ends a remark whose opening bracket was
# never typed (高橋 三郎 入院中)): the remark is the word holding that bracket and what
# follows (review 10: the masked name showed 高* 三* 入**).
_CLOSERS = ")）】]］〕〉》」』>＞"
# The first bracket, opening or closing:
FIRST_BRACKET = re.compile(r"[(（【\[［〔〈《「『<＜]|[)）】\]］〕〉》」』>＞]")
# A phone number typed into a name without brackets (ABC商事 田中部長 携帯090-1234-5678):
# nine digits, each followed by at most two of the separators numbers are written with (one
# search, no digit counting; two searches, this and FIRST_BRACKET, cost half of one for an
# alternation of both). The words holding such a number are a remark too (QA round 9).
NUMBER_RUN = re.compile(r"(?:[0-9０-９][ ()./\-‐－ー]{0,2}){8}[0-9０-９]")


def _word_start(text: str, at: int) -> int:
    """Where the word holding position ``at`` begins."""
    return 1 + max(text.rfind(" ", 0, at), text.rfind("\u3000", 0, at), text.rfind("\t", 0, at))


def _from_word(text: str, at: int) -> tuple[str, str]:
    """``text`` split at the start of the word holding position ``at``."""
    start = _word_start(text, at)
    return text[:start].strip(), text[start:].rstrip().rstrip(_CLOSERS).strip()


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """``text`` without the words holding ``text[start:end]`` (a phone number), and those
    words: what comes after the number is still the name (090-… 田中様, ＡＢＣ商事 ０９０…
    鈴木: review 12), so only the number's own words are the remark."""
    begin = _word_start(text, start) - 1
    stop = len(text)
    for space in (" ", "\u3000", "\t"):
        found = text.find(space, end)
        if found != -1:
            stop = min(stop, found)
    rest = f"{text[: begin + 1].strip()} {text[stop:].strip()}".strip()
    return rest, text[begin + 1 : stop].strip()


def split_remark(text: str) -> tuple[str, str] | None:
    """``(before, remark)`` for text with a bracket or a phone number, ``None`` without:
    ``before`` is the text before the first opening bracket (stripped), ``remark`` what
    follows it without the closing brackets at its end (stripped). When a closing bracket
    comes first, the remark starts at the word that holds it; when a phone number does, the
    remark is the words holding it and ``before`` the rest."""
    match = FIRST_BRACKET.search(text)
    number = NUMBER_RUN.search(text, 0, match.start() if match is not None else len(text))
    if number is not None:  # a number before any bracket: the word(s) that hold it
        return _around(text, number.start(), number.end())
    if match is None:
        return None
    at = match.start()
    if text[at] in _CLOSERS:
        return _from_word(text, at)
    return text[:at].strip(), text[match.end() :].rstrip().rstrip(_CLOSERS).strip()
