"""Why a rule did not fire on a contact: the reason ``rules test`` gives with a failure.

"did not fire" alone leaves a rule author guessing: the pattern may have found
nothing, or it found a value that a later step dropped (a validator, the digit
boundary, context words below ``min_confidence``, the placeholder guard), or the
contact's class is one the rule does not apply to. :func:`why_not` replays the
rule's steps on the reference path, in the engine's order, and names the step
that stopped each candidate. Values are masked as in reports: fixture files may
hold real exports.
"""

from __future__ import annotations

import copy

from piiaudit.engine.detectors import CompositeDetector, Detector, EvalContext, Match
from piiaudit.engine.detectors.regex import RegexDetector
from piiaudit.engine.evaluate import Engine
from piiaudit.engine.placeholders import GUARDED_KINDS, PlaceholderGuard
from piiaudit.engine.rule import Rule
from piiaudit.engine.validators import VALIDATORS
from piiaudit.engine.view import ContactView
from piiaudit.masking import mask
from piiaudit.model import Contact, ContactResult, ValueKind
from piiaudit.textnorm import normalize_number

# Why another rule kept a value: see evaluate._one_per_value.
_RIVAL_WON = "higher severity, the phone region's law, or higher confidence"


def why_not(engine: Engine, rule: Rule, contact: Contact, result: ContactResult) -> str:
    """One sentence on why ``rule`` left no trace on ``contact`` (``result`` is its
    evaluation); empty when no step explains it."""
    if rule.is_composite:
        return _composite(rule, result)
    view = ContactView(contact, reference=True)
    ctx = EvalContext(engine.profile.region, {}, frozenset(), exact=True)
    found = [detector.find(view, ctx) for detector in rule.detectors]
    if rule.match_all and len(found) > 1:
        empty = [i for i, matches in enumerate(found) if not matches]
        if empty:
            return "; ".join(_nothing(rule.detectors[i], view, ctx, i + 1) for i in empty)
        matches = found[0]
    else:
        matches = [m for group in found for m in group]
        if not matches:
            many = len(rule.detectors) > 1
            return "; ".join(
                _nothing(d, view, ctx, i + 1 if many else 0) for i, d in enumerate(rule.detectors)
            )
    dropped = [_dropped(engine, rule, match, view) for match in matches]
    if all(dropped):
        return "; ".join(dict.fromkeys(dropped))
    return _kept_but_absent(rule, result, matches)


def _composite(rule: Rule, result: ContactResult) -> str:
    """A composite whose named rules all have findings fired too, unless the contact's
    class is not one it applies to, or its finding was merged into another's (one per
    value and category): saying only "fires on the rules it names" misled (QA round 6)."""
    fired = sorted({f.rule for f in result.findings})
    parts = [d for d in rule.detectors if isinstance(d, CompositeDetector)]
    met = all(
        set(d.all) <= set(fired) and sum(r in fired for r in d.any) >= (d.min_any if d.any else 0)
        for d in parts
    )
    label = result.classification.label
    if met and label not in rule.applies_to:
        applies = ", ".join(sorted(c.value for c in rule.applies_to))
        return (
            f"the rules it names fired, but the contact is classified {label.value} "
            f"and the rule applies to {applies}"
        )
    rivals = sorted(
        {f.rule for f in result.findings if f.field == "contact" and f.category == rule.category}
    )
    if met and rivals:
        return (
            "the rules it names fired, but one finding per value and category is kept and "
            f"{', '.join(rivals)} reported it ({_RIVAL_WON})"
        )
    shown = ", ".join(fired) or "none"
    return f"a composite rule fires on the rules it names (rules with findings here: {shown})"


def _nothing(detector: Detector, view: ContactView, ctx: EvalContext, number: int) -> str:
    """Why one detector found no candidate: for a regex, whether a validator or the
    boundary check refused what the pattern itself matched."""
    described = f"{detector.name} {detector.describe()}"
    which = f"detector {number} ({described})" if number else described
    if isinstance(detector, RegexDetector):
        refused = _regex_refusal(detector, view, ctx)
        if refused:
            return f"{which} matched {refused}"
    return f"{which} found nothing"


