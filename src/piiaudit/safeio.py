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
    hard link to an input is that input)."""
    if first.resolve() == second.resolve():
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def check_target(path: Path, *, force: bool) -> None:
    """Refuse a symlink at ``path``, a directory, a device or pipe, or an existing file
    without ``force``.

    A device is refused even with ``force``: writes are atomic (a temporary file renamed
    into place), so ``-o /dev/null --force`` run as root would replace the device node
    with a regular file holding the report."""
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
