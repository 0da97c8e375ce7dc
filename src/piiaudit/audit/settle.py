"""Screening a run against a baseline (``scan --baseline``) file by file, in any order.

A baseline entry suppresses exactly one finding, used up in file and contact
order. Workers screen each file as if it came first; :func:`settle` then finds
the few files whose screening depended on the files before them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from piiaudit.audit.one_file import rescore_file
from piiaudit.audit.options import Screen
from piiaudit.engine import Engine
from piiaudit.model import FileResult


@dataclass
class Screening:
    """A run's :class:`Screen` and how many findings it has moved out so far."""

    screen: Screen
    suppressed: int = 0

    def in_order(self, engine: Engine) -> Callable[[FileResult], None]:
        """Screening file after file in input order, each entry used once: exact as it goes."""
        remaining = Counter(self.screen.entries)

        def screened(result: FileResult) -> None:
            taken, _, counted = self.screen.screen(result, remaining)
            if taken:
                remaining.subtract(taken)
                self.suppressed += counted
                rescore_file(result, engine)

        return screened


# What a screen did to one unit: findings moved out (those the report may count),
# and accepted fingerprints seen.
Screened = tuple[int, dict[str, int]]


WHOLE = -1  # the key of a whole file's screening among its pieces' (keyed by offset)


@dataclass
class Ledger:
    """A screened run's record: what each unit's screening did (final units only),
    and the limits of the files screened again (see :func:`settle`)."""

    screens: dict[int, dict[int, Screened]]
    limits: Mapping[int, Mapping[str, int]]


def settle(
    screens: Mapping[int, Mapping[int, Screened]], entries: Mapping[str, int]
) -> dict[int, dict[str, int]]:
    """The files to screen again, each with the limits a run in input order gives it.

    Each unit was screened as if it came first, taking up to every entry of an
    accepted fingerprint. The run in order (:func:`piiaudit.baseline.apply`)
    gives a unit only the entries earlier units left: ``max(0, entries - used)``.
    The two agree unless an earlier unit used some and this one saw more than
    were left. Only then is its file screened again, with exactly those limits;
    what a unit *sees* does not depend on limits, so nothing else moves.
    """
    used: Counter[str] = Counter()
    again: dict[int, dict[str, int]] = {}
    for index in sorted(screens):
        here: Counter[str] = Counter()
        disagrees = False
        for start in sorted(screens[index]):
            for fp, seen in screens[index][start][1].items():
                total = entries.get(fp, 0)
                before = used[fp] + here[fp]
                if before and seen > total - before and total > 0:
                    disagrees = True
                here[fp] += seen
        if disagrees:
            again[index] = {fp: max(0, entries.get(fp, 0) - used[fp]) for fp in here}
        used.update(here)
    return again
