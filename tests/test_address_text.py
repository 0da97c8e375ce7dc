"""What detectors read of an address: the street must never be left out."""

from __future__ import annotations

from tests.engine.factories import contact

from piiaudit.engine import Engine, Profile
from piiaudit.model import Address, ContactClass


def test_a_formatted_address_beside_a_city_and_region_keeps_its_street() -> None:
    # Google CSV: "Address 1 - Formatted" plus only the City and Region columns.
    address = Address(
        formatted="福岡県福岡市中央区天神1-1-1 見本マンション305号室",
        locality="福岡市中央区",
        region="福岡県",
    )
    assert "天神1-1-1 見本マンション305号室" in address.text()


def test_components_with_a_street_are_read_as_components() -> None:
    address = Address(formatted="ignored", street="天神1-1-1", locality="福岡市中央区")
    assert address.text() == "福岡市中央区 天神1-1-1"


def test_the_residential_cue_in_the_formatted_street_is_found() -> None:
    engine = Engine.from_profile(Profile())
    card = contact(
        "架空 一郎",
        org=("見本商事株式会社",),
        addresses=(
            Address(
                formatted="福岡県福岡市中央区天神1-1-1 見本マンション305号室",
                locality="福岡市中央区",
                region="福岡県",
            ),
        ),
    )
    result = engine.evaluate(card)
    assert result.classification.label is ContactClass.BUSINESS
    assert "home_address" in {f.category for f in result.findings}
