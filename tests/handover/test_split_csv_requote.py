"""A CSV record with a quote that never closes is written again, quoted, by ``split``.

piiaudit reads such a cell as text, quote included, and the lines after it as records of
their own. Copied byte for byte into business.csv, the record made every standard CSV
reader take the records after it into that cell: an import of the company's file lost
customers (a leftover of QA round 11). The record is now written from its cells as
piiaudit read them; every other record is still copied byte for byte."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from handover_setup import run_handover

HEADER = "Name,Organization 1 - Name,Phone 1 - Type,Phone 1 - Value,Notes"
ROWS = [
    'Taro Fict,Example Shoji KK,Work,03-5555-0101,"customer since 2020',
    "Hanako Fict,Example Bank KK,Work,03-5555-0102,customer",
    'Jiro Fict,,Mobile,090-5555-0103,"old friend"',
    "Saburo Fict,Example Kogyo KK,Work,03-5555-0104,customer",
]


def _split(tmp_path: Path, text: str, encoding: str = "utf-8") -> tuple[Path, str]:
    export = tmp_path / "contacts.csv"
    export.write_bytes(text.encode(encoding))
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out))
    assert result.exit_code == 0, result.output
    return out, result.stderr


def _rows(path: Path, encoding: str = "utf-8", delimiter: str = ",") -> list[list[str]]:
    text = path.read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_an_import_of_business_csv_gets_every_business_record(tmp_path: Path) -> None:
    text = "\r\n".join([HEADER, *ROWS]) + "\r\n"
    out, stderr = _split(tmp_path, text)
    rows = _rows(out / "business.csv")
    assert [r[0] for r in rows] == ["Name", "Taro Fict", "Hanako Fict", "Saburo Fict"]
    assert rows[1][4] == '"customer since 2020'  # the cell as piiaudit read it
    # the other records byte for byte, the damaged one written again
    body = (out / "business.csv").read_bytes().decode("utf-8")
    assert (
        body
        == "\r\n".join(
            [
                HEADER,
                'Taro Fict,Example Shoji KK,Work,03-5555-0101,"""customer since 2020"',
                ROWS[1],
                ROWS[3],
            ]
        )
        + "\r\n"
    )
    assert (out / "private.csv").read_bytes().decode("utf-8").endswith(ROWS[2] + "\r\n")
    assert "contacts.csv:2: record #0 has a quote that never closes; business.csv" in stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["requoted"] == [{"index": 0, "line": 2, "file": "business.csv"}]


@pytest.mark.parametrize("encoding", ["cp932", "utf-16"])
def test_the_record_is_written_in_the_files_encoding_and_delimiter(
    tmp_path: Path, encoding: str
) -> None:
    header = "名前;会社名;電話;メモ"
    rows = [
        '見本 太郎;見本商事株式会社;03-5555-0201;"得意先 2020年から',
        "見本 花子;見本銀行株式会社;03-5555-0202;得意先",
    ]
    out, _ = _split(tmp_path, "\r\n".join([header, *rows]) + "\r\n", encoding)
    written = _rows(out / "business.csv", encoding, ";")
    assert [r[0] for r in written] == ["名前", "見本 太郎", "見本 花子"]
    assert written[1][3] == '"得意先 2020年から'


def test_a_private_record_written_again_is_listed_without_its_line(tmp_path: Path) -> None:
    rows = [
        "Taro Fict,Example Shoji KK,Work,03-5555-0101,customer",
        'Mama,,Mobile,090-5555-0109,"family',
    ]
    out, _ = _split(tmp_path, "\r\n".join([HEADER, *rows]) + "\r\n")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["requoted"] == [{"index": 1, "file": "private.csv"}]
    assert [r[0] for r in _rows(out / "private.csv")] == ["Name", "Mama"]
