"""The remarks the special-care rules read besides notes (engine/remarks.py).

Security review F4: ``田中 一郎（糖尿病で透析中・前科あり）``, a suffix
``(wife has breast cancer)``, ``03-5555-0102 うつ病で休職中`` were reported clean
and handed over as they were.
"""

from __future__ import annotations

import dataclasses

from piiaudit.engine import Engine
from piiaudit.engine.casecontact import build_contact
from piiaudit.engine.remarks import remarks
from piiaudit.model import Category, Email, Names


def _remarks(**spec: object) -> list[tuple[str, str]]:
    return remarks(build_contact(spec))


def test_text_in_brackets_of_a_name_is_a_remark() -> None:
    assert _remarks(name="田中 一郎（糖尿病で透析中・前科あり）") == [
        ("names.formatted", "糖尿病で透析中・前科あり")
    ]
    # From the first bracket on, nested and later brackets included (review 10).
    assert _remarks(name="Hanako Borealis (HIV+) [dialysis]") == [
        ("names.formatted", "HIV+) [dialysis")
    ]
    assert _remarks(name="鈴木 二郎（見本病院（精神科）統合失調症で入院中）") == [
        ("names.formatted", "見本病院（精神科）統合失調症で入院中")
    ]


def test_a_phone_number_in_a_name_and_a_bracket_after_it_are_both_remarks() -> None:
    """QA round 9 made the number's words a remark; review 12 found the bracket after
    them (山田 太郎 090-… (奥様)) then went unread: the rest is read again."""
    assert _remarks(name="山田 太郎 090-5555-0102 (奥様)") == [
        ("names.formatted", "090-5555-0102"),
        ("names.formatted", "奥様"),
    ]
    assert _remarks(name="ABC商事 田中部長 携帯090-5555-9971") == [
        ("names.formatted", "携帯090-5555-9971")
    ]


def test_an_unclosed_bracket_runs_to_the_end_of_the_name() -> None:
    assert _remarks(given="一郎【持病あり") == [("names.given", "持病あり")]
    # The opening bracket never typed: the remark is the word holding the closing one.
    assert _remarks(name="高橋 三郎 入院中)") == [("names.formatted", "入院中")]


def test_a_plain_name_or_empty_brackets_give_no_remark() -> None:
    assert _remarks(name="さくら透析クリニック", family="田中", given="一郎") == []
    assert _remarks(name="田中 一郎（ ）") == []


def test_the_whole_suffix_is_a_remark() -> None:
    assert _remarks(name="Karl Otter", suffix=" wife has breast cancer ") == [
        ("names.suffix", "wife has breast cancer")
    ]


def test_a_phone_value_with_words_is_a_remark_and_a_bare_number_is_not() -> None:
    contact = build_contact(
        {
            "tel": [
                "03-5555-0102 うつ病で休職中;work",
                "+81 90-1234-5678;cell",
                "tel:+81-90-3381-2264",
            ]
        }
    )
    # The text besides the number: the number-in-text rules found the card's own number
    # in the whole value a second time (a vCard 4.0 tel: URI has letters).
    assert remarks(contact) == [("phones[0]", "うつ病で休職中")]


def test_an_email_value_gives_its_text_without_the_address() -> None:
    contact = dataclasses.replace(
        build_contact({"name": "x"}),
        emails=(
            Email("tanaka@example.co.jp（うつ病で休職中）", ("work",)),
            Email("hiv.clinic@example.org", ()),
            Email("karl@example.com (HIV+ patient)", ()),
        ),
    )
    assert remarks(contact) == [
        ("emails[0]", "（うつ病で休職中）"),
        ("emails[2]", "(HIV+ patient)"),
    ]


def _categories(engine: Engine, **spec: object) -> dict[str, set[str]]:
    result = engine.evaluate(build_contact(spec))
    found: dict[str, set[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.field, set()).add(finding.category.value)
    return found


def test_special_care_words_in_remarks_are_findings_on_their_fields(engine: Engine) -> None:
    found = _categories(
        engine,
        name="田中 一郎（前科あり）",
        org=["見本商事株式会社"],
        tel=["03-5555-0102 うつ病で休職中;work"],
    )
    care = Category.SPECIAL_CARE.value
    assert care in found["names.formatted"]
    assert care in found["phones[0]"]


def test_a_clinic_named_in_the_name_is_no_special_care_finding(engine: Engine) -> None:
    found = _categories(engine, name="さくら糖尿病内科", tel=["03-5555-0101;work"])
    assert Category.SPECIAL_CARE.value not in {c for cats in found.values() for c in cats}


def test_the_case_notation_takes_a_suffix() -> None:
    # The case notation's suffix reaches the model's Names (rule cases use it).
    assert build_contact({"suffix": "様"}).names == Names(suffix="様")


def test_a_phone_value_with_a_mixed_case_word_is_a_remark() -> None:
    contact = build_contact({"tel": ["Tel 03-5555-0102 Dialysis Mon/Thu;work"]})
    assert remarks(contact) == [("phones[0]", "Tel   Dialysis Mon/Thu")]


def test_a_value_repeated_in_the_names_parts_is_one_finding(engine: Engine) -> None:
    # FN and N's given name both hold the remark: one finding per category, not one per
    # part (QA round 8 saw "Mobile phone: display name" and "given name" for one number).
    contact = build_contact(
        {
            "name": "田中 一郎（奥様 恵子 090-1234-3301）",
            "family": "田中",
            "given": "一郎（奥様 恵子 090-1234-3301）",
            "org": ["株式会社サンプル建設"],
        }
    )
    findings = engine.evaluate(contact).findings
    categories = [f.category for f in findings]
    assert sorted(categories) == [Category.FAMILY_INFO, Category.MOBILE_PHONE]
    assert all(f.field.startswith("names.") for f in findings)


def test_an_id_number_typed_into_a_name_is_a_finding_on_it(engine: Engine) -> None:
    # QA round 10: a My Number in the given name was never seen, and minimize (which
    # keeps names) handed it over; the same number in a note was a critical finding.
    found = _categories(
        engine, name="前田 九郎", given="九郎 マイナンバー123456789018", tel=["03-5555-0101;work"]
    )
    assert Category.NATIONAL_ID.value in found["names.given"]


def test_a_phone_number_typed_into_a_reading_is_a_remark(engine: Engine) -> None:
    contact = build_contact(
        {"name": "森 七海", "org": ["株式会社サンプル商会"], "tel": ["03-5555-0101;work"]}
    )
    contact = dataclasses.replace(
        contact, names=dataclasses.replace(contact.names, phonetic_given="ななみ 090-5555-0819")
    )
    assert remarks(contact) == [("names.phonetic_given", "090-5555-0819")]
    fields = {f.field for f in engine.evaluate(contact).findings}
    assert "names.phonetic_given" in fields
