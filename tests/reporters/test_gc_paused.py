"""Reports pause the cyclic GC while they are built and leave it as they found it."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator

import pytest

from piiaudit.reporters import ReportOptions, get
from piiaudit.reporters.view import gc_paused
from reporters.factory import sample_case


@pytest.fixture
def restore_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_off_inside_and_as_before_after(restore_gc: None, enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_an_error_inside_still_restores_the_collector(restore_gc: None) -> None:
    gc.enable()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("fictional failure")
    assert gc.isenabled()


def test_a_json_report_leaves_the_collector_on(restore_gc: None) -> None:
    gc.enable()
    out = io.StringIO()
    get("json")(sample_case().result, out, ReportOptions())
    assert out.getvalue().startswith("{") and gc.isenabled()
