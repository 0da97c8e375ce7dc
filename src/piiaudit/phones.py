"""Phone-number normalisation through phonenumbers, shared by parsers and detectors.

Japanese numbers are written in many ways (``０９０ー１２３４ー５６７８``,
``+81 (0)90-...``, ``0081-90-...``, ``03-1234-5678 内線12``, ``tel:`` URIs, dial
pauses ``p``/``w``). :func:`classify` turns any of them into an E.164 string and
phonenumbers' number type, or ``(None, None)`` when the text is not a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberType

from piiaudit.textnorm import normalize_number

DEFAULT_REGION = "JP"

_TYPE_NAMES: dict[int, str] = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.VOICEMAIL: "voicemail",
}

#: A compiled pattern's ``fullmatch``, kept bound so the hot path skips an attribute lookup.
_Match = Callable[[str], "re.Match[str] | None"]

# phonenumbers' own order of checks (phonenumberutil._number_type_helper).
_SPECIAL_DESCS = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)


class _Desc:
    """One number-type description from phonenumbers' metadata, compiled once."""

    __slots__ = ("lengths", "pattern", "source")

    def __init__(self, desc: Any) -> None:
        pattern = getattr(desc, "national_number_pattern", None) if desc is not None else None
        self.source: str | None = pattern or None
        self.pattern = re.compile(pattern) if pattern else None
        self.lengths = frozenset(getattr(desc, "possible_length", None) or ())

    def matches(self, nsn: str) -> bool:
        if self.pattern is None:
            return False
        if self.lengths and len(nsn) not in self.lengths:
            return False
        return self.pattern.fullmatch(nsn) is not None

    def admits(self, length: int) -> bool:
        """Whether a number of this length can match (phonenumbers' length gate)."""
        return self.pattern is not None and (not self.lengths or length in self.lengths)


_FIXED = "fixed_line"
_MOBILE = "mobile"


class _Region:
    """phonenumbers' metadata for one region, in the shape the fast path needs.

    The type descriptions are tried in phonenumbers' order, but in one regex
    per number length: an alternation of the descriptions that admit that
    length, each in a named group, so the first alternative that matches the
    whole number names its type. One ``fullmatch`` instead of up to eleven.
    """

    def __init__(self, region: str) -> None:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if meta is None:
            raise LookupError(region)
        self.country_code = str(meta.country_code)
        self.national_prefix = meta.national_prefix or ""
        # Dialled from this region, "010 1 650..." (JP) is an international call, not a
        # national number: phonenumbers reads it as +1 650..., so the fast path must not.
        idd = meta.international_prefix
        self.international = re.compile(idd) if idd else None
        # Most prefixes are plain digits ("010", "00"): then ``startswith`` says the same.
        self.idd_literal = idd if idd and idd.isascii() and idd.isdigit() else None
        self.double_prefix = self.national_prefix * 2
        # phonenumbers strips what this pattern matches from a national number, a +CC
        # one's too (Brazil's carrier codes: +55 90 3000 0000 is +55 3000 0000). Where it
        # is more than the national prefix itself, the fast path checks it (below).
        npfp = meta.national_prefix_for_parsing
        self.prefix_for_parsing = (
            re.compile(npfp) if npfp and npfp != self.national_prefix else None
        )
        self.general = _Desc(meta.general_desc)
        self.mobile = _Desc(meta.mobile)
        self.same_mobile_and_fixed = bool(meta.same_mobile_and_fixed_line_pattern)
        ordered = [(name, _Desc(getattr(meta, name)), kind) for name, kind in _SPECIAL_DESCS]
        ordered.append((_FIXED, _Desc(meta.fixed_line), PhoneNumberType.FIXED_LINE))
        if not self.same_mobile_and_fixed:  # phonenumbers then never answers "mobile" alone
            ordered.append((_MOBILE, self.mobile, PhoneNumberType.MOBILE))
        self.kind_names = {name: _TYPE_NAMES[kind] for name, _, kind in ordered}
        self.by_length: dict[int, re.Pattern[str]] = {}
        for length in self.general.lengths:
            alternatives = [
                f"(?P<{name}>{desc.source})" for name, desc, _ in ordered if desc.admits(length)
            ]
            if alternatives:
                self.by_length[length] = re.compile("|".join(alternatives))
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(meta.country_code or 0), ())
        # Shared country codes (+1, +7, +44 ...) need phonenumbers' region resolution.
        # A general description without lengths would leave the per-length table empty.
        self.usable = (
            len(regions) == 1 and len(self.national_prefix) == 1 and bool(self.general.lengths)
        )

        # Length -> fullmatch of the general description, of the combined types and of the
        # mobile description (None where no such pattern admits the length): one dict
        # lookup stands for the length gates of all three (see _fast_classify).
        self.checks: dict[int, tuple[_Match, _Match | None, _Match | None]] = {}
        if self.general.pattern is not None:
            general = self.general.pattern.fullmatch
            mobile = self.mobile.pattern
            for length in self.general.lengths:
                combined = self.by_length.get(length)
                self.checks[length] = (
                    general,
                    combined.fullmatch if combined else None,
                    mobile.fullmatch if mobile and self.mobile.admits(length) else None,
                )

    def kind_of(self, found: re.Match[str] | None, mobile: _Match | None, nsn: str) -> str:
        """phonenumbers' type of ``nsn`` in :func:`classify`'s words (``"mobile"`` ...).

        ``nsn`` must already match the general description; ``found`` is the
        match of ``by_length[len(nsn)]`` on it, ``mobile`` the mobile check of that length.
        """
        if found is None or found.lastgroup is None:
            return "unknown"
        name = found.lastgroup
        if name == _FIXED and (
            self.same_mobile_and_fixed or (mobile is not None and mobile(nsn) is not None)
        ):
            return "fixed_line_or_mobile"
        return self.kind_names[name]


