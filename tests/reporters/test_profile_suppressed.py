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


SENSITIVE = "JP-SENS-001"  # special-care data: found on anyone's card, a relative's too
EXPORT = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:母\r\nNOTE:通院の送迎\r\n"
    "TEL;TYPE=CELL:090-0000-0001\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 太郎 様\r\nORG:見本商事株式会社\r\n"
    "NOTE:通院の送迎\r\nTEL;TYPE=WORK:03-0000-0002\r\nEND:VCARD\r\n"
)


def _accepted(tmp_path: Path, selector: str, *extra: str) -> tuple[int | None, str]:
    """``profile_suppressed`` of the JSON report and the terminal report, with a profile
    accepting JP-SENS-001 on the contacts ``selector`` names."""
    export = tmp_path / "export.vcf"
    export.write_text(EXPORT, encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        f"suppress:\n  - {{rule: {SENSITIVE}, contact: '{selector}', reason: test}}\n",
        encoding="utf-8",
    )
    args = ["scan", str(export), "--config", str(profile), *extra]
    report = runner.invoke(app, [*args, "-f", "json"])
    assert report.exit_code in (0, 1), report.output
    terminal = runner.invoke(app, args)
    return json.loads(report.output)["summary"].get("profile_suppressed"), terminal.output


def test_a_compliance_report_counts_only_those_on_the_contacts_it_lists(tmp_path: Path) -> None:
    """Counted over every contact, the number answered a profile that names a relative
    (``contact: "name:..."``): whether the employee has such a contact, and how many
    of its notes a rule found (QA leak hunt). It counts the listed contacts only."""
    assert _accepted(tmp_path, "*")[0] == 2  # the owner's report: both
    assert _accepted(tmp_path, "*", "--audience", "compliance")[0] == 1  # the customer's


def test_a_profile_naming_a_private_contact_tells_a_compliance_report_nothing(
    tmp_path: Path,
) -> None:
    assert _accepted(tmp_path, "name:母")[0] == 1  # the owner sees it was accepted
    count, terminal = _accepted(tmp_path, "name:母", "--audience", "compliance")
    assert count is None
    assert "accepted by the company profile" not in terminal
