"""``rules validate``: every problem of a user pack, each with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.packs import PACK_YAML, make_pack, rule
from piiaudit.engine.packsearch import resolve_pack_dirs
from piiaudit.engine.validate import validate_packs
from piiaudit.errors import ConfigError


def problems_of(pack: Path) -> list[str]:
    return [str(p) for p in validate_packs([pack])]


def test_a_valid_user_pack_has_no_problems(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    assert problems_of(pack) == []


def test_unknown_key_is_reported_at_its_line(tmp_path: Path) -> None:
    name, text = rule(extra="colour: red\n")
    pack = make_pack(tmp_path / "acme", {name: text})
    line = text.splitlines().index("colour: red") + 1
    assert problems_of(pack) == [f"{pack / name}:{line}: unknown key 'colour'"]


def test_unknown_category_names_the_allowed_ones(tmp_path: Path) -> None:
    name, text = rule(category="secrets")
    pack = make_pack(tmp_path / "acme", {name: text})
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / name}:4: category: 'secrets' is not one of:")
    assert "special_care" in problem


def test_regex_that_re2_rejects_is_reported_with_file_and_line(tmp_path: Path) -> None:
    name, text = rule(pattern=r"(?<=ACME)-SECRET")
    pack = make_pack(tmp_path / "acme", {name: text})
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / name}:8: ACME-SECRET-001: regex does not compile under re2")
    assert "re2 has no look-ahead or look-behind" in problem  # what to do, not only why


def test_a_back_reference_is_explained_too(tmp_path: Path) -> None:
    name, text = rule(pattern=r"(AB)-\1")
    pack = make_pack(tmp_path / "acme", {name: text})
    (problem,) = problems_of(pack)
    assert "re2 has no back-references" in problem


def test_a_list_word_with_a_colon_is_told_to_be_quoted(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "data").mkdir()
    (pack / "data" / "words.yaml").write_text(
        "list: acme-words\ndescription: Words\nitems: [点検, 納品先: 東京]\n", encoding="utf-8"
    )
    problems = problems_of(pack)
    assert any("as a key: quote it" in p for p in problems), problems


def test_duplicate_ids_within_and_across_packs(tmp_path: Path) -> None:
    first = rule()
    second = rule(name="acme-secret-again")
    pack = make_pack(tmp_path / "acme", dict([first, second]))
    (problem,) = problems_of(pack)
    assert "duplicate rule id ACME-SECRET-001" in problem
    # the later file (in name order) is the duplicate; the message points at the first
    assert problem.startswith(f"{pack / first[0]}:1:")
    assert f"first in {pack / second[0]}:1" in problem


def test_reusing_a_shipped_id_needs_override(tmp_path: Path) -> None:
    clash = rule(id="CORE-PHONE-001", name="personal-mobile")
    pack = make_pack(tmp_path / "acme", dict([clash]))
    assert any("duplicate rule id CORE-PHONE-001" in p for p in problems_of(pack))
    fixed = rule(id="CORE-PHONE-001", name="personal-mobile", extra="override: true\n")
    assert problems_of(make_pack(tmp_path / "acme2", dict([fixed]))) == []


def test_file_name_must_match_id_and_name(tmp_path: Path) -> None:
    _, text = rule()
    pack = make_pack(tmp_path / "acme", {"secret.yaml": text})
    assert problems_of(pack) == [
        f"{pack / 'secret.yaml'}:1: file name should be ACME-SECRET-001-acme-secret.yaml (id-name)"
    ]


def test_unknown_data_list_is_an_error(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        "  - keywords: {lists: [no-such-list]}",
    )
    pack = make_pack(tmp_path / "acme", {name: text})
    (problem,) = problems_of(pack)
    assert "unknown data list 'no-such-list'" in problem


def test_composite_naming_an_unknown_rule(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        "  - composite: {all: [NOPE-RULE-001]}",
    )
    pack = make_pack(tmp_path / "acme", {name: text})
    assert any("composite needs unknown rule NOPE-RULE-001" in p for p in problems_of(pack))


def _composite(rule_id: str, detect: str) -> tuple[str, str]:
    name, text = rule(id=rule_id, name=rule_id.lower())
    return name, text.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}", f"  - composite: {detect}"
    )


def test_composites_that_need_each_other_never_fire_and_are_an_error(tmp_path: Path) -> None:
    pack = make_pack(
        tmp_path / "acme",
        dict(
            [
                rule(),
                _composite("ACME-COMBO-001", "{all: [ACME-SECRET-001, ACME-COMBO-002]}"),
                _composite("ACME-COMBO-002", "{all: [ACME-SECRET-001, ACME-COMBO-001]}"),
                _composite("ACME-COMBO-003", "{any: [ACME-COMBO-003]}"),
            ]
        ),
    )
    problems = problems_of(pack)
    assert len(problems) == 2, problems
    assert (
        "ACME-COMBO-001: composite rules need each other "
        "(ACME-COMBO-001 -> ACME-COMBO-002 -> ACME-COMBO-001)" in problems[0]
    )
    assert "(ACME-COMBO-003 -> ACME-COMBO-003)" in problems[1]


def test_a_cycle_an_alternative_bypasses_is_no_error(tmp_path: Path) -> None:
    # ACME-COMBO-001 fires on ACME-SECRET-001 alone; ACME-COMBO-002 then fires on it.
    pack = make_pack(
        tmp_path / "acme",
        dict(
            [
                rule(),
                _composite("ACME-COMBO-001", "{any: [ACME-SECRET-001, ACME-COMBO-002]}"),
                _composite("ACME-COMBO-002", "{all: [ACME-COMBO-001]}"),
            ]
        ),
    )
    assert problems_of(pack) == []


def test_a_composite_asking_for_more_rules_than_it_names_is_an_error(tmp_path: Path) -> None:
    pack = make_pack(
        tmp_path / "acme",
        dict([rule(), _composite("ACME-COMBO-001", "{any: [ACME-SECRET-001], min_any: 2}")]),
    )
    (problem,) = problems_of(pack)
    assert "min_any is 2 but any names 1 rules, so it can never fire" in problem


def test_composites_in_a_chain_are_fine(tmp_path: Path) -> None:
    pack = make_pack(
        tmp_path / "acme",
        dict(
            [
                rule(),
                _composite("ACME-COMBO-001", "{all: [ACME-SECRET-001]}"),
                _composite("ACME-COMBO-002", "{all: [ACME-COMBO-001, ACME-SECRET-001]}"),
            ]
        ),
    )
    assert problems_of(pack) == []


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    bad_category = rule(category="nope")
    bad_regex = rule(id="ACME-OTHER-002", name="other", pattern="(?=x)")
    pack = make_pack(tmp_path / "acme", dict([bad_category, bad_regex]))
    assert len(problems_of(pack)) == 2


def test_bad_cases_file_is_checked_too(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "ACME-SECRET-001-acme-secret.cases.yaml").write_text(
        "rule: ACME-SECRET-001\nmatch: []\n", encoding="utf-8"
    )
    problems = problems_of(pack)
    assert any("no_match" in p for p in problems)


def test_shipped_packs_are_valid() -> None:
    from piiaudit.engine.loader import shipped_pack_dirs

    dirs = shipped_pack_dirs()
    assert [d.name for d in dirs] == ["core", "gdpr", "jp"]  # the package's link is followed
    assert validate_packs(dirs) == []


def test_a_folder_that_is_not_a_pack_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a rule pack"):
        resolve_pack_dirs([tmp_path])
    with pytest.raises(ConfigError, match="no such file"):
        resolve_pack_dirs([tmp_path / "missing"])


def test_an_oversized_data_list_is_refused(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "data").mkdir()
    items = ", ".join(f"w{i}" for i in range(20_001))
    (pack / "data" / "huge.yaml").write_text(
        f"list: huge\ndescription: too long\nitems: [{items}]\n", encoding="utf-8"
    )
    (problem,) = problems_of(pack)
    # The size and the limit, not the list itself (it flooded CI logs: 1.8 MB on one line).
    assert (
        problem == f"{pack / 'data' / 'huge.yaml'}:3: items: 20001 entries, at most 20000 allowed"
    )


def test_an_overlong_value_is_named_by_its_start_and_length(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule(pattern="x" * 3000)]))
    (problem,) = problems_of(pack)
    assert "has 3000 characters, at most 2000 allowed" in problem
    assert len(problem) < 300


def test_a_bad_field_selector_is_explained(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace("fields: [notes]", "fields: [memo]")
    pack = make_pack(tmp_path / "acme", {name: text})
    (problem,) = problems_of(pack)
    assert problem.startswith(
        f"{pack / name}:8: detect.0.regex.fields.0: 'memo' is not a field selector"
    )


ONE_OF_EACH = """id: ACME-SECRET-001
name: acme-secret
description: {en: A test rule, ja: テスト用ルール}
category: secrets
severity: high
applies_to: [any]
colour: red
detect:
  - regex: {pattern: '(?<=ID)[0-9]{6}', fields: [notes]}
  - keywords:
      lists: [no-such-list]
  - keywords: {lists: also-not-a-list}
