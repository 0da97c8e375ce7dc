"""``rules validate --config`` reports a profile whose ``disable:``, ``severity:`` or
``suppress:`` names no rule, as ``rules test``, ``rules list`` and ``scan`` stop on it
(QA round 19: validate passed such a profile). All data is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.packs import make_pack, rule
from piiaudit.cli.rules import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()

CASES = (
    "rule: ACME-SECRET-001\n"
    "match:\n  - {name: found, contact: {note: ['ACME-SECRET 7']}}\n"
    "no_match:\n  - {name: absent, contact: {note: ['ACME 7']}}\n"
)


def _repo(tmp_path: Path, profile_tail: str) -> Path:
    """A rule-pack repository: ``rules/acme`` and a profile naming it."""
    pack = make_pack(tmp_path / "rules" / "acme", dict([rule()]))
    (pack / "ACME-SECRET-001-acme-secret.cases.yaml").write_text(CASES, encoding="utf-8")
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text(
        "company: {names: [Sample Shoji Co., Ltd.]}\npacks: [./rules]\n" + profile_tail,
        encoding="utf-8",
    )
    return profile


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ("disable: [CORE-PHOTO-001, ACME-SECRET-002]\n", "3: disable: no rule ACME-SECRET-002"),
        ("severity: {ACME-SECRET-009: low}\n", "3: severity: no rule ACME-SECRET-009"),
        (
            "suppress:\n  - {rule: ACME-SECRET-002, contact: '*', reason: ticket 42}\n",
            "4: suppress: no rule ACME-SECRET-002",
        ),
    ],
)
def test_validate_config_reports_what_every_other_command_stops_on(
    tmp_path: Path, tail: str, message: str
) -> None:
    profile = _repo(tmp_path, tail)
    expected = f"piiaudit: error: {profile}:{message}"
    for command in (["validate"], ["test"], ["list"]):
        result = runner.invoke(app, [*command, "--config", str(profile)])
        assert result.exit_code == ExitCode.USAGE, (command, result.output)
        assert expected in result.stderr, (command, result.stderr)
    # Paths given as well: the profile's packs still load, as scan loads them.
    result = runner.invoke(app, ["validate", "--config", str(profile), str(tmp_path / "rules")])
    assert result.exit_code == ExitCode.USAGE
    assert expected in result.stderr


def test_validate_config_passes_a_profile_naming_its_packs_rules(tmp_path: Path) -> None:
    profile = _repo(tmp_path, "disable: [ACME-SECRET-001]\nseverity: {CORE-PHONE-001: high}\n")
    result = runner.invoke(app, ["validate", "--config", str(profile)])
    assert result.exit_code == ExitCode.OK, result.output
    other = tmp_path / "other"
    make_pack(
        other,
        dict([rule(id="OTHER-SECRET-001")]),
        pack_yaml="id: other\nversion: '1'\ndescription: {en: Other, ja: 別}\n",
    )
    # The profile's packs load before a path named: its disable of their rule is no typo.
    result = runner.invoke(app, ["validate", "--config", str(profile), str(other)])
    assert "no rule" not in result.output, result.output


def test_the_packs_problems_come_first_then_the_profile_error(tmp_path: Path) -> None:
    profile = _repo(tmp_path, "disable: [ACME-SECRET-002]\n")
    broken = tmp_path / "rules" / "acme" / "ACME-SECRET-001-acme-secret.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--config", str(profile)])
    assert result.exit_code == ExitCode.USAGE
    assert "unknown key 'colour'" in result.stdout
    assert f"{profile}:3: disable: no rule ACME-SECRET-002" in result.stderr


def test_a_rule_whose_file_is_broken_is_not_also_unknown_to_the_profile(tmp_path: Path) -> None:
    profile = _repo(tmp_path, "disable: [ACME-SECRET-001]\n")
    (tmp_path / "rules" / "acme" / "ACME-SECRET-001-acme-secret.yaml").write_text(
        "# to do\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", "--config", str(profile)])
    assert result.exit_code == ExitCode.FINDINGS, result.output
    assert "expected a mapping at the top of the file" in result.stdout
    assert "no rule" not in result.output
