"""The Polish PESEL and German identity-card validators (blind EU QA: PESEL 44051401359 and
Personalausweis-Nr. T22000129 went unreported)."""

from __future__ import annotations

import pytest

from piiaudit.engine.validators import VALIDATORS, _icao_check_digit


def test_icao_check_digit_matches_the_standards_own_example() -> None:
    """ICAO Doc 9303 Part 3's worked example: document number L898902C3, check digit 6."""
    assert _icao_check_digit("L898902C3") == 6
    # The German specimen card (Erika Mustermann): T22000129, check digit 3.
    assert _icao_check_digit("T22000129") == 3


@pytest.mark.parametrize(
    ("name", "valid", "invalid"),
    [
        ("pl_pesel", "44051401359", "44051401358"),
        ("pl_pesel", "4405 1401 359", "44051401"),
        # the printed nine characters, and the machine-readable zone's ten
        ("de_id_card", "T22000129", "T22000B29"),
        ("de_id_card", "T220001293", "T220001294"),
    ],
)
def test_a_check_tells_a_number_from_lookalikes(name: str, valid: str, invalid: str) -> None:
    check = VALIDATORS[name]
    assert check(valid, "DE")
    assert not check(invalid, "DE")


@pytest.mark.parametrize(
    "value",
    [
        "LMNPRTVWX",  # no digit: a word or an abbreviation, not a card number
        "122000129",  # the first character is a letter on every card since 2010
        "TA2000129",  # a vowel is not in the card's alphabet
        "T2200012",  # eight characters
        "T2200012934",  # eleven
    ],
)
def test_de_id_card_refuses_other_shapes(value: str) -> None:
    assert not VALIDATORS["de_id_card"](value, "DE")
