"""Writing files that may hold personal data: atomic, owner-only, never through a link.

Reports and hand-over files go through :func:`write_private`. The file is written
to a temporary name in the same directory (created 0600), flushed, then renamed
over the target, so a reader never sees half a report and a crash leaves no
partial file. A symlink planted at the target is refused, not followed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from piiaudit.errors import OutputError

PRIVATE_MODE = 0o600


def is_same_file(first: Path, second: Path) -> bool:
    """True when both names reach the same file (same resolved path or same inode: a
    hard link to an input is that input). A symbolic-link loop reaches no file: Python
    3.11's ``resolve`` raises RuntimeError on one (hostile QA F2: minimize's "is the
    output the input?" check ended in an internal error), later versions OSError."""
    try:
        if first.resolve() == second.resolve():
            return True
        return os.path.samefile(first, second)
    except (RuntimeError, OSError):
        return False


def check_target(path: Path, *, force: bool) -> None:
    """Refuse a symlink at ``path``, a directory, a device or pipe, or an existing file
    without ``force``.

    A device is refused even with ``force``: writes are atomic (a temporary file renamed
    into place), so ``-o /dev/null --force`` run as root would replace the device node
    with a regular file holding the report.

    ``-`` is refused by name: it made a file called ``-`` (UX review), where a user means
    standard output; the commands that can write there take ``-o -`` before this."""
    if str(path) == "-":
        raise OutputError("-: cannot write this output to standard output; name a file")
    if path.is_symlink():
        raise OutputError(f"{path}: refusing to write through a symbolic link")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    if path.exists() and not path.is_file():
        raise OutputError(f"{path}: is a device or a pipe, not a file; name a file to write")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists (use --force to replace it)")
    parent = path.parent if str(path.parent) else Path()
    if not parent.is_dir():
        raise OutputError(f"{parent}: output directory does not exist")


@contextlib.contextmanager
def private_file(path: Path, *, force: bool = True, binary: bool = False) -> Iterator[IO[str]]:
    """Open a temporary owner-only file next to ``path``; rename it into place on success.

    Yields a text stream (UTF-8, ``\\n`` newlines) unless ``binary`` is set, in which
    case the stream is binary (typed loosely as ``IO[str]`` for the common case).
    """
    check_target(path, force=force)
    directory = path.parent if str(path.parent) else Path()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, PRIVATE_MODE)
        mode = "wb" if binary else "w"
        kwargs: dict[str, object] = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # Re-check right before the rename: a link planted meanwhile is refused.
        if path.is_symlink():
            raise OutputError(f"{path}: refusing to write through a symbolic link")
        tmp.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):  # a full disk, a read-only or vanished folder
            raise _cannot_write(path, exc) from None
        raise


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write: {exc.strerror or type(exc).__name__}")


def write_private_text(path: Path, text: str, *, force: bool = True) -> None:
    """Write ``text`` atomically to ``path`` with mode 0600."""
    with private_file(path, force=force) as handle:
        handle.write(text)


def write_private_bytes(path: Path, chunks: Iterable[bytes], *, force: bool = True) -> None:
    """Write byte chunks atomically to ``path`` with mode 0600."""
    with private_file(path, force=force, binary=True) as handle:
        for chunk in chunks:
            handle.write(chunk)  # type: ignore[arg-type]


def is_within(path: Path, directory: Path) -> bool:
    """True when ``path`` (resolved) lies inside ``directory`` (resolved)."""
    try:
        path.resolve().relative_to(directory.resolve())
    except ValueError:
        return False
    return True


def open_unblocked(target: Path) -> BinaryIO:
    """Open ``target`` for reading without waiting on a FIFO that nobody writes to.

    A plain ``open`` of a named pipe blocks until a writer appears, which may be
    never. Opened non-blocking it returns at once (and reads as empty when there
    is no writer); blocking mode is then restored, so a pipe that does have a
    writer (``<(gunzip -c export.vcf.gz)``, ``<(pass show key)``) is read normally.
    The readers open every input this way, and ``baseline`` its key and baseline files.
    """
    nonblock = getattr(os, "O_NONBLOCK", 0)
    if not nonblock:  # Windows: no FIFOs to wait on
        return target.open("rb")
    import fcntl

    fd = os.open(target, os.O_RDONLY | nonblock)
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~nonblock)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


