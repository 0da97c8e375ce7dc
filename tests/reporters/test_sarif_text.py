"""The SARIF log's text is what ``json.dumps(..., indent=2)`` writes.

``sarif.render_view`` and each contact's results (``sarif.contact_fragment``)
are written by ``json_report.indented`` instead of the standard library's
pure-Python indented encoder. Here the log of the sample, of the public corpus
and of made-up results is compared with the standard library's text.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from piiaudit.audit import AuditOptions, audit_paths
from piiaudit.engine import Engine, load_profile
from piiaudit.model import AuditResult, ContactResult, FileResult
from piiaudit.reporters import ReportOptions
from piiaudit.reporters.sarif import render_view, to_sarif
from piiaudit.reporters.textsafe import json_safe
from piiaudit.reporters.view import build
from reporters.factory import empty_case, sample_case
from reporters.strategies import contact_results, file_results, report_options

OPTIONS = [ReportOptions(), ReportOptions(lang="ja", audience="compliance", show_pii=True)]


def same_as_json_dumps(result: AuditResult, options: ReportOptions) -> None:
    """The same text, or the same error (a lone surrogate in a path cannot be quoted)."""
    view = build(result, options)

    def ours() -> object:
        out = io.StringIO()
        render_view(view, out)
        return out.getvalue()

    def reference() -> object:
        return json_safe(json.dumps(to_sarif(view), ensure_ascii=False, indent=2)) + "\n"

    assert _outcome(ours) == _outcome(reference)


def _outcome(write: Callable[[], object]) -> object:
    try:
        return write()
    except UnicodeEncodeError as exc:
        return type(exc)


@pytest.mark.parametrize("options", OPTIONS, ids=repr)
def test_the_sample_log_is_json_dumps_text(options: ReportOptions) -> None:
    same_as_json_dumps(sample_case().result, options)
    same_as_json_dumps(empty_case().result, options)


def test_the_public_corpus_log_is_json_dumps_text(tmp_path: Path, corpus_dir: Path) -> None:
    engine = Engine.from_profile(load_profile(None, tmp_path))
    paths = sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    audit = audit_paths(paths, engine, AuditOptions())
    for options in OPTIONS:
        same_as_json_dumps(audit, options)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_results, contact_results, report_options)
def test_any_contact_log_is_json_dumps_text(
    file: FileResult, result: ContactResult, options: ReportOptions
) -> None:
    file.contacts.append(result)
    rules = sample_case().result.rules
    same_as_json_dumps(AuditResult([file], 50, result.risk_level, {}, rules, "t"), options)
