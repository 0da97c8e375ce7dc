"""``composite``: fires when several rules (or finding categories) hold on one contact.

A customer's personal mobile, home address and birthday together are a full
private profile, worse than each alone; a composite rule names the rules it
needs (``all``), alternatives (``any`` with ``min_any``) or categories
(``categories_all``). Composite rules run after every plain rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from piiaudit.engine.detectors.base import DetectorConfigError, EvalContext, Match
from piiaudit.engine.view import ContactView
from piiaudit.model import ValueKind


class CompositeDetector:
    name = "composite"

    def __init__(self, params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> None:
        self.all = tuple(params.get("all", ()))
        self.any = tuple(params.get("any", ()))
        self.min_any = int(params.get("min_any", 1))
        self.categories = frozenset(params.get("categories_all", ()))
        self._all_set = frozenset(self.all)
        if not (self.all or self.any or self.categories):
            raise DetectorConfigError("composite needs all, any or categories_all", "all")

    @property
    def requires(self) -> tuple[str, ...]:
        return self.all + self.any

    def describe(self) -> str:
        parts = []
        if self.all:
            parts.append("all of " + ", ".join(self.all))
        if self.any:
            parts.append(f"{self.min_any}+ of " + ", ".join(self.any))
        if self.categories:
            parts.append("categories " + ", ".join(sorted(self.categories)))
        return "; ".join(parts)

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]:
        fired = ctx.fired
        if self.all and not self._all_set <= fired.keys():
            return []
        if self.any and sum(rule in fired for rule in self.any) < self.min_any:
            return []
        if not self.categories <= ctx.categories:
            return []
        used = [r for r in self.requires if r in fired] + sorted(self.categories)
        name = view.contact.display_name()
        return [
            Match(
                "contact",
                name,
                ValueKind.NAME,
                pattern=self.describe(),
                notes=tuple(f"requires {u}" for u in used),
            )
        ]
