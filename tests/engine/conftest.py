"""One engine per test session: building it compiles every shipped pack."""

from __future__ import annotations

import pytest

from piiaudit.engine import Engine
from piiaudit.engine.testing import TEST_PROFILE, build_engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The shipped packs with the fictional company of the shipped tests (サンプル商事)."""
    return build_engine([], TEST_PROFILE)
