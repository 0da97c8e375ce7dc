"""A report built in parts: each file's share where it was audited, stitched in order.

With ``--jobs N`` the files are audited in worker processes. Sending every
audited contact back whole and building the report in the main process made
that process the bottleneck (issue 6): it unpickled each contact, masked it,
counted it and rendered it alone. Here the process that audited a file also
builds that file's part of the report (:func:`digest`): each listed contact's
view, masked, and its text in every requested format that can be rendered
contact by contact (JSON, HTML, CSV). What comes back is small: text, a sort
key and the few labels the run's counts need. The main process only sorts,
counts and joins (:func:`assemble`, then ``render_assembled`` of each format).

The audience rules hold as in :func:`piiaudit.reporters.view.build`: a contact
this audience may not see is only counted in its file's ``classes``. Its
findings do not raise the file's ``worst`` severity either: ``--fail-on`` follows
what the report shows, or a compliance run's exit code would tell that some
employee's private contact holds, say, a health note.

The output is the same, byte for byte, as each reporter's ``render`` on the
whole :class:`~piiaudit.model.AuditResult` (``tests/reporters/test_parts.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TextIO

from piiaudit.gcpause import collector_paused
from piiaudit.model import (
    ContactClass,
    ContactResult,
    FileResult,
    NumberCounts,
    RiskLevel,
    RuleInfo,
    Severity,
)
from piiaudit.region_hint import region_issue
from piiaudit.reporters import csv_report, html, json_fast, json_report, sarif, terminal
from piiaudit.reporters.i18n import Messages, messages
from piiaudit.reporters.options import ReportOptions, check
from piiaudit.reporters.parttypes import (
    Assembled,
    FilePart,
    ListedPart,
    PartPlan,
    Written,
    utf8,
)
from piiaudit.reporters.people import people_of
from piiaudit.reporters.view import (
    ContactView,
    ReportView,
    RuleView,
    Summary,
    baseline_view,
    categories,
    checklist,
    class_counts,
    contact_view,
    file_view,
    group_views,
    is_listed,
    issue_view,
    law_of,
    profile_accepted,
    rule_views,
    severity_counts,
)
from piiaudit.reporters.viewtypes import assessed, nothing_read

__all__ = [
    "CHUNKED",
    "RENDERERS",
    "Assembled",
    "FilePart",
    "ListedPart",
    "PartPlan",
    "assemble",
    "digest",
    "join",
]

RunRenderer = Callable[[Assembled, TextIO, ReportOptions], None]

# Every format of :data:`piiaudit.reporters.REPORTERS`, rendering a run built in parts.
RENDERERS: dict[str, RunRenderer] = {
    "terminal": terminal.render_assembled,
    "json": json_report.render_assembled,
    "html": html.render_assembled,
    "sarif": sarif.render_assembled,
    "csv": csv_report.render_assembled,
}

# The formats whose report of a run built in parts can be had as UTF-8 pieces, the
# contacts' text as the workers encoded it (written to files without a round trip).
CHUNKED: dict[str, Callable[[Assembled, ReportOptions], Written]] = {
    "json": json_report.chunks_assembled,
    "html": html.chunks_assembled,
    "csv": csv_report.chunks_assembled,
}

_LEVEL_OF = {lv.label: lv for lv in RiskLevel}
_SEVERITY_LABELS = tuple(s.label for s in sorted(Severity))  # by number
# Until the run is put together a contact has no number among the listed ones.
_UNNUMBERED = -1


def digest(plan: PartPlan, result: FileResult) -> FilePart:
    """One file's part of the report; runs where the file was audited."""
    check(plan.options)
    with collector_paused():  # allocations only, nothing to collect (see piiaudit.gcpause)
        return _digest(plan, result)


# The formats that render every contact from its masked view; JSON is written straight
# from the contact's result (:mod:`piiaudit.reporters.json_fast`), and the terminal and
# HTML reports need the views of a file's riskiest contacts only.
_EVERY_VIEW = frozenset({"csv", "sarif"})
_UNKNOWN = ContactClass.UNKNOWN
_PRIVATE = ContactClass.PRIVATE


