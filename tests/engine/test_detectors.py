"""Each detector primitive on its own, on normalised text."""

from __future__ import annotations

from engine.factories import address, contact, email, phone
from piiaudit.engine.detectors import EvalContext, build_detector
from piiaudit.engine.detectors.email import DomainSet
from piiaudit.engine.view import ContactView
from piiaudit.model import ValueKind

CTX = EvalContext("JP", {})


def find(
    kind: str, params: dict[str, object], c: object, lists: dict[str, tuple[str, ...]] | None = None
) -> list[str]:
    detector = build_detector(kind, params, lists or {})
    return [m.value for m in detector.find(ContactView(c), CTX)]  # type: ignore[arg-type]


def test_regex_reads_full_width_digits_and_katakana_dash_as_ascii() -> None:
    c = contact(notes=("番号は０９０ー１２３４ー５６７８です",))
    found = find("regex", {"pattern": "090-[0-9]{4}-[0-9]{4}", "numbers": True}, c)
    assert found == [
        "０９０ー１２３４ー５６７８"
    ]  # the raw text is reported, not the normalised one


def test_regex_digit_boundary_rejects_part_of_a_longer_number() -> None:
    params = {"pattern": "[0-9]{4}", "boundary": "digit", "numbers": True}
    assert find("regex", params, contact(notes=("12345",))) == []
    assert find("regex", params, contact(notes=("a 1234 b",))) == ["1234"]
    assert find("regex", params, contact(notes=("1234 5678",))) == []  # one grouped number


def test_regex_validators_keep_only_checked_values() -> None:
    params = {"pattern": "[0-9]{12}", "validators": ["my_number"], "boundary": "digit"}
    assert find("regex", params, contact(notes=("123456789018, 123456789012",))) == ["123456789018"]


def test_regex_phone_validator_tells_postal_codes_from_phones() -> None:
    params = {
        "pattern": "0[0-9]{2}-[0-9]{4}(?:-[0-9]{4})?",
        "validators": ["phone_mobile"],
        "numbers": True,
    }
    assert find("regex", params, contact(notes=("〒060-0001 札幌市",))) == []
    assert find("regex", params, contact(notes=("060-4123-4567",))) == ["060-4123-4567"]


def test_regex_on_all_free_text_skips_technical_properties() -> None:
    c = contact(**{"REV": ["2024"], "X-MEMO": ["pin 4242"]})
    assert find("regex", {"pattern": "[0-9]{4}"}, c) == ["4242"]


def test_phone_types_and_labels() -> None:
    c = contact(
        phones=(
            phone("090-1234-5678", "cell"),
            phone("050-3123-4567"),
            phone("03-1234-5678", "home"),
            phone("080-2345-6789", "work"),
        )
    )
    assert find("phone", {"types": ["mobile"], "labels_none": ["work"]}, c) == ["090-1234-5678"]
    assert find("phone", {"types": ["voip"]}, c) == ["050-3123-4567"]
    assert find("phone", {"labels_any": ["home"]}, c) == ["03-1234-5678"]


def test_custom_labels_count_when_they_contain_the_word() -> None:
    c = contact(phones=(phone("03-1234-5678", "自宅(夜)"),))
    assert find("phone", {"labels_any": ["自宅"]}, c) == ["03-1234-5678"]


def test_domain_set_matches_subdomains_only_for_star_entries() -> None:
    domains = DomainSet(("*.au.com", "docomo.ne.jp"))
    assert "au.com" in domains
    assert "biz.au.com" in domains
    assert "xau.com" not in domains
    assert "docomo.ne.jp" in domains
    assert "mail.docomo.ne.jp" not in domains


def test_email_domain_accepts_rfc_invalid_carrier_addresses() -> None:
    c = contact(emails=(email("taro..12.@docomo.ne.jp"), email("ok@example.co.jp")))
    assert find("email_domain", {"domains": ["docomo.ne.jp"]}, c) == ["taro..12.@docomo.ne.jp"]


def test_email_domain_except_lists_and_in_text() -> None:
    lists = {"org": ("*.co.jp",), "free": ("yahoo.co.jp",)}
    c = contact(
        emails=(email("a@yahoo.co.jp"), email("b@widgets.co.jp")), notes=("mail c@docomo.ne.jp",)
    )
    assert find("email_domain", {"lists": ["org"], "except_lists": ["free"]}, c, lists) == [
        "b@widgets.co.jp"
    ]
    assert find("email_domain", {"domains": ["docomo.ne.jp"], "in_text": True}, c) == [
        "c@docomo.ne.jp"
    ]


def test_keywords_exclusion_terms() -> None:
    params = {"words": ["病"], "exclude": {"words": ["病院", "病棟"]}, "fields": ["notes"]}
    assert find("keywords", params, contact(notes=("病院の購買担当",))) == []
    assert find("keywords", params, contact(notes=("病棟の改修",))) == []
    assert find("keywords", params, contact(notes=("病院ではなく持病の話",))) == [
        "病院ではなく持病の話"
    ]


