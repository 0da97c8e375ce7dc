"""A run that read no contact does not claim a risk of "none" in any report.

QA (M3): with every input unreadable, the terminal and HTML reports said "not
assessed", but the JSON summary and SARIF properties said ``risk_level: "none"``,
which a CI step or a compliance officer reads as "clean". They now say
``audited: false`` with a null risk (JSON schema 1.8), also when the unreadable
files sit beside files that hold no contact, and the run still exits 3. Every
person here is fictional.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode
from piiaudit.resources import schemas_dir

runner = CliRunner()
ZIP = b"PK\x03\x04" + b"\x00" * 30  # an archive named like an export
BINARY = b"\x00\x01\x02 fictional junk \xff\xfe"
HEADER_ONLY = b"name,phone\r\n"  # read whole, no contact in it
CARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jiro Fiction\r\nTEL;TYPE=CELL:090-0000-0002\r\nEND:VCARD\r\n"
)


def _folder(tmp_path: Path, **files: bytes) -> Path:
    folder = tmp_path / "phone"
    folder.mkdir()
    for name, data in files.items():
        (folder / name.replace("_", ".")).write_bytes(data)
    return folder


def _scan(folder: Path, fmt: str, *extra: str) -> tuple[int, str]:
    out = folder.parent / f"report.{fmt}"
    result = runner.invoke(app, ["scan", str(folder), "-f", fmt, "-o", str(out), *extra])
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result.exit_code, out.read_text(encoding="utf-8")


def _schema() -> Any:
    schema = json.loads((schemas_dir() / "report.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


UNREAD = {"backup_vcf": ZIP, "broken_vcf": BINARY}
UNREAD_BESIDE_EMPTY = {"broken_vcf": BINARY, "template_csv": HEADER_ONLY}


@pytest.mark.parametrize(
    ("files", "step"), [(UNREAD, "unread"), (UNREAD_BESIDE_EMPTY, "unassessed")]
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_json_summary_has_no_risk_when_nothing_was_assessed(
    tmp_path: Path, files: dict[str, bytes], step: str, jobs: str
) -> None:
    code, text = _scan(_folder(tmp_path, **files), "json", "--jobs", jobs)
    assert code == ExitCode.INPUT  # a file failed: still 3
    report = json.loads(text)
    _schema().validate(report)
    summary = report["summary"]
    assert (summary["audited"], summary["risk_score"], summary["risk_level"]) == (False, None, None)
    assert [s["id"] for s in report["checklist"]] == [step]


@pytest.mark.parametrize("files", [UNREAD, UNREAD_BESIDE_EMPTY])
def test_the_sarif_run_has_no_risk_when_nothing_was_assessed(
    tmp_path: Path, files: dict[str, bytes]
) -> None:
    code, text = _scan(_folder(tmp_path, **files), "sarif")
    assert code == ExitCode.INPUT
    properties = json.loads(text)["runs"][0]["properties"]
    assert properties["audited"] is False
    assert properties["risk_score"] is None and properties["risk_level"] is None


@pytest.mark.parametrize("fmt", ["terminal", "html"])
@pytest.mark.parametrize(
    ("lang", "headline"),
    [
        ("en", "Overall risk: not assessed: no contact could be read"),
        ("ja", "総合リスク: 評価できません（読み取れた連絡先がありません）"),
    ],
)
def test_terminal_and_html_say_not_assessed_when_no_contact_was_read(
    tmp_path: Path, fmt: str, lang: str, headline: str
) -> None:
    """Not "no file could be read": the header-only list was read, and held no one."""
    code, text = _scan(_folder(tmp_path, **UNREAD_BESIDE_EMPTY), fmt, "--lang", lang)
    assert code == ExitCode.INPUT
    assert headline in text
    assert "(0/100)" not in text and "（0/100）" not in text


def test_a_file_that_failed_beside_contacts_read_keeps_the_risk(tmp_path: Path) -> None:
    code, text = _scan(_folder(tmp_path, broken_vcf=BINARY, phone_vcf=CARD), "json")
    assert code == ExitCode.INPUT
    summary = json.loads(text)["summary"]
    assert summary["audited"] is True
    assert summary["risk_level"] in ("none", "low", "medium", "high", "critical")
    assert isinstance(summary["risk_score"], int)


def test_files_read_whole_without_contacts_are_assessed(tmp_path: Path) -> None:
    """Nothing failed: "none" is then what was found, and the run exits 0."""
    code, text = _scan(_folder(tmp_path, template_csv=HEADER_ONLY), "json")
    assert code == ExitCode.OK
    summary = json.loads(text)["summary"]
    assert (summary["audited"], summary["risk_score"], summary["risk_level"]) == (True, 0, "none")


def test_the_schema_refuses_a_risk_for_a_run_not_assessed(tmp_path: Path) -> None:
    _, text = _scan(_folder(tmp_path, **UNREAD), "json")
    report = json.loads(text)
    report["summary"]["risk_level"], report["summary"]["risk_score"] = "none", 0
    with pytest.raises(jsonschema.ValidationError):
        _schema().validate(report)


@pytest.mark.parametrize("fmt", ["terminal", "html"])
@pytest.mark.parametrize(
    ("lang", "clean", "said"),
    [
        (
            "en",
            (
                "No contact has a finding.",
                "No findings.",
                "No problems in the files that were read.",
            ),
            "No contact could be read, so nothing was assessed.",
        ),
        (
            "ja",
            (
                "検出のある連絡先はありません。",
                "検出はありません。",
                "読み取れたファイルには問題はありませんでした。",
            ),
            "読み取れた連絡先がないため、評価していません。",
        ),
    ],
)
def test_nothing_assessed_is_not_reported_as_clean(
    tmp_path: Path, fmt: str, lang: str, clean: tuple[str, ...], said: str
) -> None:
    """Japanese review A7: an empty or binary export gave "no contact has findings" and
    "no problems in the files read", which read as a clean audit of nothing."""
    code, text = _scan(_folder(tmp_path, **UNREAD), fmt, "--lang", lang)
    assert code == ExitCode.INPUT
    for sentence in clean:
        assert sentence not in text, sentence
    assert said in text
