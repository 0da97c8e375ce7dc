"""A rule or data list whose own file is broken is not also "unknown" to what names it
(docs/rules.md), also when the file's text names nothing: an empty or comment-only file,
one saved as UTF-16 (QA round 19: "fire: no rule ACME-SECRET-001", "unknown data list")."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.packs import PACK_YAML, make_pack, rule
from piiaudit.engine.validate import validate_packs

BROKEN = {
    "empty": b"",
    "comments only": b"# to be written\n",
    "a list, not a mapping": b"- one\n",
    "UTF-16 with BOM": "id: {id}\nname: x\n".encode("utf-16"),
    "UTF-16 without BOM": "id: {id}\nname: x\n".encode("utf-16-le"),
}
UNREADABLE = {
    "empty": "expected a mapping at the top of the file",
    "comments only": "expected a mapping at the top of the file",
    "a list, not a mapping": "expected a mapping at the top of the file",
    "UTF-16 with BOM": "not UTF-8 text",
    "UTF-16 without BOM": "invalid YAML",  # NUL bytes, as yamlsafe reads it
}
COMPOSITE = "  - composite: {all: [ACME-SECRET-001]}"
REGEX = "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}"


def _only_the_file_itself(problems: list[str], path: Path, kind: str) -> None:
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:1: ")
    assert UNREADABLE[kind] in problems[0]


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_rule_file_is_not_also_unknown(tmp_path: Path, kind: str) -> None:
    name, _ = rule()
    composite_name, composite = rule(id="ACME-BOTH-002", name="both")
    pack = make_pack(tmp_path / "acme", {composite_name: composite.replace(REGEX, COMPOSITE)})
    # A case-less rule would fail rules test, not validate; the cases beside it are fine.
    broken = pack / name
    broken.write_bytes(BROKEN[kind].replace(b"{id}", b"ACME-SECRET-001"))
    (pack / "fixtures").mkdir()
    card = "BEGIN:VCARD\r\nEND:VCARD\r\n"
    (pack / "fixtures" / "a.vcf").write_text(card * 2, encoding="utf-8")
    (pack / "fixtures" / "a.vcf.expect.yaml").write_text(
        "file: a.vcf\ncontacts:\n"
        "  - {index: 0, fire: [ACME-SECRET-001]}\n"
        "  - {index: 1, not_fire: [ACME-SECRET-001]}\n",
        encoding="utf-8",
    )
    later_yaml = PACK_YAML.replace("id: acme", "id: acme-de") + "disable: [ACME-SECRET-001]\n"
    later = make_pack(tmp_path / "acme-de", pack_yaml=later_yaml)
    problems = [str(p) for p in validate_packs([pack, later])]
    _only_the_file_itself(problems, broken, kind)


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_list_file_is_not_also_unknown(tmp_path: Path, kind: str) -> None:
    name, text = rule()
    text = text.replace(REGEX, "  - keywords: {lists: [acme-words]}")
    pack = make_pack(tmp_path / "acme", {name: text})
    (pack / "data").mkdir()
    words = pack / "data" / "acme-words.yaml"
    words.write_bytes(BROKEN[kind].replace(b"id: {id}", b"list: acme-words"))
    problems = [str(p) for p in validate_packs([pack])]
    _only_the_file_itself(problems, words, kind)


def test_a_list_file_without_its_name_is_known_by_its_file_name(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace(REGEX, "  - keywords: {lists: [acme-words]}")
    pack = make_pack(tmp_path / "acme", {name: text})
    (pack / "data").mkdir()
    words = pack / "data" / "acme-words.yaml"
    words.write_text("description: words\nitems: [アクメ]\n", encoding="utf-8")  # no list:
    problems = [str(p) for p in validate_packs([pack])]
    assert problems == [f"{words}:1: document: 'list' is a required property"]


def test_a_rule_naming_another_list_is_still_told(tmp_path: Path) -> None:
    # The file name stands in only for a broken file's name: a typo elsewhere is found.
    name, text = rule()
    text = text.replace(REGEX, "  - keywords: {lists: [acme-wrods]}")
    pack = make_pack(tmp_path / "acme", {name: text})
    (pack / "data").mkdir()
    (pack / "data" / "acme-words.yaml").write_text("", encoding="utf-8")
    problems = [str(p) for p in validate_packs([pack])]
    assert len(problems) == 2
    assert "unknown data list 'acme-wrods'" in problems[0]