#: Regions already looked up, by code: a plain dict is cheaper than the LRU cache's call.
_REGIONS: dict[str, _Region | None] = {}
_MAX_REGIONS = 64


@lru_cache(maxsize=64)
def _region(region: str) -> _Region | None:
    try:
        info = _Region(region)
    except LookupError:
        return None
    return info if info.usable else None


def _fast_classify(text: str, region: str) -> tuple[str, str] | None:
    """Classify a plain national or +CC number of ``region`` from phonenumbers' metadata
    without a full parse (a full parse costs ~40 µs; this one or two). Returns ``None``
    whenever the number is not plainly of that shape, and the caller then asks
    phonenumbers itself; ``tests/test_phones.py`` checks both agree.

    Plain means: an optional ``+``, an ASCII digit, then ASCII digits and the
    separators `` ()./-``. Every reader calls this for every number, so it is
    written for speed: chained ``replace`` drops the separators (a quarter of the
    cost of ``str.translate``), and one dict lookup by length stands for the
    length checks of the general description and of the type patterns.
    """
    plus = text[:1] == "+"
    first = text[1:2] if plus else text[:1]
    if not "0" <= first <= "9":
        return None
    digits = text.replace("-", "")
    if not digits.isdigit():  # most numbers are digits and hyphens only
        digits = (
            digits.replace(" ", "")
            .replace("(", "")
            .replace(")", "")
            .replace(".", "")
            .replace("/", "")
        )
        if not digits[plus:].isdigit():
            return None
    if not digits.isascii():
        return None
    try:
        info = _REGIONS[region]
    except KeyError:
        if len(_REGIONS) >= _MAX_REGIONS:
            _REGIONS.clear()
        info = _REGIONS[region] = _region(region)
    if info is None:
        return None
    parsing = info.prefix_for_parsing
    if plus:
        if not digits.startswith(info.country_code, 1):
            return None
        nsn = digits[1 + len(info.country_code) :]
        if parsing is not None and parsing.match(nsn):
            return None  # phonenumbers may strip a prefix or carrier code from it
    elif (
        digits.startswith(info.national_prefix)
        and not digits.startswith(info.double_prefix)
        and not (
            digits.startswith(info.idd_literal)
            if info.idd_literal is not None
            else info.international is not None and info.international.match(digits)
        )
    ):
        nsn = digits[1:]
        if parsing is not None and (found := parsing.match(digits)) and found.end() != 1:
            return None  # more than the national prefix: a carrier code, a special prefix
    else:
        return None
    checks = info.checks.get(len(nsn))
    if checks is None or nsn[0] == "0" or checks[0](nsn) is None:
        return None  # phonenumbers may still read it (as invalid, or via another region)
    _, combined, mobile = checks
    kind = "unknown" if combined is None else info.kind_of(combined(nsn), mobile, nsn)
    return "+" + info.country_code + nsn, kind


