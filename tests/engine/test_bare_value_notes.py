"""A number alone in a field of its own is described by the contact's notes
(``hotwords.notes_for_bare_values``, blind JP QA 3, F17): Outlook's 個人 ID 番号 column
holding a driver's licence number, with ``運転免許証 コピー 済`` in the notes, is a
licence number, not the My Number its check digit happens to pass (one 12-digit
number in eleven does). The numbers are made up here, check digit and all."""

from __future__ import annotations

import random

import pytest
from stdnum.jp import in_

from engine.factories import contact
from piiaudit.engine import Engine
from piiaudit.engine.detectors.base import Match
from piiaudit.engine.hotwords import Hotwords
from piiaudit.engine.view import ContactView
from piiaudit.model import ContactClass, ValueKind


def _numbers(count: int) -> list[str]:
    """Fictional 12-digit numbers that pass the My Number check digit."""
    rng = random.Random(20261129)
    out = []
    while len(out) < count:
        body = "".join(rng.choice("0123456789") for _ in range(11))
        number = body + str(in_.calc_check_digit(body))
        if len(set(number)) > 3:  # nothing the placeholder guard would take for filler
            out.append(number)
    return out


NUMBERS = _numbers(5)


def _card(number: str, *notes: str, column: str = "個人 ID 番号") -> ContactView:
    return ContactView(contact("見本 真一", notes=notes, **{column: (number,)}))


def _hotwords() -> Hotwords:
    return Hotwords(
        {
            "raise": {"words": ["免許"], "by": 0.75},
            "lower": {"words": ["マイナンバー"], "by": 0.75},
            "notes_for_bare_values": True,
        },
        {},
    )


def _apply(view: ContactView, field: str) -> float:
    (item,) = [i for i in view.select(("text",)) if i.field == field]
    start = len(item.text) - len(item.text.lstrip())
    end = len(item.text.rstrip())
    match = Match(item.field, item.text[start:end], ValueKind.IDENTIFIER, item, start, end)
    return _hotwords().apply(match, 0.2, view=view).confidence


def test_the_notes_describe_a_number_alone_in_its_column() -> None:
    number = NUMBERS[0]
    assert _apply(_card(number, "運転免許証 コピー 済"), "other.個人 ID 番号[0]") == pytest.approx(
        0.95
    )
    assert _apply(_card(number), "other.個人 ID 番号[0]") == pytest.approx(0.2)
    # words on both sides cancel out: the number stays what its check digit says
    both = _card(number, "マイナンバーカード・運転免許証 コピー 済")
    assert _apply(both, "other.個人 ID 番号[0]") == pytest.approx(0.2)


def test_a_number_in_a_sentence_is_read_by_the_words_near_it_only() -> None:
    view = ContactView(
        contact("見本 真一", notes=(f"注文 {NUMBERS[1]} 12月", "運転免許証 コピー 済"))
    )
    (item,) = [i for i in view.select(("notes",)) if i.field == "notes[0]"]
    start = item.text.index(NUMBERS[1])
    match = Match(item.field, NUMBERS[1], ValueKind.IDENTIFIER, item, start, start + 12)
    assert _hotwords().apply(match, 0.2, view=view).confidence == pytest.approx(0.2)


def _national_ids(engine: Engine, view_contact: object) -> list[str]:
    result = engine.evaluate(view_contact, force_class=ContactClass.BUSINESS)  # type: ignore[arg-type]
    return sorted(f.rule for f in result.findings if f.category.value == "national_id")


@pytest.mark.parametrize("number", NUMBERS)
def test_a_licence_number_the_notes_describe_is_no_my_number(engine: Engine, number: str) -> None:
    described = contact(
        "見本 真一",
        notes=("ローン 60回 審査 通過", "運転免許証 コピー 済"),
        **{"個人 ID 番号": (number,)},
    )
    assert _national_ids(engine, described) == ["JP-LICENCE-001"]
    # with nothing to say what it is, a number with a valid check digit stays a My Number
    bare = contact("見本 真一", **{"個人 ID 番号": (number,)})
    assert _national_ids(engine, bare) == ["JP-MYNUM-001"]
    # so does one its column names a My Number, whatever the notes say
    named = contact("見本 真一", notes=("運転免許証 コピー 済",), マイナンバー=(number,))
    assert _national_ids(engine, named) == ["JP-MYNUM-001"]