message: {en: Found, ja: 検出}
recommendation: {en: Delete it, ja: 削除してください}
references: ["test"]
examples:
  match: [{class: business, note: ["ID123456"]}]
  no_match: [{class: business, note: ["nothing here"]}]
"""


def test_independent_problems_of_one_file_are_all_reported_in_one_run(tmp_path: Path) -> None:
    """Schema problems do not hide the regex and the data list: one CI round, not three.
    The third detector's own schema problem is reported once, not also as nonsense
    ("unknown data list 'a'") from compiling what the schema refused."""
    name = "ACME-SECRET-001-acme-secret.yaml"
    pack = make_pack(tmp_path / "acme", {name: ONE_OF_EACH})
    problems = problems_of(pack)
    where = [p.split(": ", 1)[0] for p in problems]
    assert where == [f"{pack / name}:{line}" for line in (4, 7, 9, 11, 12)]  # 11: the lists line
    assert "'secrets' is not one of" in problems[0]
    assert "unknown key 'colour'" in problems[1]
    assert "regex does not compile under re2" in problems[2]
    assert "unknown data list 'no-such-list'" in problems[3]
    assert "detect.2.keywords.lists: 'also-not-a-list' is not of type 'array'" in problems[4]


def test_every_bad_detector_of_a_rule_is_reported(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        "  - regex: {pattern: '(?=x)', fields: [notes]}\n  - keywords: {lists: [no-such-list]}",
    )
    pack = make_pack(tmp_path / "acme", {name: text})
    problems = problems_of(pack)
    assert len(problems) == 2
    assert "regex does not compile" in problems[0]
    assert "unknown data list 'no-such-list'" in problems[1]


def test_a_broken_data_list_is_not_also_unknown_to_the_rules_naming_it(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        "  - keywords: {lists: [acme-words]}",
    )
    pack = make_pack(tmp_path / "acme", {name: text})
    (pack / "data").mkdir()
    words = pack / "data" / "acme-words.yaml"
    words.write_text("list: acme-words\nitems: [アクメ]\n", encoding="utf-8")  # no description
    assert problems_of(pack) == [f"{words}:1: document: 'description' is a required property"]


def test_a_broken_rule_is_not_also_unknown_to_composites_and_disable(tmp_path: Path) -> None:
    broken = rule(category="secrets")
    composite_name, composite = rule(id="ACME-BOTH-002", name="both")
    composite = composite.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        "  - composite: {all: [ACME-SECRET-001]}",
    )
    pack = make_pack(tmp_path / "acme", dict([broken, (composite_name, composite)]))
    # A later pack switches the broken rule off (a pack's own rules it may not: F10).
    later_yaml = PACK_YAML.replace("id: acme", "id: acme-de") + "disable: [ACME-SECRET-001]\n"
    later = make_pack(tmp_path / "acme-de", pack_yaml=later_yaml)
    (problem,) = [str(p) for p in validate_packs([pack, later])]
    assert "'secrets' is not one of" in problem


def test_rules_are_checked_even_when_pack_yaml_is_broken(tmp_path: Path) -> None:
    name, text = rule(pattern="(?<=x)y")
    no_version = "id: acme\ndescription: {en: Test pack, ja: テスト用パック}\n"
    pack = make_pack(tmp_path / "acme", {name: text}, pack_yaml=no_version)
    problems = problems_of(pack)
    assert [p.split(": ", 1)[0] for p in problems] == [
        f"{pack / name}:8",
        f"{pack / 'pack.yaml'}:1",
    ]
    assert "regex does not compile" in problems[0]
    assert "'version' is a required property" in problems[1]


def test_unknown_data_lists_are_named_together_at_the_first_ones_line(tmp_path: Path) -> None:
    """Every unknown list of a detector in one problem, on the line that names the
    first (not the detector's ``keywords:`` line), including lists of a nested block."""
    name, text = rule()
    detector = (
        "  - keywords:\n"
        "      lists:\n"
        "        - jp-family-names\n"
        "        - no-such-list\n"
        "        - nor-this-one\n"
        "      exclude:\n"
        "        lists: [missing-too]\n"
    )
    text = text.replace("  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}\n", detector)
    pack = make_pack(tmp_path / "acme", {name: text})
    lines = text.splitlines()
    first = lines.index("        - no-such-list") + 1
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / name}:{first}: ")
    assert "unknown data lists 'no-such-list', 'nor-this-one'" in problem
    text = text.replace("        - no-such-list\n        - nor-this-one\n", "")
    (problem,) = problems_of(make_pack(tmp_path / "acme", {name: text}))
    assert problem.startswith(
        f"{pack / name}:{text.splitlines().index('        lists: [missing-too]') + 1}: "
    )
    assert "unknown data list 'missing-too'" in problem


