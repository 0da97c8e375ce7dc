"""The CSV report names every input it could not read, as the other formats do.

A compliance officer who loads only the CSV into a spreadsheet lost the fact that
one employee's export was never audited: JSON, HTML, SARIF and the terminal named
such a file with its reason, the CSV had no row for it. Each such file now has a
row right below the header (both layouts, both languages, whole or built in
parts): its file and group, "unreadable", "not audited", the reason the JSON
report gives, no score. Every person and file here is fictional.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode
from piiaudit.model import AuditResult, FileInfo, FileResult, RiskLevel
from piiaudit.parsers.sniff import BINARY, EMPTY
from piiaudit.reporters.csv_report import CONTACT_COLUMNS, FINDING_COLUMNS
from piiaudit.reporters.i18n import messages
from reporters.factory import sample_case
from reporters.helpers import render
from reporters.test_parts import in_parts, whole

UNREADABLE = {"en": "unreadable", "ja": "読み取り不可"}
NOT_AUDITED = {"en": "not audited (unreadable)", "ja": "未監査（読み取れず）"}
MESSAGE = {"en": "message", "ja": "内容"}
KIND = {"en": "kind", "ja": "種別"}
LEVEL = {"en": "contact risk level", "ja": "連絡先のリスクの高さ"}
SCORE = {"en": "contact risk score", "ja": "連絡先のリスクスコア"}
# What the readers say (parsers.sniff), as every report gives it in Japanese
# (reporters/messages/problems.yaml).
REASONS_JA = {
    EMPTY: "空のファイルです",
    BINARY: "バイナリデータを含んでおり、連絡先のエクスポートではありません",
}

SALES = "exports/sales/yamada"


def _table(output: str) -> list[dict[str, str]]:
    assert output.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(output[1:], newline="")))


def _header(output: str) -> list[str]:
    return next(csv.reader(io.StringIO(output[1:], newline="")))


def _with_broken(*broken: tuple[str, str, str]) -> AuditResult:
    """The sample (its photo.jpg left out) with these unreadable files after its two
    readable exports: ``(path, group, reason)``."""
    alice, bob, _photo = sample_case().result.files
    files = [alice, bob]
    files += [
        FileResult(FileInfo(path=path, error=reason), group, [], 0, RiskLevel.NONE)
        for path, group, reason in broken
    ]
    return replace(sample_case().result, files=files)


BROKEN = (
    (f"{SALES}/old.vcf", SALES, BINARY),
    ("exports/suzuki/contacts.csv", "exports/suzuki", EMPTY),
)


def _unread(table: list[dict[str, str]], lang: str) -> list[dict[str, str]]:
    return [row for row in table if row[KIND[lang]] == UNREADABLE[lang]]


# ------------------------------------------------------------------ one row per unread file


@pytest.mark.parametrize("rows", ["findings", "contacts"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_unread_file_has_a_row_with_its_reason(lang: str, rows: str) -> None:
    result = _with_broken(*BROKEN)
    output = render("csv", result, lang=lang, csv_rows=rows)
    table = _table(output)
    t = messages(lang)
    file_col, group_col = t.t("csv.file"), t.t("csv.group")
    # Right below the header, in input order, before any contact's row.
    first, second = table[0], table[1]
    assert (first[file_col], first[group_col]) == (f"{SALES}/old.vcf", SALES)
    assert (second[file_col], second[group_col]) == (
        "exports/suzuki/contacts.csv",
        "exports/suzuki",
    )
    for row in (first, second):
        assert row[KIND[lang]] == UNREADABLE[lang]
        assert row[LEVEL[lang]] == NOT_AUDITED[lang]
        assert row[SCORE[lang]] == ""  # never "0": that reads as "no risk"
    reasons = [first[MESSAGE[lang]], second[MESSAGE[lang]]]
    assert reasons == ([BINARY, EMPTY] if lang == "en" else [REASONS_JA[BINARY], REASONS_JA[EMPTY]])
    # Every other cell is empty: no contact, no finding is invented for the file.
    said = {file_col, group_col, KIND[lang], LEVEL[lang], MESSAGE[lang]}
    assert {k: v for k, v in first.items() if k not in said and v} == {}
    # The files that were read keep their contacts' rows, and no row of their own.
    assert len(_unread(table, lang)) == 2
    assert table[2:] and all(row[SCORE[lang]] for row in table[2:])


@pytest.mark.parametrize("rows", ["findings", "contacts"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_reason_is_the_one_the_json_report_gives(lang: str, rows: str) -> None:
    result = _with_broken(*BROKEN)
    report = json.loads(render("json", result, lang=lang))
    errors = {f["path"]: f["error"] for f in report["files"] if f["error"]}
    table = _table(render("csv", result, lang=lang, csv_rows=rows))
    file_col = messages(lang).t("csv.file")
    shown = {row[file_col]: row[MESSAGE[lang]] for row in _unread(table, lang)}
    assert shown == errors
    assert len(shown) == 2


def test_the_contacts_layout_gains_a_message_column_at_its_end() -> None:
    """The only column added: the reason needs a cell in the contacts layout, and at
    the end the header still starts as piiaudit's own CSV report is recognised
    (parsers.sniff); the findings layout already had a message column."""
    assert CONTACT_COLUMNS[-1] == "message"
    assert "message" in FINDING_COLUMNS
    for lang in ("en", "ja"):
        header = _header(render("csv", _with_broken(*BROKEN), lang=lang, csv_rows="contacts"))
        assert header[-1] == MESSAGE[lang]
        table = _table(render("csv", _with_broken(*BROKEN), lang=lang, csv_rows="contacts"))
        contacts = [row for row in table if row[KIND[lang]] != UNREADABLE[lang]]
        assert contacts and {row[MESSAGE[lang]] for row in contacts} == {""}


def test_a_run_with_nothing_read_still_lists_every_file() -> None:
    """Before, the CSV of a run whose every input failed was its header alone."""
    alice_info = FileInfo(path="exports/alice.vcf", error=BINARY)
    files = [
        FileResult(alice_info, "exports/alice.vcf", [], 0, RiskLevel.NONE),
        FileResult(
            FileInfo(path="exports/bob.csv", error=EMPTY), "exports/bob.csv", [], 0, RiskLevel.NONE
        ),
    ]
    result = replace(sample_case().result, files=files, risk_score=0, risk_level=RiskLevel.NONE)
    for rows in ("findings", "contacts"):
        table = _table(render("csv", result, csv_rows=rows))
        assert [(r["file"], r["message"]) for r in table] == [
            ("exports/alice.vcf", BINARY),
            ("exports/bob.csv", EMPTY),
        ]


# ------------------------------------------------------------------ spreadsheet safety


@pytest.mark.parametrize("rows", ["findings", "contacts"])
@pytest.mark.parametrize(
    "name",
    [
        '=HYPERLINK("http://evil.example/","x").vcf',
        "+81 90.vcf",
        "-2+3.csv",
        "@SUM(A1).vcf",
        "＝1+1.vcf",
    ],
)
def test_a_file_name_that_starts_a_formula_is_neutralised(name: str, rows: str) -> None:
    """A file name (and a group named after it) is text the user's colleague chose:
    in the CSV it must stay text, as a contact's cells do. So must a reason that a
    reader wrote as it came (an unknown sentence is shown as written)."""
    result = _with_broken((name, name, "=1+1 is not a reason piiaudit writes"))
    output = render("csv", result, csv_rows=rows)
    row = _unread(_table(output), "en")[0]
    assert row["file"] == f"'{name}"
    assert row["group"] == f"'{name}"
    assert row["message"] == "'=1+1 is not a reason piiaudit writes"
    for cells in csv.reader(io.StringIO(output[1:], newline="")):
        for cell in cells:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), cell


# ------------------------------------------------------------------ audience, parts


@pytest.mark.parametrize("rows", ["findings", "contacts"])
def test_a_compliance_report_lists_the_unread_file_too(rows: str) -> None:
    """That an export was never audited is the company's to know (JSON, HTML and SARIF
    say it to compliance too); a contact's place is still withheld."""
    result = _with_broken(*BROKEN)
    table = _table(render("csv", result, audience="compliance", lang="ja", csv_rows=rows))
    assert [r["ファイル"] for r in _unread(table, "ja")] == [
        f"{SALES}/old.vcf",
        "exports/suzuki/contacts.csv",
    ]
    assert {(r["連絡先番号"], r["行"]) for r in table} == {("", "")}


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"lang": "ja"},
        {"csv_rows": "contacts"},
        {"csv_rows": "contacts", "audience": "compliance", "lang": "ja"},
    ],
    ids=["findings-en", "findings-ja", "contacts-en", "contacts-compliance-ja"],
)
def test_a_run_built_in_parts_writes_the_same_rows(options: dict[str, Any]) -> None:
    """``scan`` builds its reports in parts (reporters.parts): the unread rows come from
    the assembled view's files, and must be the whole report's, byte for byte."""
    result = _with_broken(*BROKEN)
    built = in_parts(result, ("csv",), **options)
    assert built == whole(result, ("csv",), **options)
    assert UNREADABLE[options.get("lang", "en")] in built["csv"]


