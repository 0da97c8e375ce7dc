"""The JSON text written straight from a contact's result is the general path's, byte for byte.

``scan -f json`` writes each listed contact with
:func:`piiaudit.reporters.json_fast.contact_text`; the general path, a masked
view then ``json_report.contact_fragment``, stays the reference. Compared for
any contact hypothesis can make up (awkward text, every value kind, NaN,
trails and signals), for real audits of the public corpus and of the
evaluation sets (both audiences, every option), with the memos warm and
emptied, and the memos stay within their bounds.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piiaudit.audit import AuditOptions, audit_paths
from piiaudit.engine import Engine, load_profile
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
    Reason,
    RiskLevel,
    Severity,
    SourceRef,
    Text,
    Trail,
    ValueKind,
)
from piiaudit.reporters import ReportOptions, json_fast
from piiaudit.reporters.json_report import contact_fragment
from piiaudit.reporters.view import contact_view, is_listed
from reporters.strategies import SHARED, contact_results, file_results, report_options

EVAL = Path(__file__).parents[1] / "eval"

OPTIONS = [
    ReportOptions(),
    ReportOptions(lang="ja"),
    ReportOptions(show_pii=True),
    ReportOptions(explain=True),
    ReportOptions(audience="compliance"),
    ReportOptions(audience="compliance", explain=True, lang="ja", show_pii=True),
]


def general(file: FileResult, result: ContactResult, options: ReportOptions) -> str:
    """The reference: the contact's masked view, written by the JSON reporter."""
    return contact_fragment(contact_view(file, result, -1, options), options.explain)


def same_both_ways(file: FileResult, result: ContactResult, options: ReportOptions) -> None:
    expected = general(file, result, options)
    assert json_fast.contact_text(file, result, options) == expected  # memos as they are
    assert json_fast.contact_text(file, result, options) == expected  # memos warm


@pytest.fixture
def cold_memos() -> Iterator[None]:
    json_fast.forget()
    yield
    json_fast.forget()


# --------------------------------------------------------------------------- made-up contacts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_results, st.lists(contact_results, min_size=1, max_size=3), report_options)
def test_any_contact_gives_the_general_text(
    file: FileResult, results: list[ContactResult], options: ReportOptions
) -> None:
    for result in results:
        same_both_ways(file, result, options)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_results, contact_results, report_options)
def test_any_contact_gives_the_general_text_with_memos_emptied(
    file: FileResult, result: ContactResult, options: ReportOptions
) -> None:
    json_fast.forget()
    same_both_ways(file, result, options)


def _finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "rule": "CORE-PHONE-001",
        "category": Category.MOBILE_PHONE,
        "severity": Severity.HIGH,
        "field": "phones[0]",
        "value": "090-1234-5678",
        "kind": ValueKind.PHONE,
        "message": SHARED[0],
        "recommendation": SHARED[1],
        "confidence": 0.9,
        "references": ("APPI Art. 2",),
    }
    return Finding(**{**values, **changes})


def _one(*found: Finding) -> tuple[FileResult, ContactResult]:
    contact = Contact(source=SourceRef("a.vcf", 0, 1), names=Names(formatted="Sample Alex"))
    result = ContactResult(
        contact, Classification(ContactClass.BUSINESS, 0.8), found, 60, RiskLevel.HIGH
    )
    return FileResult(FileInfo("a.vcf"), "a.vcf", [result]), result


@pytest.mark.usefixtures("cold_memos")
@pytest.mark.parametrize("options", OPTIONS, ids=repr)
def test_a_rules_text_is_not_reused_for_a_finding_it_does_not_fit(options: ReportOptions) -> None:
    """The rule memo is keyed by the rule's message object: a finding sharing that
    object but not the rest (an overridden severity, other references, another
    category or recommendation) gets its own text."""
    base = _finding()
    variants = [
        base,
        _finding(severity=Severity.LOW),
        _finding(category=Category.HOME_PHONE),
        _finding(recommendation=SHARED[2]),
        _finding(references=()),
        _finding(references=("APPI Art. 2", "GDPR Art. 4")),
        _finding(message=Text("Mobile number", "携帯番号")),  # equal, not the same object
        _finding(confidence=math.nan, trail=Trail("phone", "mobile", ("tel",), 0.5, 0.9)),
        _finding(trail=Trail("phone", "mobile", ("tel",), 0.5, 0.9)),  # equal, not the same
        _finding(trail=Trail("phone", "landline")),
    ]
    for variant in variants:
        file, result = _one(variant)
        same_both_ways(file, result, options)
    file, result = _one(*variants)
    same_both_ways(file, result, options)


def test_memos_stay_bounded_and_keep_no_long_label(cold_memos: None) -> None:
    options = ReportOptions()
    for number in range(json_fast.KNOWN_MAX + 50):
        finding = _finding(field=f"other.X-{number}[0]", message=Text(f"m{number}", "m"))
        file, result = _one(finding)
        assert json_fast.contact_text(file, result, options) == general(file, result, options)
        assert len(json_fast._labels) <= json_fast.KNOWN_MAX
        assert len(json_fast._rules) <= json_fast.KNOWN_MAX
    long_field = "notes[0]" + "x" * json_fast.TEXT_MAX
    file, result = _one(_finding(field=long_field))
    assert json_fast.contact_text(file, result, options) == general(file, result, options)
    assert long_field not in json_fast._labels


def test_no_contact_value_is_remembered(cold_memos: None) -> None:
    """Names and evidence are personal: they are masked and written, never kept."""
    finding = _finding(value="090-9876-5432")
    file, result = _one(finding)
    reason = Reason("CORE-ORG", ContactClass.BUSINESS, 1.0, "names.formatted", "Sample Alex")
    result = replace(
        result,
        classification=Classification(ContactClass.BUSINESS, 0.8, (reason,)),
        findings=(replace(finding, trail=Trail("phone", "mobile")),),
    )
    for options in OPTIONS:
        json_fast.contact_text(file, result, options)
    assert json_fast._reasons and json_fast._trails and json_fast._rules
    kept = [*json_fast._labels, *json_fast._labels.values()]
    for memo in (json_fast._rules, json_fast._reasons, json_fast._trails):
        kept += [str(part) for entry in memo.values() for part in entry]
    for secret in ("Sample Alex", "S***** A***", "090-9876-5432", "***-****-5432"):
        assert not [text for text in kept if secret in text]


# --------------------------------------------------------------------------- real audits


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine.from_profile(load_profile(None, tmp_path_factory.mktemp("no-profile")))


def _exports(directory: Path) -> list[str]:
    return sorted(
        str(p)
        for p in directory.rglob("*")
        if p.is_file() and p.suffix.lower() in {".vcf", ".csv", ".vcard"}
    )


def _every_listed_contact(audit: AuditResult, options: ReportOptions) -> int:
    compared = 0
    for file in audit.files:
        for result in file.contacts:
            if is_listed(result, options):
                same_both_ways(file, result, options)
                compared += 1
    return compared


@pytest.mark.parametrize("options", OPTIONS, ids=repr)
def test_the_public_corpus_gives_the_general_text(
    engine: Engine, corpus_dir: Path, options: ReportOptions
) -> None:
    paths = sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    audit = audit_paths(paths, engine, AuditOptions())
    assert _every_listed_contact(audit, options) > 0


@pytest.mark.parametrize("options", OPTIONS, ids=repr)
def test_the_evaluation_sets_give_the_general_text(engine: Engine, options: ReportOptions) -> None:
    audit = audit_paths(_exports(EVAL), engine, AuditOptions())
    assert _every_listed_contact(audit, options) > 0
