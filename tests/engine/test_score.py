"""The risk model: bounded, monotonic, class-aware, and configurable."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from piiaudit.engine.score import ScoringModel
from piiaudit.model import Category, ContactClass, Finding, RiskLevel, Severity, Text, ValueKind

MODEL = ScoringModel.build()
TEXT = Text(en="x", ja="x")


def finding(category: Category, severity: Severity, confidence: float = 1.0) -> Finding:
    return Finding(
        "T-X-001", category, severity, "notes[0]", "v", ValueKind.TEXT, TEXT, TEXT, confidence
    )


findings = st.builds(
    finding,
    st.sampled_from(list(Category)),
    st.sampled_from(list(Severity)),
    st.floats(min_value=0.0, max_value=1.0),
)
classes = st.sampled_from(list(ContactClass))


@given(st.lists(findings, max_size=12), findings, classes)
def test_adding_a_finding_never_lowers_the_score(
    base: list[Finding], extra: Finding, label: ContactClass
) -> None:
    before = MODEL.contact_score(base, label)
    after = MODEL.contact_score([*base, extra], label)
    assert 0 <= before <= after <= 100


@given(
    st.lists(st.integers(min_value=0, max_value=100), max_size=20),
    st.integers(min_value=0, max_value=100),
)
def test_adding_a_contact_never_lowers_the_file_score(scores: list[int], extra: int) -> None:
    assert MODEL.aggregate(scores) <= MODEL.aggregate([*scores, extra]) <= 100


def test_no_findings_is_zero_and_none() -> None:
    assert MODEL.contact_score([], ContactClass.BUSINESS) == 0
    assert MODEL.level(0) is RiskLevel.NONE
    assert MODEL.aggregate([]) == 0


def test_business_contacts_weigh_more_than_private_ones() -> None:
    mobile = [finding(Category.MOBILE_PHONE, Severity.MEDIUM)]
    assert MODEL.contact_score(mobile, ContactClass.BUSINESS) > MODEL.contact_score(
        mobile, ContactClass.PRIVATE
    )


def test_national_id_card_and_special_care_are_critical_on_anyone() -> None:
    for category in (Category.NATIONAL_ID, Category.PAYMENT_CARD, Category.SPECIAL_CARE):
        score = MODEL.contact_score([finding(category, Severity.CRITICAL)], ContactClass.PRIVATE)
        assert MODEL.level(score) is RiskLevel.CRITICAL


@given(st.lists(findings, min_size=1, max_size=8))
def test_a_business_contact_is_never_below_its_worst_finding(items: list[Finding]) -> None:
    """A reader must not see "low 23" beside a "medium" finding (confidence 0.9 gave
    22.5 points): the level of a business contact is at least its findings' severities."""
    level = MODEL.level(MODEL.contact_score(items, ContactClass.BUSINESS))
    for item in items:
        if item.severity is not Severity.INFO:
            assert level >= RiskLevel.parse(item.severity.label), (item.severity, level)


def test_a_private_contact_still_weighs_less() -> None:
    """The floor is for findings scored in full: a friend's medium detail stays low."""
    mobile = [finding(Category.MOBILE_PHONE, Severity.MEDIUM)]
    assert MODEL.level(MODEL.contact_score(mobile, ContactClass.PRIVATE)) is RiskLevel.LOW


def test_levels_follow_the_thresholds() -> None:
    assert [MODEL.level(s) for s in (0, 1, 24, 25, 49, 50, 74, 75, 100)] == [
        RiskLevel.NONE, RiskLevel.LOW, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.MEDIUM,
        RiskLevel.HIGH, RiskLevel.HIGH, RiskLevel.CRITICAL, RiskLevel.CRITICAL,
    ]  # fmt: skip


def test_a_file_is_at_least_as_bad_as_its_worst_contact() -> None:
    assert MODEL.aggregate([10, 80, 5]) >= 80


def test_weights_are_overridable() -> None:
    strict = ScoringModel.build(
        {"severity_points": {"medium": 60}, "class_factor": {"private": 1.0}}
    )
    mobile = [finding(Category.MOBILE_PHONE, Severity.MEDIUM)]
    assert strict.contact_score(mobile, ContactClass.PRIVATE) == 60
    assert strict.severity_points[Severity.HIGH] == MODEL.severity_points[Severity.HIGH]


@given(st.lists(findings, max_size=6), classes)
def test_remembered_contact_scores_give_the_plain_answer(
    items: list[Finding], label: ContactClass
) -> None:
    model = ScoringModel.build()
    score = model.contact_score(items, label)
    for _ in range(2):  # computed, then remembered
        assert model.contact_score_and_level(items, label) == (score, model.level(score))


def _aggregate_in_full(model: ScoringModel, scores: list[int]) -> int:
    """The aggregate written plainly: every score combined, none skipped."""
    if not scores:
        return 0
    ordered = sorted(scores, reverse=True)
    remaining = 1.0
    for points in [float(ordered[0]), *(s * model.aggregate_factor for s in ordered[1:])]:
        remaining *= 1.0 - min(max(points, 0.0), 100.0) / 100.0
    return int(min(100, max(0, math.ceil(100.0 * (1.0 - remaining) - 1e-9))))


@given(
    st.one_of(
        st.lists(st.one_of(st.integers(0, 100), st.sampled_from([0, 1, 100])), max_size=400),
        st.lists(st.integers(0, 60), max_size=40),  # the risk left passes 1% slowly
    ),
    st.sampled_from(
        [MODEL, *(ScoringModel.build({"aggregate_factor": f}) for f in (0.01, 0.5, 1.0))]
    ),
)
def test_the_aggregate_stops_early_only_where_nothing_could_change(
    scores: list[int], model: ScoringModel
) -> None:
    """It stops at the first zero and once the score can only round to 100; the score is
    the one every score combined gives."""
    assert model.aggregate(scores) == _aggregate_in_full(model, scores)
