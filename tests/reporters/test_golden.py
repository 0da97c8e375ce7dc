"""Golden files: every reporter's exact output on the fictional sample.

A change in any report shows up as a diff of ``tests/golden/<case>.<format>``.
After an intended change, regenerate them and review the diff before committing::

    PIIAUDIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/reporters/test_golden.py

Files are read and written without newline translation, so CSV keeps its CRLF.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from reporters.factory import empty_case, sample_case
from reporters.helpers import render

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("PIIAUDIT_UPDATE_GOLDEN") == "1"

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("sample-masked-en", "terminal", {}),
    ("sample-masked-ja", "terminal", {"lang": "ja"}),
    ("sample-pii-en", "terminal", {"show_pii": True}),
    ("sample-pii-ja", "terminal", {"lang": "ja", "show_pii": True}),
    ("sample-narrow-ja", "terminal", {"lang": "ja", "width": 60}),
    ("sample-compliance-en", "terminal", {"audience": "compliance", "explain": True}),
    ("sample-masked", "json", {}),
    ("sample-pii", "json", {"show_pii": True}),
    (
        "sample-compliance-explain-ja",
        "json",
        {"audience": "compliance", "explain": True, "lang": "ja"},
    ),
    ("sample-masked", "html", {}),
    ("sample-pii-ja", "html", {"show_pii": True, "lang": "ja"}),
    ("sample-masked", "sarif", {}),
    ("sample-pii", "sarif", {"show_pii": True}),
    ("sample-masked", "csv", {}),
    ("sample-pii", "csv", {"show_pii": True}),
    ("sample-contacts-ja", "csv", {"csv_rows": "contacts", "lang": "ja"}),
    ("clean-en", "terminal", {}),
    ("clean", "json", {}),
]


@pytest.mark.parametrize(("case", "fmt", "options"), CASES, ids=[f"{c}.{f}" for c, f, _ in CASES])
def test_golden(case: str, fmt: str, options: dict[str, Any]) -> None:
    source = empty_case() if case.startswith("clean") else sample_case()
    output = render(fmt, source.result, **options)
    path = GOLDEN_DIR / f"{case}.{fmt}"
    if UPDATE:
        GOLDEN_DIR.mkdir(exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(output)
    assert path.is_file(), f"{path} is missing: run with PIIAUDIT_UPDATE_GOLDEN=1 to create it"
    with path.open(encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert output == expected


def test_every_golden_file_belongs_to_a_case() -> None:
    """A renamed case must not leave a stale golden file behind."""
    known = {f"{c}.{f}" for c, f, _ in CASES}
    assert {p.name for p in GOLDEN_DIR.iterdir()} == known
