"""The report fixes of the blind JP and EU QA passes (all data fictional): the order of
the riskiest contacts, whose law the checklist names, commands in the terminal, and a
note matched twice by one rule."""

from __future__ import annotations

import json
from dataclasses import replace

from piiaudit.model import (
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    Names,
    RiskLevel,
    SourceRef,
)
from piiaudit.reporters import ReportOptions
from piiaudit.reporters.terminal import TOP_CONTACTS, export_name
from piiaudit.reporters.view import build, law_of
from piiaudit.reporters.wrap import fold
from reporters.factory import sample_case
from reporters.helpers import render


def _contact(index: int, name: str, label: ContactClass, like: ContactResult) -> ContactResult:
    """A copy of ``like`` (its findings, a critical score of 90) under another name."""
    contact = Contact(source=SourceRef("exports/alice.vcf", index, 100 + index), names=Names(name))
    return replace(
        like,
        contact=contact,
        classification=Classification(label, 0.9),
        risk_score=90,
        risk_level=RiskLevel.CRITICAL,
    )


def _many_critical() -> tuple[object, list[str]]:
    """Two private contacts first in the file, then TOP_CONTACTS business ones, all
    critical at 90: the terminal's places are the business contacts'."""
    case = sample_case()
    first = case.result.files[0]
    like = next(c for c in first.contacts if c.findings)
    privates = [_contact(i, f"家族 {i}", ContactClass.PRIVATE, like) for i in range(2)]
    business = [
        _contact(2 + i, f"取引先 {i}", ContactClass.BUSINESS, like) for i in range(TOP_CONTACTS)
    ]
    first.contacts = [*privates, *business]
    case.result.files[1].contacts = []
    return case.result, [f"家* {i}" for i in range(2)]


def test_private_contacts_come_after_business_ones_at_the_same_risk() -> None:
    result, private_names = _many_critical()
    view = build(result, ReportOptions())  # type: ignore[arg-type]
    kinds = [c.classification for c in view.contacts]
    assert kinds == ["business"] * TOP_CONTACTS + ["private"] * 2
    text = render("terminal", result, width=200)  # type: ignore[arg-type]
    top = text.split("== Riskiest contacts first ==")[1].split("==")[0]
    assert top.count("(business)") == TOP_CONTACTS
    assert not any(name in top for name in private_names)


def test_a_higher_private_score_still_comes_first() -> None:
    result, _ = _many_critical()
    file = result.files[0]  # type: ignore[attr-defined]
    file.contacts[0] = replace(file.contacts[0], risk_score=96)
    view = build(result, ReportOptions())  # type: ignore[arg-type]
    assert view.contacts[0].classification == "private"


def test_law_from_the_packs_that_found_something_and_the_region() -> None:
    rules = [replace(r, pack="jp") for r in sample_case().result.rules]
    jp = {rules[0].id}
    assert law_of(jp, rules, {"region": "JP"}) == "jp"
    assert law_of(jp, rules, {"region": "DE"}) == ""  # both: the report cannot tell
    assert law_of(set(), rules, {"region": "JP"}) == ""  # JP is only the default region
    assert law_of(set(), rules, {"region": "FR"}) == "eu"
    gdpr = [replace(r, pack="gdpr") for r in rules]
    assert law_of(jp, gdpr, {"region": "JP"}) == "eu"
    assert law_of(set(), rules, {}) == ""


def _lost(result: object, **options: object) -> str:
    report = json.loads(render("json", result, **options))  # type: ignore[arg-type]
    return next(s["text"] for s in report["checklist"] if s["id"] == "lost")


def test_the_lost_phone_step_names_the_gdpr_for_an_eu_run() -> None:
    case = sample_case()
    case.result.settings["region"] = "DE"
    for lang in ("en", "ja"):
        lost = _lost(case.result, lang=lang)
        assert "72" in lost and "33" in lost
        assert "Personal Information Protection Commission" not in lost
        assert "個人情報保護委員会" not in lost


def test_a_swiss_phone_names_the_fadp_not_the_gdpr() -> None:
    # Switzerland's Federal Act on Data Protection: the FDPIC, "as soon as possible"
    # (Art. 24), no 72 hours; a Swiss region named the GDPR's (blind EU QA, round 2).
    rules = [replace(r, pack="gdpr") for r in sample_case().result.rules]
    assert law_of({rules[0].id}, rules, {"region": "CH"}) == "ch"
    # a Japanese rule's finding in the same run (a mixed batch) keeps Japan named
    mixed = [replace(rules[0], pack="jp"), replace(rules[1], pack="gdpr")]
    assert law_of({mixed[0].id}, mixed, {"region": "CH"}) == "jp"
    assert law_of({r.id for r in mixed}, mixed, {"region": "CH"}) == ""
    case = sample_case()
    case.result.settings["region"] = "CH"
    for lang in ("en", "ja"):
        lost = _lost(case.result, lang=lang)
        assert "FDPIC" in lost and "24" in lost
        assert "GDPR" not in lost and "72" not in lost


