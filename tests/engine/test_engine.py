"""The engine contract: one evaluation gives class, findings with their trail, and risk."""

from __future__ import annotations

import pytest

from engine.factories import address, contact, customer, email, phone
from piiaudit.engine import Engine
from piiaudit.model import Category, ContactClass, RiskLevel, Severity, ValueKind


def categories(engine: Engine, c: object) -> set[Category]:
    return {f.category for f in engine.evaluate(c).findings}  # type: ignore[arg-type]


def test_customer_with_private_details_is_risky(engine: Engine) -> None:
    c = customer(
        phones=(phone("０９０ー３８２１ー４４７０", "cell"),),
        emails=(email("taro..12.@docomo.ne.jp"),),
        addresses=(address("東京都世田谷区桜丘1-2-3 サンプルハイツ203号室", "home"),),
        birthday="1971-05-05",
    )
    result = engine.evaluate(c)
    assert result.classification.label is ContactClass.BUSINESS
    assert {
        Category.MOBILE_PHONE,
        Category.PERSONAL_EMAIL,
        Category.HOME_ADDRESS,
        Category.BIRTHDAY,
    } <= {f.category for f in result.findings}
    assert "CORE-COMBO-001" in {f.rule for f in result.findings}
    assert result.risk_level >= RiskLevel.HIGH


def test_same_details_on_a_private_contact_are_household_data(engine: Engine) -> None:
    c = contact("母", phones=(phone("090-3821-4470", "cell"),), birthday="1950-01-01")
    result = engine.evaluate(c)
    assert result.classification.label is ContactClass.PRIVATE
    assert result.findings == ()
    assert result.risk_level is RiskLevel.NONE


def test_my_number_is_critical_on_anyone(engine: Engine) -> None:
    c = contact("母", notes=("マイナンバー ６２１４ ９８３２ ０２５７",))
    result = engine.evaluate(c)
    (finding,) = result.findings
    assert (finding.rule, finding.category, finding.severity) == (
        "JP-MYNUM-001",
        Category.NATIONAL_ID,
        Severity.CRITICAL,
    )
    assert finding.kind is ValueKind.IDENTIFIER
    assert finding.field == "notes[0]"
    assert finding.value == "６２１４ ９８３２ ０２５７"  # raw, for the reporter to mask
    assert result.risk_level is RiskLevel.CRITICAL


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("マイナンバー 621498320258", set()),  # wrong check digit: not a My Number
        ("〒060-0001 北海道札幌市中央区北1条西2丁目", set()),  # Sapporo postal code, not a phone
        ("携帯 060-4123-4567", {Category.MOBILE_PHONE}),  # 060 is a mobile prefix now
        ("050-3123-4567", set()),  # an IP phone is not a mobile
        ("持病の喘息で通院中", {Category.SPECIAL_CARE}),
        ("病院の購買担当", set()),  # 病 inside 病院 is not health data
        ("カード 4111-1111-1111-1111 期限 08/27", {Category.PAYMENT_CARD}),
        ("000-0000-0000", set()),  # a placeholder
    ],
)
def test_real_world_traps(engine: Engine, note: str, expected: set[Category]) -> None:
    assert categories(engine, customer(notes=(note,))) == expected


def test_explain_trail_shows_detector_pattern_hotwords_and_confidence(engine: Engine) -> None:
    result = engine.evaluate(contact("佐藤 花子", notes=("個人番号：６２１４９８３２０２５７",)))
    (finding,) = result.findings
    trail = finding.trail
    assert trail is not None
    assert trail.detector == "regex"
    assert "[0-9]{4}" in trail.pattern
    assert trail.hotwords == ("+個人番号",)
    assert trail.confidence_before == pytest.approx(0.6)
    assert trail.confidence_after == pytest.approx(0.95)
    assert finding.confidence == pytest.approx(0.95)
    assert "validator my_number passed" in trail.notes
    assert "621498320257" not in " ".join((trail.pattern, *trail.hotwords, *trail.notes))


def test_lowering_hotwords_can_drop_a_weak_finding(engine: Engine) -> None:
    assert categories(engine, customer(notes=("自宅 0466-12-3456",))) == {Category.HOME_PHONE}
    assert categories(engine, customer(notes=("自宅兼事務所 FAX 0466-12-3456",))) == set()


def test_a_csv_header_label_is_context_for_its_cell(engine: Engine) -> None:
    # A CSV column "自宅電話" arrives as the phone's custom label.
    c = customer(phones=(phone("0466-12-3456", "自宅電話"),))
    assert Category.HOME_PHONE in categories(engine, c)


