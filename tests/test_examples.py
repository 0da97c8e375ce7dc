"""The example exports: reproducible, fictional, and shaped like the real thing.

Structure is checked with independent readers (vobject, the csv module,
phonenumbers), never with piiaudit's own parsers, so a parser bug cannot hide a
broken example and a broken example cannot hide a parser bug.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import phonenumbers
import pytest
import vobject
import yaml

from piiaudit.engine import load_profile

GENERATED = (
    "iphone-export.vcf",
    "android-export.vcf",
    "google-contacts.csv",
    "outlook-contacts.csv",
    "outlook-contacts-en.csv",
)
GOOGLE_HEADER = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Phone 2 - Label",
    "Phone 2 - Value",
    "Phone 3 - Label",
    "Phone 3 - Value",
    "Address 1 - Label",
    "Address 1 - Formatted",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - PO Box",
    "Address 1 - Region",
    "Address 1 - Postal Code",
    "Address 1 - Country",
    "Address 1 - Extended Address",
    "Website 1 - Label",
    "Website 1 - Value",
]
# Mail domains the examples may use: reserved example domains, or a carrier /
# free-mail / ISP domain with an invented local part.
ALLOWED_DOMAIN = re.compile(
    r"(.+\.example\.(co\.jp|jp|com)"
    r"|docomo\.ne\.jp|ezweb\.ne\.jp|au\.com|i\.softbank\.jp"
    r"|gmail\.com|yahoo\.co\.jp|icloud\.com|xyz\.ocn\.ne\.jp)"
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+)")
PHONE = re.compile(r"(?<![\d-])0\d{1,4}-\d{2,4}-\d{3,4}(?![\d-])")


def _generate(target: Path, examples_dir: Path) -> None:
    subprocess.run(
        [sys.executable, str(examples_dir / "generate.py"), str(target)],
        check=True,
        capture_output=True,
    )


def _text(path: Path) -> str:
    encoding = {"outlook-contacts.csv": "cp932", "outlook-contacts-en.csv": "utf-8-sig"}
    return path.read_bytes().decode(encoding.get(path.name, "utf-8"))


def _android_unfolded(path: Path) -> str:
    """The 2.1 file with QP soft line breaks joined (for regex scans of values only:
    it also eats the ``=`` padding at the end of a base64 photo line)."""
    return path.read_bytes().decode("ascii").replace("=\r\n", "")


def _searchable(path: Path) -> str:
    """The file's text with folded lines joined, for scanning values with a regex."""
    if path.name.startswith("android"):
        return _android_unfolded(path)
    return _text(path).replace("\r\n ", "")


