"""A report built in parts is the report built whole, byte for byte.

``scan`` builds each file's share of the report where the file is audited
(:func:`piiaudit.reporters.parts.digest`) and stitches the shares in the main
process (:func:`~piiaudit.reporters.parts.assemble`, then each format's
``render_assembled``). Every format must come out exactly as its ``render``
writes it from the whole :class:`~piiaudit.model.AuditResult`: for the
hand-built sample, an empty run, every option, one format or several at once,
and for any result hypothesis can make up. The parts go through pickle on the
way, as they do from a worker process. Real audits are compared in
``tests/batch/test_report_parts.py``.
"""

from __future__ import annotations

import io
import pickle
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piiaudit.model import (
    AuditResult,
    Category,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    FileInfo,
    FileResult,
    Finding,
    Names,
    ParseIssue,
    Reason,
    RiskLevel,
    Severity,
    SourceRef,
    Text,
    Trail,
    ValueKind,
)
from piiaudit.reporters import ReportOptions, terminal
from piiaudit.reporters.parts import RENDERERS, PartPlan, digest
from piiaudit.reporters.terminal import TOP_CONTACTS
from reporters.assembly import assembled
from reporters.factory import Case, empty_case, sample_case
from reporters.helpers import FORMATS, render
from reporters.rulebook import rule_infos

OPTIONS: list[dict[str, Any]] = [
    {},
    {"lang": "ja"},
    {"show_pii": True},
    {"explain": True},
    {"audience": "compliance"},
    {"audience": "compliance", "explain": True, "lang": "ja"},
    {"audience": "compliance", "show_pii": True},
    {"explain": True, "show_pii": True, "lang": "ja"},
    {"csv_rows": "contacts"},
    {"csv_rows": "contacts", "audience": "compliance", "lang": "ja"},
    {"width": 60, "lang": "ja"},
]


def in_parts(
    result: AuditResult,
    formats: tuple[str, ...],
    known_rules: frozenset[str] = frozenset(),
    **options: Any,
) -> dict[str, str]:
    """Each format's report of ``result``, built in parts that went through pickle."""
    options.setdefault("width", 100)
    report_options = ReportOptions(**options)
    plan = PartPlan(report_options, formats, known_rules)
    parts = [pickle.loads(pickle.dumps(digest(plan, f))) for f in result.files]
    seen: list[list[int]] = []

    def run_risk(scores: list[int]) -> tuple[int, RiskLevel]:
        seen.append(sorted(scores))
        return result.risk_score, result.risk_level

    run = assembled(result, plan, parts=parts, run_risk=run_risk)
    if report_options.audience == "self":  # the run's score is asked from every contact's
        assert seen == [sorted(c.risk_score for c in result.contact_results())]
    texts = {}
    for fmt in formats:
        out = io.StringIO()
        RENDERERS[fmt](run, out, report_options)
        texts[fmt] = out.getvalue()
    return texts


def whole(result: AuditResult, formats: tuple[str, ...], **options: Any) -> dict[str, str]:
    return {fmt: render(fmt, result, **options) for fmt in formats}


def test_every_format_has_a_renderer_for_runs_in_parts() -> None:
    assert tuple(RENDERERS) == FORMATS


@pytest.mark.parametrize(
    "options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items())
)
@pytest.mark.parametrize("case", [sample_case, empty_case], ids=["sample", "empty"])
def test_all_formats_at_once_match_the_whole_reports(case: Any, options: dict[str, Any]) -> None:
    result = case().result
    assert in_parts(result, FORMATS, **options) == whole(result, FORMATS, **options)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("options", OPTIONS[:6], ids=lambda o: ",".join(o) or "default")
def test_each_format_alone_matches_its_whole_report(fmt: str, options: dict[str, Any]) -> None:
    """A plan with one format renders only what that format needs (no views for JSON)."""
    result = sample_case().result
    assert in_parts(result, (fmt,), **options) == whole(result, (fmt,), **options)


def test_text_formats_do_not_send_contact_views() -> None:
    plan = PartPlan(ReportOptions(), ("json", "html", "csv"))
    parts = [digest(plan, f) for f in sample_case().result.files]
    listed = [p for part in parts for p in part.listed]
    assert listed and all(p.view is None for p in listed)
    assert all(p.json and p.html and p.csv is not None for p in listed)


def test_a_run_built_without_a_format_refuses_to_render_it() -> None:
    result = sample_case().result
    plan = PartPlan(ReportOptions(), ("json",))
    run = assembled(result, plan, run_risk=lambda scores: (0, RiskLevel.NONE))
    for fmt in ("html", "csv", "terminal", "sarif"):
        with pytest.raises(ValueError, match="without"):
            RENDERERS[fmt](run, io.StringIO(), ReportOptions())


