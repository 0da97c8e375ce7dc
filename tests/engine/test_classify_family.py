"""The owner's relatives are private, however they are named and whatever work details
their cards carry; names that merely contain a family character are not relatives.

A relative misfiled as business has their personal mobile reported as a customer's,
and ``minimize`` hands the contact over to the company (QA: お母様, 父 会社, 兄 with
an employer). Expectations are checked by hand; every contact is fictional.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from engine.factories import contact, email, phone
from piiaudit.engine import Engine
from piiaudit.model import Category, Contact, ContactClass, Names

B, P = ContactClass.BUSINESS, ContactClass.PRIVATE

MOBILE = phone("090-7300-4100", "cell")
OFFICE = phone("03-5300-4104", "work")

RELATIVES = [
    # (why, contact)
    ("mother addressed with 様", contact("お母様", phones=(MOBILE,))),
    ("father with 様", contact("お父様", phones=(MOBILE,))),
    ("father-in-law with 様", contact("お義父様", phones=(MOBILE,))),
    ("grandfather with 様", contact("おじい様", phones=(MOBILE,))),
    ("grandmother with 様", contact("おばあ様", phones=(MOBILE,))),
    ("elder sister with 様", contact("お姉様", phones=(MOBILE,))),
    ("Dad's office number", contact("父 会社", phones=(OFFICE,))),
    ("Mum's office number", contact("母 会社", phones=(OFFICE,))),
    ("the tag in brackets", contact("父(会社)", phones=(OFFICE,))),
    ("the brother's office", contact("兄 会社", phones=(OFFICE,))),
    (
        "brother with his employer, title, work mail and office line",
        contact(
            "兄",
            org=("株式会社サンプル物産",),
            titles=("営業部 課長",),
            emails=(email("ichiro@sample-bussan.example.co.jp", "work"),),
            phones=(MOBILE, OFFICE),
        ),
    ),
    (
        "father working at a known customer",
        contact(
            "父",
            org=("株式会社カスタマーA",),
            emails=(email("taro@customer-a.example.co.jp", "work"),),
            phones=(MOBILE,),
        ),
    ),
    ("English, with a tag", contact("Dad work", phones=(OFFICE,))),
    (
        "English, with an employer and a Work group",
        contact(
            "Mom",
            org=("Example Widgets Ltd.",),
            emails=(email("mom@widgets.example.com", "work"),),
            categories=("Work",),
            phones=(MOBILE,),
        ),
    ),
]

NOT_RELATIVES = [
    ("surname 母袋", contact("母袋 一郎", org=("母袋工業株式会社",), phones=(MOBILE,))),
    ("a company in 父島", contact("山田 一郎", org=("父島観光株式会社",), phones=(MOBILE,))),
    ("a trading company 兄弟商事", contact("佐藤 次郎", org=("兄弟商事",), phones=(MOBILE,))),
    (
        "ママ inside a company name",
        contact("山田 花子", org=("株式会社ママスマイル",), phones=(MOBILE,)),
    ),
    ("a customer's mother", contact("山田様 お母様", phones=(MOBILE,))),
    (
        "a customer whose given name is Nana (菜々), as Outlook stores it",
        replace(
            contact(org=("Example Widgets Ltd.",), phones=(MOBILE,)),
            names=Names(formatted="Nana Suzuki", family="Suzuki", given="Nana"),
        ),
    ),
]


def _mobile_reported(engine: Engine, c: Contact) -> bool:
    return any(f.category is Category.MOBILE_PHONE for f in engine.evaluate(c).findings)


@pytest.mark.parametrize(("why", "c"), RELATIVES, ids=[r[0] for r in RELATIVES])
def test_a_relative_is_private_and_their_mobile_is_no_finding(
    engine: Engine, why: str, c: Contact
) -> None:
    result = engine.evaluate(c)
    assert result.classification.label is P, result.classification.reasons
    assert not _mobile_reported(engine, c)


@pytest.mark.parametrize(("why", "c"), NOT_RELATIVES, ids=[r[0] for r in NOT_RELATIVES])
def test_a_family_character_inside_a_name_is_no_relative(
    engine: Engine, why: str, c: Contact
) -> None:
    result = engine.evaluate(c)
    assert result.classification.label is B, result.classification.reasons
    assert _mobile_reported(engine, c)


@pytest.mark.parametrize(
    "c", [c for _, c in RELATIVES + NOT_RELATIVES], ids=[w for w, _ in RELATIVES + NOT_RELATIVES]
)
def test_fast_path_agrees_with_the_reference(engine: Engine, c: Contact) -> None:
    assert engine.evaluate(c) == engine.evaluate_reference(c)


@pytest.mark.parametrize("name", ["Tante Els", "Oom Henk", "Oma Hilde", "Aunt Mary"])
def test_a_kin_title_with_an_employer_is_never_handed_over_as_business(
    engine: Engine, name: str
) -> None:
    # Blind EU QA: an aunt whose card named her employer went to business, so to the
    # company. The kin title is the owner's own marking: at most review (a veto).
    card = contact(
        name,
        org=("Voorbeeld Logistiek B.V.",),
        emails=(email("els@voorbeeld-logistiek.example", "work"),),
        phones=(OFFICE,),
    )
    assert engine.evaluate(card).classification.label is not B


@pytest.mark.parametrize("note", ["兄", "兄。誕生日は5月", "Schwester"])
def test_a_kin_note_with_an_employer_is_never_handed_over_as_business(
    engine: Engine, note: str
) -> None:
    # Hand-over QA: a brother's card naming his employer, title and work mail, with the
    # note 兄, went into business.vcf; its EU twin (Schwester) went to review.
    card = contact(
        "佐藤 健二",
        org=("株式会社見本電機",),
        titles=("課長",),
        emails=(email("kenji@mihon-denki.example.co.jp", "work"),),
        phones=(OFFICE,),
        notes=(note,),
    )
    assert engine.evaluate(card).classification.label is not B
