"""Check-digit validators (engine/validators.py) and the rule-pack schema that names them."""

from __future__ import annotations

import json

import pytest

from piiaudit.engine.validators import VALIDATORS
from piiaudit.resources import schemas_dir


def test_the_schema_offers_exactly_the_validators_there_are() -> None:
    """A validator the schema does not list cannot be used; one it lists that does not
    exist would pass validation and fail the scan."""
    schema = json.loads((schemas_dir() / "rule-pack.schema.json").read_text(encoding="utf-8"))
    offered = _enums_named(schema, "validators")
    assert offered == set(VALIDATORS)


def _enums_named(node: object, key: str) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key and isinstance(value, dict):
                found |= set(value.get("items", {}).get("enum", []))
            found |= _enums_named(value, key)
    elif isinstance(node, list):
        for value in node:
            found |= _enums_named(value, key)
    return found


@pytest.mark.parametrize(
    ("name", "valid", "invalid"),
    [
        ("nl_bsn", "1112 22 333", "111222334"),
        ("es_nie", "X-1234567-L", "X1234567A"),
        ("es_dni", "12345678Z", "12345678A"),
        ("de_idnr", "86095742719", "86095742718"),
    ],
)
def test_a_check_digit_tells_a_number_from_digits(name: str, valid: str, invalid: str) -> None:
    check = VALIDATORS[name]
    assert check(valid, "JP")
    assert not check(invalid, "JP")


@pytest.mark.parametrize("name", sorted(VALIDATORS))
@pytest.mark.parametrize(
    "value", ["", "²" * 9, "T2200012²", "9" * 5000, "x" * 300, "٣" * 11, "\udce9" * 12]
)
def test_no_validator_raises_on_odd_input(name: str, value: str) -> None:
    # Diff review: de_id_card took ² for a digit and int() raised; be_nn raised on a run of
    # over 4,300 digits (Python's int limit): a custom pattern's match crashed the file.
    assert VALIDATORS[name](value, "JP") in (True, False)


@pytest.mark.parametrize("number", ["7992-7398", "1234 5678 9999", "4111111111111111"])
def test_luhn_any_checks_numbers_of_any_length_and_luhn_only_card_lengths(number: str) -> None:
    assert VALIDATORS["luhn_any"](number, "JP")
    digits = "".join(ch for ch in number if ch.isdigit())
    assert VALIDATORS["luhn"](number, "JP") is (13 <= len(digits) <= 19)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)  # the check digit off by one
    assert not VALIDATORS["luhn_any"](wrong, "JP") and not VALIDATORS["luhn"](wrong, "JP")
