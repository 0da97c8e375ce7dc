"""A hand-made, header-less contact list: name first, then numbers.

Three shapes were lost or nameless before: a first row ``Fict Ichiro,090-1111-0001``
was taken for the header (a number written in groups has no five digits in a row),
so the first contact was lost and its values became column names; a list whose first
contact had a name only was "no vCard or CSV contacts found"; and every contact of a
header-less list had no name, so a report listed blank lines. All names and numbers
are fictional.
"""

from __future__ import annotations

from pathlib import Path

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import open_input
from piiaudit.parsers.csv_header import is_header_row, looks_like_data


def read_file(path: Path) -> tuple[list[Contact], FileInfo]:
    with open_input(str(path)) as parsed:
        return list(parsed.contacts), parsed.info


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "list.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_number_written_in_groups_is_a_value_not_a_column_name() -> None:
    assert looks_like_data("090-1111-0001")
    assert looks_like_data("+81 90 1111 0001")
    assert not is_header_row(["Fict Ichiro", "090-1111-0001"])
    # Headers stay headers, numbered ones too.
    assert is_header_row(["Name", "Phone 1 - Value", "E-mail 2 - Value"])


def test_first_row_with_a_grouped_number_is_the_first_contact(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Fict Ichiro,090-1111-0001",
        "Fict Jiro,080-1111-0002",
        "Fict Saburo,03-1111-0003",
    )
    contacts, info = read_file(path)
    assert [c.names.formatted for c in contacts] == ["Fict Ichiro", "Fict Jiro", "Fict Saburo"]
    assert [c.phones[0].value for c in contacts] == [
        "090-1111-0001",
        "080-1111-0002",
        "03-1111-0003",
    ]
    assert contacts[0].source.line == 1
    assert any("no header row" in i.message for i in info.issues)


def test_a_first_contact_with_a_name_only_does_not_hide_the_list(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Fict Shiro",
        "Fict Ichiro,090-1111-0001",
        "Fict Jiro,080-1111-0002",
        "Fict Saburo,03-1111-0003",
    )
    contacts, info = read_file(path)
    assert [c.names.formatted for c in contacts] == [
        "Fict Shiro",
        "Fict Ichiro",
        "Fict Jiro",
        "Fict Saburo",
    ]
    assert contacts[0].phones == ()
    assert any(i.line == 1 and "1 cell" in i.message for i in info.issues)


def test_only_a_first_cell_of_words_becomes_the_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ichiro@example.org,Fict Ichiro,090-1111-0001",
        "4,Fict Jiro,080-1111-0002",
        "Fict Saburo,03-1111-0003,Osaka",
    )
    first, second, third = read_file(path)[0]
    assert first.names.formatted == "" and first.emails[0].value == "ichiro@example.org"
    assert first.other["Column 2"] == ("Fict Ichiro",)
    assert second.names.formatted == "" and second.other["Column 1"] == ("4",)
    assert third.names.formatted == "Fict Saburo" and third.other["Column 3"] == ("Osaka",)
