"""Orchestration: run every input through parse -> evaluate -> aggregate.

This is the only place that knows all three stages; the CLI calls it and hands
the :class:`~piiaudit.model.AuditResult` to a reporter. Each file is parsed
once and its contacts are evaluated as they stream out of the parser.

Batch runs (issue 6) add three things, none of which may change the report:

* **discovery** — files and folders, ``--include``/``--exclude``
  (:mod:`piiaudit.discovery`); files are reported in the discovered order.
* **parallelism** — ``jobs > 1`` audits files in worker processes, each building
  its engine once from the picklable profile (largest files first). Results are
  put back in input order, so the report is byte-identical to ``jobs == 1``.
  :func:`audit_report` (what ``scan`` runs) has each worker also build its
  file's share of the report (:mod:`piiaudit.reporters.parts`) and send back
  that text instead of the audited contacts; :func:`audit_paths` returns the
  whole :class:`~piiaudit.model.AuditResult` (``scan --baseline``, ``contacts``,
  ``baseline create``).
* **isolation** — a file that crashes the reader or the engine becomes a
  :class:`FileResult` with ``info.error`` set; the other files are still
  audited, and the CLI exits with code 3 at the end (:func:`result_has_unreadable`).

Progress is reported through the small :class:`Progress` protocol so this
module never prints; the rich bar lives in :mod:`piiaudit.cli.progress`.
"""

from __future__ import annotations

import copyreg
import dataclasses
import functools
import gc
import io
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from piiaudit import __version__, model
from piiaudit.discovery import STDIN, Discovered, Filters, discover
from piiaudit.engine import Engine, Profile
from piiaudit.model import AuditResult, ContactResult, FileInfo, FileResult, RiskLevel
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.reporters.parts import Assembled, PartPlan, assemble, digest

T = TypeVar("T")
# What becomes of each audited file, where it was audited: kept whole (``audit_paths``)
# or digested into its share of the report (``audit_report``). Must pickle (workers).
Finish = Callable[[FileResult], T]

GroupBy = Literal["file", "dir"]
GROUP_BY_CHOICES: tuple[GroupBy, ...] = ("file", "dir")

# How many contacts are read before the progress bar hears about them: often
# enough to move smoothly, rarely enough to cost nothing on 100,000 contacts.
_PROGRESS_STEP = 100


class Progress(Protocol):
    """What a run tells its observer. Every method is called from the main process."""

    def start(self, files: int) -> None:
        """The run is about to read ``files`` inputs."""

    def contacts_read(self, count: int) -> None:
        """``count`` more contacts were read (in batches; exact by the end of each file)."""

    def file_done(self, info: FileInfo, contacts: int) -> None:
        """One input is finished: ``contacts`` were read, or it was found unreadable
        (``info.error``). ``info`` may come without its parse issues."""

    def finish(self) -> None:
        """The run is over (also called when it stops on an error or an interrupt)."""


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """How to run an audit.

    ``profile`` (with ``extra_packs``) is what each worker process builds its
    engine from when ``jobs > 1``; the engine itself is not sent to workers.
    ``settings`` is copied into the result as is, for reports; nothing about
    the run's mechanics (jobs, progress) goes there, so reports do not depend on it.
    """

    parse: ParseOptions = field(default_factory=ParseOptions)
    settings: dict[str, object] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    group_by: GroupBy = "file"
    jobs: int = 1
    profile: Profile | None = None
    extra_packs: tuple[Path, ...] = ()


