"""A listed contact's JSON report text, written straight from its audit result.

``scan -f json`` renders each listed contact where its file is audited
(:mod:`piiaudit.reporters.parts`). The general way, a masked
:class:`~piiaudit.reporters.view.ContactView` then
:func:`piiaudit.reporters.json_report.contact_fragment`, built a view object per
contact and per finding only to write it out once, and encoded the same rule
texts again for every finding: about 40 µs a contact, a fifth of the audit of a
large export (issue 6). Here the text is written from the
:class:`~piiaudit.model.ContactResult` with the view's own helpers (masking,
names, reasons, finding order), and what recurs is encoded once:

* a rule's part of a finding (rule, category, severity, message,
  recommendation, references) is the same on thousands of findings;
* field names, paths, class and level labels and classification reasons are
  the same on many contacts.

Both memos are bounded (:data:`KNOWN_MAX` entries, emptied when full) and keep
no personal value: the first is keyed by the rule's own objects, the second
holds no value longer than :data:`TEXT_MAX` characters and is never given a
contact's name, value or evidence. The text is the same, byte for byte, as the
general way's (``tests/reporters/test_json_fast.py``).
"""

from __future__ import annotations

from json.encoder import encode_basestring

from piiaudit.masking import mask
from piiaudit.model import ContactResult, FileResult, Finding
from piiaudit.reporters.json_report import explained_text, scalar, strings, trail_text
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.textsafe import json_safe
from piiaudit.reporters.view import (
    contact_file,
    ordered_findings,
    reason_texts,
    shown_name,
    signal_views,
    trail_view,
)

__all__ = ["KNOWN_MAX", "TEXT_MAX", "contact_text", "forget"]

KNOWN_MAX = 4096  # remembered texts per memo; each memo is emptied when full
TEXT_MAX = 256  # characters a remembered label may hold (longer ones are encoded each time)

_PAD = "\n    "  # a contact is an item of the top-level "contacts" list
_KEY = _PAD + "  "  # a contact's keys
_ITEM = _KEY + "  "  # a finding is an item of a contact's "findings" list
_FIELD = _ITEM + "  "  # a finding's keys

# Labels (not personal values) -> their JSON text, escaped as json_safe escapes.
_labels: dict[str, str] = {}
# (rule, id(message), lang) -> (message, recommendation, category, severity,
# references, head, middle, tail): a rule's part of a finding, in three pieces.
_rules: dict[tuple[str, int, str], tuple[object, ...]] = {}


def forget() -> None:
    """Empty the memos (tests check the text is the same with them warm and cold)."""
    _labels.clear()
    _rules.clear()


def _string(value: str) -> str:
    """``value`` as a JSON string, as ``json_safe(json.dumps(value, ensure_ascii=False))``."""
    text = encode_basestring(value)
    # Only DEL, C1 controls and bidi marks need json_safe; ASCII text holds only DEL.
    if text.isascii() and "\x7f" not in text:
        return text
    return json_safe(text)


def _label(value: str) -> str:
    """A recurring label's JSON text, from the memo when it is short enough to keep."""
    known = _labels.get(value)
    if known is not None:
        return known
    text = _string(value)
    if len(value) <= TEXT_MAX and type(value) is str:
        if len(_labels) >= KNOWN_MAX:
            _labels.clear()
        _labels[value] = text
    return text


def _number(value: object) -> str:
    """A number as ``json.dumps`` writes it (``scalar``, quicker for the usual types)."""
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float:
        return scalar(value)  # digits, a sign, a dot, "e", or NaN/Infinity: all plain ASCII
    return json_safe(scalar(value))


def _rule_part(finding: Finding, lang: str) -> tuple[str, str, str]:
    """The finding's text that comes from its rule: before the field, between the
    evidence and the confidence, and after the confidence."""
    message, recommendation = finding.message, finding.recommendation
    key = (finding.rule, id(message), lang)
    known = _rules.get(key)
    if (
        known is not None
        and known[0] is message
        and known[1] is recommendation
        and known[2] is finding.category
        and known[3] is finding.severity
        and known[4] == finding.references
    ):
        return known[5], known[6], known[7]  # type: ignore[return-value]
    head = json_safe(
        f'{{{_FIELD}"rule": {scalar(finding.rule)},'
        f'{_FIELD}"category": {scalar(finding.category.value)},'
        f'{_FIELD}"severity": {scalar(finding.severity.label)},{_FIELD}"field": '
    )
    middle = json_safe(
        f',{_FIELD}"message": {scalar(message.get(lang))},'
        f'{_FIELD}"recommendation": {scalar(recommendation.get(lang))},'
        f'{_FIELD}"confidence": '
    )
    tail = json_safe(f',{_FIELD}"references": {strings(finding.references, _FIELD)}')
    if len(_rules) >= KNOWN_MAX:
        _rules.clear()
    # The rule's objects are kept with their text, so their ids cannot be reused.
    entry = (message, recommendation, finding.category, finding.severity, finding.references)
    _rules[key] = (*entry, head, middle, tail)
    return head, middle, tail


def _finding_text(finding: Finding, options: ReportOptions) -> str:
    head, middle, tail = _rule_part(finding, options.lang)
    evidence = mask(finding.value, finding.kind, show_pii=options.show_pii)
    text = (
        f'{head}{_label(finding.field)},{_FIELD}"evidence": {_string(evidence)}'
        f"{middle}{_number(finding.confidence)}{tail}"
    )
    trail = trail_view(finding, options)
    if trail is not None:
        text += json_safe(trail_text(trail))
    return text + _ITEM + "}"


def contact_text(file_result: FileResult, result: ContactResult, options: ReportOptions) -> str:
    """The contact's text in the JSON report: ``json_report.contact_fragment`` of its view."""
    source = result.contact.source
    findings = ordered_findings(result)
    if findings:
        items = ("," + _ITEM).join([_finding_text(f, options) for f in findings])
        findings_text = f"[{_ITEM}{items}{_KEY}]"
    else:
        findings_text = "[]"
    reasons = reason_texts(result, options)
    if reasons:
        reasons_text = f"[{_ITEM}" + ("," + _ITEM).join([_label(r) for r in reasons]) + f"{_KEY}]"
    else:
        reasons_text = "[]"
    text = (
        f'{{{_KEY}"file": {_label(contact_file(file_result, result))},'
        f'{_KEY}"group": {_label(file_result.group)},'
        f'{_KEY}"index": {_number(source.index)},{_KEY}"line": {_number(source.line)},'
        f'{_KEY}"name": {_string(shown_name(result, options))},'
        f'{_KEY}"classification": {_label(result.classification.label.value)},'
        f'{_KEY}"classification_reasons": {reasons_text},'
        f'{_KEY}"risk_score": {_number(result.risk_score)},'
        f'{_KEY}"risk_level": {_label(result.risk_level.label)},'
        f'{_KEY}"findings": {findings_text}'
    )
    if options.explain:
        confidence = result.classification.confidence
        text += json_safe(explained_text(confidence, signal_views(result, options)))
    return text + _PAD + "}"
