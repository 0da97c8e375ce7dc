"""Issue 6: one report for a batch, with a section per employee.

With ``--group-by dir`` each folder is one employee, whose exports (often the same
phone as vCard and CSV) are counted together: terminal, HTML and JSON show one row
per employee; JSON always has the rows (one per file without grouping).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()

CUSTOMER = """BEGIN:VCARD
VERSION:3.0
FN:{name}
ORG:株式会社サンプル商事
EMAIL;TYPE=WORK:{mail}@example.com
TEL;TYPE=CELL:090-0000-{digits}
NOTE:自宅 東京都千代田区千代田1-1
END:VCARD
"""
FRIEND = """BEGIN:VCARD
VERSION:3.0
FN:{name}
TEL;TYPE=CELL:070-0000-{digits}
END:VCARD
"""
GOOGLE_HEADER = "Name,Given Name,Family Name,Organization 1 - Name,Phone 1 - Type,Phone 1 - Value\n"


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """Two employees: 田中 (a vCard and a Google CSV), 鈴木 (a vCard and a broken file)."""
    root = tmp_path / "exports"
    (root / "tanaka").mkdir(parents=True)
    (root / "suzuki").mkdir()
    (root / "tanaka" / "phone.vcf").write_text(
        CUSTOMER.format(name="山田 太郎", mail="taro", digits="1111")
        + FRIEND.format(name="佐藤 花子", digits="2222"),
        encoding="utf-8",
    )
    (root / "tanaka" / "google.csv").write_text(
        GOOGLE_HEADER + "高橋 一郎,一郎,高橋,株式会社テスト,Mobile,090-0000-3333\n",
        encoding="utf-8",
    )
    (root / "suzuki" / "phone.vcf").write_text(
        FRIEND.format(name="伊藤 次郎", digits="4444"), encoding="utf-8"
    )
    (root / "suzuki" / "broken.vcf").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    return root


def _scan(root: Path, fmt: str, *extra: str) -> tuple[int, str]:
    out = root.parent / f"report-{fmt}-{len(list(root.parent.iterdir()))}"
    result = runner.invoke(app, ["scan", str(root), "-f", fmt, "-o", str(out), "--quiet", *extra])
    return result.exit_code, out.read_text(encoding="utf-8")


def test_json_has_one_row_per_employee(exports: Path) -> None:
    code, text = _scan(exports, "json", "--group-by", "dir")
    assert code == 3  # the broken file
    report = json.loads(text)
    groups = {Path(g["group"]).name: g for g in report["groups"]}
    assert list(groups) == ["suzuki", "tanaka"]  # input order: folders sorted by name
    files = report["files"]
    for name, group in groups.items():
        own = [f for f in files if Path(f["path"]).parent.name == name]
        assert group["files"] == len(own) == 2
        assert group["contacts"] == sum(f["contacts"] for f in own)
        read = [f for f in own if not f["error"]]  # an unreadable file has no risk (null)
        riskiest = max(read, key=lambda f: f["risk_score"])
        assert (group["risk_score"], group["risk_level"]) == (
            riskiest["risk_score"],
            riskiest["risk_level"],
        )
    assert groups["suzuki"]["unreadable_files"] == 1
    assert groups["tanaka"]["unreadable_files"] == 0
    assert groups["tanaka"]["contacts"] == 3
    assert sum(groups["tanaka"]["by_classification"].values()) == 3
    assert sum(g["findings"] for g in groups.values()) == report["summary"]["findings"]


def test_compliance_rows_count_only_what_the_audience_sees(exports: Path) -> None:
    _, text = _scan(exports, "json", "--group-by", "dir", "--audience", "compliance")
    report = json.loads(text)
    tanaka = next(g for g in report["groups"] if g["group"].endswith("tanaka"))
    assert tanaka["contacts"] == 3
    assert tanaka["listed_contacts"] == tanaka["by_classification"]["business"]
    assert tanaka["listed_contacts"] < 3  # 佐藤 花子, a friend, is only counted
    listed = [c for c in report["contacts"] if "tanaka" in c["file"]]
    assert tanaka["findings"] == sum(len(c["findings"]) for c in listed)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_terminal_and_html_show_the_employee_table(exports: Path, lang: str) -> None:
    heading = {"en": "Per employee", "ja": "従業員ごとの結果"}[lang]
    _, terminal = _scan(exports, "terminal", "--group-by", "dir", "--lang", lang)
    assert heading in terminal
    section = terminal.split(heading, 1)[1].split("==", 2)[1]
    unwrapped = "".join(section.split())  # a long temporary path wraps anywhere
    assert "suzuki" in unwrapped and "tanaka" in unwrapped
    _, html = _scan(exports, "html", "--group-by", "dir", "--lang", lang)
    table = html.split('<table id="groups">', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 3  # the header and one row per employee
    assert heading in html


def test_without_grouping_there_is_no_employee_table_to_repeat_the_files(exports: Path) -> None:
    _, terminal = _scan(exports, "terminal")
    assert "Per employee" not in terminal
    _, html = _scan(exports, "html")
    assert 'id="groups"' not in html
    _, text = _scan(exports, "json")
    report = json.loads(text)
    assert [g["group"] for g in report["groups"]] == [f["group"] for f in report["files"]]


@pytest.mark.parametrize("audience", ["self", "compliance"])
def test_each_employee_row_says_what_the_findings_are(exports: Path, audience: str) -> None:
    # QA round 11: the table gave each employee a count and a risk level, and 44 of 57
    # were "critical": nothing told the officer who holds customers' personal mobiles.
    _, text = _scan(exports, "json", "--group-by", "dir", "--audience", audience)
    report = json.loads(text)
    groups = {Path(g["group"]).name: g for g in report["groups"]}
    for name, group in groups.items():
        listed = [c for c in report["contacts"] if Path(c["file"]).parent.name == name]
        expected: dict[str, int] = {}
        for contact in listed:
            for finding in contact["findings"]:
                expected[finding["category"]] = expected.get(finding["category"], 0) + 1
        assert group["by_category"] == expected
        assert sum(group["by_category"].values()) == group["findings"]
    assert groups["tanaka"]["by_category"]["mobile_phone"] >= 1
    if audience == "compliance":  # a friend's mobile is not an employee's finding
        assert groups["suzuki"]["by_category"] == {}
    html = _scan(exports, "html", "--group-by", "dir", "--audience", audience)[1]
    assert "Findings by category" in html and "Mobile phone" in html
    terminal = _scan(exports, "terminal", "--group-by", "dir", "--audience", audience)[1]
    assert "Mobile phone" in terminal.split("== Files")[0]
