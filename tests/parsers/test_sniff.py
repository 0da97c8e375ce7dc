"""Content sniffing: vCard vs CSV vs everything people mistake for an export."""

from __future__ import annotations

import codecs
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import piiaudit.parsers.sniff as sniff_module
from piiaudit.cli import app
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.sniff import (
    BINARY,
    CALENDAR,
    EMPTY,
    JCARD,
    LDIF,
    OWN_REPORT,
    OWN_TEXT_REPORT,
    SPREADSHEET,
    UNKNOWN,
    UTF32,
    WEB_PAGE,
    WHITESPACE,
    WINDOWS_CONTACT,
    XCARD,
    sniff,
)

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Taro\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    "head",
    [
        VCARD,
        b"begin:vcard\nfn:Taro\nend:vcard\n",
        b"\r\n\r\n# exported by a fictional app\r\n" + VCARD,
        codecs.BOM_UTF8 + VCARD,
        b"junk before the card\r\n" + VCARD,
        b"VERSION:3.0\r\nFN:Taro\r\nEND:VCARD\r\n",  # BEGIN missing
        # BEGIN and END missing: a card cut out of a file (QA round 16)
        b"VERSION:3.0\r\nFN:Fict Headless\r\nTEL;TYPE=CELL:090-0000-0009\r\n",
        b"\r\nVERSION:2.1\nN:Fict;Headless\nTEL;CELL:090-0000-0010\n",
        b"BEGIN : VCARD\r\nFN:Taro\r\n",
    ],
)
def test_vcard_is_recognised_by_content(head: bytes) -> None:
    result = sniff(head)
    assert (result.format, result.error) == ("vcard", None)


def test_utf16_vcard() -> None:
    result = sniff(VCARD.decode().encode("utf-16-be"))
    assert (result.format, result.detected.encoding) == ("vcard", "utf-16-be")


@pytest.mark.parametrize(
    ("head", "sentence"),
    [
        (
            b"PK\x03\x04" + b"\x00" * 40,
            "is a ZIP archive: extract it and scan the exports inside",
        ),
        # An Excel or OpenDocument workbook: not "extract it" (UX review: XML parts inside)
        (b"PK\x03\x04" + b"\x00" * 26 + b"xl/workbook.xml" + b"\x00" * 10, SPREADSHEET),
        (
            b"PK\x03\x04"
            + b"\x00" * 26
            + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
            SPREADSHEET,
        ),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "is a PNG image, not a contact export"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "is a JPEG image, not a contact export"),
        (b"GIF89a" + b"\x00" * 10, "is a GIF image, not a contact export"),
        (b"%PDF-1.7\n", "is a PDF document, not a contact export"),
        (
            b"\x1f\x8b\x08\x00",
            "is a gzip archive: extract it and scan the exports inside",
        ),
        (b"", EMPTY),
        (b" \r\n\t\n", WHITESPACE),
        (codecs.BOM_UTF8, EMPTY),
        (zlib.compress(bytes(range(256)) * 40), BINARY),
        (b"\x00\x01\x02\x03" * 100, BINARY),
        (b"Dear customer,\nthis is a letter, not an export.\n", UNKNOWN),
        # a version line alone, or before no contact's property, is no card
        (b"version: 1.2\nrelease notes follow\n", UNKNOWN),
        (b"VERSION:3.0\nthe rest of a changelog\n", UNKNOWN),
        # review 15: a plugin's header, a hotline note: no vCard version, no vCard syntax
        (b"Version: 2.0\nName: Acme plugin\nEmail: dev@example.org\nTel: 555\n", UNKNOWN),
        (b"version: 3.0\norg: acme-platform\nemail: ops@example.org\n", UNKNOWN),
        (b"VERSION:3.0\nFN:only one property\n", UNKNOWN),
        # review 16: a title and a note, a UID and an organisation name no one
        (b"VERSION:3.0\nTITLE:Release notes\nNOTE:fixed the importer\n", UNKNOWN),
        (b"VERSION:2.1\nUID:build-42\nORG:Example build farm\n", UNKNOWN),
    ],
)
def test_refusals_have_one_clear_sentence(head: bytes, sentence: str) -> None:
    result = sniff(head)
    assert (result.format, result.error) == ("", sentence)


