"""More personal data on a card never makes it less of a finding.

A QA pass found a customer's card (an organisation, a mobile, a birthday) that
fell from business to unknown, and out of every contact-detail finding, once a
home number was added: home labels and personal mail counted as evidence that
the contact was the owner's own. They are the data the audit looks for, not a
sign of whose contact it is, so the shipped packs no longer count them, and
this test holds every contact of the examples and the evaluation sets to it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from engine.factories import address, contact, email, phone
from piiaudit.engine import Engine, Profile, load_profile
from piiaudit.model import Contact, ContactClass
from piiaudit.parsers import ParseOptions, open_input

REPO = Path(__file__).resolve().parents[2]
INPUTS = sorted(
    p
    for folder in (REPO / "examples", REPO / "tests" / "eval")
    for p in folder.iterdir()
    if p.suffix in (".vcf", ".csv")
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    path = REPO / "tests" / "eval" / "profile.yaml"
    return Engine.from_profile(load_profile(path, path.parent))


def _with_private_details(c: Contact) -> Contact:
    """``c`` with a home line, a home address, a home mail and free and carrier mail."""
    return replace(
        c,
        phones=(*c.phones, phone("03-5555-0101", "home")),
        addresses=(*c.addresses, address("東京都架空区見本町1-2-3", "home")),
        emails=(
            *c.emails,
            email("someone@example.jp", "home"),
            email("someone@gmail.com"),
            email("someone@docomo.ne.jp"),
        ),
    )


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_private_details_never_change_whose_contact_it_is(engine: Engine, path: Path) -> None:
    with open_input(str(path), ParseOptions(region="JP")) as parsed:
        contacts = list(parsed.contacts)
    assert contacts
    changed = []
    for c in contacts:
        before = engine.evaluate(c)
        after = engine.evaluate(_with_private_details(c))
        if after.classification.label is not before.classification.label:
            changed.append(
                f"{c.display_name()}: {before.classification.label} -> {after.classification.label}"
            )
        if before.classification.label is ContactClass.BUSINESS:
            assert after.risk_score >= before.risk_score, c.display_name()
            assert {f.category for f in after.findings} >= {f.category for f in before.findings}
    assert not changed, changed


def test_the_customer_the_qa_pass_found_keeps_its_findings() -> None:
    engine = Engine.from_profile(Profile())
    customer = contact(
        "工藤 凛",
        org=("グリーンフィールド",),
        phones=(phone("090-5555-4401", "cell"),),
        birthday="1981-01-01",
    )
    with_home = replace(customer, phones=(*customer.phones, phone("03-5555-4402", "home")))
    before, after = engine.evaluate(customer), engine.evaluate(with_home)
    assert before.classification.label is ContactClass.BUSINESS
    assert after.classification.label is ContactClass.BUSINESS
    assert {f.rule for f in after.findings} >= {"CORE-PHONE-001", "CORE-BDAY-001", "CORE-PHONE-002"}
    assert after.risk_score > before.risk_score
