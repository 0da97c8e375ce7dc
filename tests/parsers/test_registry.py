"""open_input: one entry point that never raises for bad input, and routes by content."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Taro Example\r\nTEL:090-0000-0000\r\nEND:VCARD\r\n"


def read(path: str) -> tuple[FileInfo, list[Contact]]:
    with open_input(path, ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        return parsed.info, contacts


def test_zip(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.vcf", VCARD)
    info, contacts = read(str(path))
    assert (info.error, contacts) == (
        "is a ZIP archive: extract it and scan the exports inside",
        [],
    )


def test_png(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    info, contacts = read(str(path))
    assert (info.error, contacts) == ("is a PNG image, not a contact export", [])


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_bytes(b"")
    info, contacts = read(str(path))
    assert (info.error, contacts, info.format) == ("is empty", [], "")


def test_directory(tmp_path: Path) -> None:
    info, contacts = read(str(tmp_path))
    assert (info.error, contacts) == ("is a directory, not a contact export", [])


def test_missing_file(tmp_path: Path) -> None:
    info, contacts = read(str(tmp_path / "nope.vcf"))
    assert (info.error, contacts) == ("does not exist", [])


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.vcf"
    path.write_bytes(VCARD)

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, which ignores chmod 000: refuse at both ways of opening.
    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(os, "open", refuse)
    info, contacts = read(str(path))
    assert (info.error, contacts) == ("permission denied", [])


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.vcf"
    path.write_bytes(bytes(range(256)) * 64)
    info, contacts = read(str(path))
    assert (info.error, contacts) == ("contains binary data, not a contact export", [])


def test_text_that_is_no_export(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Dear customer,\nthank you for your order.\n", encoding="utf-8")
    info, contacts = read(str(path))
    assert (info.error, contacts) == ("no vCard or CSV contacts found", [])


def test_vcard_with_any_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(VCARD)
    info, contacts = read(str(path))
    assert (info.format, info.dialect, info.contacts) == ("vcard", "vcard-3.0", 1)
    assert contacts[0].names.formatted == "Taro Example"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"\r\n" + VCARD * 2
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    info, contacts = read("-")
    assert info.error is None
    assert [c.source.path for c in contacts] == ["-", "-"]
    second = contacts[1].source
    assert data[second.start : second.end] == VCARD  # offsets into the stdin bytes


def test_stdin_larger_than_the_sniffed_head(monkeypatch: pytest.MonkeyPatch) -> None:
    data = VCARD * 5000  # about 400 KB, several times the 64 KB head
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    info, contacts = read("-")
    assert info.contacts == len(contacts) == 5000
    assert contacts[-1].source.end == len(data)


def test_stdin_empty_and_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    assert read("-")[0].error == "is empty"
    monkeypatch.setattr(sys, "stdin", _Stdin(b"PK\x03\x04" + bytes(30)))
    assert read("-")[0].error == "is a ZIP archive: extract it and scan the exports inside"


def test_contacts_are_lazy_and_counted_when_exhausted(tmp_path: Path) -> None:
    path = tmp_path / "three.vcf"
    path.write_bytes(VCARD * 3)
    with open_input(str(path)) as parsed:
        first = next(parsed.contacts)
        assert first.source.index == 0
        assert parsed.info.contacts == 1
        rest = list(parsed.contacts)
        assert (len(rest), parsed.info.contacts) == (2, 3)


@pytest.mark.parametrize(
    "name", ["roundcube/gmail.csv", "thunderbird/utf16_addressbook.csv", "roundcube/all.csv"]
)
def test_csv_files_route_to_the_csv_reader(corpus_dir: Path, name: str) -> None:
    info, contacts = read(str(corpus_dir / name))
    assert info.error is None
    assert info.format == "csv"
    assert contacts
    assert info.contacts == len(contacts)
    assert all(c.source.path == str(corpus_dir / name) for c in contacts)


def test_no_stdin_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    info, contacts = read("-")
    assert (info.error, contacts) == ("standard input is not available", [])


def test_info_is_known_before_any_contact_is_read(tmp_path: Path) -> None:
    png = tmp_path / "photo.vcf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with open_input(str(png)) as parsed:
        assert parsed.info.error == "is a PNG image, not a contact export"
    card = tmp_path / "card.txt"
    card.write_bytes(VCARD)
    with open_input(str(card)) as parsed:
        assert (parsed.info.format, parsed.info.encoding, parsed.info.error) == (
            "vcard",
            "utf-8",
            None,
        )