PRIVATE_DIR_MODE = 0o700


def make_private_dirs(directory: Path) -> None:
    """Create ``directory`` and any missing parent, each owner-only (0700).

    Each missing folder is made inside the one before it, held open (``dir_fd``), and
    opened without following a link before its mode is set on the open folder. Made by
    path, a user who can write to a parent could swap a folder just made for a link,
    and the next folder, the reports and the ``chmod`` went where the link pointed
    (security review F13: 44 of 60 tries). A folder replaced while being made is an
    error. An existing folder on the way is used as it is, a link to one included.
    Where the system has no ``dir_fd`` (Windows), folders are made by path."""
    if directory.is_dir():
        return
    base = next((p for p in directory.parents if p.is_dir()), None)
    if base is None or not _HAS_DIR_FD:
        _make_by_path(directory)
        return
    try:
        fd = os.open(base, _LOOKUP | os.O_DIRECTORY)
    except OSError as exc:
        raise _cannot_create(directory, exc) from None
    try:
        for name in directory.relative_to(base).parts:
            child = _enter(fd, name, base)
            os.close(fd)
            fd = child
            base = base / name
    finally:
        os.close(fd)


_HAS_DIR_FD = os.mkdir in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
# Folders on the way are only looked up and made into: O_PATH needs no read permission
# (a drop-box parent, mode 1733 or 0300, can be written to but not read: review 9).
_LOOKUP = getattr(os, "O_PATH", os.O_RDONLY)


def _enter(parent: int, name: str, where: Path) -> int:
    """Make (or find) folder ``name`` in the open folder ``parent`` and return it, open.
    ``where`` is ``parent``'s path, for messages."""
    folder = where / name
    try:
        try:
            os.mkdir(name, PRIVATE_DIR_MODE, dir_fd=parent)
            made = True
        except FileExistsError:
            made = False
        # A folder made here is opened for reading (its mode is set through it); one
        # that was there is only looked up.
        flags = os.O_DIRECTORY | (os.O_RDONLY | os.O_NOFOLLOW if made else _LOOKUP)
        try:
            child = os.open(name, flags, dir_fd=parent)
        except OSError as exc:
            if made:
                raise OutputError(
                    f"{folder}: was replaced while it was being created; nothing was written"
                ) from None
            if not os.path.isdir(folder):
                raise OutputError(f"{folder}: exists and is not a directory") from None
            raise _cannot_create(folder, exc) from None
        if made:
            try:
                os.fchmod(child, PRIVATE_DIR_MODE)  # the mode is whatever the umask left of it
            except OSError:
                os.close(child)
                raise
        return child
    except OSError as exc:
        raise _cannot_create(folder, exc) from None


def _make_by_path(directory: Path) -> None:
    missing = [directory, *(p for p in directory.parents if not p.is_dir())]
    for folder in reversed(missing):
        if folder.is_dir():  # made meanwhile, by another run
            continue
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
            os.chmod(folder, PRIVATE_DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise OutputError(f"{folder}: exists and is not a directory") from None
        except OSError as exc:
            raise _cannot_create(folder, exc) from None


def _cannot_create(folder: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or type(exc).__name__
    return OutputError(f"{folder}: cannot create the output directory: {reason}")


def shared_folder(directory: Path) -> Path | None:
    """The nearest existing folder, ``directory`` or one above it, that another user can
    change: writable by everyone without the sticky bit (``/tmp`` has it), or, for a
    user other than root, owned by another user who is not root (a colleague's folder).
    Such a user can move a report written there, or put a link where the next folder is
    made, so the caller warns (security review F13). Root writing into a user's project
    folder (``sudo``, a CI container) is the usual case and is not named (review 9):
    that user can read nothing of the 0600 files. ``None`` when there is none, and on
    systems without permission bits (Windows)."""
    if not hasattr(os, "getuid"):
        return None
    me = os.getuid()
    directory = directory.absolute()
    for current in (directory, *directory.parents):
        try:
            info = current.stat()
        except OSError:
            continue  # not made yet, or not ours to look at: the next one up decides
        if info.st_mode & 0o002 and not info.st_mode & 0o1000:
            return current
        if me != 0 and info.st_uid not in (me, 0):
            return current
    return None
