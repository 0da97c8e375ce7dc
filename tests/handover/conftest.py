"""Fixtures for the hand-over tests: the real engine, and the corpus file list."""

from __future__ import annotations

from pathlib import Path

import pytest

from piiaudit.engine import Engine, load_profile


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The shipped rule packs, without any company profile (discovery starts in an
    empty directory so a developer's piiaudit.yaml cannot change the results)."""
    empty = tmp_path_factory.mktemp("no-profile")
    return Engine.from_profile(load_profile(None, empty))


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every export in the public corpus (SOURCES.md describes them)."""
    files = sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    assert len(files) == 115, f"expected the 115 corpus exports, found {len(files)}"
    return files