def test_csv_goes_to_the_csv_sniffer(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_sniff_csv(text: str) -> bool:
        seen.append(text)
        return True

    monkeypatch.setattr(sniff_module, "_csv_sniffer", lambda: fake_sniff_csv)
    head = "First Name,Last Name,Mobile Phone\r\nTaro,Yamada,090-0000-0000\r\n"
    result = sniff(head.encode("utf-16-le"))
    assert result.format == "csv"
    assert seen == [head]


def test_csv_sniffer_is_not_asked_when_the_first_line_is_begin_vcard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sniff_module, "_csv_sniffer", lambda: lambda text: True)
    assert sniff(VCARD).format == "vcard"


@pytest.mark.parametrize(
    "prefix",
    [b"Name,Phone,Email\r\n", b"Name;Notes\n", b"a,b\nc,d\ne,f\n"],
)
def test_a_few_csv_looking_lines_before_the_cards_do_not_make_a_csv(prefix: bytes) -> None:
    # One such line turned every vCard line into a "contact": risk none for a file with
    # a My Number (QA round 6). The reader skips the lines before the first card.
    assert sniff(prefix + VCARD + VCARD).format == "vcard"


def test_a_csv_whose_cells_hold_cards_stays_a_csv() -> None:
    rows = "".join(f'Taro {n},"BEGIN:VCARD\nFN:Taro\nEND:VCARD"\n' for n in range(5))
    assert sniff(("Name,Card\n" + rows).encode()).format == "csv"


def test_many_lines_before_a_card_are_not_taken_for_junk() -> None:
    csv = "Name,Phone\n" + "".join(f"Taro {n},090-0000-{n:04d}\n" for n in range(6))
    assert sniff((csv + "BEGIN:VCARD\nEND:VCARD\n").encode()).format == "csv"


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (b"version: 1\n\ndn: cn=Erika Sample,mail=erika@example.com\ncn: Erika Sample\n", LDIF),
        (b"dn: cn=Erika Sample\nobjectclass: inetOrgPerson\n", LDIF),
        (b"# exported\ndn:: Y249RXJpa2E=\ncn: Erika\n", LDIF),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\r\n<c:contact c:Version="1" '
            b'xmlns:c="http://schemas.microsoft.com/Contact">\r\n<c:CreationDate/>',
            WINDOWS_CONTACT,
        ),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n", CALENDAR),
        # vCard 4.0 as JSON (RFC 7095), one card or a list of them, and as XML (RFC 6351)
        (b'["vcard",[["version",{},"text","4.0"],["fn",{},"text","Erika Sample"]]]', JCARD),
        (b'[\n  ["vcard", [["version", {}, "text", "4.0"]]],\n  ["vcard", []]\n]', JCARD),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<vcards '
            b'xmlns="urn:ietf:params:xml:ns:vcard-4.0">\n<vcard><fn><text>Erika</text></fn>',
            XCARD,
        ),
        (b'{"name": "Erika Sample", "phone": "+49 30 0000000"}\n', UNKNOWN),
        # a browser's "save page" of iCloud.com, named contacts.vcf (QA round 11)
        (b"\xef\xbb\xbf\n<!DOCTYPE html>\n<html lang='ja'><head><title>iCloud</title>", WEB_PAGE),
        (b"<html>\n<body>Contacts</body></html>\n", WEB_PAGE),
        (b"just some notes\nabout nothing in particular\n", UNKNOWN),
    ],
)
def test_address_books_in_formats_not_read_are_named(head: bytes, reason: str) -> None:
    """An LDIF or Windows Contacts address book is no export piiaudit reads: the user is
    told what it is and what to export instead, not that no contacts were found."""
    verdict = sniff(head)
    assert (verdict.format, verdict.error) == ("", reason)


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_is_refused_by_name_not_as_utf16(codec: str) -> None:
    head = (b"" if codec == "utf-32" else codecs.BOM_UTF32_BE) + VCARD.decode().encode(codec)
    result = sniff(head)
    assert (result.format, result.error) == ("", UTF32)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("rows", ["findings", "contacts"])
