"""Files below a path longer than PATH_MAX are named as not read (hostile QA F9).

40 nested folders of 200-character names put an export at a path of about 8,000
bytes: no system call takes such a path, so the walk could not look at the entry and
passed it over in silence ("Files 1", exit 0): a shared folder could hide an export
from a compliance batch. The walk now goes on below through open folders and lists
each export there as not read, with the reason, so the run ends with exit 3.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.discovery import PATH_TOO_LONG, Filters, discover
from piiaudit.exitcodes import ExitCode

CARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kimura Goro\r\nTEL;TYPE=CELL:090-1234-5678\r\nEND:VCARD\r\n"
)
LEVELS = 24  # 24 names of 200 characters: a path past 4,096 bytes from any tmp folder


class DeepTree:
    """A folder made through open folders (its deepest paths cannot be named)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = str(root)
        self._fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)

    def down(self, name: str) -> None:
        os.mkdir(name, dir_fd=self._fd)
        inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=self._fd)
        os.close(self._fd)
        self._fd = inner
        self.path = os.path.join(self.path, name)

    def write(self, name: str, data: bytes = CARD) -> str:
        fd = os.open(name, os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=self._fd)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        return os.path.join(self.path, name)

    def link(self, name: str, target: str) -> None:
        os.symlink(target, name, dir_fd=self._fd)

    def close(self) -> None:
        os.close(self._fd)


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[DeepTree]:
    """``tmp_path/exports`` with ``top.vcf``, and ``LEVELS`` folders down, a deep end."""
    root = tmp_path / "exports"
    root.mkdir()
    (root / "top.vcf").write_bytes(CARD)
    tree = DeepTree(root)
    for level in range(LEVELS):
        tree.down(f"{level:02d}" + "d" * 198)
    assert len(os.fsencode(tree.path)) > 4096
    yield tree
    tree.close()
    shutil.rmtree(root)  # through open folders too (shutil.rmtree.avoids_symlink_attacks)


def test_an_export_below_a_path_too_long_is_listed_as_not_read(deep: DeepTree) -> None:
    bottom = deep.write("bottom.vcf")
    found = discover([str(deep.root)])
    assert [(d.path, d.error) for d in found] == [
        (bottom, PATH_TOO_LONG),
        (str(deep.root / "top.vcf"), None),
    ]


def test_the_walk_below_keeps_the_filters_and_passes_over_hidden_entries(deep: DeepTree) -> None:
    deep.write(".hidden.vcf")
    deep.write("photo.jpg", b"\xff\xd8\xff")
    wanted = deep.write("phone.csv", b"Name,Mobile\r\nAnn,090-1234-5678\r\n")
    deep.write("phone.vcf")
    found = discover([str(deep.root)], Filters(include=("*.csv",), passed_over=("*.jpg",)))
    assert [(d.path, d.error) for d in found] == [(wanted, PATH_TOO_LONG)]


def test_links_below_are_followed_once_and_never_back_up(deep: DeepTree) -> None:
    bottom = deep.write("bottom.vcf")
    deep.link("up", "..")  # back up the tree: not followed
    deep.link("loop", ".")  # the folder itself: visited once
    deep.link("copy.vcf", "bottom.vcf")  # the same file under another name: listed once
    found = discover([str(deep.root)])
    assert [(d.path, d.error) for d in found] == [
        (bottom, PATH_TOO_LONG),
        (str(deep.root / "top.vcf"), None),
    ]


def test_scan_names_the_export_it_could_not_read_and_exits_3(deep: DeepTree) -> None:
    bottom = deep.write("bottom.vcf")
    result = CliRunner().invoke(app, ["scan", str(deep.root), "-f", "json"])
    assert not isinstance(result.exception, Exception), repr(result.exception)
    assert result.exit_code == ExitCode.INPUT
    assert "bottom.vcf" in result.stderr
    files = {f["path"]: f["error"] for f in json.loads(result.stdout)["files"]}
    assert files == {bottom: PATH_TOO_LONG, str(deep.root / "top.vcf"): None}
