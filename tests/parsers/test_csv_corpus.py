"""The CSV reader on every CSV of the public corpus, read in place.

Each file is a real exporter's output (see ``shared/corpus/public/SOURCES.md``):
the counts, dialects, decoded names and labels below are what a user of the
audit relies on, and the byte spans are what the hand-over copies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import open_input
from piiaudit.parsers.csv_reader import read_csv, sniff_csv
from piiaudit.parsers.options import ParseOptions

# file, encoding (as the encoding module reports it), contacts, dialect
CORPUS_CSV = [
    ("roundcube/all.csv", "utf-8-sig", 1, "roundcube-csv"),
    ("roundcube/gmail.csv", "utf-8", 1, "google-csv"),
    ("roundcube/tb_plain.csv", "utf-8", 1, "thunderbird-csv"),
    ("thunderbird/csv_semicolon.csv", "utf-8", 2, "thunderbird-csv"),
    ("thunderbird/export.csv", "utf-8", 2, "thunderbird-csv"),
    ("thunderbird/quote.csv", "utf-8", 1, "thunderbird-csv"),
    ("thunderbird/shiftjis_addressbook.csv", "cp932", 1, "thunderbird-csv"),
    ("thunderbird/tab_comma_mixed.csv", "utf-8", 4, "generic-csv"),
    ("thunderbird/utf16_addressbook.csv", "utf-16-le", 1, "thunderbird-csv"),
    ("tine20/importtest_outlook2013.csv", "windows-1252", 2, "outlook-csv"),
    ("tine20/importtest_win1252.csv", "windows-1252", 4, "generic-csv"),
]


def read(path: Path, encoding: str, **options: object) -> tuple[list[Contact], FileInfo]:
    info = FileInfo(path=str(path))
    with path.open("rb") as stream:
        contacts = list(read_csv(stream, info, encoding, ParseOptions(**options)))  # type: ignore[arg-type]
    return contacts, info


def by_name(corpus_dir: Path, name: str) -> tuple[list[Contact], FileInfo]:
    encoding = next(enc for file, enc, _, _ in CORPUS_CSV if file == name)
    return read(corpus_dir / name, encoding)


def test_the_table_covers_every_csv_of_the_corpus(corpus_dir: Path) -> None:
    on_disk = sorted(str(p.relative_to(corpus_dir)) for p in corpus_dir.glob("*/*.csv"))
    assert on_disk == sorted(row[0] for row in CORPUS_CSV)


@pytest.mark.parametrize(("name", "encoding", "count", "dialect"), CORPUS_CSV)
def test_counts_and_dialect(
    corpus_dir: Path, name: str, encoding: str, count: int, dialect: str
) -> None:
    contacts, info = read(corpus_dir / name, encoding)
    assert len(contacts) == count == info.contacts
    assert info.format == "csv"
    assert info.dialect == dialect
    assert info.encoding == encoding
    assert {c.version for c in contacts} == {dialect}
    assert [c.source.index for c in contacts] == list(range(count))


@pytest.mark.parametrize(("name", "encoding", "count", "dialect"), CORPUS_CSV)
def test_header_and_record_bytes_reproduce_the_file(
    corpus_dir: Path, name: str, encoding: str, count: int, dialect: str
) -> None:
    data = (corpus_dir / name).read_bytes()
    contacts, _ = read(corpus_dir / name, encoding)
    header = data[: contacts[0].source.start]
    rebuilt = header + b"".join(data[c.source.start : c.source.end] for c in contacts)
    assert rebuilt == data
    for contact in contacts:
        record = data[contact.source.start : contact.source.end]
        text = record.decode(encoding)
        assert text.endswith(("\n", "\r")) or contact.source.end == len(data)
        # the physical line the record starts on, counted in the file itself
        before = data[: contact.source.start].decode(encoding)
        assert before.replace("\r\n", "\n").count("\n") + 1 == contact.source.line


@pytest.mark.parametrize(("name", "encoding", "count", "dialect"), CORPUS_CSV)
def test_sniffer_recognises_the_head(
    corpus_dir: Path, name: str, encoding: str, count: int, dialect: str
) -> None:
    text = (corpus_dir / name).read_bytes().decode(encoding)[:4096]
    assert sniff_csv(text)


@pytest.mark.parametrize(("name", "encoding", "count", "dialect"), CORPUS_CSV)
def test_open_input_routes_the_file_to_the_csv_reader(
    corpus_dir: Path, name: str, encoding: str, count: int, dialect: str
) -> None:
    with open_input(str(corpus_dir / name), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
    assert parsed.info.error is None
    assert parsed.info.format == "csv"
    assert parsed.info.dialect == dialect
    assert len(contacts) == count == parsed.info.contacts


def test_roundcube_export_strips_the_bom_and_groups_addresses(corpus_dir: Path) -> None:
    [contact], info = by_name(corpus_dir, "roundcube/all.csv")
    assert contact.names.formatted == "Display Name"  # the BOM-prefixed first header matched
    assert contact.names.prefix == "Prefix"
    assert info.unmapped_columns == []
    labels = {p.value: p.labels for p in contact.phones}
    assert labels["500"] == ("cell", "home", "Home Mobile")
    assert labels["800"] == ("fax", "work", "Business Fax")
    assert [(a.labels, a.street, a.postal_code) for a in contact.addresses] == [
        (("home",), "Home Street", "Home Zip"),
        (("work",), "Work Street", "Work Zip"),
        (("other",), "Other Street", "Other Zip"),
    ]
    assert [e.labels[0] for e in contact.emails] == ["home", "work", "other"]
    # The manager and assistant are colleagues, kept aside; the spouse is family (QA round 9)
    assert contact.related == ("Spouse",)
    assert contact.other["Manager's Name"] == ("Manager",)
    assert contact.birthday == "20/01/1991"
    assert contact.anniversary == "20/02/1992"
    assert contact.organizations == ("Company", "Department")
    assert "IM Skype" not in contact.other  # a chat handle, labelled with its service
    assert ("skype", ("skype", "IM Skype")) in [(h.value, h.labels) for h in contact.messaging]


def test_old_google_csv_groups_types_and_multiline_address(corpus_dir: Path) -> None:
    [contact], _ = by_name(corpus_dir, "roundcube/gmail.csv")
    assert contact.names.formatted == "Prefix Firstname Middle Lastname Suffix"
    assert (contact.names.given, contact.names.family) == ("Firstname", "Lastname")
    phones = {p.value: p.labels for p in contact.phones}
    assert phones["mobile"] == ("cell", "Phone 5 - Value")
    assert phones["homefax"] == ("fax", "home", "Phone 4 - Value")
    assert contact.emails[0].labels == ("home", "pref", "E-mail 1 - Value")  # "* Home"
    assert contact.categories == ("My Contacts", "Test")
    home = contact.addresses[0]
    assert home.labels == ("home",)
    assert home.formatted == "home_street\nhome_pobox\nhome_city, home_state home_zip\nhome_country"
    assert (home.street, home.po_box, home.locality) == ("home_street", "home_pobox", "home_city")
    assert contact.notes == ('note"note',)
    assert contact.birthday == "1975-12-12"
    assert contact.related == ("spouse",)
    assert contact.urls == ("test.com", "home.page.com")
    assert contact.titles == ("jobtitle",)


def test_thunderbird_birth_columns_and_labels(corpus_dir: Path) -> None:
    [contact], _ = by_name(corpus_dir, "roundcube/tb_plain.csv")
    assert contact.birthday == "1970-11-15"
    # This fixture's phone cells hold words ("mobile", "phone home"), not numbers: kept
    # under their headers, never handed over as TEL:mobile (QA round 9).
    assert contact.phones == ()
    assert contact.other["Mobile Number"] == ("mobile",)
    assert contact.names.formatted == "Displayname"
    # Thunderbird writes Department before Organization: still company, then unit.
    assert contact.organizations == ("Organization", "department")


def test_thunderbird_export_keeps_raw_tab_cr_lf_inside_cells(corpus_dir: Path) -> None:
    contacts, info = by_name(corpus_dir, "thunderbird/export.csv")
    second = contacts[1]
    assert second.other["Custom 2"] == ("custom\t2",)
    assert second.other["Custom 3"] == ("custom\r3",)
    assert second.other["Custom 4"] == ("custom\n4",)
    assert second.other["Custom 1"] == ("custom, 1",)
    assert second.notes == ("here's some unicode text…",)
    assert second.titles == ('"worker"',)
    assert info.issues == []


def test_shift_jis_names_decode(corpus_dir: Path) -> None:
    [contact], _ = by_name(corpus_dir, "thunderbird/shiftjis_addressbook.csv")
    assert contact.names.formatted == "名無しの権兵衛"
    assert (contact.names.family, contact.names.given) == ("名無し", "権兵衛")
    assert contact.emails[0].value == "名無しの権兵衛@host.invalid"


def test_utf16_file_spans_are_whole_code_units(corpus_dir: Path) -> None:
    [contact], _ = by_name(corpus_dir, "thunderbird/utf16_addressbook.csv")
    assert contact.names.display() == "John Doe"
    assert contact.source.start % 2 == 0 and contact.source.end % 2 == 0


def test_header_less_mixed_delimiters(corpus_dir: Path) -> None:
    contacts, info = by_name(corpus_dir, "thunderbird/tab_comma_mixed.csv")
    assert [c.emails[0].value for c in contacts] == [f"{n}@host.invalid" for n in range(1, 5)]
    assert contacts[3].other["Column 4"] == ("4",)  # Thunderbird's own test: 4,4,4,4,4@host
    messages = [i.message for i in info.issues]
    assert any("no header row" in m for m in messages)
    assert any("split by" in m for m in messages)


def test_quoted_outlook_express_row(corpus_dir: Path) -> None:
    [contact], _ = by_name(corpus_dir, "thunderbird/quote.csv")
    assert contact.names.formatted == "Acer America"
    [phone] = contact.phones
    assert (phone.value, phone.labels) == ("(800) 000-0000", ("work", "Work Phone"))


def test_german_outlook_umlauts_phones_and_multiline_cell(corpus_dir: Path) -> None:
    contacts, info = by_name(corpus_dir, "tine20/importtest_outlook2013.csv")
    assert [c.names.family for c in contacts] == ["Baumann", "Weiß"]
    assert contacts[0].source.line == 2
    assert contacts[1].source.line == 4  # record 1 holds a quoted CR LF
    weiss = contacts[1]
    assert [p.labels for p in weiss.phones] == [
        ("work", "Telefon geschäftlich"),
        ("home", "Telefon (privat)"),
        ("cell", "Mobiltelefon"),
    ]
    assert weiss.birthday is None  # "0.0.00" is Outlook's empty date
    work = contacts[0].addresses[0]
    assert (work.labels, work.street, work.locality) == (("work",), "Pickhuben 2", "Hamburg")
    assert [i.line for i in info.issues] == [2, 4]  # 89 cells under a 92-column header


def test_windows_1252_semicolon_file(corpus_dir: Path) -> None:
    contacts, info = by_name(corpus_dir, "tine20/importtest_win1252.csv")
    assert (contacts[2].names.given, contacts[2].names.family) == ("ÖzdemirÖ", "Üglü")
    assert contacts[2].emails[0].value == "oezdemir@ueglue.tu"
    assert info.unmapped_columns == []