_EXTENSION = re.compile(r"[(\[]?\s*(?:内線|ext\.?|x)\s*(\d{1,6})\s*[)\]]?\s*$", re.IGNORECASE)
_DIAL_PAUSES = re.compile(r"[pPwW,;].*$")
_TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]\d]*[)\]]\s*$")  # "090-1234-5678 (夜)"


def clean(raw: str) -> str:
    """Strip what phonenumbers cannot read: URI scheme, extension words, dial pauses, notes."""
    text = normalize_number(raw).strip()
    low = text.lower()
    if low.startswith("tel:"):
        text = text[4:]
    text = _TRAILING_NOTE.sub("", text)
    text = _EXTENSION.sub(lambda m: f" ext. {m.group(1)}", text)
    if "ext." not in text:
        text = _DIAL_PAUSES.sub("", text)
    text = text.strip()
    if text.startswith("0081"):
        text = "+81" + text[4:]
    return text


def classify(raw: str, region: str = DEFAULT_REGION) -> tuple[str | None, str | None]:
    """Return ``(e164, number_type)`` for a written number, ``(None, None)`` if unparseable.

    ``number_type`` is ``"unknown"`` for a number that parses but that
    phonenumbers cannot place (an unallocated range, a typo).
    """
    fast = _fast_classify(raw.strip(), region)  # most numbers: plain ASCII, no cleaning needed
    if fast is not None:
        return fast
    return _classify_written(raw, region)


@lru_cache(maxsize=16384)
def _classify_written(raw: str, region: str) -> tuple[str | None, str | None]:
    """The slow path of :func:`classify`, cached: only it costs enough to be worth a cache
    (the fast path takes less time than a cache miss, and caching it grew memory with
    every distinct number of a large file)."""
    text = clean(raw)
    if sum(ch.isdigit() for ch in text) < 5:
        return None, None
    fast = _fast_classify(text, region)
    if fast is not None:
        return fast
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return _one_number_among_words(text, region)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not phonenumbers.is_valid_number(number):
        return e164, "unknown"
    return e164, _TYPE_NAMES.get(phonenumbers.number_type(number), "unknown")


# A number as people type it into a phone field: digits with the separators of
# :func:`_fast_classify`, at least seven digits (fewer is an extension or a time).
_RUN = re.compile(r"[+(]?[0-9](?:[0-9 ()./-]*[0-9])?")
_MIN_RUN_DIGITS = 7
#: A phone value this long or shorter holds one number at most: readers call
#: :func:`classify` for it directly (most values), :func:`numbers_in` for a longer one.
SHARED_FIELD_MIN = 2 * _MIN_RUN_DIGITS


def _runs(text: str) -> list[str]:
    return [
        m.group().strip()
        for m in _RUN.finditer(text)
        if sum(ch.isdigit() for ch in m.group()) >= _MIN_RUN_DIGITS
    ]


