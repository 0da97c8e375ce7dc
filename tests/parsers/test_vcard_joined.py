"""Two exports joined without a line break: ``END:VCARDBEGIN:VCARD`` on one line.

Gmail ends its vCard export without a final line break, so ``cat a.vcf b.vcf`` (or
``copy /b``) writes the next file's BEGIN on the last END's line. Read as one
property, the second card's contents went into the first: a customer took the
owner's mother's health note, and ``split`` filed her under business. All data is
fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input

CUSTOMER = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:青木 誠\r\nORG:架空商事株式会社\r\nEND:VCARD"
MOTHER = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:母\r\nNOTE:通院 毎週火曜\r\nEND:VCARD\r\n"


def _read(path: Path) -> tuple[list[Contact], FileInfo]:
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        return contacts, parsed.info


# A second export's BOM, DOS's Ctrl-Z (copy /b) between the cards: QA formats found the
# two cards read as one, the second's health note filed under the first's name.
@pytest.mark.parametrize("joint", ["", " ", "\t", "\ufeff", "\x1a", "\x1a\ufeff"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_each_card_of_a_joined_line_is_its_own_contact(
    tmp_path: Path, joint: str, encoding: str
) -> None:
    path = tmp_path / "joined.vcf"
    data = (CUSTOMER + joint + MOTHER).encode(encoding)
    path.write_bytes(data)
    contacts, info = _read(path)
    assert [c.display_name() for c in contacts] == ["青木 誠", "母"]
    customer, mother = contacts
    assert customer.notes == () and mother.notes == ("通院 毎週火曜",)
    assert [i.line for i in info.issues] == [5]
    assert "read as two cards" in info.issues[0].message
    # Each card's bytes are its own: the customer's end where the mother's BEGIN starts.
    assert customer.source.end == mother.source.start
    begin = "BEGIN:VCARD".encode(encoding).removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    assert data[mother.source.start :].startswith(begin)
    assert mother.source.line == 5


@pytest.mark.parametrize("stray", ["\ufeff", "\x1a"])
def test_a_bom_or_ctrl_z_opening_a_line_is_no_junk_before_begin(tmp_path: Path, stray: str) -> None:
    """``cat`` of exports that each start with a BOM (or end with Ctrl-Z): the next
    BEGIN:VCARD follows it. It was called a card without BEGIN, an error."""
    path = tmp_path / "cat.vcf"
    path.write_bytes(f"{CUSTOMER}\r\n{stray}{MOTHER}{stray}".encode())
    contacts, info = _read(path)
    assert [c.display_name() for c in contacts] == ["青木 誠", "母"]
    assert info.issues == []
    assert path.read_bytes()[contacts[1].source.start :].startswith(b"BEGIN:VCARD")