_CASES = """rule: {rule}
match:
  - name: a secret
    contact: {{name: a, note: ["ACME-SECRET 1"]}}
no_match:
  - name: nothing
    contact: {{name: a, note: ["x"]}}
"""


def test_cases_must_name_the_rule_beside_them(tmp_path: Path) -> None:
    name, text = rule()
    pack = make_pack(tmp_path / "acme", {name: text})
    cases = pack / "ACME-SECRET-001-acme-secret.cases.yaml"
    cases.write_text(_CASES.format(rule="ACME-SECRET-002"), encoding="utf-8")
    assert problems_of(pack) == [
        f"{cases}:1: the cases name rule 'ACME-SECRET-002', but the file beside them is "
        "ACME-SECRET-001-acme-secret.yaml"
    ]
    cases.write_text(_CASES.format(rule="ACME-SECRET-001"), encoding="utf-8")
    assert problems_of(pack) == []
    orphan = pack / "ACME-SECRET-003-gone.cases.yaml"
    orphan.write_text(_CASES.format(rule="ACME-SECRET-003"), encoding="utf-8")
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{orphan}:1: no rule file ACME-SECRET-003-gone.yaml")


def test_a_data_list_defined_twice_in_one_pack_is_an_error(tmp_path: Path) -> None:
    # A copied list file: the later one would silently replace the first.
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "data").mkdir()
    (pack / "data" / "words.yaml").write_text(
        "list: acme-words\ndescription: first\nitems: [Kita]\n", encoding="utf-8"
    )
    (pack / "data" / "words2.yaml").write_text(
        "list: acme-words\ndescription: copy\nitems: [Schwimmkurs]\n", encoding="utf-8"
    )
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / 'data' / 'words2.yaml'}:1: ")
    assert "'acme-words' is defined twice in this pack" in problem
    assert str(pack / "data" / "words.yaml") in problem


