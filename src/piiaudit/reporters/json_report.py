"""The JSON report: the machine-readable contract (schema: ``schemas/report.schema.json``).

Fields may be added in later versions, never removed or renamed. Keys come out in
a fixed order and lists in the view's order (contacts riskiest first, then in input
order), with no timestamps and no paths beyond what the user passed, so two runs
on the same input give the same bytes.

The contacts, nearly all of a report's bytes, are written by the small templates
below rather than by ``json.dumps(..., indent=2)``: with an indent, the standard
library falls back to its pure-Python encoder, which took about half of a
10,000-contact report's time. The output is the same, byte for byte:
``dumps(to_dict(view))`` stays the reference, and the tests compare both.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, TextIO

from piiaudit.gcpause import collector_paused
from piiaudit.model import AuditResult
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.parttypes import Assembled, Written, encoder
from piiaudit.reporters.textsafe import json_safe
from piiaudit.reporters.view import (
    ContactView,
    FileView,
    FindingView,
    GroupView,
    ReportView,
    SignalView,
    TrailView,
    build,
)

# 1.1: "groups", the per-employee rows. 1.2: summary.baseline_suppressed; groups[].audited,
# and a group none of whose files could be read has a null risk (it was not audited).
# 1.4: summary.profile_suppressed. 1.5: files[].unread_parts, groups[].incomplete_files.
# 1.6: groups[].by_category. 1.7: report.generated. 1.8: summary.audited, and a run
# that could read no contact while an input failed has a null risk (not assessed).
# 1.9: classification_signals[].veto (--explain), as the terminal and HTML reports say it.
# 1.10: a compliance report's contacts have a null index and line (view.shown_place).
# 1.11: summary.repeated_exports, one employee's exports that count contacts twice.
# 1.12: checklist ids reread / compliance_reread, when some inputs could not be read.
# 1.13: checklist id compliance_unknown, when a compliance report withholds unclassified contacts.
SCHEMA_VERSION = "1.13"
TOOL_NAME = "piiaudit"


# Where the contacts go in the rest of the document, as ``json.dumps`` indents it:
# only a top-level key starts a line with exactly two spaces, and no JSON string
# holds a raw line break, so this text cannot occur anywhere else.
_CONTACTS_SLOT = '\n  "contacts": []'


def render(result: AuditResult | Assembled, out: TextIO, options: ReportOptions) -> None:
    """Write the JSON report for ``result`` to ``out``."""
    if isinstance(result, Assembled):  # built in parts: see piiaudit.reporters.parts
        render_assembled(result, out, options)
        return
    with collector_paused():
        text = render_view(build(result, options))
    out.write(text)


def render_view(view: ReportView) -> str:
    """The same text as ``dumps(to_dict(view))``, several times faster on large reports."""
    document = to_dict(view, with_contacts=False)
    head, tail = json.dumps(document, ensure_ascii=False, indent=2).split(_CONTACTS_SLOT)
    contacts = _contacts_text(view.contacts, view.options.explain)
    return json_safe(f'{head}\n  "contacts": {contacts}{tail}') + "\n"


def contact_fragment(contact: ContactView, explain: bool) -> str:
    """One contact's text in the report, as :func:`render_view` writes it.

    Rendered where the contact was audited (:mod:`piiaudit.reporters.parts`);
    :func:`json_safe` changes characters one by one, so escaping the pieces
    apart gives the same text as escaping the whole.
    """
    return json_safe(_contact_text(contact, explain))


def render_assembled(run: Assembled, out: TextIO, options: ReportOptions) -> None:
    """Write the report of a run built in parts: the same text as :func:`render`."""
    out.write(chunks_assembled(run, options).text())


def chunks_assembled(run: Assembled, options: ReportOptions) -> Written:
    """The report of a run built in parts as UTF-8, in pieces (the contacts' text as it came)."""
    run.require("json")
    encode, strict = encoder(run.strict)
    with collector_paused():
        document = to_dict(run.view, with_contacts=False)
        head, tail = json.dumps(document, ensure_ascii=False, indent=2).split(_CONTACTS_SLOT)
        texts = [part.json for part in run.listed if part.json is not None]
        if len(texts) != len(run.listed):
            raise ValueError("the run was built without the JSON text of its contacts")
        start, end = ("[\n    ", "\n  ]") if texts else ("[", "]")
        chunks = [encode(f'{json_safe(head)}\n  "contacts": {start}')]
        # The contacts are most of the report (~1.3 KB each): joined a group at a time,
        # not all at once, which would hold the whole report twice in memory and cost
        # more in fresh pages than it saves in writes (78,000 contacts: 0.23-0.29 s
        # to join and write, 0.15-0.18 s in groups).
        for first in range(0, len(texts), _JOINED_AT_ONCE):
            if first:
                chunks.append(_BETWEEN_CONTACTS)
            chunks.append(_BETWEEN_CONTACTS.join(texts[first : first + _JOINED_AT_ONCE]))
        chunks.append(encode(f"{end}{json_safe(tail)}\n"))
        return Written(chunks, strict())


_BETWEEN_CONTACTS = b",\n    "
_JOINED_AT_ONCE = 2048  # contacts' texts per chunk of a report built in parts


def dumps(report: dict[str, Any]) -> str:
    """UTF-8 friendly, indented, newline-terminated JSON."""
    return json_safe(json.dumps(report, ensure_ascii=False, indent=2)) + "\n"


def to_dict(view: ReportView, *, with_contacts: bool = True) -> dict[str, Any]:
    """The report as plain data; without contacts, their list is left empty."""
    s = view.summary
    explain = view.options.explain
    summary: dict[str, Any] = {
        "files": s.files,
        "contacts": s.contacts,
        "listed_contacts": s.listed,
        "unlisted_contacts": s.hidden,
        "findings": s.findings,
        "by_classification": s.by_classification,
        "by_risk_level": s.by_level,
        "by_severity": s.by_severity,
        "by_category": {c.category: c.count for c in view.categories},
        # Null, as a group's, when no contact could be read and an input failed
        # (schema 1.8): "none" and 0 would tell a consumer that reads only the risk
        # that the exports are clean (viewtypes.assessed).
        "audited": view.assessed,
        "risk_score": s.risk_score if view.assessed else None,
        "risk_level": s.risk_level if view.assessed else None,
    }
    if s.baseline is not None:  # scan --baseline: the findings above are not all there are
        summary["baseline_suppressed"] = s.baseline.suppressed
    if s.accepted:  # the profile's suppress: neither are they
        summary["profile_suppressed"] = s.accepted
    if view.repeated:  # one phone counted twice (schema 1.11)
        summary["repeated_exports"] = [
            {
                "files": list(r.files),
                "identical": r.identical,
                "shared_contacts": r.shared,
                "of": r.of,
            }
            for r in view.repeated
        ]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": view.tool_version},
        "report": {
            "lang": view.options.lang,
            "audience": view.options.audience,
            "masked": not view.options.show_pii,
            "explain": view.options.explain,
            # when the run started (piiaudit.clock); null for a result built by hand
            "generated": view.generated or None,
        },
        "summary": summary,
        "files": [_file(f) for f in view.files],
        "groups": [_group(g) for g in view.groups],
        "contacts": [_contact(c, explain) for c in view.contacts] if with_contacts else [],
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
        "checklist": [{"id": key, "text": view.step(key)} for key in view.checklist],
    }


