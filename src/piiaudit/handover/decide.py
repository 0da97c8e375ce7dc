"""Where a contact goes at hand-over: the engine's class, unless a person said otherwise.

Both ``split`` and ``minimize`` need the same answer for the same contact, so the
decision lives here once: evaluate, then apply the override file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from piiaudit.handover.overrides import Override, OverrideSet
from piiaudit.model import Contact, ContactClass, ContactResult

# The three piles of a split, named for the person reading the output folder.
DESTINATIONS = {
    ContactClass.BUSINESS: "business",
    ContactClass.PRIVATE: "private",
    ContactClass.UNKNOWN: "review",
}


class Evaluator(Protocol):
    """What the hand-over needs from :class:`piiaudit.engine.Engine` (and what tests fake)."""

    def evaluate(
        self, contact: Contact, force_class: ContactClass | None = None
    ) -> ContactResult: ...


@dataclass(frozen=True, slots=True)
class Decision:
    """The final class of one contact and everything that led to it."""

    result: ContactResult
    label: ContactClass
    override: Override | None = None

    @property
    def engine_label(self) -> ContactClass:
        return self.result.classification.label

    @property
    def destination(self) -> str:
        return DESTINATIONS[self.label]

    @property
    def reasons(self) -> tuple[str, ...]:
        """Rule ids of the signals behind the class, strongest first, without repeats.

        An override is the reason when there is one: the engine's signals are then
        only what it had guessed.
        """
        if self.override is not None:
            return (f"override:{self.override.shown()}",)
        signals = sorted(
            self.result.classification.reasons,
            key=lambda r: (r.towards != self.label, -r.weight, r.rule),
        )
        return tuple(dict.fromkeys(r.rule for r in signals))


def decide(
    result: ContactResult, overrides: OverrideSet | None, decided: ContactClass | None = None
) -> Decision:
    """Apply the first matching override (index, then UID, then name) to ``result``.

    ``decided`` is a class the user already gave every contact of the file (``minimize``
    of the ``business.vcf`` that ``split`` wrote, or ``--all-business``): it replaces the
    engine's guess, which would otherwise undo the decision; an override still wins,
    being the more specific word of the same user.
    """
    override = overrides.find(result.contact) if overrides is not None else None
    if override is not None:
        label = override.label
    else:
        label = decided if decided is not None else result.classification.label
    return Decision(result=result, label=label, override=override)
