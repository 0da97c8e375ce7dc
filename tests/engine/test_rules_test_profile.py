"""``rules test --config`` uses the whole profile, as ``rules list`` and ``scan`` do
(QA round 12, F3): its ``packs:`` are loaded (and a missing one refused), and a rule it
disables is named as disabled, not as "not loaded". All data is fictional.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.run import invoke

from engine.packs import PACK_YAML, make_pack, rule


def _pack_with_cases(root: Path) -> Path:
    pack = make_pack(root, dict([rule()]))
    (pack / "ACME-SECRET-001-acme-secret.cases.yaml").write_text(
        "rule: ACME-SECRET-001\n"
        "match:\n  - {name: found, contact: {note: ['ACME-SECRET 7']}}\n"
        "no_match:\n  - {name: absent, contact: {note: ['ACME 7']}}\n",
        encoding="utf-8",
    )
    return pack


def _fixture(pack: Path) -> None:
    """A one-card export whose expectation is that ACME-SECRET-001 fires."""
    (pack / "fixtures").mkdir()
    (pack / "fixtures" / "a.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 一郎\r\nNOTE:ACME-SECRET 42\r\nEND:VCARD\r\n",
        encoding="utf-8",
        newline="",
    )
    (pack / "fixtures" / "a.vcf.expect.yaml").write_text(
        "file: a.vcf\ncontacts:\n  - {index: 0, fire: [ACME-SECRET-001]}\n", encoding="utf-8"
    )


def test_a_missing_pack_folder_in_the_profile_is_refused(tmp_path: Path) -> None:
    pack = _pack_with_cases(tmp_path / "acme")
    profile = tmp_path / "bad.yaml"
    profile.write_text("packs: [./nonexistent]\n", encoding="utf-8")
    run = invoke("rules", "test", "--config", str(profile), str(pack))
    assert run.exit_code == 2
    assert f"{profile}:1: packs: ./nonexistent is not a rule pack" in run.stderr
    listed = invoke("rules", "list", "--config", str(profile))
    assert listed.exit_code == 2 and "./nonexistent is not a rule pack" in listed.stderr


def test_without_a_path_the_profile_packs_are_tested(tmp_path: Path) -> None:
    _pack_with_cases(tmp_path / "rules" / "acme")
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("packs: [rules]\n", encoding="utf-8")
    run = invoke("rules", "test", "--config", str(profile))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "pass ACME-SECRET-001" in run.stdout
    assert "JP-MYNUM-001" not in run.stdout  # the shipped packs are loaded, not tested


def test_the_profile_packs_are_loaded_when_a_pack_is_named(tmp_path: Path) -> None:
    """A named pack's fixture may expect a rule that the profile's pack brings."""
    _pack_with_cases(tmp_path / "company")
    fixtures_only = make_pack(tmp_path / "other", pack_yaml=PACK_YAML.replace("acme", "other"))
    _fixture(fixtures_only)
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("packs: [company]\n", encoding="utf-8")
    without = invoke("rules", "test", str(fixtures_only))
    assert without.exit_code == 1 and "ACME-SECRET-001 did not fire" in without.stdout
    run = invoke("rules", "test", "--config", str(profile), str(fixtures_only))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "pass a.vcf" in run.stdout


def test_a_rule_the_profile_disables_is_named_as_disabled(tmp_path: Path) -> None:
    pack = _pack_with_cases(tmp_path / "acme")
    _fixture(pack)
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("region: JP\ndisable:\n  - ACME-SECRET-001\n", encoding="utf-8")
    run = invoke("rules", "test", str(pack), "--config", str(profile))
    assert run.exit_code == 1
    assert f"ACME-SECRET-001 is disabled by {profile}:3, so its cases cannot run" in run.stdout
    assert f"ACME-SECRET-001 did not fire (it is disabled by {profile}:3)" in run.stdout
    assert "is loaded" not in run.stdout


def test_validate_with_the_profile_checks_the_packs_it_names(tmp_path: Path) -> None:
    """``rules validate -c`` as ``rules test -c``: the profile's packs without a path."""
    broken = make_pack(tmp_path / "acme", dict([rule(category="secrets")]))
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text(f"packs: [{broken.name}]\n", encoding="utf-8")
    run = invoke("rules", "validate", "--config", str(profile))
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "'secrets' is not one of" in run.stdout
    (broken / "ACME-SECRET-001-acme-secret.yaml").write_text(rule()[1], encoding="utf-8")
    run = invoke("rules", "validate", "--config", str(profile))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "1 pack valid: acme" in run.stdout


def test_validate_refuses_a_broken_profile_as_a_configuration_error(tmp_path: Path) -> None:
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("region: NO\n", encoding="utf-8")  # Norway, read by YAML as false
    run = invoke("rules", "validate", "--config", str(profile))
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "region: False is not of type 'string'" in run.stderr
    assert "quote the word" in run.stderr


def test_a_profile_without_packs_tests_the_shipped_cases_as_written(tmp_path: Path) -> None:
    # QA docs walk: "rules test --config piiaudit.yaml" with the shipped example profile
    # (its own company names and customer domains, packs: []) ran the shipped cases
    # against that company, not the fictional one they are written for: 3 failed.
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text(
        "company: {names: [ACME Corporation, ACME], domains: [acme.example.com]}\n"
        "customer_domains: [customer-x.example.com]\n"
        "packs: []\n",
        encoding="utf-8",
    )
    # Without --with-shipped, as the QA ran it: a profile without packs names the shipped
    # ones, and --with-shipped takes the same path (_shipped_checks with the test profile).
    run = invoke("rules", "test", "--config", str(profile))
    assert run.exit_code == 0, run.stdout[-2000:]
    assert " 0 failed" in run.stdout
