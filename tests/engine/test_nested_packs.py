"""A pack inside another pack's folder is a pack of its own, for every command (QA round 12).

``rules validate``, ``rules test``, ``scan --pack``, the profile's ``packs:`` and the
pre-commit hooks (``rules validate .``) share one search, so a subsidiary's pack in
``rules/hoshizora/de/`` is found, checked and loaded by all of them, right after the
pack around it. A rule file in a pack's subfolder stops them all, as validate says.
All companies, numbers and names are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.hostile.run import invoke
from typer.testing import CliRunner

from engine.packs import PACK_YAML, make_pack, rule
from piiaudit.cli.rules import app
from piiaudit.engine.packsearch import PACK_SEARCH_DEPTH, pack_dirs_under
from piiaudit.exitcodes import ExitCode

runner = CliRunner()
CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 一郎\r\nNOTE:ACME-SECRET 42\r\nEND:VCARD\r\n"


def _cases(pack: Path, rule_id: str = "ACME-SECRET-001", name: str = "acme-secret") -> None:
    (pack / f"{rule_id}-{name}.cases.yaml").write_text(
        f"rule: {rule_id}\n"
        "match:\n  - {name: found, contact: {class: business, note: ['ACME-SECRET 7']}}\n"
        "no_match:\n  - {name: absent, contact: {class: business, note: ['ACME 7']}}\n",
        encoding="utf-8",
    )


def _sub_pack_yaml(pack_id: str) -> str:
    return PACK_YAML.replace("id: acme", f"id: {pack_id}")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """``rules/acme/`` with a valid rule, and ``rules/acme/de/``, a pack of its own that
    overrides the parent's rule with low severity."""
    outer = make_pack(tmp_path / "rules" / "acme", dict([rule()]))
    _cases(outer)
    name, text = rule(extra="override: true\n")
    inner = make_pack(outer / "de", {name: text.replace("severity: high", "severity: low")})
    (inner / "pack.yaml").write_text(_sub_pack_yaml("acme-de"), encoding="utf-8")
    _cases(inner)
    (tmp_path / "card.vcf").write_text(CARD, encoding="utf-8", newline="")
    return tmp_path


@pytest.mark.parametrize("where", [".", "rules", "rules/acme"])
def test_a_nested_pack_is_found_after_the_pack_around_it(repository: Path, where: str) -> None:
    rules = repository / "rules" / "acme"
    assert pack_dirs_under(repository / where) == [rules, rules / "de"]


def test_a_broken_nested_pack_fails_validate_and_test(repository: Path) -> None:
    inner = repository / "rules" / "acme" / "de" / "ACME-SECRET-001-acme-secret.yaml"
    inner.write_text(inner.read_text(encoding="utf-8").replace("severity: low", "severity: hihg"))
    result = runner.invoke(app, ["validate", str(repository)])
    assert result.exit_code == ExitCode.FINDINGS
    assert f"{inner}:5: severity: 'hihg' is not one of" in result.output
    assert runner.invoke(app, ["test", str(repository)]).exit_code == ExitCode.USAGE
    scan = invoke("scan", str(repository / "card.vcf"), "--pack", str(repository / "rules"))
    assert scan.exit_code == 2 and "hihg" in scan.stderr


def test_a_nested_pack_loads_and_overrides_its_parent_in_every_command(repository: Path) -> None:
    result = runner.invoke(app, ["validate", str(repository / "rules")])
    assert result.exit_code == ExitCode.OK, result.output
    assert "2 packs valid" in result.output and "acme-de (" in result.output
    tested = runner.invoke(app, ["test", str(repository / "rules")])
    assert tested.exit_code == ExitCode.OK, tested.output
    assert "6 passed" in tested.output  # the override's examples and both packs' cases
    scan = invoke(
        "scan", str(repository / "card.vcf"), "--pack", str(repository / "rules"), "-f", "json"
    )
    assert scan.exit_code == 0, scan.stderr
    (finding,) = [f for c in scan.json["contacts"] for f in c["findings"]]
    assert (finding["rule"], finding["severity"]) == ("ACME-SECRET-001", "low")


def test_the_profile_takes_a_folder_of_packs_as_pack_does(repository: Path) -> None:
    profile = repository / "piiaudit.yaml"
    profile.write_text("packs: [rules]\n", encoding="utf-8")
    listed = invoke("rules", "list", "--config", str(profile))
    assert listed.exit_code == 0, listed.stderr
    assert "ACME-SECRET-001\tacme-secret\tacme-de\t" in listed.stdout


def test_a_pack_nested_too_deep_to_be_found_is_named(tmp_path: Path) -> None:
    outer = make_pack(tmp_path / "acme", dict([rule()]))
    deep = outer.joinpath(*["sub"] * (PACK_SEARCH_DEPTH + 1))
    make_pack(deep, dict([rule(id="ACME-DEEP-001", name="deep")]), _sub_pack_yaml("deep"))
    result = runner.invoke(app, ["validate", str(outer)])
    assert result.exit_code == ExitCode.FINDINGS
    assert f"{deep / 'pack.yaml'}: not read: this pack sits more than" in result.output


def test_a_folder_whose_only_pack_is_too_deep_names_that_pack(tmp_path: Path) -> None:
    # Rule-pack author's round: "not a rule pack (no pack.yaml here ...)" while one sat
    # a level too deep; now it is named, as beside packs that are found.
    deep = (tmp_path / "rules").joinpath(*["sub"] * (PACK_SEARCH_DEPTH + 1))
    make_pack(deep, dict([rule()]))
    for command in ("validate", "test"):
        result = invoke("rules", command, str(tmp_path / "rules"))
        assert result.exit_code == 2
        assert f"{deep / 'pack.yaml'}: not read: this pack sits more than" in result.stderr


def test_a_rule_in_a_subfolder_stops_test_and_scan_as_it_fails_validate(tmp_path: Path) -> None:
    """It would silently not run: ``rules test`` passed with "no checks ran" and
    ``scan`` reported without it."""
    name, text = rule()
    pack = make_pack(tmp_path / "acme")
    (pack / "rules").mkdir()
    (pack / "rules" / name).write_text(text, encoding="utf-8")
    (tmp_path / "card.vcf").write_text(CARD, encoding="utf-8", newline="")
    message = "not read: a pack's rules sit in its folder"
    assert message in runner.invoke(app, ["validate", str(pack)]).output
    tested = invoke("rules", "test", str(pack))
    assert tested.exit_code == 2 and message in tested.stderr
    scan = invoke("scan", str(tmp_path / "card.vcf"), "--pack", str(pack))
    assert scan.exit_code == 2 and message in scan.stderr


def test_a_virtualenv_in_a_pack_repository_holds_no_packs(repository: Path) -> None:
    # Review 13: pip's copy of the shipped packs in a virtualenv beside the pack gave
    # "move it up" errors; a virtualenv is known by its pyvenv.cfg (review 14: a
    # company's own folder named env/ or build/ still holds packs).
    outer = repository / "rules" / "acme"
    venv = outer / "venv"
    make_pack(venv / "lib" / "python3.11" / "site-packages" / "x", dict([rule()]))
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    name, text = rule(id="ACME-UNIT-001", name="acme-unit")
    unit = make_pack(repository / "rules" / "build" / "unit", {name: text})
    (unit / "pack.yaml").write_text(_sub_pack_yaml("acme-unit"), encoding="utf-8")
    assert pack_dirs_under(repository / "rules") == [outer, outer / "de", unit]
    result = runner.invoke(app, ["validate", str(repository / "rules")])
    assert result.exit_code == ExitCode.OK, result.output
