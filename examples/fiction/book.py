"""The whole fictional address book, in the order the phone lists it.

:func:`build_people` draws every contact with one seeded :class:`random.Random`,
so the same seed and the same ``data/fiction.yaml`` always give the same people.
"""

from __future__ import annotations

import random

from fiction.context import Context, Namer, Pool
from fiction.numbering import NumberMaker
from fiction.people import Person
from fiction.roles import bare_contacts, colleagues, customers, family_members, friends, services


def build_people(pool: Pool, seed: int) -> list[Person]:
    """Customers, colleagues, family, friends, services and a few bare entries."""
    rng = random.Random(seed)
    ctx = Context(pool, rng, NumberMaker(rng), Namer(pool, rng))
    people: list[Person] = []
    people += customers(ctx, 32)
    people += colleagues(ctx, 8)
    people += family_members(ctx)
    people += friends(ctx, 8)
    people += services(ctx)
    people += bare_contacts(ctx, 4)
    return people
