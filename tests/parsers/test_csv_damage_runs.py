"""A quoted cell of very many short lines is read as runs of lines (hostile QA F11).

Each physical line used to be decoded, wrapped and fed to the record splitter on its
own: a notes cell of two million one-character lines took 15 s to read. Inside such a
cell (once it is too long to be read again after a bad quote), ``iter_lines`` hands the
splitter whole runs of lines without a closing quote. These tests hold the runs to the
line-by-line reading: the same contacts, line numbers, byte spans and issues, whatever
the encoding, the line ends, the chunk size or the damage in the cell; and they check
that the runs are really taken, so the speed does not silently come undone.
"""

from __future__ import annotations

import io

import pytest
from csv_read import read, rebuilt
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import csv_lines
from piiaudit.parsers.csv_lines import PhysicalLine, iter_lines, line_codec
from piiaudit.parsers.csv_records import RawRecord, RecordSplitter

HEADER = "Name,Mobile,Notes\r\n"
AFTER = "Ben Fictional,080-1234-5678,ok\r\n"


def _cell(lines: int, newline: str = "\n", line: str = "l{i}") -> str:
    return "".join(line.format(i=i) + newline for i in range(lines))


def _file(cell: str, encoding: str = "utf-8") -> bytes:
    text = HEADER + f'Ann Example,090-1234-5678,"{cell}"\r\n' + AFTER
    return text.encode(encoding)


def _line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as before runs existed: the splitter never asks for one."""
    monkeypatch.setattr(RecordSplitter, "wants_run", lambda self: False)


def _both(
    data: bytes, monkeypatch: pytest.MonkeyPatch, encoding: str = "utf-8", **options: object
) -> tuple[tuple[list[Contact], FileInfo], tuple[list[Contact], FileInfo]]:
    """``data`` read with runs, then line by line."""
    fast = read(data, encoding, **options)
    with monkeypatch.context() as patch:
        _line_by_line(patch)
        slow = read(data, encoding, **options)
    return fast, slow


def _fed_lines(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A counter of the lines (or runs) the record splitter is fed."""
    fed = [0]
    feed = RecordSplitter.feed

    def counted(self: RecordSplitter, line: PhysicalLine) -> list[RawRecord]:
        fed[0] += 1
        return feed(self, line)

    monkeypatch.setattr(RecordSplitter, "feed", counted)
    return fed


def test_a_cell_of_many_lines_is_read_in_runs_with_every_line_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cell = _cell(60_000)
    data = _file(cell)
    fed = _fed_lines(monkeypatch)
    (ann, ben), info = read(data)
    assert ann.notes == (cell.rstrip("\n"),)  # a note keeps its inner line ends
    assert [p.number_type for p in ann.phones] == ["mobile"]
    assert ben.names.formatted == "Ben Fictional"
    assert ben.source.line == 2 + 60_000 + 1  # the cell's lines are all counted
    assert rebuilt(data, [ann, ben]) == data  # the spans tile the file
    assert info.issues == []
    # A fed line per physical line would be 60,003; past the rewind buffer (16,384 lines)
    # the rest of the cell comes in runs of tens of thousands of lines each.
    assert fed[0] < 17_000


