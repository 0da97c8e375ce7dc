"""``rules validate`` catches packs that validated while doing something else than their
author meant (QA round 12, F5-F7, F9-F11, F14), and says nothing twice. Fictional data."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.packs import PACK_YAML, make_pack, rule
from piiaudit.engine.validate import validate_packs

KEYWORDS = "  - keywords: {lists: [acme-words]}"
REGEX = "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}"


def problems_of(*packs: Path) -> list[str]:
    return [str(p) for p in validate_packs(list(packs))]


def _pack_yaml(pack_id: str, extra: str = "") -> str:
    return PACK_YAML.replace("id: acme", f"id: {pack_id}") + extra


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"list: acme-words\ndescription: x\nitems: [a, b\n", "invalid YAML"),
        ("list: acme-words\ndescription: x\nitems: [製品]\n".encode("cp932"), "not UTF-8"),
        (
            b"list: acme-words\n" + b"# padding\n" * 240_000,
            "over the 2097152-byte limit for YAML files",
        ),
    ],
)
def test_an_unreadable_list_is_not_also_unknown_to_its_rules(
    tmp_path: Path, content: bytes, says: str
) -> None:
    name, text = rule()
    pack = make_pack(tmp_path / "acme", {name: text.replace(REGEX, KEYWORDS)})
    (pack / "data").mkdir()
    (pack / "data" / "words.yaml").write_bytes(content)
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / 'data' / 'words.yaml'}") and says in problem


def test_an_unreadable_rule_is_not_also_unknown_to_fixtures_and_composites(
    tmp_path: Path,
) -> None:
    name, text = rule()
    composite_name, composite = rule(id="ACME-BOTH-002", name="both")
    composite = composite.replace(REGEX, "  - composite: {all: [ACME-SECRET-001]}")
    broken = text.replace("applies_to: [any]", "applies_to: [any")
    pack = make_pack(tmp_path / "acme", {name: broken, composite_name: composite})
    (pack / "fixtures").mkdir()
    (pack / "fixtures" / "a.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n")
    (pack / "fixtures" / "a.vcf.expect.yaml").write_text(
        "file: a.vcf\ncontacts:\n  - {index: 0, fire: [ACME-SECRET-001]}\n", encoding="utf-8"
    )
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / name}:") and "invalid YAML" in problem


def test_an_empty_inline_labels_any_is_an_error(tmp_path: Path) -> None:
    name, text = rule()
    detect = "  - phone: {types: [mobile], labels_any: []}"
    pack = make_pack(tmp_path / "acme", {name: text.replace(REGEX, detect)})
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / name}:8: ACME-SECRET-001: labels_any: [] names no label")


def test_overrides_that_load_too_early_name_the_load_order(tmp_path: Path) -> None:
    """``de-tochter`` sorts before ``hoshizora``, which it builds on."""
    base = make_pack(tmp_path / "hoshizora", dict([rule()]), _pack_yaml("hoshizora"))
    early = make_pack(
        tmp_path / "de-tochter", dict([rule(extra="override: true\n")]), _pack_yaml("de")
    )
    problems = problems_of(early, base)
    override, duplicate = problems
    assert "no earlier rule ACME-SECRET-001 to override: it is defined in" in override
    assert str(base / "ACME-SECRET-001-acme-secret.yaml") in override
    assert "packs load in name order" in override
    assert "duplicate rule id ACME-SECRET-001" in duplicate
    assert "set override: true" not in duplicate and "packs load in name order" in duplicate


def test_a_pack_id_used_twice_is_an_error_and_names_a_shipped_pack(tmp_path: Path) -> None:
    mine = make_pack(tmp_path / "mine", dict([rule()]), _pack_yaml("jp"))
    (problem,) = problems_of(mine)
    assert problem.startswith(f"{mine / 'pack.yaml'}:1: pack id 'jp' is already used by the ")
    assert "shipped pack" in problem
    one = make_pack(tmp_path / "one", pack_yaml=_pack_yaml("twin"))
    two = make_pack(tmp_path / "two", pack_yaml=_pack_yaml("twin"))
    (problem,) = problems_of(one, two)
    assert problem.startswith(f"{two / 'pack.yaml'}:1: pack id 'twin' is already used by the pack")


def test_disabling_a_rule_of_the_same_pack_is_an_error(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]), PACK_YAML + "disable: [ACME-SECRET-001]\n")
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / 'pack.yaml'}:4: disable: ACME-SECRET-001 is a rule of this")


def test_a_signal_without_evidence_that_nothing_reads_is_an_error(tmp_path: Path) -> None:
    silent = make_pack(tmp_path / "silent", dict([rule(extra="report: false\n")]))
    (problem,) = problems_of(silent)
    assert "report: false and no evidence, and no composite rule names it" in problem
    name, composite = rule(id="ACME-BOTH-002", name="both")
    composite = composite.replace(REGEX, "  - composite: {all: [ACME-SECRET-001]}")
    read = make_pack(tmp_path / "read", {**dict([rule(extra="report: false\n")]), name: composite})
    assert problems_of(read) == []  # a composite's part: it does something


def test_special_care_category_and_kind_go_together(tmp_path: Path) -> None:
    missing = make_pack(tmp_path / "missing", dict([rule(category="special_care")]))
    (problem,) = problems_of(missing)
    assert "category special_care needs special_care: the kind it finds" in problem
    stray = make_pack(
        tmp_path / "stray",
        dict([rule(category="national_id", extra="special_care: health\n")]),
        _pack_yaml("stray"),
    )
    (problem,) = problems_of(stray)
    assert "special_care: health is for category special_care rules" in problem
    both = make_pack(
        tmp_path / "both",
        dict([rule(category="special_care", extra="special_care: health\n")]),
        _pack_yaml("both"),
    )
    assert problems_of(both) == []
