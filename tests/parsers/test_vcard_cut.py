"""A card cut off at the top: what is left of it is a contact, read and said (QA; fictional data).

A .vcf file that starts inside a card (an export truncated at the front) was sniffed
as CSV when the card's tail was long, every line a nonsense contact; when it was
short, the tail's phone, e-mail and name were skipped as "lines outside any vCard"
with a warning and exit code 0.
"""

from __future__ import annotations

import io
from pathlib import Path

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.encoding import Detected
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_stream import read_vcard

TAIL = (
    b"TEL;TYPE=CELL:090-0000-7001\r\n"
    b"TEL;TYPE=HOME:03-0000-7002\r\n"
    b"EMAIL;TYPE=HOME:cut.top@example.com\r\n"
    b"ADR;TYPE=HOME:;;1-2-3 Fictional-cho;Minato-ku;Tokyo;100-0000;Japan\r\n"
    b"FN:Fict Cut-Top\r\n"
    b"N:Cut-Top;Fict;;;\r\n"
    b"END:VCARD\r\n"
)


def card(name: str, phone: str) -> bytes:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"TEL:{phone}", "END:VCARD"]
    return ("\r\n".join(lines) + "\r\n").encode()


WHOLE = card("Fict Whole", "090-0000-7003") + card("Fict Other", "090-0000-7004")


def parse(tmp_path: Path, data: bytes, name: str = "export.vcf") -> tuple[FileInfo, list[Contact]]:
    path = tmp_path / name
    path.write_bytes(data)
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        return parsed.info, contacts


def issues(info: FileInfo) -> list[tuple[int, str, bool]]:
    return [(i.line, i.message, i.lost) for i in info.issues]


CUT = "card has no BEGIN:VCARD or VERSION: its first lines are not in the file (cut off at the top)"


# ------------------------------------------------------------------ sniffing


def test_a_file_starting_with_a_long_card_tail_is_a_vcard_file() -> None:
    """Its END:VCARD comes before any BEGIN:VCARD; the CSV sniffer took its seven
    property lines for rows of one column."""
    assert sniff(TAIL + WHOLE).format == "vcard"
    assert sniff(TAIL).format == "vcard"  # a file holding nothing but the tail


def test_a_vcf_file_with_begin_lines_is_a_vcard_file_whatever_comes_first() -> None:
    """Lines that look like CSV rows before the first card: by content alone a CSV
    (a CSV file may hold a card), by its name a vCard file."""
    rows = "Name,Phone\n" + "".join(f"Fict {n},090-0000-{n:04d}\n" for n in range(6))
    head = (rows + "BEGIN:VCARD\nVERSION:3.0\nFN:Fict\nEND:VCARD\n").encode()
    assert sniff(head).format == "csv"
    assert sniff(head, "/exports/phone.vcf").format == "vcard"
    assert sniff(head, "phone.VCARD").format == "vcard"
    assert sniff(head, "phone.csv").format == "csv"


def test_an_end_line_inside_a_quoted_csv_cell_does_not_make_a_vcard() -> None:
    rows = "".join(f'Fict {n},"pasted:\nFN:Fict\nEND:VCARD"\n' for n in range(5))
    assert sniff(("Name,Note\n" + rows).encode()).format == "csv"


# ------------------------------------------------------------------- reading


def test_a_card_tail_at_the_top_is_an_incomplete_contact(tmp_path: Path) -> None:
    data = TAIL + WHOLE
    info, contacts = parse(tmp_path, data)
    assert info.format == "vcard" and info.dialect == "vcard-3.0"
    cut, whole, other = contacts
    assert cut.names.formatted == "Fict Cut-Top"
    assert (cut.names.family, cut.names.given) == ("Cut-Top", "Fict")
    assert [p.value for p in cut.phones] == ["090-0000-7001", "03-0000-7002"]
    assert [e.value for e in cut.emails] == ["cut.top@example.com"]
    assert len(cut.addresses) == 1
    assert (cut.source.index, cut.source.line) == (0, 1)
    assert (cut.source.start, cut.source.end) == (0, len(TAIL))
    assert cut.issues == tuple(info.issues)
    expected = (1, f"{CUT}; lines 1-7 read as an incomplete contact", True)
    assert issues(info) == [expected]
    assert info.read_in_part() == 1  # the contact lacks its first lines: exit code 3
    assert [(c.names.formatted, c.source.index, c.source.line) for c in (whole, other)] == [
        ("Fict Whole", 1, 8),
        ("Fict Other", 2, 13),
    ]
    assert info.contacts == 3