def test_keywords_excluded_by_the_words_around_them() -> None:
    """Blind JP QA 3, F13: a condition that names a practice, a department, a patient
    group or a trial (followed_by, preceded_by) is no hit; a statement about a person is."""
    params: dict[str, object] = {
        "words": ["糖尿病", "高血圧", "透析", "HIV", "AIDS", "diabetes"],
        "ignore_case": True,
        "fields": ["notes"],
        "exclude": {
            "followed_by": {"words": ["専門", "外来", "の患者", "clinic"]},
            "preceded_by": {"words": ["専門", "specialist in"]},
        },
    }
    for note in (
        "糖尿病専門 DPP-4",  # attached
        "HIV 専門外来",  # past a blank
        "高血圧・糖尿病の患者多い",  # a run joined by ・ shares its following word
        "糖尿病と高血圧の患者多い",
        "専門：透析",  # past a colon
        "専門は糖尿病",  # past は
        "Diabetes clinic",  # case as the detector's
        "HIV/AIDS clinic",
        "specialist in diabetes",
    ):
        assert find("keywords", params, contact(notes=(note,))) == [], note
    for note in (
        "糖尿病で通院中",
        "本人 糖尿病",
        "奥様 糖尿病 透析専門医",  # blanks alone join no run: 糖尿病 stands alone
        "奥様 糖尿病 専門医を紹介",  # past a blank, a particle makes it a clause
        "diabetes clinical trial",  # "clinic" only as a whole word
        "has diabetes, clinic on Monday",  # a comma joins no run
    ):
        assert find("keywords", params, contact(notes=(note,))) == [note], note
    # the first hit that is not a practice is found, and the fast path agrees
    view = ContactView(contact(notes=("糖尿病専門、本人は高血圧",)))
    detector = build_detector("keywords", params, {})
    (match,) = detector.find(view, CTX)
    assert match.pattern == "keyword 高血圧"
    first = detector.first(view, CTX)
    assert first is not None and first.pattern == "keyword 高血圧"


def test_keywords_prefer_the_longest_word_at_a_place() -> None:
    detector = build_detector("keywords", {"words": ["病", "持病"], "fields": ["notes"]}, {})
    (match,) = detector.find(ContactView(contact(notes=("持病あり",))), CTX)
    assert match.pattern == "keyword 持病"


def test_an_unless_word_in_the_same_field_silences_only_that_field() -> None:
    params: dict[str, object] = {"words": ["透析中"], "fields": ["notes"]}
    notes = ("透析中（見本病院 透析室の案内）", "自宅で透析中")
    # The contact-wide guard silences both notes; same_field only the one naming a ward.
    both = {**params, "unless": {"fields": ["notes"], "words": ["透析室"]}}
    assert find("keywords", both, contact(notes=notes)) == []
    own = {**params, "unless": {"same_field": True, "words": ["透析室"]}}
    assert find("keywords", own, contact(notes=notes)) == ["自宅で透析中"]
    first = build_detector("keywords", own, {}).first(ContactView(contact(notes=notes)), CTX)
    assert first is not None and first.value == "自宅で透析中"


def test_ascii_keywords_match_whole_words_only() -> None:
    params = {"words": ["race"], "ignore_case": True, "fields": ["notes"]}
    assert find("keywords", params, contact(notes=("Embrace change",))) == []
    assert find("keywords", params, contact(notes=("RACE noted",))) == ["RACE noted"]


def test_keyword_positions_for_name_markers() -> None:
    suffix = {"words": ["様"], "position": "suffix", "fields": ["names"]}
    assert find("keywords", suffix, contact("山田様")) == ["山田様"]
    assert find("keywords", suffix, contact("様子 見")) == []
    whole = {"words": ["母"], "position": "whole", "fields": ["names"]}
    assert find("keywords", whole, contact("母")) == ["母"]
    assert find("keywords", whole, contact("母里 太郎")) == []


def test_nfkc_makes_circled_kabu_a_company_marker() -> None:
    params = {"words": ["(株)"], "fields": ["organizations"]}
    assert find("keywords", params, contact(org=("㈱サンプル",))) == ["㈱サンプル"]


def test_present_with_labels_and_words() -> None:
    c = contact(
        addresses=(
            address("東京都千代田区1-1 サンプルビル5階"),
            address("東京都世田谷区1-2-3 ハイツ201号室"),
            address("大阪府大阪市1-1", "home"),
        ),
        birthday="1980-01-01",
        photo=True,
    )
    params = {
        "field": "addresses",
        "labels_none": ["home"],
        "text_any": {"words": ["号室"]},
        "text_none": {"words": ["ビル"]},
    }
    assert find("present", params, c) == ["東京都世田谷区1-2-3 ハイツ201号室"]
    assert find("present", {"field": "addresses", "labels_any": ["home"]}, c) == ["大阪府大阪市1-1"]
    assert find("present", {"field": "birthday"}, c) == ["1980-01-01"]
    detector = build_detector("present", {"field": "photo"}, {})
    (match,) = detector.find(ContactView(c), CTX)
    assert match.kind is ValueKind.NONE  # a photo's size is not personal data


def test_composite_needs_every_named_rule() -> None:
    detector = build_detector("composite", {"all": ["A-X-001", "B-X-001"]}, {})
    view = ContactView(contact("山田 太郎"))
    assert detector.find(view, EvalContext("JP", {"A-X-001": [1]})) == []
    (match,) = detector.find(view, EvalContext("JP", {"A-X-001": [1], "B-X-001": [1]}))
    assert match.field == "contact"
    categories = build_detector("composite", {"categories_all": ["birthday", "home_address"]}, {})
    assert categories.find(view, EvalContext("JP", {}, frozenset({"birthday"}))) == []
    assert categories.find(view, EvalContext("JP", {}, frozenset({"birthday", "home_address"})))


def test_a_photo_is_described_by_its_size_or_as_a_link() -> None:
    """A photo given by link (PHOTO;VALUE=URL) has no body: "0 bytes" read as an empty
    photo (QA round 5, EU C2), so it is described as a link."""
    from dataclasses import replace

    from piiaudit.model import Photo

    stored = contact(photo=True)
    linked = replace(stored, photo=Photo(present=True, bytes=0))
    assert find("present", {"field": "photo"}, stored) == ["2048 bytes"]
    assert find("present", {"field": "photo"}, linked) == ["a link to a photo"]
    assert find("present", {"field": "photo"}, contact()) == []
