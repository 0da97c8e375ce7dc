"""Reports pause the cyclic GC while they are built (``piiaudit.gcpause``, tested in
``tests/test_gcpause.py``) and leave it as they found it."""

from __future__ import annotations

import gc
import io

import pytest

from piiaudit.reporters import ReportOptions, get
from reporters.assembly import assembled
from reporters.factory import sample_case


def test_a_json_report_leaves_the_collector_on(restore_gc: None) -> None:
    gc.enable()
    out = io.StringIO()
    get("json")(sample_case().result, out, ReportOptions())
    assert out.getvalue().startswith("{") and gc.isenabled()


@pytest.mark.parametrize("fmt", ["terminal", "json", "html", "sarif", "csv"])
def test_every_report_leaves_the_collector_as_it_found_it(restore_gc: None, fmt: str) -> None:
    """Also when built in parts (what ``scan`` renders)."""
    from piiaudit.reporters.parts import RENDERERS, PartPlan

    result = sample_case().result
    plan = PartPlan(ReportOptions(), (fmt,))
    run = assembled(result, plan)
    for enabled in (True, False):
        if enabled:
            gc.enable()
        else:
            gc.disable()
        get(fmt)(result, io.StringIO(), ReportOptions())
        assert gc.isenabled() is enabled
        RENDERERS[fmt](run, io.StringIO(), ReportOptions())
        assert gc.isenabled() is enabled
