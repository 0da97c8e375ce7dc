"""``collector_paused``: the cyclic GC is off inside and as it was after, errors or not."""

from __future__ import annotations

import gc

import pytest

from piiaudit.gcpause import collector_paused


@pytest.mark.parametrize("enabled", [True, False])
def test_off_inside_and_as_before_after(restore_gc: None, enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_an_error_inside_still_restores_the_collector(restore_gc: None) -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("fictional failure")
    assert gc.isenabled()


def test_nested_pauses_restore_only_at_the_outermost(restore_gc: None) -> None:
    gc.enable()
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
