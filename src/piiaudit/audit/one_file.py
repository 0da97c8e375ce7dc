"""One input, in the process that reads it: parse, evaluate each contact, score.

Used by the main process for ``--jobs 1`` (and for inputs only it can read, such
as standard input) and by each worker for the files and pieces it is given. A
crash on one file never leaves here: it becomes that file's ``info.error``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import replace

from piiaudit.audit.options import AuditOptions, Finish, Progress, T
from piiaudit.audit.withhold import withheld
from piiaudit.discovery import Discovered
from piiaudit.engine import Engine
from piiaudit.gcpause import collector_paused
from piiaudit.model import AuditResult, ContactResult, FileInfo, FileResult
from piiaudit.parsers import Piece, PieceEnd, open_input
from piiaudit.region_hint import count_numbers, region_issue

# How many contacts are read before the progress bar hears about them: often
# enough to move smoothly, rarely enough to cost nothing on 100,000 contacts.
_PROGRESS_STEP = 100


def failed(path: str, reason: str, options: AuditOptions, *, folder: bool = False) -> FileResult:
    """The result of an input that could not be read, with its one-sentence ``reason``,
    in its employee's group (a folder that could not be listed: see
    :meth:`AuditOptions.group`)."""
    group = options.group(path, folder=folder)
    return FileResult(info=FileInfo(path=path, error=reason), group=group)


def internal_error(exc: BaseException) -> str:
    """The reason shown for a crash: the type only, because a message may quote the file."""
    return f"internal error while reading: {type(exc).__name__}"


def audit_file(
    path: str,
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None = None,
    shown: str = "",
) -> FileResult:
    """Parse one file and evaluate each contact as it is read.

    Never raises for a bad file: a crash in the reader or the engine on this file
    turns into ``info.error`` so a batch run goes on with the next file. ``shown``
    is the path the file goes under when its name is withheld (see
    :mod:`piiaudit.audit.withhold`).
    """
    return audit_file_or_piece(path, engine, options, progress, None, shown)[0]


def audit_file_or_piece(
    path: str,
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    piece: Piece | None,
    shown: str = "",
) -> tuple[FileResult, PieceEnd | None]:
    """:func:`audit_file` of the whole file or of one ``piece`` of it (then also how it ended).

    A piece decides on its own contacts whether the file's name is withheld; the
    pieces of one file that disagree are read again whole (:mod:`piiaudit.audit.pool`).
    """
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
            if not options.parse.region_given:  # chosen, the counts would go unread
                info.numbers.assumed = options.parse.region
                count_numbers((r.contact for r in results), info.numbers)
            if piece is None:  # a piece's counts are added up when the file is joined
                hint = region_issue(info.numbers)
                if hint is not None:
                    info.issues.insert(0, hint)
            # Frozen before the collector resumes: its first run would otherwise walk
            # every object the file's results are made of (~2% of a 10,000-contact run).
            freeze_results()
        score, level = engine.aggregate(results)
    except Exception as exc:  # one bad file must not stop the run (issue 6)
        if progress is not None and unreported:
            progress.contacts_read(unreported)
        return failed(path, internal_error(exc), options), None
    if progress is not None and unreported:
        progress.contacts_read(unreported)
    result = FileResult(
        info=info,
        contacts=results,
        risk_score=score,
        risk_level=level,
        group=options.group(path),
    )
    if options.unlisted and shown:
        first = piece is None or piece.first_index == 0  # a file's notice comes once
        employee = options.employee_folder(path)
        result = withheld(result, path, shown, options.unlisted, notice=first, employee=employee)
    return result, end


def audit_input(
    item: Discovered,
    engine: Engine,
    options: AuditOptions,
    progress: Progress | None,
    finish: Finish[T],
    screened: Callable[[FileResult], None] | None = None,
    shown: str = "",
    renamed: dict[str, str] | None = None,
) -> T:
    """Audit one discovered input and ``finish`` it. ``shown`` is its path if its name
    is withheld; then ``renamed`` (when given) maps its path to ``shown``."""
    if item.error is not None:
        result = failed(item.path, item.error, options, folder=item.folder)
        if options.unlisted and shown and not item.folder:
            result = withheld(result, item.path, shown, options.unlisted)
            if renamed is not None and result.info.path != item.path:
                renamed[item.path] = result.info.path
    else:
        result = audit_file(item.path, engine, options, progress, shown)
        if renamed is not None and result.info.path != item.path:
            renamed[item.path] = result.info.path
    if screened is not None:
        screened(result)
    value = finish(result)
    freeze_results()
    if progress is not None:
        progress.file_done(result.info, len(result.contacts))
    return value


def freeze_results() -> None:
    """Results live until the run ends, so the cyclic GC need not scan them again.

    ``gc.freeze()`` moves every object alive now into the permanent generation
    (12% less CPU on a 80,000-contact run); the run unfreezes at its end
    (:mod:`piiaudit.audit.run`).
    """
    gc.freeze()


def rescore(result: AuditResult, engine: Engine) -> None:
    """Recompute every score after findings were moved out (``baseline.apply``), in place.

    A contact's score comes from its remaining findings, as the engine scores them,
    so an accepted finding no longer raises its contact, its file or the run.
    """
    for file_result in result.files:
        rescore_file(file_result, engine)
    result.risk_score, result.risk_level = engine.aggregate(result.contact_results())


def rescore_file(file_result: FileResult, engine: Engine) -> None:
    """:func:`rescore` of one file's contacts and the file's own score."""
    updated = []
    for cr in file_result.contacts:
        score = engine.scoring.contact_score(cr.findings, cr.classification.label)
        updated.append(replace(cr, risk_score=score, risk_level=engine.scoring.level(score)))
    file_result.contacts = updated
    if not file_result.info.error:
        file_result.risk_score, file_result.risk_level = engine.aggregate(updated)
