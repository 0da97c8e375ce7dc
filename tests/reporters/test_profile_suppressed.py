"""Findings the company profile accepts (``suppress``) are counted in every report.

They are left out of every count and list, like a baseline's; without a count an
auditor could not tell a clean report from one whose profile accepted findings
(QA round 6)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()
RULE = "CORE-BDAY-001"  # birthdays: several of the shipped example's contacts have one


def _profile(tmp_path: Path) -> Path:
    path = tmp_path / "piiaudit.yaml"
    path.write_text(
        f"suppress:\n  - {{rule: {RULE}, reason: 'birthdays kept for greetings, approved'}}\n",
        encoding="utf-8",
    )
    return path


def _reports(example: Path, tmp_path: Path, *extra: str) -> dict[str, str]:
    out = tmp_path / "out"
    args = ["scan", str(example), "-f", "json,sarif,html", "--output-dir", str(out), *extra]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    return {p.suffix: p.read_text(encoding="utf-8") for p in out.iterdir()}


def test_every_report_says_how_many_findings_the_profile_accepted(
    examples_dir: Path, tmp_path: Path
) -> None:
    example = examples_dir / "iphone-export.vcf"
    plain = json.loads(_reports(example, tmp_path / "plain")[".json"])
    birthdays = sum(1 for c in plain["contacts"] for f in c["findings"] if f["rule"] == RULE)
    assert birthdays >= 2
    assert "profile_suppressed" not in plain["summary"]

    reports = _reports(example, tmp_path / "accepted", "--config", str(_profile(tmp_path)))
    report = json.loads(reports[".json"])
    assert report["summary"]["profile_suppressed"] == birthdays
    assert report["summary"]["findings"] == plain["summary"]["findings"] - birthdays
    sarif = json.loads(reports[".sarif"])
    assert sarif["runs"][0]["properties"]["profile_suppressed"] == birthdays
    assert RULE not in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert f"{birthdays} findings accepted by the company profile" in reports[".html"]

    terminal = runner.invoke(
        app, ["scan", str(example), "--config", str(_profile(tmp_path)), "--lang", "ja"]
    )
    assert f"受け入れ済みの検出 {birthdays} 件" in terminal.output


def test_a_compliance_report_counts_them_too(examples_dir: Path, tmp_path: Path) -> None:
    example = examples_dir / "iphone-export.vcf"
    profile = str(_profile(tmp_path))
    self_report = json.loads(_reports(example, tmp_path / "self", "--config", profile)[".json"])
    compliance = _reports(
        example, tmp_path / "compliance", "--config", profile, "--audience", "compliance"
    )
    # A count of every contact's, private ones included: a number says nothing about anyone.
    assert (
        json.loads(compliance[".json"])["summary"]["profile_suppressed"]
        == self_report["summary"]["profile_suppressed"]
    )