def default_jobs() -> int:
    """``--jobs`` default: one worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def group_of(path: str, group_by: GroupBy) -> str:
    """The per-employee key: the path as given, or its parent folder as given."""
    if group_by == "dir" and path != STDIN:
        return os.path.dirname(path) or "."
    return path


def result_has_unreadable(result: AuditResult) -> bool:
    """True when some input could not be read: the CLI then exits with code 3."""
    return any(f.info.error for f in result.files)


def unreadable_files(result: AuditResult) -> list[FileInfo]:
    """The inputs that could not be read, each with its one-sentence reason."""
    return [f.info for f in result.files if f.info.error]


def _failed(path: str, reason: str, group_by: GroupBy) -> FileResult:
    return FileResult(info=FileInfo(path=path, error=reason), group=group_of(path, group_by))


def _internal_error(exc: BaseException) -> str:
    """The reason shown for a crash: the type only, because a message may quote the file."""
    return f"internal error while reading: {type(exc).__name__}"


def audit_file(
    path: str, engine: Engine, options: AuditOptions, progress: Progress | None = None
) -> FileResult:
    """Parse one file and evaluate each contact as it is read.

    Never raises for a bad file: a crash in the reader or the engine on this file
    turns into ``info.error`` so a batch run goes on with the next file.
    """
    results: list[ContactResult] = []
    unreported = 0
    try:
        with open_input(path, options.parse) as parsed:
            for contact in parsed.contacts:
                results.append(engine.evaluate(contact))
                unreported += 1
                if progress is not None and unreported >= _PROGRESS_STEP:
                    progress.contacts_read(unreported)
                    unreported = 0
            info = parsed.info
        score, level = engine.aggregate(results)
    except Exception as exc:  # one bad file must not stop the run (issue 6)
        if progress is not None and unreported:
            progress.contacts_read(unreported)
        return _failed(path, _internal_error(exc), options.group_by)
    if progress is not None and unreported:
        progress.contacts_read(unreported)
    return FileResult(
        info=info,
        contacts=results,
        risk_score=score,
        risk_level=level,
        group=group_of(path, options.group_by),
    )


def audit_paths(
    paths: Sequence[str],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None = None,
) -> AuditResult:
    """Audit files and folders (walked as :mod:`piiaudit.discovery` describes) and
    aggregate the run. The result does not depend on ``options.jobs``."""
    files = _audit_all(paths, engine, options, progress, _whole)
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


def audit_report(
    paths: Sequence[str],
    engine: Engine,
    options: AuditOptions,
    plan: PartPlan,
    progress: Progress | None = None,
) -> Assembled:
    """Audit as :func:`audit_paths` does, building each file's share of the report
    where it is audited (:mod:`piiaudit.reporters.parts`): with ``jobs > 1`` the
    workers mask and render their contacts and send back text, not contacts.

    The reports rendered from the result are byte-identical to those rendered
    from :func:`audit_paths`' result with the same options.
    """
    rules = engine.rule_infos()
    plan = replace(plan, known_rules=frozenset(rule.id for rule in rules))
    parts = _audit_all(paths, engine, options, progress, functools.partial(digest, plan))
    return assemble(
        plan,
        parts,
        rules=rules,
        settings=dict(options.settings),
        tool_version=__version__,
        run_risk=functools.partial(_run_risk, engine),
    )


def _run_risk(engine: Engine, scores: list[int]) -> tuple[int, RiskLevel]:
    """The run's score from every contact's score: what ``engine.aggregate`` computes."""
    score = engine.scoring.aggregate(scores)
    return score, engine.scoring.level(score)


def _whole(result: FileResult) -> FileResult:
    """Keep the file's result as it is (a module function, so a worker can be sent it)."""
    return result


def _audit_all(
    paths: Sequence[str],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    finish: Finish[T],
) -> list[T]:
    inputs = discover(paths, Filters(options.include, options.exclude))
    if progress is not None:
        progress.start(len(inputs))
    try:
        return _run(inputs, engine, options, progress, finish)
    finally:
        gc.unfreeze()
        if progress is not None:
            progress.finish()


def _run(
    inputs: Sequence[Discovered],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    finish: Finish[T],
) -> list[T]:
    readable = [i for i, d in enumerate(inputs) if d.error is None and d.path != STDIN]
    if options.jobs <= 1 or len(readable) <= 1:
        return [_audit_one(d, engine, options, progress, finish) for d in inputs]
    if options.profile is None:
        raise ValueError("jobs > 1 needs AuditOptions.profile: each worker builds its own engine")
    slots: list[tuple[T] | None] = [None] * len(inputs)
    in_workers = set(readable)
    for i, d in enumerate(inputs):
        if i not in in_workers:  # stdin and folders that could not be listed stay here
            slots[i] = (_audit_one(d, engine, options, progress, finish),)
    global _forked_engine
    _forked_engine = engine if _START_METHOD == "fork" else None
    try:
        _run_parallel(inputs, readable, options, progress, slots, finish)
    finally:
        _forked_engine = None
    return [slot[0] for slot in slots if slot is not None]


