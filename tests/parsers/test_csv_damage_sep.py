"""A wrong Excel ``sep=`` first line is ignored, said on line 1 (hostile QA F8).

Excel believes the hint blindly. piiaudit did too: ``sep="``, ``sep=<NUL>``, ``sep=<TAB>``
over a comma table, ``sep==``, ``sep=<U+3000>`` or ``sep=\\`` made a valid export "no
vCard or CSV contacts found" (exit 3, every contact lost, no line named), and ``sep= ``
read every row by position. A hint is now believed only when the table is split by it;
a right one (``sep=;`` over a ``;`` table) still settles the delimiter.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from csv_read import read
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.parsers.csv_reader import sniff_csv
from piiaudit.parsers.csv_sniff import SEP_IGNORED

ROWS = [
    ["Name", "Company", "Job Title", "Mobile Phone", "E-mail Address"],
    ["Ann Example", "Example Trading KK", "Manager", "090-1234-5678", "ann@example.com"],
    ["Ben Sample", "Sample Works", "Engineer", "080-2345-6789", "ben@example.org"],
    ["Cid Fiction", "Fiction Inc", "Clerk", "070-3456-7890", "cid@example.net"],
]


def _table(delimiter: str, newline: str = "\r\n") -> str:
    return "".join(delimiter.join(row) + newline for row in ROWS)


def _assert_all_contacts_read(data: bytes) -> list[str]:
    """Every contact, each with its mobile number in its phone column; the issues."""
    contacts, info = read(data)
    assert [c.names.formatted for c in contacts] == [row[0] for row in ROWS[1:]]
    assert [[p.value for p in c.phones] for c in contacts] == [[row[3]] for row in ROWS[1:]]
    assert [c.titles for c in contacts] == [(row[2],) for row in ROWS[1:]]
    assert info.error is None
    return [f"{i.line}: {i.message}" for i in info.issues]


@pytest.mark.parametrize(
    "hint",
    ['"', "\x00", "\t", "=", "\u3000", "\\", " ", "|", ";"],
    ids=[
        "quote",
        "nul",
        "tab",
        "equals",
        "ideographic-space",
        "backslash",
        "space",
        "pipe",
        "semicolon",
    ],
)
def test_a_hint_the_table_does_not_use_is_ignored_and_said_on_line_1(hint: str) -> None:
    data = (f"sep={hint}\r\n" + _table(",")).encode()
    assert sniff_csv(data.decode())  # recognised as a contacts CSV, not refused
    assert _assert_all_contacts_read(data) == [f"1: {SEP_IGNORED}"]


@pytest.mark.parametrize(
    "delimiter", [";", ",", "\t", "|"], ids=["semicolon", "comma", "tab", "pipe"]
)
def test_a_right_hint_still_settles_the_delimiter(delimiter: str) -> None:
    data = (f"sep={delimiter}\r\n" + _table(delimiter)).encode()
    assert sniff_csv(data.decode())
    assert _assert_all_contacts_read(data) == []


def test_a_right_hint_wins_over_commas_in_every_row() -> None:
    # A ';' table whose every cell of one column holds commas: the hint is believed,
    # the commas stay in the addresses.
    text = "sep=;\nName;Address;Mobile Phone\n"
    text += "Ann Example;1-2-3 Ginza, Chuo-ku, Tokyo;090-1234-5678\n"
    text += "Ben Sample;4-5-6 Umeda, Kita-ku, Osaka;080-2345-6789\n"
    contacts, info = read(text.encode())
    assert [c.addresses[0].formatted for c in contacts] == [
        "1-2-3 Ginza, Chuo-ku, Tokyo",
        "4-5-6 Umeda, Kita-ku, Osaka",
    ]
    assert info.issues == []


def test_a_hint_before_a_preamble_is_believed_for_the_table_after_it() -> None:
    text = "sep=;\r\nContacts exported for the audit\r\n\r\n" + _table(";")
    issues = _assert_all_contacts_read(text.encode())
    assert not any(SEP_IGNORED in issue for issue in issues)


def test_the_contacts_command_reads_a_file_with_a_wrong_hint(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(("sep=\t\r\n" + _table(",")).encode())
    result = CliRunner().invoke(app, ["contacts", str(source)])
    assert result.exit_code == 0, result.stderr
    assert f"{source}:1: {SEP_IGNORED}" in result.stderr
    assert result.stdout.count('"file"') == len(ROWS) - 1
