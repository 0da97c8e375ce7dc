"""Orchestration: run every input through parse -> evaluate -> aggregate.

This is the only place that knows all three stages; the CLI calls it and hands
the :class:`~piiaudit.model.AuditResult` to a reporter. Each file is parsed
once and its contacts are evaluated as they stream out of the parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from piiaudit import __version__
from piiaudit.engine import Engine
from piiaudit.model import AuditResult, ContactResult, FileResult
from piiaudit.parsers import ParseOptions, open_input


@dataclass(frozen=True, slots=True)
class AuditOptions:
    parse: ParseOptions = field(default_factory=ParseOptions)
    settings: dict[str, object] = field(default_factory=dict)


def audit_file(path: str, engine: Engine, options: AuditOptions) -> FileResult:
    """Parse one file and evaluate each contact as it is read."""
    results: list[ContactResult] = []
    with open_input(path, options.parse) as parsed:
        results.extend(engine.evaluate(contact) for contact in parsed.contacts)
        info = parsed.info
    score, level = engine.aggregate(results)
    return FileResult(info=info, contacts=results, risk_score=score, risk_level=level, group=path)


def audit_paths(paths: Sequence[str], engine: Engine, options: AuditOptions) -> AuditResult:
    """Audit files in the order given and aggregate the run."""
    files = [audit_file(path, engine, options) for path in paths]
    everything = [c for f in files for c in f.contacts]
    score, level = engine.aggregate(everything)
    return AuditResult(
        files=files,
        risk_score=score,
        risk_level=level,
        settings=dict(options.settings),
        rules=engine.rule_infos(),
        tool_version=__version__,
    )
