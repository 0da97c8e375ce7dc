"""Output checks: never the input (by path or inode), never through a symlink, never
an existing file without --force, all checked before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from piiaudit.errors import ConfigError, OutputError
from piiaudit.handover.safety import check_outputs, require_file_input


def test_the_input_is_refused_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "export.vcf"
    source.write_text("x")
    with pytest.raises(OutputError, match="is the input file"):
        check_outputs([source], [tmp_path / "." / "export.vcf"], force=True)


def test_a_hard_link_to_the_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "export.vcf"
    source.write_text("x")
    link = tmp_path / "other-name.vcf"
    os.link(source, link)
    with pytest.raises(OutputError, match="is the input file"):
        check_outputs([source], [link], force=True)


def test_existing_output_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "business.vcf"
    target.write_text("old")
    with pytest.raises(OutputError, match="already exists"):
        check_outputs([], [target], force=False)
    check_outputs([], [target], force=True)


def test_symlink_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "business.vcf"
    target.symlink_to(tmp_path / "elsewhere.vcf")
    with pytest.raises(OutputError, match="symbolic link"):
        check_outputs([], [target], force=True)


def test_same_target_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="named twice"):
        check_outputs([], [tmp_path / "a", tmp_path / "." / "a"], force=False)


def test_a_directory_still_to_be_made_can_be_accepted(tmp_path: Path) -> None:
    missing = tmp_path / "new"
    check_outputs([], [missing / "business.vcf"], force=False, missing_dir_ok=True)
    with pytest.raises(OutputError, match="does not exist"):
        check_outputs([], [missing / "business.vcf"], force=False)
    assert not missing.exists()


def test_split_needs_a_real_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="standard input"):
        require_file_input("-", "split")
    source = tmp_path / "a.vcf"
    source.write_text("x")
    assert require_file_input(str(source), "split") == source
