"""What a file is, from its first bytes: a vCard, a CSV, or something to refuse clearly.

The extension proves nothing (``contacts.vcf`` saved from a phone may be a
ZIP of several exports, a CSV renamed, or an image), so the decision is made
on content: magic numbers for archives, images and documents; then the text
encoding; then ``BEGIN:VCARD`` near the start (after a BOM, blank lines,
``#`` comments or some junk), an ``END:VCARD`` before any ``BEGIN:VCARD`` (a
card cut off at the top), or the CSV reader's own ``sniff_csv``. Whatever
is refused gets one sentence the CLI prints after the file name.

The file's name settles one case only: a ``.vcf`` or ``.vcard`` file with a
``BEGIN:VCARD`` line is a vCard file, whatever comes before that line. Content
alone could not tell a long card tail from a CSV there, and read as CSV every
card became rows of nonsense (QA: a cut export's contacts lost).
"""

from __future__ import annotations

import codecs
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from piiaudit.parsers.encoding import Detected, decode_line, detect, is_utf8, mixed_utf8


def _archive(kind: str) -> str:
    """An archive may well hold exports (a phone backup, Google Takeout): say what to do."""
    return f"is a {kind} archive: extract it and scan the exports inside"


# Magic numbers of files people mistake for contact exports. Format facts, not
# tunable data, so they stay beside the code that reads them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", _archive("ZIP")),
    (b"PK\x05\x06", _archive("ZIP")),
    (b"\x89PNG\r\n\x1a\n", "is a PNG image, not a contact export"),
    (b"\xff\xd8\xff", "is a JPEG image, not a contact export"),
    (b"GIF87a", "is a GIF image, not a contact export"),
    (b"GIF89a", "is a GIF image, not a contact export"),
    (b"%PDF-", "is a PDF document, not a contact export"),
    (b"\x1f\x8b", _archive("gzip")),
    (b"7z\xbc\xaf\x27\x1c", _archive("7-Zip")),
    (b"Rar!\x1a\x07", _archive("RAR")),
    (b"SQLite format 3\x00", "is an SQLite database, not a contact export"),
)

# An Excel or OpenDocument workbook is a ZIP archive too, but unpacking it gives XML
# parts, not an export (UX review): its parts' names say what it is.
SPREADSHEET = (
    "is a spreadsheet workbook (Excel or OpenDocument): save the sheet as CSV (UTF-8) "
    "and audit that"
)
_SPREADSHEET_PART = re.compile(
    rb"xl/workbook\.xml|xl/worksheets/|mimetypeapplication/vnd\.oasis\.opendocument\.spreadsheet"
)
EMPTY = "is empty"
WHITESPACE = "contains only whitespace"
BINARY = "contains binary data, not a contact export"
UNKNOWN = "no vCard or CSV contacts found"
UTF32 = "is UTF-32 text, which piiaudit does not read: save it as UTF-8 and audit it again"
OWN_REPORT = "is a piiaudit CSV report, not a contact export"
# How piiaudit's own CSV report begins, in each report language (reporters/csv_report.py;
# tests/parsers/test_sniff.py holds the two together). A report saved beside an export
# was read by a later folder scan as contacts (QA round 6).
_OWN_REPORT_HEADERS = ("file,group,contact index,line,", "ファイル,グループ,連絡先番号,行,")
OWN_TEXT_REPORT = "is a piiaudit text report, not a contact export"
# The first line of piiaudit's own text report (``-f terminal`` written to a file, or
# ``--output-dir``'s piiaudit-report.txt), in each report language: its title
# (reporters/messages/{en,ja}.yaml ``title``; tests/parsers/test_sniff.py holds them
# together). Saved beside the exports by an earlier run, it was named "no vCard or CSV
# contacts found", which sends compliance staff looking for a broken export.
_OWN_TEXT_REPORT_TITLES = ("piiaudit report", "piiaudit 監査レポート")
# Address books and calendars in formats piiaudit does not read, told apart from
# text with no contacts so the user knows what to export instead.
LDIF = "is an LDIF address book, which piiaudit does not read: export the contacts as vCard or CSV"
WINDOWS_CONTACT = (
    "is a Windows Contacts file (.contact), which piiaudit does not read: "
    "export the contacts as vCard or CSV"
)
CALENDAR = "is a calendar (iCalendar), not a contact export"
# vCard 4.0's JSON and XML forms (RFC 7095, RFC 6351), which a CardDAV server or a script
# may hand out: the same contacts, in a syntax the reader does not take.
JCARD = (
    "is a jCard (vCard as JSON), which piiaudit does not read: "
    "export the contacts as vCard (.vcf) or CSV"
)
XCARD = (
    "is an xCard (vCard as XML), which piiaudit does not read: "
    "export the contacts as vCard (.vcf) or CSV"
)
WEB_PAGE = (
    "is a web page (HTML), not a contact export: the browser saved the page instead of "
    "downloading the export; export the contacts again as vCard or CSV"
)