def _digest(plan: PartPlan, result: FileResult) -> FilePart:
    options = plan.options
    formats = plan.formats
    classes: Counter[str] = Counter()
    worst = -1
    listed: list[ContactResult] = []
    for contact_result in result.contacts:
        # str() of a class is its value, without the enum's Python-level descriptor.
        classes[str(contact_result.classification.label)] += 1
        if is_listed(contact_result, options):
            listed.append(contact_result)
            for finding in contact_result.findings:
                if finding.severity > worst:
                    worst = int(finding.severity)
    shown = _shown_in_terminal(listed) if "terminal" in formats else set()
    page = _on_the_html_page(listed) if "html" in formats else set()
    every_view = not _EVERY_VIEW.isdisjoint(formats)
    text = messages(options.lang)
    strict = [True]

    def encoded(text: str) -> bytes:
        """UTF-8 of a contact's text; ``strict[0]`` turns false if it needs flagging."""
        data, ok = utf8(text)
        if not ok:
            strict[0] = False
        return data

    parts = []
    for number, contact_result in enumerate(listed):
        view = None
        if every_view or number in shown or number in page:
            view = contact_view(result, contact_result, _UNNUMBERED, options)
        on_page = number in page
        parts.append(
            _listed(result, contact_result, view, plan, text, number in shown, on_page, encoded)
        )
    marks = Counter(
        [(str(f.category), _SEVERITY_LABELS[f.severity]) for r in listed for f in r.findings]
    )
    return FilePart(
        file=file_view(result, listed, options),
        contacts=len(result.contacts),
        classes=dict(classes),
        worst=worst,
        marks=dict(marks),
        rules=frozenset(f.rule for r in listed for f in r.findings),
        kinds=frozenset([str(r.classification.label) for r in listed]),
        listed=tuple(parts),
        strict=strict[0],
        numbers=result.info.numbers,
        accepted=profile_accepted(listed),
        people=people_of(r.contact for r in listed) if plan.people else frozenset(),
        work_categories=frozenset(
            [
                str(f.category)
                for r in listed
                if r.classification.label is not _PRIVATE
                for f in r.findings
            ]
        ),
        private_categories=frozenset(
            [
                str(f.category)
                for r in listed
                if r.classification.label is _PRIVATE
                for f in r.findings
            ]
        ),
    )


def _listed(
    result: FileResult,
    contact: ContactResult,
    view: ContactView | None,
    plan: PartPlan,
    text: Messages,
    shown: bool,
    on_page: bool,
    encoded: Callable[[str], bytes],
) -> ListedPart:
    """One listed contact's part, its text encoded by ``encoded``.

    ``view`` is the contact's view when a format other than JSON needs it; HTML rows
    are rendered only for a contact that may be on the page (``on_page``).
    """
    options, formats = plan.options, plan.formats
    json_text = csv_text = None
    rows = None
    if "json" in formats:
        json_text = encoded(json_fast.contact_text(result, contact, options))
    if "html" in formats and on_page:
        head, tail = html.contact_fragment(_built(view), options)
        rows = (encoded(head), encoded(tail))
    if "csv" in formats:
        csv_text = encoded(csv_report.contact_fragment(_built(view), options))
    sarif_results: tuple[tuple[str, str, str], ...] | None = None
    sarif_rules: tuple[RuleView, ...] = ()
    if "sarif" in formats:
        sarif_results, sarif_rules = sarif.contact_fragment(_built(view), text, plan.known_rules)
    return ListedPart(
        contact.risk_score,
        int(contact.risk_level),
        len(contact.findings),
        _built(view) if shown else None,
        json_text,
        rows,
        csv_text,
        sarif_results,
        sarif_rules,
        contact.classification.label is _PRIVATE,
    )


def _built(view: ContactView | None) -> ContactView:
    if view is None:
        raise ValueError("a format needs the contact's view, and it was not built")
    return view


def _on_the_html_page(listed: list[ContactResult]) -> set[int]:
    """The file's contacts the HTML page may list: its :data:`html.MAX_CONTACTS` riskiest.

    The page lists the run's riskiest, ranked as :func:`assemble` ranks them (score,
    then level, then input order); a file's contacts keep that order among
    themselves, so each listed one is among its own file's first that many. A run of
    100,000 contacts rendered every one's rows in its workers, for a page of 5,000."""
    if len(listed) <= html.MAX_CONTACTS:  # most files: every contact, nothing to rank
        return set(range(len(listed)))
    return set(_riskiest_first(listed, range(len(listed)))[: html.MAX_CONTACTS])


