"""Which inputs a run audits, seen from the command line.

A run that finds nothing to audit (an empty or unmounted folder, filters that match
nothing) is a usage error, never a clean report: a nightly CI job must not say
"clean" about a mount that did not come up. And ``--include '*.vcf'`` reads
``CONTACTS.VCF``, as phones and Windows name exports. All contacts are fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()
KEY = "0123456789abcdef-fictional-org-key"
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nN:山田;太郎;;;\r\n"
    "TEL;TYPE=CELL:090-0000-1234\r\nNOTE:母の通院先メモ 心療内科\r\nEND:VCARD\r\n"
)


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"PIIAUDIT_BASELINE_KEY": KEY})
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def no_exports(tmp_path: Path) -> Path:
    """A folder holding a note, an empty subfolder and a hidden export: no export to walk."""
    folder = tmp_path / "exports"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("exports go here\n", encoding="utf-8")
    (folder / ".old.vcf").write_text(CARD, encoding="utf-8")
    return folder


def test_an_empty_folder_is_an_error_not_a_clean_report(tmp_path: Path) -> None:
    empty = tmp_path / "mnt"
    empty.mkdir()
    reports = tmp_path / "reports"
    code, out, err = _invoke("scan", str(empty), "-f", "json,sarif", "--output-dir", str(reports))
    assert code == ExitCode.USAGE
    assert f"no contact export found in {empty}" in err
    assert "nothing was audited" in err
    assert out == ""
    assert not reports.exists()  # neither a report nor the folder for it


def test_filters_that_match_nothing_are_named(no_exports: Path) -> None:
    code, out, err = _invoke("scan", str(no_exports), "--include", "*.vcf", "--exclude", "old")
    assert code == ExitCode.USAGE
    assert f"no contact export found in {no_exports} with --include '*.vcf' --exclude old" in err
    assert out == ""  # no terminal report either


def test_a_file_the_filters_leave_is_still_audited(no_exports: Path) -> None:
    """Only nothing-at-all is an error: one unreadable file is a report with exit 3."""
    code, out, _ = _invoke("scan", str(no_exports), "-f", "json")
    assert code == ExitCode.INPUT
    assert json.loads(out)["summary"]["files"] == 1


def test_baseline_create_refuses_inputs_without_exports(no_exports: Path, tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    code, _, err = _invoke(
        "baseline", "create", str(no_exports), "--include", "*.vcf", "-o", str(target)
    )
    assert code == ExitCode.USAGE
    assert f"no contact export found in {no_exports} with --include '*.vcf'" in err
    assert "no baseline was written" in err
    assert not target.exists()


def test_include_reads_upper_case_extensions(tmp_path: Path) -> None:
    """README's compliance example: ``--include '*.vcf' --include '*.csv'``."""
    exports = tmp_path / "exports"
    (exports / "tanaka").mkdir(parents=True)
    (exports / "tanaka" / "CONTACTS.VCF").write_text(CARD, encoding="utf-8")
    (exports / "suzuki.Vcf").write_text(CARD, encoding="utf-8")
    (exports / "NOTES.TXT").write_text("not an export\n", encoding="utf-8")
    args = ("--include", "*.vcf", "--include", "*.csv", "-f", "json")
    code, out, _ = _invoke("scan", str(exports), "--group-by", "dir", *args)
    assert code == ExitCode.OK
    paths = [Path(f["path"]).relative_to(exports).as_posix() for f in json.loads(out)["files"]]
    assert paths == ["suzuki.Vcf", "tanaka/CONTACTS.VCF"]


def test_a_copied_export_is_named_once_as_counted_twice(tmp_path: Path) -> None:
    folder = tmp_path / "anna"
    folder.mkdir()
    (folder / "phone.vcf").write_text(CARD, encoding="utf-8")
    (folder / "phone (copy).vcf").write_text(CARD, encoding="utf-8")
    code, out, err = _invoke("scan", str(tmp_path), "-f", "json", "--lang", "en")
    assert code == ExitCode.OK
    assert json.loads(out)["summary"]["contacts"] == 2  # both read, as given
    copy, original = folder / "phone (copy).vcf", folder / "phone.vcf"
    expected = f"{copy}, {original}: identical files; their contacts are counted 2 times"
    assert err.count("identical files") == 1 and expected in err
    code, _, err = _invoke("scan", str(tmp_path), "-f", "json", "--lang", "ja")
    assert "は同じ内容です。件数には重複分も含まれています" in err
    _, _, quiet = _invoke("scan", str(tmp_path), "-f", "json", "-q")
    assert "identical" not in quiet


def test_the_same_export_held_by_two_employees_or_empty_copies_are_not_copies(
    tmp_path: Path,
) -> None:
    # Two employees who both hold the company directory each hold those contacts; and
    # two header-only CSVs count nothing twice.
    for employee in ("anna", "bernd"):
        (tmp_path / employee).mkdir()
        (tmp_path / employee / "directory.vcf").write_text(CARD, encoding="utf-8")
    (tmp_path / "anna" / "a.csv").write_text("First Name,Last Name\n", encoding="utf-8")
    (tmp_path / "anna" / "b.csv").write_text("First Name,Last Name\n", encoding="utf-8")
    for grouping in ("file", "dir"):
        _, _, err = _invoke("scan", str(tmp_path), "-f", "json", "--group-by", grouping)
        assert "identical files" not in err
