"""A lone CR inside an unquoted cell no longer splits the row (hostile QA F12).

``Bare,Cr,Co<CR>Inc,Mgr,bare@example.com,090-...`` came out as two contacts read by
position; the second one's job title was the mobile number, never checked as a mobile.
Two pieces are joined back only when they are clearly one row; a file whose lines all
end in CR (classic Mac) still reads as many rows.
"""

from __future__ import annotations

from csv_read import read, rebuilt

from piiaudit.parsers.csv_reader import CR_JOINED

HEADER = "First Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone,Notes"
BEFORE = "Ann,Example,Example Trading KK,Manager,ann@example.com,090-1234-5678,"
BROKEN = "Bare,Cr,Co\rInc,Mgr,bare@example.com,090-1111-6666,x"
AFTER = "Ben,Sample,Sample Works,Engineer,ben@example.org,080-2345-6789,"


def test_a_row_broken_by_a_lone_cr_is_read_as_one_contact() -> None:
    data = "\r\n".join([HEADER, BEFORE, BROKEN, AFTER, ""]).encode()
    contacts, info = read(data)
    assert [c.names.given for c in contacts] == ["Ann", "Bare", "Ben"]
    bare = contacts[1]
    assert bare.organizations == ("Co\rInc",)
    assert bare.titles == ("Mgr",)
    assert [(p.value, p.number_type) for p in bare.phones] == [("090-1111-6666", "mobile")]
    assert (bare.source.line, contacts[2].source.line) == (3, 5)
    assert rebuilt(data, contacts) == data  # the joined row spans both pieces' bytes
    assert [(i.line, i.message, i.severity) for i in info.issues] == [(3, CR_JOINED, "warning")]


def test_a_file_with_cr_line_ends_keeps_its_short_rows_apart() -> None:
    # Every row ends in CR: two short rows (4 + 4 cells, a header of 7) are two
    # contacts, never one, though together they would be as wide as the header.
    short_a = "Cid,Fiction,Fiction Inc,Clerk"
    short_b = "Dee,Sample,Sample Works,Engineer"
    data = "\r".join([HEADER, BEFORE, short_a, short_b, AFTER, ""]).encode()
    contacts, info = read(data)
    assert [c.names.given for c in contacts] == ["Ann", "Cid", "Dee", "Ben"]
    assert [i.line for i in info.issues] == [3, 4]  # each said as read by position
    assert not any(i.message == CR_JOINED for i in info.issues)


def test_pieces_that_do_not_make_the_header_width_stay_two_rows() -> None:
    # After the lone CR comes a whole row of its own (as wide as the header): the
    # short row before it is a damaged row, not the first half of it.
    short = "Cid,Fiction,Fiction Inc"
    data = "\n".join([HEADER, short + "\r" + AFTER, BEFORE, ""]).encode()
    contacts, info = read(data)
    assert [c.names.given for c in contacts] == ["Cid", "Ben", "Ann"]
    assert [i.line for i in info.issues] == [2]
    assert not any(i.message == CR_JOINED for i in info.issues)


def test_a_stretch_of_cr_rows_in_a_crlf_file_is_not_joined() -> None:
    # Two short rows ending in CR (a stretch copied from an old Mac export): the second
    # ends in CR too, so it is not the rest of the first.
    short_a = "Cid,Fiction,Fiction Inc,Clerk\r"
    short_b = "Dee,Sample,Sample Works,Engineer\r"
    data = (HEADER + "\r\n" + short_a + short_b + AFTER + "\r\n").encode()
    contacts, _ = read(data)
    assert [c.names.given for c in contacts] == ["Cid", "Dee", "Ben"]