def _riskiest_first(listed: list[ContactResult], numbers: Iterable[int]) -> list[int]:
    """``numbers`` of ``listed`` contacts, riskiest first (score, then level, the owner's
    private ones after the others), equals in input order: the order :func:`assemble`
    ranks the run's contacts in (``view.riskiest_first``)."""
    return sorted(
        numbers,
        key=lambda n: (
            -listed[n].risk_score,
            -listed[n].risk_level,
            listed[n].classification.label is _PRIVATE,
        ),
    )


def _shown_in_terminal(listed: list[ContactResult]) -> set[int]:
    """The file's contacts the terminal report may name: its riskiest with findings,
    and its first unknown ones (to review).

    The report lists the run's riskiest contacts with findings; ranked among
    all files, a file's contacts keep their order within the file, so each of
    those is among its own file's first :data:`terminal.TOP_CONTACTS`. The
    unknown contacts it names are the run's first in input order, so each is
    among its own file's first :data:`terminal.TOP_REVIEW`.
    """
    risky = _riskiest_first(listed, [n for n, result in enumerate(listed) if result.findings])
    unknown = [n for n, result in enumerate(listed) if result.classification.label is _UNKNOWN]
    return {*risky[: terminal.TOP_CONTACTS], *unknown[: terminal.TOP_REVIEW]}


def assemble(
    plan: PartPlan,
    parts: Sequence[FilePart],
    *,
    rules: Sequence[RuleInfo],
    settings: dict[str, object],
    tool_version: str,
    generated: str,
    run_risk: Callable[[list[int]], tuple[int, RiskLevel]],
    renamed: Mapping[str, str] | None = None,
) -> Assembled:
    """The run from its files' parts, in input order, as ``view.build`` would see it.

    ``run_risk`` scores the whole run from every contact's score (the engine's
    aggregate); it is used only when the audience sees every contact, because
    then every contact is listed. For compliance the run's risk is the highest
    of the listed contacts, as in ``view.build``.
    """
    options = plan.options
    check(options)
    with collector_paused():
        listed = [part for file in parts for part in file.listed]
        # Riskiest first, private contacts after the others at the same risk, then in
        # input order (the sort is stable), as view.build sorts (view.riskiest_first).
        keys = [(-part.risk_score, -part.level, part.private) for part in listed]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        ranked = tuple([listed[i] for i in order])
        contacts: tuple[ContactView, ...] = ()
        review: list[ContactView] = []
        if "terminal" in plan.formats:  # the riskiest contacts with findings, numbered
            risky = [i for i in order if listed[i].findings][: terminal.TOP_CONTACTS]
            contacts = tuple([_numbered(listed[i], i) for i in risky])
            review = [
                _numbered(part, i)
                for i, part in enumerate(listed)
                if part.view is not None and part.view.classification == terminal.UNKNOWN
            ]
        total = sum(file.contacts for file in parts)
        marks: Counter[tuple[str, str]] = Counter()
        classes: Counter[str] = Counter()
        for file in parts:
            marks.update(file.marks)
            classes.update(file.classes)
        by_severity: Counter[str] = Counter()
        for (_, severity), count in marks.items():
            by_severity[severity] += count
        if options.audience == "compliance":
            score = max((part.risk_score for part in listed), default=0)
            level = max((RiskLevel(part.level) for part in listed), default=RiskLevel.NONE)
        else:
            score, level = run_risk([part.risk_score for part in listed])
        levels = Counter(part.level for part in listed)
        summary = Summary(
            files=len(parts),
            contacts=total,
            listed=len(listed),
            hidden=total - len(listed),
            findings=sum(marks.values()),
            by_classification=class_counts(classes),
            by_level={lv.label: levels.get(int(lv), 0) for lv in sorted(RiskLevel, reverse=True)},
            by_severity=severity_counts(by_severity),
            risk_score=score,
            risk_level=level.label,
            baseline=baseline_view(settings),
            accepted=sum(file.accepted for file in parts),
        )
        view = ReportView(
            options=options,
            text=messages(options.lang),
            tool_version=tool_version,
            generated=generated,
            summary=summary,
            files=tuple(file.file for file in parts),
            groups=group_views(
                [file.file for file in parts],
                [file.marks for file in parts],
                [file.classes for file in parts],
            ),
            contacts=contacts,
            categories=categories(marks),
            rules=tuple(rule_views(rules, options)),
            settings=dict(settings),
            checklist=checklist(
                summary,
                set().union(*(file.work_categories for file in parts)),
                options.audience,
                nothing_read=nothing_read([file.file for file in parts]),
                private_found=frozenset().union(*(file.private_categories for file in parts)),
                assessed=assessed([file.file for file in parts]),
                some_unread=any(file.file.error for file in parts),
            ),
            law=law_of(frozenset().union(*(file.rules for file in parts)), rules, settings),
        )
        return Assembled(
            plan=plan,
            risky=sum(1 for part in listed if part.findings),
            strict=all(file.strict for file in parts),
            view=view,
            listed=ranked,
            orders=tuple(order),
            worst=max((file.worst for file in parts), default=-1),
            rules=frozenset().union(*(file.rules for file in parts)),
            kinds=frozenset().union(*(file.kinds for file in parts)),
            review=tuple(review[: terminal.TOP_REVIEW]),
            review_total=classes[terminal.UNKNOWN] if options.audience == "self" else 0,
            people=tuple(file.people for file in parts),
            renamed=dict(renamed or {}),
        )


