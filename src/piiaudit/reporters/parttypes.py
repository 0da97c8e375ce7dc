"""The shapes of a report built in parts (see :mod:`piiaudit.reporters.parts`).

A :class:`FilePart` is what the process that audited a file hands back: the
file's row, its counts, and for each listed contact a :class:`ListedPart` with
just what the whole-run tables need plus that contact's report text, already
rendered for each requested format. The raw contact never leaves that process;
a contact the audience may not see leaves only as one more count of its class.
:class:`Assembled` is the run put back together in the main process.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, NamedTuple

from piiaudit.model import NumberCounts
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
    # Whether each file's part keeps who its listed contacts are (see FilePart.people):
    # only an employee's folder (--group-by dir) is compared for one phone twice.
    people: bool = False


class ListedPart(NamedTuple):
    """One listed contact: its sort key, its number of findings and its text.

    ``view`` is sent only for the terminal report's riskiest contacts (it
    shows ten, so each file sends at most its ten riskiest); ``json`` and
    ``csv`` are the contact's text in those formats (UTF-8: the main process
    writes it to the report file as it came, without decoding and encoding
    it again; see :func:`utf8`), ``html`` its table body
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
    json: bytes | None = None
    html: tuple[bytes, bytes] | None = None
    csv: bytes | None = None
    sarif: tuple[tuple[str, str, str], ...] | None = None
    sarif_rules: tuple[RuleView, ...] = ()
    # The owner's own contact: ranked after the others at the same risk (view.riskiest_first).
    private: bool = False


@dataclass(frozen=True, slots=True)
class FilePart:
    """One audited file: its row, counts, worst severity, and its listed contacts.

    ``worst`` is the highest severity (as an int) of any finding of a listed
    contact, or -1: ``--fail-on`` follows what the report shows, so a contact the
    audience may not see cannot fail the run (its exit code would describe it).
    ``classes`` counts contacts per classification, listed or not.
    ``marks`` counts the listed contacts' findings by ``(category, severity)``;
    ``rules`` and ``kinds`` are their rule ids and their contacts' classes.
    ``strict`` is false when some text held a lone surrogate (see :func:`utf8`).
    """

    file: FileView
    contacts: int
    classes: dict[str, int]
    worst: int
    marks: dict[tuple[str, str], int]
    rules: frozenset[str]
    kinds: frozenset[str]
    listed: tuple[ListedPart, ...]
    strict: bool = True
    # How the file's numbers are written, to add up over its pieces (see join).
    numbers: NumberCounts = field(default_factory=NumberCounts)
    accepted: int = 0  # findings the company profile accepted (``suppress``), every contact
    # Who the listed contacts are, as small digests of their names and organisations
    # (:func:`person_key`), when the plan asks: two exports of one employee that list
    # the same people are the same phone twice, and count everyone twice (QA round 11).
    people: frozenset[int] = frozenset()
    # The listed findings' categories on contacts that may be the company's, and on the
    # owner's private ones: the checklist advises on each differently (view.checklist).
    work_categories: frozenset[str] = frozenset()
    private_categories: frozenset[str] = frozenset()

    def __reduce__(self) -> tuple[Callable[..., FilePart], tuple[Any, ...]]:
        """Pickled with its listed contacts as columns (a worker sends one per file):
        pickling a named tuple per contact runs Python code for each, six times the
        cost of pickling the same values as one tuple per field."""
        fields = (self.file, self.contacts, self.classes, self.worst, self.marks, self.rules)
        columns = tuple(zip(*self.listed, strict=True))
        more = (
            self.kinds,
            self.strict,
            self.numbers,
            self.accepted,
            self.people,
            self.work_categories,
            self.private_categories,
        )
        return _file_part, ((*fields, *more), columns)


def _file_part(fields: tuple[Any, ...], columns: tuple[tuple[Any, ...], ...]) -> FilePart:
    """A :class:`FilePart` from what :meth:`FilePart.__reduce__` gave (module level: pickle
    finds it by name)."""
    file, contacts, classes, worst, marks, rules, kinds, strict, numbers, accepted, people = fields[
        :11
    ]
    work_categories, private_categories = fields[11:]
    listed = tuple(map(tuple.__new__, repeat(ListedPart), zip(*columns, strict=True)))
    return FilePart(
        file,
        contacts,
        classes,
        worst,
        marks,
        rules,
        kinds,
        listed,
        strict,
        numbers,
        accepted,
        people,
        work_categories,
        private_categories,
    )


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
    strict: bool
    listed: tuple[ListedPart, ...]
    orders: tuple[int, ...]
    worst: int
    rules: frozenset[str]
    kinds: frozenset[str]
    review: tuple[ContactView, ...] = ()  # the terminal's unknown contacts, in input order
    review_total: int = 0  # listed unknown contacts in the run
    # Each file's FilePart.people, in the order of view.files (empty unless the plan
    # asked): to find one phone exported twice (reporters.people.overlaps).
    people: tuple[frozenset[int], ...] = ()
    # The inputs shown under a placeholder because their name names a contact this
    # audience may not see (audit.withhold): real path -> path shown. Never rendered;
    # for the caller's own checks on the files (identical copies).
    renamed: Mapping[str, str] = field(default_factory=dict)

    def require(self, fmt: str) -> None:
        """Refuse to render a format the parts were not built for (it would lack contacts)."""
        if fmt not in self.plan.formats:
            raise ValueError(f"the run was built without the {fmt} parts of its contacts")


def utf8(text: str) -> tuple[bytes, bool]:
    """``text`` as UTF-8, and whether it encoded strictly.

    A contact's text may hold a lone surrogate (from undecodable input), which
    strict UTF-8 refuses. So such text is encoded with ``surrogatepass`` (it
    decodes back to the very same string) and flagged: a run with flagged text
    is written as text, the way a report built whole is, and the writer makes
    that text valid (the CLI shows each lone surrogate as U+FFFD).
    """
    try:
        return text.encode("utf-8"), True
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass"), False


def text_of(data: bytes) -> str:
    """The text :func:`utf8` encoded, whether strictly or not."""
    return data.decode("utf-8", "surrogatepass")


class Written(NamedTuple):
    """A report of a run built in parts as UTF-8 pieces, and whether all of it
    encoded strictly (else it must be written as text: see :func:`utf8`)."""

    chunks: list[bytes]
    strict: bool

    def text(self) -> str:
        """The report as text, exactly as it was rendered."""
        return text_of(b"".join(self.chunks))


def encoder(run_strict: bool) -> tuple[Callable[[str], bytes], Callable[[], bool]]:
    """``(encode, strict)``: encode page text with :func:`utf8`, and tell whether the
    run's parts and everything encoded so far were strict."""
    state = [run_strict]

    def encode(text: str) -> bytes:
        data, ok = utf8(text)
        state[0] = state[0] and ok
        return data

    return encode, lambda: state[0]