def test_an_other_column_name_is_context_for_its_value(engine: Engine) -> None:
    # Outlook's "Government ID Number" column has no field of its own: the reader keeps it
    # in other, and its name vouches for a NINO there as "NI number" does in a note (the
    # rule's confidence without context is 0.4, below min_confidence).
    gov = contact("Sean Example", **{"Government ID Number": ["JG 55 50 17 C"]})
    org = contact("Gary Example", **{"Organizational ID Number": ["JG 55 50 17 C"]})
    for evaluate in (engine.evaluate, engine.evaluate_reference):
        (finding,) = [f for f in evaluate(gov).findings if f.rule == "GDPR-NATID-002"]
        assert finding.field == "other.GOVERNMENT ID NUMBER[0]"
        assert finding.trail is not None
        assert finding.trail.hotwords == ("+GOVERNMENT ID",)
        assert Category.NATIONAL_ID not in {f.category for f in evaluate(org).findings}


def test_aggregate_is_the_worst_contact_or_more(engine: Engine) -> None:
    results = [
        engine.evaluate(customer(phones=(phone("090-1234-5678", "cell"),))),
        engine.evaluate(contact("母", notes=("マイナンバー 621498320257",))),
        engine.evaluate(contact("たかし")),
    ]
    score, level = engine.aggregate(results)
    assert score >= max(r.risk_score for r in results)
    assert level is RiskLevel.CRITICAL
    assert engine.aggregate([]) == (0, RiskLevel.NONE)


def test_rule_infos_cover_every_rule_with_both_languages(engine: Engine) -> None:
    infos = engine.rule_infos()
    assert len({i.id for i in infos}) == len(infos)
    assert {i.pack for i in infos} == {"core", "jp", "gdpr"}
    assert all(i.description.en and i.description.ja and i.recommendation.ja for i in infos)


def test_engine_builds_the_same_in_a_worker(engine: Engine) -> None:
    import pickle

    rebuilt = Engine.from_profile(pickle.loads(pickle.dumps(engine.profile)))
    c = customer(phones=(phone("090-1234-5678", "cell"),), notes=("奥様とお子様2人",))
    assert engine.evaluate(c) == rebuilt.evaluate(c)


def test_one_value_is_reported_once_per_category(engine: Engine) -> None:
    # carrier mail (medium) that the card also labels HOME (low): one personal-email finding
    result = engine.evaluate(customer(emails=(email("hana@docomo.ne.jp", "home"),)))
    (finding,) = [f for f in result.findings if f.category is Category.PERSONAL_EMAIL]
    assert finding.rule == "JP-EMAIL-001"
    # two different numbers in one note stay two findings
    two = engine.evaluate(customer(notes=("マイナンバー 621498320257 / 個人番号 987654321093",)))
    assert [f.rule for f in two.findings] == ["JP-MYNUM-001", "JP-MYNUM-001"]


def test_each_kind_of_special_care_data_in_one_note_is_reported(engine: Engine) -> None:
    # QA round 4 B5: a DPO choosing an Art. 9(2) basis needs every kind involved.
    result = engine.evaluate(customer(notes=("Diabetiker, Mitglied der IG Metall.",)))
    rules = sorted(f.rule for f in result.findings if f.category is Category.SPECIAL_CARE)
    assert rules == ["GDPR-ART9-005", "GDPR-ART9-006"]  # health; union membership
    # one kind written in two or three languages is one finding
    bilingual = engine.evaluate(customer(notes=("Diabetes / 糖尿病、通院中",)))
    care = [f for f in bilingual.findings if f.category is Category.SPECIAL_CARE]
    assert len(care) == 1
    twice = engine.evaluate(customer(notes=("Vorstrafe wegen Betrug; criminal record",)))
    assert len([f for f in twice.findings if f.category is Category.SPECIAL_CARE]) == 1


def test_every_shipped_special_care_rule_names_its_kind(engine: Engine) -> None:
    care = [r for r in engine.rules if r.category is Category.SPECIAL_CARE]
    assert len(care) >= 15
    assert [r.id for r in care if not r.special_care] == []


def test_trail_never_repeats_a_custom_label(engine: Engine) -> None:
    c = customer(phones=(phone("03-1234-5678", "田中さんの自宅"),))
    (finding,) = [f for f in engine.evaluate(c).findings if f.rule == "CORE-PHONE-002"]
    assert finding.trail is not None
    assert "label matched: 自宅" in finding.trail.notes
    assert "田中" not in " ".join(finding.trail.notes)


def test_engine_pickles_for_worker_processes(engine: Engine) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(engine))
    c = customer(phones=(phone("090-1234-5678", "cell"),), notes=("持病あり",))
    assert clone.evaluate(c) == engine.evaluate(c)
