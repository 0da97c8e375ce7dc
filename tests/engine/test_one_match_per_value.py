"""One rule finding one thing twice in a field reports it once.

GDPR-FAMILY-002 matched a German note by a keyword (the whole note) and by a pattern
("Ehefrau heißt Julia"): two family-info findings, counted and scored twice, the
second shown without advice (blind EU QA). Two different values one rule finds in a
field stay two findings. All data is fictional.
"""

from __future__ import annotations

import pytest

from engine.factories import contact
from piiaudit.engine import Engine, Profile


def _found(engine: Engine, note: str, rule: str) -> list[str]:
    card = contact("Markus Weber", org=("Beispiel Logistik GmbH",), notes=(note,))
    result = engine.evaluate(card)
    assert result.classification.label.value == "business"
    return [f.value for f in result.findings if f.rule == rule and f.field == "notes[0]"]


def test_a_value_inside_another_of_the_same_rule_is_not_a_second_finding(
    engine: Engine,
) -> None:
    note = "Ehefrau heißt Julia, zwei Kinder (Max, Emma)"
    assert _found(engine, note, "GDPR-FAMILY-002") == [note]


def test_two_numbers_in_one_note_stay_two_findings(engine: Engine) -> None:
    note = "携帯 090-1234-5678、奥様の携帯 080-2345-6789"
    found = _found(engine, note, "JP-PHONE-001")
    assert sorted(found) == ["080-2345-6789", "090-1234-5678"]


def test_a_number_inside_another_number_stays_its_own_finding(engine: Engine) -> None:
    # Diff review: "18 52" lies inside "4718 52", yet they are two insurance numbers.
    note = "保険証 4718 52 / 被保険者番号 18 52"
    found = _found(engine, note, "JP-HEALTHINS-001")
    assert sorted(found) == ["18 52", "4718 52"]


@pytest.mark.parametrize(("region", "rule"), [("JP", "JP-SENS-001"), ("DE", "GDPR-ART9-001")])
def test_a_value_both_laws_rules_find_is_reported_by_the_regions_own(
    region: str, rule: str
) -> None:
    """A child's condition written in Latin letters in a Japanese note was found by the
    Japanese and the GDPR health rules alike; the more certain GDPR one won, and a juku
    teacher read about EU supervisory authorities (blind JP QA round 4). Among equally
    severe findings of one value, the pack written for the phone region's law wins."""
    engine = Engine.from_profile(Profile(region=region))
    card = contact("Markus Weber", org=("見本ゼミナール株式会社",), notes=("ADHD",))
    result = engine.evaluate(card)
    care = [f.rule for f in result.findings if f.category.value == "special_care"]
    assert care == [rule]
