"""Bad and hostile CSV input: the reader reports, keeps what it can, and never raises."""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers.csv_header import NO_NAME_COLUMN
from piiaudit.parsers.csv_reader import FIRST_ROW_IS_CONTACT, read_csv, sniff_csv
from piiaudit.parsers.options import ParseOptions


def read(data: bytes, encoding: str = "utf-8", **options: object) -> tuple[list[Contact], FileInfo]:
    info = FileInfo(path="test.csv")
    contacts = list(read_csv(io.BytesIO(data), info, encoding, ParseOptions(**options)))  # type: ignore[arg-type]
    return contacts, info


def test_quote_never_closed_is_reported_and_later_rows_still_read() -> None:
    data = b'Name,Mobile\nAlice,"090-1111-2222\nBob,090-3333-4444\nCarol,090-5555-6666\n'
    contacts, info = read(data)
    assert [c.names.formatted for c in contacts] == ["Alice", "Bob", "Carol"]
    assert contacts[0].phones[0].value == '"090-1111-2222'
    assert [c.source.line for c in contacts] == [2, 3, 4]
    [issue] = info.issues
    assert issue.line == 2 and "quote" in issue.message
    assert contacts[0].issues == (issue,)


def test_quote_closed_by_accident_lines_later_is_undone() -> None:
    data = b'Name,Note\nAlice,"broken note\nBob,"fine"\nCarol,plain\n'
    contacts, info = read(data)
    assert [(c.names.formatted, c.notes) for c in contacts] == [
        ("Alice", ('"broken note',)),
        ("Bob", ("fine",)),
        ("Carol", ("plain",)),
    ]
    assert [i.line for i in info.issues] == [2]


def test_ten_thousand_columns_are_cut_at_the_limit_and_reported() -> None:
    header = ",".join(f"c{i}" for i in range(10_000))
    row = ",".join(f"v{i}" for i in range(10_000))
    data = f"{header}\n{row}\n".encode()
    [contact], info = read(data)
    assert len(contact.other) == 2_000
    assert contact.other["c1999"] == ("v1999",)
    errors = [i for i in info.issues if i.severity == "error"]
    assert [i.line for i in errors] == [1, 2]
    assert all("10000 cells" in i.message for i in errors)


def test_ten_thousand_columns_within_a_raised_limit() -> None:
    names = [f"c{i}" for i in range(9_999)] + ["Mobile Phone"]
    values = [f"v{i}" for i in range(9_999)] + ["090-1234-5678"]
    data = (",".join(names) + "\n" + ",".join(values) + "\n").encode()
    [contact], info = read(data, max_csv_columns=20_000)
    assert len(contact.other) == 9_999
    assert contact.phones[0].labels == ("cell", "Mobile Phone")
    assert len(info.unmapped_columns) == 9_999
    # within the raised limit nothing is cut; the one issue is that no column is a name
    assert [issue.message for issue in info.issues] == [NO_NAME_COLUMN]


def test_bom_is_part_of_the_header_bytes_not_of_the_header_name() -> None:
    data = codecs.BOM_UTF8 + b"Mobile Phone,First Name\r\n090-1234-5678,Ken\r\n"
    [contact], info = read(data, "utf-8-sig")
    assert contact.names.given == "Ken"
    assert contact.phones[0].labels == ("cell", "Mobile Phone")
    assert contact.source.start == len(codecs.BOM_UTF8) + len(b"Mobile Phone,First Name\r\n")
    assert contact.source.end == len(data)
    assert info.unmapped_columns == []


def test_header_only_file_has_no_contacts_and_says_so() -> None:
    # UX review: an address book exported empty read as a clean phone, with no word.
    contacts, info = read(b"First Name,Last Name,E-mail Address\r\n")
    assert contacts == [] and info.contacts == 0 and info.error is None
    assert [(i.line, i.message) for i in info.issues] == [
        (1, "the file has a header row and no contacts")
    ]
    assert info.dialect == "outlook-csv"


def test_empty_rows_are_skipped_silently_and_not_counted() -> None:
    data = b"Name,Mobile\n\nAnn,090-1234-5678\n,,\n   \nBen,080-1234-5678\n"
    contacts, info = read(data)
    assert [(c.names.formatted, c.source.index, c.source.line) for c in contacts] == [
        ("Ann", 0, 3),
        ("Ben", 1, 6),
    ]
    assert info.issues == []