def test_packs_are_found_below_a_repository_root(tmp_path: Path) -> None:
    # The layout docs/rules.md recommends for a pack repository: rules/<pack>/pack.yaml,
    # validated from the root as the pre-commit hook's default argument does.
    pack = make_pack(tmp_path / "rules" / "acme", dict([rule()]))
    make_pack(tmp_path / ".hidden" / "other", dict([rule()]))
    make_pack(tmp_path / "build" / "lib" / "piiaudit" / "packs" / "core", dict([rule()]))
    assert resolve_pack_dirs([tmp_path]) == [pack]
    assert validate_packs(resolve_pack_dirs([tmp_path])) == []


def test_a_pack_too_deep_below_a_folder_of_packs_stops_the_run(tmp_path: Path) -> None:
    """rules/vendor/acme/2024/pack/ beside rules/core/ was skipped without a word: its
    rules ran in no check and no scan (QA round 15). A pack below another pack is the
    outer pack's problem (test_nested_packs)."""
    make_pack(tmp_path / "rules" / "core", dict([rule()]))
    deep = make_pack(tmp_path / "rules" / "vendor" / "acme" / "2024" / "pack", dict([rule()]))
    with pytest.raises(ConfigError, match="more than 3 folder levels below") as err:
        resolve_pack_dirs([tmp_path])
    assert str(deep / "pack.yaml") in str(err.value)
    assert resolve_pack_dirs([deep]) == [deep]  # named, it is found