def test_hidden_contacts_leave_only_counts_and_the_worst_severity() -> None:
    """In a compliance part, a private or unknown contact is one more count of its class."""
    case = sample_case()
    plan = PartPlan(ReportOptions(audience="compliance", show_pii=True), FORMATS)
    parts = [digest(plan, f) for f in case.result.files]
    data = pickle.dumps(parts)
    private = case.private_people()
    assert private
    for person in private:
        contact = person.result.contact
        for value in [contact.display_name(), *(p.value for p in contact.phones)]:
            assert value.encode("utf-8") not in data, value
        for finding in person.result.findings:
            assert finding.value.encode("utf-8") not in data, finding.value
    hidden = sum(len(f.contacts) for f in case.result.files) - sum(len(p.listed) for p in parts)
    assert hidden == len(private)


# --------------------------------------------------------------------------- any result

texts = st.one_of(
    st.text(max_size=10),
    st.sampled_from(
        ["", '"', "<b>&amp;</b>", "=1+1", "a\nb", "\x1b[2J", "\u202e", "\udcff", "山田 太郎"]
    ),
)
labels = st.sampled_from(list(ContactClass))
severities = st.sampled_from(list(Severity))
levels = st.sampled_from(list(RiskLevel))
bilingual = st.builds(Text, texts, texts)
trails = st.none() | st.builds(
    Trail, texts, texts, st.lists(texts, max_size=2).map(tuple), st.floats(0, 1), st.floats(0, 1)
)
findings = st.builds(
    Finding,
    rule=st.sampled_from(["CORE-PHONE-001", "CORE-MAIL-001", "ZZ-UNKNOWN-9"]),
    category=st.sampled_from(list(Category)),
    severity=severities,
    field=texts,
    value=texts,
    kind=st.sampled_from(list(ValueKind)),
    message=bilingual,
    recommendation=bilingual,
    confidence=st.floats(0, 1),
    references=st.lists(texts, max_size=2).map(tuple),
    trail=trails,
)
reasons = st.builds(
    Reason,
    rule=texts,
    towards=labels,
    weight=st.floats(-2, 2),
    field=texts,
    value=texts,
    kind=st.sampled_from(list(ValueKind)),
    description=st.none() | bilingual,
)