def test_rows_with_too_many_or_too_few_cells_are_reported_and_kept() -> None:
    data = b"Name,Mobile\nAnn\nBen,080-1234-5678,extra\nCid,090-1234-5678,\n"
    contacts, info = read(data)
    assert [c.names.formatted for c in contacts] == ["Ann", "Ben", "Cid"]
    assert contacts[1].other == {"Column 3": ("extra",)}
    assert [i.line for i in info.issues] == [2, 3]  # an empty trailing cell is no problem


def test_overlong_value_is_cut_and_reported() -> None:
    data = b"Name,Notes\nAnn," + b"x" * 3000 + b"\nBen,short\n"
    contacts, info = read(data, max_value_bytes=1000)
    assert len(contacts[0].notes[0]) == 1000
    assert contacts[1].notes == ("short",)
    assert [(i.line, i.severity) for i in info.issues] == [(2, "error")]


def test_overlong_line_is_cut_without_losing_the_next_rows_or_their_bytes() -> None:
    data = b"Name,Notes\nAnn," + b"y" * 50_000 + b"\nBen,short\n"
    contacts, info = read(data, max_value_bytes=1000)
    assert [c.names.formatted for c in contacts] == ["Ann", "Ben"]
    assert contacts[0].source.end == contacts[1].source.start
    assert contacts[1].source.end == len(data)
    assert any("too long" in i.message for i in info.issues)


def test_excel_sep_line_sets_the_delimiter_and_stays_in_the_header_bytes() -> None:
    data = b"sep=;\r\nName;Mobile;Notes\r\nAnn;090-1234-5678;a, b\r\n"
    [contact], info = read(data)
    assert contact.names.formatted == "Ann"
    assert contact.notes == ("a, b",)
    assert info.issues == []
    assert (contact.source.line, contact.source.start) == (
        3,
        len(b"sep=;\r\nName;Mobile;Notes\r\n"),
    )
    assert sniff_csv(data.decode())


def test_many_unbalanced_quotes_are_recovered_without_recursion() -> None:
    data = b"Name,Note\n" + b'"a\n' + b',"b\n' * 5000 + b'c"d\n'
    contacts, info = read(data)
    assert len(contacts) == 5002
    assert contacts[-1].source.end == len(data)
    assert all(i.severity == "warning" for i in info.issues)


def test_header_less_cells_are_judged_by_content() -> None:
    data = b"Ann,090-1234-5678,ann@example.jp,105-0011,https://example.jp/ann\n"
    data += b"Ben,080-1234-5678,ben@example.jp,150-0001,\n"
    contacts, info = read(data)
    assert len(contacts) == 2
    ann = contacts[0]
    assert [p.value for p in ann.phones] == ["090-1234-5678"]
    assert [e.value for e in ann.emails] == ["ann@example.jp"]
    assert ann.addresses[0].postal_code == "105-0011"
    assert ann.urls == ("https://example.jp/ann",)
    assert (ann.names.formatted, ann.other) == ("Ann", {})  # the first cell of words
    assert [i.line for i in info.issues] == [1]


# A header-less export whose first contact holds only words, one of them a column
# name ("Private"): read as the header, that contact was lost and its values became
# column names, shown unmasked in every report (security review, QA round 7).
WORDS_FIRST = (
    b"Quokkaberta Zwiebelmann,Kanariendorf Setagaya,Kidney dialysis patient,Private\n"
    b"Hanako Borealis,hanako@example-trading.example.com,My Number 8642 1357 9759,Work\n"
    b"Taro Example,taro@example.com,+81 90 1234 5678,Work\n"
    b"Jiro Example,jiro@example.com,+81 90 2345 6789,Private\n"
)


def test_a_first_row_of_words_over_contact_rows_is_read_as_a_contact() -> None:
    contacts, info = read(WORDS_FIRST)
    assert len(contacts) == 4
    first = contacts[0]
    assert first.source.line == 1
    assert first.other["Column 3"] == ("Kidney dialysis patient",)
    assert first.other["Column 4"] == ("Private",)
    assert [e.value for e in contacts[1].emails] == ["hanako@example-trading.example.com"]
    columns = {name for contact in contacts for name in contact.other}
    assert columns <= {"Column 1", "Column 2", "Column 3", "Column 4"}
    assert [(i.line, i.message) for i in info.issues] == [(1, FIRST_ROW_IS_CONTACT)]


