"""A whole audit result built again in parts, as ``scan`` builds its reports.

``scan`` never renders a whole :class:`~piiaudit.model.AuditResult`: each file's
part is digested (in a worker) and the run assembled from the parts. Tests that
compare the two paths, or check what the assembled run does, all need the same
call; here it is once, so a change to ``assemble``'s signature is one edit.
"""

from __future__ import annotations

from collections.abc import Callable

from piiaudit.model import AuditResult, RiskLevel
from piiaudit.reporters.parts import Assembled, FilePart, PartPlan, assemble, digest

RunRisk = Callable[[list[int]], tuple[int, RiskLevel]]


def assembled(
    result: AuditResult,
    plan: PartPlan,
    *,
    parts: list[FilePart] | None = None,
    run_risk: RunRisk | None = None,
) -> Assembled:
    """``result`` assembled from its files' parts under ``plan``.

    ``parts`` replaces the digests (e.g. parts that went through pickle); the run's
    score is ``result``'s own unless ``run_risk`` is given (to see what it is asked).
    """
    if parts is None:
        parts = [digest(plan, f) for f in result.files]
    return assemble(
        plan,
        parts,
        rules=result.rules,
        settings=result.settings,
        tool_version=result.tool_version,
        generated=result.generated,
        run_risk=run_risk or (lambda scores: (result.risk_score, result.risk_level)),
    )
