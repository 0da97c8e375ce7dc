"""A selection that leaves nothing to audit is a usage error, whatever the grouping.

QA (H3): ``scan exports/ --group-by dir --include '*.nomatch' -o report.json`` listed
every employee's folder as "no file in this folder matches the --include patterns",
exited 3 and wrote an empty report over the one a previous run had left. With no
export in any folder there is nothing to audit: exit 2, one line naming the inputs and
the filters, and no file written or replaced. All contacts are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()
KEY = "0123456789abcdef-fictional-org-key"
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hanako Fiction\r\nN:Fiction;Hanako;;;\r\n"
    "TEL;TYPE=CELL:090-0000-0001\r\nEND:VCARD\r\n"
)
PREVIOUS = "a report from last night's run\n"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"PIIAUDIT_BASELINE_KEY": KEY})
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """Two employees, each with one vCard export."""
    root = tmp_path / "exports"
    for name in ("sato", "tanaka"):
        (root / name).mkdir(parents=True)
        (root / name / "phone.vcf").write_text(CARD, encoding="utf-8")
    return root


@pytest.mark.parametrize("grouping", [["--group-by", "dir"], []])
def test_an_include_matching_nothing_leaves_the_last_report_alone(
    exports: Path, tmp_path: Path, grouping: list[str]
) -> None:
    report = tmp_path / "report.json"
    report.write_text(PREVIOUS, encoding="utf-8")
    code, out, err = _invoke(
        "scan", str(exports), *grouping, "--include", "*.nomatch", "-o", str(report), "--force"
    )
    assert code == ExitCode.USAGE
    assert f"no contact export found in {exports} with --include '*.nomatch'" in err
    assert "nothing was audited and no report was written" in err
    assert "not read" not in err  # no employee named as a failed input: nothing was
    assert out == ""
    assert report.read_text(encoding="utf-8") == PREVIOUS


def test_an_output_dir_keeps_its_reports(exports: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    kept = {f"piiaudit-report.{ext}": f"{ext}: {PREVIOUS}" for ext in ("html", "json")}
    for name, text in kept.items():
        (reports / name).write_text(text, encoding="utf-8")
    args = ["--include", "*.nomatch", "--exclude", "old", "-f", "html,json"]
    code, _, err = _invoke(
        "scan", str(exports), "--group-by", "dir", *args, "--output-dir", str(reports), "--force"
    )
    assert code == ExitCode.USAGE
    assert "with --include '*.nomatch' --exclude old" in err
    assert {p.name: p.read_text(encoding="utf-8") for p in reports.iterdir()} == kept


def test_several_folders_without_an_export_are_nothing_to_audit(exports: Path) -> None:
    """Each folder given is one employee (``scan exports/*``); none has an export."""
    folders = [str(exports / "sato"), str(exports / "tanaka")]
    for grouping in (["--group-by", "dir"], []):
        code, out, err = _invoke("scan", *folders, *grouping, "--include", "*.csv", "-f", "json")
        assert code == ExitCode.USAGE, grouping
        assert f"no contact export found in {', '.join(folders)} with --include '*.csv'" in err
        assert out == ""


def test_the_message_is_said_in_japanese(exports: Path) -> None:
    code, _, err = _invoke(
        "scan", str(exports), "--group-by", "dir", "--include", "*.nomatch", "--lang", "ja"
    )
    assert code == ExitCode.USAGE
    assert f"{exports} に --include '*.nomatch' に合う連絡先のエクスポートが見つかりません" in err
    assert "レポートも作成していません" in err


def test_baseline_create_writes_no_baseline_for_folders_without_an_export(
    exports: Path, tmp_path: Path
) -> None:
    target = tmp_path / "baseline.json"
    target.write_text(PREVIOUS, encoding="utf-8")
    folders = [str(exports / "sato"), str(exports / "tanaka")]
    code, _, err = _invoke(
        "baseline", "create", *folders, "--include", "*.nomatch", "-o", str(target), "--force"
    )
    assert code == ExitCode.USAGE
    assert "with --include '*.nomatch': nothing was audited and no baseline was written" in err
    assert target.read_text(encoding="utf-8") == PREVIOUS


def test_one_employee_without_an_export_is_still_named(exports: Path) -> None:
    """Beside an employee who has one, an empty folder keeps its row and exit 3."""
    (exports / "kimura").mkdir()
    code, _, err = _invoke("scan", str(exports), "--group-by", "dir", "-f", "json")
    assert code == ExitCode.INPUT
    assert "kimura: not read: no contact export found in this folder" in err
