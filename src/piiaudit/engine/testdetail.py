"""What a failing ``rules test`` check says beyond "fired" or "did not fire".

QA round 12 found three failures that left the author to rerun ``scan --explain``
by hand, with the pack loaded and the test profile rebuilt:

- a ``no_match`` case that fired did not say where: :func:`fired_where` names the
  field and the value, masked as reports mask it (fixtures may hold real exports);
- a fixture's class mismatch gave no reason: :func:`class_detail` lists the scores
  and the evidence behind them;
- a rule switched off by the profile or by a pack's ``disable`` was "not loaded":
  :func:`disabled_by` says who switched it off.
"""

from __future__ import annotations

from piiaudit.engine.evaluate import Engine
from piiaudit.engine.packsearch import PACK_FILE
from piiaudit.masking import mask
from piiaudit.model import ContactResult, Finding, Reason, ValueKind


def disabled_by(engine: Engine) -> dict[str, str]:
    """Each rule the engine's packs or profile switch off, and where (``file:line``
    for the profile, the ``pack.yaml`` for a pack)."""
    where: dict[str, str] = {}
    for pack in engine.loaded.packs:
        for rule_id in pack.disable:
            where[rule_id] = str(pack.path / PACK_FILE)
    profile = engine.profile
    source = str(profile.source) if profile.source else "the profile"
    for rule_id in profile.disable:
        line = profile.disable_lines.get(rule_id)
        where.setdefault(rule_id, f"{source}:{line}" if line else source)
    return where


def fired_where(result: ContactResult, rule_id: str) -> str:
    """``on notes[0] (****-****)``: the places the rule left a trace, masked; ``""``
    when it left none."""
    traces: tuple[Finding | Reason, ...] = (
        *result.findings,
        *result.suppressed,
        *result.classification.reasons,
    )
    places: list[tuple[str, str, ValueKind]] = [
        (t.field, t.value, t.kind) for t in traces if t.rule == rule_id and t.field
    ]
    shown = dict.fromkeys(
        f"{field} ({mask(value, kind)})" if value else field for field, value, kind in places
    )
    return f"on {', '.join(shown)}" if shown else ""


def class_detail(result: ContactResult) -> str:
    """The scores and the evidence behind a contact's class, for a class mismatch."""
    found = result.classification
    reasons = [
        f"{r.rule} {r.towards.value} {r.weight:g}" + (f" in {r.field}" if r.field else "")
        for r in found.reasons
    ]
    scores = f"business {found.business_score:g}, private {found.private_score:g}"
    return f"{scores}; evidence: {', '.join(reasons) if reasons else 'none'}"