def _regex_refusal(detector: RegexDetector, view: ContactView, ctx: EvalContext) -> str:
    """What the pattern matched before its validators and boundary refused it, or ''."""
    if detector.validators:
        loose = _loosened(detector, boundary=detector.boundary)
        for match in loose.find(view, ctx):
            failed = [v for v in detector.validators if not VALIDATORS[v](match.value, ctx.region)]
            if failed:
                return f"{_shown(match)}, but validator {', '.join(failed)} rejected it"
    if detector.boundary != "none":
        loose = _loosened(detector, boundary="none")
        for match in loose.find(view, ctx):
            kind = "digit" if detector.boundary == "digit" else "letter or digit"
            return (
                f"{_shown(match)} only inside a longer run: a {kind} stands next to it "
                f"(boundary: {detector.boundary})"
            )
    return ""


def _loosened(detector: RegexDetector, *, boundary: str) -> RegexDetector:
    """A copy of ``detector`` without validators (and with ``boundary``), to see what
    the pattern alone matches. The reference path it runs on keeps no memo."""
    loose = copy.copy(detector)
    loose.validators = ()
    loose.boundary = boundary
    return loose


def _dropped(engine: Engine, rule: Rule, match: Match, view: ContactView) -> str:
    """Why the engine would drop ``match`` of ``rule`` (the steps of ``Engine._hits``), or ''."""
    confidence, labelled = rule.confidence, False
    words: tuple[str, ...] = ()
    if rule.hotwords is not None:
        applied = rule.hotwords.apply(match, rule.confidence, exact=True, view=view)
        confidence, words = applied.confidence, applied.fired
        labelled = any(word.startswith("+") for word in words)
    if confidence < rule.min_confidence:
        context = f"context words: {', '.join(words)}" if words else "no context word raised it"
        return (
            f"{_shown(match)} was found, but its confidence {confidence:.2f} ({context}) "
            f"is below min_confidence {rule.min_confidence:g}"
        )
    guard = engine.guard
    if (
        rule.placeholder_guard
        and match.kind in GUARDED_KINDS
        and guard.is_placeholder(match.value, match.kind, labelled=labelled)
    ):
        return (
            f"the placeholder guard dropped {_shown(match)} as {_placeholder_kind(guard, match)}"
            "; set placeholder_guard: false on the rule if such values are real"
        )
    return ""


def _placeholder_kind(guard: PlaceholderGuard, match: Match) -> str:
    """Which placeholder pattern ``match`` is (the checks of ``PlaceholderGuard``)."""
    text = normalize_number(match.value).strip().lower()
    if text in guard.exact:
        return "a value of the placeholders data list"
    if match.kind is ValueKind.EMAIL:
        return "a placeholder address (its local part is in the placeholders data list)"
    digits = "".join(filter(str.isdigit, text))
    if len(set(digits)) == 1:
        return "one digit repeated"
    if 10 <= len(digits) <= 11 and len(set(digits[3:])) == 1:
        return "a prefix followed by one repeated digit"
    return "an ascending run of digits"


def _kept_but_absent(rule: Rule, result: ContactResult, matches: list[Match]) -> str:
    """A candidate passed every step of the rule: the contact's class or the choice of
    one finding per value kept it out of the result."""
    label = result.classification.label
    if rule.evidence is None and label not in rule.applies_to:
        applies = ", ".join(sorted(c.value for c in rule.applies_to))
        return (
            f"{_shown(matches[0])} was found, but the contact is classified {label.value} "
            f"and the rule applies to {applies}"
        )
    fields = {m.field for m in matches}
    rivals = sorted(
        {f.rule for f in result.findings if f.field in fields and f.category == rule.category}
    )
    if rivals:
        return (
            f"{_shown(matches[0])} was found, but one finding per value and category is "
            f"kept and {', '.join(rivals)} reported it ({_RIVAL_WON})"
        )
    return ""


def _shown(match: Match) -> str:
    return f"{mask(match.value, match.kind)} in {match.field}"
