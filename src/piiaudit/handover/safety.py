"""Input and output checks shared by ``split`` and ``minimize``, run before anything is written.

The hand-over is the one moment the tool writes personal data to disk, often
next to the only copy of the export. So every target is checked up front: it
is not the input (by resolved path *and* by inode, which catches hard links and
``./x`` vs ``x``), it is not a symlink, and it does not exist unless ``--force``.
Checking all targets first means a refusal never leaves half a hand-over behind.

A mistyped input (a path that does not exist, or a folder) is a usage error (exit 2),
said as ``scan`` says it: the user fixes the command, nothing was read or written. An
input that exists and cannot be read (empty, binary, no permission) is exit 3.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from piiaudit.errors import ConfigError, InputError, OutputError
from piiaudit.safeio import check_target, is_same_file

STDIN = "-"
# What did not happen, by command, for "PATH: no such file or directory: nothing was ...".
_NOT_DONE = {
    "split": "nothing was split and no file was written",
    "minimize": "nothing was minimized and no file was written",
}


def require_file_input(text: str, command: str) -> Path:
    """``split`` copies byte ranges, so it needs a real, seekable file, not ``-``."""
    if text == STDIN:
        raise ConfigError(f"{command} needs an input file, not standard input")
    require_input(text, command)
    return Path(text)


def require_input(text: str, command: str) -> None:
    """Refuse an input that does not exist or is a folder, before any work (standard
    input passes). A dangling symbolic link exists: reading it fails, exit 3, as in
    ``scan``."""
    if text == STDIN:
        return
    not_done = _NOT_DONE.get(command, "nothing was written")
    if not os.path.lexists(text):
        raise ConfigError(f"{text}: no such file or directory: {not_done}")
    if os.path.isdir(text):
        raise ConfigError(f"{text}: is a directory, not a contact export: {not_done}")


def check_outputs(
    inputs: Sequence[Path], targets: Sequence[Path], *, force: bool, missing_dir_ok: bool = False
) -> None:
    """Refuse any target that is an input, a symlink, a directory, named twice, or exists
    (unless ``force``). With ``missing_dir_ok`` a missing output directory is fine (split
    makes it after every check has passed; nothing can exist in it yet)."""
    seen: list[Path] = []
    for target in targets:
        for source in inputs:
            if is_same_file(source, target):
                raise OutputError(f"{target}: is the input file; refusing to write over it")
        if any(is_same_file(target, other) for other in seen):
            raise OutputError(f"{target}: named twice as an output")
        seen.append(target)
        if missing_dir_ok and not target.parent.exists():
            continue
        check_target(target, force=force)


def existing_outputs(targets: Sequence[Path]) -> list[Path]:
    """The targets that exist already: a dry run, which writes nothing, does not refuse
    them, but says that the real run will need ``--force``."""
    return [target for target in targets if target.exists()]


@contextlib.contextmanager
def os_errors(*, reading: Path | None = None, writing: Path | None = None) -> Iterator[None]:
    """Turn an operating-system error (permission, disk full, a directory given as a
    file) into a piiaudit error naming the path, so the user gets one clear line and
    the right exit code instead of an internal error."""
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or str(exc)
        culprit = Path(exc.filename) if exc.filename else None
        if writing is not None and (reading is None or culprit != reading):
            raise OutputError(f"{culprit or writing}: cannot write: {reason}") from None
        raise InputError(str(reading or culprit), f"cannot read: {reason}") from None
