"""Shared test fixtures.

The public corpus of real-world export formats lives outside the repository, in
``../shared/corpus/public`` beside the checkout (CI lays it there too). Tests read
it from there; nothing from it is copied into the repository.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "public"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The public corpus; a missing corpus is an error, never a silent skip."""
    assert CORPUS.is_dir(), f"public corpus not found at {CORPUS}"
    return CORPUS


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(autouse=True)
def neutral_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from a locale that names neither a language nor a country, as
    CI's does: the machine's own (``LANG=de_DE.UTF-8`` or ``ja_JP.UTF-8``) would change
    the messages' language and add the phone-region hint. Tests that need one set it."""
    for var in ("LC_ALL", "LC_MESSAGES", "LC_TELEPHONE", "LANG"):
        monkeypatch.delenv(var, raising=False)


#: The time every test's reports state (piiaudit.clock): 2026-11-26 00:00:00 UTC.
REPORT_TIME = "1795651200"


@pytest.fixture(autouse=True)
def fixed_report_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports state when the run started; fixing that time (``SOURCE_DATE_EPOCH``, also
    for the CLI run in a subprocess) keeps the golden files and the comparisons of two
    runs byte for byte. ``tests/reporters/test_report_time.py`` unsets it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", REPORT_TIME)


@pytest.fixture
def restore_gc() -> Iterator[None]:
    """Put the cyclic GC back as it was: tests of code that pauses it switch it on and off."""
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()
