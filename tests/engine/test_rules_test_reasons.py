"""``rules test``: a failing example or case points at its own line and says why the
rule did not fire (nothing matched, or which step dropped what was found)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from engine.packs import make_pack, rule
from piiaudit.cli.rules import app
from piiaudit.engine.testing import CaseResult, run_pack_tests
from piiaudit.exitcodes import ExitCode
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input

REGEX = "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}"


def _failures(pack: Path) -> list[CaseResult]:
    """The failing checks of ``pack`` other than its (absent) cases file."""
    return [r for r in run_pack_tests([pack]).failures if r.name != "cases file"]


def _employee_id_pack(tmp_path: Path, detect: str, note: str, extra: str = "") -> Path:
    name, text = rule(extra=extra)
    text = text.replace(REGEX, detect).replace("ACME-SECRET 42", note)
    return make_pack(tmp_path / "acme", {name: text})


def test_a_failing_example_points_at_its_own_line_and_names_the_placeholder_guard(
    tmp_path: Path,
) -> None:
    """The QA case: ACME-123456 is an ascending run, so the guard drops it."""
    detect = "  - regex: {pattern: 'ACME-[0-9]{6}', fields: [notes], kind: identifier}"
    pack = _employee_id_pack(tmp_path, detect, "顧客番号 ACME-123456")
    (failure,) = _failures(pack)
    text = (pack / "ACME-SECRET-001-acme-secret.yaml").read_text(encoding="utf-8")
    assert (
        failure.line
        == text.splitlines().index('  match: [{class: business, note: ["顧客番号 ACME-123456"]}]')
        + 1
    )
    assert failure.name == "example match[0]"
    assert "did not fire: the placeholder guard dropped ****-****** in notes[0]" in failure.message
    assert "as an ascending run of digits" in failure.message
    assert "set placeholder_guard: false" in failure.message


def test_the_cli_prints_the_example_line_and_the_reason(tmp_path: Path) -> None:
    detect = "  - regex: {pattern: 'ACME-[0-9]{6}', fields: [notes], kind: identifier}"
    pack = _employee_id_pack(tmp_path, detect, "ACME-123456")
    result = CliRunner().invoke(app, ["test", str(pack)])
    assert result.exit_code == ExitCode.FINDINGS
    rule_file = pack / "ACME-SECRET-001-acme-secret.yaml"
    assert f"{rule_file}:13: example match[0]: ACME-SECRET-001 did not fire: " in result.output
    assert "placeholder guard" in result.output


def test_a_validator_that_rejects_the_match_is_named(tmp_path: Path) -> None:
    detect = "  - regex: {pattern: '[0-9]{16}', fields: [notes], validators: [luhn]}"
    pack = _employee_id_pack(tmp_path, detect, "4000000000000001")
    (failure,) = _failures(pack)
    assert "matched" in failure.message
    assert "but validator luhn rejected it" in failure.message


def test_a_digit_boundary_that_refuses_the_match_is_named(tmp_path: Path) -> None:
    detect = "  - regex: {pattern: '[0-9]{4}', fields: [notes], boundary: digit}"
    pack = _employee_id_pack(tmp_path, detect, "ID 4321987")
    (failure,) = _failures(pack)
    assert "only inside a longer run" in failure.message
    assert "(boundary: digit)" in failure.message


def test_context_words_below_min_confidence_are_named(tmp_path: Path) -> None:
    extra = "hotwords:\n  lower: {words: [FAX], by: 0.6}\n"
    pack = _employee_id_pack(tmp_path, REGEX, "FAX ACME-SECRET 42", extra)
    (failure,) = _failures(pack)
    assert "confidence 0.40 (context words: -FAX) is below min_confidence 0.5" in failure.message


def test_a_class_the_rule_does_not_apply_to_is_named(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace("applies_to: [any]", "applies_to: [private]")
    pack = make_pack(tmp_path / "acme", {name: text})
    (failure,) = _failures(pack)
    assert "the contact is classified business and the rule applies to private" in (failure.message)


def test_a_pattern_that_finds_nothing_says_so(tmp_path: Path) -> None:
    pack = _employee_id_pack(tmp_path, REGEX, "ACME-SECRET without digits")
    (failure,) = _failures(pack)
    assert "did not fire: regex /ACME-SECRET [0-9]+/ on notes found nothing" in failure.message


def test_a_failing_case_of_a_cases_file_gives_the_reason_at_the_case_line(tmp_path: Path) -> None:
    detect = "  - regex: {pattern: 'ACME-[0-9]{6}', fields: [notes], kind: identifier}"
    pack = _employee_id_pack(tmp_path, detect, "ACME-740291")
    cases = pack / "ACME-SECRET-001-acme-secret.cases.yaml"
    cases.write_text(
        "rule: ACME-SECRET-001\n"
        "match:\n  - {name: real, contact: {note: ['ACME-740291']}}\n"
        "  - {name: filler, contact: {note: ['ACME-000000']}}\n"
        "no_match:\n  - {name: absent, contact: {note: ['ACME 7']}}\n",
        encoding="utf-8",
    )
    failures = [r for r in run_pack_tests([pack]).failures if r.path == str(cases)]
    (failure,) = failures
    assert (failure.name, failure.line) == ("match: filler", 4)
    assert "placeholder guard dropped" in failure.message
    assert "as one digit repeated" in failure.message


def test_a_composite_merged_into_another_says_so(tmp_path: Path) -> None:
    # Two composites of one category on one contact: the second's finding is merged into
    # the first's; "fires on the rules it names" misled, as every rule it names fired.
    base = rule()
    files = dict([base])
    for rule_id, needs in (
        ("ACME-COMBO-001", "ACME-SECRET-001"),
        ("ACME-COMBO-002", "ACME-COMBO-001"),
    ):
        name, text = rule(id=rule_id, name=rule_id.lower())
        files[name] = text.replace(REGEX, f"  - composite: {{all: [{needs}]}}")
    pack = make_pack(tmp_path / "acme", files)
    (failure,) = [f for f in _failures(pack) if "ACME-COMBO-002" in f.message]
    assert (
        "the rules it names fired, but one finding per value and category is kept "
        "and ACME-COMBO-001 reported it" in failure.message
    )


def test_a_no_match_case_that_fired_says_where_with_the_value_masked(tmp_path: Path) -> None:
    detect = "  - regex: {pattern: 'KY-[0-9]{6}', fields: [notes], kind: identifier}"
    pack = _employee_id_pack(tmp_path, detect, "KY-740291")
    cases = pack / "ACME-SECRET-001-acme-secret.cases.yaml"
    cases.write_text(
        "rule: ACME-SECRET-001\n"
        "match:\n  - {name: real, contact: {class: business, note: ['KY-740291']}}\n"
        "no_match:\n  - {name: a date, contact: {class: business, note: ['KY-202604']}}\n",
        encoding="utf-8",
    )
    (failure,) = [r for r in run_pack_tests([pack]).failures if r.path == str(cases)]
    assert "ACME-SECRET-001 fired on notes[0] (**-******)" in failure.message
    assert "202604" not in failure.message


def test_a_class_mismatch_in_a_fixture_lists_the_evidence(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme")
    (pack / "fixtures").mkdir()
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:母\r\nTEL;TYPE=CELL:090-1234-0001\r\nEND:VCARD\r\n"
    (pack / "fixtures" / "a.vcf").write_text(card, encoding="utf-8", newline="")
    (pack / "fixtures" / "a.vcf.expect.yaml").write_text(
        "file: a.vcf\ncontacts:\n  - {index: 0, name: mother, class: business}\n",
        encoding="utf-8",
    )
    (failure,) = run_pack_tests([pack], reader=_read).failures
    assert failure.message.startswith("class private, expected business (business 0, private ")
    assert "evidence: JP-CLASS-005 private 20 in names.formatted" in failure.message


def _read(path: Path) -> list[Contact]:
    with open_input(str(path), ParseOptions()) as parsed:
        return list(parsed.contacts)


def test_junit_names_a_problem_without_a_line_by_its_file_alone(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme")
    (pack / "data").mkdir()
    (pack / "data" / "words.yaml").write_bytes(b"list: acme-words\n" + b"#\n" * 1_100_000)
    junit = tmp_path / "junit.xml"
    result = CliRunner().invoke(app, ["test", str(pack), "--junit", str(junit)])
    assert result.exit_code == ExitCode.USAGE
    (failure,) = ET.parse(junit).iter("failure")
    assert failure.text == (
        f"{pack / 'data' / 'words.yaml'}: file is 2200017 bytes, over the 2097152-byte "
        "limit for YAML files"
    )