def test_generator_is_deterministic_and_matches_the_committed_files(
    tmp_path: Path, examples_dir: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _generate(first, examples_dir)
    _generate(second, examples_dir)
    for name in GENERATED:
        made = (first / name).read_bytes()
        assert made == (second / name).read_bytes(), f"{name} differs between two runs"
        assert made == (examples_dir / name).read_bytes(), (
            f"examples/{name} is stale: run `python examples/generate.py` and commit it"
        )


def test_iphone_export_reads_with_vobject_card_for_card(examples_dir: Path) -> None:
    raw = (examples_dir / "iphone-export.vcf").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "iOS writes CRLF line ends"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75, "lines are folded at 75 octets"
    text = raw.decode("utf-8")
    cards = list(vobject.readComponents(text))
    assert len(cards) == text.count("BEGIN:VCARD") >= 60
    assert all(card.version.value == "3.0" for card in cards)
    assert all(card.prodid.value.startswith("-//Apple Inc.//iPhone OS 17") for card in cards)
    assert all(card.fn.value.strip() for card in cards)
    photos = [card.photo.value for card in cards if "photo" in card.contents]
    assert len(photos) >= 2
    assert all(photo.startswith(b"\xff\xd8") and photo.endswith(b"\xff\xd9") for photo in photos)
    labels = {line.value for card in cards for line in card.contents.get("x-ablabel", [])}
    assert {"自宅", "社用携帯", "_$!<Mobile>!$_"} <= labels
    assert any(label in labels for label in ("得意先携帯", "個人携帯", "プライベート"))


def test_iphone_notes_keep_escaped_newlines_and_commas(examples_dir: Path) -> None:
    text = (examples_dir / "iphone-export.vcf").read_text(encoding="utf-8")
    unfolded = text.replace("\r\n ", "")
    assert re.search(r"^NOTE:.*\\n", unfolded, re.MULTILINE)
    assert re.search(r"^NOTE:.*\\,", unfolded, re.MULTILINE)
    cards = list(vobject.readComponents(text))
    notes = [card.note.value for card in cards if "note" in card.contents]
    assert any("\n" in note for note in notes)
    assert any("個人番号 123456789018" in note for note in notes)
    assert any("糖尿病" in note for note in notes)


def test_android_export_is_aosp_quoted_printable(examples_dir: Path) -> None:
    path = examples_dir / "android-export.vcf"
    raw = path.read_bytes().decode("ascii")
    assert "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=" in raw
    assert re.search(r"^TEL;CELL:", raw, re.MULTILINE)
    assert re.search(r"^TEL;HOME:", raw, re.MULTILINE)
    assert re.search(r"^ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:", raw, re.MULTILINE)
    assert "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;" in raw
    # A soft break followed by a UTF-8 continuation byte cut a character in two.
    assert re.search(r"=\r\n=[89AB][0-9A-F]", raw), "no soft break inside a character"
    cards = list(vobject.readComponents(raw, allowQP=True))
    assert len(cards) == raw.count("BEGIN:VCARD") >= 30
    names = [card.fn.value for card in cards]
    assert all(names) and any(re.search(r"[\u4e00-\u9fff]", name) for name in names)


def test_exports_of_one_phone_overlap(examples_dir: Path) -> None:
    iphone = {c.fn.value for c in vobject.readComponents(_text(examples_dir / "iphone-export.vcf"))}
    android_text = (examples_dir / "android-export.vcf").read_bytes().decode("ascii")
    android = {c.fn.value for c in vobject.readComponents(android_text, allowQP=True)}
    assert len(android & iphone) >= 30


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(_text(path), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_google_csv(examples_dir: Path) -> None:
    header, rows = _rows(examples_dir / "google-contacts.csv")
    assert header == GOOGLE_HEADER
    assert len(rows) >= 25
    assert all(row["Labels"].startswith("* myContacts") for row in rows)
    assert any(" ::: 得意先" in row["Labels"] for row in rows)
    assert any("\n" in row["Address 1 - Formatted"] for row in rows)


def test_outlook_csv_is_cp932_fully_quoted_with_crlf(examples_dir: Path) -> None:
    path = examples_dir / "outlook-contacts.csv"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp932")  # strict: every byte is valid CP932
    assert text.startswith('"姓","名","ミドル","敬称","会社名","部署","役職",')
    header, rows = _rows(path)
    assert len(rows) >= 20
    assert {"携帯電話", "自宅電話", "番地 (自宅)", "姓フリガナ", "名前フリガナ"} <= set(header)
    for record in csv.reader(io.StringIO(text, newline="")):
        assert len(record) == len(header)
    fields = re.findall(r'(?:^|,)("(?:[^"]|"")*"|[^,\r\n]*)', text.split("\r\n")[1])
    assert all(field.startswith('"') for field in fields), "Outlook quotes every field"
    assert all(
        row["誕生日"] == "0/0/00" or re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", row["誕生日"])
        for row in rows
    )


def test_english_outlook_csv_has_a_bom(examples_dir: Path) -> None:
    path = examples_dir / "outlook-contacts-en.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    header, rows = _rows(path)
    assert header[:4] == ["Title", "First Name", "Middle Name", "Last Name"]
    assert "Mobile Phone" in header and "Home Phone" in header
    assert len(rows) >= 10


@pytest.mark.parametrize("name", GENERATED)
def test_every_phone_number_is_a_valid_japanese_number(name: str, examples_dir: Path) -> None:
    path = examples_dir / name
    text = _searchable(path)
    numbers = PHONE.findall(text)
    assert numbers
    for number in numbers:
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, "JP")), number


@pytest.mark.parametrize("name", GENERATED)
def test_mail_domains_are_reserved_or_free_mail(name: str, examples_dir: Path) -> None:
    path = examples_dir / name
    text = _searchable(path)
    domains = {domain.lower().rstrip(".") for domain in EMAIL.findall(text)}
    assert domains
    assert all(ALLOWED_DOMAIN.fullmatch(domain) for domain in domains), domains


def test_profile_uses_exactly_the_documented_keys(examples_dir: Path) -> None:
    path = examples_dir / "piiaudit.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(document) == {
        "company",
        "region",
        "customer_domains",
        "packs",
        "disable",
        "severity",
        "suppress",
        "csv",
    }
    profile = load_profile(path, examples_dir)
    assert profile.company_domains == ("sample-shoji.example.co.jp",)
    assert "株式会社サンプル商事" in profile.company_names
    assert profile.region == "JP"
