"""Orchestration: run every input through parse -> evaluate -> aggregate.

This is the only place that knows all three stages; the CLI calls it and hands
the :class:`~piiaudit.model.AuditResult` to a reporter. Each file is parsed
once and its contacts are evaluated as they stream out of the parser.

Batch runs (issue 6) add three things, none of which may change the report:

* **discovery** — files and folders, ``--include``/``--exclude``
  (:mod:`piiaudit.discovery`); files are reported in the discovered order.
* **parallelism** — ``jobs > 1`` audits files in worker processes, each building
  its engine once from the picklable profile (largest files first). A large
  vCard file is cut into pieces of whole cards that workers read side by side
  (:mod:`piiaudit.parsers.pieces`); the pieces are joined only if the reader
  confirms each cut, otherwise the file is read again in one go. Results are
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
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

from piiaudit import __version__, model
from piiaudit.discovery import STDIN, Discovered, Filters, discover
from piiaudit.engine import Engine, Profile
from piiaudit.gcpause import collector_paused
from piiaudit.model import AuditResult, ContactResult, FileInfo, FileResult, RiskLevel
from piiaudit.parsers import ParseOptions, Piece, PieceEnd, open_input, pieces_agree, plan_pieces
from piiaudit.reporters.parts import Assembled, PartPlan, assemble, digest, join

T = TypeVar("T")
# What becomes of each audited file, where it was audited: kept whole (``audit_paths``)
# or digested into its share of the report (``audit_report``). Must pickle (workers).
Finish = Callable[[FileResult], T]
# How the pieces of one file, each finished, become that file's one value.
Join = Callable[[Sequence[T]], T]

GroupBy = Literal["file", "dir"]
GROUP_BY_CHOICES: tuple[GroupBy, ...] = ("file", "dir")

# How many contacts are read before the progress bar hears about them: often
# enough to move smoothly, rarely enough to cost nothing on 100,000 contacts.
_PROGRESS_STEP = 100
# A vCard file is read by several workers at once, in pieces of whole cards no
# smaller than this (~600 plain contacts: one employee's phone export is worth
# sharing between the workers; a piece's own set-up costs a few milliseconds) and,
# but for the files that end a run, no smaller than the run's fair share (see _units).
PIECE_MIN_BYTES = 128 * 1024
# More pieces than workers, so that a worker slowed down (by its neighbour on the CPU, or
# by harder cards) does not hold up the end: four per worker took 6-16% less time than two
# on a 10,000-contact export (medians of 6-10 alternated runs), for a few ms per piece.
PIECES_PER_JOB = 4
_TAIL_TRIES = 4  # files per worker tried for cutting the end of a run (CSV files cannot be)


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


class Screen(Protocol):
    """Findings accepted earlier, moved out of each file's findings where the file is
    audited (``scan --baseline``: :class:`piiaudit.baseline.Screen`). Must pickle."""

    @property
    def entries(self) -> Mapping[str, int]:
        """How many findings of each fingerprint are accepted."""

    def screen(
        self, file_result: FileResult, limit: Mapping[str, int]
    ) -> tuple[Counter[str], Counter[str]]:
        """Move at most ``limit[fp]`` accepted findings of each fingerprint out of
        ``file_result``, in place; return those taken and every accepted one seen."""


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
    return _audit(path, engine, options, progress, None)[0]


def _audit(
    path: str,
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    piece: Piece | None,
) -> tuple[FileResult, PieceEnd | None]:
    """:func:`audit_file` of the whole file or of one ``piece`` of it (then also how it ended)."""
    results: list[ContactResult] = []
    unreported = 0
    end: PieceEnd | None = None
    try:
        # The loop keeps every result until the file is done and makes no cycles (a
        # 10,000-contact run leaves 33 cyclic objects, all from set-up): see gcpause.
        with collector_paused(), open_input(path, options.parse, piece) as parsed:
            for contact in parsed.contacts:
                results.append(engine.evaluate(contact))
                unreported += 1
                if progress is not None and unreported >= _PROGRESS_STEP:
                    progress.contacts_read(unreported)
                    unreported = 0
            info, end = parsed.info, parsed.piece_end
            # Frozen before the collector resumes: its first run would otherwise walk
            # every object the file's results are made of (~2% of a 10,000-contact run).
            _keep()
        score, level = engine.aggregate(results)
    except Exception as exc:  # one bad file must not stop the run (issue 6)
        if progress is not None and unreported:
            progress.contacts_read(unreported)
        return _failed(path, _internal_error(exc), options.group_by), None
    if progress is not None and unreported:
        progress.contacts_read(unreported)
    result = FileResult(
        info=info,
        contacts=results,
        risk_score=score,
        risk_level=level,
        group=group_of(path, options.group_by),
    )
    return result, end


def audit_paths(
    paths: Sequence[str],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None = None,
) -> AuditResult:
    """Audit files and folders (walked as :mod:`piiaudit.discovery` describes) and
    aggregate the run. The result does not depend on ``options.jobs``."""
    files = _audit_all(paths, engine, options, progress, _whole, functools.partial(_joined, engine))
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
    entries are used once each, in file and contact order (see :func:`_settle`).
    ``settings`` then also says how many findings were suppressed.
    """
    rules = engine.rule_infos()
    plan = replace(plan, known_rules=frozenset(rule.id for rule in rules))
    finish = functools.partial(digest, plan)
    risk = functools.partial(_run_risk, engine)
    screening = _Screening(screen) if screen is not None else None
    parts = _audit_all(
        paths, engine, options, progress, finish, functools.partial(join, plan, risk), screening
    )
    settings = dict(options.settings)
    if screening is not None:
        settings["baseline_suppressed"] = screening.suppressed
    return assemble(
        plan,
        parts,
        rules=rules,
        settings=settings,
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
    )
    contacts = [c for p in parts for c in p.contacts]
    score, level = engine.aggregate(contacts)
    return FileResult(
        info=info, contacts=contacts, risk_score=score, risk_level=level, group=first.group
    )


