"""The shared view: the one place that sorts, counts and filters for every format."""

from __future__ import annotations

from dataclasses import replace

from piiaudit.model import Category, ContactClass, RiskLevel
from piiaudit.reporters import ReportOptions
from piiaudit.reporters.view import build
from reporters.factory import empty_case, sample_case
from reporters.helpers import render


def test_contacts_sorted_by_score_then_input_order() -> None:
    case = sample_case()
    first = case.result.files[0].contacts
    first[4] = replace(first[4], risk_score=82, risk_level=RiskLevel.HIGH)  # ties with 山田
    view = build(case.result, ReportOptions())
    tied = [c.index for c in view.contacts if c.risk_score == 82]
    assert tied == [0, 4]
    assert [c.risk_score for c in view.contacts] == sorted(
        (c.risk_score for c in view.contacts), reverse=True
    )


def test_findings_worst_first_within_a_contact() -> None:
    view = build(sample_case().result, ReportOptions())
    sato = next(c for c in view.contacts if c.name == "佐* 花*")
    assert [f.severity for f in sato.findings] == ["critical", "high", "high"]


def test_categories_worst_then_most_frequent() -> None:
    view = build(sample_case().result, ReportOptions())
    order = [c.category for c in view.categories]
    assert order[:2] == ["national_id", "payment_card"]
    assert order.index("mobile_phone") < order.index("home_phone")
    assert order[-1] == "other_pii"


def test_checklist_follows_the_situation() -> None:
    full = build(sample_case().result, ReportOptions()).checklist
    # the My Number is on a private contact's card: the owner's advice, not the company's;
    # the sample's unreadable file comes first: the rest covers only what was read
    assert full == (
        "reread",
        "financial",
        "private_sensitive",
        "crm",
        "delete",
        "device",
        "cloud",
        "lost",
        "exit",
    )
    clean = build(empty_case().result, ReportOptions()).checklist
    assert clean == ("crm", "delete", "device", "cloud", "lost", "exit")


def test_checklist_without_business_contacts_skips_crm_and_exit() -> None:
    case = sample_case()
    for file in case.result.files:
        file.contacts = [c for c in file.contacts if c.classification.label is ContactClass.PRIVATE]
    keys = build(case.result, ReportOptions()).checklist
    assert keys == ("reread", "private_sensitive", "delete", "device", "cloud")


def test_compliance_checklist_ignores_what_only_private_contacts_hold() -> None:
    """A friend's My Number is the owner's business, not the company's report."""
    case = sample_case()
    for file in case.result.files:
        file.contacts = [
            c
            for c in file.contacts
            if c.classification.label is not ContactClass.BUSINESS
            or all(f.category is not Category.PAYMENT_CARD for f in c.findings)
        ]
    keys = build(case.result, ReportOptions(audience="compliance")).checklist
    assert "compliance_sensitive" not in keys and "compliance_financial" not in keys
    assert "private_sensitive" in build(case.result, ReportOptions()).checklist


def test_compliance_staff_get_the_companys_steps_not_the_owners() -> None:
    """A report over many employees' exports does not tell its reader to lock "the
    phone" or to hand contacts over "when you leave" (QA round 5, EU C3)."""
    keys = build(sample_case().result, ReportOptions(audience="compliance")).checklist
    assert keys == (  # the sample's special-care data is on private contacts: not counted
        "compliance_reread",
        "compliance_financial",
        "compliance_unknown",  # the sample has an unclassified contact
        "compliance_crm",
        "compliance_private",
        "compliance_policy",
        "compliance_baseline",
    )
    clean = build(empty_case().result, ReportOptions(audience="compliance")).checklist
    assert clean == (
        "compliance_crm",
        "compliance_private",
        "compliance_policy",
        "compliance_baseline",
    )


def test_compliance_is_told_unclassified_contacts_may_be_customers() -> None:
    """Compliance reports withhold unknown contacts like private ones; the steps said
    only "do not ask about private contacts", so an insurance agent's unclassified
    customers, with a My Number among them, went unasked about (blind JP QA 3)."""
    case = empty_case()
    only = case.result.files[0].contacts
    assert (
        "compliance_unknown"
        not in build(case.result, ReportOptions(audience="compliance")).checklist
    )
    unclassified = replace(
        only[0], classification=replace(only[0].classification, label=ContactClass.UNKNOWN)
    )
    only[0] = unclassified
    compliance = build(case.result, ReportOptions(audience="compliance"))
    assert compliance.checklist.index("compliance_unknown") < compliance.checklist.index(
        "compliance_private"
    )
    assert "piiaudit split --interactive" in compliance.step("compliance_unknown")
    assert "compliance_unknown" not in build(case.result, ReportOptions()).checklist
    japanese = build(case.result, ReportOptions(audience="compliance", lang="ja"))
    assert "判定できなかった" in japanese.step("compliance_unknown")


def test_file_risk_in_compliance_comes_from_listed_contacts() -> None:
    view = build(sample_case().result, ReportOptions(audience="compliance"))
    alice = view.files[0]
    assert (alice.risk_score, alice.risk_level) == (82, "high")
    assert (alice.contacts, alice.listed) == (5, 3)


def test_terminal_lists_at_most_ten_contacts_and_says_how_many_more() -> None:
    case = sample_case()
    template = case.result.files[0].contacts[0]
    case.result.files[0].contacts.extend(
        replace(
            template,
            contact=replace(
                template.contact, source=replace(template.contact.source, index=100 + i)
            ),
        )
        for i in range(8)
    )
    out = render("terminal", case.result)
    assert "10. " in out and "11. " not in out
    said = " ".join(out.split())  # the sentence is wrapped
    assert (
        "(see the HTML or JSON report, e.g. piiaudit scan FILE -f html -o report.html): 5" in said
    )
