"""A CSV file merged from a UTF-8 export and a CP932 one is read line by line in each.

Found in CSV QA: two exports joined with ``cat`` or ``copy /b`` (a Google or Excel
"CSV UTF-8" file and a Japanese Outlook or Excel CP932 one) hold both encodings. The
whole file was decoded in the one encoding guessed from its head: a UTF-8 header read as
CP932 became mojibake and the file was refused as "no vCard or CSV contacts found" (no
contact audited), and CP932 rows after a UTF-8 head lost their names and notes to U+FFFD.
The vCard reader already reads a valid UTF-8 value as UTF-8 in a legacy file. All data is
fictional.
"""

from __future__ import annotations

from pathlib import Path

from parsers.csv_read import read
from piiaudit.parsers import open_input
from piiaudit.parsers.options import ParseOptions

HEADER = "氏名,携帯電話,メモ\r\n"
UTF8_ROW = "架空 花子,090-0000-1234,取引先\r\n"
CP932_ROW = "例示 太郎,090-0000-6785,友人\r\n"


def _names(path: Path) -> tuple[list[str], list[str], list[str]]:
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        info = parsed.info
    return (
        [c.names.formatted for c in contacts],
        [n for c in contacts for n in c.notes],
        [i.message for i in info.issues] + ([info.error] if info.error else []),
    )


def test_a_utf8_head_with_cp932_rows_after_it_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "merged.csv"
    path.write_bytes((HEADER + UTF8_ROW).encode("utf-8") + CP932_ROW.encode("cp932"))
    names, notes, messages = _names(path)
    assert names == ["架空 花子", "例示 太郎"]
    assert notes == ["取引先", "友人"]
    assert messages == []  # its head names CP932: the UTF-8 lines are read as the vCard reader's


def test_cp932_rows_in_a_file_read_as_utf8_are_read_as_cp932() -> None:
    rows = "".join(f"架空 花子{i},090-0000-{i:04d},取引先\r\n" for i in range(3))
    data = (HEADER + rows).encode("utf-8") + CP932_ROW.encode("cp932")
    contacts, info = read(data, "utf-8")
    assert contacts[-1].names.formatted == "例示 太郎"
    assert contacts[-1].notes == ("友人",)
    assert [i.line for i in info.issues] == [5]


def test_utf8_lines_of_a_cp932_file_are_read_as_utf8() -> None:
    data = HEADER.encode("utf-8") + CP932_ROW.encode("cp932") + UTF8_ROW.encode("utf-8")
    contacts, info = read(data, "cp932")
    assert [c.names.formatted for c in contacts] == ["例示 太郎", "架空 花子"]
    assert info.issues == []


def test_a_plain_cp932_file_is_unchanged() -> None:
    data = (HEADER + CP932_ROW).encode("cp932")
    [contact], info = read(data, "cp932")
    assert contact.names.formatted == "例示 太郎"
    assert info.issues == []


def test_undecodable_bytes_that_are_no_cp932_are_still_replaced_and_said() -> None:
    data = (HEADER + UTF8_ROW).encode("utf-8") + b"\xff\xfe broken,090-0000-1111,x\r\n"
    contacts, info = read(data, "utf-8")
    assert len(contacts) == 2
    assert "\ufffd" in contacts[1].names.formatted
    assert [i.message for i in info.issues] == [
        "bytes not valid in the file's encoding were replaced"
    ]


def test_the_byte_spans_of_a_merged_file_still_cover_it() -> None:
    data = (HEADER + UTF8_ROW).encode("utf-8") + CP932_ROW.encode("cp932")
    contacts, _ = read(data, "utf-8")
    assert data[contacts[1].source.start : contacts[1].source.end] == CP932_ROW.encode("cp932")
