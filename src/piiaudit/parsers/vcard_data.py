"""The vCard reader's data tables (YAML in ``parsers/data/``) and label normalisation.

Which property feeds which field, and how exporters spell a phone label
(``CELL``, ``Mobile``, ``_$!<Mobile>!$_``), are facts about the world, not
code: they live in ``vcard_properties.yaml`` and ``vcard_labels.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from piiaudit.resources import read_shipped_mapping

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class VcardTables:
    anniversary: frozenset[str]
    related: frozenset[str]
    categories: frozenset[str]
    titles: frozenset[str]
    urls: frozenset[str]
    messaging: dict[str, str]
    messaging_schemes: dict[str, str]
    messaging_aliases: dict[str, str]
    messaging_prefix: str
    notes: frozenset[str]
    binary: frozenset[str]
    binary_only_when_encoded: frozenset[str]
    also_in_other: frozenset[str]
    structural: frozenset[str]
    cut_card_data: frozenset[str]
    related_references: tuple[str, ...]
    work_relations: frozenset[str]
    android_work_relations: frozenset[str]
    group_kind: frozenset[str]
    group_only: frozenset[str]
    group_members: frozenset[str]
    types: dict[str, str]
    apple: dict[str, tuple[str, ...]]
    android_event_types: dict[str, str]


def _list(data: dict[str, object], key: str) -> list[object]:
    values = data.get(key) or []
    assert isinstance(values, list), key
    return values


def _names(data: dict[str, object], key: str) -> frozenset[str]:
    return frozenset(str(v).upper() for v in _list(data, key))


@cache
def tables() -> VcardTables:
    """Load both YAML files once per process (they are shipped, read-only data)."""
    props = read_shipped_mapping(DATA_DIR / "vcard_properties.yaml")
    labels = read_shipped_mapping(DATA_DIR / "vcard_labels.yaml")
    types = labels.get("types") or {}
    apple = labels.get("apple") or {}
    events = labels.get("android_event_types") or {}
    messaging = props.get("messaging") or {}
    schemes = props.get("messaging_schemes") or {}
    aliases = props.get("messaging_aliases") or {}
    assert isinstance(types, dict) and isinstance(apple, dict) and isinstance(events, dict)
    assert isinstance(messaging, dict) and isinstance(schemes, dict) and isinstance(aliases, dict)
    return VcardTables(
        anniversary=_names(props, "anniversary"),
        related=_names(props, "related"),
        categories=_names(props, "categories"),
        titles=_names(props, "titles"),
        urls=_names(props, "urls"),
        messaging={str(k).upper(): str(v or "") for k, v in messaging.items()},
        messaging_schemes={str(k).lower(): str(v) for k, v in schemes.items()},
        messaging_aliases={str(k).lower(): str(v) for k, v in aliases.items()},
        messaging_prefix=str(props.get("messaging_prefix") or "").upper(),
        notes=_names(props, "notes"),
        binary=_names(props, "binary"),
        binary_only_when_encoded=_names(props, "binary_only_when_encoded"),
        also_in_other=_names(props, "also_in_other"),
        structural=_names(props, "structural"),
        cut_card_data=_names(props, "cut_card_data"),
        related_references=tuple(str(v).lower() for v in _list(props, "related_references")),
        work_relations=frozenset(str(v).lower() for v in _list(props, "work_relations")),
        android_work_relations=frozenset(
            str(v) for v in _list(labels, "android_work_relation_types")
        ),
        group_kind=_names(props, "group_kind"),
        group_only=_names(props, "group_only"),
        group_members=_names(props, "group_members"),
        types={str(k).lower(): str(v) for k, v in types.items()},
        apple={str(k).lower(): tuple(str(x) for x in v) for k, v in apple.items()},
        android_event_types={str(k): str(v) for k, v in events.items()},
    )


def service_name(written: str) -> str:
    """A chat service's one label, however it was written (``GTalk`` -> ``google talk``)."""
    word = written.strip().lower()
    return tables().messaging_aliases.get(word, word)


@cache
def messaging_services() -> frozenset[str]:
    """Every service name a handle can carry as a label (``skype``, ``line`` ...): what a
    writer turns back into ``X-SERVICE-TYPE`` rather than a custom label."""
    table = tables()
    return frozenset(
        {*table.messaging.values(), *table.messaging_schemes.values()} - {""}
    ) | frozenset(table.messaging_aliases.values())


@cache
def normalize_label(raw: str) -> str:
    """One TYPE value -> a model label: ``CELL``/``Mobile`` -> ``cell``; custom kept verbatim."""
    text = raw.strip()
    low = text.lower()
    mapped = tables().types.get(low)
    if mapped:
        return mapped
    return low if text.isascii() else text


@cache
def group_label(raw: str) -> tuple[str, ...]:
    """An Apple ``X-ABLabel`` -> labels: ``_$!<HomeFAX>!$_`` -> ``("home", "fax")``.

    A custom label (``得意先``, ``Assistant line``) is kept as written, as one label.
    """
    text = raw.strip()
    if not text:
        return ()
    apple = tables().apple.get(text.lower())
    if apple:
        return apple
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return (text[4:-4].lower(),)
    return (text,)