def _group(group: GroupView) -> dict[str, Any]:
    """A per-employee row. A group none of whose files could be read has a null risk:
    "none" and 0 would tell a consumer that reads only the risk "no risk found"."""
    return {
        "group": group.group,
        "files": group.files,
        "unreadable_files": group.unreadable,
        "incomplete_files": group.incomplete,
        "contacts": group.contacts,
        "listed_contacts": group.listed,
        "findings": group.findings,
        "by_category": group.by_category,
        "by_classification": group.by_classification,
        "audited": group.audited,
        "risk_score": group.risk_score if group.audited else None,
        "risk_level": group.risk_level if group.audited else None,
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
        # An unreadable file was never audited: "none 0" would read as "no risk".
        "risk_score": None if file.error else file.risk_score,
        "risk_level": None if file.error else file.risk_level,
        "parse_issues": [
            {"line": i.line, "message": i.message, "severity": i.severity} for i in file.issues
        ],
        "withheld_parse_issues": file.withheld_issues,
        "unread_parts": file.unread_parts,
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
                "veto": sig.veto,
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


# --------------------------------------------------------------------------- contacts as text
# Each template writes what ``json.dumps(_contact(...), indent=2)`` writes at that
# depth: the same keys in the same order, ``", "``-free separators, ``[]`` for an
# empty list. Values go through :func:`scalar`, which encodes like ``json.dumps``.

_INFINITY = float("inf")


def scalar(value: object) -> str:
    """One JSON scalar exactly as ``json.dumps`` writes it (``allow_nan`` included)."""
    if type(value) is str:  # the common case first
        return encode_basestring(value)
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value == _INFINITY:
            return "Infinity"
        if value == -_INFINITY:
            return "-Infinity"
        return float.__repr__(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def indented(value: object, pad: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with each line break
    followed by the spaces of ``pad`` (a line break and the spaces it sits at).

    The standard library's indented encoder is pure Python and general (a
    generator per nesting level); this writes the same text for the plain data
    reports hold (dicts, lists, tuples, scalars), about three times as fast
    (``tests/reporters/test_json_text.py`` compares the two on any such data).
    """
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + "  "
        items = [f"{_key(k)}: {indented(v, inner)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + pad + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = pad + "  "
        return "[" + inner + ("," + inner).join([indented(v, inner) for v in value]) + pad + "]"
    return scalar(value)


def _key(key: object) -> str:
    """A mapping key as ``json.dumps`` writes it: a string, or a scalar made one."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, bool | int | float):
        return encode_basestring(scalar(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def strings(items: tuple[str, ...], pad: str) -> str:
    """A list of scalars whose closing bracket sits on ``pad`` (a newline and spaces)."""
    if not items:
        return "[]"
    inner = pad + "  "
    return "[" + inner + ("," + inner).join([scalar(i) for i in items]) + pad + "]"


def _contacts_text(contacts: tuple[ContactView, ...], explain: bool) -> str:
    if not contacts:
        return "[]"
    return "[\n    " + ",\n    ".join([_contact_text(c, explain) for c in contacts]) + "\n  ]"


def _contact_text(c: ContactView, explain: bool) -> str:
    pad = "\n    "  # a contact is an item of the top-level "contacts" list
    i = pad + "  "
    if c.findings:
        findings = (
            ("[" + i + "  " + ("," + i + "  ").join([_finding_text(f) for f in c.findings]))
            + i
            + "]"
        )
    else:
        findings = "[]"
    text = (
        f'{{{i}"file": {scalar(c.file)},{i}"group": {scalar(c.group)},'
        f'{i}"index": {scalar(c.index)},{i}"line": {scalar(c.line)},'
        f'{i}"name": {scalar(c.name)},{i}"classification": {scalar(c.classification)},'
        f'{i}"classification_reasons": {strings(c.reasons, i)},'
        f'{i}"risk_score": {scalar(c.risk_score)},{i}"risk_level": {scalar(c.risk_level)},'
        f'{i}"findings": {findings}'
    )
    if explain:
        text += explained_text(c.confidence, c.signals)
    return text + pad + "}"


def explained_text(confidence: float, signals: tuple[SignalView, ...]) -> str:
    """The keys ``--explain`` adds at the end of a contact, from the comma on."""
    i = "\n      "
    return (
        f',{i}"classification_confidence": {scalar(confidence)},'
        f'{i}"classification_signals": {_signals_text(signals, i)}'
    )


def _signals_text(signals: tuple[SignalView, ...], pad: str) -> str:
    if not signals:
        return "[]"
    i = pad + "    "
    items = [
        f'{{{i}"rule": {scalar(s.rule)},{i}"towards": {scalar(s.towards)},'
        f'{i}"weight": {scalar(s.weight)},{i}"field": {scalar(s.field)},'
        f'{i}"value": {scalar(s.value)},{i}"description": {scalar(s.description)},'
        f'{i}"veto": {scalar(s.veto)}'
        f"{pad}  }}"
        for s in signals
    ]
    return "[" + pad + "  " + ("," + pad + "  ").join(items) + pad + "]"


def _finding_text(f: FindingView) -> str:
    pad = "\n        "  # a finding is an item of a contact's "findings" list
    i = pad + "  "
    text = (
        f'{{{i}"rule": {scalar(f.rule)},{i}"category": {scalar(f.category)},'
        f'{i}"severity": {scalar(f.severity)},{i}"field": {scalar(f.field)},'
        f'{i}"evidence": {scalar(f.evidence)},{i}"message": {scalar(f.message)},'
        f'{i}"recommendation": {scalar(f.recommendation)},'
        f'{i}"confidence": {scalar(f.confidence)},'
        f'{i}"references": {strings(f.references, i)}'
    )
    if f.trail is not None:
        text += trail_text(f.trail)
    return text + pad + "}"


def trail_text(t: TrailView) -> str:
    """A finding's ``"trail"`` key and value (``--explain``), from the comma on."""
    i = "\n          "  # the keys of a finding
    j = i + "  "
    return (
        f',{i}"trail": {{{j}"detector": {scalar(t.detector)},'
        f'{j}"pattern": {scalar(t.pattern)},{j}"hotwords": {strings(t.hotwords, j)},'
        f'{j}"confidence_before": {scalar(t.confidence_before)},'
        f'{j}"confidence_after": {scalar(t.confidence_after)},'
        f'{j}"notes": {strings(t.notes, j)}{i}}}'
    )