def test_a_fixture_expectation_naming_a_missing_file_is_an_error(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "fixtures").mkdir()
    expect = pack / "fixtures" / "eu.vcf.expect.yaml"
    expect.write_text(
        "# expectations\nfile: eu-phone.vcf\ncontacts:\n  - {index: 0, class: business}\n",
        encoding="utf-8",
    )
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{expect}:2: file: 'eu-phone.vcf' does not exist")


def _pack_with_expectation(tmp_path: Path, contacts: str) -> tuple[Path, Path]:
    """The test pack with a one-card fixture and its expectation (``contacts:`` items)."""
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "fixtures").mkdir()
    (pack / "fixtures" / "eu.vcf").write_text("BEGIN:VCARD\nEND:VCARD\n", encoding="utf-8")
    expect = pack / "fixtures" / "eu.vcf.expect.yaml"
    expect.write_text(f"file: eu.vcf\ncontacts:\n{contacts}", encoding="utf-8")
    return pack, expect


def test_a_fixture_expectation_naming_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    # A misspelt not_fire or todo could never fail.
    pack, expect = _pack_with_expectation(
        tmp_path,
        "  - index: 0\n    fire: [ACME-SECRET-001]\n"
        "    not_fire: [ACME-SECRET-009, CORE-PHONE-001]\n    todo: [ACME-NOPE-001]\n",
    )
    assert problems_of(pack) == [
        f"{expect}:5: not_fire: no rule ACME-SECRET-009",
        f"{expect}:6: todo: no rule ACME-NOPE-001",
    ]


def test_a_fixture_expectation_naming_a_rule_twice_for_one_contact_is_an_error(
    tmp_path: Path,
) -> None:
    # fire and todo for the same rule passed (the todo only said "now fires"); a rule
    # cannot both fire and not. Another contact may name it under another key.
    pack, expect = _pack_with_expectation(
        tmp_path,
        "  - index: 0\n    fire: [ACME-SECRET-001]\n    todo: [ACME-SECRET-001]\n"
        "  - index: 1\n    not_fire: [CORE-PHONE-001]\n    fire: [CORE-PHONE-001]\n"
        "  - index: 2\n    fire: [ACME-SECRET-001]\n    not_fire: [CORE-PHONE-001]\n",
    )
    assert problems_of(pack) == [
        f"{expect}:5: todo: ACME-SECRET-001 is also under fire for this contact: it must "
        "fire there and should fire but does not yet here; keep one",
        f"{expect}:7: not_fire: CORE-PHONE-001 is also under fire for this contact: it must "
        "fire there and must not fire here; keep one",
    ]


