"""What ``rules validate`` and ``rules test`` say about a pack's case files and fixtures
(QA round 19): they say the same, and nothing in ``fixtures/`` is skipped without a word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.packs import make_pack, rule
from piiaudit.cli.rules import app
from piiaudit.engine.testing import run_pack_tests
from piiaudit.engine.validate import validate_packs
from piiaudit.exitcodes import ExitCode
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input

runner = CliRunner()

CASES = (
    "rule: {id}\n"
    "match:\n  - {{name: found, contact: {{class: business, note: ['ACME-SECRET 7']}}}}\n"
    "no_match:\n  - {{name: absent, contact: {{class: business, note: ['ACME 7']}}}}\n"
)
EXPORT = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict\r\nNOTE:ACME-SECRET 7\r\nEND:VCARD\r\n"
EXPECT = "file: {file}\ncontacts:\n  - {{index: 0, fire: [ACME-SECRET-001, ACME-OTHER-001]}}\n"


def _read(path: Path) -> Iterator[Contact]:
    with open_input(str(path), ParseOptions()) as parsed:
        yield from parsed.contacts


def _pack(root: Path) -> Path:
    """Two rules, each with the cases it passes, and one fixture with its expectations."""
    pack = make_pack(
        root / "acme",
        dict([rule(), rule(id="ACME-OTHER-001", name="other", category="other_pii")]),
    )
    for stem, rule_id in (
        ("ACME-SECRET-001-acme-secret", "ACME-SECRET-001"),
        ("ACME-OTHER-001-other", "ACME-OTHER-001"),
    ):
        (pack / f"{stem}.cases.yaml").write_text(CASES.format(id=rule_id), encoding="utf-8")
    fixtures = pack / "fixtures"
    fixtures.mkdir()
    (fixtures / "phone.vcf").write_text(EXPORT, encoding="utf-8")
    (fixtures / "phone.vcf.expect.yaml").write_text(EXPECT.format(file="phone.vcf"), "utf-8")
    return pack


def _both(pack: Path) -> tuple[list[str], list[str]]:
    """What validate says, and the failures of rules test (``path: message``)."""
    validated = [str(p) for p in validate_packs([pack])]
    failures = run_pack_tests([pack], reader=_read).failures
    tested = [(f"{r.path}:{r.line}: " if r.line else f"{r.path}: ") + r.message for r in failures]
    return validated, tested


def test_the_test_pack_is_clean(tmp_path: Path) -> None:
    assert _both(_pack(tmp_path)) == ([], [])


def test_cases_naming_another_rule_fail_rules_test_as_validate(tmp_path: Path) -> None:
    # Copy-pasted cases whose rule: names the other rule: validate refused them, rules
    # test ran them against the other rule, passed, and never said this rule has none.
    pack = _pack(tmp_path)
    cases = pack / "ACME-SECRET-001-acme-secret.cases.yaml"
    cases.write_text(CASES.format(id="ACME-OTHER-001"), encoding="utf-8")
    expected = [
        f"{cases}:1: the cases name rule 'ACME-OTHER-001', but the file beside them is "
        "ACME-SECRET-001-acme-secret.yaml"
    ]
    assert _both(pack) == (expected, expected)
    result = runner.invoke(app, ["test", str(pack)])
    assert result.exit_code == ExitCode.FINDINGS, result.output


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "\n\n"])
@pytest.mark.parametrize("which", ["cases", "expect"])
def test_an_empty_side_file_is_expected_a_mapping_at_line_1(
    tmp_path: Path, text: str, which: str
) -> None:
    pack = _pack(tmp_path)
    if which == "cases":
        path = pack / "ACME-SECRET-001-acme-secret.cases.yaml"
    else:
        path = pack / "fixtures" / "phone.vcf.expect.yaml"
    path.write_text(text, encoding="utf-8")
    expected = [f"{path}:1: expected a mapping at the top of the file"]
    assert _both(pack) == (expected, expected)
    result = runner.invoke(app, ["test", str(pack)])
    assert f"{path}:1: load: expected a mapping at the top of the file" in result.output
    assert "None" not in result.output


def test_a_check_without_a_line_prints_no_none(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (pack / "fixtures" / "phone.vcf.expect.yaml").rename(pack / "fixtures" / "phone.vcf.expect.yml")
    result = runner.invoke(app, ["test", str(pack)])
    assert result.exit_code == ExitCode.FINDINGS
    assert ":None" not in result.output


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda f: (f / "phone.vcf.expect.yaml").rename(f / "phone.vcf.expect.yml"),
            "phone.vcf.expect.yml: not read: fixture expectations end in .expect.yaml; "
            "rename it to phone.vcf.expect.yaml",
        ),
        (
            lambda f: (f / "phone.vcf.expect.yaml").unlink(),
            "phone.vcf: not tested: no phone.vcf.expect.yaml beside it says what must "
            "happen to its contacts",
        ),
        (
            lambda f: (f / "notes.yaml").write_text("a: 1\n", encoding="utf-8"),
            "notes.yaml: not read: only <file>.expect.yaml files are read in fixtures/",
        ),
    ],
)
def test_a_fixture_file_nothing_reads_is_an_error(
    tmp_path: Path, change: object, message: str
) -> None:
    pack = _pack(tmp_path)
    fixtures = pack / "fixtures"
    change(fixtures)  # type: ignore[operator]
    expected = [f"{fixtures}/{message}"]
    assert _both(pack) == (expected, expected)
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == ExitCode.FINDINGS


def test_fixtures_in_a_subfolder_are_errors(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    fixtures = pack / "fixtures"
    (fixtures / "sub").mkdir()
    for name in ("phone.vcf", "phone.vcf.expect.yaml"):
        (fixtures / name).rename(fixtures / "sub" / name)
    moved = f"not read: nothing is read from subfolders of fixtures/; move it to {fixtures}"
    expected = [
        f"{fixtures}/sub/phone.vcf: {moved}",
        f"{fixtures}/sub/phone.vcf.expect.yaml: {moved}",
    ]
    assert _both(pack) == (expected, expected)


def test_an_export_named_by_an_expectation_elsewhere_is_tested(tmp_path: Path) -> None:
    # file: may name the export under another name, or in a subfolder: it is read then.
    pack = _pack(tmp_path)
    fixtures = pack / "fixtures"
    (fixtures / "sub").mkdir()
    (fixtures / "phone.vcf").rename(fixtures / "sub" / "phone.vcf")
    (fixtures / "phone.vcf.expect.yaml").write_text(EXPECT.format(file="sub/phone.vcf"), "utf-8")
    assert _both(pack) == ([], [])


def test_hidden_files_in_fixtures_are_left_alone(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (pack / "fixtures" / ".DS_Store").write_bytes(b"\0")
    (pack / "fixtures" / "README.md").write_text("fictional exports\n", encoding="utf-8")
    assert _both(pack) == ([], [])


def test_a_nul_in_a_fixtures_file_name_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # Review: "file: a\0b.vcf" in an expectation crashed validate and test (exit 70).
    pack = _pack(tmp_path)
    (pack / "fixtures" / "phone.vcf.expect.yaml").write_text(
        'file: "a\\0b.vcf"\ncontacts: []\n', encoding="utf-8"
    )
    for command in ("validate", "test"):
        result = CliRunner().invoke(app, [command, str(pack)])
        assert result.exit_code in (ExitCode.FINDINGS, ExitCode.USAGE), result.output
        assert "internal error" not in result.output + result.stderr
