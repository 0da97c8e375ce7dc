"""A listed contact's JSON report text, written straight from its audit result.

``scan -f json`` renders each listed contact where its file is audited
(:mod:`piiaudit.reporters.parts`). The general way, a masked
:class:`~piiaudit.reporters.view.ContactView` then
:func:`piiaudit.reporters.json_report.contact_fragment`, built a view object per
contact and per finding only to write it out once, and encoded the same rule
texts again for every finding: about 40 µs a contact, a fifth of the audit of a
large export (issue 6). Here the text is written from the
:class:`~piiaudit.model.ContactResult` with the view's own helpers (masking,
the shown name, the findings' order), and what recurs is encoded once:

* a rule's part of a finding (rule, category, severity, message,
  recommendation, references) is the same on thousands of findings, and so
  is a classification reason's text and (``--explain``) a finding's trail,
  which the engine shares among findings;
* field names, paths, class and level labels are the same on many contacts.

The memos are bounded (:data:`KNOWN_MAX` entries each, emptied when full) and
keep no personal value: the rule, reason and trail memos are keyed by the
engine's own objects (kept with their text, so an id cannot be reused while it
is a key; trails hold no personal value), and the label memo holds no text
longer than :data:`TEXT_MAX` characters and is never given a contact's name,
value or evidence, which are masked and written, never kept. The text is the
same, byte for byte, as the general way's (``tests/reporters/test_json_fast.py``).
"""

from __future__ import annotations

from json.encoder import encode_basestring

from piiaudit.masking import mask
from piiaudit.model import ContactResult, FileResult, Finding, RiskLevel, Text, Trail
from piiaudit.reporters.i18n import text_shape
from piiaudit.reporters.json_report import scalar, strings, trail_text
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.textsafe import json_safe
from piiaudit.reporters.view import (
    contact_file,
    ordered_findings,
    shown_evidence,
    shown_name,
    shown_place,
    shown_trail,
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
# (id(trail), show_pii) -> (trail, its JSON text); a trail shown masked holds no
# personal value (model.Trail, view.shown_trail).
_trails: dict[tuple[int, bool, str], tuple[Trail, str]] = {}
# (rule, id(description), lang) -> (description, the reason's JSON text).
_reasons: dict[tuple[str, int, str], tuple[Text | None, str]] = {}


def forget() -> None:
    """Empty the memos (tests check the text is the same with them warm and cold)."""
    _labels.clear()
    _rules.clear()
    _reasons.clear()
    _trails.clear()


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
    if type(value) is float and value - value == 0.0:  # finite (NaN and infinities are not)
        return float.__repr__(value)
    return json_safe(scalar(value))


# Labels by level number, and the JSON text of each class: members' names and
# values are looked up through Python-level descriptors, ten times a dict look-up.
_LEVEL_LABELS = tuple(scalar(level.label) for level in sorted(RiskLevel))


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


def _reasons_text(result: ContactResult, lang: str) -> str:
    """The contact's classification reasons as a JSON list (``view.reason_texts``)."""
    reasons = result.classification.reasons
    if not reasons:
        return "[]"
    items = []
    for reason in reasons:
        description = reason.description
        key = (reason.rule, id(description), lang)
        known = _reasons.get(key)
        if known is None or known[0] is not description:
            text = f"{reason.rule}: {description.get(lang)}" if description else reason.rule
            if len(_reasons) >= KNOWN_MAX:
                _reasons.clear()
            # The description is kept with its text, so its id cannot be reused.
            known = _reasons[key] = (description, _string(text))
        items.append(known[1])
    return f"[{_ITEM}" + ("," + _ITEM).join(items) + f"{_KEY}]"


def _finding_text(finding: Finding, options: ReportOptions) -> str:
    head, middle, tail = _rule_part(finding, options.lang)
    evidence = shown_evidence(finding, options)
    text = (
        f'{head}{_label(finding.field)},{_FIELD}"evidence": {_string(evidence)}'
        f"{middle}{_number(finding.confidence)}{tail}"
    )
    if options.explain and finding.trail is not None:
        text += _trail_text(finding.trail, options.show_pii, options.lang)
    return text + _ITEM + "}"


def _trail_text(trail: Trail, show_pii: bool, lang: str) -> str:
    """A finding's trail (``--explain``): the engine shares one object among many findings."""
    key = (id(trail), show_pii, lang)
    known = _trails.get(key)
    if known is not None and known[0] is trail:
        return known[1]
    text = json_safe(trail_text(shown_trail(trail, show_pii, text_shape(lang))))
    if len(_trails) >= KNOWN_MAX:
        _trails.clear()
    _trails[key] = (trail, text)  # kept with its text, so its id cannot be reused
    return text


_SIGNAL = _KEY + "    "  # a signal's keys


def _explained_text(result: ContactResult, options: ReportOptions) -> str:
    """What ``--explain`` adds to a contact (``json_report.explained_text`` of its view)."""
    cls = result.classification
    confidence = f',{_KEY}"classification_confidence": {_number(cls.confidence)},'
    if not cls.reasons:
        return f'{confidence}{_KEY}"classification_signals": []'
    items = []
    for r in cls.reasons:
        value = (
            mask(r.value, r.kind, show_pii=options.show_pii, text_shape=text_shape(options.lang))
            if r.value
            else ""
        )
        description = r.description.get(options.lang) if r.description else ""
        items.append(
            f'{{{_SIGNAL}"rule": {_label(r.rule)},{_SIGNAL}"towards": {_label(str(r.towards))},'
            f'{_SIGNAL}"weight": {_number(r.weight)},{_SIGNAL}"field": {_label(r.field)},'
            f'{_SIGNAL}"value": {_string(value)},{_SIGNAL}"description": {_label(description)},'
            f'{_SIGNAL}"veto": {"true" if r.veto else "false"}'
            f"{_ITEM}}}"
        )
    signals = f"[{_ITEM}" + ("," + _ITEM).join(items) + f"{_KEY}]"
    return f'{confidence}{_KEY}"classification_signals": {signals}'


def contact_text(file_result: FileResult, result: ContactResult, options: ReportOptions) -> str:
    """The contact's text in the JSON report: ``json_report.contact_fragment`` of its view."""
    index, line = shown_place(result, options)
    findings = ordered_findings(result)
    if findings:
        items = ("," + _ITEM).join([_finding_text(f, options) for f in findings])
        findings_text = f"[{_ITEM}{items}{_KEY}]"
    else:
        findings_text = "[]"
    text = (
        f'{{{_KEY}"file": {_label(contact_file(file_result, result))},'
        f'{_KEY}"group": {_label(file_result.group)},'
        f'{_KEY}"index": {_number(index)},{_KEY}"line": {_number(line)},'
        f'{_KEY}"name": {_string(shown_name(result, options))},'
        f'{_KEY}"classification": {_label(str(result.classification.label))},'
        f'{_KEY}"classification_reasons": {_reasons_text(result, options.lang)},'
        f'{_KEY}"risk_score": {_number(result.risk_score)},'
        f'{_KEY}"risk_level": {_LEVEL_LABELS[result.risk_level]},'
        f'{_KEY}"findings": {findings_text}'
    )
    if options.explain:
        text += _explained_text(result, options)
    return text + _PAD + "}"
