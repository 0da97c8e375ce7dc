"""The JSON report: the machine-readable contract (schema: ``schemas/report.schema.json``).

Fields may be added in later versions, never removed or renamed. Keys come out in
a fixed order and lists in the view's order (contacts riskiest first, then in input
order), with no timestamps and no paths beyond what the user passed, so two runs
on the same input give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from piiaudit.model import AuditResult
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.textsafe import json_safe
from piiaudit.reporters.view import ContactView, FileView, FindingView, ReportView, build

SCHEMA_VERSION = "1.0"
TOOL_NAME = "piiaudit"


def render(result: AuditResult, out: TextIO, options: ReportOptions) -> None:
    """Write the JSON report for ``result`` to ``out``."""
    out.write(dumps(to_dict(build(result, options))))


def dumps(report: dict[str, Any]) -> str:
    """UTF-8 friendly, indented, newline-terminated JSON."""
    return json_safe(json.dumps(report, ensure_ascii=False, indent=2)) + "\n"


def to_dict(view: ReportView) -> dict[str, Any]:
    s = view.summary
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": view.tool_version},
        "report": {
            "lang": view.options.lang,
            "audience": view.options.audience,
            "masked": not view.options.show_pii,
            "explain": view.options.explain,
        },
        "summary": {
            "files": s.files,
            "contacts": s.contacts,
            "listed_contacts": s.listed,
            "unlisted_contacts": s.hidden,
            "findings": s.findings,
            "by_classification": s.by_classification,
            "by_risk_level": s.by_level,
            "by_severity": s.by_severity,
            "by_category": {c.category: c.count for c in view.categories},
            "risk_score": s.risk_score,
            "risk_level": s.risk_level,
        },
        "files": [_file(f) for f in view.files],
        "contacts": [_contact(c, view.options.explain) for c in view.contacts],
        "rules": [
            {
                "id": r.id,
                "pack": r.pack,
                "name": r.name,
                "category": r.category,
                "severity": r.severity,
                "description": r.description,
                "recommendation": r.recommendation,
                "references": list(r.references),
            }
            for r in view.rules
        ],
        "settings": _jsonable(view.settings),
        "checklist": [
            {"id": key, "text": view.text.t(f"checklist.{key}")} for key in view.checklist
        ],
    }


def _file(file: FileView) -> dict[str, Any]:
    return {
        "path": file.path,
        "group": file.group,
        "format": file.format,
        "dialect": file.dialect,
        "encoding": file.encoding,
        "contacts": file.contacts,
        "error": file.error,
        "risk_score": file.risk_score,
        "risk_level": file.risk_level,
        "parse_issues": [
            {"line": i.line, "message": i.message, "severity": i.severity} for i in file.issues
        ],
        "withheld_parse_issues": file.withheld_issues,
    }


def _contact(contact: ContactView, explain: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": contact.file,
        "group": contact.group,
        "index": contact.index,
        "line": contact.line,
        "name": contact.name,
        "classification": contact.classification,
        "classification_reasons": list(contact.reasons),
        "risk_score": contact.risk_score,
        "risk_level": contact.risk_level,
        "findings": [_finding(f) for f in contact.findings],
    }
    if explain:
        data["classification_confidence"] = contact.confidence
        data["classification_signals"] = [
            {
                "rule": sig.rule,
                "towards": sig.towards,
                "weight": sig.weight,
                "field": sig.field,
                "value": sig.value,
                "description": sig.description,
            }
            for sig in contact.signals
        ]
    return data


def _finding(finding: FindingView) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity,
        "field": finding.field,
        "evidence": finding.evidence,
        "message": finding.message,
        "recommendation": finding.recommendation,
        "confidence": finding.confidence,
        "references": list(finding.references),
    }
    if finding.trail is not None:
        t = finding.trail
        data["trail"] = {
            "detector": t.detector,
            "pattern": t.pattern,
            "hotwords": list(t.hotwords),
            "confidence_before": t.confidence_before,
            "confidence_after": t.confidence_after,
            "notes": list(t.notes),
        }
    return data


def _jsonable(value: object) -> Any:
    """Settings as plain JSON: mappings keep their order, other objects become strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [_jsonable(v) for v in items]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
