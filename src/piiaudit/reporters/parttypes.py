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
from piiaudit.reporters.viewtypes import ContactView, FileView, ReportView


@dataclass(frozen=True)
class PartPlan:
    """What the auditing process must render: the report options and the formats."""

    options: ReportOptions
    formats: tuple[str, ...]

    @property
    def needs_views(self) -> bool:
        """Formats rendered from whole contact views in the main process (not from text)."""
        return "terminal" in self.formats or "sarif" in self.formats


class ListedPart(NamedTuple):
    """One listed contact: its sort key and its text.

    ``view`` is sent only when a format needs it (terminal, SARIF); ``json``
    and ``csv`` are the contact's text in those formats and ``html`` its table
    body split where its report-wide number goes. A named tuple, because the
    main process unpickles one per listed contact and a tuple is the cheapest.
    """

    risk_score: int
    level: int
    view: ContactView | None = None
    json: str | None = None
    html: tuple[str, str] | None = None
    csv: str | None = None


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
    """The whole run, ready to render: the view (its contacts only when a format
    needs them) and the listed contacts' parts in report order, each with its
    number among the listed contacts in input order (``ContactView.order``);
    the listed findings' rule ids and the listed contacts' classes."""

    plan: PartPlan
    view: ReportView
    listed: tuple[ListedPart, ...]
    orders: tuple[int, ...]
    worst: int
    rules: frozenset[str]
    kinds: frozenset[str]

    def require(self, fmt: str) -> None:
        """Refuse to render a format the parts were not built for (it would lack contacts)."""
        if fmt not in self.plan.formats:
            raise ValueError(f"the run was built without the {fmt} parts of its contacts")
