"""Invented Japanese phone numbers that phonenumbers accepts.

Digits are drawn at random inside real number ranges (mobile 090/080/070/060,
fixed lines by area code, toll-free 0120, IP 050), then checked with
phonenumbers so every example number is one a real parser must handle. No
number is handed out twice, so two fictional people never share a line unless
the generator means them to (a company's main number).
"""

from __future__ import annotations

import random

import phonenumbers

_MOBILE_PREFIXES = ("090", "090", "080", "080", "070")


class NumberMaker:
    """Hands out unique, valid, formatted numbers from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._issued: set[str] = set()

    def _digits(self, count: int) -> str:
        return "".join(str(self._rng.randint(0, 9)) for _ in range(count))

    def _accept(self, formatted: str) -> bool:
        if formatted in self._issued:
            return False
        parsed = phonenumbers.parse(formatted, "JP")
        if not phonenumbers.is_valid_number(parsed):
            return False
        self._issued.add(formatted)
        return True

    def mobile(self, prefix: str | None = None) -> str:
        while True:
            head = prefix or self._rng.choice(_MOBILE_PREFIXES)
            number = f"{head}-{self._digits(4)}-{self._digits(4)}"
            if self._accept(number):
                return number

    def fixed(self, area: str) -> str:
        """``03-XXXX-XXXX`` for two-digit areas, ``045-XXX-XXXX`` for three-digit ones."""
        while True:
            if len(area) == 2:
                number = f"{area}-{self._rng.randint(2, 6)}{self._digits(3)}-{self._digits(4)}"
            else:
                number = f"{area}-{self._rng.randint(2, 9)}{self._digits(2)}-{self._digits(4)}"
            if self._accept(number):
                return number

    def toll_free(self) -> str:
        while True:
            number = f"0120-{self._rng.randint(1, 9)}{self._digits(2)}-{self._digits(3)}"
            if self._accept(number):
                return number

    def ip_phone(self) -> str:
        while True:
            number = f"050-{self._rng.randint(1, 9)}{self._digits(3)}-{self._digits(4)}"
            if self._accept(number):
                return number
