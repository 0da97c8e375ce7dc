"""Reports state when the audit ran (piiaudit.clock): a compliance officer filing
many employees' reports must be able to say when each phone was audited.

The suite fixes the time with ``SOURCE_DATE_EPOCH`` (tests/conftest.py); these tests
check the stamp both fixed and taken from the clock, and that a bad value is refused."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.clock import audit_time, shown, utc
from piiaudit.errors import ConfigError
from piiaudit.resources import schemas_dir

runner = CliRunner()


def _example(examples_dir: Path) -> str:
    return str(examples_dir / "iphone-export.vcf")


def test_source_date_epoch_fixes_the_time_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795681800")
    assert audit_time() == "2026-11-26T08:30:00Z"


def test_without_it_the_time_is_now_with_the_local_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    stamp = audit_time()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp), stamp
    moment = datetime.fromisoformat(stamp)
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=1)


@pytest.mark.parametrize("bad", ["yesterday", "1.5", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        audit_time()


def test_scan_with_a_bad_source_date_epoch_says_so_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, examples_dir: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    result = runner.invoke(app, ["scan", _example(examples_dir), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("stamp", "text", "in_utc"),
    [
        ("2026-11-26T09:30:05+09:00", "2026-11-26 09:30 (UTC+09:00)", "2026-11-26T00:30:05Z"),
        ("2026-11-26T00:30:05Z", "2026-11-26 00:30 (UTC)", "2026-11-26T00:30:05Z"),
        ("2026-03-29T01:15:00-05:30", "2026-03-29 01:15 (UTC-05:30)", "2026-03-29T06:45:00Z"),
        ("", "", ""),
        ("not a time", "", ""),
    ],
)
def test_the_stamp_as_a_reader_and_as_sarif_see_it(stamp: str, text: str, in_utc: str) -> None:
    assert shown(stamp) == text
    assert utc(stamp) == in_utc


def test_every_dated_report_of_a_real_run_states_when_it_started(
    monkeypatch: pytest.MonkeyPatch, examples_dir: Path, tmp_path: Path
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.now(UTC).replace(microsecond=0)
    outputs = {fmt: tmp_path / f"report.{fmt}" for fmt in ("json", "html", "sarif")}
    for fmt, path in outputs.items():
        result = runner.invoke(
            app, ["scan", _example(examples_dir), "-f", fmt, "-o", str(path), "--jobs", "2"]
        )
        assert result.exit_code == 0, result.output
    after = datetime.now(UTC)

    report = json.loads(outputs["json"].read_text(encoding="utf-8"))
    schema = json.loads((schemas_dir() / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    started = datetime.fromisoformat(report["report"]["generated"])
    assert before <= started <= after

    sarif = json.loads(outputs["sarif"].read_text(encoding="utf-8"))
    (invocation,) = sarif["runs"][0]["invocations"]
    assert before <= datetime.fromisoformat(invocation["startTimeUtc"]) <= after
    assert invocation["startTimeUtc"].endswith("Z")

    page = outputs["html"].read_text(encoding="utf-8")
    line = re.search(r'<p class="audited">Audited (\d{4}-\d\d-\d\d \d\d:\d\d) \(UTC', page)
    assert line is not None
    assert line.group(1) == started.strftime("%Y-%m-%d %H:%M") or after.minute != before.minute


def test_the_japanese_page_names_the_audit_time_in_japanese(
    examples_dir: Path, tmp_path: Path
) -> None:
    page = tmp_path / "r.html"
    result = runner.invoke(
        app, ["scan", _example(examples_dir), "-f", "html", "-o", str(page), "--lang", "ja"]
    )
    assert result.exit_code == 0, result.output
    assert '<p class="audited">監査日時 2026-11-26 00:00 (UTC)</p>' in page.read_text("utf-8")


def test_a_baseline_holds_no_time(
    monkeypatch: pytest.MonkeyPatch, examples_dir: Path, tmp_path: Path
) -> None:
    """A baseline is committed to git: a time in it would change on every re-creation."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setenv("PIIAUDIT_BASELINE_KEY", "k" * 32)
    out = tmp_path / "b.json"
    result = runner.invoke(app, ["baseline", "create", _example(examples_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"\d{4}-\d\d-\d\d", text)
    assert "generated" not in text
