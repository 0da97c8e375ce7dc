"""The risk model: each contact 0-100 and a level, aggregated per file and run.

A finding is worth ``severity_points[severity] x confidence x class_factor``
(the class factor is 1.0 for categories in ``class_independent``). Points
combine like independent probabilities, ``100 x (1 - prod(1 - p/100))``, so
the score is bounded by 100 and adding a finding never lowers it. A critical
finding lifts the contact to at least ``critical_floor``, any other finding scored
in full to the lowest score of its severity's level. A file or run score
starts from its worst contact and each further contact adds its
``aggregate_factor`` share the same way. Weights come from ``scoring.yaml``
beside this module, overridden by the profile's ``scoring:``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from piiaudit.engine.yamlsafe import load_yaml
from piiaudit.model import Category, ContactClass, Finding, RiskLevel, Severity

DEFAULTS_FILE = Path(__file__).with_name("scoring.yaml")
# The risk level a finding's severity names (critical has its own floor).
_SEVERITY_LEVEL = {
    Severity.LOW: RiskLevel.LOW,
    Severity.MEDIUM: RiskLevel.MEDIUM,
    Severity.HIGH: RiskLevel.HIGH,
}
KNOWN_MAX = 4096  # remembered contact-score shapes, emptied when full
SHAPE_FINDINGS_MAX = 16  # contacts with more findings are scored, not remembered


@dataclass(frozen=True, slots=True)
class ScoringModel:
    severity_points: Mapping[Severity, float]
    class_factor: Mapping[ContactClass, float]
    class_independent: frozenset[Category]
    critical_floor: float
    levels: Mapping[RiskLevel, float]
    aggregate_factor: float
    min_evidence: float
    min_margin: float
    _known: dict[tuple[object, ...], tuple[int, RiskLevel]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def build(cls, overrides: Mapping[str, Any] | None = None) -> ScoringModel:
        data = _merge(_plain(load_yaml(DEFAULTS_FILE)), dict(overrides or {}))
        return cls(
            severity_points={
                Severity.parse(k): float(v) for k, v in data["severity_points"].items()
            },
            class_factor={ContactClass(k): float(v) for k, v in data["class_factor"].items()},
            class_independent=frozenset(Category(c) for c in data["class_independent"]),
            critical_floor=float(data["critical_floor"]),
            levels={RiskLevel.parse(k): float(v) for k, v in data["levels"].items()},
            aggregate_factor=float(data["aggregate_factor"]),
            min_evidence=float(data["classification"]["min_evidence"]),
            min_margin=float(data["classification"]["min_margin"]),
        )

    def points(self, finding: Finding, label: ContactClass) -> float:
        factor = 1.0 if finding.category in self.class_independent else self.class_factor[label]
        return self.severity_points[finding.severity] * finding.confidence * factor

    def contact_score(self, findings: Iterable[Finding], label: ContactClass) -> int:
        findings = list(findings)
        score = _combine(self.points(f, label) for f in findings)
        return _round(max(score, self._floor(findings, label)))

    def _floor(self, findings: Sequence[Finding], label: ContactClass) -> float:
        """The least score the findings allow: a critical finding lifts the contact to
        ``critical_floor``; a finding scored in full (a business contact's, or a
        class-independent category's) to the lowest score of its severity's level, so a
        medium finding of confidence 0.9 (22.5 points) does not make a "low" contact
        beside a "medium" finding. A private or unknown contact's class factor still
        lowers its other findings: their data is the owner's household's."""
        floor = 0.0
        for finding in findings:
            if finding.severity is Severity.CRITICAL:
                return self.critical_floor
            level = _SEVERITY_LEVEL.get(finding.severity)
            if level is None:
                continue
            in_full = finding.category in self.class_independent or self.class_factor[label] >= 1
            if in_full:
                floor = max(floor, self.levels[level])
        return floor

    def contact_score_and_level(
        self, findings: Sequence[Finding], label: ContactClass
    ) -> tuple[int, RiskLevel]:
        """:meth:`contact_score` and its :meth:`level`, remembered per what they read
        (each finding's category, severity and confidence, and the class): few
        such shapes occur, while findings themselves are new on every contact."""
        if len(findings) > SHAPE_FINDINGS_MAX:  # rare; not worth a long key
            score = self.contact_score(findings, label)
            return score, self.level(score)
        key = (
            (label, tuple([(f.category, f.severity, f.confidence) for f in findings]))
            if findings
            else (label, ())
        )
        known = self._known.get(key)
        if known is None:
            if len(self._known) >= KNOWN_MAX:
                self._known.clear()
            score = self.contact_score(findings, label)
            known = self._known[key] = (score, self.level(score))
        return known

    def level(self, score: float) -> RiskLevel:
        level = RiskLevel.NONE
        for candidate in (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.CRITICAL):
            if score >= self.levels[candidate]:
                level = candidate
        return level

    def aggregate(self, scores: Sequence[int]) -> int:
        """The score of a file or a run from its contacts' scores: the highest in full,
        each further one scaled by ``aggregate_factor``, combined as independent risks.

        A run has tens of thousands of scores, so the combination stops as soon as
        nothing further can change the rounded score: at the first zero score (the
        rest are zeros, each a factor of exactly 1), or once under 1% of the risk
        remains (the score rounds up to 100, and every further factor only lowers
        what remains).
        """
        if not scores:
            return 0
        ordered = sorted(scores, reverse=True)
        factor = self.aggregate_factor
        remaining = _unlikely(float(ordered[0]))
        for score in ordered[1:]:
            if not score or remaining <= _ROUNDS_TO_100:
                break
            remaining *= _unlikely(score * factor)
        return _round(100.0 * (1.0 - remaining))


# What may remain of a risk for its score to round up to 100 (see _round): 99.01 -> 100.
_ROUNDS_TO_100 = 0.0099


def _combine(points: Iterable[float]) -> float:
    remaining = 1.0
    for p in points:
        remaining *= _unlikely(p)
    return 100.0 * (1.0 - remaining)


def _unlikely(points: float) -> float:
    """The chance that a risk of ``points`` (0..100, clamped) does not happen."""
    return 1.0 - min(max(points, 0.0), 100.0) / 100.0


def _round(score: float) -> int:
    """Round up (a tiny risk is still a risk), within 0..100."""
    return int(min(100, max(0, math.ceil(score - 1e-9))))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out
