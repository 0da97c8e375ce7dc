"""The shapes a report is rendered from: plain, frozen, already masked.

Built by :func:`piiaudit.reporters.view.build`; every string in them that came
from a contact has been through :func:`piiaudit.masking.mask` (unless the user
asked for ``show_pii``), so a reporter can print any field as it is.

A report builds a view per listed contact and per finding, so those classes
are slotted and built by :func:`piiaudit.model.fast_constructor` in
:mod:`piiaudit.reporters.view` (a frozen dataclass's own constructor sets
each field through ``object.__setattr__``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from piiaudit.reporters.i18n import Messages
from piiaudit.reporters.options import ReportOptions


@dataclass(frozen=True, slots=True)
class TrailView:
    detector: str
    pattern: str
    hotwords: tuple[str, ...]
    confidence_before: float
    confidence_after: float
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FindingView:
    rule: str
    category: str
    severity: str
    field: str
    evidence: str
    message: str
    recommendation: str
    confidence: float
    references: tuple[str, ...]
    trail: TrailView | None


@dataclass(frozen=True, slots=True)
class SignalView:
    rule: str
    towards: str
    weight: float
    field: str
    value: str
    description: str
    veto: bool = False  # the contact is never classified against it (engine/classify.py)


@dataclass(frozen=True, slots=True)
class ContactView:
    file: str
    group: str
    index: int | None  # None in a compliance report (view.shown_place)
    line: int | None
    order: int
    name: str
    classification: str
    reasons: tuple[str, ...]
    confidence: float
    signals: tuple[SignalView, ...]
    risk_score: int
    risk_level: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class IssueView:
    line: int
    message: str
    severity: str


@dataclass(frozen=True)
class FileView:
    path: str
    group: str
    format: str
    dialect: str
    encoding: str
    contacts: int
    listed: int
    issues: tuple[IssueView, ...]
    withheld_issues: int
    error: str | None
    risk_score: int
    risk_level: str
    # Parts of the file not read (FileInfo.read_in_part), withheld issues included:
    # the exit code says a report is incomplete without saying whose card it was.
    unread_parts: int = 0


@dataclass(frozen=True)
class GroupView:
    """One employee of a batch run: the files of one group (``--group-by dir``: a
    folder; by default each file is its own group), counted together.

    Its risk is that of its riskiest readable file: an employee's exports are often
    the same phone in two formats, so adding their contacts' risks would count people
    twice. ``findings`` counts the listed contacts' findings; ``by_classification``
    every contact, as the summary does (counts are all a compliance audience sees of a
    private contact).

    ``audited`` is false when no file of the group could be read: its risk is then
    "none 0" only because nothing was looked at, and reports must say "not audited"
    instead, or a compliance reader takes an employee never audited for one at no risk.
    """

    group: str
    files: int
    unreadable: int
    contacts: int
    listed: int
    findings: int
    by_classification: dict[str, int]
    risk_score: int
    risk_level: str
    audited: bool
    incomplete: int = 0  # files read but for some parts (FileView.unread_parts)
    # The listed findings per category, in the taxonomy's order, categories with none
    # left out: which employee holds customers' personal mobiles, home addresses or
    # special-care notes, and how many (QA round 11: the table ranked nobody).
    by_category: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CategoryView:
    category: str
    count: int
    by_severity: dict[str, int]
    worst: str


@dataclass(frozen=True)
class RuleView:
    id: str
    pack: str
    name: str
    category: str
    severity: str
    description: str
    recommendation: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class BaselineView:
    """What ``scan --baseline`` left out: the baseline file as the user named it and
    how many known findings it accepted. A report says so in its summary, or a
    reader takes the remaining findings for the full picture."""

    file: str
    suppressed: int


@dataclass(frozen=True)
class Summary:
    files: int
    contacts: int
    listed: int
    hidden: int
    findings: int
    by_classification: dict[str, int]
    by_level: dict[str, int]
    by_severity: dict[str, int]
    risk_score: int
    risk_level: str
    baseline: BaselineView | None
    # Findings the company profile accepted (``suppress`` in piiaudit.yaml), of every
    # contact: left out of every count and list above, so the report says how many.
    accepted: int = 0


@dataclass(frozen=True, slots=True)
class Repeat:
    """Exports of one employee that count the same contacts twice: byte-identical
    copies (``identical``: every listed contact, ``shared`` of ``of``, is in each), or
    two exports listing mostly the same people (one phone exported as vCard and as
    CSV): ``shared`` of the ``of`` listed contacts of the smaller."""

    files: tuple[str, ...]
    shared: int
    of: int
    identical: bool = False


@dataclass(frozen=True)
class ReportView:
    options: ReportOptions
    text: Messages
    tool_version: str
    generated: str  # when the run started, RFC 3339 (piiaudit.clock); "" if unknown
    summary: Summary
    files: tuple[FileView, ...]
    groups: tuple[GroupView, ...]
    contacts: tuple[ContactView, ...]
    categories: tuple[CategoryView, ...]
    rules: tuple[RuleView, ...]
    settings: dict[str, object]
    checklist: tuple[str, ...]
    # Set by ``scan`` once every file is read (it compares them): the report then says
    # which counts include one phone twice, not stderr alone (QA batch round: the
    # nightly --quiet run and the HTML a manager reads said nothing).
    repeated: tuple[Repeat, ...] = ()
    # Whose data-protection law the checklist's legal steps name: "jp" (the PPC),
    # "eu" (the GDPR's supervisory authority), "ch" (Switzerland's FDPIC), "uk" (the
    # ICO under the UK GDPR) or "" for
    # Japan's and the EU's both, where the report cannot tell
    # (:func:`piiaudit.reporters.view.law_of`).
    law: str = ""

    def step(self, key: str) -> str:
        """The checklist step ``key`` in the report's words: for a legal step, the
        wording of :attr:`law` (``checklist.<key>_jp`` / ``_eu``) where there is one,
        else the step naming both Japan's and the EU's duties."""
        if self.law:
            own = self.text.get(f"checklist.{key}_{self.law}", "")
            if own:
                return own
        return self.text.t(f"checklist.{key}")

    @property
    def nothing_read(self) -> bool:
        """Every input failed (see :func:`nothing_read`)."""
        return nothing_read(self.files)

    @property
    def assessed(self) -> bool:
        """Whether the run's risk says anything (see :func:`assessed`)."""
        return assessed(self.files)


def nothing_read(files: Sequence[FileView]) -> bool:
    """Every input failed: the run's risk of 0 then says nothing about the phones, so
    neither the headline nor the next steps may read as a clean audit."""
    return bool(files) and all(f.error for f in files)


def assessed(files: Sequence[FileView]) -> bool:
    """False when no contact was read and some input was not read, or not in full
    (every file failed; or one failed and the others held no contact): the run's risk
    of 0 is then that of nothing at all, and JSON and SARIF said "none", which a CI
    step or a compliance officer reads as clean (QA M3). Every report says "not
    assessed" instead. A run whose files were all read whole and hold no contact
    was assessed: its "none" is true."""
    if nothing_read(files):
        return False
    failed = any(f.error or f.unread_parts for f in files)
    return not failed or any(f.contacts for f in files)
