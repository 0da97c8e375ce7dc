"""A file the reader left partly unread makes the run end with exit code 3.

Exit code 3 promised "the report is incomplete" only for files not read at all. A
card in another encoding than its file (two exports joined with ``cat``) was an
error in the report, yet ``scan`` ended with 0: a pipeline passed on an audit that
never looked at that customer. Now every command that reads exports ends with 3
when the reader lost part of a file, names the file on stderr, and keeps every
other contact; a broken export the reader repaired (a card without its END) stays
a warning in the exit code's eyes. All data fictional.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()
KEY = "fictional-test-key-0123456789abcdef"


def _card(name: str, *extra: str) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", *extra, "END:VCARD"]
    return "\r\n".join(lines) + "\r\n"


CUSTOMER = _card(
    "Mihon Taro",
    "ORG:Example Trading KK",
    "TITLE:Purchasing Manager",
    "TEL;TYPE=CELL:090-0000-1111",
    "EMAIL;TYPE=WORK:taro@example.co.jp",
    "ADR;TYPE=WORK:;;1-2-3 Example-cho;Chiyoda-ku;Tokyo;100-0000;Japan",
)
SISTER = _card("Kakuu Hanako", "NOTE:妹", "TEL;TYPE=HOME:03-0000-2222")
LOST = _card("Shiken Jiro")  # shorter than the UTF-8 part: the file reads as UTF-8


def _joined(path: Path, utf8_cards: str) -> Path:
    """UTF-8 cards, then one card in UTF-16: the reader cannot read the last one."""
    path.write_bytes(utf8_cards.encode() + LOST.encode("utf-16-le"))
    return path


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"PIIAUDIT_BASELINE_KEY": KEY})
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_scan_ends_with_3_and_names_the_file_read_in_part(tmp_path: Path) -> None:
    joined = _joined(tmp_path / "joined.vcf", CUSTOMER + SISTER)
    whole = tmp_path / "whole.vcf"
    whole.write_text(CUSTOMER, encoding="utf-8")
    report = tmp_path / "r.json"

    code, _, err = _invoke("scan", str(joined), str(whole), "-f", "json", "-o", str(report))

    assert code == ExitCode.INPUT
    assert f"{joined}: not read in full (errors: 1; see Parse issues in the report)" in err
    assert str(whole) not in err
    files = {f["path"]: f for f in json.loads(report.read_text())["files"]}
    assert files[str(joined)]["contacts"] == 2 and files[str(whole)]["contacts"] == 1
    assert files[str(joined)]["error"] is None
    assert any(i["severity"] == "error" for i in files[str(joined)]["parse_issues"])
    assert (files[str(joined)]["unread_parts"], files[str(whole)]["unread_parts"]) == (1, 0)


def test_an_export_the_reader_repaired_keeps_exit_code_0(tmp_path: Path) -> None:
    # The card has no END:VCARD: an error in the export, but the reader read all of it.
    path = tmp_path / "cut.vcf"
    path.write_text(CUSTOMER + SISTER.replace("END:VCARD\r\n", ""), encoding="utf-8")
    code, _, err = _invoke("scan", str(path), "-f", "json", "-o", str(tmp_path / "r.json"))
    assert code == ExitCode.OK, err
    assert "not read in full" not in err


def test_quiet_says_nothing_but_the_exit_code_still_does(tmp_path: Path) -> None:
    joined = _joined(tmp_path / "joined.vcf", CUSTOMER)
    code, _, err = _invoke("scan", str(joined), "-q", "-f", "json", "-o", str(tmp_path / "r.json"))
    assert code == ExitCode.INPUT
    assert err == ""


def test_3_wins_over_findings_and_is_said_in_japanese(tmp_path: Path) -> None:
    joined = _joined(tmp_path / "joined.vcf", CUSTOMER)
    code, _, err = _invoke("scan", str(joined), "--fail-on", "info", "--lang", "ja")
    assert code == ExitCode.INPUT
    assert f"{joined}: 一部を読み取れませんでした（エラー 1 件。" in err


def test_compliance_reports_say_it_without_the_private_contacts_issue(tmp_path: Path) -> None:
    # The unread card follows the owner's sister: its issue is withheld in a compliance
    # report (only counted), but the run is still incomplete.
    joined = _joined(tmp_path / "joined.vcf", CUSTOMER + SISTER)
    report = tmp_path / "r.json"
    code, _, err = _invoke(
        "scan", str(joined), "--audience", "compliance", "-f", "json", "-o", str(report)
    )
    assert code == ExitCode.INPUT
    assert "not read in full (errors: 1;" in err
    entry = json.loads(report.read_text())["files"][0]
    # Withheld: the unread card and the note on the lines skipped with it.
    assert entry["parse_issues"] == [] and entry["withheld_parse_issues"] == 2
    assert entry["unread_parts"] == 1
    for private in ("Kakuu", "Hanako", "妹", "2222"):
        assert private not in err and private not in report.read_text(encoding="utf-8")


def test_a_file_read_in_pieces_by_two_workers_gives_the_same_exit_code(tmp_path: Path) -> None:
    many = "".join(
        _card(f"Mihon {n:05d}", f"TEL;TYPE=WORK:03-0000-{n:04d}", "ORG:Example Trading KK")
        for n in range(6000)
    )
    joined = _joined(tmp_path / "joined.vcf", many)
    assert os.path.getsize(joined) > 512 * 1024  # large enough to be cut for two workers
    outcomes = []
    for jobs in ("1", "2"):
        report = tmp_path / f"r{jobs}.json"
        code, _, err = _invoke("scan", str(joined), "--jobs", jobs, "-f", "json", "-o", str(report))
        entry = json.loads(report.read_text())["files"][0]
        outcomes.append(
            (code, err.count("not read in full"), entry["contacts"], entry["unread_parts"])
        )
    assert outcomes == [(ExitCode.INPUT, 1, 6000, 1)] * 2


def test_baseline_create_ends_with_3_for_a_file_read_in_part(tmp_path: Path) -> None:
    joined = _joined(tmp_path / "joined.vcf", CUSTOMER)
    baseline = tmp_path / "baseline.json"
    code, _, err = _invoke("baseline", "create", str(joined), "-o", str(baseline))
    assert code == ExitCode.INPUT
    assert f"{joined}: not read in full (errors: 1)" in err
    assert baseline.exists()  # what was read is accepted; the missing card is said


@pytest.mark.parametrize("jsonl", [(), ("--jsonl",)])
def test_contacts_ends_with_3_for_a_file_read_in_part(tmp_path: Path, jsonl: tuple[str]) -> None:
    joined = _joined(tmp_path / "joined.vcf", CUSTOMER)
    code, out, err = _invoke("contacts", str(joined), *jsonl)
    assert code == ExitCode.INPUT
    assert "another encoding" in err
    assert out.count("FN") + out.count('"formatted"') >= 1


def test_sarif_says_the_file_is_incomplete_even_in_a_compliance_report(tmp_path: Path) -> None:
    joined = _joined(tmp_path / "joined.vcf", CUSTOMER + SISTER)
    report = tmp_path / "r.sarif"
    code, _, _ = _invoke(
        "scan", str(joined), "--audience", "compliance", "-f", "sarif", "-o", str(report)
    )
    assert code == ExitCode.INPUT
    notes = json.loads(report.read_text())["runs"][0]["invocations"][0][
        "toolExecutionNotifications"
    ]
    said = [n["message"]["text"] for n in notes if n["level"] == "error"]
    assert len(said) == 1 and said[0].startswith(f"{joined}: not read in full (errors: 1;")
    assert "another encoding" not in report.read_text()  # the issue itself stays withheld


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "not read in full (errors: 1)"), ("ja", "一部読み取り不可（エラー 1 件）")],
)
def test_the_file_rows_of_terminal_and_html_reports_say_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    monkeypatch.chdir(tmp_path)  # short names: a file's row stays on one line
    joined = _joined(Path("joined.vcf"), CUSTOMER + SISTER)
    whole = Path("whole.vcf")
    whole.write_text(CUSTOMER, encoding="utf-8")
    html = Path("r.html")
    args = ("scan", str(joined), str(whole), "--audience", "compliance", "--lang", lang)
    code, out, _ = _invoke(*args, "--no-color")
    assert code == ExitCode.INPUT
    rows = [line for line in out.splitlines() if said in line]
    assert len(rows) == 1 and "joined.vcf" in rows[0]
    _invoke(*args, "-f", "html", "-o", str(html))
    page = html.read_text(encoding="utf-8")
    assert page.count(said) == 1
    assert page.index(said) > page.index(str(joined)) and page.index(said) < page.index(str(whole))


def test_minimize_writes_the_hand_over_but_ends_with_3(tmp_path: Path) -> None:
    joined = _joined(tmp_path / "joined.vcf", CUSTOMER)
    out = tmp_path / "hand-over.vcf"
    code, _, err = _invoke("minimize", str(joined), "-o", str(out), "--all-business")
    assert code == ExitCode.INPUT
    assert "another encoding" in err and "before deleting anything from the phone" in err
    assert out.read_text(encoding="utf-8").count("BEGIN:VCARD") == 1  # what was read


def test_the_employee_row_counts_files_read_in_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for employee in ("tanaka", "sato"):
        Path("exports", employee).mkdir(parents=True)
        Path("exports", employee, "whole.vcf").write_text(CUSTOMER, encoding="utf-8")
    _joined(Path("exports", "tanaka", "joined.vcf"), CUSTOMER)
    args = ("scan", "exports", "--group-by", "dir", "--audience", "compliance")
    code, out, _ = _invoke(*args, "--no-color")
    assert code == ExitCode.INPUT
    employees = out.split("== Files ==")[0].split("exports/tanaka")  # sato's row comes first
    assert len(employees) == 2 and "1 not read in full" in employees[1]
    assert "not read in full" not in employees[0]
    _invoke(*args, "-f", "json,html", "--output-dir", "reports")
    groups = json.loads(Path("reports/piiaudit-report.json").read_text())["groups"]
    assert {g["group"].rstrip("/").rsplit("/", 1)[-1]: g["incomplete_files"] for g in groups} == {
        "tanaka": 1,
        "sato": 0,
    }
    assert Path("reports/piiaudit-report.html").read_text().count("(1 not read in full)") == 1
