"""Guards that read another part of the contact: a note that calls a mobile a
company phone (``phone`` with ``notes_none``), and a title or organisation that
changes what a keyword means (``keywords`` with ``unless``).

Each case runs on both matching paths (the fast one and the re2 reference), which
must agree."""

from __future__ import annotations

import pytest

from engine.factories import contact, phone
from piiaudit.engine.detectors import EvalContext, build_detector
from piiaudit.engine.view import ContactView
from piiaudit.model import Contact, Names

COMPANY_PHONE = {
    "types": ["mobile"],
    "labels_none": ["work"],
    "notes_none": {"words": ["社用携帯", "company phone", "Firmenhandy"]},
    "notes_none_exclude": {"words": ["not the company phone", "社用携帯ではな"]},
}
CASE_WORDS = {
    "words": ["被疑者", "indicted"],
    "fields": ["notes"],
    "ignore_case": True,
    "unless": {"words": ["弁護士", "lawyer"]},
}


def found(kind: str, params: dict[str, object], c: Contact) -> list[str]:
    detector = build_detector(kind, params, {})
    results = [
        [m.value for m in detector.find(ContactView(c), EvalContext("JP", {}, exact=exact))]
        for exact in (False, True)
    ]
    assert results[0] == results[1], "fast path and re2 reference disagree"
    return results[0]


def test_a_note_calling_the_only_mobile_a_company_phone_drops_it() -> None:
    c = contact(phones=(phone("090-1234-5678", "cell"),), notes=("携帯は社用携帯(貸与)",))
    assert found("phone", COMPANY_PHONE, c) == []


def test_the_phrase_is_matched_ignoring_case_and_in_any_note() -> None:
    c = contact(
        phones=(phone("+49 171 2345678", "cell", region="DE"),),
        notes=("met at the fair", "COMPANY PHONE, call in office hours"),
    )
    assert found("phone", COMPANY_PHONE, c) == []


def test_without_a_note_the_mobile_stays() -> None:
    c = contact(phones=(phone("090-1234-5678", "cell"),))
    assert found("phone", COMPANY_PHONE, c) == ["090-1234-5678"]


def test_a_number_written_after_the_phrase_names_which_mobile_is_the_company_one() -> None:
    c = contact(
        phones=(phone("090-1111-2222", "cell"), phone("+81 80-3333-4444", "cell")),
        notes=("社用携帯 080-3333-4444、もう一つは個人の番号",),
    )
    assert found("phone", COMPANY_PHONE, c) == ["090-1111-2222"]


def test_a_named_number_that_is_not_stored_leaves_the_stored_mobile() -> None:
    c = contact(phones=(phone("090-1111-2222", "cell"),), notes=("社用携帯は 070-5555-6666",))
    assert found("phone", COMPANY_PHONE, c) == ["090-1111-2222"]


def test_two_mobiles_and_a_phrase_without_a_number_keep_both() -> None:
    c = contact(
        phones=(phone("090-1111-2222", "cell"), phone("080-3333-4444", "cell")),
        notes=("社用携帯あり",),
    )
    assert found("phone", COMPANY_PHONE, c) == ["090-1111-2222", "080-3333-4444"]


def test_only_candidates_count_a_work_labelled_mobile_is_not_one() -> None:
    c = contact(
        phones=(phone("090-1111-2222", "cell"), phone("080-3333-4444", "work")),
        notes=("社用携帯",),
    )
    assert found("phone", COMPANY_PHONE, c) == []


@pytest.mark.parametrize("note", ["private mobile, not the company phone", "社用携帯ではなく私用"])
def test_a_denied_phrase_does_not_count(note: str) -> None:
    c = contact(phones=(phone("090-1234-5678", "cell"),), notes=(note,))
    assert found("phone", COMPANY_PHONE, c) == ["090-1234-5678"]


def test_a_phrase_outside_the_notes_does_not_count() -> None:
    c = contact(phones=(phone("090-1234-5678", "cell"),), titles=("company phone team",))
    assert found("phone", COMPANY_PHONE, c) == ["090-1234-5678"]


def test_unless_guard_in_the_title_or_organisation_silences_the_keywords() -> None:
    note = ("被疑者の接見で不在がち",)
    assert found("keywords", CASE_WORDS, contact(titles=("弁護士",), notes=note)) == []
    assert found("keywords", CASE_WORDS, contact(org=("Example Lawyer LLP",), notes=note)) == []
    assert found("keywords", CASE_WORDS, contact(notes=note)) == [note[0]]


def test_unless_guard_in_the_note_itself_does_not_count_by_default() -> None:
    note = ("Indicted last year, his lawyer says",)
    assert found("keywords", CASE_WORDS, contact(notes=note)) == [note[0]]


def test_unless_guard_reads_the_fields_it_names() -> None:
    params = {**CASE_WORDS, "unless": {"words": ["lawyer"], "fields": ["notes"]}}
    note = ("Indicted last year, his lawyer says",)
    assert found("keywords", params, contact(notes=note)) == []


HOME_BY_NOTE = {"types": ["fixed_line"], "notes_label_any": {"words": ["自宅", "home"]}}


def test_a_note_that_describes_a_numbers_label_as_home_keeps_only_that_number() -> None:
    c = contact(
        phones=(phone("0296-72-1143", "会社電話"), phone("0296-74-5520", "その他の電話")),
        notes=("その他の電話はご自宅",),
    )
    assert found("phone", HOME_BY_NOTE, c) == ["0296-74-5520"]


def test_the_word_must_follow_the_label_closely() -> None:
    far = "その他の電話は平日の日中のみ。土日は出張が多い。自宅"
    c = contact(phones=(phone("0296-74-5520", "その他の電話"),), notes=(far,))
    assert found("phone", HOME_BY_NOTE, c) == []


def test_labels_in_a_note_are_matched_ignoring_case() -> None:
    c = contact(phones=(phone("03-1234-5678", "other"),), notes=("OTHER line = home",))
    assert found("phone", HOME_BY_NOTE, c) == ["03-1234-5678"]


def test_an_unlabelled_number_is_never_described_by_a_note() -> None:
    c = contact(phones=(phone("03-1234-5678"),), notes=("自宅",))
    assert found("phone", HOME_BY_NOTE, c) == []


GIVEN_ALONE = {
    "words": ["Papa"],
    "fields": ["names.given"],
    "position": "whole",
    "ignore_case": True,
    "unless": {"fields": ["names.family"], "filled": True},
}


def test_a_filled_guard_field_silences_the_detector_whatever_it_holds() -> None:
    """``unless: {filled: true}``: any text in the guard fields is the guard, so Papa as
    a given name counts only with no family name beside it (Papa Ndiaye is a name)."""
    alone = Contact(source=contact().source, names=Names(given="Papa"))
    named = Contact(source=contact().source, names=Names(given="Papa", family="Ndiaye"))
    blank = Contact(source=contact().source, names=Names(given="Papa", family="  "))
    assert found("keywords", GIVEN_ALONE, alone) == ["Papa"]
    assert found("keywords", GIVEN_ALONE, named) == []
    assert found("keywords", GIVEN_ALONE, blank) == ["Papa"]
