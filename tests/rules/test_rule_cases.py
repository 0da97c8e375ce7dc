"""Every shipped rule's examples, ``.cases.yaml`` files and pack fixtures, run through
the same code as ``piiaudit rules test`` (``piiaudit.engine.testing``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from piiaudit.engine import Engine
from piiaudit.engine.loader import shipped_pack_dirs
from piiaudit.engine.testing import (
    TEST_PROFILE,
    build_engine,
    run_cases_file,
    run_examples,
    run_fixture,
)
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "rules"
CASE_FILES = sorted(RULES.glob("*/*.cases.yaml"))
FIXTURES = sorted(RULES.glob("*/fixtures/*.expect.yaml"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return build_engine([], TEST_PROFILE)


def read(path: Path) -> Iterator[Contact]:
    with open_input(str(path), ParseOptions()) as parsed:
        yield from parsed.contacts


def test_the_shipped_packs_are_the_rules_folder() -> None:
    assert [p.resolve() for p in shipped_pack_dirs()] == sorted(
        p.parent for p in RULES.glob("*/pack.yaml")
    )


@pytest.mark.parametrize(
    "path", CASE_FILES, ids=[p.stem.removesuffix(".cases") for p in CASE_FILES]
)
def test_rule_cases(engine: Engine, path: Path) -> None:
    results = run_cases_file(engine, path)
    assert results
    failures = [f"{r.path}:{r.line}: {r.name}: {r.message}" for r in results if not r.passed]
    assert not failures, "\n".join(failures)


def test_rule_examples(engine: Engine) -> None:
    failures = [
        f"{r.path}: {r.suite} {r.name}: {r.message}"
        for rule in engine.rules
        for r in run_examples(engine, rule)
        if not r.passed
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_pack_fixtures(engine: Engine, path: Path) -> None:
    results = run_fixture(engine, path, read)
    failures = [f"{r.name}: {r.message}" for r in results if not r.passed and not r.todo]
    assert not failures, "\n".join(failures)