def test_a_header_whose_phone_column_holds_numbers_stays_a_header() -> None:
    # No name column, one unknown header: still a header, because its Telefon
    # column holds phone numbers.
    data = b"Kennung;Telefon\nHerr Beispiel;030 1234567\nFrau Muster;0151 2345678\n"
    contacts, info = read(data)
    assert len(contacts) == 2
    assert contacts[0].other == {"Kennung": ("Herr Beispiel",)}
    assert [p.value for p in contacts[0].phones] == ["030 1234567"]
    assert [i.message for i in info.issues] == [NO_NAME_COLUMN]


def test_a_first_row_the_user_mapped_stays_a_header() -> None:
    contacts, info = read(WORDS_FIRST, csv_columns={"Kidney dialysis patient": "note"})
    assert len(contacts) == 3
    assert contacts[0].notes == ("My Number 8642 1357 9759",)
    assert FIRST_ROW_IS_CONTACT not in [i.message for i in info.issues]


@pytest.mark.parametrize(
    "header",
    [
        "会社名,担当者,連絡先,自宅住所,誕生日",  # review 9: every finding was lost
        "Firma,Kontakt,Erreichbar,Privatadresse,Geburtstag",
        "Company,Contact,Reach,Home Address,Birthday",
        "お客様,担当,連絡先,住所,誕生日",
    ],
)
def test_a_hand_made_header_without_a_name_column_stays_a_header(header: str) -> None:
    rows = (
        "見本商事株式会社,山田 太郎,090-5555-0101,東京都千代田区見本町1-2-3,1980/01/02\n"
        "例示工業株式会社,佐藤 花子,sato@example.co.jp,大阪府大阪市見本区4-5-6,1975/03/04\n"
    )
    contacts, info = read(f"{header}\n{rows}".encode())
    assert len(contacts) == 2
    assert FIRST_ROW_IS_CONTACT not in [i.message for i in info.issues]
    assert contacts[0].birthday == "1980/01/02"
    assert contacts[0].addresses  # the home address column keeps its meaning


def test_a_first_row_of_words_over_rows_without_contact_values_stays_a_header() -> None:
    # Nothing under it says it is data: a header of unknown columns, read as before.
    contacts, info = read(b"Kennung,Firma\nBeispiel,Muster GmbH\nMuster,Probe AG\n")
    assert len(contacts) == 2
    assert contacts[0].other == {"Kennung": ("Beispiel",)}
    assert contacts[0].organizations == ("Muster GmbH",)
    assert FIRST_ROW_IS_CONTACT not in [i.message for i in info.issues]


def test_unknown_encoding_is_a_clear_error() -> None:
    contacts, info = read(b"Name\nAnn\n", "no-such-codec")
    assert contacts == []
    assert info.error is not None and "no-such-codec" in info.error


def test_invalid_bytes_are_replaced_and_reported() -> None:
    contacts, info = read(b"Name,Mobile\nA\xffnn,090-1234-5678\n")
    assert contacts[0].names.formatted == "A\ufffdnn"
    assert [i.line for i in info.issues] == [2]


def test_bare_cr_line_endings() -> None:
    data = b"Name,Mobile\rAnn,090-1234-5678\rBen,080-1234-5678\r"
    contacts, _ = read(data)
    assert [(c.names.formatted, c.source.line) for c in contacts] == [("Ann", 2), ("Ben", 3)]


def test_utf16_big_endian_with_non_bmp_characters() -> None:
    text = "Name,Mobile\r\n𠮷野 太郎,090-1234-5678\r\n上田 一,080-1234-5678\r\n"
    data = text.encode("utf-16-be")
    contacts, _ = read(data, "utf-16-be")
    assert [c.names.formatted for c in contacts] == ["𠮷野 太郎", "上田 一"]
    slices = [data[c.source.start : c.source.end].decode("utf-16-be") for c in contacts]
    assert slices == ["𠮷野 太郎,090-1234-5678\r\n", "上田 一,080-1234-5678\r\n"]


