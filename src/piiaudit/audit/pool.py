"""The worker processes of a ``--jobs N`` run: what they are sent, what comes back.

Each worker builds (or, forked, inherits) its engine once and audits the files
and pieces it is handed, largest first. The main process puts the results back
in input order, joins a file's pieces only if the reader confirmed every cut,
and retries what a dead worker left unfinished, one file per fresh worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Generic

from piiaudit.audit.one_file import (
    audit_file_or_piece,
    failed,
    freeze_results,
    internal_error,
    rescore_file,
)
from piiaudit.audit.options import AuditOptions, Finish, Join, Progress, Screen, T
from piiaudit.audit.plan import Unit, largest_first
from piiaudit.audit.settle import WHOLE, Ledger, Screened, Screening, settle
from piiaudit.audit.wire import from_wire, to_wire
from piiaudit.discovery import Discovered
from piiaudit.engine import Engine, Profile
from piiaudit.model import FileInfo
from piiaudit.parsers import Piece, PieceEnd, pieces_agree


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What becomes of each file (``finish``, run where it was audited) and how the
    finished pieces of one file become the file's value (``join``, in this process).

    ``shown`` holds, per input, the path it goes under if its name is withheld
    (:mod:`piiaudit.audit.withhold`; empty: never); ``renamed`` receives the path of
    each input that went under it."""

    finish: Finish[T]
    join: Join[T]
    screening: Screening | None = None
    shown: Sequence[str] = ()
    renamed: dict[str, str] = field(default_factory=dict)

    def shown_as(self, index: int) -> str:
        """The path input ``index`` goes under if its name is withheld (``""``: never)."""
        return self.shown[index] if index < len(self.shown) else ""


# "fork" starts workers in milliseconds and every worker is started at the first
# submit, before the progress bar's refresh thread exists; elsewhere the platform default.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else None


_worker_engine: Engine | None = None
_worker_screen: Screen | None = None
# Set in the main process while its pools run: a forked worker finds the engine
# already built in its copy of memory and skips the build (0.2-0.5 s per worker).
_forked_engine: Engine | None = None


@contextlib.contextmanager
def _engine_for_forks(engine: Engine) -> Iterator[None]:
    """Lend ``engine`` to the workers forked while the run's pools start (see above)."""
    global _forked_engine
    _forked_engine = engine if START_METHOD == "fork" else None
    try:
        yield
    finally:
        _forked_engine = None


