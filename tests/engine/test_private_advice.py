"""A finding on the owner's own contact gives the owner's advice, not the company's.

The rules' recommendations are written for customer data ("delete it now; a leak must
be reported to the PPC even for one person"): on the owner's mother's card, beside her
illness, that was wrong and alarming (QA round 18). All data fictional.
"""

from __future__ import annotations

from engine.factories import contact, customer, phone
from piiaudit.engine import Engine
from piiaudit.engine.evaluate import private_advice
from piiaudit.model import Category, ContactClass

HEALTH_NOTE = ("持病の糖尿病あり。毎月通院",)


def test_a_private_contacts_findings_recommend_the_owners_advice(engine: Engine) -> None:
    mother = engine.evaluate(
        contact("母", phones=(phone("090-0000-2222", "cell"),), notes=HEALTH_NOTE)
    )
    assert mother.classification.label is ContactClass.PRIVATE
    care = [f for f in mother.findings if f.category is Category.SPECIAL_CARE]
    assert care, mother.findings
    assert all(f.recommendation is private_advice() for f in mother.findings)
    assert "個人情報保護委員会" not in care[0].recommendation.ja
    assert "not handed over" in care[0].recommendation.en


def test_a_customers_findings_keep_the_rules_advice(engine: Engine) -> None:
    client = engine.evaluate(customer(notes=HEALTH_NOTE))
    assert client.classification.label is ContactClass.BUSINESS
    care = [f for f in client.findings if f.category is Category.SPECIAL_CARE]
    assert care and all(f.recommendation is not private_advice() for f in care)
    assert "個人情報保護委員会" in care[0].recommendation.ja


def test_a_contact_forced_private_gets_the_owners_advice_too(engine: Engine) -> None:
    """split's and minimize's overrides reach the engine as a forced class."""
    result = engine.evaluate(customer(notes=HEALTH_NOTE), force_class=ContactClass.PRIVATE)
    assert result.findings
    assert all(f.recommendation is private_advice() for f in result.findings)