# ------------------------------------------------------------------ through the CLI


CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fiction Taro\r\nORG:Sample Trading\r\n"
    "EMAIL;TYPE=WORK:taro@sample-trading.example\r\nTEL;TYPE=CELL:090-0000-0001\r\nEND:VCARD\r\n"
)


@pytest.mark.parametrize("rows", ["findings", "contacts"])
def test_scan_writes_the_unread_row_and_exits_3(tmp_path: Path, rows: str) -> None:
    exports = tmp_path / "exports"
    (exports / "tanaka").mkdir(parents=True)
    (exports / "tanaka" / "phone.vcf").write_text(CARD, encoding="utf-8")
    (exports / "sato").mkdir()
    (exports / "sato" / "old.vcf").write_bytes(b"\x00\x01\x02 fictional junk \xff\xfe")
    out = tmp_path / "reports"
    args = ["scan", str(exports), "-f", "csv,json", "--output-dir", str(out), "--csv-rows", rows]
    result = CliRunner().invoke(app, [*args, "--audience", "compliance", "--lang", "ja", "--quiet"])
    assert result.exit_code == ExitCode.INPUT, result.output
    table = _table((out / "piiaudit-report.csv").read_text(encoding="utf-8"))
    report = json.loads((out / "piiaudit-report.json").read_text(encoding="utf-8"))
    broken = [f for f in report["files"] if f["error"]]
    assert [(r["ファイル"], r["内容"]) for r in _unread(table, "ja")] == [
        (f["path"], f["error"]) for f in broken
    ]
    assert broken and broken[0]["path"].endswith("old.vcf")
    assert broken[0]["error"] == REASONS_JA[BINARY]


def test_a_file_read_in_part_has_a_row_saying_its_audit_is_incomplete(tmp_path: Path) -> None:
    """Exit 3 for a file read but for some parts; the other formats said "not read in
    full", the CSV listed its contacts as if the audit were whole."""
    cut = "TEL;TYPE=CELL:090-0000-0009\r\nEND:VCARD\r\n" + CARD  # a card cut off at the top
    export = tmp_path / "cut.vcf"
    export.write_text(cut, encoding="utf-8")
    out = tmp_path / "report.csv"
    result = CliRunner().invoke(app, ["scan", str(export), "-f", "csv", "-o", str(out), "-q"])
    assert result.exit_code == ExitCode.INPUT, result.output
    table = _table(out.read_text(encoding="utf-8"))
    notices = [r for r in table if r["kind"].startswith("not read in full")]
    assert len(notices) == 1, table
    assert notices[0]["file"] == str(export)
    assert "the audit of this file is incomplete" in notices[0]["message"]
    assert notices[0]["contact risk score"] == ""
    assert any(r["rule"] == "CORE-PHONE-001" for r in table)  # its contacts are still reported