def _audit_all(
    paths: Sequence[str],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    finish: Finish[T],
    join: Join[T],
    screening: _Screening | None = None,
) -> list[T]:
    inputs = discover(paths, Filters(options.include, options.exclude))
    if progress is not None:
        progress.start(len(inputs))
    # The engine (compiled rules, word lists) and the modules loaded so far live as long
    # as the run: frozen, the collector no longer walks them each time it runs between
    # the phases that pause it (with the pauses, GC is ~2% of a one-file run, was ~10%).
    _keep()
    try:
        return _run(inputs, engine, options, progress, _Outcome(finish, join, screening))
    finally:
        gc.unfreeze()
        if progress is not None:
            progress.finish()


def _run(
    inputs: Sequence[Discovered],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    outcome: _Outcome[T],
) -> list[T]:
    readable = [i for i, d in enumerate(inputs) if d.error is None and d.path != STDIN]
    units = _units(inputs, readable, options.jobs)
    finish = outcome.finish
    screening = outcome.screening
    # Standard input cannot be read twice, as settling a screened run may need (_settle).
    in_order = screening is not None and any(d.path == STDIN for d in inputs)
    if options.jobs <= 1 or len(units) <= 1 or in_order:
        screened = screening.in_order(engine) if screening is not None else None
        return [_audit_one(d, engine, options, progress, finish, screened) for d in inputs]
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
        _run_parallel(inputs, units, options, progress, slots, outcome)
    finally:
        _forked_engine = None
    return [slot[0] for slot in slots if slot is not None]


@dataclass(frozen=True)
class _Outcome(Generic[T]):
    """What becomes of each file (``finish``, run where it was audited) and how the
    finished pieces of one file become the file's value (``join``, in this process)."""

    finish: Finish[T]
    join: Join[T]
    screening: _Screening | None = None


