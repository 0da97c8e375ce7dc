"""The owner's own card (``--owner``): the ``person`` detector, CORE-OWNER-001 and the
settling signal that keeps the card private against its employer, title and work mail.

Every name, number and address here is fictional.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from engine.factories import contact, email, phone
from engine.packs import make_pack, rule
from piiaudit.engine import Engine, Profile
from piiaudit.engine.classify import classify
from piiaudit.engine.detectors import EvalContext, build_detector
from piiaudit.engine.detectors.person import kind_of
from piiaudit.engine.profile import OWNER_LIST, read_profile
from piiaudit.engine.testing import TEST_PROFILE, build_engine
from piiaudit.engine.validate import validate_packs
from piiaudit.engine.view import ContactView
from piiaudit.errors import ConfigError
from piiaudit.model import Contact, ContactClass, Names, Reason

B, P, U = ContactClass.BUSINESS, ContactClass.PRIVATE, ContactClass.UNKNOWN
OWNER = "CORE-OWNER-001"


def matches(owner: tuple[str, ...], c: Contact, region: str = "JP") -> bool:
    detector = build_detector("person", {"lists": [OWNER_LIST]}, {OWNER_LIST: owner})
    return bool(detector.find(ContactView(c), EvalContext(region, {})))


def named(formatted: str = "", **parts: str) -> Contact:
    return replace(contact(formatted), names=Names(formatted=formatted, **parts))


KANJI_CARDS = [
    named("山田 太郎"),
    named("山田太郎"),
    named("", family="山田", given="太郎"),
    named("山田 太郎（営業部）"),
    named("山田・太郎"),
]


@pytest.mark.parametrize(
    "value", ["山田 太郎", "山田太郎", "太郎 山田", "山田　太郎", "山田・太郎"]
)
@pytest.mark.parametrize("card", KANJI_CARDS, ids=lambda c: c.names.display())
def test_a_kanji_name_matches_in_either_order_and_spacing(value: str, card: Contact) -> None:
    assert matches((value,), card)


LATIN_CARDS = [
    named("", family="Yamada", given="Taro"),
    named("Taro Yamada"),
    named("Yamada, Taro"),
    named("YAMADA TARO"),
]


@pytest.mark.parametrize(
    "value", ["Yamada Taro", "Taro Yamada", "yamada taro", "ＴＡＲＯ ＹＡＭＡＤＡ"]
)
@pytest.mark.parametrize("card", LATIN_CARDS, ids=lambda c: c.names.display())
def test_a_latin_name_matches_in_either_order_and_case(value: str, card: Contact) -> None:
    assert matches((value,), card)


def test_the_phonetic_name_matches_in_hiragana_or_katakana() -> None:
    card = named("T. Yamada", phonetic_family="ヤマダ", phonetic_given="タロウ")
    assert matches(("やまだ たろう",), card)
    assert matches(("タロウ ヤマダ",), card)
    assert matches(("ﾔﾏﾀﾞ ﾀﾛｳ",), card)  # half-width katakana, as feature phones typed it


@pytest.mark.parametrize(
    "card",
    [
        named("山田 太一"),
        named("", family="山田", given="太一"),
        named("山田"),
        named("山田 太郎 税理士事務所"),
        named("Taro Yamadas"),
        named("", family="Yamada", given="Tarou"),
    ],
    ids=lambda c: c.names.display(),
)
def test_a_similar_name_is_someone_else(card: Contact) -> None:
    assert not matches(("山田 太郎", "Yamada Taro"), card)


@pytest.mark.parametrize(
    "value",
    ["090-5550-1234", "+81 90 5550 1234", "０９０（５５５０）１２３４", "tel:+81-90-5550-1234"],
)
def test_a_phone_number_matches_by_its_e164_form(value: str) -> None:
    card = contact("Mamo", phones=(phone("03-5555-0100", "work"), phone("090 5550 1234", "cell")))
    assert matches((value,), card)
    assert not matches((value,), contact("Mamo", phones=(phone("090-5550-1235", "cell"),)))


def test_a_number_without_country_code_is_read_in_the_runs_region() -> None:
    card = contact("Lena", phones=(phone("+49 171 2345678", "cell", region="DE"),))
    assert matches(("0171 2345678",), card, region="DE")
    assert not matches(("0171 2345678",), card, region="JP")


def test_an_email_address_matches_whatever_its_case() -> None:
    card = contact("Taro", emails=(email("mailto:T.Yamada@Example.JP", "home"),))
    assert matches(("t.yamada@example.jp",), card)
    assert not matches(("t.yamada@example.com",), card)
    assert not matches(("yamada@example.jp",), card)


def test_a_number_or_address_never_matches_a_name() -> None:
    card = named("Taro Yamada")
    assert not matches(("090-5550-1234", "taro@example.jp"), card)
    assert [kind_of(v) for v in ("山田 太郎", "+81 90 5550 1234", "a@example.jp")] == [
        "name",
        "phone",
        "email",
    ]


def test_what_the_detector_says_never_holds_the_owners_values() -> None:
    values = ("山田 太郎", "090-5550-1234", "t.yamada@example.jp")
    detector = build_detector("person", {"lists": [OWNER_LIST]}, {OWNER_LIST: values})
    said = detector.describe()
    assert OWNER_LIST in said
    for value in (*values, "山田", "5550"):
        assert value not in said


# ---------------------------------------------------------------- the rule and the class


OWN_CARD = contact(
    "見本 守",
    org=("株式会社サンプル商事 営業部",),
    titles=("主任",),
    phones=(phone("03-5555-0100", "work"), phone("090-5559-0147", "cell")),
    emails=(email("m.mihon@sample-shoji.example.co.jp", "work"),),
)


def test_the_owners_card_at_the_own_company_is_private(engine: Engine) -> None:
    # The test profile names the company and the owner (engine/testing.py): the card's
    # ORG and mail weigh well over 20 towards business, the owner's word settles it.
    result = engine.evaluate(OWN_CARD)
    c = result.classification
    assert (c.label, c.confidence) == (P, 1.0)
    assert c.business_score > 20
    assert OWNER in [r.rule for r in c.reasons]


def test_without_owner_the_same_card_is_business(engine: Engine) -> None:
    no_owner = build_engine([], replace(TEST_PROFILE, owner=()))
    assert no_owner.evaluate(OWN_CARD).classification.label is B
    nobody = contact("見本 守男", org=OWN_CARD.organizations, titles=OWN_CARD.titles)
    assert engine.evaluate(nobody).classification.label is B


def test_a_private_owners_card_keeps_its_findings_for_anyone(engine: Engine) -> None:
    # It is the owner's phone: an ID number on their own card is still reported to them.
    card = replace(OWN_CARD, notes=("マイナンバー 1234 5678 9018",))
    result = engine.evaluate(card)
    assert result.classification.label is P
    assert "JP-MYNUM-001" in {f.rule for f in result.findings}


def test_the_fast_path_and_the_reference_agree_on_the_owner(engine: Engine) -> None:
    for card in (OWN_CARD, named("", family="見本", given="守"), contact("佐藤 一郎")):
        fast, reference = engine.evaluate(card), engine.evaluate_reference(card)
        assert fast.classification == reference.classification


def test_without_owner_the_rule_never_runs() -> None:
    plain = Engine.from_profile(Profile())
    rule = next(r for r in plain.signals if r.id == OWNER)
    view = ContactView(OWN_CARD)
    signals, _ = plain.gate.plan(view)
    assert rule not in signals


def test_settling_signals_decide_and_disagreeing_ones_leave_it_unknown() -> None:
    reasons = [Reason(OWNER, P, 20.0, veto=True), Reason("X-B-001", B, 29.5)]
    weighed = classify(reasons, min_evidence=2, min_margin=1.5)
    assert weighed.label is U  # a veto alone sends it to review
    settled = classify(reasons, min_evidence=2, min_margin=1.5, settled=frozenset({P}))
    assert (settled.label, settled.confidence) == (P, 1.0)
    assert (settled.business_score, settled.private_score) == (29.5, 20.0)
    both = classify(reasons, min_evidence=2, min_margin=1.5, settled=frozenset({P, B}))
    assert both.label is U


def test_settles_is_refused_on_a_rule_that_guesses(tmp_path: Path) -> None:
    extra = "report: false\nevidence: {towards: private, weight: 5, settles: true}\n"
    pack = make_pack(tmp_path / "acme", dict([rule(extra=extra)]))
    problems = [str(p) for p in validate_packs([pack])]
    assert any(
        "settles: true is only for rules whose detectors are all person" in p for p in problems
    )
    person = rule(extra="report: false\nevidence: {towards: private, weight: 5, settles: true}\n")
    text = person[1].replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        "  - person: {words: ['Acme Owner']}",
    )
    ok = make_pack(tmp_path / "ok", {person[0]: text})
    assert not [p for p in validate_packs([ok]) if "settles" in str(p)]


# ---------------------------------------------------------------- the profile


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("0171 2345678", "not valid in region JP"),
        ("taro@", "needs a name before @"),
        ("@example.jp", "needs a name before @"),
        ("・ ", "give your name"),
    ],
)
def test_a_value_that_can_name_no_card_stops_the_run(value: str, why: str) -> None:
    with pytest.raises(ConfigError, match=why) as caught:
        Profile().with_owner([value])
    assert value.strip() not in str(caught.value)  # the owner's own data is not repeated


def test_the_owner_becomes_the_profile_owner_list() -> None:
    profile = Profile(region="DE").with_owner([" Lena Weber ", "0171 2345678"])
    assert profile.lists()[OWNER_LIST] == ("Lena Weber", "0171 2345678")


def test_piiaudit_yaml_cannot_name_an_owner(tmp_path: Path) -> None:
    # The profile is the company's, the same for every employee: the owner is per run.
    path = tmp_path / "piiaudit.yaml"
    path.write_text("company: {names: [株式会社サンプル商事]}\nowner: [山田 太郎]\n", "utf-8")
    with pytest.raises(ConfigError, match="owner"):
        read_profile(path)
