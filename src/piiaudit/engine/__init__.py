"""The rule engine: YAML rule packs, classification, scoring, the company profile.

Contract (docs/architecture.md)::

    profile = load_profile(explicit, start)
    engine = Engine.from_profile(profile, extra_packs=())
    engine.evaluate(contact) -> ContactResult
    engine.aggregate(results) -> (score, RiskLevel)
    engine.rule_infos() -> list[RuleInfo]
"""

from __future__ import annotations

from piiaudit.engine.evaluate import Engine
from piiaudit.engine.profile import Profile, Suppression, load_profile

__all__ = ["Engine", "Profile", "Suppression", "load_profile"]
