"""The data behind how ``minimize`` writes cards, read once from ``vcard_output.yaml``.

Which labels are vCard TYPE values, which are Apple's built-in item labels, how an
anniversary and a related person are written, and which Outlook columns hold an
Exchange mailbox's display name are facts about other programs, kept as data so a
reviewer can check them against their sources without reading Python.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from piiaudit.resources import package_path, read_shipped_yaml
from piiaudit.textnorm import nfkc


@dataclass(frozen=True, slots=True)
class OutputData:
    type_values: frozenset[str]
    apple_labels: Mapping[str, str]
    # Apple's built-in labels of a related name, a URL and a date: apple_labels and these.
    related_labels: Mapping[str, str]
    url_labels: Mapping[str, str]
    date_labels: Mapping[str, str]
    android_relation_types: Mapping[str, str]  # an Android relation row's TYPE -> label
    label_joiner: str
    anniversary_label: str
    related_property: str
    address_separators: str
    exchange_path_prefix: str
    exchange_display_names: Mapping[str, str]  # e-mail column key -> display-name column
    compound_properties: frozenset[str]  # upper case
    eras: Mapping[str, Era]  # by name (明治) and by letter (M)


@dataclass(frozen=True, slots=True)
class Era:
    """A Japanese era: the Gregorian year of its first year, and how many years it ran
    (``None``: the current one)."""

    first: int
    years: int | None


def column_key(header: str) -> str:
    """A CSV header as the readers compare them: NFKC, trimmed, case-insensitive."""
    return nfkc(header).strip().casefold()


@functools.cache
def output_data() -> OutputData:
    raw = read_shipped_yaml(package_path("handover", "vcard_output.yaml"))
    apple = _labels(raw["apple_labels"])
    return OutputData(
        type_values=frozenset(str(v).lower() for v in raw["type_values"]),
        apple_labels=apple,
        related_labels={**apple, **_labels(raw["related_labels"])},
        url_labels={**apple, **_labels(raw["url_labels"])},
        date_labels={**apple, **_labels(raw["date_labels"])},
        android_relation_types=_labels(raw["android_relation_types"]),
        label_joiner=str(raw["label_joiner"]),
        anniversary_label=str(raw["anniversary_label"]),
        related_property=str(raw["related_property"]),
        address_separators=str(raw["address_separators"]),
        exchange_path_prefix=str(raw["exchange_path_prefix"]).lower(),
        exchange_display_names={
            column_key(str(k)): str(v) for k, v in raw["exchange_display_names"].items()
        },
        compound_properties=frozenset(str(v).upper() for v in raw["compound_properties"]),
        eras=_eras(raw["eras"]),
    )


def _labels(rows: Mapping[object, object]) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in rows.items()}


def _eras(rows: list[dict[str, object]]) -> dict[str, Era]:
    eras = {}
    for row in rows:
        years = row.get("years")
        era = Era(int(str(row["first"])), int(str(years)) if years is not None else None)
        eras[str(row["name"])] = eras[str(row["letter"]).upper()] = era
    return eras
