"""Which files a batch run reads: files and directories given, walked and filtered.

Compliance staff point piiaudit at a folder of exports collected from many
employees, so the set of files must be predictable and the same on every run:

* A file given on the command line is always read, whatever its name and
  whatever ``--include``/``--exclude`` say (you named it, so you meant it).
  ``-`` (standard input) and paths that do not exist are passed through, so
  the reader reports them as unreadable instead of the run silently dropping them.
* A directory is walked recursively, entries sorted by name, depth first, so the
  order (and therefore every report) is the same on every machine.
* Hidden entries (names starting with ``.``) met while walking are skipped: they
  are version-control folders, editor backups and OS metadata (``.git``,
  ``.DS_Store``), not exports. Give a hidden file or folder explicitly to read it.
* Symbolic links to directories are followed once: every directory visited is
  remembered by ``(st_dev, st_ino)``, so a link loop cannot hang the run and a
  folder reached twice is read once. A file reached twice is read once. A link to
  a folder that holds the link (``up -> ..``) is not followed: it leads back up
  into folders that belong to someone else.
* ``--include``/``--exclude`` globs are matched against the path *relative to the
  directory given*, with ``/`` separators. A pattern without ``/`` matches the
  file name at any depth (``*.vcf``); a pattern with ``/`` matches the whole
  relative path (``sales/*.vcf``); ``**`` matches any number of folders
  (``**/old/*``). A file is read when it matches some ``--include`` (or none was
  given) and no ``--exclude``. An ``--exclude`` that matches a folder skips it whole.
* Patterns ignore case, on every system: phones and Windows name exports
  ``CONTACTS.VCF`` as often as ``contacts.vcf``, and ``--include '*.vcf'`` skipping
  the first silently would leave an employee out of the audit. Matching does not ask
  the file system, so the same folder gives the same files on Linux, macOS and Windows.
* A run that finds nothing to read is an error for the caller to raise (see
  :func:`nothing_found`), never an empty, clean report. So is a run whose every
  input is a folder left with nothing to read (``--group-by dir`` with an
  ``--include`` that matches no file): :func:`discover` then lists nothing, not one
  "no export in this folder" row per employee, which made a report of nothing.
* An export below a path longer than the system can open (PATH_MAX) is still found,
  through open folders, and listed as not read with the reason (:func:`_walk_long`):
  passed over, it left a folder scan "clean" with an export unaudited.
* Byte-identical files (``phone.vcf`` and ``phone (copy).vcf``) are both read, as
  given; :func:`identical_files` names them so the caller can say their contacts
  are counted more than once.

Nothing here imports the rest of piiaudit: it only lists paths.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shlex
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import re2

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Discovered:
    """One input to read. ``error`` is set when the walk itself could not read it
    (a folder without permission); the audit reports it like an unreadable file.
    ``folder`` marks such a folder: with ``--group-by dir`` it is an employee of its
    own, not one more file of its parent's."""

    path: str
    error: str | None = None
    folder: bool = False


