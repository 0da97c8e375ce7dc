"""How ``--explain`` shows the weighing behind a contact's class, in every report.

"Why:" listed the rules that fired as one run of sentences, so a contact with signals
both ways (a company card that the owner noted as 弟) read as all business: nothing said
which side each rule weighed on, or how much (QA round 18). Each reason now carries its
side and weight, and the sides' totals come first: ``business 9 · private 3``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from piiaudit.model import ContactClass
from piiaudit.reporters.viewtypes import SignalView

Translate = Callable[..., str]


def side_totals(signals: Sequence[SignalView], t: Translate) -> str:
    """``business 9 · private 3``: the evidence each side gathered, in the report's words."""
    totals = {"business": 0.0, "private": 0.0}
    for signal in signals:
        if signal.towards in totals:
            totals[signal.towards] += signal.weight
    pairs = [f"{t(f'kind.{side}')} {_weight(total)}" for side, total in totals.items()]
    return t("list_separator").join(pairs)


def weighed_reasons(
    signals: Sequence[SignalView], t: Translate
) -> tuple[tuple[str, str, str], ...]:
    """Each signal as ``(side, weight, reason)``: the side in the report's words, the
    weight as written (with the side it vetoes: why a contact with more business
    weight is still to review), and the rule with its description."""
    out = []
    for signal in signals:
        weight = _weight(signal.weight)
        if signal.veto and signal.towards in _OTHER:
            weight += " " + t("contacts.veto", side=t(f"kind.{_OTHER[signal.towards]}"))
        reason = f"{signal.rule}: {signal.description}" if signal.description else signal.rule
        out.append((t(f"kind.{signal.towards}"), weight, reason))
    return tuple(out)


_OTHER = {"business": "private", "private": "business"}
UNDECIDED = ContactClass.UNKNOWN.value


def certainty(classification: str, confidence: float, t: Translate) -> str:
    """What follows the totals: the class's confidence, or for an undecided contact
    that it is left to the reader. An unknown contact's figure measures how even the
    sides are (docs/scoring.md), so "confidence 0.86" on one read as "86 % sure" of
    a class it does not have (blind JP QA, round 4)."""
    if classification == UNDECIDED:
        return t("contacts.undecided")
    return t("contacts.confidence", value=f"{confidence:.2f}")


def _weight(value: float) -> str:
    return f"{round(value, 2):g}"
