"""Folders piiaudit makes for its output, and folders other users can change.

Security review F13: ``--output-dir`` folders were made by path and then
``chmod``-ed by path, so a user who could write to a parent could swap a folder
just made for a link (``renameat2(RENAME_EXCHANGE)``) and the next folder, the
reports and the ``chmod`` went where the link pointed (44 of 60 tries). An
existing output folder that others could change was used without a word.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import piiaudit.safeio
from hostile.cases import GOOD
from hostile.run import invoke
from piiaudit.errors import OutputError
from piiaudit.safeio import make_private_dirs, shared_folder

SHARED_WARNING = "other users can change this folder"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_missing_folders_are_made_owner_only_even_with_a_permissive_umask(
    tmp_path: Path,
) -> None:
    target = tmp_path / "a" / "b" / "c"
    old = os.umask(0)
    try:
        make_private_dirs(target)
    finally:
        os.umask(old)
    assert [_mode(p) for p in (tmp_path / "a", tmp_path / "a" / "b", target)] == [0o700] * 3


def test_an_existing_link_to_a_folder_on_the_way_is_used_as_it_is(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o755)
    (tmp_path / "link").symlink_to(real)
    make_private_dirs(tmp_path / "link" / "reports")
    assert _mode(real / "reports") == 0o700
    assert _mode(real) == 0o755  # an existing folder keeps its mode


def test_a_folder_swapped_for_a_link_while_being_made_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the attacker's rename does, done right after piiaudit's mkdir returns.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    real_mkdir = os.mkdir

    def mkdir_then_swap(name: str, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        real_mkdir(name, mode, dir_fd=dir_fd)
        if name == "a":
            os.rename(tmp_path / "a", tmp_path / "moved-away")
            (tmp_path / "a").symlink_to(elsewhere)

    monkeypatch.setattr(piiaudit.safeio.os, "mkdir", mkdir_then_swap)
    with pytest.raises(OutputError, match="was replaced while it was being created"):
        make_private_dirs(tmp_path / "a" / "b")
    assert list(elsewhere.iterdir()) == []  # nothing made through the link
    assert _mode(elsewhere) == 0o755  # and no chmod of its target


def test_a_world_writable_folder_without_the_sticky_bit_is_shared(tmp_path: Path) -> None:
    open_folder = tmp_path / "open"
    open_folder.mkdir()
    open_folder.chmod(0o777)
    sticky = tmp_path / "sticky"
    sticky.mkdir()
    sticky.chmod(0o1777)
    assert shared_folder(open_folder / "not-made-yet" / "out") == open_folder
    assert shared_folder(sticky / "out") is None
    assert shared_folder(tmp_path) is None


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.vcf"
    path.write_text(GOOD, newline="")
    return path


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A folder everyone can write to, without the sticky bit."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    return folder


def test_scan_warns_when_its_output_folder_can_be_changed_by_others(
    export: Path, shared: Path, tmp_path: Path
) -> None:
    run = invoke("scan", str(export), "-f", "json", "--output-dir", str(shared / "out"))
    assert run.exit_code in (0, 1), run.stderr
    assert f"{shared}: {SHARED_WARNING}" in run.stderr
    assert _mode(shared / "out") == 0o700
    quiet = invoke("scan", str(export), "-f", "json", "-o", str(shared / "q.json"), "-q")
    assert SHARED_WARNING not in quiet.stderr  # --quiet: no warnings (a CI log)

    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    run = invoke("scan", str(export), "-f", "json", "-o", str(private / "r.json"))
    assert SHARED_WARNING not in run.stderr


def test_split_and_minimize_warn_about_a_shared_folder_in_japanese(
    export: Path, shared: Path
) -> None:
    split = invoke("split", str(export), "--out-dir", str(shared / "split"), "--lang", "ja")
    minimized = invoke(
        "minimize", str(export), "-o", str(shared / "m.vcf"), "--lang", "ja", "--keep-unknown"
    )
    for run in (split, minimized):
        assert run.exit_code == 0, run.stderr
        assert f"{shared}: このフォルダは他のユーザーも変更できます" in run.stderr


def test_a_colleagues_folder_is_shared_unless_root_writes_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 10: a folder owned by another ordinary user lets that user move the files.
    # Root writing into a user's folder (sudo, a CI container) is the usual case: no word.
    folder = tmp_path / "colleague"
    folder.mkdir(mode=0o755)
    owner = folder.stat().st_uid
    monkeypatch.setattr(piiaudit.safeio.os, "getuid", lambda: owner + 1000)
    if owner == 0:  # the test runs as root: the folder is root's, which is never named
        assert shared_folder(folder) is None
        os.chown(folder, 4242, -1)
        monkeypatch.setattr(piiaudit.safeio.os, "getuid", lambda: 1000)
        assert shared_folder(folder) == folder
        monkeypatch.setattr(piiaudit.safeio.os, "getuid", lambda: 0)
        assert shared_folder(folder) is None
    else:
        assert shared_folder(folder) == folder