def test_a_misspelt_key_names_the_one_meant(tmp_path: Path) -> None:
    name, text = rule()
    pack = make_pack(tmp_path / "acme", {name: text.replace("severity: high", "severty: high")})
    (problem,) = problems_of(pack)  # not also "'severity' is a required property"
    assert problem.endswith(":5: unknown key 'severty' (did you mean 'severity'?)")


def test_a_key_both_misspelt_and_missing_keeps_the_other_missing_key(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace("severity: high", "severty: high").replace("category: credential\n", "")
    problems = problems_of(make_pack(tmp_path / "acme", {name: text}))
    assert len(problems) == 2, problems
    assert any("'category' is a required property" in p for p in problems)


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("id: X\n\tname: y\n", 2, "(indent with spaces, not tabs)"),
        ("id: X\nname: y\n  severity: high\n", 3, "(check the indentation of this line"),
    ],
)
def test_yaml_mistakes_come_with_a_hint(tmp_path: Path, text: str, line: int, hint: str) -> None:
    pack = make_pack(tmp_path / "acme", {"ACME-X-001-x.yaml": text})
    problems = [p for p in problems_of(pack) if "invalid YAML" in p]
    assert problems and problems[0].startswith(f"{pack / 'ACME-X-001-x.yaml'}:{line}: ")
    assert hint in problems[0]