@pytest.mark.parametrize(
    ("name", "cell", "encoding"),
    [
        ("lf", _cell(25_000), "utf-8"),
        ("crlf", _cell(25_000, "\r\n"), "utf-8"),
        ("cr", _cell(25_000, "\r"), "utf-8"),
        ("mixed", "".join(f"l{i}" + ("\r", "\n", "\r\n")[i % 3] for i in range(25_000)), "utf-8"),
        ("doubled-quotes", _cell(25_000, line='l{i} said ""hi""'), "utf-8"),
        ("japanese", _cell(25_000, line="備考{i}"), "utf-8"),
        ("utf-16", _cell(25_000, "\r\n", line="備考{i}"), "utf-16-le"),
        ("cp932", _cell(25_000, "\r\n", line="備考{i}"), "cp932"),
        ("windows-1252", _cell(25_000, line="café{i}"), "windows-1252"),
        ("nul", _cell(17_000) + "a\x00b\n" + _cell(8_000), "utf-8"),
    ],
)
def test_runs_read_the_same_as_line_by_line(
    name: str, cell: str, encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _file(cell, encoding)
    if encoding == "utf-16-le":
        data = "\ufeff".encode(encoding) + data
    (fast, fast_info), (slow, slow_info) = _both(data, monkeypatch, encoding)
    assert [c.names.formatted for c in fast] == ["Ann Example", "Ben Fictional"]
    assert fast == slow
    assert fast_info.issues == slow_info.issues
    assert fast[1].source.end == len(data)


def test_a_legacy_file_with_utf8_lines_in_the_cell_reads_them_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A Windows-1252 export merged with a UTF-8 one: each line is read in its own
    # encoding (encoding.decode_line), so a run stops before a line that is UTF-8.
    lines = [
        f"café {i}\n".encode() if i % 997 == 0 else f"déjà {i}\n".encode("cp1252")
        for i in range(25_000)
    ]
    data = (
        HEADER.encode()
        + b'Ren\xe9 Example,090-1234-5678,"'
        + b"".join(lines)
        + b'"\r\n'
        + AFTER.encode()
    )
    (fast, fast_info), (slow, slow_info) = _both(data, monkeypatch, "windows-1252")
    assert fast == slow and fast_info.issues == slow_info.issues
    assert "café 997\n" in fast[0].notes[0] and "déjà 998\n" in fast[0].notes[0]


@pytest.mark.parametrize(
    ("tail", "closes"),
    [
        ('end" trailing text,x\r\n' + AFTER, True),  # text glued after the closing quote
        (AFTER * 3, False),  # the quote never closes: the rest of the file is the cell
        ('"', True),  # no line end after the last record
        ('\r"\r', True),  # the file ends in CRs
    ],
    ids=["text-after-quote", "never-closed", "no-final-line-end", "cr-at-the-end"],
)
def test_a_long_cell_ending_oddly_reads_as_line_by_line(
    tail: str, closes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (HEADER + 'Ann Example,090-1234-5678,"' + _cell(20_000) + tail).encode()
    (fast, fast_info), (slow, slow_info) = _both(data, monkeypatch)
    assert fast == slow and fast_info.issues == slow_info.issues
    assert fast[-1].source.end == len(data)
    lost = [i for i in fast_info.issues if i.lost]
    assert bool(lost) is not closes  # a quote never closed is said, with its line
    assert all(i.line == 2 for i in lost)


def test_a_cut_cell_and_a_short_line_limit_read_as_line_by_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A cell cut at the value limit, lines of every length around the line limit.
    cell = "".join("x" * (i * 37 % 5000) + "\n" for i in range(3000))
    data = _file(cell)
    (fast, fast_info), (slow, slow_info) = _both(data, monkeypatch, max_value_bytes=1000)
    assert fast == slow and fast_info.issues == slow_info.issues
    assert fast[0].notes == (cell[:1000].strip(),)
    assert any(i.line == 2 and "was cut" in i.message for i in fast_info.issues)


_PIECES = ["a", "é", "表", ",", '"', '""', "\r", "\n", "\r\n", "\x00", "xyz"]


@st.composite
def _damaged_csv(draw: st.DrawFn) -> tuple[bytes, str]:
    encoding = draw(st.sampled_from(["utf-8", "cp932", "utf-16-le", "windows-1252"]))
    rows = draw(st.lists(st.lists(st.sampled_from(_PIECES), max_size=30), max_size=12))
    text = HEADER + "".join("".join(row) for row in rows)
    data = text.encode(encoding, errors="replace")
    if encoding != "utf-16-le" and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\xff\x81" + data[at:]  # bytes invalid in the encoding
    return data, encoding


@settings(max_examples=200, deadline=None)
@given(case=_damaged_csv(), chunk=st.integers(1, 9))
def test_any_damaged_file_reads_the_same_with_runs(case: tuple[bytes, str], chunk: int) -> None:
    data, encoding = case
    old = csv_lines.CHUNK_BYTES
    csv_lines.CHUNK_BYTES = chunk
    # A value limit of 8 characters: the rewind buffer gives up after a few lines, so
    # runs are asked for almost at once, and lines are cut at 32 bytes.
    try:
        fast = read(data, encoding, max_value_bytes=8)
        wants_run = RecordSplitter.wants_run
        RecordSplitter.wants_run = lambda self: False  # type: ignore[method-assign]
        try:
            slow = read(data, encoding, max_value_bytes=8)
        finally:
            RecordSplitter.wants_run = wants_run  # type: ignore[method-assign]
    finally:
        csv_lines.CHUNK_BYTES = old
    assert fast[0] == slow[0]
    assert fast[1].issues == slow[1].issues
    assert fast[1].error == slow[1].error


def test_a_run_stops_before_the_line_that_closes_the_cell() -> None:
    # The line reader's own promise: a run asked for inside a quoted cell holds doubled
    # quotes but stops before the line whose quote closes the cell, which comes alone.
    data = ("x\n" * 10 + 'a""b\n' * 5 + 'end",next\n').encode()
    lines = iter_lines(io.BytesIO(data), line_codec("utf-8", data), 1000)
    first = next(lines)
    run = lines.send(True)
    closing = lines.send(True)
    assert (first.number, first.body) == (1, "x")
    assert (run.number, run.body, run.terminator) == (2, "x\n" * 9 + 'a""b\n' * 4 + 'a""b', "\n")
    assert (closing.number, closing.body, closing.start) == (16, 'end",next', run.end)