def _one_number_among_words(text: str, region: str) -> tuple[str | None, str | None]:
    """The number of a value that holds one number and words phonenumbers refuses
    (``090-1234-5678 夜のみ``, ``03-5555-0101 FAX兼用``, ``※私用 090-...``): its words are
    the owner's remark (engine/remarks.py reads them), not a reason to leave the number
    unread, which kept a private mobile out of every report and in the hand-over (QA
    round 9). Two numbers, or none, stay unread here: :func:`numbers_in` splits the first."""
    runs = _runs(text)
    if len(runs) != 1 or runs[0] == text:
        return None, None
    found = classify(runs[0], region)
    words = runs[0].split(" ")
    # A year or an hour after the number joins its run (090-… 2024年4月まで, 03-… 9時～):
    # the longest leading part that is a number is the number.
    while found[1] in (None, "unknown") and len(words) > 1:
        words.pop()
        shorter = classify(" ".join(words), region)
        if shorter[1] not in (None, "unknown"):
            found = shorter
    return found


# What people put between two numbers typed into one field: 、 / ・ ／ | ; and "or" words,
# and a comma or two spaces (a comma glued to digits is a dial pause: "03-5555-0101,,12").
_BETWEEN_NUMBERS = re.compile(
    r"\s*(?:[、，；;・／|]|\s/\s?|/\s|,\s|\s{2,}|\s(?:or|oder|ou|o|または|又は|もしくは|か)\s)\s*"
)


def numbers_in(value: str, region: str) -> list[tuple[str, str | None, str | None]]:
    """``(text, e164, number_type)`` for each number a phone field holds.

    One, nearly always: the value as written with :func:`classify`'s answer. A value
    holding several numbers (``03-5555-0101 / 090-1234-5678``, ``090-…、080-…``, a
    spreadsheet's "office or mobile" cell) was one unreadable value: none of its numbers
    was reported and ``minimize`` handed all of them over (QA round 9). It is split at
    the separators people type between numbers when every piece with a digit is a number
    phonenumbers accepts; a piece without a digit (``自宅``) stays with the number
    before it, as that number's remark. Any other value of two numbers or more (a single
    space, a line break, a TAB, ``FAX``, ``（代表）`` or a bare comma between them) is
    split where :func:`_numbers_apart` finds every piece a whole number."""
    e164, kind = classify(value, region)
    # Two numbers have at least 14 digits; one has at most 15 (E.164), and one read whole
    # may still hide a second behind a comma its dial pause cut off.
    if len(value) <= SHARED_FIELD_MIN or sum(ch.isdigit() for ch in value) < SHARED_FIELD_MIN:
        return [(value, e164, kind)]
    pieces: list[str] = []
    for piece in _BETWEEN_NUMBERS.split(value):
        if not piece or piece.isspace():
            continue
        if pieces and not any(ch.isdigit() for ch in piece):
            pieces[-1] = f"{pieces[-1]} {piece.strip()}"
        else:
            pieces.append(piece.strip())
    if len(pieces) >= 2:
        found = [(piece, *classify(piece, region)) for piece in pieces]
        if all(kind not in (None, "unknown") for _, _, kind in found):
            return found
    # One valid number as a whole: phonenumbers reads the first number of some values
    # of two ("03-… (090-…)"), so it is one only if it leaves too few digits for another.
    one = (
        e164 is not None
        and kind not in (None, "unknown")
        and sum(ch.isdigit() for ch in value) - (len(e164) - 1) < _MIN_RUN_DIGITS
    )
    apart = _numbers_apart(value, region, one)
    return apart if apart is not None else [(value, e164, kind)]