def test_a_rule_file_saved_as_shift_jis_says_to_save_it_as_utf8(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme")
    (pack / "ACME-X-001-x.yaml").write_bytes("id: X\nname: 顧客\n".encode("cp932"))
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / 'ACME-X-001-x.yaml'}:2: not UTF-8 text (save the file")


def test_yaml_files_nothing_reads_are_errors(tmp_path: Path) -> None:
    # Saved as .yml or moved into a subfolder, a rule silently did not run while
    # validate and test passed.
    name, text = rule(id="ACME-OTHER-002", name="other")
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / name.replace(".yaml", ".yml")).write_text(text, encoding="utf-8")
    (pack / "contact").mkdir()
    (pack / "contact" / name).write_text(text, encoding="utf-8")
    (pack / "data" / "old").mkdir(parents=True)
    (pack / "data" / "old" / "words.yaml").write_text("list: x\n", encoding="utf-8")
    (pack / ".github").mkdir()
    (pack / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (pack / "mkdocs.yml").write_text("site_name: rules\n", encoding="utf-8")  # not a pack file
    (pack / "docs").mkdir()
    (pack / "docs" / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    inner = make_pack(pack / "more" / "inner", dict([rule(id="ACME-MORE-001", name="more")]))
    problems = sorted(p.removeprefix(str(pack) + "/") for p in problems_of(pack))
    assert [p.split(": ")[0] for p in problems] == [
        "ACME-OTHER-002-other.yml",
        "contact/ACME-OTHER-002-other.yaml",
        "data/old/words.yaml",
    ], problems
    assert "rename it to ACME-OTHER-002-other.yaml" in problems[0]
    assert "a pack's rules sit in its folder" in problems[1]
    assert problems_of(inner) == []


@pytest.mark.parametrize("override", ["", "override: true\n"])
def test_one_rule_id_twice_in_one_pack_is_an_error_even_with_override(
    tmp_path: Path, override: str
) -> None:
    _, text = rule()
    _, twin = rule(extra=override)
    pack = make_pack(tmp_path / "acme", {"ACME-SECRET-001-acme-secret.yaml": text})
    (pack / "ACME-SECRET-001-acme-secret2.yaml").write_text(twin, encoding="utf-8")
    problems = [p for p in problems_of(pack) if "duplicate rule id" in p]
    assert len(problems) == 1, problems_of(pack)
    assert "duplicate rule id ACME-SECRET-001 in this pack" in problems[0]


def test_a_list_override_that_replaces_nothing_is_an_error(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "data").mkdir()
    (pack / "data" / "words.yaml").write_text(
        "list: work-lables\noverride: true\ndescription: ours\nitems: [貸出端末]\n",
        encoding="utf-8",
    )
    assert problems_of(pack) == [
        f"{pack / 'data' / 'words.yaml'}:2: override: true but no earlier data list "
        "'work-lables' to override"
    ]


def test_what_a_japanese_ime_types_for_yaml_is_named_at_its_line(tmp_path: Path) -> None:
    name, text = rule()
    colon = make_pack(tmp_path / "colon", {name: text.replace("severity: high", "severity： high")})
    (problem,) = problems_of(colon)
    # PyYAML trips on the next line; the problem is where the full-width colon was typed.
    assert problem.endswith(
        ":5: invalid YAML: could not find expected ':' "
        "(a key ends with a half-width ':', not the full-width '：')"
    )
    indented = text.replace("  - regex:", "  -\u3000regex:").replace(
        "message: {", "\u3000message: {"
    )
    problems = problems_of(make_pack(tmp_path / "indent", {name: indented}))
    assert any("indented with full-width spaces" in p for p in problems), problems


@pytest.mark.parametrize(
    ("typed", "read_as", "advice"),
    [
        ("no", "False", "quote the word, e.g. 'no'"),
        ("010", "8", "quote it as written: '010'"),
        ("~", "None", "fill it in, or quote it: 'null'"),
    ],
)
def test_a_word_yaml_reads_as_another_type_is_explained(
    tmp_path: Path, typed: str, read_as: str, advice: str
) -> None:
    """``severity: no`` said only "False is not one of": the author never wrote False."""
    name, text = rule()
    text = text.replace("severity: high", f"severity: {typed}")
    assert f"severity: {typed}" in text
    pack = make_pack(tmp_path / "acme", {name: text})
    (problem,) = problems_of(pack)
    assert f"severity: {read_as} is not one of: info, low, medium, high, critical" in problem
    assert advice in problem


def test_a_list_word_yaml_reads_as_a_boolean_is_explained(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace('references: ["test"]', "references: [on]")
    pack = make_pack(tmp_path / "acme", {name: text})
    problems = problems_of(pack)
    assert problems, "tags: [on] must not pass: YAML read it as true"
    assert any("True is not of type 'string'" in p and "'no'" in p for p in problems), problems


def test_a_quoted_word_is_text_and_needs_no_advice(tmp_path: Path) -> None:
    name, text = rule(category="no")
    pack = make_pack(tmp_path / "acme", {name: text.replace("category: no", "category: 'no'")})
    (problem,) = problems_of(pack)
    assert "'no' is not one of" in problem
    assert "YAML reads" not in problem


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        # a cases file named .case.yaml: one problem naming the right suffix
        (
            "ACME-SECRET-001-acme-secret.case.yaml",
            "rule: ACME-SECRET-001\nmatch: []\n",
            ".cases.yaml",
        ),
        ("words.yaml", "list: acme-words\nitems: [a]\n", "data/ folder"),
        ("notes.yaml", "owner: compliance team\n", "not a rule (no 'id', no 'detect')"),
    ],
)
def test_a_file_that_is_plainly_no_rule_is_named_for_what_it_is(
    tmp_path: Path, name: str, text: str, says: str
) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / name).write_text(text, encoding="utf-8")
    problems = problems_of(pack)
    assert len(problems) == 1 and problems[0].startswith(f"{pack / name}:1: ")
    assert says in problems[0]