@dataclass(frozen=True, slots=True)
class Filters:
    """``--include``/``--exclude`` globs; empty ``include`` means every file.
    ``passed_over``: globs excluded like ``exclude`` but not the user's (photos,
    documents: ``audit/not_exports.yaml``), so a reason can name the user's own."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    passed_over: tuple[str, ...] = ()

    def wants_file(self, relative: str) -> bool:
        if self.include and not any(matches(p, relative) for p in self.include):
            return False
        return not any(matches(p, relative) for p in (*self.exclude, *self.passed_over))

    def prunes_dir(self, relative: str) -> bool:
        return any(matches(p, relative) for p in (*self.exclude, *self.passed_over))


class GlobError(ValueError):
    """A ``--include``/``--exclude`` pattern that is no glob (``[z-a]``), and why."""

    def __init__(self, pattern: str, reason: str) -> None:
        super().__init__(f"{pattern!r} is not a valid glob ({reason})")
        self.pattern = pattern
        self.reason = reason


def _glob_options() -> re2.Options:
    options = re2.Options()
    options.dot_nl = True
    options.case_sensitive = False
    options.log_errors = False
    return options


_GLOB_OPTIONS = _glob_options()


def _literal(ch: str) -> str:
    """``ch`` as an re2 literal: letters and digits as they are, anything else by code."""
    return ch if ch.isalnum() else f"\\x{{{ord(ch):x}}}"


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re2._Regexp:
    """Turn a glob into an re2 regex: ``*`` and ``?`` stay within one folder, ``**``
    crosses them. re2, not ``re``: a glob like ``*-*-*-*-*.vcf`` over a file named
    with hundreds of dashes took ``re`` 27 s of backtracking (security review F15);
    re2 matches in time linear in the name. Raises :class:`GlobError`."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out.append(_literal(ch))
            else:
                body = pattern[i + 1 : end]
                negated = body.startswith(("!", "^"))  # shells take both; so did piiaudit
                if negated:
                    body = body[1:]
                # Ranges keep their "-"; every other character is a literal.
                inner = "".join(c if c == "-" else _literal(c) for c in body)
                out.append(f"[{'^' if negated else ''}{inner}]")
                i = end + 1
                continue
        else:
            out.append(_literal(ch))
        i += 1
    try:
        return re2.compile("".join(out) + r"\z", _GLOB_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise GlobError(pattern, str(reason)) from None


def check_glob(pattern: str) -> None:
    """Raise :class:`GlobError` when ``pattern`` is no glob, before any folder is walked."""
    _compile(pattern.strip().removeprefix("./").rstrip("/"))


def matches(pattern: str, relative: str) -> bool:
    """True when ``relative`` (``/``-separated) matches the glob ``pattern`` (rules above)."""
    pattern = pattern.strip().removeprefix("./")
    relative = relative.replace(os.sep, "/")
    if not relative.isascii():  # re2 reads UTF-8: a name's undecodable byte as U+FFFD
        relative = relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if "/" not in pattern.rstrip("/"):
        target = relative.rsplit("/", 1)[-1]
        return _compile(pattern.rstrip("/")).match(target) is not None
    return _compile(pattern.rstrip("/")).match(relative) is not None


def nothing_found(paths: Sequence[str], filters: Filters | None = None) -> str:
    """The one sentence that says a run found no file to read: which inputs, which filters.

    A nightly job pointed at an empty or unmounted folder must not report "clean";
    naming the inputs and the filters lets whoever reads the log see which is wrong.
    """
    chosen = filters or Filters()
    where = ", ".join(paths)
    given = [f"--include {shlex.quote(p)}" for p in chosen.include]
    given += [f"--exclude {shlex.quote(p)}" for p in chosen.exclude]
    with_filters = f" with {' '.join(given)}" if given else ""
    return f"no contact export found in {where}{with_filters}"


_HASH_CHUNK = 1 << 20


def identical_files(paths: Sequence[str]) -> list[tuple[str, ...]]:
    """Groups of two or more of ``paths`` with the same bytes, in the order given.

    Only files of equal size are read (most runs read nothing here); empty files and
    files that cannot be read are left out (an empty file is already reported)."""
    by_size: dict[int, list[str]] = {}
    for path in paths:
        try:
            size = os.stat(path).st_size
        except OSError:
            continue
        if size:
            by_size.setdefault(size, []).append(path)
    groups: dict[tuple[int, bytes], list[str]] = {}
    for size, same in by_size.items():
        if len(same) < 2:
            continue
        for path in same:
            digest = _digest(path)
            if digest is not None:
                groups.setdefault((size, digest), []).append(path)
    order = {path: i for i, path in enumerate(paths)}
    found = [tuple(sorted(g, key=order.__getitem__)) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda group: order[group[0]])


def _digest(path: str) -> bytes | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.digest()


#: Why an employee's folder is listed when it holds nothing to read (``--group-by dir``).
NO_EXPORT_IN_FOLDER = "no contact export found in this folder"
NO_EXPORT_MATCHING = "no file in this folder matches the --include patterns"
NO_EXPORT_FILTERED = "no file in this folder is left by the --include and --exclude patterns"
_NOTHING_INSIDE = frozenset({NO_EXPORT_IN_FOLDER, NO_EXPORT_MATCHING, NO_EXPORT_FILTERED})

#: Which folders are employees' with ``--group-by dir``: each folder directly inside the
#: one folder given, or each of several folders given.
EmployeeFolders = Literal["", "children", "given"]


def discover(
    paths: Sequence[str], filters: Filters | None = None, *, empty_folders: EmployeeFolders = ""
) -> list[Discovered]:
    """Every input to read, in a deterministic order (the order given, directories sorted).

    With ``empty_folders`` (``--group-by dir``: one folder per employee), or when several
    inputs are given, a folder that holds nothing to read is listed too, as an input that
    could not be read (:data:`NO_EXPORT_IN_FOLDER`, or :data:`NO_EXPORT_MATCHING` when ``--include``
    left nothing): an employee who delivered no export must show in the per-employee
    table, not vanish from it. ``"children"``: each folder directly inside a given one;
    ``"given"``: each given folder.

    When every input found is such a folder, the list is empty: the selection left
    nothing to audit, which the caller says as its usage error (:func:`nothing_found`).
    Rows of employees without an export only mean something beside one who has one
    (QA: ``--include '*.nomatch'`` gave exit 3 and wrote an empty report over the last).
    """
    chosen = filters or Filters()
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    # What the inputs hold under their own names: a link to one of these is not followed,
    # so a file is filed under the folder it sits in, not under the first folder that
    # links to it (QA round 11: a colleague's export, linked from another employee's
    # folder, was credited to that employee and its own folder reported empty).
    owned: set[tuple[int, int]] = set()
    for given in paths:
        if given != STDIN and os.path.isdir(given):
            owned.update(_owned(given, "", chosen, set()))
    found: list[Discovered] = []
    for given in paths:
        if given == STDIN and any(d.path == STDIN for d in found):
            continue  # standard input read once: named twice, the second read found it empty
        if given != STDIN and os.path.isdir(given):
            children = empty_folders == "children"
            listed = list(
                _walk(
                    given,
                    "",
                    chosen,
                    seen_dirs,
                    seen_files,
                    empty_folders=children,
                    owned=owned,
                    above=_above(given),
                )
            )
            # A folder named beside other inputs that holds nothing is listed as not
            # read: "scan exps/tanaka exps/kimura" with kimura empty passed with exit 0
            # and no word of kimura (UX review); not when its files were all listed
            # already (named before it). Alone, it is the run's usage error.
            if (
                not listed
                and (empty_folders == "given" or len(paths) > 1)
                and not any(_walk(given, "", chosen, set(), set(), above=_above(given)))
            ):
                listed = [_no_export(given, chosen)]
            found.extend(listed)
        elif _first_visit(given, seen_files):
            found.append(Discovered(given))
    if all(_holds_nothing(d) for d in found):
        return []
    return found


def _holds_nothing(found: Discovered) -> bool:
    """A folder listed only because the walk (and the filters) left nothing in it; a
    folder that could not be listed may hold exports, and is not one."""
    return found.folder and found.error in _NOTHING_INSIDE


def _no_export(folder: str, filters: Filters) -> Discovered:
    """An employee's folder that holds nothing to read, as an input that cannot be read."""
    if filters.include:  # an --exclude beside it may be what left nothing (QA round 11)
        reason = NO_EXPORT_FILTERED if filters.exclude else NO_EXPORT_MATCHING
    else:
        reason = NO_EXPORT_IN_FOLDER
    return Discovered(folder, reason, folder=True)


def _first_visit(path: str, seen_files: set[tuple[int, int]]) -> bool:
    """False when this very file (same device and inode) was already listed."""
    if path == STDIN:
        return True
    try:
        st = os.stat(path)
    except OSError:
        return True  # the reader reports it; never drop a path the user gave
    key = (st.st_dev, st.st_ino)
    if key in seen_files:
        return False
    seen_files.add(key)
    return True


def _walk(
    top: str,
    relative: str,
    filters: Filters,
    seen_dirs: set[tuple[int, int]],
    seen_files: set[tuple[int, int]],
    *,
    empty_folders: bool = False,
    owned: frozenset[tuple[int, int]] | set[tuple[int, int]] = frozenset(),
    linked: bool = False,
    above: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[Discovered]:
    """What ``top``/``relative`` holds, walked depth first in name order.

    ``linked``: the folder was reached through a link. Inside it, what the inputs hold
    under their own names is skipped too, not only a link to it: a link to a folder
    that *holds* a colleague's (``abe/team -> ../team``, holding ``team/kimura``)
    credited kimura's export to abe.

    ``above``: the folders this one lies in, as reached (device, inode), the given
    folder's real parents included. A link to one of them leads back up the tree (see
    :func:`_above`), however many links the walk followed to get here.
    """
    directory = os.path.join(top, relative) if relative else top
    try:
        st = os.stat(directory)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            return
        seen_dirs.add(key)
        above = above | {key}
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Discovered(directory, f"cannot list this folder: {exc.strerror or exc}", folder=True)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = f"{relative}/{entry.name}" if relative else entry.name
        link = entry.is_symlink()
        if owned and (link or linked) and _target(entry) in owned:
            continue  # found under its own name (see discover), also inside a linked folder
        kind = _kind(entry)
        if kind == "long":
            yield from _walk_long(
                directory,
                entry.name,
                child,
                filters,
                seen_dirs,
                seen_files,
                owned=owned,
                linked=linked,
                above=above,
            )
            continue
        if kind == "dir":
            if filters.prunes_dir(child) or (link and _target(entry) in above):
                continue
            inside = _walk(
                top,
                child,
                filters,
                seen_dirs,
                seen_files,
                owned=owned,
                linked=linked or link,
                above=above,
            )
            if not (empty_folders and not relative):
                yield from inside
                continue
            listed = list(inside)  # a folder directly inside the given one: an employee's
            yield from listed or [_no_export(os.path.join(top, child), filters)]
        elif kind == "file" and filters.wants_file(child):
            path = os.path.join(top, child)
            if _empty_handover_output(entry, directory):
                continue
            if _first_visit(path, seen_files):
                yield Discovered(path)
        elif kind == "other" and _EXPORT_NAME.search(entry.name) and filters.wants_file(child):
            # A pipe or device named like an export: not read (it could block), but named,
            # so no one takes the folder for fully audited (QA round 6).
            yield Discovered(os.path.join(top, child), NOT_A_FILE)


def _owned(
    top: str, relative: str, filters: Filters, seen: set[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """The folders and files :func:`_walk` finds under ``top`` without following a link
    (the same names skipped, the same filters), as (device, inode)."""
    directory = os.path.join(top, relative) if relative else top
    try:
        st = os.stat(directory)
        if (st.st_dev, st.st_ino) in seen:
            return
        seen.add((st.st_dev, st.st_ino))
        yield st.st_dev, st.st_ino
        with os.scandir(directory) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        child = f"{relative}/{entry.name}" if relative else entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                if not filters.prunes_dir(child):
                    yield from _owned(top, child, filters, seen)
            elif entry.is_file(follow_symlinks=False) and filters.wants_file(child):
                found = entry.stat(follow_symlinks=False)
                yield found.st_dev, found.st_ino
        except OSError:
            continue


def _above(folder: str) -> frozenset[tuple[int, int]]:
    """(device, inode) of every folder ``folder`` really lies in. Followed, a link to
    one of them (``exports/abe/up -> ..``, or ``abe/ext -> ../../other`` holding
    ``back -> ../exports``) walks the colleagues' folders under the link's owner: with
    ``scan exports/*`` those not yet visited left the per-employee table (QA, batch
    round); alone (``scan exports/abe``) it audited every employee as abe's."""
    found: set[tuple[int, int]] = set()
    try:
        path = os.path.realpath(folder)
    except (OSError, ValueError):
        return frozenset()
    while True:
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
        try:
            st = os.stat(path)
        except OSError:
            continue
        found.add((st.st_dev, st.st_ino))
    return frozenset(found)


def _target(entry: os.DirEntry[str]) -> tuple[int, int] | None:
    """(device, inode) of what the link ``entry`` points to; None when it points nowhere."""
    try:
        st = entry.stat(follow_symlinks=True)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _empty_handover_output(entry: os.DirEntry[str], directory: str) -> bool:
    """Whether ``entry`` is an empty file ``split`` wrote: 0 bytes, named with no contacts
    by the piiaudit manifest beside it. split writes all three files, one often empty,
    and scanning a finished hand-over folder failed on it (exit 3, UX review). Any other
    empty file is still named as not read: an export that came out empty is news."""
    try:
        if entry.stat(follow_symlinks=True).st_size:
            return False
        with open(os.path.join(directory, MANIFEST), "rb") as handle:
            manifest = json.loads(handle.read(MANIFEST_MAX_BYTES))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or not str(manifest.get("tool", "")).startswith("piiaudit"):
        return False
    outputs = manifest.get("outputs")
    return isinstance(outputs, dict) and any(
        isinstance(out, dict) and out.get("file") == entry.name and out.get("contacts") == 0
        for out in outputs.values()
    )


MANIFEST = "manifest.json"  # what split writes beside its outputs
MANIFEST_MAX_BYTES = 1 << 20
NOT_A_FILE = "a pipe, socket or device, not a file"  # said as "PATH: not read: ..." (QA round 16)
_EXPORT_NAME = re.compile(r"\.(?:vcf|vcard|csv)$", re.IGNORECASE)


def _kind(entry: os.DirEntry[str]) -> str:
    """``dir``, ``file`` or ``other`` (sockets, FIFOs, dangling links are not exports),
    or ``long``: its path is too long for the system to open (see :func:`_walk_long`).

    A dangling link is reported as a file, so the reader names it as unreadable.
    """
    try:
        mode = entry.stat(follow_symlinks=True).st_mode
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return "long"
        return "file" if entry.is_symlink() else "other"
    return _mode_kind(mode)


def _mode_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


#: Why a file below a path too long to open is listed as not read (hostile QA F9).
PATH_TOO_LONG = (
    "its path is longer than the system lets a program open; move it to a folder with "
    "a shorter path to audit it"
)


def _walk_long(
    directory: str,
    name: str,
    relative: str,
    filters: Filters,
    seen_dirs: set[tuple[int, int]],
    seen_files: set[tuple[int, int]],
    *,
    owned: frozenset[tuple[int, int]] | set[tuple[int, int]],
    linked: bool,
    above: frozenset[tuple[int, int]],
) -> Iterator[Discovered]:
    """The entry ``name`` of ``directory`` whose own path is too long to open, walked.

    A path longer than PATH_MAX (4,096 bytes on Linux: 40 folders of 200-character
    names) cannot be opened, listed or even looked at by name, so its entry was taken
    for a pipe and passed over without a word: a folder scan said "Files 1", exit 0,
    and an export below stayed unaudited (hostile QA F9). Below ``directory`` (a path
    that still opens) the walk goes on through open folders (``dir_fd``), with the same
    rules as :func:`_walk`: names in order, hidden entries, the filters, every folder
    visited once and no link followed back up the tree or to an input's own files.
    Each export found is listed as not read (:data:`PATH_TOO_LONG`): the readers open
    files by path, so the run ends with exit 3 and names it, as any unreadable file.
    """
    try:
        parent = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        yield Discovered(directory, f"cannot list this folder: {exc.strerror or exc}", folder=True)
        return
    try:
        walk = _FdWalk(filters, seen_dirs, seen_files, owned)
        yield from walk.entry(parent, name, directory, relative, linked=linked, above=above)
    finally:
        os.close(parent)


@dataclass(frozen=True, slots=True)
class _FdWalk:
    """:func:`_walk`'s rules over open folders, for paths too long to name (_walk_long)."""

    filters: Filters
    seen_dirs: set[tuple[int, int]]
    seen_files: set[tuple[int, int]]
    owned: frozenset[tuple[int, int]] | set[tuple[int, int]]

    def entry(
        self,
        folder: int,
        name: str,
        parent: str,
        relative: str,
        *,
        linked: bool,
        above: frozenset[tuple[int, int]],
    ) -> Iterator[Discovered]:
        """The entry ``name`` of the open ``folder`` (at path ``parent``), as _walk's loop."""
        path = os.path.join(parent, name)
        try:
            own = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except OSError:
            return  # gone since the folder was listed
        link = stat.S_ISLNK(own.st_mode)
        try:
            st = os.stat(name, dir_fd=folder) if link else own
        except OSError:  # a dangling link: a file the reader cannot read, as in _kind
            kind, target = "file", None
        else:
            kind, target = _mode_kind(st.st_mode), (st.st_dev, st.st_ino)
        if self.owned and (link or linked) and target in self.owned:
            return
        if kind == "dir":
            if self.filters.prunes_dir(relative) or (link and target in above):
                return
            yield from self.folder(folder, name, path, relative, linked=linked or link, above=above)
        elif kind == "file" and self.filters.wants_file(relative):
            if target is not None:
                if target in self.seen_files:
                    return
                self.seen_files.add(target)
            yield Discovered(path, PATH_TOO_LONG)
        elif kind == "other" and _EXPORT_NAME.search(name) and self.filters.wants_file(relative):
            yield Discovered(path, NOT_A_FILE)

    def folder(
        self,
        parent: int,
        name: str,
        path: str,
        relative: str,
        *,
        linked: bool,
        above: frozenset[tuple[int, int]],
    ) -> Iterator[Discovered]:
        """What the folder ``name`` of the open ``parent`` holds, in name order."""
        try:
            folder = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=parent)
        except OSError as exc:
            yield Discovered(path, f"cannot list this folder: {exc.strerror or exc}", folder=True)
            return
        try:
            try:
                st = os.fstat(folder)
                with os.scandir(folder) as listing:
                    names = sorted(entry.name for entry in listing)
            except OSError as exc:
                reason = f"cannot list this folder: {exc.strerror or exc}"
                yield Discovered(path, reason, folder=True)
                return
            key = (st.st_dev, st.st_ino)
            if key in self.seen_dirs:
                return
            self.seen_dirs.add(key)
            inside = above | {key}
            for child in names:
                if not child.startswith("."):
                    relative_child = f"{relative}/{child}"
                    yield from self.entry(
                        folder, child, path, relative_child, linked=linked, above=inside
                    )
        finally:
            os.close(folder)
