"""Seeded drawing of names, numbers, addresses and photos from ``data/fiction.yaml``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from fiction.numbering import NumberMaker
from fiction.people import AddressEntry, EmailEntry, Name

Pool = dict[str, Any]


class Namer:
    """Random family + given name pairs, never the same pair twice."""

    def __init__(self, pool: Pool, rng: random.Random) -> None:
        self._families = [Name(**n) for n in pool["family_names"]]
        self._givens = [Name(**n) for n in pool["given_names"]]
        self._rng = rng
        self._used: set[tuple[str, str]] = set()

    def pick(self, family: Name | None = None, female: bool | None = None) -> tuple[Name, Name]:
        """A new pair; ``family`` fixes the family name, ``female`` the given name's gender."""
        givens = [g for g in self._givens if female is None or g.female == female]
        while True:
            chosen = family or self._rng.choice(self._families)
            given = self._rng.choice(givens)
            if (chosen.kanji, given.kanji) not in self._used:
                self._used.add((chosen.kanji, given.kanji))
                return chosen, given


@dataclass(slots=True)
class Context:
    """Everything a role builder draws from: the pools and the seeded sources."""

    pool: Pool
    rng: random.Random
    numbers: NumberMaker
    namer: Namer

    def home_address(self, city_index: int | None = None) -> AddressEntry:
        cities = self.pool["cities"]
        city = cities[city_index] if city_index is not None else self.rng.choice(cities)
        town = self.rng.choice(city["towns"])
        street = (
            f"{town}{self.rng.randint(1, 5)}-{self.rng.randint(1, 20)}-{self.rng.randint(1, 30)}"
        )
        if self.rng.random() < 0.5:
            building = self.rng.choice(self.pool["home_buildings"])
            street += f" {building}{self.rng.randint(1, 7)}0{self.rng.randint(1, 9)}号室"
        return AddressEntry("home", city["postal"], city["region"], city["locality"], street)

    def birthday(self, first_year: int = 1955, last_year: int = 1995) -> str:
        year = self.rng.randint(first_year, last_year)
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def private_email(self, given: Name, domains_key: str) -> EmailEntry:
        domain = self.rng.choice(self.pool[domains_key])
        local = f"{given.romaji.lower()}.{self.rng.randint(10, 99)}{self.rng.choice('abkmstz')}"
        return EmailEntry(
            f"{local}@{domain}", "cell" if domains_key.startswith("carrier") else "home"
        )

    def photo(self) -> bytes:
        """A tiny fake JPEG: the right magic bytes around seeded noise, no real picture."""
        body = self.rng.randbytes(self.rng.randint(180, 260))
        return (
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + body
            + b"\xff\xd9"
        )
