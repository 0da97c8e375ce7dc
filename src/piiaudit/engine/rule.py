"""Compiled rules and packs: what the loader produces and the evaluator runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from piiaudit.engine.detectors import Detector
from piiaudit.engine.detectors.composite import CompositeDetector
from piiaudit.engine.hotwords import Hotwords
from piiaudit.model import Category, ContactClass, RuleInfo, Severity, Text

ALL_CLASSES = frozenset(ContactClass)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A rule's weight towards a contact class when it fires."""

    towards: ContactClass
    weight: float
    # Never classified the other way: against stronger evidence the contact is
    # unknown, for review (engine.classify).
    veto: bool = False
    # The contact is of this class whatever else weighs: the user's own statement for
    # the run (--owner, a ``person`` detector: engine.rulechecks), not a guess.
    settles: bool = False


@dataclass(slots=True)
class Rule:
    id: str
    name: str
    pack: str
    path: Path
    line: int
    description: Text
    category: Category
    severity: Severity
    applies_to: frozenset[ContactClass]
    detectors: tuple[Detector, ...]
    message: Text
    recommendation: Text
    references: tuple[str, ...]
    match_all: bool = True
    confidence: float = 1.0
    min_confidence: float = 0.5
    hotwords: Hotwords | None = None
    evidence: Evidence | None = None
    report: bool = True
    placeholder_guard: bool = True
    examples: dict[str, Any] = field(default_factory=dict)
    # The kind of special-care data (health, beliefs ...): findings of one kind on one value
    # are one finding, whatever language's rule found them; two kinds are two.
    special_care: str = ""

    @property
    def is_composite(self) -> bool:
        return any(isinstance(d, CompositeDetector) for d in self.detectors)

    @property
    def requires(self) -> tuple[str, ...]:
        return tuple(
            r for d in self.detectors if isinstance(d, CompositeDetector) for r in d.requires
        )

    def info(self) -> RuleInfo:
        return RuleInfo(
            id=self.id,
            pack=self.pack,
            category=self.category,
            severity=self.severity,
            description=self.description,
            recommendation=self.recommendation,
            references=self.references,
            name=self.name,
        )


@dataclass(slots=True)
class Pack:
    """One pack folder: its metadata, rules, data lists and where it lives."""

    id: str
    version: str
    description: Text
    path: Path
    rules: list[Rule] = field(default_factory=list)
    disable: tuple[str, ...] = ()
