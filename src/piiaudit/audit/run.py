"""A whole run: discover the inputs, audit them here or in workers, aggregate.

:func:`audit_paths` returns the whole :class:`~piiaudit.model.AuditResult`;
:func:`audit_report` has each file's share of the report built where the file
is audited (what ``scan`` runs). Both give the same result whatever ``jobs`` is.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from piiaudit import __version__
from piiaudit.audit.one_file import audit_input, freeze_results
from piiaudit.audit.options import AuditOptions, Finish, Join, Progress, Screen, T
from piiaudit.audit.plan import plan_units
from piiaudit.audit.pool import Outcome, run_parallel
from piiaudit.audit.settle import Screening
from piiaudit.audit.withhold import placeholder
from piiaudit.clock import audit_time
from piiaudit.discovery import STDIN, Discovered, EmployeeFolders, Filters, discover
from piiaudit.engine import Engine
from piiaudit.model import AuditResult, FileInfo, FileResult, RiskLevel
from piiaudit.region_hint import region_issue
from piiaudit.reporters.parts import Assembled, PartPlan, assemble, digest, join
from piiaudit.resources import read_shipped_yaml


def audit_paths(
    paths: Sequence[str],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None = None,
) -> AuditResult:
    """Audit files and folders (walked as :mod:`piiaudit.discovery` describes) and
    aggregate the run. The result does not depend on ``options.jobs``."""
    started = audit_time()
    renamed: dict[str, str] = {}
    joined = functools.partial(_joined, engine)
    files = _audit_all(paths, engine, options, progress, _whole, joined, renamed=renamed)
    everything = [c for f in files for c in f.contacts]
    score, level = engine.aggregate(everything)
    return AuditResult(
        files=files,
        risk_score=score,
        risk_level=level,
        settings=_settings(options, renamed),
        rules=engine.rule_infos(),
        tool_version=__version__,
        generated=started,
    )


def audit_report(
    paths: Sequence[str],
    engine: Engine,
    options: AuditOptions,
    plan: PartPlan,
    progress: Progress | None = None,
    screen: Screen | None = None,
) -> Assembled:
    """Audit as :func:`audit_paths` does, building each file's share of the report
    where it is audited (:mod:`piiaudit.reporters.parts`): with ``jobs > 1`` the
    workers mask and render their contacts and send back text, not contacts.

    The reports rendered from the result are byte-identical to those rendered
    from :func:`audit_paths`' result with the same options.

    With a ``screen`` (``scan --baseline``), the findings it accepts are moved out
    of each file where the file is audited, and the scores recomputed, exactly as
    :func:`piiaudit.baseline.apply` and :func:`rescore` do to the whole result:
    entries are used once each, in file and contact order
    (see :func:`piiaudit.audit.settle.settle`).
    ``settings`` then also says how many findings were suppressed.
    """
    started = audit_time()
    rules = engine.rule_infos()
    plan = replace(plan, known_rules=frozenset(rule.id for rule in rules))
    finish = functools.partial(digest, plan)
    risk = functools.partial(run_risk, engine)
    screening = Screening(screen) if screen is not None else None
    renamed: dict[str, str] = {}
    parts = _audit_all(
        paths,
        engine,
        options,
        progress,
        finish,
        functools.partial(join, plan, risk),
        screening,
        renamed,
    )
    settings = _settings(options, renamed)
    if screening is not None:
        settings["baseline_suppressed"] = screening.suppressed
    return assemble(
        plan,
        parts,
        rules=rules,
        settings=settings,
        tool_version=__version__,
        generated=started,
        run_risk=functools.partial(run_risk, engine),
        renamed=renamed,
    )


def _settings(options: AuditOptions, renamed: dict[str, str]) -> dict[str, object]:
    """The run's settings for its report, an input named on the command line whose
    name was withheld (:mod:`piiaudit.audit.withhold`) under the path it went under."""
    settings = dict(options.settings)
    inputs = settings.get("inputs")
    if renamed and isinstance(inputs, list):
        settings["inputs"] = [renamed.get(str(given), given) for given in inputs]
    return settings


def run_risk(engine: Engine, scores: list[int]) -> tuple[int, RiskLevel]:
    """The run's score from every contact's score: what ``engine.aggregate`` computes."""
    score = engine.scoring.aggregate(scores)
    return score, engine.scoring.level(score)


def _whole(result: FileResult) -> FileResult:
    """Keep the file's result as it is (a module function, so a worker can be sent it)."""
    return result


