"""Address-book group cards and related-card references (QA report B4).

A vCard 4.0 ``KIND:group`` card, or Apple's 3.0 ``X-ADDRESSBOOKSERVER-KIND:group``
card, names a group and lists its members: it is not a contact, so it is skipped
with one issue per file, unless it carries data about someone (then it stays a
contact, so that nothing goes unseen). A ``RELATED`` value that only points at
another card (``urn:uuid:...``) is not a related person's name.

Each card is read three ways: the one-pass simple path, the plain-card path (a
folded line sends a card there) and the general line-by-line reader.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, cut_file
from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_stream import read_vcard

PERSON_A = [
    "BEGIN:VCARD",
    "VERSION:4.0",
    "UID:urn:uuid:0a5b7c1e-0000-4000-8000-000000000001",
    "FN:Hanako Sample",
    "N:Sample;Hanako;;;",
    "TEL;TYPE=cell:090-0000-0001",
    "END:VCARD",
]
GROUP_40 = [
    "BEGIN:VCARD",
    "VERSION:4.0",
    "PRODID:-//Fictional Contacts 1.0//EN",
    "KIND:group",
    "FN:Golf friends",
    "UID:urn:uuid:0a5b7c1e-0000-4000-8000-0000000000aa",
    "REV:20240101T000000Z",
    "MEMBER:urn:uuid:0a5b7c1e-0000-4000-8000-000000000001",
    "MEMBER:urn:uuid:0a5b7c1e-0000-4000-8000-000000000002",
    "END:VCARD",
]
GROUP_APPLE = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    "PRODID:-//Apple Inc.//iOS 17.0//EN",
    "N:Family;;;;",
    "FN:Family",
    "X-ADDRESSBOOKSERVER-KIND:group",
    "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:0a5b7c1e-0000-4000-8000-000000000001",
    "REV:2024-01-01T00:00:00Z",
    "UID:0a5b7c1e-0000-4000-8000-0000000000bb",
    "END:VCARD",
]
PERSON_B = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    "FN:Taro Example",
    "N:Example;Taro;;;",
    "EMAIL;TYPE=WORK:taro@example.com",
    "END:VCARD",
]

WAYS = ["simple", "folded", "general"]


def _bytes(*cards: list[str], fold: bool = False) -> bytes:
    lines = [line for card in cards for line in card]
    if fold:  # a folded FN sends every card to the plain-card path instead of the simple one
        lines = [
            line.replace("FN:", "FN:\r\n ", 1) if line.startswith("FN:") else line for line in lines
        ]
    return ("\r\n".join(lines) + "\r\n").encode()


def _read(data: bytes, way: str) -> tuple[list[Contact], FileInfo]:
    verdict = sniff(data[:HEAD_BYTES])
    info = FileInfo(path="groups.vcf", format=verdict.format, encoding=verdict.detected.encoding)
    stream = io.BytesIO(data)
    fast = way != "general"
    return list(read_vcard(stream, info, verdict.detected, ParseOptions(), fast=fast)), info


def _read_cards(*cards: list[str], way: str) -> tuple[list[Contact], FileInfo]:
    return _read(_bytes(*cards, fold=way == "folded"), way)


def _group_issues(info: FileInfo) -> list[tuple[int, str]]:
    return [(i.line, i.message) for i in info.issues if "group card" in i.message]


@pytest.mark.parametrize("way", WAYS)
def test_group_cards_are_skipped_with_one_issue_at_the_first(way: str) -> None:
    contacts, info = _read_cards(PERSON_A, GROUP_40, PERSON_B, GROUP_APPLE, way=way)
    assert [c.display_name() for c in contacts] == ["Hanako Sample", "Taro Example"]
    assert info.contacts == 2
    # The skipped cards keep their places: Taro is still the third card of the file.
    assert [c.source.index for c in contacts] == [0, 2]
    first_group_line = len(PERSON_A) + 1 + (way == "folded")  # a fold is one line more
    assert _group_issues(info) == [
        (
            first_group_line,
            "2 group cards (KIND:group) were skipped: they list members, not contacts",
        )
    ]


@pytest.mark.parametrize("way", WAYS)
def test_one_group_card_is_said_in_the_singular(way: str) -> None:
    contacts, info = _read_cards(GROUP_APPLE, PERSON_B, way=way)
    assert [c.display_name() for c in contacts] == ["Taro Example"]
    assert _group_issues(info) == [
        (1, "1 group card (KIND:group) was skipped: it lists members, it is not a contact")
    ]


@pytest.mark.parametrize("way", WAYS)
def test_cards_of_other_kinds_are_contacts(way: str) -> None:
    org = [line.replace("KIND:group", "KIND:org") for line in GROUP_40]
    individual = [*PERSON_A[:2], "KIND:individual", *PERSON_A[2:]]
    contacts, info = _read_cards(org, individual, way=way)
    assert [c.display_name() for c in contacts] == ["Golf friends", "Hanako Sample"]
    assert _group_issues(info) == []


@pytest.mark.parametrize(
    "extra",
    [
        "TEL;TYPE=home:03-0000-0001",
        "EMAIL:golf@example.com",
        "NOTE:Hanako's mother plays on Sundays",
        "N:Sample;Hanako;;;",
        "BDAY:1980-05-05",
        "X-SECRET:kept anyway",
    ],
)
@pytest.mark.parametrize("way", WAYS)
def test_a_group_card_with_personal_data_stays_a_contact(way: str, extra: str) -> None:
    """Dropping a card that holds data about someone would hide that data from the audit."""
    group = [*GROUP_40[:-1], extra, "END:VCARD"]
    contacts, info = _read_cards(group, way=way)
    assert [c.display_name() for c in contacts] == ["Golf friends"]
    assert contacts[0].other["KIND"] == ("group",)
    assert _group_issues(info) == []


@pytest.mark.parametrize("way", WAYS)
def test_related_card_references_are_not_names(way: str) -> None:
    person = [
        *PERSON_A[:-1],
        "RELATED;TYPE=spouse;VALUE=text:Ichiro Sample",
        "RELATED;TYPE=child:urn:uuid:0a5b7c1e-0000-4000-8000-000000000003",
        "RELATED;TYPE=friend;VALUE=uri:URN:UUID:0a5b7c1e-0000-4000-8000-000000000004",
        "X-ABRELATEDNAMES:uuid:0a5b7c1e-0000-4000-8000-000000000005",
        "X-ABRELATEDNAMES:Jiro Sample",
        "END:VCARD",
    ]
    [contact], _ = _read_cards(person, way=way)
    assert contact.related == ("Ichiro Sample", "Jiro Sample")
    # Kept, not lost: under the property's name, like any value without a field.
    assert contact.other["RELATED"] == (
        "urn:uuid:0a5b7c1e-0000-4000-8000-000000000003",
        "URN:UUID:0a5b7c1e-0000-4000-8000-000000000004",
    )
    assert contact.other["X-ABRELATEDNAMES"] == ("uuid:0a5b7c1e-0000-4000-8000-000000000005",)


def test_an_apple_group_reference_in_an_item_group_is_not_a_name() -> None:
    """iOS writes related names as ``itemN.X-ABRELATEDNAMES`` with a label after them."""
    person = [
        *PERSON_B[:-1],
        "item1.X-ABRELATEDNAMES:urn:uuid:0a5b7c1e-0000-4000-8000-000000000006",
        "item1.X-ABLabel:_$!<Child>!$_",
        "END:VCARD",
    ]
    [contact], _ = _read_cards(person, way="simple")
    assert contact.related == ()
    assert contact.other["X-ABRELATEDNAMES"] == ("urn:uuid:0a5b7c1e-0000-4000-8000-000000000006",)


def _halves(size: int) -> list[int]:
    return [size // 2, size - size // 2]


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_file_with_group_cards_is_not_cut_in_pieces(tmp_path: Path, where: str) -> None:
    """``--jobs`` reads a large file in pieces, but a member must meet its groups, which
    may sit in another piece: a file with group cards is read whole."""
    people = [[*PERSON_B[:2], f"FN:Person {n}", *PERSON_B[3:]] for n in range(40)]
    cards = {
        "first": [GROUP_40, *people, *people],
        "middle": [*people, GROUP_APPLE, *people],
        "last": [*people, *people, GROUP_APPLE],
    }[where]
    path = tmp_path / "groups.vcf"
    path.write_bytes(_bytes(*cards))
    assert cut_file(str(path), _halves) is None
    path.write_bytes(_bytes(*people, *people, PERSON_A))  # the same file without a group
    assert cut_file(str(path), _halves) is not None


@pytest.mark.parametrize("way", WAYS)
def test_members_given_by_number_or_address_are_the_group_cards_data(way: str) -> None:
    """RFC 6350 lets a group list a member as ``tel:`` or ``mailto:`` instead of a
    card of their own: a number on the phone all the same, so the card stays a contact
    and the member's number and address are read as its phones and e-mails."""
    group = [
        *GROUP_40[:-1],
        "MEMBER:tel:+81-90-7777-4242",
        "MEMBER:mailto:golf.friend@example.com",
        "END:VCARD",
    ]
    contacts, info = _read_cards(group, way=way)
    [contact] = contacts
    assert contact.display_name() == "Golf friends"
    assert [(p.value, p.e164, p.number_type) for p in contact.phones] == [
        ("tel:+81-90-7777-4242", "+819077774242", "mobile")
    ]
    assert [e.value for e in contact.emails] == ["golf.friend@example.com"]
    # The members that are references to other cards are kept, not lost.
    assert len(contact.other["MEMBER"]) == 2
    assert _group_issues(info) == []


@pytest.mark.parametrize("way", WAYS)
def test_a_member_given_by_another_address_keeps_the_group_card_a_contact(way: str) -> None:
    group = [*GROUP_40[:-1], "MEMBER:sip:golf.friend@example.com", "END:VCARD"]
    contacts, info = _read_cards(group, way=way)
    assert [c.display_name() for c in contacts] == ["Golf friends"]
    assert "sip:golf.friend@example.com" in contacts[0].other["MEMBER"]
    assert _group_issues(info) == []
