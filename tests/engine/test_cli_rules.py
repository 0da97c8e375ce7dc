"""``piiaudit rules list | validate | test`` from the command line: output and exit codes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.packs import PACK_YAML, make_pack, rule
from piiaudit.cli.rules import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()


def test_validate_the_shipped_packs() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "3 packs valid" in result.output


def test_validate_reports_each_error_with_file_and_line_and_exits_1(tmp_path: Path) -> None:
    name, text = rule(pattern="(?<=x)y", extra="colour: red\n")
    pack = make_pack(tmp_path / "acme", {name: text})
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == ExitCode.FINDINGS
    assert f"{pack / name}:" in result.output
    assert "unknown key 'colour'" in result.output
    assert "2 problems in 1 pack\n" in result.output  # not "1 pack(s)" (UX review)
    assert "Traceback" not in result.output


def test_validate_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == ExitCode.USAGE


def test_list_shows_rules_and_their_pack() -> None:
    result = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    assert result.exit_code == ExitCode.OK, result.output
    assert "JP-MYNUM-001" in result.output
    assert "gdpr" in result.output


def _passing_cases(pack: Path) -> None:
    """The test pack's rule with a case file it passes."""
    (pack / "ACME-SECRET-001-acme-secret.cases.yaml").write_text(
        "rule: ACME-SECRET-001\n"
        "match:\n  - {name: found, contact: {note: ['ACME-SECRET 7']}}\n"
        "no_match:\n  - {name: absent, contact: {note: ['ACME 7']}}\n",
        encoding="utf-8",
    )


