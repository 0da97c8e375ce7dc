"""What a caller gives an audit run, and what it asks back of the run.

:class:`AuditOptions` says how to run; :class:`Progress` hears how the run goes;
:class:`Screen` moves accepted findings out (``scan --baseline``). The small
helpers here answer questions about a run's files that the CLI needs too.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from piiaudit.discovery import STDIN
from piiaudit.engine import Profile
from piiaudit.model import AuditResult, ContactClass, FileInfo, FileResult
from piiaudit.parsers import ParseOptions

T = TypeVar("T")


# What becomes of each audited file, where it was audited: kept whole (``audit_paths``)
# or digested into its share of the report (``audit_report``). Must pickle (workers).
Finish = Callable[[FileResult], T]


# How the pieces of one file, each finished, become that file's one value.
Join = Callable[[Sequence[T]], T]


GroupBy = Literal["file", "dir"]


GROUP_BY_CHOICES: tuple[GroupBy, ...] = ("file", "dir")


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
    ) -> tuple[Counter[str], Counter[str], int]:
        """Move at most ``limit[fp]`` accepted findings of each fingerprint out of
        ``file_result``, in place; return those taken, every accepted one seen, and
        how many of those taken the report may count (see ``baseline.screen_for``)."""


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """How to run an audit.

    ``profile`` (with ``extra_packs``) is what each worker process builds its
    engine from when ``jobs > 1``; the engine itself is not sent to workers.
    ``settings`` is copied into the result as is, for reports; nothing about
    the run's mechanics (jobs, progress) goes there, so reports do not depend on it.
    ``roots`` are the folders the run was given, as given: with ``group_by="dir"``
    each folder directly inside one of them is one employee, or with ``whole_roots``
    each of them is (see :func:`group_of`); the run sets both from its inputs.
    ``unlisted`` are the classes of contacts the report's reader may not see
    (``--audience compliance``): a file named after one of them is shown under a
    placeholder (:mod:`piiaudit.audit.withhold`).
    """

    parse: ParseOptions = field(default_factory=ParseOptions)
    settings: dict[str, object] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    group_by: GroupBy = "file"
    roots: tuple[str, ...] = ()
    whole_roots: bool = False
    unlisted: frozenset[ContactClass] = frozenset()

    jobs: int = 1
    profile: Profile | None = None
    extra_packs: tuple[Path, ...] = ()

    def group(self, path: str, *, folder: bool = False) -> str:
        """The per-employee key of ``path`` (see :func:`group_of`). A ``folder`` that
        could not be read is grouped as a file inside it would be: with ``--group-by
        dir`` it is its employee's (itself, when it is an employee's folder)."""
        key = os.path.join(path, "-") if folder and self.group_by == "dir" else path
        return group_of(key, self.group_by, self.roots, self.whole_roots)

    def employee_folder(self, path: str) -> str:
        """The folder of the employee ``path`` belongs to, whatever ``group_by`` says
        (its group with ``--group-by dir``): a name found in it, or above it, is the
        employee's; one in the folders below it may be a contact's."""
        return group_of(path, "dir", self.roots, self.whole_roots)


def default_jobs() -> int:
    """``--jobs`` default: one worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def group_of(
    path: str, group_by: GroupBy, roots: Sequence[str] = (), whole_roots: bool = False
) -> str:
    """The per-employee key: the path as given, or with ``"dir"`` its folder as given.

    A file inside one of the folders the run was given (``roots``) belongs to the
    folder directly inside that one, however deep it lies: ``exports/tanaka/old-phone/
    backup.vcf`` is Tanaka's, as ``exports/tanaka/phone.vcf`` is, not an employee of its
    own called ``old-phone``. A file lying in the given folder itself belongs to that
    folder; a file named on its own, to its parent folder. With ``whole_roots`` (several
    folders given, ``exports/*``) each given folder is one employee, whatever lies in it.
    """
    if group_by != "dir" or path == STDIN:
        return path
    for root in sorted(roots, key=len, reverse=True):  # the deepest given folder first
        prefix = root if root.endswith(os.sep) else root + os.sep
        if path.startswith(prefix):
            first, inside, _ = path[len(prefix) :].partition(os.sep)
            return os.path.join(root, first) if inside and not whole_roots else root
    return os.path.dirname(path) or "."


def result_has_unreadable(result: AuditResult) -> bool:
    """True when some input could not be read: the CLI then exits with code 3."""
    return any(f.info.error for f in result.files)


def unreadable_files(result: AuditResult) -> list[FileInfo]:
    """The inputs that could not be read, each with its one-sentence reason."""
    return [f.info for f in result.files if f.info.error]
