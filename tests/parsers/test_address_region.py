"""A card's numbers without a country code follow the country its addresses name.

QA round 4 B10: on a German phone (``--region DE``) a French customer's mobile
``06 00 00 12 34`` was read as a German number and never reported. Numbers are read
in the country every address of the card names; a card without a country, with an
unknown one or with addresses in two countries keeps the run's region.
"""

from __future__ import annotations

import pytest

from parsers.csv_read import read as read_csv
from parsers.test_vcard_vendor_quirks import card, one
from piiaudit.parsers import ParseOptions
from piiaudit.parsers.address_region import region_of_countries

DE = ParseOptions(region="DE")


def test_a_french_customers_mobile_is_french_on_a_german_phone() -> None:
    contact = one(
        card(
            "TEL;TYPE=CELL:06 00 00 12 34",
            "TEL;TYPE=WORK:+49 30 1234567",
            "ADR;TYPE=WORK:;;8 rue des Roses;Paris;;75011;France",
            version="3.0",
        ),
        DE,
    )
    mobile, office = contact.phones
    assert (mobile.e164, mobile.number_type) == ("+33600001234", "mobile")
    assert office.e164 == "+49301234567"  # written with its country code: unchanged


@pytest.mark.parametrize(
    "adr",
    [
        "ADR:;;Nelkenweg 9;Hamburg;;20095;Deutschland",  # the run's own country
        "ADR:;;Nelkenweg 9;Hamburg;;20095;",  # no country
        "ADR:;;Nelkenweg 9;Hamburg;;20095;Atlantis",  # a country we cannot place
    ],
)
def test_the_runs_region_stays_otherwise(adr: str) -> None:
    contact = one(card("TEL:0151 23456789", adr, version="3.0"), DE)
    assert contact.phones[0].e164 == "+4915123456789"


def test_addresses_in_two_countries_keep_the_runs_region() -> None:
    assert region_of_countries(["France", "Deutschland"], "DE") is None
    assert region_of_countries(["France", "FRANCE ", "fr"], "DE") == "FR"
    assert region_of_countries(["日本"], "DE") == "JP"
    assert region_of_countries(["Japan"], "JP") is None


def test_a_csv_row_with_a_country_column_reads_its_numbers_there() -> None:
    data = (
        b"First Name,Last Name,Mobile Phone,Home Country\n"
        b"Camille,Exemple,06 00 00 12 34,France\n"
        b"Bernd,Beispiel,0151 23456789,\n"
    )
    camille, bernd = read_csv(data, region="DE")[0]
    assert (camille.phones[0].e164, camille.phones[0].number_type) == ("+33600001234", "mobile")
    assert bernd.phones[0].e164 == "+4915123456789"
