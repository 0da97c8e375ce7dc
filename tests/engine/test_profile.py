"""``piiaudit.yaml``: discovery, every documented key, unknown keys, and what they change."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from engine.factories import customer, phone
from engine.packs import make_pack, rule
from piiaudit.engine import Engine, Profile, load_profile
from piiaudit.errors import ConfigError
from piiaudit.model import Severity

FULL = """company:
  names: [株式会社サンプル商事, "Sample Shoji Co., Ltd."]
  domains: [sample-shoji.example.co.jp]
region: JP
customer_domains: [customer-a.example.co.jp]
packs: [./company-rules]
disable: [CORE-PHOTO-001]
severity: {CORE-PHONE-001: high}
suppress:
  - rule: CORE-BDAY-001
    contact: "index:3"
    file: "*.vcf"
    reason: "birthday kept for the annual gift, approved"
csv:
  columns: {"顧客携帯": "phone:cell"}
scoring:
  severity_points: {medium: 30}
"""


def write_profile(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "piiaudit.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_profile_gives_defaults(tmp_path: Path) -> None:
    assert load_profile(None, tmp_path) == Profile()


def test_profile_is_found_in_a_parent_directory(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "region: US\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    profile = load_profile(None, deep)
    assert profile.source == path
    assert profile.region == "US"


def test_explicit_config_wins_and_must_exist(tmp_path: Path) -> None:
    write_profile(tmp_path, "region: US\n")
    other = write_profile(tmp_path / "other", "region: GB\n")
    assert load_profile(other, tmp_path).region == "GB"
    with pytest.raises(ConfigError, match="not found"):
        load_profile(tmp_path / "missing.yaml", tmp_path)


def test_every_documented_key_is_read(tmp_path: Path) -> None:
    profile = load_profile(write_profile(tmp_path, FULL), tmp_path)
    assert profile.company_names == ("株式会社サンプル商事", "Sample Shoji Co., Ltd.")
    assert profile.company_domains == ("sample-shoji.example.co.jp",)
    assert profile.customer_domains == ("customer-a.example.co.jp",)
    assert profile.packs == ((tmp_path / "company-rules").resolve(),)
    assert profile.disable == ("CORE-PHOTO-001",)
    assert profile.severity == {"CORE-PHONE-001": Severity.HIGH}
    (suppression,) = profile.suppress
    assert (suppression.rule, suppression.contact, suppression.file) == (
        "CORE-BDAY-001",
        "index:3",
        "*.vcf",
    )
    assert profile.csv_columns == {"顧客携帯": "phone:cell"}
    assert profile.scoring == {"severity_points": {"medium": 30}}


def test_unknown_key_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "region: JP\ncompany:\n  names: [A]\n  domain: [a.example]\n")
    with pytest.raises(ConfigError) as err:
        load_profile(path, tmp_path)
    assert str(err.value) == f"{path}:4: unknown key 'domain' (did you mean 'domains'?)"


def test_wrong_severity_and_missing_reason_are_errors(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "severity: {CORE-PHONE-001: urgent}\n")
    with pytest.raises(ConfigError, match=r":1: .*'urgent' is not one of"):
        load_profile(path, tmp_path)
    path = write_profile(tmp_path, "suppress:\n  - {rule: CORE-BDAY-001, contact: 'index:1'}\n")
    with pytest.raises(ConfigError, match=r":2: .*'reason' is a required property"):
        load_profile(path, tmp_path)


@pytest.mark.parametrize("reason", ["支給", "全員分", "approved"])
def test_a_reason_is_three_characters_or_two_japanese_ones(tmp_path: Path, reason: str) -> None:
    """QA hand-over: 支給 (issued by the company) is a whole reason in Japanese."""
    path = write_profile(tmp_path, f"suppress:\n  - {{rule: CORE-BDAY-001, reason: {reason}}}\n")
    assert load_profile(path, tmp_path).suppress[0].reason == reason


@pytest.mark.parametrize("reason", ["ok", "全", "a "])
def test_a_shorter_reason_is_refused_saying_what_is_wanted(tmp_path: Path, reason: str) -> None:
    path = write_profile(tmp_path, f"suppress:\n  - {{rule: CORE-BDAY-001, reason: '{reason}'}}\n")
    with pytest.raises(ConfigError, match=r":2: .* is not a reason of at least three characters"):
        load_profile(path, tmp_path)


def test_profile_pickles_for_worker_processes(tmp_path: Path) -> None:
    profile = load_profile(write_profile(tmp_path, FULL), tmp_path)
    assert pickle.loads(pickle.dumps(profile)) == profile


def test_disable_severity_and_suppress_change_the_results(tmp_path: Path) -> None:
    make_pack(tmp_path / "company-rules", dict([rule()]))
    engine = Engine.from_profile(load_profile(write_profile(tmp_path, FULL), tmp_path))
    ids = {r.id for r in engine.rule_infos()}
    assert "CORE-PHOTO-001" not in ids
    assert "ACME-SECRET-001" in ids  # the company pack, found relative to the profile

    c = customer(
        index=3,
        path="/exports/phone.vcf",
        phones=(phone("090-1234-5678", "cell"),),
        birthday="1970-01-01",
        photo=True,
    )
    result = engine.evaluate(c)
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["CORE-PHONE-001"].severity is Severity.HIGH
    assert "CORE-PHOTO-001" not in by_rule
    assert "CORE-BDAY-001" not in by_rule
    assert [f.rule for f in result.suppressed] == ["CORE-BDAY-001"]

    elsewhere = engine.evaluate(customer(index=3, path="/exports/phone.csv", birthday="1970-01-01"))
    assert "CORE-BDAY-001" in {f.rule for f in elsewhere.findings}  # the file glob does not match


def test_suppression_by_name_and_uid(tmp_path: Path) -> None:
    text = (
        "suppress:\n"
        "  - {rule: CORE-PHONE-001, contact: 'name:山田 太郎様', reason: 'own agreement on file'}\n"
        "  - {rule: CORE-PHONE-001, contact: 'uid:abc-1', reason: 'own agreement on file'}\n"
    )
    engine = Engine.from_profile(load_profile(write_profile(tmp_path, text), tmp_path))
    mobile = (phone("090-1234-5678", "cell"),)
    assert not engine.evaluate(customer(phones=mobile)).findings
    other = customer(name="佐藤 花子様", phones=mobile)
    assert engine.evaluate(other).findings
    assert not engine.evaluate(customer(name="佐藤 花子様", phones=mobile, uid="abc-1")).findings


def test_suppression_names_match_as_typed_and_file_globs_ignore_case(tmp_path: Path) -> None:
    # A name typed with an ideographic space, a glob typed in lower case: both are
    # how people write them, and a suppression that silently does not apply hides nothing.
    text = (
        "suppress:\n"
        "  - {rule: CORE-PHONE-001, contact: 'name:山田　太郎様', file: '*.vcf',"
        " reason: 'own agreement on file'}\n"
    )
    engine = Engine.from_profile(load_profile(write_profile(tmp_path, text), tmp_path))
    mobile = (phone("090-1234-5678", "cell"),)
    assert not engine.evaluate(customer(path="/exports/PHONE.VCF", phones=mobile)).findings
    assert engine.evaluate(customer(path="/exports/phone.csv", phones=mobile)).findings
    assert engine.evaluate(customer(name="山田 次郎様", phones=mobile)).findings


def test_a_config_that_is_a_folder_is_not_called_missing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="the configuration is not a regular file"):
        load_profile(tmp_path, tmp_path)
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_profile(tmp_path / "nope.yaml", tmp_path)


def test_disabling_an_unknown_rule_is_a_config_error(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "disable: [CORE-NOPE-001]\n")
    with pytest.raises(ConfigError, match="no rule CORE-NOPE-001"):
        Engine.from_profile(load_profile(path, tmp_path))


def test_company_pack_can_override_and_disable_shipped_rules(tmp_path: Path) -> None:
    quieter = rule(id="CORE-PHONE-001", name="personal-mobile", extra="override: true\n")
    pack_yaml = 'id: acme\nversion: "1"\ndescription: {en: x, ja: x}\ndisable: [CORE-PHOTO-001]\n'
    make_pack(tmp_path / "company-rules", dict([quieter]), pack_yaml=pack_yaml)
    engine = Engine.from_profile(
        load_profile(write_profile(tmp_path, "packs: [company-rules]\n"), tmp_path)
    )
    infos = {r.id: r for r in engine.rule_infos()}
    assert infos["CORE-PHONE-001"].pack == "acme"
    assert "CORE-PHOTO-001" not in infos
    result = engine.evaluate(customer(phones=(phone("090-1234-5678", "cell"),), photo=True))
    assert not result.findings


def test_a_profile_may_disable_a_rule_its_pack_disabled_already(tmp_path: Path) -> None:
    """docs/rules.md shows disable: [CORE-PHOTO-001] in a pack.yaml and in a profile;
    copying both stopped every command with "no rule CORE-PHOTO-001" (QA round 15)."""
    pack_yaml = 'id: acme\nversion: "1"\ndescription: {en: x, ja: x}\ndisable: [CORE-PHOTO-001]\n'
    make_pack(tmp_path / "company-rules", {}, pack_yaml=pack_yaml)
    profile = write_profile(
        tmp_path,
        "packs: [company-rules]\ndisable: [CORE-PHOTO-001]\nseverity: {CORE-PHOTO-001: high}\n",
    )
    engine = Engine.from_profile(load_profile(profile, tmp_path))
    assert "CORE-PHOTO-001" not in {r.id for r in engine.rule_infos()}
    assert not engine.evaluate(customer(photo=True)).findings
    typo = write_profile(tmp_path, "packs: [company-rules]\ndisable: [CORE-PHOTO-009]\n")
    with pytest.raises(ConfigError, match="no rule CORE-PHOTO-009"):
        Engine.from_profile(load_profile(typo, tmp_path))


def test_scoring_override_changes_the_score(tmp_path: Path) -> None:
    mobile = customer(phones=(phone("090-1234-5678", "cell"),))
    base = Engine.from_profile(Profile()).evaluate(mobile).risk_score
    engine = Engine.from_profile(
        load_profile(
            write_profile(tmp_path, "scoring: {severity_points: {medium: 60}}\n"), tmp_path
        )
    )
    assert engine.evaluate(mobile).risk_score > base


def test_unknown_scoring_key_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown key 'weights'"):
        load_profile(write_profile(tmp_path, "scoring: {weights: {}}\n"), tmp_path)


def test_unknown_rule_ids_in_severity_and_suppress_are_errors(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "severity: {CORE-NOPE-001: high}\n")
    with pytest.raises(ConfigError, match="severity: no rule CORE-NOPE-001"):
        Engine.from_profile(load_profile(path, tmp_path))
    path = write_profile(
        tmp_path, "suppress:\n  - {rule: CORE-NOPE-002, reason: 'accepted risk'}\n"
    )
    with pytest.raises(ConfigError) as err:
        Engine.from_profile(load_profile(path, tmp_path))
    assert str(err.value) == f"{path}:2: suppress: no rule CORE-NOPE-002"


def test_a_missing_company_pack_names_the_profile(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "packs: [./no-such-pack]\n")
    with pytest.raises(ConfigError) as err:
        Engine.from_profile(load_profile(path, tmp_path))
    assert str(err.value).startswith(f"{path}:1: packs: ./no-such-pack is not a rule pack")


def test_the_example_profile_loads(examples_dir: Path) -> None:
    profile = load_profile(examples_dir / "piiaudit.yaml", examples_dir)
    assert profile.company_names
    assert Engine.from_profile(profile).rule_infos()


def test_an_unknown_csv_column_target_is_an_error_naming_the_valid_ones(tmp_path: Path) -> None:
    """Caught when the profile loads, at its own line: not a parse issue on line 1 of
    every CSV input, and not silently ignored when only vCards are scanned."""
    path = write_profile(tmp_path, 'region: JP\ncsv:\n  columns:\n    "X1": "phone:mobile"\n')
    with pytest.raises(ConfigError) as err:
        load_profile(path, tmp_path)
    message = str(err.value)
    assert message.startswith(f"{path}:4: csv.columns.X1: 'phone:mobile' is not one of: ")
    assert "phone:cell" in message and "email:home" in message


def test_the_csv_targets_of_the_schema_are_those_the_reader_knows() -> None:
    """The profile schema lists the targets (editors complete them); the CSV reader maps
    them. A target added to one and not the other would be refused or misread."""
    from piiaudit.engine.schema import load_schema
    from piiaudit.parsers.csv_roles import USER_TARGETS

    schema = load_schema("profile.schema.json")
    assert set(schema["$defs"]["csv_target"]["enum"]) == USER_TARGETS


def test_a_region_phonenumbers_does_not_know_is_an_error(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "company: {names: [A]}\nregion: XX\n")
    with pytest.raises(ConfigError) as err:
        load_profile(path, tmp_path)
    assert str(err.value).startswith(f"{path}:2: region: unknown phone region 'XX'")
    assert load_profile(write_profile(tmp_path, "region: de\n"), tmp_path).region == "DE"


def test_scoring_levels_out_of_order_are_an_error(tmp_path: Path) -> None:
    """critical 20 under the default high 50 would make every score from 20 critical."""
    path = write_profile(tmp_path, "scoring:\n  levels:\n    critical: 20\n    high: 50\n")
    with pytest.raises(ConfigError) as err:
        load_profile(path, tmp_path)
    assert str(err.value).startswith(
        f"{path}:3: scoring.levels: critical (20) must be above high (50)"
    )
    path = write_profile(tmp_path, "scoring:\n  levels: {medium: 60}\n")  # above the default high
    with pytest.raises(ConfigError, match=r":2: scoring.levels: high \(50\) must be above medium"):
        load_profile(path, tmp_path)

    # in order once merged with the defaults (high 50): accepted, and in force
    path = write_profile(tmp_path, "scoring:\n  levels: {critical: 80}\n  critical_floor: 95\n")
    engine = Engine.from_profile(load_profile(path, tmp_path))
    assert engine.scoring.level(79).label == "high"
    assert engine.scoring.level(80).label == "critical"


def test_suppressing_one_rule_keeps_another_rules_finding_on_the_same_value(
    tmp_path: Path,
) -> None:
    # One finding per value and category is kept; the suppression must apply first,
    # or the accepted rule, winning the value, took the company's own finding with it.
    name, text = rule(id="ACME-PHONE-001", name="acme-phone", category="mobile_phone")
    text = text.replace(
        "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}",
        "  - phone: {types: [mobile]}",
    )
    make_pack(tmp_path / "company-rules", {name: text})
    profile = write_profile(
        tmp_path,
        "packs: [./company-rules]\n"
        "severity: {CORE-PHONE-001: critical}\n"
        "suppress:\n"
        "  - {rule: CORE-PHONE-001, contact: 'index:0', reason: 'accepted for this customer'}\n",
    )
    engine = Engine.from_profile(load_profile(profile, tmp_path))
    result = engine.evaluate(customer(phones=(phone("090-1234-5678", "cell"),)))
    assert [f.rule for f in result.suppressed] == ["CORE-PHONE-001"]
    assert "ACME-PHONE-001" in {f.rule for f in result.findings}


def test_a_pack_named_by_the_profile_and_by_pack_is_loaded_once(tmp_path: Path) -> None:
    make_pack(tmp_path / "company-rules", dict([rule()]))
    profile = load_profile(write_profile(tmp_path, "packs: [./company-rules]\n"), tmp_path)
    again = tmp_path / "." / "company-rules"
    engine = Engine.from_profile(profile, extra_packs=(again,))
    assert [r.id for r in engine.rule_infos()].count("ACME-SECRET-001") == 1
