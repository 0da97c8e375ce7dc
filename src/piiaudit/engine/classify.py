"""Business, private or unknown: weighing the evidence rules left on a contact.

Each firing rule with ``evidence`` adds its weight (times its confidence)
towards ``business`` or ``private``. The contact is ``unknown`` when the
stronger side has less than ``min_evidence`` or leads by less than
``min_margin``: weak or conflicting evidence is reported as such, never
settled by a coin toss. Confidence is the stronger side's share of all
evidence, scaled down while the total is still small.
"""

from __future__ import annotations

from collections.abc import Sequence

from piiaudit.model import Classification, ContactClass, Reason


def classify(
    reasons: Sequence[Reason], *, min_evidence: float, min_margin: float
) -> Classification:
    business = sum(r.weight for r in reasons if r.towards is ContactClass.BUSINESS)
    private = sum(r.weight for r in reasons if r.towards is ContactClass.PRIVATE)
    strong, weak = max(business, private), min(business, private)
    total = business + private
    if strong < min_evidence or strong - weak < min_margin:
        label = ContactClass.UNKNOWN
        confidence = (
            1.0 if total == 0 else round(1.0 - (strong - weak) / max(total, min_evidence), 3)
        )
    else:
        label = ContactClass.BUSINESS if business > private else ContactClass.PRIVATE
        share = strong / total
        saturation = min(1.0, strong / (2.0 * min_evidence))
        confidence = round(share * (0.5 + 0.5 * saturation), 3)
    ordered = tuple(sorted(reasons, key=lambda r: -r.weight))
    return Classification(label, confidence, ordered, round(business, 3), round(private, 3))
