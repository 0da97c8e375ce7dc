"""A header-less CSV with one row of a single cell (QA round 16).

The fuzzer damaged one row of a short header-less export (Thunderbird's
``tab_comma_mixed.csv``): a formula cell, a row broken by a stray line end, a
long cell without a delimiter. The sniffer wanted four rows in five to have
several cells, so with four rows one such row made the whole file "no vCard or
CSV contacts found": every contact lost, no line named. The file is now read,
and the odd row is kept and named with its line, as it is under a header. Prose
stays prose. All names, numbers and addresses are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import open_input
from piiaudit.parsers.csv_mapping import ONE_CELL_ROW
from piiaudit.parsers.csv_reader import FIRST_ROW_IS_CONTACT, NO_HEADER, sniff_csv

ROWS = [
    "Fict Ichiro,090-1111-0001,ichiro@example.org",
    "Fict Jiro,090-1111-0002,jiro@example.org",
    "Fict Saburo,090-1111-0003,saburo@example.org",
]
EMAILS = ["ichiro@example.org", "jiro@example.org", "saburo@example.org"]
NOT_FOUND = "no vCard or CSV contacts found"

# What the fuzzer put in place of a row: each has no comma.
ODD = {
    "formula": "=1+1",
    "text": "see the note below",
    "long-cell": "Y" * 2_000,
}


def read_file(path: Path) -> tuple[list[Contact], FileInfo]:
    """The file as piiaudit reads it: sniffed by content, then read."""
    with open_input(str(path)) as parsed:
        contacts = list(parsed.contacts)
        return contacts, parsed.info


def emails(contacts: list[Contact]) -> list[str]:
    return [e.value for c in contacts for e in c.emails]


def issues(info: FileInfo) -> list[tuple[int, str]]:
    return [(i.line, i.message) for i in info.issues]


@pytest.mark.parametrize("kind", list(ODD))
@pytest.mark.parametrize("line", [1, 2, 3, 4])
def test_one_row_without_a_delimiter_among_three_loses_no_contact(
    kind: str, line: int, tmp_path: Path
) -> None:
    rows = list(ROWS)
    rows.insert(line - 1, ODD[kind])
    path = tmp_path / "contacts.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    contacts, info = read_file(path)

    assert info.error is None
    assert (info.format, len(contacts)) == ("csv", 4)
    assert emails(contacts) == EMAILS
    odd = contacts[line - 1]
    assert odd.source.line == line
    if kind == "text":  # a few words in a header-less row's first cell: its name
        assert (odd.names.formatted, odd.other) == (ODD[kind], {})
    else:
        assert odd.other == {"Column 1": (ODD[kind],)}
    # Words on line 1 could have been a header of one column: said so.
    first = FIRST_ROW_IS_CONTACT if (line, kind) == (1, "text") else NO_HEADER
    assert issues(info) == [(1, first), (line, ONE_CELL_ROW)]


def test_a_row_broken_by_a_stray_line_end_keeps_both_halves(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(
        "Fict Ichiro,090-1111-0001,ichiro@example.org\n"
        "Fict Jiro,090-1111-0002\n"
        "jiro@example.org\n"
        "Fict Saburo,090-1111-0003,saburo@example.org\n",
        encoding="utf-8",
    )

    contacts, info = read_file(path)

    assert [c.source.line for c in contacts] == [1, 2, 3, 4]
    assert emails(contacts) == EMAILS
    assert issues(info) == [(1, NO_HEADER), (3, ONE_CELL_ROW)]


def test_a_longer_file_already_read_now_names_its_odd_row(tmp_path: Path) -> None:
    # Five rows and more were read before, but the odd row was taken without a word.
    path = tmp_path / "five.csv"
    path.write_text(
        "\n".join([*ROWS[:2], "=1+1", ROWS[2], "Fict Shiro,090-1111-0004,shiro@example.org"])
        + "\n",
        encoding="utf-8",
    )

    contacts, info = read_file(path)

    assert len(contacts) == 5
    assert issues(info) == [(1, NO_HEADER), (3, ONE_CELL_ROW)]


@pytest.mark.parametrize("line", [2, 3, 4])
def test_the_thunderbird_fixture_with_one_row_damaged_keeps_every_other_contact(
    line: int, corpus_dir: Path, tmp_path: Path
) -> None:
    """The fuzzer's finding on the public fixture (TAB rows under a comma row)."""
    rows = (corpus_dir / "thunderbird" / "tab_comma_mixed.csv").read_bytes().split(b"\n")
    rows[line - 1] = b"=1+1"
    path = tmp_path / "tab_comma_mixed.csv"
    path.write_bytes(b"\n".join(rows))

    contacts, info = read_file(path)

    assert len(contacts) == 4
    kept = [f"{n}@host.invalid" for n in range(1, 5) if n != line]
    assert emails(contacts) == kept
    assert contacts[line - 1].other == {"Column 1": ("=1+1",)}
    assert (line, ONE_CELL_ROW) in issues(info)


@pytest.mark.parametrize(
    "text",
    [
        # a short letter: one line has a comma, the others none
        "Hello team,\nthe meeting moves to Friday.\nSee you there.\n",
        # a comma line holding a whole phone number is still one line among prose
        "Please call me back, 090-1111-0001\nThanks\n",
        # two list-like lines are not enough to make the third an odd row of a table
        "Fict Ichiro,090-1111-0001\nFict Jiro,090-1111-0002\nsee you on Friday\n",
    ],
)
def test_a_short_prose_file_with_a_comma_stays_not_a_contact_export(
    text: str, tmp_path: Path
) -> None:
    assert not sniff_csv(text)
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")

    contacts, info = read_file(path)

    assert (info.error, contacts) == (NOT_FOUND, [])