_DIGIT_RUN = re.compile(r"\d+")
#: Longer values, or values of more digit runs, are not searched for numbers (a hostile
#: or pasted value): they stay one value, as every value did before.
_APART_MAX_CHARS = 256
_APART_MAX_RUNS = 16
#: No written number has more digits: 15 (E.164) and a trunk prefix, or an extension.
_GROUP_MAX_DIGITS = 22
# What may stand between the digit runs of one number written with spaces, brackets,
# dots or slashes (03 5558 0001, (03) 5558-0001, 0711/5555801): between two numbers it
# separates them only when the value is not one valid number as a whole.
_INSIDE_A_NUMBER = frozenset(" -./()")
# Separators around a remark between two numbers, which belongs to neither number.
_AROUND_WORDS = " \t\r\n\u3000,、，;；/／|・-‐‑‒–—―−－~～"
_OPENERS = "([【［〔"
_CLOSERS = ")]】］〕"


def _numbers_apart(
    value: str, region: str, one: bool
) -> list[tuple[str, str | None, str | None]] | None:
    """The numbers of a value holding two or more, else ``None``: split wherever every
    piece is a whole number on its own, and only there (F1, QA formats: a single space,
    a line break typed with Alt+Enter, a TAB, ``03-… FAX 090-…``, ``03-…（代表）090-…``
    and ``03-…,090-…`` left the mobile unread, or, read as a dial pause, dropped it).

    A piece is a whole number when it has seven digits or more, :func:`classify` finds it
    valid, and it is written as it is dialled (:func:`_dialled_whole`): with its country
    code, or with the trunk prefix its region dials (``5558-0002`` after a comma is the
    rest of the first number, or digits to dial after a pause, not a number of its own).
    One number written with spaces (``03 5558 0001``, ``+81 90 1234 5678``, ``(03)
    5558-0001``, ``03-5558-0001 内線 245``) has no such split: each cut leaves a piece
    too short or not dialled whole. Where only spaces, hyphens, dots, slashes or brackets
    stand between two pieces, the value must also not be one valid number as a whole
    (``one``).

    Of the splits found, the one with the fewest pieces wins. Words between two numbers
    are a remark, kept with one of them (see :func:`_remark_goes_back`); the pieces as
    written keep them, and each piece must still read as its number.
    """
    if len(value) > _APART_MAX_CHARS:
        return None
    runs = [(m.start(), m.end()) for m in _DIGIT_RUN.finditer(value)]
    count = len(runs)
    if count < 2 or count > _APART_MAX_RUNS:
        return None
    # Where a number of runs i..j starts: its first run, with a + or ( just before it.
    starts = [_number_start(value, start) for start, _ in runs]
    valid: dict[tuple[int, int], bool] = {}

    def whole(i: int, j: int) -> bool:
        found = valid.get((i, j))
        if found is None:
            digits = sum(end - start for start, end in runs[i : j + 1])
            found = _MIN_RUN_DIGITS <= digits <= _GROUP_MAX_DIGITS and _is_whole_number(
                value[starts[i] : runs[j][1]], region
            )
            valid[(i, j)] = found
        return found

    def apart(j: int, k: int) -> bool:
        """Whether the numbers ending at run ``j`` and starting at run ``k`` may be cut."""
        gap = normalize_number(value[runs[j][1] : starts[k]])
        return not one or not set(gap) <= _INSIDE_A_NUMBER

    # best[i]: the fewest numbers runs i.. split into (as (first run, last run) pairs).
    best: list[list[tuple[int, int]] | None] = [None] * (count + 1)
    best[count] = []
    for i in range(count - 1, -1, -1):
        for j in range(i, count):
            rest = best[j + 1]
            if rest is None or (i == 0 and j == count - 1):  # the whole: not a split
                continue
            if (rest and not apart(j, j + 1)) or not whole(i, j):
                continue
            if best[i] is None or len(rest) + 1 < len(best[i] or ()):
                best[i] = [(i, j), *rest]
    groups = best[0]
    if not groups:
        return None
    return _pieces(value, region, [(starts[i], runs[j][1]) for i, j in groups])


def _number_start(value: str, at: int) -> int:
    """Where a number whose first digit is at ``at`` starts: a ``+`` or an opening
    bracket just before that digit is its own."""
    while at > 0 and value[at - 1] in "+＋(（":
        at -= 1
    return at