_LDIF_START = re.compile(r"\A(?:version[ \t]*:[ \t]*1[ \t]*\r?\n\s*)?dn[ \t]*::?[ \t]*\S", re.I)
_WINDOWS_CONTACT = re.compile(r"<(?:c:)?contact\b[^>]*schemas\.microsoft\.com/Contact", re.I)
_JCARD_START = re.compile(r'\A\s*\[\s*(?:\[\s*)?"vcard"\s*,', re.I)
_XCARD = re.compile(r"<(?:\w+:)?vcards?\b[^>]*urn:ietf:params:xml:ns:vcard-4\.0", re.I)
_CALENDAR_START = re.compile(r"\A\s*begin[ \t]*:[ \t]*vcalendar", re.I)
_WEB_PAGE_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>])", re.I)

_BEGIN_ANYWHERE = re.compile(r"^[ \t]*begin[ \t]*:[ \t]*vcard[ \t]*\r?$", re.I | re.M)
_BEGIN_OR_END = re.compile(r"^[ \t]*(begin|end)[ \t]*:[ \t]*vcard[ \t]*\r?$", re.I | re.M)
VCARD_SUFFIXES = (".vcf", ".vcard")  # compared in lower case
_VERSION_AND_END = re.compile(
    r"^[ \t]*version[ \t]*:.*?^[ \t]*end[ \t]*:[ \t]*vcard", re.I | re.M | re.S
)
# A card cut off before its BEGIN line (an export truncated at the front, a card copied
# out of a file): VERSION first, then a property a contact has. The reader takes such a
# card from its VERSION line, as it does after another card; refused as "no contacts
# found", its phone and e-mail were lost without a line named (QA round 16).
# Written as exporters write it (VERSION:2.1, 3.0 or 4.0 in capitals, two contact properties
# in vCard syntax): "Version: 2.0" then "Email: ..." in a text file is no card (review 15).
# (a name, a number, a mail or an address each: TITLE, NOTE, UID or ORG lines start text
# files too, review 16).
_PROPERTY = r"(?:[A-Za-z0-9-]+\.)?(?:FN|N|TEL|EMAIL|ADR)[;:][^\n]*\n"
_VERSION_FIRST = re.compile(
    r"\A\s*VERSION:(?:2\.1|3\.0|4\.0)\r?\n(?:[^\n]*\n){0,3}?"
    + _PROPERTY
    + r"(?:[^\n]*\n){0,3}?"
    + _PROPERTY
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_FEW_NULS = 8  # stray NULs a text export may hold (a damaged file), however short


@dataclass(frozen=True, slots=True)
class Sniffed:
    """``format`` is ``"vcard"``, ``"csv"`` or ``""`` (then ``error`` says why)."""

    format: str
    detected: Detected
    error: str | None = None


def sniff(head: bytes, name: str = "") -> Sniffed:
    """Classify a file by its first bytes (see :data:`piiaudit.parsers.encoding.HEAD_BYTES`).

    ``name`` is the file's name or path (``""`` for standard input): it only tells a
    vCard file from a CSV when the content holds a ``BEGIN:VCARD`` line."""
    if not head:
        return Sniffed("", Detected("utf-8"), EMPTY)
    if head.startswith(b"PK\x03\x04") and _SPREADSHEET_PART.search(head):
        return Sniffed("", Detected(""), SPREADSHEET)
    for magic, sentence in _MAGIC:
        if head.startswith(magic):
            return Sniffed("", Detected(""), sentence)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        # Checked before detect: UTF-32-LE's BOM starts with UTF-16-LE's, and the file
        # was read as UTF-16 and refused as "no contacts found" (QA round 6).
        return Sniffed("", Detected("utf-32", 4), UTF32)
    detected = detect(head)
    text = _head_text(head[detected.bom_length :], _codec(detected.encoding))
    if not text.strip():
        return Sniffed("", detected, EMPTY if not text else WHITESPACE)
    if (
        _first_line_begins_vcard(text)
        or _vcards_after_a_few_lines(text)
        or _card_tail_first(text)
        or (_named_vcard(name) and _BEGIN_ANYWHERE.search(text) is not None)
    ):
        return Sniffed("vcard", _vcard_encoding(head, detected))
    if not detected.encoding.startswith("utf-16") and _looks_binary(head):
        return Sniffed("", detected, BINARY)
    if text.lstrip("\ufeff").startswith(_OWN_REPORT_HEADERS):
        return Sniffed("", detected, OWN_REPORT)
    if text.lstrip("\ufeff").partition("\n")[0].rstrip("\r") in _OWN_TEXT_REPORT_TITLES:
        return Sniffed("", detected, OWN_TEXT_REPORT)
    csv_sniffer = _csv_sniffer()
    if csv_sniffer is not None and csv_sniffer(text):
        return Sniffed("csv", detected)
    if _BEGIN_ANYWHERE.search(text) or _VERSION_AND_END.search(text) or _VERSION_FIRST.match(text):
        return Sniffed("vcard", _vcard_encoding(head, detected))
    return Sniffed("", detected, _other_format(text))


def _vcard_encoding(head: bytes, detected: Detected) -> Detected:
    """A vCard file's encoding: UTF-8 for a UTF-8 export with cards of other encodings
    merged in (:func:`.encoding.mixed_utf8`), whose values the reader then reads one by
    one, each not UTF-8 in its own encoding and named at its line; else as detected.
    Only vCard files: the CSV reader decides line by line in its own way."""
    if detected.bom_length or detected.encoding.startswith("utf") or not detected.encoding:
        return detected
    return Detected("utf-8") if mixed_utf8(head) else detected


def _other_format(text: str) -> str:
    """Why a text file with no contacts was refused: a format named, or :data:`UNKNOWN`."""
    start = "\n".join(line for line in text.splitlines() if not line.startswith("#")).lstrip()
    if _LDIF_START.match(start):
        return LDIF
    if _WINDOWS_CONTACT.search(text[:4096]):
        return WINDOWS_CONTACT
    if _CALENDAR_START.match(text):
        return CALENDAR
    if _JCARD_START.match(text.lstrip("\ufeff")):
        return JCARD
    if _XCARD.search(text[:4096]):
        return XCARD
    if _WEB_PAGE_START.match(text.lstrip("\ufeff")):  # QA round 11: iCloud's page as .vcf
        return WEB_PAGE
    return UNKNOWN


def _codec(name: str) -> str:
    return "utf-8" if name == "utf-8-sig" else name


def _head_text(body: bytes, codec: str) -> str:
    """The head as text. A legacy (byte-oriented) encoding is decoded line by line, as
    the readers do: a UTF-8 header in a file merged with a CP932 export was mojibake
    here, and the file was refused as holding no contacts (CSV QA)."""
    if codec.startswith(("utf-16", "utf-32")) or (codec == "utf-8" and is_utf8(body)):
        return body.decode(codec, "replace")
    return "".join(decode_line(line, codec)[0] for line in body.splitlines(keepends=True))


def _first_line_begins_vcard(text: str) -> bool:
    """The first line that is neither blank nor a ``#`` comment is ``BEGIN:VCARD``."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        compact = stripped.replace(" ", "").replace("\t", "").upper()
        return compact.startswith("BEGIN:VCARD")
    return False


JUNK_LINES_MAX = 3  # lines before the first BEGIN:VCARD that still make a vCard file


def _vcards_after_a_few_lines(text: str) -> bool:
    """A BEGIN:VCARD line comes after at most :data:`JUNK_LINES_MAX` other lines.

    One CSV-looking line (``Name,Phone,Email``) before the cards made the whole file
    CSV: every vCard line became a contact, and a file holding a My Number reported
    risk none (QA round 6). The reader skips the lines before the first card, and says
    so. A CSV file whose cell holds a card has the card start after the cell's quote,
    not at a line start."""
    found = _BEGIN_ANYWHERE.search(text)
    if found is None:
        return False
    if text.count('"', 0, found.start()) % 2:  # inside a quoted CSV cell: a pasted card
        return False
    before = text[: found.start()].splitlines()
    others = [line for line in before if line.strip() and not line.lstrip().startswith("#")]
    return len(others) <= JUNK_LINES_MAX


def _card_tail_first(text: str) -> bool:
    """An ``END:VCARD`` line comes before any ``BEGIN:VCARD`` line: the file starts with
    the rest of a card cut off at the top (an export truncated at the front). Its lines
    are properties, which a CSV sniffer may take for rows of one column; the reader
    reads them as an incomplete contact. A CSV cell holding a pasted card has its BEGIN
    first, and an END inside a quoted cell (odd quotes before it) proves nothing."""
    found = _BEGIN_OR_END.search(text)
    if found is None or found.group(1).lower() != "end":
        return False
    return text.count('"', 0, found.start()) % 2 == 0


def _named_vcard(name: str) -> bool:
    return name.lower().endswith(VCARD_SUFFIXES)


def _looks_binary(head: bytes) -> bool:
    """Many NULs or control bytes: no text export looks like this (UTF-16 was ruled out).

    A few stray NULs do not make a file binary, however short it is: a 150-byte CSV
    with two of them was refused and its contacts lost; the readers report them."""
    sample = head[:8192]
    nuls = sample.count(0)
    if nuls > _FEW_NULS and nuls * 100 > len(sample):
        return True
    return len(_CONTROL.findall(sample)) * 20 > len(sample)


def _csv_sniffer() -> Callable[[str], bool] | None:
    """The CSV reader's ``sniff_csv``, imported late so this module works without it."""
    try:
        module = importlib.import_module("piiaudit.parsers.csv_reader")
    except ImportError:
        return None
    return cast(Callable[[str], bool], module.sniff_csv)
