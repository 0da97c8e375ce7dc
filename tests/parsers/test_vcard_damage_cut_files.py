"""A vCard export cut off inside its last card is a file read in part (exit code 3).

Hostile QA F7: a file cut inside the last card's data (a copy or a transfer stopped
short) ended with exit code 0, as if it had been audited whole, while a card cut off at
the top of a file already made it 3; a quoted-printable note cut inside its last
``=xx`` escape was read as Latin-1 mojibake, so its health word went unfound; a base64
photo cut short was not mentioned. Now the file that ends inside a line of a card's data
is an incomplete contact (``lost``: exit code 3), the note keeps what can be read of it,
and the cut photo is named. A card that merely lacks its END:VCARD, its last line whole,
is still read in full with an error (exit 0), as the docs promise. All data fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parsers.vcard_read import read_both_ways, read_file
from piiaudit.cli import app
from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, cut_file, open_input

CUT = (
    "card has no END:VCARD: the file ends inside its data (cut short); "
    "read as an incomplete contact"
)
CLOSED = "card has no END:VCARD; closed at end of file"
WHOLE = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Whole\r\nTEL;TYPE=CELL:090-0000-7101\r\nEND:VCARD\r\n"
)
# 持病あり、通院中 ("a chronic illness, sees a doctor"), UTF-8 and quoted-printable.
HEALTH_QP = "".join(f"={byte:02X}" for byte in "持病あり、通院中".encode())
QP_HEAD = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Fict Cut\r\nNOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
)


def _read(tmp_path: Path, data: bytes) -> tuple[list[Contact], FileInfo]:
    return read_file(tmp_path / "cut.vcf", data)


def _issues(info: FileInfo) -> list[tuple[int, str, bool]]:
    return sorted((issue.line, issue.message, issue.lost) for issue in info.issues)


def test_a_file_cut_inside_a_line_of_its_last_card_is_read_in_part(tmp_path: Path) -> None:
    contacts, info = _read(tmp_path, WHOLE + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Cu")
    assert [c.names.formatted for c in contacts] == ["Fict Whole", "Fict Cu"]
    assert _issues(info) == [(8, CUT, True)]
    assert info.read_in_part() == 1


def test_a_quoted_printable_note_cut_inside_its_last_escape_keeps_what_it_has(
    tmp_path: Path,
) -> None:
    data = WHOLE + QP_HEAD + HEALTH_QP[:-1].encode()  # =E4=B8=A: the escape of 中 cut
    contacts, info = _read(tmp_path, data)
    assert contacts[1].notes == ("持病あり、通院",)
    assert _issues(info) == [
        (
            9,
            "NOTE: quoted-printable value ends inside an escape (cut short?); "
            "the incomplete escape was dropped",
            False,
        ),
        (9, CUT, True),
    ]


def test_a_note_cut_between_two_escapes_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    contacts, info = _read(tmp_path, WHOLE + QP_HEAD + HEALTH_QP[:-9].encode())
    assert contacts[1].notes == ("持病あり、通院",)
    assert _issues(info) == [(9, CUT, True)]


def test_a_soft_line_break_at_the_end_of_the_file_promised_more(tmp_path: Path) -> None:
    """The last line is whole, but its value ends in a soft break: its rest is missing."""
    data = WHOLE + QP_HEAD + HEALTH_QP[:36].encode() + b"=\r\n"
    contacts, info = _read(tmp_path, data)
    assert contacts[1].notes == ("持病あり",)
    assert _issues(info) == [(9, CUT, True)]


def test_a_photo_cut_inside_its_base64_is_named(tmp_path: Path) -> None:
    photo = b"/9j/4AAQSkZJRgABAQAAAQABAADA" * 10 + b"2"  # 281 characters: one past a group
    data = WHOLE + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Photo\r\nPHOTO;ENCODING=b:" + photo
    contacts, info = _read(tmp_path, data)
    assert contacts[1].photo.present
    assert _issues(info) == [
        (9, "PHOTO: base64 value breaks off after 1 character of a group of 4 (cut short?)", False),
        (9, CUT, True),
    ]
    whole = WHOLE + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Photo\r\nPHOTO;ENCODING=b:"
    _, info = _read(tmp_path, whole + photo[:-1] + b"\r\nEND:VCARD\r\n")
    assert info.issues == []  # a whole photo: nothing to say


def test_a_card_whose_last_line_is_whole_is_read_in_full(tmp_path: Path) -> None:
    """Nothing known is missing but the END line: an error in the export, exit code 0."""
    contacts, info = _read(tmp_path, WHOLE + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Open\r\n")
    assert contacts[1].names.formatted == "Fict Open"
    assert _issues(info) == [(8, CLOSED, False)]
    assert info.read_in_part() == 0


@pytest.mark.parametrize("tail", [b"END:VCA", b"END", b"E"])
def test_a_file_cut_inside_the_end_line_lost_no_data(tmp_path: Path, tail: bytes) -> None:
    contacts, info = _read(tmp_path, WHOLE + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict E\r\n" + tail)
    assert contacts[1].names.formatted == "Fict E"
    assert info.read_in_part() == 0
    assert (9, CLOSED, False) in _issues(info)


def test_a_card_without_end_before_the_next_card_is_unchanged(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Open\r\n" + WHOLE
    contacts, info = _read(tmp_path, data)
    assert [c.names.formatted for c in contacts] == ["Fict Open", "Fict Whole"]
    assert _issues(info) == [(4, "card has no END:VCARD; closed at the next BEGIN:VCARD", False)]


@pytest.mark.parametrize(
    "tail",
    [
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Cu",
        QP_HEAD + HEALTH_QP[:-1].encode(),
        QP_HEAD + HEALTH_QP[:36].encode() + b"=\r\n",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fict Photo\r\nPHOTO;ENCODING=b:/9j/4AAQ\r\n A",
    ],
)
def test_the_fast_and_the_general_reader_agree(tail: bytes) -> None:
    results = read_both_ways(WHOLE + tail)
    assert results[0] == results[1]
    assert results[0][1].read_in_part() == 1


def test_a_cut_file_read_in_pieces_says_the_same(tmp_path: Path) -> None:
    """``--jobs`` reads a large file in pieces: the last piece ends where the file does."""
    path = tmp_path / "big.vcf"
    path.write_bytes(WHOLE * 400 + QP_HEAD + HEALTH_QP[:-1].encode())
    pieces = cut_file(str(path), lambda size: [size // 2, size - size // 2])
    assert pieces is not None and len(pieces) == 2
    issues = []
    for piece in pieces:
        with open_input(str(path), ParseOptions(), piece=piece) as parsed:
            contacts = list(parsed.contacts)
            issues.extend(parsed.info.issues)
    _, whole = _read(tmp_path, path.read_bytes())
    assert contacts[-1].notes == ("持病あり、通院",)
    assert issues == whole.issues
    assert (2004, CUT, True) in [(i.line, i.message, i.lost) for i in issues]


def test_scan_ends_with_3_and_finds_the_health_note(tmp_path: Path) -> None:
    path = tmp_path / "cut.vcf"
    path.write_bytes(WHOLE + QP_HEAD + HEALTH_QP[:-1].encode())
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["scan", str(path), "-f", "json", "-o", str(report)])
    assert result.exit_code == 3, result.output
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    assert summary["by_category"].get("special_care") == 1
