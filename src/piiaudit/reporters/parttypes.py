"""The shapes of a report built in parts (see :mod:`piiaudit.reporters.parts`).

A :class:`FilePart` is what the process that audited a file hands back: the
file's row, its counts, and for each listed contact a :class:`ListedPart` with
just what the whole-run tables need plus that contact's report text, already
rendered for each requested format. The raw contact never leaves that process;
a contact the audience may not see leaves only as one more count of its class.
:class:`Assembled` is the run put back together in the main process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.viewtypes import ContactView, FileView, ReportView, RuleView


@dataclass(frozen=True)
class PartPlan:
    """What the auditing process must render: the report options and the formats.

    ``known_rules`` are the ids of the rules the run's report describes anyway;
    a contact's part describes any other rule its findings name (SARIF's rule
    table). Leaving it empty changes nothing but the size of the parts.
    """

    options: ReportOptions
    formats: tuple[str, ...]
    known_rules: frozenset[str] = frozenset()


class ListedPart(NamedTuple):
    """One listed contact: its sort key, its number of findings and its text.

    ``view`` is sent only for the terminal report's riskiest contacts (it
    shows ten, so each file sends at most its ten riskiest); ``json`` and
    ``csv`` are the contact's text in those formats, ``html`` its table body
    split where its report-wide number goes, ``sarif`` its results as
    ``(rule id, before, after)`` with the rule's index to go between, and
    ``sarif_rules`` describes the rules those name that the plan did not know.
    A named tuple, because the main process unpickles one per listed contact
    and a tuple is the cheapest to unpickle.
    """

    risk_score: int
    level: int
    findings: int
    view: ContactView | None = None
    json: str | None = None
    html: tuple[str, str] | None = None
    csv: str | None = None
    sarif: tuple[tuple[str, str, str], ...] | None = None
    sarif_rules: tuple[RuleView, ...] = ()


@dataclass(frozen=True, slots=True)
class FilePart:
    """One audited file: its row, counts, worst severity, and its listed contacts.

    ``worst`` is the highest severity (as an int) of any finding of any contact,
    listed or not, or -1: ``--fail-on`` needs it and it says nothing about which
    contact. ``classes`` counts contacts per classification, listed or not.
    ``marks`` counts the listed contacts' findings by ``(category, severity)``;
    ``rules`` and ``kinds`` are their rule ids and their contacts' classes.
    """

    file: FileView
    contacts: int
    classes: dict[str, int]
    worst: int
    marks: dict[tuple[str, str], int]
    rules: frozenset[str]
    kinds: frozenset[str]
    listed: tuple[ListedPart, ...]


@dataclass(frozen=True)
class Assembled:
    """The whole run, ready to render: the view (its contacts are only the
    terminal report's riskiest, and ``risky`` counts the listed contacts with
    findings), and the listed contacts' parts in report order, each with its
    number among the listed contacts in input order (``ContactView.order``);
    the listed findings' rule ids and the listed contacts' classes."""

    plan: PartPlan
    view: ReportView
    risky: int
    listed: tuple[ListedPart, ...]
    orders: tuple[int, ...]
    worst: int
    rules: frozenset[str]
    kinds: frozenset[str]

    def require(self, fmt: str) -> None:
        """Refuse to render a format the parts were not built for (it would lack contacts)."""
        if fmt not in self.plan.formats:
            raise ValueError(f"the run was built without the {fmt} parts of its contacts")