@dataclass
class _Screening:
    """A run's :class:`Screen` and how many findings it has moved out so far."""

    screen: Screen
    suppressed: int = 0

    def in_order(self, engine: Engine) -> Callable[[FileResult], None]:
        """Screening file after file in input order, each entry used once: exact as it goes."""
        remaining = Counter(self.screen.entries)

        def screened(result: FileResult) -> None:
            taken, _ = self.screen.screen(result, remaining)
            if taken:
                remaining.subtract(taken)
                self.suppressed += taken.total()
                _rescore_file(result, engine)

        return screened


Unit = tuple[int, Piece | None]  # an input's index and the piece of it to read (None: all)


def _piece_count(size: int, jobs: int, min_bytes: int) -> int:
    """Into how many pieces of at least ``min_bytes`` to cut a file of ``size`` bytes: a
    multiple of ``jobs`` where the file is big enough (three pieces on two workers
    would leave one worker a third of the work alone at the end), as many as it has
    room for otherwise."""
    count = min(jobs * PIECES_PER_JOB, size // min_bytes)
    return count if count < jobs else count // jobs * jobs


def _units(inputs: Sequence[Discovered], readable: Sequence[int], jobs: int) -> list[Unit]:
    """What the workers are given: whole files, and large vCard files in pieces.

    Many files of similar size share the workers well whole, and a piece costs a
    little (a join, a part sent back), so a piece is never smaller than the run's
    fair share of one (all the bytes over ``jobs * PIECES_PER_JOB``): one large
    export among small ones is cut, and a single export is cut into
    ``PIECES_PER_JOB`` pieces per worker. A run of many files is cut only at its
    end (:func:`_tail_pieces`).
    """
    units: list[Unit] = []
    if jobs <= 1:
        return units
    sizes = {index: _size(inputs[index].path) for index in readable}
    min_bytes = max(PIECE_MIN_BYTES, sum(sizes.values()) // (jobs * PIECES_PER_JOB))
    counts = {index: _piece_count(sizes[index], jobs, min_bytes) for index in readable}
    plans: dict[int, list[Piece] | None] = {
        index: plan_pieces(inputs[index].path, count=count, min_bytes=min_bytes)
        for index, count in counts.items()
    }
    whole = [index for index in readable if plans[index] is None]
    if len(whole) > jobs:
        plans.update(_tail_pieces(inputs, whole, sizes, jobs))
    for index in readable:
        pieces = plans[index]
        if pieces is None:
            units.append((index, None))
        else:
            units.extend((index, piece) for piece in pieces)
    return units


def _tail_pieces(
    inputs: Sequence[Discovered], whole: Sequence[int], sizes: dict[int, int], jobs: int
) -> dict[int, list[Piece]]:
    """The pieces of the ``jobs`` smallest files that can be cut, among those left whole.

    Workers take the next unit as they finish, largest first, so the run ends with
    whatever is handed out last: with thirty-nine similar files on two workers, one
    worker reads the last file alone while the other waits (0.2-0.4 s of an 8 s
    run, measured). Cutting the smallest files, which are handed out last, into
    pieces of at least ``PIECE_MIN_BYTES`` makes the run end on half files or less.
    """
    cut: dict[int, list[Piece]] = {}
    counts = {index: _piece_count(sizes[index], jobs, PIECE_MIN_BYTES) for index in whole}
    big_enough = sorted((i for i in whole if counts[i] >= 2), key=lambda i: (sizes[i], i))
    # A few tries: only the smallest files end the run, and each try opens a file.
    for index in big_enough[: _TAIL_TRIES * jobs]:
        count = counts[index]
        pieces = plan_pieces(inputs[index].path, count=count, min_bytes=PIECE_MIN_BYTES)
        if pieces is not None:
            cut[index] = pieces
            if len(cut) == jobs:
                break
    return cut


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:  # gone or unreadable: read whole, where the worker will say why
        return 0


def _audit_one(
    item: Discovered,
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    finish: Finish[T],
    screened: Callable[[FileResult], None] | None = None,
) -> T:
    if item.error is not None:
        result = _failed(item.path, item.error, options.group_by)
    else:
        result = audit_file(item.path, engine, options, progress)
    if screened is not None:
        screened(result)
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
_worker_screen: Screen | None = None
# Set in the main process while its pools run: a forked worker finds the engine
# already built in its copy of memory and skips the build (0.2-0.5 s per worker).
_forked_engine: Engine | None = None


def _init_worker(profile: Profile, extra_packs: tuple[Path, ...], screen: Screen | None) -> None:
    """Build the engine once per worker process, not once per file (or inherit it).

    ``screen`` comes once per worker too (a baseline may hold many entries)."""
    global _worker_engine, _worker_screen
    _worker_screen = screen
    if _forked_engine is not None:
        _worker_engine = _forked_engine
    else:
        _worker_engine = Engine.from_profile(profile, extra_packs=extra_packs)


def _audit_in_worker(
    path: str,
    options: AuditOptions,
    finish: Finish[T],
    piece: Piece | None,
    limit: Mapping[str, int] | None,
) -> bytes:
    """Audit one file (or piece) and send back ``(info, contacts read, finish(result),
    how the piece ended, what the screen did)``.

    ``info`` goes without its parse issues: the progress needs only the file's
    name, kind and error, and an issue inside a hidden contact must not travel.
    With a screen, the file is screened before ``finish``, taking at most ``limit``
    of each accepted fingerprint (all the screen's entries without one), and
    ``(findings moved out, accepted fingerprints seen)`` goes back for :func:`_settle`.
    """
    assert _worker_engine is not None, "worker initializer did not run"
    result, end = _audit(path, _worker_engine, options, None, piece)
    screened: Screened | None = None
    if _worker_screen is not None:
        taken, seen = _worker_screen.screen(
            result, _worker_screen.entries if limit is None else limit
        )
        if taken:
            _rescore_file(result, _worker_engine)
        screened = taken.total(), dict(seen)
    info = replace(result.info, issues=[], unmapped_columns=[])
    try:
        value = finish(result)
    except Exception as exc:
        raise _FinishFailed(exc) from None
    return _to_wire((info, len(result.contacts), value, end, screened))


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
    units: Sequence[Unit],
    options: AuditOptions,
    progress: Progress | None,
    slots: list[tuple[T] | None],
    outcome: _Outcome[T],
) -> None:
    """Fill ``slots[i]`` for every input of ``units``, using ``options.jobs`` worker processes.

    A file read in pieces whose cuts the reader did not confirm is read again
    whole. A worker that dies (killed, out of memory, a crash in C code) breaks
    the whole pool; the files it left unfinished are then retried one per fresh
    worker, so only the file that kills its worker is reported as unreadable.
    A screened run is then settled (:func:`_settle`): the few files whose
    screening depended on files before them are screened again, in parallel.
    """
    counted: dict[int, int] = {}
    screens: dict[int, dict[int, Screened]] = {}
    limits: dict[int, Mapping[str, int]] = {}
    ledger = _Ledger(screens, limits)

    def complete(todo: Sequence[Unit], observer: Progress | None) -> None:
        def run(todo: Sequence[Unit], jobs: int) -> _Retry:
            return _pool_pass(
                inputs, todo, options, jobs, observer, slots, outcome, counted, ledger
            )

        retry = run(todo, options.jobs)
        if retry.whole:  # files whose pieces did not add up: each read whole, in parallel
            retry.broken.extend(run([(index, None) for index in retry.whole], options.jobs).broken)
        for index in sorted(set(retry.broken)):
            if run([(index, None)], 1).broken:
                reason = "internal error while reading: the worker process died"
                result = _failed(inputs[index].path, reason, options.group_by)
                slots[index] = (outcome.finish(result),)
                screens[index] = {_WHOLE: (0, {})}
                if observer is not None:
                    observer.file_done(result.info, 0)

    complete(units, progress)
    screening = outcome.screening
    if screening is None:
        return
    again = _settle(screens, screening.screen.entries)
    if again:  # already counted and shown as done: read again without a word to progress
        limits.update(again)
        complete([(index, None) for index in sorted(again)], None)
    screening.suppressed += sum(taken for unit in screens.values() for taken, _ in unit.values())


_WHOLE = -1  # the key of a whole file's screening among its pieces' (keyed by offset)


@dataclass
class _Ledger:
    """A screened run's record: what each unit's screening did (final units only),
    and the limits of the files screened again (see :func:`_settle`)."""

    screens: dict[int, dict[int, Screened]]
    limits: Mapping[int, Mapping[str, int]]


def _settle(
    screens: Mapping[int, Mapping[int, Screened]], entries: Mapping[str, int]
) -> dict[int, dict[str, int]]:
    """The files to screen again, each with the limits a run in input order gives it.

    Each unit was screened as if it came first, taking up to every entry of an
    accepted fingerprint. The run in order (:func:`piiaudit.baseline.apply`)
    gives a unit only the entries earlier units left: ``max(0, entries - used)``.
    The two agree unless an earlier unit used some and this one saw more than
    were left. Only then is its file screened again, with exactly those limits;
    what a unit *sees* does not depend on limits, so nothing else moves.
    """
    used: Counter[str] = Counter()
    again: dict[int, dict[str, int]] = {}
    for index in sorted(screens):
        here: Counter[str] = Counter()
        disagrees = False
        for start in sorted(screens[index]):
            for fp, seen in screens[index][start][1].items():
                total = entries.get(fp, 0)
                before = used[fp] + here[fp]
                if before and seen > total - before and total > 0:
                    disagrees = True
                here[fp] += seen
        if disagrees:
            again[index] = {fp: max(0, entries.get(fp, 0) - used[fp]) for fp in here}
        used.update(here)
    return again


@dataclass
class _Retry:
    """Inputs a pool pass could not finish: ``broken`` by a dead worker, or to read ``whole``."""

    broken: list[int] = field(default_factory=list)
    whole: list[int] = field(default_factory=list)


# What a screen did to one unit: findings moved out, and accepted fingerprints seen.
Screened = tuple[int, dict[str, int]]
# What a worker sends back for one unit: see _audit_in_worker.
Done = tuple[FileInfo, int, T, PieceEnd | None, Screened | None]


class _Disagree(Exception):
    """The pieces of a file do not add up to one read of it: read it whole."""


class _Assembly(Generic[T]):
    """The pieces of each input as they come back, until the input is complete."""

    def __init__(self, units: Sequence[Unit], join: Join[T]) -> None:
        self.join = join
        self.expected: dict[int, list[Piece]] = {}
        for index, piece in units:
            if piece is not None:
                self.expected.setdefault(index, []).append(piece)
        self.done: dict[int, dict[int, Done[T]]] = {index: {} for index in self.expected}

    def add(self, index: int, piece: Piece, done: Done[T]) -> Done[T] | None:
        """The input's joined value once its last piece is in; ``None`` before that.

        Raises :class:`_Disagree` when the reader did not confirm every cut."""
        parts = self.done[index]
        parts[piece.start] = done
        pieces = self.expected[index]
        if len(parts) < len(pieces):
            return None
        ordered = [parts[p.start] for p in pieces]
        ends = [done[3] for done in ordered if done[3] is not None]
        if any(done[0].error for done in ordered) or not pieces_agree(pieces, ends):
            raise _Disagree
        info = ordered[0][0]
        count = sum(done[1] for done in ordered)
        return info, count, self.join([done[2] for done in ordered]), None, None


def _pool_pass(
    inputs: Sequence[Discovered],
    units: Sequence[Unit],
    options: AuditOptions,
    jobs: int,
    progress: Progress | None,
    slots: list[tuple[T] | None],
    outcome: _Outcome[T],
    counted: dict[int, int],
    ledger: _Ledger,
) -> _Retry:
    """One pool over ``units``; returns the inputs it could not finish.

    ``counted`` holds the contacts already reported to ``progress`` per input
    (pieces are reported as they come back), so a file read again whole after
    its pieces did not add up is not counted twice. In a screened run, ``ledger``
    gives the limits of files screened again and receives what the screening of
    each finished file (or of its pieces, once they are joined) did.
    """
    # A worker needs no options it cannot use; the profile travels once, in initargs.
    worker_options = AuditOptions(parse=options.parse, group_by=options.group_by)
    profile = options.profile
    assert profile is not None, "checked by _run"
    context = multiprocessing.get_context(_START_METHOD)
    screen = outcome.screening.screen if outcome.screening is not None else None
    pending: dict[int, dict[int, Screened]] = {}  # the pieces' screenings until the file joins
    retry = _Retry()
    assembly = _Assembly(units, outcome.join)
    # Frozen objects are not scanned by a forked worker's collector either, so its
    # pages stay shared with the main process instead of being copied and walked.
    _keep()
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(units)),
        mp_context=context,
        initializer=_init_worker,
        initargs=(profile, options.extra_packs, screen),
    )
    finish = outcome.finish
    try:
        futures: dict[Future[bytes], Unit] = {
            pool.submit(
                _audit_in_worker,
                inputs[i].path,
                worker_options,
                finish,
                piece,
                ledger.limits.get(i),
            ): (i, piece)
            for i, piece in _largest_first(inputs, units)
        }
        for future in as_completed(futures):  # so the progress bar moves as files finish
            index, piece = futures[future]
            if index in retry.broken or index in retry.whole:
                continue  # another piece of it already failed
            try:
                done: Done[T] | None = _from_wire(future.result())
                assert done is not None
                screened = done[4]
                if piece is None:
                    if screened is not None:
                        ledger.screens[index] = {_WHOLE: screened}
                else:
                    if progress is not None:
                        progress.contacts_read(done[1])
                    counted[index] = counted.get(index, 0) + done[1]
                    if screened is not None:
                        pending.setdefault(index, {})[piece.start] = screened
                    done = assembly.add(index, piece, done)
                    if done is not None and index in pending:
                        ledger.screens[index] = pending.pop(index)
            except BrokenProcessPool:
                retry.broken.append(index)
                continue
            except _Disagree:
                retry.whole.append(index)
                continue
            except _FinishFailed as unfinished:
                raise unfinished.error from None
            except Exception as exc:  # e.g. a result that cannot be sent back
                failed = _failed(inputs[index].path, _internal_error(exc), options.group_by)
                done = failed.info, 0, finish(failed), None, None
                ledger.screens[index] = {_WHOLE: (0, {})}
            if done is None:
                continue  # more pieces of this file to come
            info, count, value, *_ = done
            slots[index] = (value,)
            _keep()
            if progress is not None:
                if piece is None:
                    progress.contacts_read(max(0, count - counted.get(index, 0)))
                progress.file_done(info, count)
    except BaseException:
        # Ctrl-C (or a bug here): drop the files not started instead of waiting for them.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return retry