class CountingStream(io.BytesIO):
    """Counts how many bytes the reader has pulled so far."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.pulled = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.pulled += len(chunk)
        return chunk


def test_reading_is_lazy_and_incremental() -> None:
    note = "n" * 600
    rows = "".join(f"Person {i},090-{i % 10000:04d}-0000,{note}\n" for i in range(4_000))
    data = ("Name,Mobile,Notes\n" + rows).encode()
    stream = CountingStream(data)
    info = FileInfo(path="big.csv")
    contacts = read_csv(stream, info, "utf-8", ParseOptions())
    first = next(contacts)
    assert first.names.formatted == "Person 0"
    assert stream.pulled < len(data) // 4
    assert sum(1 for _ in contacts) == 3_999
    assert info.contacts == 4_000


def test_sniffer_refuses_what_is_not_a_contacts_csv() -> None:
    assert not sniff_csv("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n")
    assert not sniff_csv("Hello, my name is Ann.\nI like tea and cake.\nSee you soon, Ben\n")
    assert not sniff_csv('{"name": "Ann", "phone": "090"}')
    assert not sniff_csv("<html><body>Name,Phone</body></html>")
    assert not sniff_csv("")
    assert not sniff_csv("just one line of words")


def test_sniffer_accepts_a_small_generic_export() -> None:
    assert sniff_csv("Name,Phone\nAnn,090-1234-5678\n")
    assert sniff_csv("氏名\t携帯\t会社\n鈴木\t090-1234-5678\tサンプル\n")


CSVISH = st.text(
    alphabet=st.sampled_from(list(',;\t"\r\n abcXYZ019@.-:名ソ表\ufeff\u3000')), max_size=300
)


@settings(max_examples=300, deadline=None)
@given(text=CSVISH, encoding=st.sampled_from(["utf-8", "cp932", "utf-16-le", "utf-8-sig"]))
def test_random_csv_like_text_never_raises_and_spans_stay_ordered(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    contacts, info = read(data, encoding)
    assert info.contacts == len(contacts)
    position = 0
    for index, contact in enumerate(contacts):
        assert contact.source.index == index
        assert position <= contact.source.start < contact.source.end <= len(data)
        position = contact.source.end
    assert all(issue.line >= 1 for issue in info.issues)
    sniff_csv(text)  # must not raise either


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(data: bytes) -> None:
    contacts, info = read(data, "utf-8", max_value_bytes=64, max_csv_columns=8)
    assert info.contacts == len(contacts)


HEADERS = [
    "First Name,Last Name,Mobile Number,Birth Year,Birth Month,Birth Day,Notes",
    "Name,Group Membership,Phone 1 - Type,Phone 1 - Value,Event 1 - Label,Event 1 - Value,"
    "Address 1 - Type,Address 1 - Street,Custom Field 1 - Label,Custom Field 1 - Value",
    "姓,名,携帯電話,分類,誕生日,記念日,番地 (自宅)",
]


@settings(max_examples=150, deadline=None)
@given(
    header=st.sampled_from(HEADERS),
    rows=st.lists(st.lists(st.text(max_size=12), max_size=12), max_size=5),
)
def test_any_cell_values_under_known_headers_never_raise(
    header: str, rows: list[list[str]]
) -> None:
    body = "".join(",".join('"' + c.replace('"', '""') + '"' for c in row) + "\r\n" for row in rows)
    data = (header + "\r\n" + body).encode("utf-8", errors="replace")
    contacts, info = read(data)
    assert info.contacts == len(contacts) <= len(rows)


def test_nul_characters_are_taken_out_of_a_line_and_reported() -> None:
    """Review 7 (A5): a short CSV with stray NULs is read now, not refused as binary; a
    NUL inside 'Dia\\x00betes' hid the word from every rule. NULs are taken out of the
    line, and the line is named."""
    data = (
        b"Name,Company,Notes\r\n"
        b"Karl Kun\x00de,Nord GmbH,Has Dia\x00betes\r\n"
        b"Eva Sud,Sud GmbH,ok\r\n"
    )
    contacts, info = read(data)
    assert [(c.names.formatted, c.notes) for c in contacts] == [
        ("Karl Kunde", ("Has Diabetes",)),
        ("Eva Sud", ("ok",)),
    ]
    assert [(i.line, i.message) for i in info.issues] == [
        (2, "NUL characters were removed from this line")
    ]