def _audit_one(
    item: Discovered,
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    finish: Finish[T],
) -> T:
    if item.error is not None:
        result = _failed(item.path, item.error, options.group_by)
    else:
        result = audit_file(item.path, engine, options, progress)
    value = finish(result)
    _keep()
    if progress is not None:
        progress.file_done(result.info, len(result.contacts))
    return value


def _keep() -> None:
    """Results live until the run ends, so the cyclic GC need not scan them again.

    ``gc.freeze()`` moves every object alive now into the permanent generation
    (12% less CPU on a 80,000-contact run); :func:`audit_paths` unfreezes at the end.
    """
    gc.freeze()


# --------------------------------------------------------------------------- workers

# "fork" starts workers in milliseconds and every worker is started at the first
# submit, before the progress bar's refresh thread exists; elsewhere the platform default.
_START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else None

_worker_engine: Engine | None = None
# Set in the main process while its pools run: a forked worker finds the engine
# already built in its copy of memory and skips the build (0.2-0.5 s per worker).
_forked_engine: Engine | None = None


def _init_worker(profile: Profile, extra_packs: tuple[Path, ...]) -> None:
    """Build the engine once per worker process, not once per file (or inherit it)."""
    global _worker_engine
    if _forked_engine is not None:
        _worker_engine = _forked_engine
    else:
        _worker_engine = Engine.from_profile(profile, extra_packs=extra_packs)


def _audit_in_worker(path: str, options: AuditOptions, finish: Finish[T]) -> bytes:
    """Audit one file and send back ``(info, contacts read, finish(result))``.

    ``info`` goes without its parse issues: the progress needs only the file's
    name, kind and error, and an issue inside a hidden contact must not travel.
    """
    assert _worker_engine is not None, "worker initializer did not run"
    result = audit_file(path, _worker_engine, options)
    info = replace(result.info, issues=[], unmapped_columns=[])
    try:
        value = finish(result)
    except Exception as exc:
        raise _FinishFailed(exc) from None
    return _to_wire((info, len(result.contacts), value))


class _FinishFailed(Exception):
    """``finish`` (building the report's part) failed in a worker. Not the file's
    fault: the run fails with the error, as it would have in the main process."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def _to_wire(result: object) -> bytes:
    """Pickle a result with the model's dataclasses reduced to ``(class, field values)``.

    Sending results back is the main cost of parallelism besides the work itself:
    the main process unpickles every contact. The default pickling of slotted
    dataclasses runs Python code per object; this is about a third cheaper
    (2,000 audited contacts: 0.14 s to pickle and unpickle instead of 0.20 s).
    Pickle's memo still shares the rule texts and enums that findings point to.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _wire_table()
    pickler.dump(result)
    return buffer.getvalue()


