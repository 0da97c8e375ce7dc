"""The national-number validators added after the blind EU QA round 2 (Portuguese NIF, Belgian
national register and BIS numbers, Austrian SVNR, Swiss AHV, Irish PPSN, Swedish personnummer,
Danish CPR). Values are python-stdnum's documented examples or obviously fictional ones with a
valid check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from piiaudit.engine.validators import VALIDATORS

SCHEMA = Path(__file__).resolve().parents[2] / "src/piiaudit/schemas/rule-pack.schema.json"


@pytest.mark.parametrize(
    ("name", "valid", "invalid"),
    [
        ("pt_nif_person", "123456789", "123456788"),
        ("pt_nif_person", "PT 234 567 899", "234 567 898"),
        ("be_nn", "85.07.30-033.28", "85.07.30-033.29"),
        ("be_nn", "98.47.28-997.65", "98.47.28-997.66"),  # a BIS number
        ("at_vnr", "1237 010180", "2237 010180"),
        ("ch_ahv", "756.1234.5678.97", "756.1234.5678.98"),
        ("ch_ahv", "7569217076985", "1234567891019"),  # not 756
        ("ie_pps", "1234567T", "1234567A"),
        ("ie_pps", "6433435OA", "6433435VH"),
        ("se_personnummer", "381218-4327", "381218-4328"),
        ("se_personnummer", "19811228-9841", "19811328-9841"),
        ("dk_cpr", "070761-4285", "320761-4285"),
        ("dk_cpr", "2110625629", "2110525629"),  # born in 2052: not yet
    ],
)
def test_a_check_tells_a_number_from_lookalikes(name: str, valid: str, invalid: str) -> None:
    check = VALIDATORS[name]
    assert check(valid, "DE")
    assert not check(invalid, "DE")


@pytest.mark.parametrize("value", ["501964843", "987654322", "600000001", "700000004", "800000000"])
def test_pt_nif_person_refuses_organisations(value: str) -> None:
    """A company's NIPC (5), a public body (6), other entities (7), the former sole-trader
    series (8) and irregular or non-resident entities (9) are no person's number."""
    from stdnum.pt import nif

    if nif.is_valid(value):
        assert not VALIDATORS["pt_nif_person"](value, "PT")


def test_pt_nif_person_takes_non_resident_individuals() -> None:
    assert VALIDATORS["pt_nif_person"]("451234561", "PT")


def test_ie_pps_refuses_a_non_individuals_number() -> None:
    """stdnum accepts the H (non-individual) form; a company's number is no personal data."""
    from stdnum.ie import pps

    assert pps.is_valid("6433435IH")
    assert not VALIDATORS["ie_pps"]("6433435IH", "IE")


def test_every_new_validator_is_in_the_schema_enum() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    text = json.dumps(schema)
    for name in (
        "pt_nif_person",
        "be_nn",
        "at_vnr",
        "ch_ahv",
        "ie_pps",
        "se_personnummer",
        "dk_cpr",
    ):
        assert name in VALIDATORS
        assert f'"{name}"' in text