def _joined(engine: Engine, parts: Sequence[FileResult]) -> FileResult:
    """The pieces of one file as the one result a single read would have given."""
    first = parts[0]
    info = FileInfo(
        path=first.info.path,
        format=first.info.format,
        dialect=next((p.info.dialect for p in parts if p.info.dialect), ""),
        encoding=first.info.encoding,
        contacts=sum(p.info.contacts for p in parts),
        issues=[issue for p in parts for issue in p.info.issues],
        delimiter=first.info.delimiter,
    )
    for part in parts:
        info.numbers.add(part.info.numbers)
    hint = region_issue(info.numbers)  # decided on the whole file's counts, as a single read does
    if hint is not None:
        info.issues.insert(0, hint)
    contacts = [c for p in parts for c in p.contacts]
    score, level = engine.aggregate(contacts)
    return FileResult(
        info=info,
        contacts=contacts,
        risk_score=score,
        risk_level=level,
        group=first.group,
    )


@functools.cache
def not_exports() -> tuple[str, ...]:
    """Globs of the files a folder walk passes over (``not_exports.yaml``: photos, videos,
    documents). Files named on the command line are always read."""
    data = read_shipped_yaml(_NOT_EXPORTS)
    return tuple(str(glob) for glob in data["globs"])


_NOT_EXPORTS = Path(__file__).resolve().parent / "not_exports.yaml"


def _audit_all(
    paths: Sequence[str],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    finish: Finish[T],
    join: Join[T],
    screening: Screening | None = None,
    renamed: dict[str, str] | None = None,
) -> list[T]:
    """Discover the inputs and audit each. ``renamed`` (when given) receives the path of
    each input whose name was withheld, and the path it went under."""
    filters = Filters(options.include, options.exclude, not_exports())
    folders = tuple(p for p in paths if p != STDIN and os.path.isdir(p))
    # One folder given: each folder directly inside it is an employee's. Several
    # (exports/*): each of them is one, however deep its files lie. Known with
    # --group-by file too: a name in a folder below an employee's may be a contact's.
    options = replace(options, roots=folders, whole_roots=len(folders) > 1)
    employees: EmployeeFolders = ""
    if options.group_by == "dir":
        employees = "given" if options.whole_roots else "children"
    inputs = discover(paths, filters, empty_folders=employees)
    if progress is not None:
        progress.start(len(inputs))
    # The engine (compiled rules, word lists) and the modules loaded so far live as long
    # as the run: frozen, the collector no longer walks them each time it runs between
    # the phases that pause it (with the pauses, GC is ~2% of a one-file run, was ~10%).
    freeze_results()
    try:
        # Where each input goes if its name must be withheld from this audience.
        shown = (
            [
                placeholder(d.path, n, options.employee_folder(d.path))
                for n, d in enumerate(inputs, 1)
            ]
            if options.unlisted
            else []
        )
        outcome = Outcome(finish, join, screening, shown, renamed if renamed is not None else {})
        return _run(inputs, engine, options, progress, outcome)
    finally:
        gc.unfreeze()
        if progress is not None:
            progress.finish()


def _run(
    inputs: Sequence[Discovered],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    outcome: Outcome[T],
) -> list[T]:
    readable = [i for i, d in enumerate(inputs) if d.error is None and d.path != STDIN]
    units = plan_units(inputs, readable, options.jobs)
    finish = outcome.finish
    screening = outcome.screening
    # Standard input cannot be read twice, as settling a screened run may need (settle).
    in_order = screening is not None and any(d.path == STDIN for d in inputs)
    renamed = outcome.renamed
    if options.jobs <= 1 or len(units) <= 1 or in_order:
        screened = screening.in_order(engine) if screening is not None else None
        shown = outcome.shown_as
        return [
            audit_input(d, engine, options, progress, finish, screened, shown(i), renamed)
            for i, d in enumerate(inputs)
        ]
    if options.profile is None:
        raise ValueError("jobs > 1 needs AuditOptions.profile: each worker builds its own engine")
    slots: list[tuple[T] | None] = [None] * len(inputs)
    in_workers = set(readable)
    for i, d in enumerate(inputs):
        if i not in in_workers:  # stdin and inputs that could not be opened stay here
            as_shown = outcome.shown_as(i)
            slots[i] = (audit_input(d, engine, options, progress, finish, None, as_shown, renamed),)
    run_parallel(inputs, units, engine, options, progress, slots, outcome)
    return [slot[0] for slot in slots if slot is not None]