def _largest_first(inputs: Sequence[Discovered], units: Sequence[Unit]) -> list[Unit]:
    """The files and pieces in the order to hand them out: largest first, so that the
    run does not end with one worker on a big file while the others wait (results
    are put back in input order whatever the order they finish in)."""

    def size(unit: Unit) -> int:
        index, piece = unit
        return piece.end - piece.start if piece is not None else _size(inputs[index].path)

    return sorted(units, key=lambda unit: -size(unit))


def rescore(result: AuditResult, engine: Engine) -> None:
    """Recompute every score after findings were moved out (``baseline.apply``), in place.

    A contact's score comes from its remaining findings, as the engine scores them,
    so an accepted finding no longer raises its contact, its file or the run.
    """
    for file_result in result.files:
        _rescore_file(file_result, engine)
    result.risk_score, result.risk_level = engine.aggregate(result.contact_results())


def _rescore_file(file_result: FileResult, engine: Engine) -> None:
    """:func:`rescore` of one file's contacts and the file's own score."""
    updated = []
    for cr in file_result.contacts:
        score = engine.scoring.contact_score(cr.findings, cr.classification.label)
        updated.append(replace(cr, risk_score=score, risk_level=engine.scoring.level(score)))
    file_result.contacts = updated
    if not file_result.info.error:
        file_result.risk_score, file_result.risk_level = engine.aggregate(updated)
