"""QA2 A5: a report screened by ``scan --baseline`` says how many findings it left out.

Without that, only a raw settings row told the reader that hundreds of known
findings were not in the report, and the terminal said nothing at all. The
summary of the terminal, HTML and JSON reports and the SARIF run's properties
carry the count; a report without a baseline says nothing of one. Both ways of
building a report (whole and in parts) must agree. Every person here is fictional.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode
from piiaudit.model import AuditResult
from piiaudit.reporters.i18n import messages
from piiaudit.resources import schemas_dir
from reporters.factory import sample_case
from reporters.helpers import FORMATS, render
from reporters.test_parts import in_parts, whole

BASELINE = "ci/piiaudit-baseline.json"
LINE = {
    "en": f"252 known findings accepted by the baseline ({BASELINE}) are not shown",
    "ja": f"ベースライン（{BASELINE}）で受け入れ済みの既知の検出 252 件は表示していません。",
}


def _screened(suppressed: int = 252, **settings: object) -> AuditResult:
    """The sample as ``scan --baseline`` records it in the run's settings."""
    result = sample_case().result
    recorded = {**result.settings, "baseline": BASELINE, "baseline_suppressed": suppressed}
    return replace(result, settings={**recorded, **settings})


def _validator(name: str) -> Any:
    schema = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_terminal_summary_says_what_the_baseline_left_out(lang: str) -> None:
    terminal = render("terminal", _screened(), lang=lang, width=200)
    summary = terminal.split("\n== ", 2)[1]  # the summary section, before the next heading
    assert LINE[lang] in summary


def test_one_suppressed_finding_is_worded_in_the_singular() -> None:
    terminal = render("terminal", _screened(1), width=200)
    assert f"1 known finding accepted by the baseline ({BASELINE}) is not shown" in terminal


def test_html_summary_says_what_the_baseline_left_out() -> None:
    html = render("html", _screened())
    summary = html.split('<section aria-labelledby="summary-h">', 1)[1].split("</section>", 1)[0]
    assert f'<p class="baseline">{LINE["en"]}</p>' in summary


def test_json_summary_carries_the_count_and_settings_stay() -> None:
    report = json.loads(render("json", _screened()))
    assert report["summary"]["baseline_suppressed"] == 252
    assert report["settings"]["baseline_suppressed"] == 252
    assert report["settings"]["baseline"] == BASELINE
    assert [e.message for e in _validator("report.schema.json").iter_errors(report)] == []


def test_sarif_run_properties_carry_the_count() -> None:
    log = json.loads(render("sarif", _screened()))
    assert log["runs"][0]["properties"]["baseline_suppressed"] == 252
    assert [e.message for e in _validator("sarif-2.1.0.schema.json").iter_errors(log)] == []


def test_a_baseline_that_accepted_nothing_still_says_so() -> None:
    """Zero is news too: the baseline was used and every finding is new."""
    assert "0 known findings accepted by the baseline" in render("terminal", _screened(0))
    assert json.loads(render("json", _screened(0)))["summary"]["baseline_suppressed"] == 0


def test_without_a_baseline_no_report_mentions_one() -> None:
    result = sample_case().result
    for fmt in FORMATS:
        report = render(fmt, result)
        if fmt == "html":  # the page's style sheet names the class either way
            report = report.split("</style>", 1)[1]
        assert "baseline" not in report, fmt


@pytest.mark.parametrize(
    "options",
    [{}, {"lang": "ja"}, {"audience": "compliance", "explain": True}],
    ids=["en", "ja", "compliance"],
)
def test_reports_in_parts_say_the_same(options: dict[str, Any]) -> None:
    result = _screened()
    assert in_parts(result, FORMATS, **options) == whole(result, FORMATS, **options)


CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mihon Ichiro\r\nN:Mihon;Ichiro;;;\r\n"
    "ORG:見本商事株式会社\r\nTEL;TYPE=CELL:090-0000-2201\r\nBDAY:1970-03-04\r\nEND:VCARD\r\n"
)


def test_scan_with_a_baseline_prints_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: what ``scan --baseline`` records reaches the terminal summary."""
    monkeypatch.chdir(tmp_path)  # short relative paths: the line does not wrap
    Path("exports").mkdir()
    Path("exports/tanaka.vcf").write_text(CARD, encoding="utf-8")
    Path("org.key").write_text("0123456789abcdef-fictional-org-key\n", encoding="utf-8")
    runner = CliRunner()
    common = ["exports", "--baseline-key-file", "org.key"]
    created = runner.invoke(app, ["baseline", "create", *common, "-o", "baseline.json"])
    assert created.exit_code == ExitCode.OK, created.output
    before = runner.invoke(app, ["scan", "exports", "-f", "json"])
    total = json.loads(before.stdout)["summary"]["findings"]
    assert total > 0
    scanned = runner.invoke(app, ["scan", *common, "--baseline", "baseline.json"])
    assert scanned.exit_code == ExitCode.OK, scanned.output
    line = messages("en").t("summary.baseline", count=total, file="baseline.json")
    assert line in scanned.stdout.splitlines()
