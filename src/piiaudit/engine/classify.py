"""Business, private or unknown: weighing the evidence rules left on a contact.

Each firing rule with ``evidence`` adds its weight (times its confidence)
towards ``business`` or ``private``. The contact is ``unknown`` when the
stronger side has less than ``min_evidence`` or leads by less than
``min_margin``: weak or conflicting evidence is reported as such, never
settled by a coin toss. Confidence is the stronger side's share of all
evidence, scaled down while the total is still small.

A reason may hold a *veto* (``evidence: {..., veto: true}``): the owner's own
marking of a contact (a kin word in brackets, 健二(弟)) is surer than any amount
of card detail, yet a customer's son noted 佐藤(息子) exists too. So the contact
is never classified against a veto: where the other side's evidence would win,
it is ``unknown`` and goes to review (QA round 18: a brother, a sister and a
husband whose cards named their employers were handed to the company).

A rule may also *settle* the class (``evidence: {..., settles: true}``): the user's
own statement for the run, ``--owner`` naming their own card, which carries their
employer, title and work mail (business weight of about 30 with the company
profile) and yet is theirs. A veto would only send it to review; settled, it is of
the rule's class whatever weighs on the other side, with confidence 1.0 (two
settling signals that disagree leave it ``unknown``). The weights are still shown.

Everything but the reasons themselves depends only on each reason's side and
weight, and contacts come in few such shapes, so that part is remembered per
shape (:func:`classify` and :func:`weigh` give what :func:`_weigh` gives).
"""

from __future__ import annotations

from collections.abc import Sequence

from piiaudit.model import Classification, ContactClass, Reason, fast_constructor

KNOWN_MAX = 4096  # remembered evidence shapes, emptied when full
SHAPE_REASONS_MAX = 16  # longer shapes (more firing evidence rules) are not remembered

_new_classification = fast_constructor(Classification)

# label, confidence, order of the reasons (strongest first), business, private
Weighed = tuple[ContactClass, float, tuple[int, ...], float, float]
Shape = tuple[tuple[ContactClass, float], ...]

_known: dict[tuple[Shape, float, float], Weighed] = {}


def classify(
    reasons: Sequence[Reason],
    *,
    min_evidence: float,
    min_margin: float,
    settled: frozenset[ContactClass] = frozenset(),
) -> Classification:
    """The class the reasons give; ``settled`` holds the sides of the settling signals
    among them (see the module docstring)."""
    if settled:
        return _settled(reasons, settled, min_evidence=min_evidence, min_margin=min_margin)
    if len(reasons) == 1:  # the usual case, without the comprehensions
        reason = reasons[0]
        label, confidence, _, business, private = weigh(
            ((reason.towards, reason.weight),), min_evidence=min_evidence, min_margin=min_margin
        )
        return _new_classification(label, confidence, (reason,), business, private)
    label, confidence, order, business, private = weigh(
        tuple([(r.towards, r.weight) for r in reasons]),
        min_evidence=min_evidence,
        min_margin=min_margin,
    )
    if label is not ContactClass.UNKNOWN and any(
        r.veto and r.towards is not label for r in reasons
    ):
        # from the rounded scores the report shows, so a reader can recompute it
        label = ContactClass.UNKNOWN
        confidence = _unknown_confidence(business, private, min_evidence)
    ordered = tuple([reasons[i] for i in order])
    return _new_classification(label, confidence, ordered, business, private)


def _settled(
    reasons: Sequence[Reason],
    settled: frozenset[ContactClass],
    *,
    min_evidence: float,
    min_margin: float,
) -> Classification:
    """The class of a contact with settling signals: theirs when they agree."""
    weighed = classify(reasons, min_evidence=min_evidence, min_margin=min_margin)
    if len(settled) > 1:
        if weighed.label is ContactClass.UNKNOWN:
            return weighed
        confidence = _unknown_confidence(
            weighed.business_score, weighed.private_score, min_evidence
        )
        return _new_classification(
            ContactClass.UNKNOWN,
            confidence,
            weighed.reasons,
            weighed.business_score,
            weighed.private_score,
        )
    (label,) = settled
    return _new_classification(
        label, 1.0, weighed.reasons, weighed.business_score, weighed.private_score
    )


def _unknown_confidence(business: float, private: float, min_evidence: float) -> float:
    """How sure ``unknown`` is: 1.0 with no evidence at all, less the more one side leads."""
    strong, weak = max(business, private), min(business, private)
    total = business + private
    return 1.0 if total == 0 else round(1.0 - (strong - weak) / max(total, min_evidence), 3)


def weigh(shape: Shape, *, min_evidence: float, min_margin: float) -> Weighed:
    """:func:`_weigh`, remembered per shape (side and weight of each reason)."""
    key = (shape, min_evidence, min_margin)
    known = _known.get(key)
    if known is None:
        known = _weigh(shape, min_evidence, min_margin)
        if len(shape) <= SHAPE_REASONS_MAX:
            if len(_known) >= KNOWN_MAX:
                _known.clear()
            _known[key] = known
    return known


def _weigh(shape: Shape, min_evidence: float, min_margin: float) -> Weighed:
    business = sum(w for towards, w in shape if towards is ContactClass.BUSINESS)
    private = sum(w for towards, w in shape if towards is ContactClass.PRIVATE)
    strong, weak = max(business, private), min(business, private)
    total = business + private
    if strong < min_evidence or strong - weak < min_margin:
        label = ContactClass.UNKNOWN
        confidence = _unknown_confidence(business, private, min_evidence)
    else:
        label = ContactClass.BUSINESS if business > private else ContactClass.PRIVATE
        share = strong / total
        saturation = min(1.0, strong / (2.0 * min_evidence))
        confidence = round(share * (0.5 + 0.5 * saturation), 3)
    order = tuple(sorted(range(len(shape)), key=lambda i: -shape[i][1]))
    return label, confidence, order, round(business, 3), round(private, 3)
