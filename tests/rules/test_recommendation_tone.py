"""A finding's recommendation must hold for every kind of sales (blind JP QA 3, report
wording 2): advice written for B2B sales ("a customer's family circumstances are rarely
needed for business", 「業務に必要な場面は限られます」「取引に必要なことはまれです」) is wrong for
a life-insurance agent, whose work is the customer's household, or a housing salesperson,
whose loan screening is the customer's income and debts, and makes them dismiss the
report. The company answers for such data either way: what the business needs goes into
its customer system (CRM), not onto a private phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
RULE_FILES = sorted(
    p
    for p in (REPO / "rules").glob("*/*.yaml")
    if p.name != "pack.yaml" and not p.name.endswith(".cases.yaml")
)
DISMISSIVE = re.compile(
    r"rarely needed|seldom needed|really needs?|not the company's contacts|never agreed"
    r"|必要な場面は限られ|必要なことはまれ|会社の連絡先ではありません|同意していない第三者"
)
# The recommendations of the contact-detail rules that name the company's system: family,
# finances and home numbers, which QA found written as if nobody needed them.
NAME_THE_CRM = (
    "JP-FAMILY-001",
    "GDPR-FAMILY-00",
    "JP-FIN-001",
    "GDPR-FIN-001",
    "CORE-PHONE-002",
    "CORE-PHONE-004",
    "CORE-FAMILY-001",
    "CORE-REL-001",
    "CORE-ANNIV-001",
)


def _rule(path: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_no_recommendation_says_the_data_is_rarely_needed(path: Path) -> None:
    texts = _rule(path).get("recommendation") or {}
    assert isinstance(texts, dict)
    found = [text for text in texts.values() if DISMISSIVE.search(str(text))]
    assert found == [], f"{path.name}: {found}"


@pytest.mark.parametrize(
    "path",
    [p for p in RULE_FILES if p.name.startswith(NAME_THE_CRM)],
    ids=lambda p: p.stem,
)
def test_the_recommendation_names_the_company_system(path: Path) -> None:
    texts = _rule(path)["recommendation"]
    assert isinstance(texts, dict)
    assert "customer system (CRM)" in texts["en"] and "not on a private phone" in texts["en"]
    assert "顧客管理システム（CRM）" in texts["ja"] and "私物の端末ではなく" in texts["ja"]
