"""Byte-level line splitting and record splitting, at every chunk boundary."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.parsers import csv_lines
from piiaudit.parsers.csv_lines import PhysicalLine, iter_lines, line_codec
from piiaudit.parsers.csv_records import Limits, split_records

LIMITS = Limits(max_value_chars=10_000, max_columns=100, max_rewind_chars=10_000)


def lines_of(data: bytes, encoding: str, max_line: int = 10_000) -> list[PhysicalLine]:
    codec = line_codec(encoding, data[:4])
    return list(iter_lines(io.BytesIO(data), codec, max_line))


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64])
def test_crlf_split_across_chunks_is_one_terminator(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(csv_lines, "CHUNK_BYTES", chunk)
    lines = lines_of(b"a,b\r\nc\rd\ne\r", "utf-8")
    assert [(x.body, x.terminator, x.number) for x in lines] == [
        ("a,b", "\r\n", 1),
        ("c", "\r", 2),
        ("d", "\n", 3),
        ("e", "\r", 4),
    ]


@pytest.mark.parametrize("chunk", [1, 3, 64])
def test_utf16_line_ends_only_on_code_unit_boundaries(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(csv_lines, "CHUNK_BYTES", chunk)
    # 上 is 0A 4E in UTF-16LE and ਀ (U+0A00) followed by 一 (U+4E00) puts 0A 00 off-boundary
    text = "上,\u0a00一\r\nx\n"
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    lines = lines_of(data, "utf-16-le")
    assert [x.body for x in lines] == ["上,\u0a00一", "x"]
    assert lines[0].start == 0 and lines[1].end == len(data)


def test_bom_belongs_to_the_first_line_bytes_but_not_its_text() -> None:
    data = b"\xef\xbb\xbfName\nAnn\n"
    first, second = lines_of(data, "utf-8-sig")
    assert (first.body, first.start, first.end) == ("Name", 0, 8)
    assert (second.start, second.end) == (8, 12)


def test_long_line_is_cut_on_a_character_boundary_and_fully_spanned() -> None:
    data = ("あ" * 100 + "\n" + "b\n").encode("cp932")
    cut, rest = lines_of(data, "cp932", max_line=51)
    assert cut.cut and cut.body == "あ" * 25
    assert cut.end == 201 and rest.start == 201 and rest.body == "b"


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list('ab,"\r\n表ソ𠮷é')), max_size=80),
    encoding=st.sampled_from(["utf-8", "cp932", "utf-16-le", "utf-16-be"]),
    chunk=st.integers(min_value=1, max_value=9),
)
def test_line_spans_tile_the_file_for_any_chunk_size(text: str, encoding: str, chunk: int) -> None:
    data = text.encode(encoding, errors="replace")
    old = csv_lines.CHUNK_BYTES
    csv_lines.CHUNK_BYTES = chunk
    try:
        lines = lines_of(data, encoding)
    finally:
        csv_lines.CHUNK_BYTES = old
    assert b"".join(data[x.start : x.end] for x in lines) == data
    assert "".join(x.body + x.terminator for x in lines) == data.decode(encoding, "replace")


def records_of(
    text: str, delimiter: str = ",", alternates: tuple[str, ...] = ()
) -> list[list[str]]:
    lines = lines_of(text.encode(), "utf-8")
    return [r.cells for r in split_records(lines, delimiter, LIMITS, alternates)]


def test_quoted_cells_doubled_quotes_and_embedded_newlines() -> None:
    assert records_of('a,"b\r\nc",d\r\n"x""y",,"",z\n') == [
        ["a", "b\r\nc", "d"],
        ['x"y', "", "", "z"],
    ]


def test_quote_inside_an_unquoted_cell_is_literal() -> None:
    assert records_of('5" floppy,O"Brien\n') == [['5" floppy', 'O"Brien']]


def test_other_delimiter_splits_a_one_cell_row() -> None:
    assert records_of("a;b;c\nd,e\n", ";", (",",)) == [["a", "b", "c"], ["d", "e"]]


def test_column_limit_counts_dropped_cells() -> None:
    lines = lines_of(b"1,2,3,4\n", "utf-8")
    limits = Limits(max_value_chars=100, max_columns=2, max_rewind_chars=100)
    [record] = split_records(lines, ",", limits)
    assert record.cells == ["1", "2"] and record.dropped_cells == 2


def test_unclosed_quote_beyond_the_rewind_buffer_keeps_the_data_and_says_so() -> None:
    text = 'a,"open\n' + "".join(f"row{i},x\n" for i in range(50))
    lines = lines_of(text.encode(), "utf-8")
    limits = Limits(max_value_chars=10_000, max_columns=10, max_rewind_chars=100)
    [record] = split_records(lines, ",", limits)
    assert record.cells[0] == "a" and "row49,x" in record.cells[1]
    assert record.issues[0].severity == "error" and record.issues[0].line == 1


CUT_AT_100 = Limits(max_value_chars=100, max_columns=10, max_rewind_chars=10_000)
MANY_LINES = "Y\n" * 300


@pytest.mark.parametrize(
    ("record", "line", "column"),
    [
        # the cell opens on the record's first line and runs 300 lines
        (f'Ann,"{MANY_LINES}"', 2, 2),
        # the record's second cell spans lines; the third opens a line later
        (f'Ann,"a\nb","{MANY_LINES}"', 3, 3),
        # an unquoted cell after a multi-line one starts on the line it is on
        ('Ann,"a\nb",' + "x" * 200, 3, 3),
    ],
    ids=["quoted-from-the-first-line", "quoted-from-a-later-line", "unquoted-after-quoted"],
)
def test_a_cut_cell_is_reported_on_the_line_where_it_starts(
    record: str, line: int, column: int
) -> None:
    # QA round 16: the cut was said at the record's last line (1000002 for a cell of a
    # million lines opened on line 2).
    text = f"Name,Notes\n{record}\nBen,ok\n"
    records = list(split_records(lines_of(text.encode(), "utf-8"), ",", CUT_AT_100))
    assert [r.cells[0] for r in records] == ["Name", "Ann", "Ben"]
    ann = records[1]
    assert len(ann.cells[column - 1]) == 100
    message = f"value in column {column} is longer than 100 characters and was cut"
    assert [(i.line, i.message) for i in ann.issues] == [(line, message)]


def test_a_cell_of_many_lines_and_many_doubled_quotes_is_read_whole() -> None:
    # Its pieces are joined as they come (csv_records.CELL_PIECES); nothing is lost.
    notes = "".join(f"line {i}\r\n" for i in range(10_000))
    quotes = 'a"' * 10_000
    escaped = quotes.replace('"', '""')
    text = f'Ann,"{notes}","{escaped}"\nBen,x,y\n'
    limits = Limits(max_value_chars=1_000_000, max_columns=10, max_rewind_chars=10_000)
    lines = lines_of(text.encode(), "utf-8", max_line=100_000)
    records = list(split_records(lines, ",", limits))
    assert [r.cells for r in records] == [["Ann", notes, quotes], ["Ben", "x", "y"]]
    assert records[1].line == 10_002


def test_a_rewind_keeps_at_most_max_rewind_lines_lines() -> None:
    # Short lines stayed under the character budget however many they were; each kept
    # line costs far more than its text (QA round 16). Within the line budget, an
    # unclosed quote is still read again as ordinary rows.
    text = 'a,"open\n' + "".join(f"r{i},x\n" for i in range(50))
    kept = Limits(max_value_chars=10_000, max_columns=10, max_rewind_chars=10_000)
    records = list(split_records(lines_of(text.encode(), "utf-8"), ",", kept))
    assert len(records) == 51 and records[-1].cells == ["r49", "x"]
    few = Limits(
        max_value_chars=10_000, max_columns=10, max_rewind_chars=10_000, max_rewind_lines=20
    )
    [record] = split_records(lines_of(text.encode(), "utf-8"), ",", few)
    assert record.cells[0] == "a" and "r49,x" in record.cells[1]
    assert record.issues[0].severity == "error" and record.issues[0].line == 1
