"""The SARIF 2.1.0 report, for CI systems and code-scanning dashboards.

One result per finding, its level from the finding's severity, located at the
file as the user gave it (a relative URI) and the line where the contact's card
starts. Rule metadata comes from the rule packs (``AuditResult.rules``); a rule
that found something but is missing there gets an entry built from its findings,
so every ``ruleIndex`` is valid. Unreadable files and parse issues become tool
execution notifications. Messages hold masked evidence only.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from piiaudit.model import AuditResult
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.parttypes import Assembled
from piiaudit.reporters.textsafe import json_safe
from piiaudit.reporters.view import ContactView, FindingView, ReportView, RuleView, build

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL_NAME = "piiaudit"
_LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}


def level_from_severity(severity: str) -> str:
    """critical/high -> ``error``, medium -> ``warning``, low/info -> ``note``."""
    return _LEVELS[severity]


def artifact_uri(path: str) -> str:
    """The file as the user gave it, as a relative URI reference.

    Non-ASCII names (``連絡先.vcf``) are percent-encoded, and so is ``:``, so that a
    name like ``a:b.vcf`` cannot read as a URI scheme.
    """
    return quote(path.replace("\\", "/"), safe="/@!$&'()*+,;=-._~")


def render(result: AuditResult, out: TextIO, options: ReportOptions) -> None:
    """Write the SARIF log for ``result`` to ``out``."""
    render_view(build(result, options), out)


def render_assembled(run: Assembled, out: TextIO, options: ReportOptions) -> None:
    """Write the SARIF log of a run built in parts (its view carries the contacts)."""
    run.require("sarif")
    render_view(run.view, out)


def render_view(view: ReportView, out: TextIO) -> None:
    """Write the SARIF log of ``view``."""
    sarif = json.dumps(to_sarif(view), ensure_ascii=False, indent=2)
    out.write(json_safe(sarif) + "\n")


def to_sarif(view: ReportView) -> dict[str, Any]:
    rules = _rule_table(view)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [
        _result(view, contact, finding, index[finding.rule])
        for contact in view.contacts
        for finding in contact.findings
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": view.tool_version or "0",
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": _notifications(view),
                    }
                ],
                "results": results,
                "language": "ja-JP" if view.options.lang == "ja" else "en-US",
                "columnKind": "unicodeCodePoints",
                "properties": {
                    "risk_score": view.summary.risk_score,
                    "risk_level": view.summary.risk_level,
                    "audience": view.options.audience,
                    "masked": not view.options.show_pii,
                    "by_classification": view.summary.by_classification,
                    "checklist": [view.text.t(f"checklist.{key}") for key in view.checklist],
                },
            }
        ],
    }


def _rule_table(view: ReportView) -> list[dict[str, Any]]:
    known = {rule.id: rule for rule in view.rules}
    for contact in view.contacts:
        for finding in contact.findings:
            if finding.rule not in known:
                known[finding.rule] = _rule_from_finding(finding)
    return [_rule(known[rid]) for rid in sorted(known)]


def _rule_from_finding(finding: FindingView) -> RuleView:
    return RuleView(
        id=finding.rule,
        pack="",
        name="",
        category=finding.category,
        severity=finding.severity,
        description=finding.message,
        recommendation=finding.recommendation,
        references=finding.references,
    )


def _rule(rule: RuleView) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": rule.id}
    if rule.name:
        entry["name"] = rule.name
    entry["shortDescription"] = {"text": rule.description or rule.id}
    entry["help"] = {"text": rule.recommendation or rule.description or rule.id}
    entry["defaultConfiguration"] = {"level": level_from_severity(rule.severity)}
    web = [ref for ref in rule.references if ref.startswith(("https://", "http://"))]
    if web:
        entry["helpUri"] = web[0]
    entry["properties"] = {
        "category": rule.category,
        "severity": rule.severity,
        "pack": rule.pack,
        "references": list(rule.references),
        "tags": ["privacy", rule.category],
    }
    return entry


def _location(path: str, line: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if line >= 1:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _result(
    view: ReportView, contact: ContactView, finding: FindingView, rule_index: int
) -> dict[str, Any]:
    t = view.text
    who = contact.name or t.t("contacts.no_name")
    text = f"{finding.message}: {finding.field} = {finding.evidence} ({who})"
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level_from_severity(finding.severity),
        "message": {"text": text},
        "locations": [_location(contact.file, contact.line)],
        "properties": {
            "category": finding.category,
            "severity": finding.severity,
            "field": finding.field,
            "evidence": finding.evidence,
            "recommendation": finding.recommendation,
            "contact_index": contact.index,
            "contact_name": contact.name,
            "classification": contact.classification,
            "contact_risk_score": contact.risk_score,
            "contact_risk_level": contact.risk_level,
        },
    }


def _notifications(view: ReportView) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    for file in view.files:
        if file.error:
            notes.append(
                {
                    "level": "error",
                    "message": {"text": f"{file.path}: {file.error}"},
                    "locations": [_location(file.path, 0)],
                }
            )
        for issue in file.issues:
            notes.append(
                {
                    "level": "error" if issue.severity == "error" else "warning",
                    "message": {"text": issue.message},
                    "locations": [_location(file.path, issue.line)],
                }
            )
    return notes
