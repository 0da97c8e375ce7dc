"""The shipped rules take their label words from the packs' data lists, never inline.

``minimize`` reads ``work-labels`` and ``home-labels`` too (docs/handover.md): a word
spelt inline in one rule would drift from the lists (it did: 本社 and 支店 were work
words to minimize only), and a company pack that overrides a list would not reach it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
RULE_FILES = sorted(
    p
    for p in (REPO / "rules").glob("*/*.yaml")
    if p.name != "pack.yaml" and not p.name.endswith(".cases.yaml")
)
LABEL_KEYS = ("labels_any", "labels_none")
LABEL_LISTS = {"work-labels", "home-labels", "mobile-labels", "work-messengers", "family-labels"}


def _label_filters() -> Iterator[tuple[str, str, object]]:
    """(rule file, detector.key, the filter as written) for every label filter shipped."""
    for path in RULE_FILES:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in document.get("detect", ()):
            for name, params in entry.items():
                for key in LABEL_KEYS:
                    if isinstance(params, dict) and key in params:
                        yield path.name, f"{name}.{key}", params[key]


def test_every_shipped_label_filter_names_label_lists_and_spells_no_word() -> None:
    filters = list(_label_filters())
    assert len(filters) >= 10  # the phone, e-mail and address rules of core and jp
    wrong = [
        f"{file}: {where} = {written!r}"
        for file, where, written in filters
        if not isinstance(written, dict)
        or set(written) != {"lists"}
        or not set(written["lists"]) <= LABEL_LISTS
    ]
    assert wrong == []
