"""Adding words to a shipped list without copying it, and running the shipped cases
against your changes (QA round 12, F2).

``override: true`` replaces a list: a company copy silently keeps the old items when
piiaudit ships new ones. ``extend: true`` adds items to the earlier list of that name,
so upgrades still reach the company. ``rules test --with-shipped`` runs the shipped
packs' own checks on an engine with your packs. All words are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.packs import PACK_YAML, make_pack, rule
from piiaudit.cli import rules as rules_cli
from piiaudit.cli.rules import app
from piiaudit.engine.casecontact import build_contact
from piiaudit.engine.testing import build_engine
from piiaudit.engine.validate import validate_packs
from piiaudit.exitcodes import ExitCode

runner = CliRunner()


@pytest.fixture
def without_gdpr_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    """--with-shipped runs the gdpr pack's cases too; these tests name jp and core rules,
    and the gdpr cases (half of all) took a minute of the CI's fifteen. The engine still
    loads every shipped pack: only which shipped cases run is narrowed."""
    every = rules_cli.shipped_pack_dirs
    monkeypatch.setattr(
        rules_cli, "shipped_pack_dirs", lambda: [d for d in every() if d.name != "gdpr"]
    )


OUR_TAG = "保守契約先"  # a customer tag of the fictional company, not in the shipped list


def _list_pack(root: Path, body: str, pack_yaml: str = PACK_YAML) -> Path:
    pack = make_pack(root, pack_yaml=pack_yaml)
    (pack / "data").mkdir()
    (pack / "data" / "tags.yaml").write_text(body, encoding="utf-8")
    return pack


def _tags(pack: Path) -> tuple[str, ...]:
    return build_engine([pack]).loaded.lists["jp-customer-tags"]


def test_extend_adds_items_and_keeps_every_shipped_one(tmp_path: Path) -> None:
    shipped = build_engine([]).loaded.lists["jp-customer-tags"]
    pack = _list_pack(
        tmp_path / "acme",
        f"list: jp-customer-tags\ndescription: ours\nextend: true\nitems: [{OUR_TAG}, 顧客]\n",
    )
    assert validate_packs([pack]) == []
    assert _tags(pack) == (*shipped, OUR_TAG)  # 顧客 is shipped already: not twice


def test_an_extended_list_reaches_the_rules_that_read_it(tmp_path: Path) -> None:
    pack = _list_pack(
        tmp_path / "acme",
        f"list: jp-customer-tags\ndescription: ours\nextend: true\nitems: [{OUR_TAG}]\n",
    )
    contact = build_contact({"name": "架空 花子", "note": [f"新しい{OUR_TAG}"]}, region="JP")
    before = build_engine([]).evaluate(contact)
    after = build_engine([pack]).evaluate(contact)
    assert "JP-CLASS-004" not in {r.rule for r in before.classification.reasons}
    assert "JP-CLASS-004" in {r.rule for r in after.classification.reasons}


def test_extend_with_nothing_to_extend_or_with_override_is_an_error(tmp_path: Path) -> None:
    lonely = _list_pack(
        tmp_path / "lonely", "list: acme-tags\ndescription: x\nextend: true\nitems: [a]\n"
    )
    assert [str(p) for p in validate_packs([lonely])] == [
        f"{lonely / 'data' / 'tags.yaml'}:3: extend: true but no earlier data list "
        "'acme-tags' to extend"
    ]
    both = _list_pack(
        tmp_path / "both",
        "list: jp-customer-tags\ndescription: x\noverride: true\nextend: true\nitems: [a]\n",
    )
    (problem,) = [str(p) for p in validate_packs([both])]
    assert problem.startswith(f"{both / 'data' / 'tags.yaml'}:4: override: true and extend: true")


def test_a_second_definition_names_both_ways_to_build_on_a_list(tmp_path: Path) -> None:
    pack = _list_pack(tmp_path / "acme", "list: jp-customer-tags\ndescription: x\nitems: [a]\n")
    (problem,) = [str(p) for p in validate_packs([pack])]
    assert "set override: true to replace it, or extend: true to add to it" in problem


@pytest.mark.usefixtures("without_gdpr_cases")
def test_with_shipped_runs_the_shipped_cases_against_an_override(tmp_path: Path) -> None:
    """The QA repro: an override of jp-customer-tags with one word passed its own tests
    and broke the shipped JP-CLASS-004, which only --with-shipped shows."""
    shrunk = _list_pack(
        tmp_path / "acme",
        f"list: jp-customer-tags\ndescription: x\noverride: true\nitems: [{OUR_TAG}]\n",
    )
    alone = runner.invoke(app, ["test", str(shrunk)])
    assert alone.exit_code == ExitCode.OK, alone.output
    shipped = runner.invoke(app, ["test", str(shrunk), "--with-shipped"])
    assert shipped.exit_code == ExitCode.FINDINGS
    assert "FAIL JP-CLASS-004" in shipped.output


@pytest.mark.usefixtures("without_gdpr_cases")
def test_with_shipped_passes_with_an_extension_and_skips_disabled_rules(tmp_path: Path) -> None:
    pack_yaml = PACK_YAML + "disable: [CORE-PHOTO-001]\n"
    pack = _list_pack(
        tmp_path / "acme",
        f"list: jp-customer-tags\ndescription: x\nextend: true\nitems: [{OUR_TAG}]\n",
        pack_yaml,
    )
    result = runner.invoke(app, ["test", str(pack), "--with-shipped"])
    assert result.exit_code == ExitCode.OK, result.output
    assert f"CORE-PHOTO-001 is disabled by {pack / 'pack.yaml'}" in result.output


@pytest.mark.usefixtures("without_gdpr_cases")
def test_an_own_rule_and_the_shipped_ones_run_together(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    (pack / "ACME-SECRET-001-acme-secret.cases.yaml").write_text(
        "rule: ACME-SECRET-001\n"
        "match:\n  - {name: found, contact: {note: ['ACME-SECRET 7']}}\n"
        "no_match:\n  - {name: absent, contact: {note: ['ACME 7']}}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["test", str(pack), "--with-shipped"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "pass ACME-SECRET-001" in result.output and "pass JP-MYNUM-001" in result.output