def test_a_uk_phone_names_the_ico_under_the_uk_gdpr() -> None:
    # Compliance QA: the UK was told "in the EU/EEA ... GDPR"; its authority is the ICO.
    case = sample_case()
    case.result.settings["region"] = "GB"
    for lang in ("en", "ja"):
        lost = _lost(case.result, lang=lang)
        assert "ICO" in lost and "72" in lost and "33" in lost
        assert "EU/EEA" not in lost and "EU・EEA" not in lost


def test_the_lost_phone_step_names_both_laws_when_it_cannot_tell() -> None:
    """An English report is no sign of an EU company: the sample's rules are of no pack
    of Japan's or the EU's, so both are named, whatever the language."""
    for lang in ("en", "ja"):
        lost = _lost(sample_case().result, lang=lang)
        assert "GDPR" in lost
        assert "Personal Information Protection Commission" in lost or "個人情報保護委員会" in lost


def test_the_lost_phone_step_names_the_ppc_for_a_japanese_run() -> None:
    case = sample_case()
    case.result.rules = [replace(r, pack="jp") for r in case.result.rules]
    for lang in ("en", "ja"):
        lost = _lost(case.result, lang=lang)
        assert "GDPR" not in lost
    terminal = render("terminal", case.result, lang="ja", width=100)
    assert "個人情報保護委員会" in terminal.split("== 次に行うこと ==")[1]


def test_a_command_is_never_broken_inside_a_word() -> None:
    sentence = (
        "実際は顧客の連絡先であれば、分類を訂正してください（piiaudit split エクスポート.vcf "
        "--out-dir handover --interactive、または --override の振り分け指定ファイル）。"
    )
    words = ["piiaudit", "split", "エクスポート.vcf", "--out-dir", "handover", "--interactive"]
    for width in range(20, 90):
        lines = fold(sentence, width)
        tokens = [token for line in lines for token in line.replace("（", " ").split()]
        assert all(any(w in t for t in tokens) for w in words), (width, lines)


def test_the_review_names_the_one_input_file() -> None:
    case = sample_case()
    case.result.files = case.result.files[1:2]  # exports/bob.csv alone
    view = build(case.result, ReportOptions())
    assert export_name(view) == "exports/bob.csv"
    case.result.files[0].info = replace(case.result.files[0].info, path="my contacts.csv")
    assert export_name(build(case.result, ReportOptions())) == "'my contacts.csv'"
    case.result.files[0].info = replace(case.result.files[0].info, path="-x.vcf")
    assert export_name(build(case.result, ReportOptions())) == "./-x.vcf"  # no option
    case.result.files[0].info = replace(case.result.files[0].info, path="-")
    assert export_name(build(case.result, ReportOptions())) == "EXPORT.vcf"  # standard input
    case.result.files = sample_case().result.files  # several files: the placeholder
    assert export_name(build(case.result, ReportOptions(lang="ja"))) == "エクスポート.vcf"


def test_one_note_matched_twice_by_one_rule_is_one_line_with_its_advice() -> None:
    case = sample_case()
    first = case.result.files[0]
    contact = next(c for c in first.contacts if c.findings)
    finding = contact.findings[0]
    twice = replace(finding, value=finding.value[:3] or "abc")
    first.contacts = [replace(contact, findings=(finding, twice, *contact.findings[1:]))]
    case.result.files = [first]
    text = render("terminal", case.result, width=200)
    advice = finding.recommendation.get("en")
    block = text.split("== Riskiest contacts first ==")[1].split("\n2. ")[0]
    assert block.count(advice) == 1
    line = next(ln for ln in block.splitlines() if ln.strip().startswith("- "))
    assert ", " in line  # both pieces of evidence on the finding's one line


def test_another_rules_finding_with_the_same_advice_says_so() -> None:
    """A private contact's findings all carry the same advice: the second said nothing."""
    case = sample_case()
    first = case.result.files[0]
    contact = next(c for c in first.contacts if len({f.rule for f in c.findings}) > 1)
    head = contact.findings[0]
    other = next(f for f in contact.findings if f.rule != head.rule)
    same = replace(other, recommendation=head.recommendation)
    first.contacts = [replace(contact, findings=(head, same))]
    case.result.files = [first]
    text = render("terminal", case.result, width=200)
    block = text.split("== Riskiest contacts first ==")[1].split("==")[0]
    assert block.count(head.recommendation.get("en")) == 1
    assert block.count("→") == 2
    assert "Same advice as above." in block
