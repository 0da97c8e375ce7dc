"""``keywords`` with ``exclude: {contact_names: true}``: a hit that is the contact's own
name is no hit (blind EU QA round 3, F3: the surname and firm Krebs read as cancer).

The fast path (memo, Python ``re``) and the reference path (re2) must agree, and a
detector without the option must not read the names at all. All data is fictional.
"""

from __future__ import annotations

import pytest

from engine.factories import contact
from piiaudit.engine.detectors import EvalContext, build_detector
from piiaudit.engine.detectors import keywords as keywords_module
from piiaudit.engine.view import ContactView
from piiaudit.model import Contact, Names, SourceRef

FAST = EvalContext("DE", {})
EXACT = EvalContext("DE", {}, exact=True)
PARAMS: dict[str, object] = {
    "words": ["Krebs", "hat Krebs", "Brustkrebs", "Diabetiker", "IG Metall", "Parkinson"],
    "fields": ["notes"],
    "ignore_case": True,
    "exclude": {"contact_names": True},
}


def _found(c: Contact, params: dict[str, object] | None = None) -> list[list[str]]:
    """The hit words of ``find`` on the fast and the reference path, and of ``first``."""
    detector = build_detector("keywords", params or PARAMS, {})
    out = []
    for ctx in (FAST, EXACT):
        out.append([m.pattern for m in detector.find(ContactView(c), ctx)])
    first = detector.first(ContactView(c), FAST)
    out.append([first.pattern] if first is not None else [])
    return out


def _krebs(note: str, *, org: tuple[str, ...] = ("Krebs Hydraulik GmbH",)) -> Contact:
    return contact("Jürgen Krebs", org=org, notes=(note,))


@pytest.mark.parametrize(
    "note",
    [
        "Krebs Hydraulik: Wartungsvertrag läuft bis 12/2026.",
        "Wartung bei Krebs, Termin Montag",
        "KREBS HYDRAULIK - Rahmenvertrag",
    ],
)
def test_the_contacts_own_name_is_no_hit(note: str) -> None:
    assert _found(_krebs(note)) == [[], [], []]


@pytest.mark.parametrize(
    ("note", "word"),
    [
        ("Frau hat Krebs, nicht ansprechen", "hat Krebs"),  # a listed phrase is not the name
        ("Frau Monika hat Brustkrebs", "Brustkrebs"),  # nor a compound
        ("Krebs Hydraulik: Chef ist Diabetiker", "Diabetiker"),  # the next hit still counts
        ("nur krebs im kopf", "krebs"),  # not capitalised as the name
    ],
)
def test_other_hits_on_the_same_card_still_count(note: str, word: str) -> None:
    expected = [f"keyword {word}"]
    assert _found(_krebs(note)) == [expected, expected, expected]


def test_the_name_of_another_contact_still_counts() -> None:
    c = contact("Max Muster", org=("Muster GmbH",), notes=("Krebs diagnostiziert",))
    assert _found(c) == [["keyword Krebs"]] * 3


def test_family_and_given_names_and_all_caps_organisations_count_as_the_name() -> None:
    c = Contact(
        source=SourceRef(path="t.vcf", index=0, line=1),
        names=Names(family="Parkinson", given="Anna"),
        organizations=("IG METALL BEZIRK",),
        notes=("Parkinson & IG Metall: Schulung gebucht",),
    )
    assert _found(c) == [[], [], []]


def test_a_joined_run_and_context_words_work_with_the_option() -> None:
    params = {**PARAMS, "exclude": {"contact_names": True, "followed_by": {"words": ["Zentrum"]}}}
    assert _found(_krebs("Krebs Hydraulik, Diabetiker"), params) == [["keyword Diabetiker"]] * 3
    assert _found(_krebs("Krebs Hydraulik, Diabetiker Zentrum"), params) == [[], [], []]


def test_without_the_option_the_names_are_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(items: object) -> frozenset[tuple[str, bool]]:
        raise AssertionError("names read by a detector without contact_names")

    monkeypatch.setattr(keywords_module, "_name_words", boom)
    params = {k: v for k, v in PARAMS.items() if k != "exclude"}
    assert _found(_krebs("Krebs Hydraulik: Wartung"), params) == [["keyword Krebs"]] * 3
    # with the option, a hit found in no name is not checked word by word either
    c = contact("Max Muster", org=("Muster GmbH",), notes=("Diabetiker",))
    assert _found(c) == [["keyword Diabetiker"]] * 3


def test_the_option_is_described() -> None:
    detector = build_detector("keywords", PARAMS, {})
    assert "not the contact's own name" in detector.describe()