def test_test_passes_on_a_good_pack_and_writes_junit(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    _passing_cases(pack)
    junit = tmp_path / "junit.xml"
    result = runner.invoke(app, ["test", str(pack), "--junit", str(junit)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "pass ACME-SECRET-001" in result.output
    root = ET.parse(junit).getroot()
    cases = root.findall(".//testcase")
    assert len(cases) == 4  # two examples, two cases
    assert not root.findall(".//failure")
    assert junit.stat().st_mode & 0o777 == 0o600


def test_junit_replaces_an_earlier_report_but_never_a_rule_file(tmp_path: Path) -> None:
    # Security review, QA round 7: --junit wrote XML over the pack's own rule file.
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    _passing_cases(pack)
    rule_file = next(pack.glob("ACME-*.yaml"))
    before = rule_file.read_bytes()
    result = runner.invoke(app, ["test", str(pack), "--junit", str(rule_file)])
    assert result.exit_code == ExitCode.USAGE
    assert "is not a JUnit report" in result.output
    assert rule_file.read_bytes() == before
    junit = tmp_path / "junit.xml"
    for _ in range(2):  # a CI job runs again into its own report
        result = runner.invoke(app, ["test", str(pack), "--junit", str(junit)])
        assert result.exit_code == ExitCode.OK, result.output
    assert ET.parse(junit).getroot().tag == "testsuites"


def test_test_fails_with_exit_1_when_a_case_fails(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "ACME-SECRET-001-acme-secret.cases.yaml").write_text(
        "rule: ACME-SECRET-001\n"
        "match:\n  - {name: wrongly expected, contact: {note: ['nothing']}}\n"
        "no_match:\n  - {name: absent, contact: {note: ['ACME 7']}}\n",
        encoding="utf-8",
    )
    junit = tmp_path / "junit.xml"
    result = runner.invoke(app, ["test", str(pack), "--junit", str(junit)])
    assert result.exit_code == ExitCode.FINDINGS
    assert "FAIL ACME-SECRET-001" in result.output
    assert "wrongly expected" in result.output
    assert len(ET.parse(junit).getroot().findall(".//failure")) == 1


def test_a_rule_without_cases_fails_the_run(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    result = runner.invoke(app, ["test", str(pack)])
    assert result.exit_code == ExitCode.FINDINGS
    assert "missing ACME-SECRET-001-acme-secret.cases.yaml" in result.output


def test_shipped_packs_pass_with_todos_reported(tmp_path: Path) -> None:
    result = runner.invoke(app, ["test"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "todo" in result.output  # known gaps are listed, not failed


def test_test_can_use_the_company_profile(tmp_path: Path) -> None:
    name, text = rule()
    text = text.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        "  - keywords: {lists: ['profile:company.names'], fields: [organizations]}",
    ).replace('note: ["ACME-SECRET 42"]', "org: [ACME Trading]")
    pack = make_pack(tmp_path / "acme", {name: text})
    (pack / "ACME-SECRET-001-acme-secret.cases.yaml").write_text(
        "rule: ACME-SECRET-001\n"
        "match:\n  - {name: our company, contact: {org: [ACME Trading]}}\n"
        "no_match:\n  - {name: another, contact: {org: [Other Trading]}}\n",
        encoding="utf-8",
    )
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("company: {names: [ACME Trading]}\n", encoding="utf-8")
    assert runner.invoke(app, ["test", str(pack)]).exit_code == ExitCode.FINDINGS
    result = runner.invoke(app, ["test", str(pack), "--config", str(profile)])
    assert result.exit_code == ExitCode.OK, result.output


def test_mounts_as_a_sub_command() -> None:
    import typer

    root = typer.Typer()

    @root.callback()
    def _root() -> None:
        """The piiaudit root, as the lead mounts it."""

    root.add_typer(app, name="rules")
    result = runner.invoke(root, ["rules", "validate"])
    assert result.exit_code == ExitCode.OK, result.output
    assert runner.invoke(root, ["rules", "--help"]).exit_code == 0


def test_list_piped_prints_one_tab_separated_line_per_rule() -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["id", "name", "pack"]
    ids = [line.split("\t")[0] for line in lines[1:]]
    assert len(ids) == len(set(ids)) >= 60
    assert all(len(line.split("\t")) == 7 for line in lines)


def test_list_finds_the_folders_profile_and_test_reads_only_the_one_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As docs/rules.md says: a pack repository's checks do not depend on the folder.
    pack = make_pack(tmp_path / "rules" / "acme", dict([rule()]))
    _passing_cases(pack)
    (tmp_path / "piiaudit.yaml").write_text("disable: [ACME-SECRET-001]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = runner.invoke(app, ["list", "--pack", str(pack)])
    assert listed.exit_code == ExitCode.OK, listed.output
    assert "ACME-SECRET-001" not in listed.stdout
    tested = runner.invoke(app, ["test", str(pack)])
    assert tested.exit_code == ExitCode.OK, tested.output
    assert "ACME-SECRET-001" in tested.stdout and " 0 failed" in tested.stdout
    named = runner.invoke(app, ["test", str(pack), "--config", "piiaudit.yaml"])
    assert named.exit_code == ExitCode.FINDINGS
    assert "ACME-SECRET-001 is disabled by" in named.stdout


def test_a_fixture_naming_a_missing_file_fails_with_that_reason(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    _passing_cases(pack)
    (pack / "fixtures").mkdir()
    (pack / "fixtures" / "eu.vcf.expect.yaml").write_text(
        "file: eu-phone.vcf\ncontacts:\n  - {index: 0, class: business}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["test", str(pack)])
    assert result.exit_code == ExitCode.FINDINGS
    assert "file: 'eu-phone.vcf' does not exist" in result.output
    assert "file: file:" not in result.output
    assert "has only 0 contacts" not in result.output


def test_a_pack_that_does_not_load_still_writes_junit_naming_each_problem(tmp_path: Path) -> None:
    # QA round 4 B7: a YAML or schema mistake exited 2 with no JUnit file, so the CI
    # step uploading it showed nothing at all.
    name, text = rule(pattern="(?<=x)y", extra="colour: red\n")
    pack = make_pack(tmp_path / "acme", {name: text})
    junit = tmp_path / "junit.xml"
    result = runner.invoke(app, ["test", str(pack), "--junit", str(junit)])
    assert result.exit_code == ExitCode.USAGE
    failures = ET.parse(junit).getroot().findall(".//testcase/failure")
    messages = [f.get("message") or f.text or "" for f in failures]
    assert len(messages) == 2
    assert any("unknown key 'colour'" in m for m in messages)
    assert junit.stat().st_mode & 0o777 == 0o600


def test_a_pack_with_nothing_to_test_says_so(tmp_path: Path) -> None:
    # QA round 4 B7: a pack that only overrides a shipped list printed "0 passed, 0
    # failed" like a clean run.
    pack = make_pack(tmp_path / "acme")
    (pack / "data").mkdir()
    (pack / "data" / "labels.yaml").write_text(
        "list: work-labels\ndescription: ours\noverride: true\nitems: [work, Büro]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["test", str(pack)], env={"COLUMNS": "200"})
    assert result.exit_code == ExitCode.OK, result.output
    assert "0 passed, 0 failed" in result.stdout
    # on stderr with the program's name, as every other warning (UX review)
    assert "piiaudit: warning: no checks ran" in result.stderr


def test_a_junit_file_in_a_missing_folder_is_refused_before_anything_runs(tmp_path: Path) -> None:
    # UX review: every test ran first, then the run stopped with exit 2 and no summary.
    result = runner.invoke(app, ["test", "--junit", str(tmp_path / "nope" / "j.xml")])
    assert result.exit_code == ExitCode.USAGE
    assert "output directory does not exist" in result.stderr
    assert "passed" not in result.stdout


def test_validate_writes_junit_with_a_failed_test_per_problem(tmp_path: Path) -> None:
    name, text = rule(pattern="(?<=x)y", extra="colour: red\n")
    bad = make_pack(tmp_path / "acme", {name: text})
    good = make_pack(
        tmp_path / "other",
        dict([rule(id="OTHER-SECRET-001", name="s")]),
        pack_yaml=PACK_YAML.replace("id: acme", "id: other"),
    )
    junit = tmp_path / "validate.xml"
    result = runner.invoke(app, ["validate", str(bad), str(good), "--junit", str(junit)])
    assert result.exit_code == ExitCode.FINDINGS
    root = ET.parse(junit).getroot()
    failures = root.findall(".//failure")
    assert len(failures) == 2 and all(str(bad / name) in (f.text or "") for f in failures)
    passed = [c for c in root.findall(".//testcase") if c.find("failure") is None]
    assert [c.get("name") for c in passed] == ["other"]  # the good pack, by its name
    assert junit.stat().st_mode & 0o777 == 0o600
