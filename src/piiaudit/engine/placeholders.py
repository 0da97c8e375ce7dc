"""A guard against placeholder values people type into forms and test data.

``000-0000-0000``, ``1234-5678-9012`` and ``test@example.com`` are not anybody's
data; reporting them would train users to ignore the tool. Digit runs that are
all one digit, or one ascending run (``1234567890...``), or a prefix followed by
one repeated digit (``090-0000-0000``) are placeholders; so are the exact
values and e-mail local parts in the ``placeholders`` data list.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from piiaudit.model import ValueKind
from piiaudit.textnorm import normalize_number

_EMAIL = ValueKind.EMAIL
GUARDED_KINDS = frozenset({ValueKind.PHONE, ValueKind.IDENTIFIER, ValueKind.EMAIL})
KNOWN_MAX = 4096  # remembered answers; the memo is emptied when it fills up


_DIGIT_CYCLE = "0123456789"
# The cycle repeated: every ascending ASCII run of up to _CYCLES_RUN_MAX digits is
# in it (it starts at every digit with room to spare), and nothing else is.
_CYCLES = _DIGIT_CYCLE * 8
_CYCLES_RUN_MAX = len(_CYCLES) - len(_DIGIT_CYCLE)


def _ascending(digits: str) -> bool:
    """Each digit one more than the one before, 9 followed by 0. For ASCII digits
    those are exactly the runs in the repeated cycle 0123456789 (one substring
    test); other digits (Arabic-Indic...) are compared by their values."""
    if digits.isascii():
        return digits in _DIGIT_CYCLE * (len(digits) // 10 + 2)
    return all((int(b) - int(a)) % 10 == 1 for a, b in itertools.pairwise(digits))


# Every ASCII character that is not a digit, for deleting them in one call (on bytes:
# str.translate with a mapping costs ~1 us a call, bytes.translate a few ns).
_ASCII_NON_DIGITS = bytes(c for c in range(128) if not chr(c).isdigit())


def _ascii_digits(text: str) -> str:
    """The digits of ASCII ``text``, in order."""
    return text.encode("ascii").translate(None, _ASCII_NON_DIGITS).decode("ascii")


def _number_form(value: str) -> str:
    """:func:`normalize_number`; ASCII is already in that form (NFKC keeps ASCII and
    no hyphen look-alike is ASCII), which is most numbers and addresses."""
    return value if value.isascii() else normalize_number(value)


def _digits(text: str) -> str:
    if text.isascii():
        return _ascii_digits(text)
    return "".join(filter(str.isdigit, text))


def placeholder_digits(value: str, *, labelled: bool = False) -> bool:
    """Filler digits. An ascending run (``1234-5678-9012``) counts only when no context
    word vouches for it: ``基礎年金番号 1234-567890`` is reported, a bare run is not."""
    return _filler(_digits(_number_form(value)), labelled)


def _filler(digits: str, labelled: bool) -> bool:
    """:func:`placeholder_digits` once the digits are taken out."""
    if len(digits) < 6:
        return False
    if len(set(digits)) == 1:
        return True
    if 10 <= len(digits) <= 11 and len(set(digits[3:])) == 1:  # 090-0000-0000
        return True
    return _ascending(digits) and not labelled


class PlaceholderGuard:
    """Built from the ``placeholders`` list: exact values and ``local@`` parts."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.exact: set[str] = set()
        self.locals: set[str] = set()
        self._known: dict[tuple[str, ValueKind, bool], bool] = {}
        for entry in entries:
            text = normalize_number(entry).strip().lower()
            if text.endswith("@"):
                self.locals.add(text[:-1])
            else:
                self.exact.add(text)

    def is_placeholder(self, value: str, kind: ValueKind, *, labelled: bool = False) -> bool:
        """Whether ``value`` is filler. Kept per value: several rules ask about the
        same number of a contact (mobile, work label, company number...)."""
        if kind not in GUARDED_KINDS:
            return False
        key = (value, kind, labelled)
        known = self._known.get(key)
        if known is None:
            if len(self._known) >= KNOWN_MAX:
                self._known.clear()
            known = self._known[key] = self._check(value, kind, labelled)
        return known

    def _check(self, value: str, kind: ValueKind, labelled: bool) -> bool:
        # Each value is new on a first pass (numbers, addresses), so the common
        # ASCII case is written out: no call but the C string methods.
        text = (value if value.isascii() else normalize_number(value)).strip().lower()
        if text in self.exact:
            return True
        if kind is _EMAIL:
            local, _, domain = text.rpartition("@")
            return local in self.locals and (domain.startswith("example.") or domain in self.exact)
        if text.isascii():  # already its number form: only the digits to take out
            digits = _ascii_digits(text)
            # _filler and _ascending written out for ASCII digits (tests hold them alike)
            count = len(digits)
            if count < 6:
                return False
            if len(set(digits)) == 1 or (10 <= count <= 11 and len(set(digits[3:])) == 1):
                return True
            if labelled:
                return False
            if count <= _CYCLES_RUN_MAX:
                return digits in _CYCLES
            return _ascending(digits)
        return placeholder_digits(text, labelled=labelled)
