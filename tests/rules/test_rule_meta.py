"""Rules about the rules: pairing with cases, unique ids, complete metadata."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from piiaudit.model import Category

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "rules"
RULE_FILES = sorted(
    p
    for p in RULES.glob("*/*.yaml")
    if p.name != "pack.yaml" and not p.name.endswith(".cases.yaml")
)


def load(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_there_are_rules_in_every_pack() -> None:
    packs = Counter(p.parent.name for p in RULE_FILES)
    assert set(packs) == {"core", "jp", "gdpr"}
    assert min(packs.values()) >= 10


def test_rule_ids_are_unique() -> None:
    ids = Counter(load(p)["id"] for p in RULE_FILES)
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_every_rule_has_cases_with_match_and_no_match(path: Path) -> None:
    cases = path.with_name(path.stem + ".cases.yaml")
    assert cases.is_file(), f"missing {cases.name}"
    data = load(cases)
    assert data["rule"] == load(path)["id"]
    assert len(data["match"]) >= 1  # type: ignore[arg-type]
    assert len(data["no_match"]) >= 1  # type: ignore[arg-type]


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_every_rule_is_documented_in_both_languages(path: Path) -> None:
    rule = load(path)
    for key in ("description", "message", "recommendation"):
        text = rule[key]
        assert isinstance(text, dict) and text["en"].strip() and text["ja"].strip(), key
        assert any(ord(ch) > 0x3000 for ch in text["ja"]), f"{key}.ja should be Japanese"
    assert rule["references"], "references"
    assert Category(rule["category"])
    assert path.stem == f"{rule['id']}-{rule['name']}"


def test_no_orphan_cases_files() -> None:
    for cases in RULES.glob("*/*.cases.yaml"):
        assert cases.with_name(cases.name.replace(".cases.yaml", ".yaml")).is_file(), cases


# A finding's references are printed in the JSON, SARIF and HTML reports that compliance
# staff file; the QA round or review that led to a rule is the maintainers' history, kept
# in a comment beside `references:` (Japanese review B2: "blind JP QA round 4, F7" in a
# compliance report's JSON).
_INTERNAL_NOTE = (" QA", "QA ", "review ", "research note", "round ", "leak hunt")


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_references_cite_sources_not_internal_notes(path: Path) -> None:
    references = load(path)["references"]
    assert isinstance(references, list)
    internal = [r for r in references if any(word in f" {r}" for word in _INTERNAL_NOTE)]
    assert internal == [], "move QA history into a comment beside references:"
