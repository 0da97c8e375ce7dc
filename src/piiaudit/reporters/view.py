"""The one view of an audit that every reporter renders.

Counting, sorting, masking and audience filtering happen here, once, so the
terminal, JSON, HTML, SARIF and CSV reports always agree on their numbers and
none of them can forget to mask a value or hide a private contact.

Audience rules (issue 6):

* ``self`` (the phone owner): every contact is listed, masked.
* ``compliance`` (the company): business contacts are listed, masked. Private
  *and unknown* contacts are only counted in ``by_classification``: an unknown
  contact may well be a friend's, so it is treated like a private one. Nothing
  that points at a hidden contact survives: no name, value, finding, index or
  line, not even a listed contact's index or line (the gaps between them would
  show where hidden ones sit, see :func:`shown_place`). Parse issues inside a
  hidden card are withheld (only their number is given), the finding and
  risk-level counts cover listed contacts only, and the overall and per-file risk
  are the highest of the listed contacts, because the engine's aggregate would
  otherwise reveal what a private contact holds.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet

from piiaudit.masking import TEXT_SHAPE, mask, mask_text
from piiaudit.model import (
    KEYWORD_HIT,
    AuditResult,
    Category,
    ContactClass,
    ContactResult,
    FileResult,
    Finding,
    ParseIssue,
    RiskLevel,
    RuleInfo,
    Severity,
    Trail,
    ValueKind,
    fast_constructor,
)
from piiaudit.region_hint import is_region_issue
from piiaudit.reporters.i18n import messages, text_shape
from piiaudit.reporters.options import ReportOptions, check
from piiaudit.reporters.problems import translate
from piiaudit.reporters.textsafe import printable, visible
from piiaudit.reporters.viewtypes import (
    BaselineView,
    CategoryView,
    ContactView,
    FileView,
    FindingView,
    GroupView,
    IssueView,
    ReportView,
    RuleView,
    SignalView,
    Summary,
    TrailView,
    assessed,
    nothing_read,
)

__all__ = [
    "KNOWN_MAX",
    "BaselineView",
    "CategoryView",
    "ContactView",
    "FileView",
    "FindingView",
    "GroupView",
    "IssueView",
    "ReportView",
    "RuleView",
    "SignalView",
    "Summary",
    "TrailView",
    "baseline_sentence",
    "baseline_view",
    "build",
    "categories",
    "checklist",
    "class_counts",
    "contact_file",
    "contact_view",
    "file_view",
    "forget",
    "group_views",
    "grouped",
    "is_listed",
    "law_of",
    "level_counts",
    "ordered_findings",
    "reason_texts",
    "riskiest_first",
    "rule_views",
    "severity_counts",
    "shown_evidence",
    "shown_name",
    "shown_trail",
    "signal_views",
    "trail_view",
]

HIDDEN_IN_COMPLIANCE = frozenset({ContactClass.PRIVATE, ContactClass.UNKNOWN})
SENSITIVE = frozenset({Category.NATIONAL_ID, Category.SPECIAL_CARE})
FINANCIAL = frozenset({Category.PAYMENT_CARD, Category.BANK_ACCOUNT})

# Labels back to members, for sort keys and maxima: ``parse`` per comparison cost
# more than the rest of the sorting on a 10,000-contact report.
_SEVERITY_OF = {s.label: s for s in Severity}
_LEVEL_OF = {lv.label: lv for lv in RiskLevel}
_LEVEL_LABELS = tuple(lv.label for lv in sorted(RiskLevel))  # by number


def is_listed(result: ContactResult, options: ReportOptions) -> bool:
    """Whether this audience may see the contact at all."""
    if options.audience != "compliance":
        return True
    return result.classification.label not in HIDDEN_IN_COMPLIANCE


def profile_accepted(listed: Iterable[ContactResult]) -> int:
    """How many findings the company profile's ``suppress`` list accepted on the
    contacts the report lists (a baseline's are counted apart). Over every contact,
    a compliance report's count answered a profile that names a relative: is there
    such a contact, and how many health notes does it hold (QA leak hunt)."""
    return sum(len(r.suppressed) - r.baselined for r in listed)


def build(result: AuditResult, options: ReportOptions) -> ReportView:
    """Turn an audit into what reports show: masked, counted, sorted, filtered."""
    check(options)
    text = messages(options.lang)
    contacts: list[ContactView] = []
    files: list[FileView] = []
    file_marks: list[Counter[tuple[str, str]]] = []
    file_classes: list[Counter[str]] = []
    order = 0
    accepted = 0
    for file_result in result.files:
        listed = []
        file_mark: Counter[tuple[str, str]] = Counter()
        for contact_result in file_result.contacts:
            if is_listed(contact_result, options):
                # Numbered among listed contacts only, so no gap hints at a hidden one.
                shown = contact_view(file_result, contact_result, order, options)
                contacts.append(shown)
                file_mark.update((f.category, f.severity) for f in shown.findings)
                listed.append(contact_result)
                order += 1
        files.append(file_view(file_result, listed, options))
        accepted += profile_accepted(listed)
        file_marks.append(file_mark)
        file_classes.append(Counter(r.classification.label.value for r in file_result.contacts))
    contacts.sort(key=riskiest_first)
    everything = result.contact_results()
    findings = [f for c in contacts for f in c.findings]
    if options.audience == "compliance":
        score = max((c.risk_score for c in contacts), default=0)
        level = max((_LEVEL_OF[c.risk_level] for c in contacts), default=RiskLevel.NONE)
    else:
        score, level = result.risk_score, result.risk_level
    summary = Summary(
        files=len(result.files),
        contacts=len(everything),
        listed=len(contacts),
        hidden=len(everything) - len(contacts),
        findings=len(findings),
        by_classification=class_counts(Counter(r.classification.label.value for r in everything)),
        by_level=level_counts(c.risk_level for c in contacts),
        by_severity=severity_counts(Counter(f.severity for f in findings)),
        risk_score=score,
        risk_level=level.label,
        baseline=baseline_view(result.settings),
        accepted=accepted,
    )
    marks = Counter((f.category, f.severity) for f in findings)
    return ReportView(
        options=options,
        text=text,
        tool_version=result.tool_version,
        generated=result.generated,
        summary=summary,
        files=tuple(files),
        groups=group_views(files, file_marks, file_classes),
        contacts=tuple(contacts),
        categories=categories(marks),
        rules=tuple(rule_views(result.rules, options)),
        settings=dict(result.settings),
        checklist=checklist(
            summary,
            {f.category for c in contacts if c.classification != "private" for f in c.findings},
            options.audience,
            nothing_read=nothing_read(files),
            private_found={
                f.category for c in contacts if c.classification == "private" for f in c.findings
            },
            assessed=assessed(files),
            some_unread=any(f.error for f in files),
        ),
        law=law_of({f.rule for c in contacts for f in c.findings}, result.rules, result.settings),
    )


_PRIVATE = ContactClass.PRIVATE.value


def riskiest_first(contact: ContactView) -> tuple[int, int, bool, int]:
    """The report order of contacts: riskiest first (score, then level); at the same
    risk the contacts the company answers for (business, unknown) before the owner's
    private ones; then input order. Private contacts' ID numbers and health notes score
    as high as a customer's, and in input order two of them took two of the terminal's
    ten places while eight critical business contacts were cut (blind JP QA)."""
    return (
        -contact.risk_score,
        -_LEVEL_OF[contact.risk_level],
        contact.classification == _PRIVATE,
        contact.order,
    )


# Where the GDPR applies: the EU, the EEA (Iceland, Liechtenstein, Norway) and, as the
# UK GDPR, the United Kingdom, with the same Art. 33 and 34.
GDPR_REGIONS = frozenset(
    (
        *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR"),
        *("HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI"),
        *("SK", "IS", "LI", "NO", "GB"),
    )
)
_PACK_LAW = {"jp": "jp", "gdpr": "eu"}
# Switzerland is neither: its Federal Act on Data Protection (revFADP, 2023) has the
# company report a breach likely to mean a high risk to the FDPIC "as soon as possible"
# (Art. 24), with no 72 hours. A Swiss phone region named the GDPR's (blind EU QA 2).
FADP_REGION = "CH"
# Regions whose own law the steps name: Switzerland's revFADP; the United Kingdom's UK
# GDPR, whose Art. 33 is the GDPR's but whose authority is the ICO (compliance QA: the
# UK was told "in the EU/EEA").
OWN_LAW_REGIONS = {FADP_REGION: "ch", "GB": "uk"}


def law_of(
    fired: AbstractSet[str], rules: Iterable[RuleInfo], settings: Mapping[str, object]
) -> str:
    """Whose law the checklist's legal steps name (:attr:`ReportView.law`).

    ``fired`` are the rule ids of the listed findings. A rule of the ``jp`` pack that
    found something (a My Number, a Japanese health note) speaks for Japan, one of the
    ``gdpr`` pack for the EU; so does a phone region (``--region``, the profile's
    ``region:``) where the GDPR applies. One of the two alone names it; both, or
    neither, name both: the report language says nothing of where the company is (an
    English report may be read in Tokyo), and the phone region is JP by default. The
    steps named only Japan's PPC, wrong for a company in the EU (blind EU QA). A Swiss
    phone region names Switzerland's law ("ch", :data:`FADP_REGION`)."""
    packs = {r.pack for r in rules if r.id in fired}
    laws = {_PACK_LAW[p] for p in packs if p in _PACK_LAW}
    if str(settings.get("region") or "").upper() in GDPR_REGIONS:
        laws.add("eu")
    region = str(settings.get("region") or "").upper()
    if region in OWN_LAW_REGIONS and "jp" not in laws:
        return OWN_LAW_REGIONS[region]  # a Japanese rule's finding keeps Japan named
    return laws.pop() if len(laws) == 1 else ""


def baseline_view(settings: Mapping[str, object]) -> BaselineView | None:
    """What the baseline left out, from the run's settings (``scan --baseline`` records
    the file as ``baseline`` and the count as ``baseline_suppressed``); ``None`` when
    no baseline screened the run."""
    suppressed = settings.get("baseline_suppressed")
    if not isinstance(suppressed, int) or isinstance(suppressed, bool):
        return None
    return BaselineView(str(settings.get("baseline") or ""), suppressed)


def baseline_sentence(view: ReportView) -> str:
    """The summary's sentence on what ``scan --baseline`` left out ("" without one),
    the same in the terminal and the HTML report."""
    baseline = view.summary.baseline
    if baseline is None:
        return ""
    t = view.text
    if baseline.file:
        return t.t("summary.baseline", count=baseline.suppressed, file=printable(baseline.file))
    return t.t("summary.baseline_unnamed", count=baseline.suppressed)


def repeated_sentences(view: ReportView) -> list[str]:
    """The summary's sentences on exports counted twice (:attr:`ReportView.repeated`),
    the same in the terminal and the HTML report."""
    t = view.text
    sentences = []
    for repeat in view.repeated:
        files = [visible(path) for path in repeat.files]  # as the file table shows them
        if not repeat.identical:
            sentences.append(
                t.t(
                    "summary.repeated_people",
                    first=files[0],
                    second=files[-1],
                    shared=repeat.shared,
                    of=repeat.of,
                )
            )
        else:
            sentences.append(
                t.t("summary.repeated_copies", files=", ".join(files), count=len(files))
            )
    return sentences


def region_hint_sentence(view: ReportView) -> str:
    """The summary's sentence on files whose numbers look like another country's ("" when
    none), the same in the terminal and the HTML report. The hint itself (a whole-file
    issue, ``region_hint``) sat only under "Parse issues" at the end of the report, and a
    European phone audited without ``--region`` lost its mobiles with nothing said above
    (blind EU QA round 3). It is the only whole-file issue that names ``--region``; a
    compliance report withholds it, so the sentence is not there either."""
    count = sum(
        1
        for file in view.files
        if any(issue.line == 0 and "--region " in issue.message for issue in file.issues)
    )
    return view.text.t("summary.region_hint", count=count) if count else ""


def accepted_sentence(view: ReportView) -> str:
    """The summary's sentence on the findings the company profile accepted ("" when
    none), the same in the terminal and the HTML report."""
    count = view.summary.accepted
    if not count:
        return ""
    return view.text.t("summary.accepted", count=count)


def group_views(
    files: Sequence[FileView],
    marks: Sequence[Mapping[tuple[str, str], int]],
    classes: Sequence[Mapping[str, int]],
) -> tuple[GroupView, ...]:
    """The per-employee rows: the files of each group together, groups in input order.

    ``marks[i]`` counts file ``i``'s listed findings by ``(category, severity)`` and
    ``classes[i]`` its contacts per class (what a :class:`FileView` does not hold)."""
    members: dict[str, list[int]] = {}
    for index, file in enumerate(files):
        members.setdefault(file.group, []).append(index)
    groups = []
    for group, indexes in members.items():
        own = [files[i] for i in indexes]
        counted: Counter[str] = Counter()
        found: Counter[str] = Counter()
        for i in indexes:
            counted.update(classes[i])
            for (category, _), count in marks[i].items():
                found[category] += count
        readable = [f for f in own if not f.error]
        # An unreadable file has no risk to give; a group with none readable has none.
        riskiest = max(readable or own, key=lambda f: (f.risk_score, _LEVEL_OF[f.risk_level]))
        groups.append(
            GroupView(
                group=group,
                files=len(own),
                unreadable=sum(1 for f in own if f.error),
                contacts=sum(f.contacts for f in own),
                listed=sum(f.listed for f in own),
                findings=sum(found.values()),
                by_classification=class_counts(counted),
                risk_score=riskiest.risk_score,
                risk_level=riskiest.risk_level,
                audited=bool(readable),
                incomplete=sum(1 for f in readable if f.unread_parts),
                by_category={c.value: found[c.value] for c in Category if found[c.value]},
            )
        )
    return tuple(groups)


def grouped(view: ReportView) -> bool:
    """Whether some group holds more than its one file (``--group-by dir``): only then
    do reports show the per-employee table, which would otherwise repeat the files."""
    return any(file.group != file.path for file in view.files)


def unchecked_count(view: ReportView) -> int:
    """Unclassified contacts, whose contact details no rule checks (docs/rules.md: contact
    details are findings on business contacts only). Reports say so beside the overall
    risk: a report of unknown contacts alone read "Overall risk: none" while their notes
    held home addresses (Japanese review). 0 when nothing was assessed."""
    if not view.assessed:
        return 0
    return view.summary.by_classification.get(ContactClass.UNKNOWN.value, 0)


def class_counts(counted: Counter[str]) -> dict[str, int]:
    """Contacts per classification, every class named (in the taxonomy's order)."""
    return {label.value: counted.get(label.value, 0) for label in ContactClass}


def level_counts(levels: Iterable[str]) -> dict[str, int]:
    """Listed contacts per risk level label, worst level first, every level named."""
    counted = Counter(levels)
    return {lv.label: counted.get(lv.label, 0) for lv in sorted(RiskLevel, reverse=True)}


def severity_counts(counted: Mapping[str, int]) -> dict[str, int]:
    """Findings per severity label (from their counts), worst first, every severity named."""
    return {s.label: counted.get(s.label, 0) for s in sorted(Severity, reverse=True)}


def trail_view(finding: Finding, options: ReportOptions) -> TrailView | None:
    """The finding's trail as reports show it (``--explain`` only)."""
    if not options.explain or finding.trail is None:
        return None
    return shown_trail(finding.trail, options.show_pii, text_shape(options.lang))


def _masked_hotword(word: str, shape: str) -> str:
    """``+自宅`` as ``+[2 chars]``: whether it raised or lowered stays, the word goes."""
    sign = word[:1] if word[:1] in ("+", "-") else ""
    return sign + mask_text(word[len(sign) :], shape)


def shown_trail(t: Trail, show_pii: bool, shape: str = TEXT_SHAPE) -> TrailView:
    """A trail as a report may show it: the words it found in the contact's text
    (a keyword hit's word, the context words that fired) masked like text evidence
    unless the user asked for values. The rest comes from the rule, not the contact.

    Without this, ``--explain`` printed ``keyword うつ病`` beside evidence masked as
    ``[20 chars]``: the diagnosis the mask hid."""
    pattern, hotwords = t.pattern, t.hotwords
    if not show_pii:
        if pattern.startswith(KEYWORD_HIT):
            pattern = KEYWORD_HIT + mask_text(pattern[len(KEYWORD_HIT) :], shape)
        hotwords = tuple(_masked_hotword(word, shape) for word in hotwords)
    return TrailView(
        t.detector, pattern, hotwords, t.confidence_before, t.confidence_after, t.notes
    )


_new_finding_view = fast_constructor(FindingView)
_new_contact_view = fast_constructor(ContactView)
KNOWN_MAX = 4096  # remembered rule texts; the memo is emptied when full
# (rule, id(message), lang) -> (message, recommendation, category, severity,
# category label, severity label, message text, recommendation text): what a
# finding shows of its rule, the same on thousands of findings.
_rule_texts: dict[tuple[str, int, str], tuple[object, ...]] = {}


def forget() -> None:
    """Empty the rule-text memo (tests compare views built with it warm and cold)."""
    _rule_texts.clear()


def _rule_text(finding: Finding, lang: str) -> tuple[str, str, str, str]:
    """The finding's category and severity labels, message and recommendation."""
    message, recommendation = finding.message, finding.recommendation
    key = (finding.rule, id(message), lang)
    known = _rule_texts.get(key)
    if (
        known is not None
        and known[0] is message
        and known[1] is recommendation
        and known[2] is finding.category
        and known[3] is finding.severity
    ):
        return known[4], known[5], known[6], known[7]  # type: ignore[return-value]
    texts = (
        finding.category.value,
        finding.severity.label,
        message.get(lang),
        recommendation.get(lang),
    )
    if len(_rule_texts) >= KNOWN_MAX:
        _rule_texts.clear()
    # The rule's objects are kept with their text, so their ids cannot be reused.
    _rule_texts[key] = (message, recommendation, finding.category, finding.severity, *texts)
    return texts


def _finding(finding: Finding, options: ReportOptions) -> FindingView:
    category, severity, message, recommendation = _rule_text(finding, options.lang)
    return _new_finding_view(
        finding.rule,
        category,
        severity,
        finding.field,
        shown_evidence(finding, options),
        message,
        recommendation,
        finding.confidence,
        finding.references,
        trail_view(finding, options),
    )


def shown_evidence(finding: Finding, options: ReportOptions) -> str:
    """The finding's value as reports show it: masked, or, for a value the detector
    describes rather than holds (a photo's "266 bytes"), those words in the report's
    language."""
    if finding.kind is ValueKind.NONE:
        return translate(finding.value, options.lang)
    return mask(
        finding.value,
        finding.kind,
        show_pii=options.show_pii,
        text_shape=text_shape(options.lang),
    )


def _finding_key(finding: Finding) -> tuple[int, str, tuple[str, int, str]]:
    return -finding.severity, finding.rule, _field_order(finding.field)


@functools.lru_cache(maxsize=1024)
def _field_order(field: str) -> tuple[str, int, str]:
    """``phones[2]`` before ``phones[10]``: the index compared as a number, not as text."""
    name, bracket, rest = field.partition("[")
    if bracket:
        index, _, tail = rest.partition("]")
        if index.isascii() and index.isdigit():  # '¹' is a digit int() refuses
            return name, int(index), tail
    return field, -1, ""


def ordered_findings(result: ContactResult) -> list[Finding]:
    """The contact's findings in report order: worst first, then by rule and field.

    The sort is stable, so findings alike in all three keep the engine's order.
    """
    return sorted(result.findings, key=_finding_key)


def contact_file(file_result: FileResult, result: ContactResult) -> str:
    """The file a contact is reported in (its own source path, else its file's)."""
    return result.contact.source.path or file_result.info.path


def shown_place(result: ContactResult, options: ReportOptions) -> tuple[int | None, int | None]:
    """The contact's index and line in its file as reports give them.

    A compliance report gives neither (``None``): exports are often sorted by name,
    and the gap between two listed contacts' positions would tell where a hidden one
    sits, how long its card is, and so the first letters of its name (QA leak hunt).
    The masked name and the file say which listed contact is meant.
    """
    if options.audience == "compliance":
        return None, None
    source = result.contact.source
    return source.index, source.line


def shown_name(result: ContactResult, options: ReportOptions) -> str:
    """The contact's name as reports show it: printable, then masked."""
    name = result.contact.display_name()
    if not name.isprintable():  # the usual name has nothing for printable() to remove
        name = printable(name)
    # Escape sequences go before masking: a mask keeps a name's first characters.
    return mask(name, ValueKind.NAME, show_pii=options.show_pii)


def reason_texts(result: ContactResult, options: ReportOptions) -> tuple[str, ...]:
    """Why the contact got its class: each reason's rule and description."""
    return tuple(
        f"{r.rule}: {r.description.get(options.lang)}" if r.description else r.rule
        for r in result.classification.reasons
    )


def signal_views(result: ContactResult, options: ReportOptions) -> tuple[SignalView, ...]:
    """The classification's signals, values masked (``--explain`` only)."""
    if not options.explain:
        return ()
    return tuple(
        SignalView(
            rule=r.rule,
            towards=r.towards.value,
            weight=r.weight,
            field=r.field,
            value=mask(
                r.value, r.kind, show_pii=options.show_pii, text_shape=text_shape(options.lang)
            )
            if r.value
            else "",
            description=r.description.get(options.lang) if r.description else "",
            veto=r.veto,
        )
        for r in result.classification.reasons
    )


def contact_view(
    file_result: FileResult, result: ContactResult, order: int, options: ReportOptions
) -> ContactView:
    cls = result.classification
    return _new_contact_view(
        contact_file(file_result, result),
        file_result.group,
        *shown_place(result, options),
        order,
        shown_name(result, options),
        str(cls.label),  # a class's value, without the enum's Python-level descriptor
        reason_texts(result, options),
        cls.confidence,
        signal_views(result, options),
        result.risk_score,
        _LEVEL_LABELS[result.risk_level],
        tuple([_finding(f, options) for f in ordered_findings(result)]),
    )


def issue_view(issue: ParseIssue, lang: str, compliance: bool = False) -> IssueView:
    """A reader's issue in the report's language (:mod:`.problems`).

    A compliance report gives no line (0): like a contact's (:func:`shown_place`), a
    listed card's issue line would show where the hidden cards around it sit.
    """
    line = 0 if compliance else issue.line
    return IssueView(line, translate(issue.message, lang), issue.severity)


def file_view(
    file_result: FileResult, listed: Sequence[ContactResult], options: ReportOptions
) -> FileView:
    """The file's row: its counts, the issues this audience may see, its risk.

    ``listed`` are the file's contacts this audience may see, in input order.
    The readers' English sentences (issues, why the file was not read) are put in
    the report's language here (:mod:`.problems`), so every format says the same.
    """
    info = file_result.info
    lang = options.lang
    issues: list[IssueView] = []
    withheld = 0
    if info.issues:  # where each contact starts matters only to place an issue
        hidden_starts = sorted(
            (c.contact.source.line, not is_listed(c, options)) for c in file_result.contacts
        )
        starts = [line for line, _ in hidden_starts]
        compliance = options.audience == "compliance"
        for issue in info.issues:
            owner = bisect.bisect_right(starts, issue.line) - 1
            if (owner >= 0 and hidden_starts[owner][1]) or (compliance and is_region_issue(issue)):
                withheld += 1
                continue
            issues.append(issue_view(issue, lang, compliance))
    if options.audience == "compliance":
        score = max((c.risk_score for c in listed), default=0)
        level = max((c.risk_level for c in listed), default=RiskLevel.NONE)
    else:
        score, level = file_result.risk_score, file_result.risk_level
    return FileView(
        path=info.path,
        group=file_result.group or info.path,
        format=info.format,
        dialect=info.dialect,
        encoding=info.encoding,
        contacts=len(file_result.contacts),
        listed=len(listed),
        issues=tuple(sorted(issues, key=lambda i: (i.line, i.message))),
        withheld_issues=withheld,
        error=translate(info.error, lang) if info.error else info.error,
        risk_score=score,
        risk_level=level.label,
        unread_parts=info.read_in_part(),
    )


def categories(marks: Mapping[tuple[str, str], int]) -> tuple[CategoryView, ...]:
    """Per category: how many listed findings, by severity, and the worst.

    ``marks`` counts the listed findings by ``(category, severity)``.
    """
    by_category: dict[str, Counter[str]] = {}
    for (category, severity), count in marks.items():  # one pass, not one per category
        if count:
            by_category.setdefault(category, Counter())[severity] += count
    views = []
    for category in Category:
        hits = by_category.get(category.value)
        if not hits:
            continue
        worst = max(_SEVERITY_OF[s] for s in hits)
        count = sum(hits.values())
        views.append(CategoryView(category.value, count, severity_counts(hits), worst.label))
    views.sort(key=lambda v: (-_SEVERITY_OF[v.worst], -v.count, v.category))
    return tuple(views)


def rule_views(rules: Sequence[RuleInfo], options: ReportOptions) -> list[RuleView]:
    return [
        RuleView(
            id=r.id,
            pack=r.pack,
            name=r.name,
            category=r.category.value,
            severity=r.severity.label,
            description=r.description.get(options.lang),
            recommendation=r.recommendation.get(options.lang),
            references=r.references,
        )
        for r in sorted(rules, key=lambda r: r.id)
    ]


def checklist(
    summary: Summary,
    found: set[str],
    audience: str = "self",
    *,
    nothing_read: bool = False,
    private_found: AbstractSet[str] = frozenset(),
    assessed: bool = True,
    some_unread: bool = False,
) -> tuple[str, ...]:
    """Checklist keys (``checklist.<key>`` in the messages), most urgent first.

    ``found`` holds the categories of the listed findings on contacts that may be the
    company's, ``private_found`` those on the owner's own: an ID number or a health note
    of the owner's family is no matter for the data-protection authority, yet the list
    said the company may have to report it (QA round 18). The phone's owner is told
    what to do with the phone; compliance staff reading many employees' exports get
    what the company does about them (``compliance_*``), not "lock your phone". When
    no file could be read there is one step: get exports that can be read; when no
    contact could be read (a file failed, the others held none), the same step, said
    so (``unassessed``): advice about the phone's contacts would pass for an audit.
    When some files could not be read, the first step says to get them again
    (``reread``): the rest covers only what was read (compliance QA: two employees'
    unreadable exports were named only in the files section).
    """
    if nothing_read:
        return ("unread",)
    if not assessed:
        return ("unassessed",)
    prefix = "compliance_" if audience == "compliance" else ""
    keys: list[str] = [f"{prefix}reread"] if some_unread else []
    if found & {c.value for c in SENSITIVE}:
        keys.append(f"{prefix}sensitive")
    if found & {c.value for c in FINANCIAL}:
        keys.append(f"{prefix}financial")
    if not prefix and (private_found - found) & {c.value for c in (*SENSITIVE, *FINANCIAL)}:
        keys.append("private_sensitive")
    unclassified = summary.by_classification["unknown"]
    if prefix and unclassified:
        # Withheld like private ones, yet they may be customers' with a My Number or a
        # health note the steps above could not count (blind JP QA 3: an insurance
        # agent's customers fell to unknown, and the report told compliance only not to
        # ask about "private contacts").
        keys.append("compliance_unknown")
    if summary.by_classification["business"] + unclassified:
        keys.append(f"{prefix}crm")
    if prefix:
        return (*keys, "compliance_private", "compliance_policy", "compliance_baseline")
    keys += ["delete", "device", "cloud"]
    if summary.by_classification["business"] + unclassified:
        # What to do the day the phone is gone: the company's clock for reporting a leak
        # starts when it learns of it, and a police report is what an insurer and the
        # authority ask for (QA round 18: the steps said how to prevent it, not what then).
        keys += ["lost", "exit"]
    return tuple(keys)