def test_piiaudit_s_own_csv_report_is_not_read_as_contacts(
    examples_dir: Path, tmp_path: Path, lang: str, rows: str
) -> None:
    out = tmp_path / "report.csv"
    args = ["scan", str(examples_dir / "android-export.vcf"), "-f", "csv", "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--lang", lang, "--csv-rows", rows])
    assert result.exit_code in (0, 1), result.output
    assert sniff(out.read_bytes()).error == OWN_REPORT


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("audience", ["self", "compliance"])
def test_piiaudit_s_own_text_report_is_named_as_such(
    examples_dir: Path, tmp_path: Path, lang: str, audience: str
) -> None:
    """A batch run with ``-f terminal --output-dir`` leaves piiaudit-report.txt; found in
    a scanned folder later, it was "no vCard or CSV contacts found", as if an export
    were broken. It is named as piiaudit's own report, as the CSV report is."""
    out = tmp_path / "piiaudit-report.txt"
    args = ["scan", str(examples_dir / "android-export.vcf"), "-f", "terminal", "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--lang", lang, "--audience", audience])
    assert result.exit_code in (0, 1), result.output
    assert sniff(out.read_bytes(), out.name).error == OWN_TEXT_REPORT


def test_a_text_file_that_only_mentions_piiaudit_is_not_a_report() -> None:
    assert sniff(b"notes: run piiaudit report weekly\n").error != OWN_TEXT_REPORT


def test_a_short_csv_with_a_few_stray_nuls_is_still_a_csv() -> None:
    """Two NULs in 90 bytes were over 1% and refused the file as binary, losing its
    contacts; a few NULs, however short the file, make no binary."""
    head = b"Name,Phone,Notes\nTaro,090-0000-1111,ok\x00\nHanako,03-0000-2222,hi\x00\nJiro,x,y\n"
    assert sniff(head).format == "csv"
    assert sniff(b"\x00" * 9 + head).error == BINARY


def test_the_cards_after_a_csv_looking_line_are_read_and_the_line_reported(
    tmp_path: Path,
) -> None:
    path = tmp_path / "joined.vcf"
    path.write_bytes(b"Name,Phone,Email\r\n" + VCARD + VCARD.replace(b"Taro", b"Hanako"))
    with open_input(str(path), ParseOptions()) as parsed:
        names = [c.display_name() for c in parsed.contacts]
        issues = [i.line for i in parsed.info.issues]
    assert names == ["Taro", "Hanako"]
    assert issues == [1]


def test_a_csv_with_a_card_pasted_into_a_multi_line_note_stays_a_csv() -> None:
    # Review 8: the card's BEGIN line starts a line inside the quoted cell.
    head = (
        'Name,Phone,Notes\r\nTaro,090-0000-0001,"pasted:\r\nBEGIN:VCARD\r\nFN:Hanako\r\n'
        'END:VCARD"\r\nJiro,090-0000-0002,\r\nSaburo,090-0000-0003,\r\n'
    )
    assert sniff(head.encode()).format == "csv"


def test_a_card_without_begin_and_end_is_read_and_said(tmp_path: Path) -> None:
    """Refused as "no contacts found", a truncated export's only card was lost with no
    line named (QA round 16); read from its VERSION line, as after another card."""
    path = tmp_path / "cut.vcf"
    path.write_bytes(
        b"VERSION:3.0\r\nFN:Fict Headless\r\nTEL;TYPE=CELL:090-0000-0009\r\n"
        b"EMAIL:headless@example.org\r\n"
    )
    with open_input(str(path), ParseOptions()) as parsed:
        (contact,) = list(parsed.contacts)
        issues = [(i.line, i.message) for i in parsed.info.issues]
    assert contact.names.formatted == "Fict Headless"
    assert [p.value for p in contact.phones] == ["090-0000-0009"]
    assert [e.value for e in contact.emails] == ["headless@example.org"]
    assert [line for line, _ in issues] == [1, 4]
    assert "no BEGIN:VCARD" in issues[0][1] and "no END:VCARD" in issues[1][1]