def _numbered(part: ListedPart, order: int) -> ContactView:
    if part.view is None:
        raise ValueError("the run was built without the contacts' views")
    return replace(part.view, order=order)


def join(
    plan: PartPlan,
    file_risk: Callable[[list[int]], tuple[int, RiskLevel]],
    parts: Sequence[FilePart],
) -> FilePart:
    """The parts of one file's pieces (``--jobs`` cuts a large file, see
    :mod:`piiaudit.parsers.pieces`) as the part :func:`digest` gives the whole file.

    ``file_risk`` scores the file from every contact's score (the engine's
    aggregate); for the audience that sees every contact, every contact is
    listed, so the listed parts hold every score. For compliance the file's risk
    is the highest of its listed contacts, as in ``view.file_view``.
    """
    listed = tuple(item for part in parts for item in part.listed)
    if plan.options.audience == "compliance":
        score = max((item.risk_score for item in listed), default=0)
        level = max((RiskLevel(item.level) for item in listed), default=RiskLevel.NONE)
    else:
        score, level = file_risk([item.risk_score for item in listed])
    files = [part.file for part in parts]
    numbers = NumberCounts()
    for part in parts:
        numbers.add(part.numbers)
    issues = [i for f in files for i in f.issues]
    hint = region_issue(numbers)  # decided on the whole file's counts, as a single read does
    withheld = sum(f.withheld_issues for f in files)
    if hint is not None:
        if plan.options.audience == "compliance":  # see region_hint.is_region_issue
            withheld += 1
        else:
            issues.append(issue_view(hint, plan.options.lang))
    issues.sort(key=lambda i: (i.line, i.message))
    file = replace(
        files[0],
        dialect=next((f.dialect for f in files if f.dialect), ""),
        contacts=sum(f.contacts for f in files),
        listed=sum(f.listed for f in files),
        issues=tuple(issues),
        withheld_issues=withheld,
        unread_parts=sum(f.unread_parts for f in files),
        risk_score=score,
        risk_level=level.label,
    )
    classes: Counter[str] = Counter()
    marks: Counter[tuple[str, str]] = Counter()
    for part in parts:
        classes.update(part.classes)
        marks.update(part.marks)
    return FilePart(
        file=file,
        contacts=sum(part.contacts for part in parts),
        classes=dict(classes),
        worst=max(part.worst for part in parts),
        marks=dict(marks),
        rules=frozenset().union(*(part.rules for part in parts)),
        kinds=frozenset().union(*(part.kinds for part in parts)),
        listed=listed,
        numbers=numbers,
        accepted=sum(part.accepted for part in parts),
        people=frozenset().union(*(part.people for part in parts)),
        work_categories=frozenset().union(*(part.work_categories for part in parts)),
        private_categories=frozenset().union(*(part.private_categories for part in parts)),
    )