def _die_with(parent: int) -> None:
    """End this worker when the process that started it ends, however it ends.

    Killed on its own (``kill PID``, an OOM kill of the main process), the main process
    left its workers blocked forever on a pipe nobody read, holding the audited data
    (security review, QA round 7). On Linux the kernel sends them SIGKILL when their
    parent dies; the main process's own SIGTERM/SIGHUP handling (``cli.main``) is not
    theirs, so those signals end a worker as they normally do."""
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no libc to ask: the pool's own checks remain
        return
    if parent and os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _default_stop_signals() -> None:
    """In a child, straight after the fork: SIGTERM and SIGHUP end it as they normally do.

    A worker inherits the main process's handlers (``cli.main`` turns these signals into
    an interrupt) until its initializer runs (:func:`_die_with`). A run stopped while a
    worker was starting terminated that worker inside the inherited handler, and it printed
    a KeyboardInterrupt traceback under "interrupted" (a flaky termination test). A signal
    the caller ignores stays ignored."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, signal.SIG_DFL)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_default_stop_signals)


def _init_worker(
    profile: Profile, extra_packs: tuple[Path, ...], screen: Screen | None, parent: int
) -> None:
    """Build the engine once per worker process, not once per file (or inherit it).

    ``screen`` comes once per worker too (a baseline may hold many entries)."""
    global _worker_engine, _worker_screen
    _die_with(parent)
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
    shown: str = "",
) -> object:
    """Audit one file (or piece) and send back ``(info, contacts read, finish(result),
    how the piece ended, what the screen did)``.

    ``info`` goes without its parse issues: the progress needs only the file's
    name, kind and error, and an issue inside a hidden contact must not travel.
    With a screen, the file is screened before ``finish``, taking at most ``limit``
    of each accepted fingerprint (all the screen's entries without one), and
    ``(findings moved out, accepted fingerprints seen)`` goes back for
    :func:`~piiaudit.audit.settle.settle`.
    """
    assert _worker_engine is not None, "worker initializer did not run"
    result, end = audit_file_or_piece(path, _worker_engine, options, None, piece, shown)
    screened: Screened | None = None
    if _worker_screen is not None:
        taken, seen, counted = _worker_screen.screen(
            result, _worker_screen.entries if limit is None else limit
        )
        if taken:
            rescore_file(result, _worker_engine)
        screened = counted, dict(seen)
    info = replace(result.info, issues=[], unmapped_columns=[])
    try:
        value = finish(result)
    except Exception as exc:
        raise _FinishFailed(exc) from None
    return to_wire((info, len(result.contacts), value, end, screened))


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's worker processes (a run being stopped: their work is lost).

    A worker ended while it was sending a result leaves part of a message in the pool's
    result pipe, and the pool's own thread waits for the rest of it forever: the run
    said "interrupted" and then never exited, joining that thread (a SIGTERM under
    load, QA of the termination tests). This process holds the pipe's other end for
    writing too, so once every worker is gone that end is closed: the thread then
    reads end-of-file, finds the pool broken and ends.
    """
    processes: list[BaseProcess] = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(_END_WAIT)
            if process.is_alive():  # a worker that does not end on SIGTERM
                process.kill()
                process.join(_END_WAIT)
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None and not any(_alive(process) for process in processes):
        with contextlib.suppress(Exception):
            writer.close()


_END_WAIT = 5.0  # seconds a terminated worker has to end


def _as_completed(
    futures: Iterable[Future[object]], pool: ProcessPoolExecutor
) -> Iterator[Future[object]]:
    """The futures as they finish, watching for a worker that died unseen.

    A worker that dies (killed, out of memory) breaks the pool, and its files are
    retried (:func:`run_parallel`), but one that dies while sending its result leaves
    the pool's thread waiting for the rest of the message, unaware: the run waited
    forever. When a worker has been dead for :data:`_STUCK` seconds and nothing has
    finished, the pool is ended as a stopped run ends it (:func:`_end_workers`):
    the thread then finds the pool broken, and the files are retried as usual.
    """
    pending = set(futures)
    dead_since: float | None = None
    while pending:
        done, pending = wait(pending, timeout=_WATCH, return_when=FIRST_COMPLETED)
        yield from done
        if done or not _a_worker_died(pool):
            dead_since = None
        elif dead_since is None:
            dead_since = time.monotonic()
        elif time.monotonic() - dead_since > _STUCK:
            _end_workers(pool)
            dead_since = None


_WATCH = 0.5  # seconds between looks at the workers while nothing finishes
_STUCK = 2.0  # seconds a dead worker's pool has to notice before it is ended


def _a_worker_died(pool: ProcessPoolExecutor) -> bool:
    """Whether one of the pool's workers has ended (workers live until the pool shuts down)."""
    processes: list[BaseProcess] = list((getattr(pool, "_processes", None) or {}).values())
    return any(not _alive(process) for process in processes)


def _alive(process: BaseProcess) -> bool:
    """Whether ``process`` still runs (reaping it if it has ended)."""
    try:
        return process.is_alive()
    except ValueError:  # a process object already closed: not running
        return False


class _FinishFailed(Exception):
    """``finish`` (building the report's part) failed in a worker. Not the file's
    fault: the run fails with the error, as it would have in the main process."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def run_parallel(
    inputs: Sequence[Discovered],
    units: Sequence[Unit],
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    slots: list[tuple[T] | None],
    outcome: Outcome[T],
) -> None:
    """Fill ``slots[i]`` for every input of ``units``, using ``options.jobs`` worker processes.

    A file read in pieces whose cuts the reader did not confirm is read again
    whole. A worker that dies (killed, out of memory, a crash in C code) breaks
    the whole pool; the files it left unfinished are then retried one per fresh
    worker, so only the file that kills its worker is reported as unreadable.
    A screened run is then settled (:func:`~piiaudit.audit.settle.settle`): the few files whose
    screening depended on files before them are screened again, in parallel.
    """
    counted: dict[int, int] = {}
    screens: dict[int, dict[int, Screened]] = {}
    limits: dict[int, Mapping[str, int]] = {}
    ledger = Ledger(screens, limits)

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
                result = failed(inputs[index].path, reason, options)
                slots[index] = (outcome.finish(result),)
                screens[index] = {WHOLE: (0, {})}
                if observer is not None:
                    observer.file_done(result.info, 0)

    with _engine_for_forks(engine):
        complete(units, progress)
        screening = outcome.screening
        if screening is None:
            return
        again = settle(screens, screening.screen.entries)
        if again:  # already counted and shown as done: read again without a word to progress
            limits.update(again)
            complete([(index, None) for index in sorted(again)], None)
    screening.suppressed += sum(taken for unit in screens.values() for taken, _ in unit.values())


@dataclass
class _Retry:
    """Inputs a pool pass could not finish: ``broken`` by a dead worker, or to read ``whole``."""

    broken: list[int] = field(default_factory=list)
    whole: list[int] = field(default_factory=list)


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
        if len({done[0].path for done in ordered}) > 1:  # withheld by some pieces only
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
    outcome: Outcome[T],
    counted: dict[int, int],
    ledger: Ledger,
) -> _Retry:
    """One pool over ``units``; returns the inputs it could not finish.

    ``counted`` holds the contacts already reported to ``progress`` per input
    (pieces are reported as they come back), so a file read again whole after
    its pieces did not add up is not counted twice. In a screened run, ``ledger``
    gives the limits of files screened again and receives what the screening of
    each finished file (or of its pieces, once they are joined) did.
    """
    # A worker needs no options it cannot use; the profile travels once, in initargs.
    worker_options = AuditOptions(
        parse=options.parse,
        group_by=options.group_by,
        roots=options.roots,
        whole_roots=options.whole_roots,
        unlisted=options.unlisted,
    )
    profile = options.profile
    assert profile is not None, "checked by _run"
    context = multiprocessing.get_context(START_METHOD)
    screen = outcome.screening.screen if outcome.screening is not None else None
    pending: dict[int, dict[int, Screened]] = {}  # the pieces' screenings until the file joins
    retry = _Retry()
    assembly = _Assembly(units, outcome.join)
    # Frozen objects are not scanned by a forked worker's collector either, so its
    # pages stay shared with the main process instead of being copied and walked.
    freeze_results()
    # A forked worker's parent is this process; a forkserver's worker has the server
    # for a parent, which ends with this process (0: not checked, see _die_with).
    parent = os.getpid() if START_METHOD == "fork" else 0
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(units)),
        mp_context=context,
        initializer=_init_worker,
        initargs=(profile, options.extra_packs, screen, parent),
    )
    finish = outcome.finish
    try:
        futures: dict[Future[object], Unit] = {
            pool.submit(
                _audit_in_worker,
                inputs[i].path,
                worker_options,
                finish,
                piece,
                ledger.limits.get(i),
                outcome.shown_as(i),
            ): (i, piece)
            for i, piece in largest_first(inputs, units)
        }
        for future in _as_completed(futures, pool):  # the progress bar moves as files finish
            index, piece = futures[future]
            if index in retry.broken or index in retry.whole:
                continue  # another piece of it already failed
            try:
                done: Done[T] | None = from_wire(future.result())
                assert done is not None
                screened = done[4]
                if piece is None:
                    if screened is not None:
                        ledger.screens[index] = {WHOLE: screened}
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
                lost = failed(inputs[index].path, internal_error(exc), options)
                done = lost.info, 0, finish(lost), None, None
                ledger.screens[index] = {WHOLE: (0, {})}
            if done is None:
                continue  # more pieces of this file to come
            info, count, value, *_ = done
            slots[index] = (value,)
            if info.path != inputs[index].path:
                outcome.renamed[inputs[index].path] = info.path
            freeze_results()
            if progress is not None:
                if piece is None:
                    progress.contacts_read(max(0, count - counted.get(index, 0)))
                progress.file_done(info, count)
    except BaseException:
        # Ctrl-C, SIGTERM (or a bug here): drop the files not started, and end the workers
        # still busy: left running, a worker blocked on sending a result nobody reads, and
        # the pool's exit handler waited for it forever (a stopped run hung, QA round 7).
        _end_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return retry
