"""The SARIF 2.1.0 report, for CI systems and code-scanning dashboards.

One result per finding, its level from the finding's severity, located at the
file as the user gave it (a relative URI) and the line where the contact's card
starts. Rule metadata comes from the rule packs (``AuditResult.rules``); a rule
that found something but is missing there gets an entry built from its findings,
so every ``ruleIndex`` is valid. Unreadable files and parse issues become tool
execution notifications. Messages hold masked evidence only.

``invocations[0].exitCode`` is the code the run ends with (0, 1 or 3), when the
caller knows it: ``scan`` decides it from the audit alone, before any report is
written, and hands it over (``cli/output.py``). A log rendered without it (a
library call, a test) has no ``exitCode`` rather than a guessed one.
``executionSuccessful`` stays true on a run that ends with 3: the tool did its
job; the inputs it could not read are error-level notifications.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, TextIO
from urllib.parse import quote

from piiaudit.clock import utc
from piiaudit.gcpause import collector_paused
from piiaudit.model import AuditResult
from piiaudit.reporters.i18n import Messages
from piiaudit.reporters.json_report import indented
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
    """The file as the user gave it: a relative URI reference, or for an absolute path
    a ``file:`` URI (SARIF wants absolute locations as absolute URIs; a bare
    ``/home/...`` would be read relative to whatever base a viewer assumes).

    Non-ASCII names (``連絡先.vcf``) are percent-encoded, and so is ``:``, so that a
    name like ``a:b.vcf`` cannot read as a URI scheme. What is encoded is the name's
    bytes on disk (:func:`os.fsencode`): a name that is not valid UTF-8 (``caf\\xe9.vcf``
    from an old Latin-1 system) reaches us with a lone surrogate that UTF-8 cannot
    encode, and becomes ``caf%E9.vcf``, the URI that names that very file.
    """
    posix = path.replace("\\", "/")
    drive = _DRIVE.match(posix)
    if drive:  # C:/Users/...: the drive's colon stays, as file URIs write it
        return "file:///" + drive.group(0) + _encoded(posix[drive.end() :])
    if posix.startswith("/"):
        return "file://" + _encoded(posix)
    return _encoded(posix)


_DRIVE = re.compile(r"[A-Za-z]:(?=/)")


def _encoded(path: str) -> str:
    return quote(_raw_bytes(path), safe="/@!$&'()*+,;=-._~")


def _raw_bytes(path: str) -> bytes:
    """``path`` as the bytes the file system holds; a lone surrogate that did not come
    from the file system (no byte maps to it) is kept as UTF-8 would carry it."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")


def render(
    result: AuditResult | Assembled,
    out: TextIO,
    options: ReportOptions,
    *,
    exit_code: int | None = None,
) -> None:
    """Write the SARIF log for ``result`` to ``out``; ``exit_code``, the code the run
    ends with, is written as the invocation's ``exitCode`` when given."""
    if isinstance(result, Assembled):  # built in parts: see piiaudit.reporters.parts
        render_assembled(result, out, options, exit_code=exit_code)
        return
    with collector_paused():  # allocations only: see piiaudit.gcpause
        render_view(build(result, options), out, exit_code=exit_code)


def render_assembled(
    run: Assembled, out: TextIO, options: ReportOptions, *, exit_code: int | None = None
) -> None:
    """Write the SARIF log of a run built in parts: the same text as :func:`render`.

    Each finding's result was written where its contact was audited, with its
    ``ruleIndex`` left open (:func:`contact_fragment`): the rule table is only
    known once every file is in.
    """
    run.require("sarif")
    with collector_paused():
        known = {rule.id: rule for rule in run.view.rules}
        pieces: list[tuple[str, str, str]] = []
        for part in run.listed:
            if part.sarif is None:
                raise ValueError("the run was built without the SARIF results of its contacts")
            for rule in part.sarif_rules:  # the first finding of an unknown rule describes it
                known.setdefault(rule.id, rule)
            pieces += part.sarif
        rules = [_rule(known[rid]) for rid in sorted(known)]
        index = {rule["id"]: i for i, rule in enumerate(rules)}
        log = to_sarif(run.view, rules, [], exit_code=exit_code)
        document = json.dumps(log, ensure_ascii=False, indent=2)
        head, tail = document.split(_RESULTS_SLOT)
        results = [f"{before}{index[rule]}{after}" for rule, before, after in pieces]
        out.write(json_safe(head) + '\n      "results": ')
        out.write("[" + ",".join(results) + "\n      ]" if results else "[]")
        out.write(json_safe(tail) + "\n")


# Where the results go in the log, as ``json.dumps(..., indent=2)`` lays it out: a
# key of the run object, at six spaces. No JSON string holds a raw line break, so
# this text occurs once; each result is an item at eight spaces.
_RESULTS_SLOT = '\n      "results": []'
_ITEM = "\n        "
_OPEN_INDEX = -1  # the rule index of a result written before the rule table is known