@st.composite
def files(draw: st.DrawFn, number: int) -> FileResult:
    path = f"exports/{draw(texts)}{number}.vcf"
    if draw(st.integers(0, 5)) == 0:
        return FileResult(info=FileInfo(path=path, error=draw(texts) or "unreadable"), group=path)
    contacts = []
    line = 1
    for index in range(draw(st.integers(0, 4))):
        line += draw(st.integers(0, 9))
        contact = Contact(
            source=SourceRef(path, index, line),
            names=Names(formatted=draw(texts)),
            organizations=tuple(draw(st.lists(texts, max_size=1))),
        )
        contacts.append(
            ContactResult(
                contact=contact,
                classification=Classification(
                    draw(labels), draw(st.floats(0, 1)), tuple(draw(st.lists(reasons, max_size=2)))
                ),
                findings=tuple(draw(st.lists(findings, max_size=3))),
                risk_score=draw(st.integers(0, 100)),
                risk_level=draw(levels),
            )
        )
    issues = [
        ParseIssue(
            draw(st.integers(1, line + 3)), draw(texts), draw(st.sampled_from(["warning", "error"]))
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    info = FileInfo(path=path, format="vcard", dialect="vcard-3.0", encoding="utf-8", issues=issues)
    group = draw(st.sampled_from([path, "exports", ""]))
    return FileResult(info, group, contacts, draw(st.integers(0, 100)), draw(levels))


@st.composite
def results(draw: st.DrawFn) -> AuditResult:
    count = draw(st.integers(0, 3))
    return AuditResult(
        files=[draw(files(n)) for n in range(count)],
        risk_score=draw(st.integers(0, 100)),
        risk_level=draw(levels),
        settings={"inputs": ["exports"], "audience": draw(texts)},
        rules=rule_infos(),
        tool_version="0.0-test",
    )


report_options = st.fixed_dictionaries(
    {
        "lang": st.sampled_from(["en", "ja"]),
        "audience": st.sampled_from(["self", "compliance"]),
        "show_pii": st.booleans(),
        "explain": st.booleans(),
        "csv_rows": st.sampled_from(["findings", "contacts"]),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(results(), report_options)
def test_any_result_gives_the_same_reports_in_parts(
    result: AuditResult, options: dict[str, Any]
) -> None:
    """The same reports, or the same error (SARIF cannot quote a lone surrogate in a path)."""
    assert _outcome(in_parts, result, options) == _outcome(whole, result, options)


def _outcome(how: Any, result: AuditResult, options: dict[str, Any]) -> object:
    try:
        return how(result, FORMATS, **options)
    except UnicodeEncodeError as exc:
        return type(exc)


# --------------------------------------------------------------------------- many contacts


def many_case(seed: int) -> AuditResult:
    """Three files of 25 contacts, scores with many ties: more risky contacts per
    file than the terminal report lists, so its top ten come from several files."""
    rng = random.Random(seed)
    files_ = []
    for number in range(3):
        path = f"exports/phone{number}.vcf"
        contacts = []
        for index in range(25):
            score = rng.choice([0, 10, 40, 40, 70, 90])
            severity = rng.choice(list(Severity))
            finding = Finding(
                rule=rng.choice(["PII101", "PII110", "ZZ-NOT-IN-THE-BOOK"]),
                category=rng.choice(list(Category)),
                severity=severity,
                field=f"phones[{index % 3}]",
                value=f"090-{number:04d}-{index:04d}",
                kind=ValueKind.PHONE,
                message=Text(f"message {index % 4}", f"メッセージ{index % 4}"),
                recommendation=Text(f"advice {index % 2}", f"助言{index % 2}"),
            )
            contacts.append(
                ContactResult(
                    contact=Contact(
                        source=SourceRef(path, index, 1 + 6 * index),
                        names=Names(formatted=f"Example Person{number}-{index}"),
                    ),
                    classification=Classification(rng.choice(list(ContactClass)), 0.8),
                    findings=(finding,) * rng.choice([0, 1, 1, 2]),
                    risk_score=score,
                    risk_level=rng.choice(list(RiskLevel)),
                )
            )
        info = FileInfo(path=path, format="vcard", dialect="vcard-3.0", encoding="utf-8")
        files_.append(FileResult(info, path, contacts, 90, RiskLevel.HIGH))
    return AuditResult(files_, 95, RiskLevel.CRITICAL, {"inputs": ["exports"]}, rule_infos(), "t")


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("audience", ["self", "compliance"])
def test_many_contacts_across_files_match_the_whole_reports(seed: int, audience: str) -> None:
    result = many_case(seed)
    assert in_parts(result, FORMATS, audience=audience) == whole(result, FORMATS, audience=audience)


def test_a_file_sends_views_only_for_the_contacts_the_terminal_may_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its riskiest with findings, and its first unknown contacts (to review)."""
    monkeypatch.setattr(terminal, "TOP_REVIEW", 3)
    result = many_case(1)
    plan = PartPlan(ReportOptions(), ("terminal",))
    for file in result.files:
        part = digest(plan, file)  # the owner's report: every contact is listed
        assert sum(1 for p in part.listed if p.findings) > TOP_CONTACTS
        sent = {n for n, p in enumerate(part.listed) if p.view is not None}
        unknown = [
            n for n, r in enumerate(file.contacts) if r.classification.label is ContactClass.UNKNOWN
        ]
        risky = sorted(
            (n for n, r in enumerate(file.contacts) if r.findings),
            key=lambda n: (
                -file.contacts[n].risk_score,
                -file.contacts[n].risk_level,
                file.contacts[n].classification.label is ContactClass.PRIVATE,
            ),
        )
        assert len(unknown) > 3
        assert sent == {*risky[:TOP_CONTACTS], *unknown[:3]}


@pytest.mark.parametrize("case", [sample_case, lambda: Case(many_case(3), [])], ids=["s", "m"])
def test_known_rules_change_only_the_size_of_the_parts(case: Any) -> None:
    result = case().result
    known = frozenset(rule.id for rule in result.rules)
    assert in_parts(result, ("sarif",), known_rules=known) == whole(result, ("sarif",))
    lean = [digest(PartPlan(ReportOptions(), ("sarif",), known), f) for f in result.files]
    assert all(rule.id not in known for part in lean for p in part.listed for rule in p.sarif_rules)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_registered_reporter_renders_a_run_built_in_parts(fmt: str) -> None:
    """``reporters.get(fmt)`` takes a run built in parts as well as a whole result."""
    from piiaudit.reporters import get

    result = sample_case().result
    plan = PartPlan(ReportOptions(width=100), (fmt,))
    run = assembled(result, plan)
    via_registry, direct = io.StringIO(), io.StringIO()
    get(fmt)(run, via_registry, plan.options)
    RENDERERS[fmt](run, direct, plan.options)
    assert via_registry.getvalue() == direct.getvalue() == whole(result, (fmt,))[fmt]
