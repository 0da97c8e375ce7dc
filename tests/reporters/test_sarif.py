"""The SARIF report: valid SARIF 2.1.0 that a CI system can read."""

from __future__ import annotations

import json
import os
from typing import Any

import jsonschema
import pytest

from piiaudit.reporters.sarif import artifact_uri, level_from_severity
from piiaudit.resources import schemas_dir
from reporters.factory import empty_case, sample_case
from reporters.helpers import render


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads((schemas_dir() / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize(
    "options",
    [{}, {"lang": "ja", "show_pii": True}, {"audience": "compliance"}],
    ids=["default", "ja-show-pii", "compliance"],
)
def test_log_validates_against_sarif_schema(validator: Any, options: dict[str, Any]) -> None:
    log = json.loads(render("sarif", sample_case().result, **options))
    assert [e.message for e in validator.iter_errors(log)] == []


def test_empty_log_validates(validator: Any) -> None:
    log = json.loads(render("sarif", empty_case().result))
    validator.validate(log)
    assert log["runs"][0]["results"] == []


def test_schema_rejects_a_bad_level(validator: Any) -> None:
    log = json.loads(render("sarif", sample_case().result))
    log["runs"][0]["results"][0]["level"] = "critical"
    assert list(validator.iter_errors(log))


def test_one_result_per_finding_with_level_and_location() -> None:
    case = sample_case()
    log = json.loads(render("sarif", case.result))
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(p.result.findings) for p in case.people)
    first = results[0]
    assert first["ruleId"] == "PII210"
    assert first["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "exports/bob.csv"}, "region": {"startLine": 2}}
    assert "**** **** **** 1111" in first["message"]["text"]


def test_rule_metadata_comes_from_the_packs() -> None:
    log = json.loads(render("sarif", sample_case().result, lang="ja"))
    driver = log["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    mynumber = rules["PII200"]
    assert mynumber["shortDescription"]["text"] == "マイナンバー"
    assert mynumber["help"]["text"] == "マイナンバーはすぐに削除してください。"
    assert mynumber["properties"]["category"] == "national_id"
    assert mynumber["helpUri"] == "https://www.ppc.go.jp/"
    assert mynumber["defaultConfiguration"]["level"] == "error"
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_a_rule_missing_from_the_packs_still_gets_an_entry() -> None:
    case = sample_case()
    case.result.rules = []
    log = json.loads(render("sarif", case.result))
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == sorted({f.rule for p in case.people for f in p.result.findings})


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        ("critical", "error"),
        ("high", "error"),
        ("medium", "warning"),
        ("low", "note"),
        ("info", "note"),
    ],
)
def test_level_from_severity(severity: str, level: str) -> None:
    assert level_from_severity(severity) == level


def test_unreadable_files_and_parse_issues_become_notifications() -> None:
    log = json.loads(render("sarif", sample_case().result))
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    texts = [n["message"]["text"] for n in notes]
    assert "exports/photo.jpg: not a contact export (a JPEG image)" in texts
    assert notes[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_artifact_uri_is_a_relative_uri_reference() -> None:
    assert artifact_uri("exports/alice.vcf") == "exports/alice.vcf"
    assert artifact_uri("連絡先 2024.vcf") == "%E9%80%A3%E7%B5%A1%E5%85%88%202024.vcf"
    assert artifact_uri("a:b.vcf") == "a%3Ab.vcf"
    assert artifact_uri("dir\\file.vcf") == "dir/file.vcf"


def test_artifact_uri_of_an_absolute_path_is_a_file_uri() -> None:
    assert (
        artifact_uri("/home/sato/連絡先.vcf") == "file:///home/sato/%E9%80%A3%E7%B5%A1%E5%85%88.vcf"
    )
    assert artifact_uri("C:\\Users\\sato\\a b.vcf") == "file:///C:/Users/sato/a%20b.vcf"
    assert artifact_uri("c:.vcf") == "c%3A.vcf"  # no drive: a relative name


def test_artifact_uri_of_a_name_that_is_not_utf8_encodes_its_bytes() -> None:
    """``caf\\xe9.vcf`` (Latin-1 on disk) reaches the reporter as a lone surrogate."""
    name = os.fsdecode(b"exports/caf\xe9.vcf")
    assert artifact_uri(name) == "exports/caf%E9.vcf"
    assert artifact_uri(os.fsdecode(b"\xff\xfe/x.vcf")) == "%FF%FE/x.vcf"
    assert artifact_uri("\ud800.vcf") == "%ED%A0%80.vcf"  # not from the file system


def test_run_says_whether_values_are_masked() -> None:
    masked = json.loads(render("sarif", sample_case().result))
    unmasked = json.loads(render("sarif", sample_case().result, show_pii=True))
    assert masked["runs"][0]["properties"]["masked"] is True
    assert unmasked["runs"][0]["properties"]["masked"] is False


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_result_message_names_the_field_as_the_other_reports_do(lang: str) -> None:
    """ "連絡先に…保存されています。: notes[0] = …" read badly (QA round 5): the sentence's
    stop goes before the colon, and the field reads as in the terminal and HTML
    reports; the raw field name stays in the result's properties."""
    log = json.loads(render("sarif", sample_case().result, lang=lang))
    results = log["runs"][0]["results"]
    for result in results:
        text = result["message"]["text"]
        assert "。:" not in text and ".:" not in text
        if "[" in result["properties"]["field"]:  # notes[0], not "birthday"
            assert result["properties"]["field"] not in text
    note = next(r for r in results if r["properties"]["field"] == "notes[0]")
    assert {"en": ": note 1 = ", "ja": ": メモ(1) = "}[lang] in note["message"]["text"]
