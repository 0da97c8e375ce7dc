"""Business, private or unknown — on fictional contacts, expectations checked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.factories import address, contact, email, phone
from piiaudit.engine import Engine
from piiaudit.engine.classify import classify
from piiaudit.model import ContactClass, Reason

B, P, U = ContactClass.BUSINESS, ContactClass.PRIVATE, ContactClass.UNKNOWN

CASES = [
    # (why, contact, expected class)
    ("colleague: our company in ORG", contact("鈴木 一郎", org=("株式会社サンプル商事",)), B),
    (
        "colleague: our domain",
        contact("鈴木 一郎", emails=(email("suzuki@sample-shoji.example.co.jp"),)),
        B,
    ),
    (
        "known customer domain",
        contact("佐藤 花子", emails=(email("sato@customer-a.example.co.jp"),)),
        B,
    ),
    ("company marker and honorific", contact("山田 太郎様", org=("㈱カスタマーA",)), B),
    (
        "English company",
        contact("Jane Doe", org=("Example Widgets Ltd.",), phones=(phone("03-1234-5678", "work"),)),
        B,
    ),
    ("toll-free number", contact("お客様センター", phones=(phone("0120-123-456"),)), B),
    ("title in the name", contact("高橋部長", phones=(phone("090-1234-5678", "cell"),)), B),
    ("customer tag", contact("【得意先】中村 様"), B),
    ("mother", contact("母", phones=(phone("090-1234-5678", "cell"),)), P),
    (
        "family home",
        contact(
            "実家",
            phones=(phone("054-123-4567", "home"),),
            addresses=(address("静岡県静岡市1-2", "home"),),
        ),
        P,
    ),
    ("English family word", contact("Dad", phones=(phone("090-1234-5678"),)), P),
    (
        "friends group",
        contact("田中 一郎", categories=("友人",), phones=(phone("090-1234-5678"),)),
        P,
    ),
    (
        "classmate note and free mail",
        contact("木村 拓也", emails=(email("kimura@gmail.com"),), notes=("高校の同級生",)),
        P,
    ),
    (
        "nothing but a first name and a mobile",
        contact("たかし", phones=(phone("090-1234-5678", "cell"),)),
        U,
    ),
    ("a free mail address alone is weak", contact("佐野", emails=(email("sano@gmail.com"),)), U),
    ("no signals at all", contact(""), U),
    # QA round 18: the owner's own marking against a full business card goes to review,
    # never to the company (the card may still be a customer's son's, 佐藤(息子)).
    (
        "a brother with his employer's card",
        contact(
            "健二(弟)",
            org=("見本電機株式会社",),
            titles=("課長",),
            phones=(phone("03-5555-0101", "work"),),
            emails=(email("kenji@mihon-denki.example.co.jp", "work"),),
        ),
        U,
    ),
    (
        "the owner's job agent with the agency's card",
        contact(
            "西村 彩",
            org=("見本キャリア株式会社",),
            titles=("キャリアアドバイザー",),
            phones=(phone("06-5555-0102", "work"),),
            notes=("転職エージェントの担当。二次面接は来週",),
        ),
        U,
    ),
]


@pytest.mark.parametrize(("why", "c", "expected"), CASES, ids=[c[0] for c in CASES])
def test_classification(engine: Engine, why: str, c: object, expected: ContactClass) -> None:
    result = engine.evaluate(c)  # type: ignore[arg-type]
    assert result.classification.label is expected, result.classification.reasons


def test_conflicting_evidence_is_unknown_not_a_coin_toss(engine: Engine) -> None:
    # addressed as a customer (様) but filed by the owner in the friends group
    c = contact("山田 太郎様", categories=("友人",))
    result = engine.evaluate(c)
    assert result.classification.business_score > 0
    assert result.classification.private_score > 0
    assert result.classification.label is U


def test_reasons_name_rules_and_carry_masked_evidence_material(engine: Engine) -> None:
    c = contact(
        "山田 太郎様",
        org=("株式会社カスタマーA",),
        emails=(email("yamada@customer-a.example.co.jp"),),
    )
    reasons = engine.evaluate(c).classification.reasons
    rules = {r.rule for r in reasons}
    assert {"JP-CLASS-001", "JP-CLASS-002", "CORE-PROFILE-003"} <= rules
    domain = next(r for r in reasons if r.rule == "CORE-PROFILE-003")
    assert domain.field == "emails[0]"
    assert domain.kind.value == "email"  # so reporters mask it as an e-mail
    assert domain.description is not None and domain.description.ja


def test_classify_thresholds() -> None:
    def r(towards: ContactClass, weight: float) -> Reason:
        return Reason("X-Y-001", towards, weight)

    assert classify([], min_evidence=2, min_margin=1.5).label is U
    assert classify([r(B, 1.9)], min_evidence=2, min_margin=1.5).label is U
    assert classify([r(B, 2.0)], min_evidence=2, min_margin=1.5).label is B
    assert classify([r(B, 4), r(P, 3)], min_evidence=2, min_margin=1.5).label is U
    strong = classify([r(P, 8)], min_evidence=2, min_margin=1.5)
    weak = classify([r(P, 2.5)], min_evidence=2, min_margin=1.5)
    assert strong.label is weak.label is P
    assert strong.confidence > weak.confidence


def test_a_veto_holds_the_contact_back_from_the_other_class() -> None:
    def r(towards: ContactClass, weight: float, veto: bool = False) -> Reason:
        return Reason("X-Y-001", towards, weight, veto=veto)

    kin = r(P, 4, veto=True)
    card = [r(B, 3), r(B, 2.5), r(B, 2), r(B, 3)]  # 10.5: the employer's card
    held = classify([kin, *card], min_evidence=2, min_margin=1.5)
    assert held.label is U  # to review, not to the company
    assert (held.business_score, held.private_score) == (10.5, 4.0)
    assert held.confidence < 1.0  # one side leads: not "no evidence at all"
    # Alone, or winning, the vetoing side wins as its weight says.
    assert classify([kin], min_evidence=2, min_margin=1.5).label is P
    assert classify([kin, r(B, 2)], min_evidence=2, min_margin=1.5).label is P
    # A veto never pushes its own side past the thresholds.
    assert classify([r(P, 1, veto=True)], min_evidence=2, min_margin=1.5).label is U
    assert classify([r(B, 4), r(P, 3, veto=True)], min_evidence=2, min_margin=1.5).label is U


def _classify_plainly(reasons: list[Reason], min_evidence: float, min_margin: float) -> tuple:
    """The weighing spelled out without the memo, as the engine first did it."""
    business = sum(r.weight for r in reasons if r.towards is ContactClass.BUSINESS)
    private = sum(r.weight for r in reasons if r.towards is ContactClass.PRIVATE)
    strong, weak = max(business, private), min(business, private)
    total = business + private
    if strong < min_evidence or strong - weak < min_margin:
        label = ContactClass.UNKNOWN
        confidence = (
            1.0 if total == 0 else round(1.0 - (strong - weak) / max(total, min_evidence), 3)
        )
    else:
        label = ContactClass.BUSINESS if business > private else ContactClass.PRIVATE
        saturation = min(1.0, strong / (2.0 * min_evidence))
        confidence = round(strong / total * (0.5 + 0.5 * saturation), 3)
        if any(r.veto and r.towards is not label for r in reasons):
            # a vetoed label's confidence comes from the scores the report shows
            b, p = round(business, 3), round(private, 3)
            label = ContactClass.UNKNOWN
            confidence = round(1.0 - abs(b - p) / max(b + p, min_evidence), 3)
    ordered = tuple(sorted(reasons, key=lambda r: -r.weight))
    return label, confidence, ordered, round(business, 3), round(private, 3)


reasons_st = st.lists(
    st.builds(
        Reason,
        rule=st.sampled_from(["A", "B", "C"]),
        towards=st.sampled_from([B, P]),
        weight=st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 2.7, 3.0]) | st.floats(0, 5),
        value=st.sampled_from(["x", "y"]),
        veto=st.booleans(),
    ),
    max_size=6,
)


@given(reasons_st, st.sampled_from([1.0, 2.0, 2.5]), st.sampled_from([0.5, 1.0]))
def test_remembered_weighing_gives_the_plain_answer(
    reasons: list[Reason], min_evidence: float, min_margin: float
) -> None:
    expected = _classify_plainly(reasons, min_evidence, min_margin)
    for _ in range(2):  # computed, then remembered
        got = classify(reasons, min_evidence=min_evidence, min_margin=min_margin)
        assert (got.label, got.confidence, got.reasons, got.business_score) == expected[:4]
        assert got.private_score == expected[4]
        assert type(got.business_score) is type(expected[3])
