"""Reports pause the cyclic GC while they are built and leave it as they found it."""

from __future__ import annotations

import gc
import io

import pytest

from piiaudit.reporters import ReportOptions, get
from piiaudit.reporters.view import gc_paused
from reporters.factory import sample_case


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


@pytest.mark.parametrize("fmt", ["terminal", "json", "html", "sarif", "csv"])
def test_every_report_leaves_the_collector_as_it_found_it(restore_gc: None, fmt: str) -> None:
    """Also when built in parts (what ``scan`` renders)."""
    from piiaudit.reporters.parts import RENDERERS, PartPlan, assemble, digest

    result = sample_case().result
    plan = PartPlan(ReportOptions(), (fmt,))
    run = assemble(
        plan,
        [digest(plan, f) for f in result.files],
        rules=result.rules,
        settings=result.settings,
        tool_version=result.tool_version,
        run_risk=lambda scores: (result.risk_score, result.risk_level),
    )
    for enabled in (True, False):
        if enabled:
            gc.enable()
        else:
            gc.disable()
        get(fmt)(result, io.StringIO(), ReportOptions())
        assert gc.isenabled() is enabled
        RENDERERS[fmt](run, io.StringIO(), ReportOptions())
        assert gc.isenabled() is enabled
