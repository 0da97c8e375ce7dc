"""A contact's view is what the plain construction gave, memo or not.

``view.contact_view`` builds its slotted views with ``fast_constructor`` and
takes a finding's rule texts (labels, message, recommendation) from a bounded
memo keyed by the rule's own objects. ``plain_view`` below is the code it
replaced, building each view through the dataclass constructors, kept as the
reference; compared for made-up contacts (warm and emptied memo, findings
sharing a rule's objects or not) and for the public corpus.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from piiaudit.audit import AuditOptions, audit_paths
from piiaudit.engine import Engine, load_profile
from piiaudit.masking import mask
from piiaudit.model import (
    Category,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    FileInfo,
    FileResult,
    Finding,
    Names,
    RiskLevel,
    Severity,
    SourceRef,
    Text,
    ValueKind,
)
from piiaudit.reporters import ReportOptions, view
from piiaudit.reporters.i18n import text_shape
from piiaudit.reporters.problems import translate
from piiaudit.reporters.textsafe import printable
from piiaudit.reporters.view import (
    ContactView,
    FindingView,
    SignalView,
    TrailView,
    contact_view,
    is_listed,
)
from reporters.strategies import SHARED, contact_results, file_results, report_options


def plain_view(
    file: FileResult, result: ContactResult, order: int, options: ReportOptions
) -> ContactView:
    """The view as the dataclass constructors build it, nothing remembered."""
    lang = options.lang
    shape = text_shape(lang)  # masked free text is worded in the report's language
    findings = []
    for f in result.findings:
        trail = None
        if options.explain and f.trail is not None:
            t = f.trail
            pattern, hotwords = t.pattern, t.hotwords
            if not options.show_pii:  # words found in the contact's text are masked
                if pattern.startswith("keyword "):
                    pattern = "keyword " + mask(pattern[8:], ValueKind.TEXT, text_shape=shape)
                hotwords = tuple(
                    w[0] + mask(w[1:], ValueKind.TEXT, text_shape=shape)
                    if w[:1] in "+-" and w
                    else mask(w, ValueKind.TEXT, text_shape=shape)
                    for w in hotwords
                )
            trail = TrailView(
                t.detector, pattern, hotwords, t.confidence_before, t.confidence_after, t.notes
            )
        findings.append(
            FindingView(
                rule=f.rule,
                category=f.category.value,
                severity=f.severity.label,
                field=f.field,
                evidence=translate(f.value, lang)  # a detector's own words ("266 bytes")
                if f.kind is ValueKind.NONE
                else mask(f.value, f.kind, show_pii=options.show_pii, text_shape=shape),
                message=f.message.get(lang),
                recommendation=f.recommendation.get(lang),
                confidence=f.confidence,
                references=f.references,
                trail=trail,
            )
        )
    order_of = {s: s.value for s in Severity}
    findings.sort(key=lambda f: (-order_of[Severity.parse(f.severity)], f.rule, _natural(f.field)))
    cls = result.classification
    signals: tuple[SignalView, ...] = ()
    if options.explain:
        signals = tuple(
            SignalView(
                r.rule,
                r.towards.value,
                r.weight,
                r.field,
                mask(r.value, r.kind, show_pii=options.show_pii, text_shape=shape)
                if r.value
                else "",
                r.description.get(lang) if r.description else "",
                r.veto,
            )
            for r in cls.reasons
        )
    name = result.contact.display_name()
    return ContactView(
        file=result.contact.source.path or file.info.path,
        group=file.group,
        # Compliance reports give no position (the gaps would place hidden contacts).
        index=None if options.audience == "compliance" else result.contact.source.index,
        line=None if options.audience == "compliance" else result.contact.source.line,
        order=order,
        name=mask(printable(name), ValueKind.NAME, show_pii=options.show_pii),
        classification=cls.label.value,
        reasons=tuple(
            f"{r.rule}: {r.description.get(lang)}" if r.description else r.rule for r in cls.reasons
        ),
        confidence=cls.confidence,
        signals=signals,
        risk_score=result.risk_score,
        risk_level=result.risk_level.label,
        findings=tuple(findings),
    )


def same_views(file: FileResult, result: ContactResult, options: ReportOptions) -> None:
    expected = plain_view(file, result, 7, options)
    for _ in range(2):  # the memo as it is, then warm
        built = contact_view(file, result, 7, options)
        assert type(built) is ContactView
        assert all(type(f) is FindingView for f in built.findings)
        # repr shows every field exactly (floats round-trip), NaN included, which == would not.
        assert repr(built) == repr(expected)
        assert repr(pickle.loads(pickle.dumps(built))) == repr(expected)
        assert repr(replace(built, order=3)) == repr(replace(expected, order=3))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_results, contact_results, report_options)
def test_any_contact_gets_the_plain_view(
    file: FileResult, result: ContactResult, options: ReportOptions
) -> None:
    same_views(file, result, options)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_results, contact_results, report_options)
def test_any_contact_gets_the_plain_view_with_the_memo_emptied(
    file: FileResult, result: ContactResult, options: ReportOptions
) -> None:
    view.forget()
    same_views(file, result, options)


def test_a_rules_texts_are_not_reused_for_a_finding_they_do_not_fit() -> None:
    view.forget()

    def finding(**changes: object) -> Finding:
        values: dict[str, object] = {
            "rule": "CORE-PHONE-001",
            "category": Category.MOBILE_PHONE,
            "severity": Severity.HIGH,
            "field": "phones[0]",
            "value": "090-1234-5678",
            "kind": ValueKind.PHONE,
            "message": SHARED[0],
            "recommendation": SHARED[1],
        }
        return Finding(**{**values, **changes})  # type: ignore[arg-type]

    found = (
        finding(),
        finding(severity=Severity.LOW),
        finding(category=Category.HOME_PHONE),
        finding(recommendation=SHARED[2]),
        finding(message=Text("Mobile number", "携帯番号")),
    )
    contact = Contact(source=SourceRef("a.vcf", 0, 1), names=Names(formatted="Sample Alex"))
    result = ContactResult(
        contact, Classification(ContactClass.BUSINESS, 0.8), found, 60, RiskLevel.HIGH
    )
    file = FileResult(FileInfo("a.vcf"), "a.vcf", [result])
    for lang in ("en", "ja"):
        same_views(file, result, ReportOptions(lang=lang))


def test_the_memo_stays_bounded() -> None:
    view.forget()
    options = ReportOptions()
    contact = Contact(source=SourceRef("a.vcf", 0, 1))
    for number in range(view.KNOWN_MAX + 20):
        found = Finding(
            "R",
            Category.OTHER_PII,
            Severity.LOW,
            "notes[0]",
            "x",
            ValueKind.TEXT,
            Text(f"m{number}", "m"),
            Text("r", "r"),
        )
        result = ContactResult(
            contact, Classification(ContactClass.UNKNOWN, 0.5), (found,), 10, RiskLevel.LOW
        )
        file = FileResult(FileInfo("a.vcf"), "a.vcf", [result])
        assert contact_view(file, result, 0, options) == plain_view(file, result, 0, options)
        assert len(view._rule_texts) <= view.KNOWN_MAX
    view.forget()


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine.from_profile(load_profile(None, tmp_path_factory.mktemp("no-profile")))


@pytest.mark.parametrize(
    "options",
    [ReportOptions(), ReportOptions(audience="compliance", explain=True, lang="ja")],
    ids=repr,
)
def test_the_public_corpus_gets_the_plain_views(
    engine: Engine, corpus_dir: Path, options: ReportOptions
) -> None:
    paths = sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    audit = audit_paths(paths, engine, AuditOptions())
    compared = 0
    for file in audit.files:
        for result in file.contacts:
            if is_listed(result, options):
                same_views(file, result, options)
                compared += 1
    assert compared > 0


def _natural(field: str) -> tuple[str, int, str]:
    """``phones[2]`` before ``phones[10]``, written out plainly with a regex."""
    match = re.fullmatch(r"([^\[]*)\[(\d+)\](.*)", field)
    return (match[1], int(match[2]), match[3]) if match else (field, -1, "")
