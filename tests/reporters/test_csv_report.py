"""The CSV report: opens in Excel, in Japanese, without running anyone's formula."""

from __future__ import annotations

import csv
import io

import pytest

from piiaudit.reporters.csv_report import neutralise
from reporters.factory import sample_case
from reporters.helpers import render


def rows(output: str) -> list[list[str]]:
    assert output.startswith("\ufeff")
    return list(csv.reader(io.StringIO(output[1:], newline="")))


# The sample's exports/photo.jpg could not be read: its row comes right below the
# header (tests/reporters/test_csv_unread_rows.py); the contacts' rows follow.
UNREAD = 1


def test_utf8_bom_and_crlf() -> None:
    output = render("csv", sample_case().result, lang="ja")
    assert output.startswith("\ufeffファイル,")
    assert output.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert "\r\n" in output


def test_one_row_per_finding() -> None:
    case = sample_case()
    table = rows(render("csv", case.result))
    assert table[0][:5] == ["file", "group", "contact index", "line", "name"]
    assert len(table) - 1 - UNREAD == sum(len(p.result.findings) for p in case.people)
    header = table[0]
    first = dict(zip(header, table[1 + UNREAD], strict=True))
    assert first["rule"] == "PII210"
    assert first["evidence"] == "**** **** **** 1111"
    assert first["recommendation"] == "Delete the card number now."


def test_one_row_per_contact() -> None:
    case = sample_case()
    table = rows(render("csv", case.result, csv_rows="contacts"))
    assert len(table) - 1 - UNREAD == len(case.people)
    header = table[0]
    first = dict(zip(header, table[1 + UNREAD], strict=True))
    assert first["findings"] == "7"
    assert first["worst severity"] == "critical"
    assert first["categories"] == "Payment card; Mobile phone; Other personal data"
    assert first["message"] == ""  # said only on the row of a file that could not be read


@pytest.mark.parametrize("rows_kind", ["findings", "contacts"])
def test_no_cell_can_start_a_formula(rows_kind: str) -> None:
    output = render("csv", sample_case().result, show_pii=True, csv_rows=rows_kind)
    for row in rows(output):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_dangerous_values_are_kept_but_neutralised() -> None:
    cells = {c for row in rows(render("csv", sample_case().result, show_pii=True)) for c in row}
    assert "'-1+1" in cells
    assert "'@SUM(A1:A9)" in cells
    assert "'\tTabbed secret" in cells
    # A lone carriage return is a control character: written as an escape, which no
    # spreadsheet evaluates (a formula start no more) and no terminal acts on.
    assert "\\x0dCarriage secret" in cells
    assert "'+81 90 5555 6161" in cells
    assert '\'=HYPERLINK("http://evil.example/","click")' in cells
    assert "line one\nline two" in cells


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+81", "'+81"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t1", "'\t1"),
        ("\r1", "'\r1"),
        ("＝1+1", "'＝1+1"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        ("山田", "山田"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


@pytest.mark.parametrize(
    ("lang", "column", "note", "phone"),
    [("ja", "項目", "メモ(1)", "電話(1)"), ("en", "field", "note 1", "phone 1")],
)
def test_field_reads_as_the_terminal_names_it(
    lang: str, column: str, note: str, phone: str
) -> None:
    """CSV is read in Excel: ``notes[0]`` (the engine's name, counted from 0) reads as
    the terminal and HTML reports say it; JSON keeps the engine's name."""
    table = rows(render("csv", sample_case().result, lang=lang))
    fields = [dict(zip(table[0], row, strict=True))[column] for row in table[1 + UNREAD :]]
    assert fields[:2] == [note, phone]
    assert not any("[" in field for field in fields), fields


@pytest.mark.parametrize("rows_kind", ["findings", "contacts"])
def test_control_characters_in_a_file_name_are_escaped(tmp_path, rows_kind: str) -> None:  # type: ignore[no-untyped-def]
    """A file name's escape sequences ran when the CSV was printed (``cat``): they
    retitled and recoloured the terminal, while every other format escaped them
    (compliance QA F6). An unreadable file's row and the contacts' rows alike."""
    from typer.testing import CliRunner

    from piiaudit.cli import app

    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:見本 太郎\r\nORG:見本商事株式会社\r\n"
    card += "TEL;TYPE=CELL:090-0000-4420\r\nEND:VCARD\r\n"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\x1b]0;pwned\x07b\x1b[31m.vcf").write_text(card, encoding="utf-8")
    (folder / "c\x1b[2J.vcf").write_bytes(b"")  # unreadable: its own row
    out = tmp_path / "report.csv"
    args = ["scan", str(folder), "-f", "csv", "-o", str(out), "--csv-rows", rows_kind]
    assert CliRunner().invoke(app, args).exit_code == 3  # the empty file
    text = out.read_text(encoding="utf-8-sig")
    assert "\x1b" not in text and "\x07" not in text
    assert "a\\x1b]0;pwned\\x07b\\x1b[31m.vcf" in text and "c\\x1b[2J.vcf" in text
