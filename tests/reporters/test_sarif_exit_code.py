"""The SARIF log records the run's exit code (``runs[0].invocations[0].exitCode``).

SARIF 2.1.0 gives an invocation an integer ``exitCode``; a code-scanning dashboard
that keeps only the log could not tell a run that exits 3 (an input not read, the
report incomplete) from a clean one. ``scan`` decides its code from the audit alone,
before any report is written, and hands it to the SARIF reporter; a log rendered
without it has no ``exitCode`` rather than a guessed one. ``executionSuccessful``
stays true on an exit-3 run: piiaudit ran to its end, and each file it could not
read is an error-level notification. Every person and file here is fictional.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode
from piiaudit.reporters import ReportOptions, sarif
from piiaudit.reporters.parts import PartPlan
from piiaudit.resources import schemas_dir
from reporters.assembly import assembled
from reporters.factory import sample_case
from reporters.helpers import render

runner = CliRunner()

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fiction Taro\r\nORG:Sample Trading\r\n"
    "EMAIL;TYPE=WORK:taro@sample-trading.example\r\nTEL;TYPE=CELL:090-0000-0001\r\nEND:VCARD\r\n"
)
BINARY = b"\x00\x01\x02 fictional junk \xff\xfe"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads((schemas_dir() / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _invocation(log: dict[str, Any]) -> dict[str, Any]:
    invocations = log["runs"][0]["invocations"]
    assert len(invocations) == 1
    result: dict[str, Any] = invocations[0]
    return result


def _sarif(code: int | None, **options: Any) -> dict[str, Any]:
    out = io.StringIO()
    sarif.render(sample_case().result, out, ReportOptions(**options), exit_code=code)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


# ------------------------------------------------------------------ the reporter


@pytest.mark.parametrize("code", [0, 1, 3, ExitCode.INPUT])
def test_the_exit_code_given_is_written_as_an_integer(validator: Any, code: int) -> None:
    log = _sarif(code)
    invocation = _invocation(log)
    assert invocation["exitCode"] == int(code)
    assert type(invocation["exitCode"]) is int  # 3, never "ExitCode.INPUT"
    assert invocation["executionSuccessful"] is True
    assert [e.message for e in validator.iter_errors(log)] == []


def test_an_exit_3_run_stays_successful_with_error_notifications() -> None:
    invocation = _invocation(_sarif(ExitCode.INPUT, lang="ja", audience="compliance"))
    assert invocation["exitCode"] == 3
    assert invocation["executionSuccessful"] is True
    unread = [
        n
        for n in invocation["toolExecutionNotifications"]
        if n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "exports/photo.jpg"
    ]
    assert [n["level"] for n in unread] == ["error"]


def test_the_exit_code_sits_beside_the_start_time_in_schema_order() -> None:
    """Where SARIF's schema lists it: after ``startTimeUtc``, before ``executionSuccessful``."""
    keys = list(_invocation(_sarif(1)))
    assert keys == ["startTimeUtc", "exitCode", "executionSuccessful", "toolExecutionNotifications"]


def test_without_an_exit_code_the_log_claims_none() -> None:
    """A log rendered outside a run (a library call) does not know how the process ended."""
    assert "exitCode" not in _invocation(_sarif(None))
    assert "exitCode" not in _invocation(json.loads(render("sarif", sample_case().result)))


@pytest.mark.parametrize("code", [None, 0, 3])
def test_a_run_built_in_parts_writes_the_same_log(code: int | None) -> None:
    """``scan`` renders a run built in parts (reporters.parts): same text as whole."""
    result = sample_case().result
    options = ReportOptions(lang="ja")
    plan = PartPlan(options, ("sarif",))
    run = assembled(result, plan)
    built, entire = io.StringIO(), io.StringIO()
    sarif.render(run, built, options, exit_code=code)
    sarif.render(result, entire, options, exit_code=code)
    assert built.getvalue() == entire.getvalue()
    assert _invocation(json.loads(built.getvalue())).get("exitCode") == code


# ------------------------------------------------------------------ through the CLI


def _scan(tmp_path: Path, *args: str, **files: bytes) -> tuple[int, dict[str, Any], str]:
    folder = tmp_path / "phone"
    folder.mkdir()
    for name, data in files.items():
        (folder / name.replace("_", ".")).write_bytes(data)
    out = tmp_path / "reports"
    result = runner.invoke(
        app,
        ["scan", str(folder), "-f", "json,sarif", "--output-dir", str(out), "--quiet", *args],
    )
    log = json.loads((out / "piiaudit-report.sarif").read_text(encoding="utf-8"))
    return result.exit_code, log, (out / "piiaudit-report.json").read_text(encoding="utf-8")


def test_scan_records_exit_3_for_an_unread_input(tmp_path: Path, validator: Any) -> None:
    code, log, _ = _scan(tmp_path, phone_vcf=CARD.encode(), old_vcf=BINARY)
    assert code == ExitCode.INPUT
    invocation = _invocation(log)
    assert invocation["exitCode"] == 3
    assert invocation["executionSuccessful"] is True
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert any("old.vcf" in n["message"]["text"] for n in errors)
    assert [e.message for e in validator.iter_errors(log)] == []


def test_scan_records_exit_1_for_fail_on(tmp_path: Path) -> None:
    code, log, _ = _scan(tmp_path, "--fail-on", "info", phone_vcf=CARD.encode())
    assert code == ExitCode.FINDINGS
    assert log["runs"][0]["results"]  # the finding that failed the run
    assert _invocation(log)["exitCode"] == 1


def test_scan_records_exit_0(tmp_path: Path) -> None:
    code, log, report = _scan(tmp_path, phone_vcf=CARD.encode())
    assert code == ExitCode.OK
    assert _invocation(log)["exitCode"] == 0
    assert "exitCode" not in report  # only SARIF has a place for it


def test_scan_to_standard_output_records_it_too(tmp_path: Path) -> None:
    (tmp_path / "old.vcf").write_bytes(BINARY)
    (tmp_path / "phone.vcf").write_text(CARD, encoding="utf-8")
    result = runner.invoke(
        app, ["scan", str(tmp_path / "phone.vcf"), str(tmp_path / "old.vcf"), "-f", "sarif"]
    )
    assert result.exit_code == ExitCode.INPUT
    log = json.loads(result.stdout)
    assert _invocation(log)["exitCode"] == 3