def test_a_short_tail_of_one_line_is_kept_too(tmp_path: Path) -> None:
    info, contacts = parse(tmp_path, b"EMAIL:short.tail@example.com\r\nEND:VCARD\r\n" + WHOLE)
    assert [e.value for e in contacts[0].emails] == ["short.tail@example.com"]
    assert issues(info) == [(1, f"{CUT}; lines 1-2 read as an incomplete contact", True)]
    info, contacts = parse(tmp_path, b"\xef\xbb\xbfNOTE:only a note\r\n" + WHOLE)
    assert contacts[0].notes == ("only a note",)
    assert issues(info)[0] == (1, f"{CUT}; line 1 read as an incomplete contact", True)


def test_a_banner_before_the_tail_stays_junk_and_the_tail_is_read(tmp_path: Path) -> None:
    data = b"Backup of my phone\r\n\r\n" + TAIL + WHOLE
    info, contacts = parse(tmp_path, data)
    assert contacts[0].names.formatted == "Fict Cut-Top"
    assert contacts[0].source.start == data.index(b"TEL")
    assert issues(info) == [
        (1, "1 line outside any vCard skipped", False),  # a blank line is no junk
        (3, f"{CUT}; lines 3-9 read as an incomplete contact", True),
    ]


def test_junk_without_contact_data_is_no_error(tmp_path: Path) -> None:
    """A BOM, blank lines, a banner, or bookkeeping properties left of a card (UID, REV):
    no contact data, so nothing read in part; said as before."""
    data = b"\xef\xbb\xbf\r\nExported by Fictional Phone Tool\r\n" + WHOLE
    info, contacts = parse(tmp_path, data)
    assert len(contacts) == 2
    assert issues(info) == [(2, "1 line outside any vCard skipped", False)]
    assert info.read_in_part() == 0
    info, contacts = parse(tmp_path, b"\r\n\r\n" + WHOLE)
    assert len(contacts) == 2 and info.issues == []
    info, contacts = parse(tmp_path, b"UID:fict-0001\r\nREV:2024-01-01\r\nEND:VCARD\r\n" + WHOLE)
    assert len(contacts) == 2
    assert sorted(issues(info)) == [
        (1, "2 lines outside any vCard skipped", False),
        (3, "END:VCARD without BEGIN:VCARD; skipped", False),
    ]
    assert info.read_in_part() == 0


def test_a_tail_without_its_end_is_closed_at_the_next_card(tmp_path: Path) -> None:
    """No VERSION, so no 2.1 nesting: the next BEGIN:VCARD ends it, and the card
    after is a card of its own."""
    data = b"FN:Fict Headless\r\nTEL:090-0000-7005\r\n\r\n" + WHOLE
    info, contacts = parse(tmp_path, data)
    assert [(c.names.formatted, c.source.parent) for c in contacts] == [
        ("Fict Headless", None),
        ("Fict Whole", None),
        ("Fict Other", None),
    ]
    assert contacts[0].source.end == contacts[1].source.start == data.index(b"BEGIN")
    assert issues(info) == [
        (1, f"{CUT}; lines 1-3 read as an incomplete contact", True),
        (4, "card has no END:VCARD; closed at the next BEGIN:VCARD", False),
    ]


def test_a_tail_at_the_end_of_the_file_is_read_to_the_end(tmp_path: Path) -> None:
    """A piece of a card after the last one, with neither its top nor its END."""
    data = WHOLE + b"N:Tail;Fict;;;\r\nTEL:090-0000-7006\r\n"
    info, contacts = parse(tmp_path, data)
    assert [p.value for p in contacts[-1].phones] == ["090-0000-7006"]
    assert (contacts[-1].source.start, contacts[-1].source.end) == (len(WHOLE), len(data))
    assert issues(info) == [
        (11, f"{CUT}; lines 11-12 read as an incomplete contact", True),
        (12, "card has no END:VCARD; closed at end of file", False),
    ]


def test_a_tail_between_cards_is_read_as_well(tmp_path: Path) -> None:
    """Two exports joined, the second cut at the front."""
    first = card("Fict First", "090-0000-7007")
    data = first + b"TEL:090-0000-7008\r\nFN:Fict Middle\r\nEND:VCARD\r\n" + WHOLE
    info, contacts = parse(tmp_path, data)
    assert [c.names.formatted for c in contacts] == [
        "Fict First",
        "Fict Middle",
        "Fict Whole",
        "Fict Other",
    ]
    middle = contacts[1].source
    assert (middle.index, middle.line, middle.start) == (1, 6, len(first))
    assert issues(info) == [(6, f"{CUT}; lines 6-8 read as an incomplete contact", True)]


def test_the_general_reader_and_the_fast_one_agree() -> None:
    data = TAIL + WHOLE + b"FN:Fict Middle\r\nEND:VCARD\r\n" + WHOLE
    read = {}
    for fast in (True, False):
        info = FileInfo(path="export.vcf")
        stream = io.BytesIO(data)
        contacts = list(read_vcard(stream, info, Detected("utf-8"), ParseOptions(), fast=fast))
        read[fast] = (contacts, info.issues, info.contacts)
    assert read[True] == read[False]
    assert read[True][2] == 6
