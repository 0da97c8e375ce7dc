"""The JSON report: the contract of issue 2, valid against the shipped schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from piiaudit.resources import schemas_dir
from reporters.factory import empty_case, sample_case
from reporters.helpers import render


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads((schemas_dir() / "report.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"lang": "ja"},
        {"show_pii": True},
        {"explain": True},
        {"audience": "compliance", "explain": True},
    ],
    ids=["default", "ja", "show-pii", "explain", "compliance"],
)
def test_report_validates_against_the_schema(validator: Any, options: dict[str, Any]) -> None:
    report = json.loads(render("json", sample_case().result, **options))
    errors = [e.message for e in validator.iter_errors(report)]
    assert errors == []


def test_empty_report_validates(validator: Any) -> None:
    validator.validate(json.loads(render("json", empty_case().result)))


def test_schema_rejects_a_report_missing_a_contract_field(validator: Any) -> None:
    report = json.loads(render("json", sample_case().result))
    del report["contacts"][0]["findings"][0]["evidence"]
    assert list(validator.iter_errors(report))


def test_contract_fields() -> None:
    report = json.loads(render("json", sample_case().result))
    assert report["schema_version"] == "1.13"
    assert report["tool"] == {"name": "piiaudit", "version": "0.1.0"}
    assert report["report"]["generated"] == "2026-11-26T09:30:00+09:00"
    summary = report["summary"]
    assert summary["files"] == 3 and summary["contacts"] == 8
    assert summary["by_severity"] == {"critical": 2, "high": 7, "medium": 6, "low": 7, "info": 0}
    risk = (summary["audited"], summary["risk_score"], summary["risk_level"])
    assert risk == (True, 99, "critical")
    alice, bob, photo = report["files"]
    assert (alice["format"], alice["dialect"], alice["encoding"]) == ("vcard", "vcard-3.0", "utf-8")
    assert bob["dialect"] == "google-csv"
    assert alice["parse_issues"][0] == {
        "line": 3,
        "message": "line folded with a tab; unfolded",
        "severity": "warning",
    }
    assert photo["error"] == "not a contact export (a JPEG image)" and photo["contacts"] == 0
    first = report["contacts"][0]
    assert (first["file"], first["index"], first["line"]) == ("exports/bob.csv", 0, 2)
    assert first["name"] == "J*** S***"
    assert first["findings"][0]["category"] == "payment_card"
    assert first["findings"][0]["evidence"] == "**** **** **** 1111"
    assert first["findings"][0]["recommendation"] == "Delete the card number now."
    assert [r["id"] for r in report["rules"]] == sorted(r["id"] for r in report["rules"])


def test_contacts_riskiest_first_with_input_order_for_ties() -> None:
    report = json.loads(render("json", sample_case().result))
    scores = [c["risk_score"] for c in report["contacts"]]
    assert scores == sorted(scores, reverse=True)


def test_output_is_deterministic() -> None:
    assert render("json", sample_case().result) == render("json", sample_case().result)


def test_explain_adds_trail_and_classification_signals() -> None:
    report = json.loads(render("json", sample_case().result, explain=True))
    yamada = next(c for c in report["contacts"] if c["name"] == "山* 太*")
    assert yamada["findings"][0]["trail"] == {
        "detector": "phone_type",
        "pattern": "mobile",
        "hotwords": ["[2 chars]"],  # the contact's own label: masked
        "confidence_before": 0.6,
        "confidence_after": 0.9,
        "notes": ["label CELL"],
    }
    assert yamada["classification_confidence"] == 0.8
    assert yamada["classification_signals"][0]["towards"] == "business"
    plain = json.loads(render("json", sample_case().result))
    assert "trail" not in plain["contacts"][0]["findings"][0]
    assert "classification_signals" not in plain["contacts"][0]


def test_signal_values_are_masked() -> None:
    report = json.loads(render("json", sample_case().result, explain=True))
    values = [s["value"] for c in report["contacts"] for s in c["classification_signals"]]
    assert "s***@gmail.com" in values
    assert "script.kiddie@gmail.com" not in values


def test_japanese_report_carries_japanese_recommendations() -> None:
    report = json.loads(render("json", sample_case().result, lang="ja"))
    assert (
        report["contacts"][0]["findings"][0]["recommendation"]
        == "カード番号はすぐに削除してください。"
    )
    # the sample's unreadable file first, then the company's step and the owner's own
    assert [s["id"] for s in report["checklist"][:3]] == [
        "reread",
        "financial",
        "private_sensitive",
    ]
    assert "読み取れなかったファイル" in report["checklist"][0]["text"]
    assert "会社のデータではありません" in report["checklist"][2]["text"]


def test_an_unreadable_file_has_no_risk_rather_than_none(validator: Any) -> None:
    """A file never audited must not read as "risk none" to a dashboard (schema 1.3)."""
    report = json.loads(render("json", sample_case().result))
    broken = [f for f in report["files"] if f["error"]]
    assert broken and all(f["risk_score"] is None and f["risk_level"] is None for f in broken)
    assert all(f["risk_level"] is not None for f in report["files"] if not f["error"])
    broken[0]["risk_level"] = "none"  # the old form no longer validates
    assert list(validator.iter_errors(report))