def _from_wire(data: bytes) -> Any:
    """Unpickle a worker's result with the cyclic GC paused.

    Unpickling only allocates (results hold no cycles), yet every few hundred
    objects it triggered a collection: pausing it makes this about 20% cheaper,
    and this runs in the main process, on a core the workers need.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        result = pickle.loads(data)  # noqa: S301 - our own worker's bytes, never user input
    finally:
        if paused:
            gc.enable()
    return result


@functools.cache
def _wire_table() -> dict[Any, Any]:
    table: dict[Any, Any] = dict(copyreg.dispatch_table)
    for cls in vars(model).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            fields = dataclasses.fields(cls)
            if all(f.init for f in fields):
                table[cls] = _reducer(cls, tuple(f.name for f in fields))
    return table


def _reducer(cls: type, names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    def reduce(obj: Any) -> tuple[Any, ...]:
        return cls, tuple([getattr(obj, name) for name in names])

    return reduce


def _run_parallel(
    inputs: Sequence[Discovered],
    indexes: Sequence[int],
    options: AuditOptions,
    progress: Progress | None,
    slots: list[tuple[T] | None],
    finish: Finish[T],
) -> None:
    """Fill ``slots[i]`` for every index, using ``options.jobs`` worker processes.

    A worker that dies (killed, out of memory, a crash in C code) breaks the whole
    pool; the files it left unfinished are then retried one per fresh worker, so
    only the file that kills its worker is reported as unreadable.
    """
    pending = _pool_pass(inputs, indexes, options, options.jobs, progress, slots, finish)
    for index in pending:
        if _pool_pass(inputs, [index], options, 1, progress, slots, finish):
            reason = "internal error while reading: the worker process died"
            result = _failed(inputs[index].path, reason, options.group_by)
            slots[index] = (finish(result),)
            if progress is not None:
                progress.file_done(result.info, 0)


def _pool_pass(
    inputs: Sequence[Discovered],
    indexes: Sequence[int],
    options: AuditOptions,
    jobs: int,
    progress: Progress | None,
    slots: list[tuple[T] | None],
    finish: Finish[T],
) -> list[int]:
    """One pool over ``indexes``; returns the indexes lost to a broken pool."""
    # A worker needs no options it cannot use; the profile travels once, in initargs.
    worker_options = AuditOptions(parse=options.parse, group_by=options.group_by)
    profile = options.profile
    assert profile is not None, "checked by _run"
    context = multiprocessing.get_context(_START_METHOD)
    broken: list[int] = []
    # Frozen objects are not scanned by a forked worker's collector either, so its
    # pages stay shared with the main process instead of being copied and walked.
    _keep()
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(indexes)),
        mp_context=context,
        initializer=_init_worker,
        initargs=(profile, options.extra_packs),
    )
    try:
        futures: dict[Future[bytes], int] = {
            pool.submit(_audit_in_worker, inputs[i].path, worker_options, finish): i
            for i in _largest_first(inputs, indexes)
        }
        for future in as_completed(futures):  # so the progress bar moves as files finish
            index = futures[future]
            try:
                info, count, value = _from_wire(future.result())
            except BrokenProcessPool:
                broken.append(index)
                continue
            except _FinishFailed as unfinished:
                raise unfinished.error from None
            except Exception as exc:  # e.g. a result that cannot be sent back
                failed = _failed(inputs[index].path, _internal_error(exc), options.group_by)
                info, count, value = failed.info, 0, finish(failed)
            slots[index] = (value,)
            _keep()
            if progress is not None:
                progress.contacts_read(count)
                progress.file_done(info, count)
    except BaseException:
        # Ctrl-C (or a bug here): drop the files not started instead of waiting for them.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return sorted(broken)


def _largest_first(inputs: Sequence[Discovered], indexes: Sequence[int]) -> list[int]:
    """The files in the order to hand them out: largest first, so that the run does
    not end with one worker on a big file while the others wait (results are put
    back in input order whatever the order they finish in)."""

    def size(index: int) -> int:
        try:
            return os.stat(inputs[index].path).st_size
        except OSError:  # gone or unreadable: the worker will say so
            return 0

    return sorted(indexes, key=lambda i: -size(i))


def rescore(result: AuditResult, engine: Engine) -> None:
    """Recompute every score after findings were moved out (``scan --baseline``), in place.

    A contact's score comes from its remaining findings, as the engine scores them,
    so an accepted finding no longer raises its contact, its file or the run.
    """
    for file_result in result.files:
        updated = []
        for cr in file_result.contacts:
            score = engine.scoring.contact_score(cr.findings, cr.classification.label)
            updated.append(replace(cr, risk_score=score, risk_level=engine.scoring.level(score)))
        file_result.contacts = updated
        if not file_result.info.error:
            file_result.risk_score, file_result.risk_level = engine.aggregate(updated)
    result.risk_score, result.risk_level = engine.aggregate(result.contact_results())