def contact_fragment(
    contact: ContactView, text: Messages, known: frozenset[str]
) -> tuple[tuple[tuple[str, str, str], ...], tuple[RuleView, ...]]:
    """A contact's results as text, and the rules its findings name that ``known`` lacks.

    Each result is ``(rule id, before, after)``: its text is ``before``, the
    rule's index in the log's rule table, then ``after``. The index is the
    first number in the text after the rule id, whose value is a JSON string
    (so it cannot hold the unescaped quotes this cut looks for).
    """
    results = []
    unknown: dict[str, RuleView] = {}
    for finding in contact.findings:
        if finding.rule not in known and finding.rule not in unknown:
            unknown[finding.rule] = _rule_from_finding(finding)
        item = _result(text, contact, finding, _OPEN_INDEX)
        written = indented(item, _ITEM)  # json.dumps(item, indent=2), each line moved in
        cut = written.index(_OPEN_SLOT)
        before = json_safe(_ITEM + written[:cut]) + '"ruleIndex": '
        results.append((finding.rule, before, json_safe(written[cut + len(_OPEN_SLOT) :])))
    return tuple(results), tuple(unknown.values())


_OPEN_SLOT = f'"ruleIndex": {_OPEN_INDEX}'


def render_view(view: ReportView, out: TextIO, *, exit_code: int | None = None) -> None:
    """Write the SARIF log of ``view``."""
    # json.dumps(..., indent=2), several times faster
    sarif = indented(to_sarif(view, exit_code=exit_code))
    out.write(json_safe(sarif) + "\n")


def to_sarif(
    view: ReportView,
    rules: list[dict[str, Any]] | None = None,
    results: list[dict[str, Any]] | None = None,
    *,
    exit_code: int | None = None,
) -> dict[str, Any]:
    """The log as plain data; ``rules`` and ``results`` from the view's contacts unless
    given; ``exitCode`` only when ``exit_code`` is known."""
    if rules is None:
        rules = _rule_table(view)
    if results is None:
        index = {rule["id"]: i for i, rule in enumerate(rules)}
        results = [
            _result(view.text, contact, finding, index[finding.rule])
            for contact in view.contacts
            for finding in contact.findings
        ]
    properties: dict[str, Any] = {
        # As the JSON summary's: null, not "none", when nothing could be assessed.
        "audited": view.assessed,
        "risk_score": view.summary.risk_score if view.assessed else None,
        "risk_level": view.summary.risk_level if view.assessed else None,
        "audience": view.options.audience,
        "masked": not view.options.show_pii,
        "by_classification": view.summary.by_classification,
    }
    if view.summary.baseline is not None:
        # Accepted findings are left out of the log altogether (not kept as results with
        # ``suppressions``): the count is all that says the results are not all there are.
        properties["baseline_suppressed"] = view.summary.baseline.suppressed
    if view.summary.accepted:  # the company profile's suppress, left out in the same way
        properties["profile_suppressed"] = view.summary.accepted
    properties["checklist"] = [view.step(key) for key in view.checklist]
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
                        **_started(view),
                        **_exit(exit_code),
                        # True on an exit-3 run too: the tool ran to its end; what it
                        # could not read is in the error-level notifications below.
                        "executionSuccessful": True,
                        "toolExecutionNotifications": _notifications(view),
                    }
                ],
                "results": results,
                "language": "ja-JP" if view.options.lang == "ja" else "en-US",
                "columnKind": "unicodeCodePoints",
                "properties": properties,
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
    t: Messages, contact: ContactView, finding: FindingView, rule_index: int
) -> dict[str, Any]:
    who = contact.name or t.t("contacts.no_name")
    # "…保存されています。: notes[0]" read badly: the sentence's own stop goes before the
    # colon, and the field is named as the other reports name it (メモ(1), note 1).
    sentence = finding.message.rstrip("。.")
    text = f"{sentence}: {t.field(finding.field)} = {finding.evidence} ({who})"
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level_from_severity(finding.severity),
        "message": {"text": text},
        "locations": [_location(contact.file, contact.line or 0)],
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


def _started(view: ReportView) -> dict[str, str]:
    """The invocation's start, in UTC as SARIF's ``date-time`` requires; nothing if unknown."""
    started = utc(view.generated)
    return {"startTimeUtc": started} if started else {}


def _exit(code: int | None) -> dict[str, int]:
    """The invocation's ``exitCode`` (SARIF 2.1.0 ``invocation.exitCode``), written as a
    plain integer (``int()`` of an ``ExitCode`` member); nothing when not given."""
    return {} if code is None else {"exitCode": int(code)}


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
        if file.unread_parts and not file.error:  # said per file: a compliance report
            # withholds the issues inside private contacts, not that the audit is incomplete
            text = view.text.t("unreadable.partial", path=file.path, count=file.unread_parts)
            notes.append(
                {
                    "level": "error",
                    "message": {"text": text},
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
