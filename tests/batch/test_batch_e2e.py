"""Issue 6 "done when": a folder of employee exports, one corrupt, through the real CLI.

One HTML and one JSON report with a per-employee section, the corrupt file named
with its reason, exit code 3; and the report does not depend on ``--jobs``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()
CORRUPT_REASON = "is a ZIP archive: extract it and scan the exports inside"


def _scan(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["scan", *args])
    # an exit is a SystemExit; any other exception is a crash the CLI let through
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_done_when_one_html_and_one_json_per_employee_corrupt_named_exit_3(
    batch: Any, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    root = str(batch.root)
    code, _, err = _scan(
        root,
        "-f",
        "json,html",
        "--output-dir",
        str(out),
        "--group-by",
        "dir",
        "--audience",
        "compliance",
        "--jobs",
        "2",
    )
    assert code == ExitCode.INPUT
    corrupt_path = f"{root}/{batch.corrupt}"
    assert f"{corrupt_path}: not read: {CORRUPT_REASON}" in err

    report = json.loads((out / "piiaudit-report.json").read_text(encoding="utf-8"))
    files = report["files"]
    assert [f["path"] for f in files] == [f"{root}/{name}" for name in batch.files]
    assert [f["path"] for f in files if f["error"]] == [corrupt_path]
    assert next(f["error"] for f in files if f["error"]) == CORRUPT_REASON
    employees = sorted({f"{root}/{name.split('/')[0]}" for name in batch.files})
    assert sorted({f["group"] for f in files}) == employees
    assert all(f["group"] == f["path"].rsplit("/", 1)[0] for f in files)
    assert report["summary"]["files"] == 20
    assert report["summary"]["contacts"] == 19 * 4
    assert report["summary"]["listed_contacts"] == len(batch.business_names)
    groups = report["groups"]  # the per-employee table
    assert [g["group"] for g in groups] == employees
    per_employee = {e: [f for f in files if f["group"] == e] for e in employees}
    assert [g["files"] for g in groups] == [len(per_employee[e]) for e in employees]
    assert [g["unreadable_files"] for g in groups] == [
        sum(1 for f in per_employee[e] if f["error"]) for e in employees
    ]
    assert sum(g["contacts"] for g in groups) == report["summary"]["contacts"]

    page = html.unescape((out / "piiaudit-report.html").read_text(encoding="utf-8"))
    for employee in employees:
        assert employee in page
    assert corrupt_path in page and CORRUPT_REASON in page
    employee_table = page.split('<table id="groups">', 1)[1].split("</table>", 1)[0]
    assert employee_table.count("<tr>") == 1 + len(employees)


def test_the_report_is_identical_with_one_or_two_jobs(batch: Any, tmp_path: Path) -> None:
    reports = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        out.mkdir()
        code, _, _ = _scan(
            str(batch.root), "-f", "json,html,sarif,csv", "--output-dir", str(out), "-j", jobs
        )
        assert code == ExitCode.INPUT
        reports[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert len(reports["1"]) == 4
    assert reports["1"] == reports["2"]


def test_the_real_corpus_gives_the_same_json_with_one_or_two_jobs(
    corpus_dir: Path, tmp_path: Path
) -> None:
    """The public corpus exercises every part of the model (photos, nested cards, issues)."""
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"corpus-{jobs}.json"
        code, _, _ = _scan(str(corpus_dir), "-f", "json", "-o", str(target), "--jobs", jobs)
        assert code in (ExitCode.OK, ExitCode.INPUT)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["contacts"] > 100


def test_include_exclude_and_verbose_through_the_cli(batch: Any) -> None:
    root = str(batch.root)
    code, out, err = _scan(
        root, "-f", "json", "--include", "*.csv", "--exclude", "emp05", "--verbose", "-j", "1"
    )
    assert code == ExitCode.OK  # the corrupt .vcf is not included
    paths = [f["path"] for f in json.loads(out)["files"]]
    expected = [f"{root}/{n}" for n in batch.files if n.endswith(".csv") and "emp05" not in n]
    assert paths == expected
    assert err.splitlines() == [f"piiaudit: {p}: 4 contacts (google-csv)" for p in expected]


def test_quiet_prints_nothing_but_still_exits_3(batch: Any) -> None:
    code, out, err = _scan(str(batch.root), "-f", "json", "--quiet")
    assert code == ExitCode.INPUT
    assert err == ""
    assert json.loads(out)["summary"]["files"] == 20


def test_bad_batch_options_are_usage_errors(batch: Any) -> None:
    for args, message in (
        (["--jobs", "0"], "--jobs must be 1 or more"),
        (["--group-by", "team"], "--group-by must be file or dir"),
        (["--quiet", "--verbose"], "either --quiet or --verbose"),
        (["--include", "[z-a].vcf"], "--include: '[z-a].vcf' is not a valid glob"),
        (["--exclude", "x[9-0]"], "--exclude: 'x[9-0]' is not a valid glob"),
    ):
        code, _, err = _scan(str(batch.root), *args)
        assert code == ExitCode.USAGE
        assert message in err


def test_stdin_is_read_in_the_main_process_beside_parallel_files(batch: Any) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Stdin Person\r\nN:Stdin;Person;;;\r\nEND:VCARD\r\n"
    result = runner.invoke(
        app,
        ["scan", "-", str(batch.root), "-f", "json", "-j", "2", "--quiet"],
        input=card.encode("utf-8"),
    )
    assert not isinstance(result.exception, Exception), repr(result.exception)
    assert result.exit_code == ExitCode.INPUT
    files = json.loads(result.stdout)["files"]
    assert files[0]["path"] == "-" and files[0]["contacts"] == 1
    assert len(files) == 21


def test_workers_that_build_their_own_engine_give_the_same_report(
    batch: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where fork is unavailable (macOS, Windows, Python 3.14's default), each worker
    builds its engine from the pickled profile; the report must not change."""
    from piiaudit.audit import pool

    outputs = []
    for jobs, method in (("1", None), ("2", "forkserver")):
        monkeypatch.setattr(pool, "START_METHOD", method)
        target = tmp_path / f"{jobs}.json"
        code, _, _ = _scan(str(batch.root), "-f", "json", "-o", str(target), "-j", jobs)
        assert code == ExitCode.INPUT
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_per_employee_table_names_a_folder_as_the_files_list_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder name holding an escape sequence (a name typed on a phone, a zip from an
    unknown system) is written with its escapes in the per-employee table, as in the
    file list: the table dropped them, so ``emp<ESC>[31mred`` was shown as ``empred``,
    another folder's name, and compliance staff could not find the employee."""
    monkeypatch.chdir(tmp_path)  # short paths: a row is one line
    exports = Path("exports")
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 一郎\r\nORG:株式会社テスト\r\n"
    card += "TEL;TYPE=CELL:090-0000-0001\r\nEND:VCARD\r\n"
    for name in ("emp\x1b[31mred", "empred"):
        (exports / name).mkdir(parents=True)
        (exports / name / "phone.vcf").write_text(card, encoding="utf-8")
    report = tmp_path / "report.txt"
    args = ["--group-by", "dir", "--audience", "compliance", "-f", "terminal", "-o", str(report)]
    code, _, _ = _scan(str(exports), *args)
    assert code == ExitCode.OK
    text = report.read_text(encoding="utf-8")
    table = text.split("== Per employee")[1].split("== Files")[0]
    rows = {line.split("  ", 1)[1] for line in table.splitlines() if "exports/emp" in line}
    assert rows == {f"{exports}/emp\\x1b[31mred", f"{exports}/empred"}
    files = text.split("== Files")[1]
    assert f"[{exports}/emp\\x1b[31mred]" in files


@pytest.mark.parametrize(("lang", "said"), [("en", "lies inside"), ("ja", "の中にあります")])
def test_a_folder_given_inside_another_is_warned_about_with_group_by_dir(
    tmp_path: Path, lang: str, said: str
) -> None:
    """exports/emp01 and exports/ given together: each folder given is one employee,
    so exports/ gathered every other employee into one row without a word
    (compliance QA F11). Grouped by file, nothing is merged and nothing is said."""
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:見本 太郎\r\nTEL;TYPE=WORK:03-0000-4411\r\nEND:VCARD\r\n"
    )
    for employee in ("emp01", "emp02"):
        (tmp_path / "exports" / employee).mkdir(parents=True)
        (tmp_path / "exports" / employee / "phone.vcf").write_text(card, encoding="utf-8")
    inner, outer = str(tmp_path / "exports" / "emp01"), str(tmp_path / "exports")
    out = str(tmp_path / "r.json")
    code, _, err = _scan(inner, outer, "--group-by", "dir", "-f", "json", "-o", out, "--lang", lang)
    assert code == ExitCode.OK
    assert said in err and inner in err
    code, _, err = _scan(inner, outer, "-f", "json", "-o", out, "--force", "--lang", lang)
    assert code == ExitCode.OK and said not in err