def _is_whole_number(text: str, region: str) -> bool:
    e164, kind = classify(text, region)
    return e164 is not None and kind not in (None, "unknown") and _dialled_whole(text, e164, region)


def _dialled_whole(text: str, e164: str, region: str) -> bool:
    """Whether ``text`` is the whole of number ``e164`` as a caller dials it: with a
    ``+`` or the international prefix, or with all the digits of its national form
    (the trunk prefix where the region's plan has one: ``0555 0103`` in Germany, not
    ``5550103``; ``(415) 555-0101`` in the US), an extension perhaps after them."""
    written = normalize_number(text).lstrip(" (")
    if written[:1] == "+":
        return True
    digits = "".join(ch for ch in written if ch.isdigit())
    country, national = _dialled_forms(e164)
    idd = _international_prefix(region)
    if (idd is not None and idd.match(digits)) or digits.startswith("00" + country):
        return True  # 010-1-650-…, or 0081-90-… as clean() reads it
    return digits.startswith(national)


@lru_cache(maxsize=4096)
def _dialled_forms(e164: str) -> tuple[str, str]:
    """The country code of ``e164`` and the digits of its national form."""
    number = phonenumbers.parse(e164, None)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return str(number.country_code), "".join(ch for ch in national if ch.isdigit())


@lru_cache(maxsize=64)
def _international_prefix(region: str) -> re.Pattern[str] | None:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    idd = meta.international_prefix if meta is not None else None
    return re.compile(idd) if idd else None


def _pieces(
    value: str, region: str, spans: list[tuple[int, int]]
) -> list[tuple[str, str | None, str | None]] | None:
    """The value cut into its numbers (``spans``, from their first digit to their last),
    each with the words around it: what comes before the first number and after the
    last is theirs; a remark between two goes to the one :func:`_remark_goes_back`
    names first, to the other if the number no longer reads with it there."""
    bounds = [list(span) for span in spans]
    bounds[0][0], bounds[-1][1] = 0, len(value)
    tail = value[spans[-1][1] :].strip(_AROUND_WORDS + _CLOSERS)
    for k in range(len(spans) - 1):
        gap_start, gap_end = spans[k][1], spans[k + 1][0]
        gap = value[gap_start:gap_end]
        words = gap.strip(_AROUND_WORDS)
        if not words:
            continue
        word_start = gap_start + gap.index(words)
        word_end = word_start + len(words)
        back = (value[bounds[k][0] : word_end], k, (bounds[k][0], word_end))
        ahead = (value[word_start : bounds[k + 1][1]], k + 1, (word_start, bounds[k + 1][1]))
        order = (back, ahead) if _remark_goes_back(words, bool(tail)) else (ahead, back)
        for text, index, bound in order:
            if classify(text.strip(_AROUND_WORDS), region)[1] not in (None, "unknown"):
                bounds[index] = list(bound)
                break
        else:
            return None  # a remark neither number reads with: keep the value whole
    found: list[tuple[str, str | None, str | None]] = []
    for start, end in bounds:
        text = value[start:end].strip(_AROUND_WORDS)
        e164, kind = classify(text, region)
        if kind in (None, "unknown"):
            return None
        found.append((text, e164, kind))
    return found


def _remark_goes_back(words: str, value_ends_in_words: bool) -> bool:
    """Whether words between two numbers are a remark on the number before them.

    A bracketed note follows its number (``03-…（代表）090-…``, as in ``090-… (夜)``); a
    word ending in a colon is the label of the number after it (``TEL:0120-… FAX:03-…``).
    Other words go with the number after them (``TEL 03-… FAX 03-…``), unless the value
    ends in words: then each number is followed by its own (``03-… 自宅 090-… 携帯``)."""
    text = normalize_number(words)
    if text[:1] in _OPENERS and text[-1:] in _CLOSERS:
        return True
    if text[-1:] == ":":
        return False
    return value_ends_in_words
