"""The phone region a card's own addresses name, for its numbers without a country code.

Readers classify a number in the run's region (``--region``, the profile's ``region``).
A card whose addresses all lie in one other country is that country's contact, and a
number written without a country code there (``06 00 00 12 34``) follows that country's
plan: read in the run's region it would be a malformed number, never reported as the
mobile it is. The country names are data (``data/country_regions.yaml``); a card with
no country, an unknown one, or addresses in two countries keeps the run's region.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from piiaudit.model import Phone, new_phone
from piiaudit.phones import classify
from piiaudit.resources import read_shipped_mapping
from piiaudit.textnorm import nfkc

DATA_FILE = Path(__file__).parent / "data" / "country_regions.yaml"


@cache
def _regions() -> dict[str, str]:
    data = read_shipped_mapping(DATA_FILE)
    names: dict[str, str] = {}
    for region, spellings in data.items():
        code = str(region)
        names[_key(code)] = code
        for spelling in spellings:
            names[_key(str(spelling))] = code
    return names


def _key(name: str) -> str:
    return nfkc(name).strip(" .").lower()


def region_of_countries(countries: Iterable[str], default: str) -> str | None:
    """The one region other than ``default`` that every named country is in, else ``None``."""
    found: set[str] = set()
    for country in countries:
        if country and not country.isspace():
            region = _regions().get(_key(country))
            if region is None:
                return None  # a country we cannot place: keep the run's region
            found.add(region)
    if len(found) != 1:
        return None
    (region,) = found
    return None if region == default else region


def in_region(phones: Sequence[Phone], region: str) -> tuple[Phone, ...]:
    """``phones`` classified in ``region`` (a number with its country code is unchanged)."""
    out = []
    for phone in phones:
        e164, kind = classify(phone.value, region)
        out.append(new_phone(phone.value, phone.labels, e164, kind))
    return tuple(out)
