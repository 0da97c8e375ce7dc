"""Every vCard of the public corpus, read in place: counts, names and values checked by hand.

Expected values were read off the files themselves (hex dumps for the
Shift_JIS / UTF-16 ones) and cross-checked with formats.md's vobject table;
photo sizes equal the length of vobject's decoded ``photo.value``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import open_input

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "public"
VCARD_FILES = sorted(
    str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.suffix.lower() == ".vcf"
)


def read(corpus_dir: Path, name: str) -> tuple[FileInfo, list[Contact]]:
    with open_input(str(corpus_dir / name)) as parsed:
        contacts = list(parsed.contacts)
        return parsed.info, contacts


# file -> display name of every contact, in order (nested cards follow their parent)
NAMES: dict[str, list[str]] = {
    "aosp-vcard/v21_japanese_1.vcf": ["安藤ロイド"],
    "aosp-vcard/v21_japanese_2.vcf": ["安藤 ロイド 1"],
    "aosp-vcard/v21_japanese_3.vcf": ["伊能 圭一 伊予"],
    "aosp-vcard/v30_japanese.vcf": ["伊能 圭一 伊予"],
    "aosp-vcard/v21_multiple_entry.vcf": ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"],
    "aosp-vcard/v21_nest.vcf": ["parent", "nest1", "nest2"],
    "aosp-vcard/v40_sort_as.vcf": ["安藤 ロイド"],
    "aosp-vcard/v40_sip.vcf": ["安藤 ロイド"],
    "aosp-vcard/v21_backslash.vcf": ["A;B\\C;D:E\\"],
    "evolution-data-server/5.vcf": ["十城目管理大型知座"],
    "ez-vcard/John_Doe_GMAIL.vcf": ["Mr. John Richter, James Doe Sr."],
    "ez-vcard/John_Doe_EVOLUTION.vcf": ["Mr. John Richter, James Doe Sr."],
    "ez-vcard/gmail-list.vcf": ["Arnold Smith", "Chris Beatle", "Doug White"],
    "ez-vcard/rfc2426-example.vcf": ["Frank Dawson", "Tim Howes"],
    "ez-vcard/issue114.vcf": ["Dummy, Dummy"],
    "khard/korean-c.vcf": ["최유림"],
    "node-vcf/multiple.vcf": ["Dr. Erika Mustermann"] * 3,
    "owncloud-contacts/test3.vcf": ["Adèle Fermée"],
    "owncloud-contacts/test5.vcf": ["Adèle Saute"],
    "roundcube/johndoe.vcf": ["John Doë"],
    "roundcube/utf-16_sample.vcf": ["Ǽgean ĽdaMonté"],
    "symbian-versit-encoded/5.vcf": ["小西 一弘"],
    "symbian-versit-encoded/6.vcf": ["abc 山田 太郎♪♪Ψ￣"],
    "symbian-versit-japanese/aoki.vcf": ["青木 功"],
    "symbian-versit-perf/iFileShiftJIS_QP.vcf": ["小西 一弘"],
    "symbian-versit-perf/iFileShiftJIS_Base64.vcf": ["小西 一弘"],
    "symbian-versit-invalid/3.vcf": ["Example Exämpäle"],
    "thunderbird/emptylines_vcard_addressbook.vcf": ["John Doe", "Jane Doe"],
    "thunderbird/export.vcf": ["contact number one", "contact number two"],
    "thunderbird/v4-uri-jpeg.vcf": ["URI JPEG, version 4.0"],
    "kcontacts/vcard9.vcf": ["βγδεαβγδ1" * 11],
    "vobject/radicale-1587.vcf": ["Given Family"],
}

COUNTS: dict[str, int] = {
    "ez-vcard/John_Doe_ANDROID.vcf": 6,
    "kcontacts/vcard10.vcf": 5,
    "evolution-data-server/7.vcf": 1,
    "evolution-data-server/8.vcf": 1,
    "evolution-data-server/9.vcf": 1,
    "khard/unparsable.vcf": 1,
}

# decoded photo bytes (sum over PHOTO properties), equal to vobject's decoded lengths
PHOTO_BYTES: dict[str, int] = {
    "ez-vcard/John_Doe_IPHONE.vcf": 32531,
    "aosp-vcard/v30_ios_613_multiline.vcf": 5165,
    "aosp-vcard/v21_complicated.vcf": 3888,
    "aosp-vcard/v21_blackberry_photo.vcf": 2056,
    "sabre-vobject/issue153.vcf": 19685,
    "roundcube/apple.vcf": 2043,
    "kcontacts/vcard12.vcf": 159 + 154,
    "ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf": 18242,
    "thunderbird/v3-binary-jpeg.vcf": 5321,
    "thunderbird/v4-uri-jpeg.vcf": 5321,
}

PHONE_COUNTS: dict[str, list[int]] = {
    "ez-vcard/John_Doe_IPHONE.vcf": [7],
    "aosp-vcard/v21_complicated.vcf": [5],
    "aosp-vcard/v21_multiple_entry.vcf": [4, 4, 4],
    "symbian-versit-various/1.vcf": [12],
    "ez-vcard/gmail-single2.vcf": [11],
    "tine20/WebDAVCollaborator.vcf": [4],  # two TEL lines are empty
    "aosp-vcard/v21_nest.vcf": [1, 0, 0],
}


def test_corpus_has_every_vcard_file(corpus_dir: Path) -> None:
    assert len(VCARD_FILES) == 104


@pytest.mark.parametrize("name", VCARD_FILES)
def test_every_corpus_vcard_reads_without_error(corpus_dir: Path, name: str) -> None:
    info, contacts = read(corpus_dir, name)
    assert info.error is None
    assert info.format == "vcard"
    assert info.contacts == len(contacts) >= 1
    assert not [i for i in info.issues if "internal error" in i.message]
    assert [c.source.index for c in contacts] == list(range(len(contacts)))
    for contact in contacts:
        assert contact.source.path == str(corpus_dir / name)
        assert contact.source.line >= 1


@pytest.mark.parametrize("name", sorted(NAMES))
def test_display_names(corpus_dir: Path, name: str) -> None:
    _, contacts = read(corpus_dir, name)
    assert [c.names.display() for c in contacts] == NAMES[name]


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_card_counts(corpus_dir: Path, name: str) -> None:
    _, contacts = read(corpus_dir, name)
    assert len(contacts) == COUNTS[name]


@pytest.mark.parametrize("name", sorted(PHOTO_BYTES))
def test_photo_sizes(corpus_dir: Path, name: str) -> None:
    _, contacts = read(corpus_dir, name)
    assert contacts[0].photo.present
    assert contacts[0].photo.bytes == PHOTO_BYTES[name]
    assert "PHOTO" not in contacts[0].other  # the body is measured, never kept


@pytest.mark.parametrize("name", sorted(PHONE_COUNTS))
def test_phone_counts(corpus_dir: Path, name: str) -> None:
    _, contacts = read(corpus_dir, name)
    assert [len(c.phones) for c in contacts] == PHONE_COUNTS[name]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("node-vcf/xing.vcf", "17.02.2016, 19:18 - XING - http://www.xing.com/profile/"),
        ("ez-vcard/John_Doe_GMAIL.vcf", "Mr. John Richter, James Doe Sr."),
        ("aosp-vcard/v21_complicated.vcf", "Baytown, LA 30314"),
        ("thunderbird/v4-uri-jpeg.vcf", "URI JPEG, version 4.0"),
        ("vcard4android/allfields-vcard3.vcf", "Director, Research and Development"),
    ],
)
def test_values_with_commas_are_never_cut(corpus_dir: Path, name: str, fragment: str) -> None:
    _, contacts = read(corpus_dir, name)
    contact = contacts[0]
    texts = [contact.names.formatted, *contact.notes, *contact.titles]
    texts += [a.formatted for a in contact.addresses]
    assert any(fragment in text for text in texts)


def test_japanese_shift_jis_trail_byte_5c(corpus_dir: Path) -> None:
    for name in ("aosp-vcard/v21_japanese_3.vcf", "aosp-vcard/v30_japanese.vcf"):
        _, (contact,) = read(corpus_dir, name)
        names = contact.names
        assert (names.family, names.given, names.middle) == ("伊能", "圭一", "伊予")


def test_japanese_readings_and_qp_address(corpus_dir: Path) -> None:
    _, (first,) = read(corpus_dir, "aosp-vcard/v21_japanese_1.vcf")
    assert first.names.phonetic_family == "ｱﾝﾄﾞｳﾛｲﾄﾞ"
    assert first.phones[0].value == "0300000000"
    assert set(first.phones[0].labels) == {"pref", "voice"}
    info, (second,) = read(corpus_dir, "aosp-vcard/v21_japanese_2.vcf")
    assert info.encoding == "cp932"
    assert (second.names.phonetic_family, second.names.phonetic_given) == ("ｱﾝﾄﾞｳ", "ﾛｲﾄﾞ1")
    address = second.addresses[0]
    assert address.extended == "東京都渋谷区桜丘町26-1セルリアンタワー6階"
    assert address.postal_code == "150-8512"
    assert second.notes == ("メモ",)


def test_a_feature_phones_quoted_address_parts_lose_their_quotes(corpus_dir: Path) -> None:
    _, (contact,) = read(corpus_dir, "symbian-versit-encoded/6.vcf")
    (address,) = contact.addresses
    assert (address.street, address.locality, address.postal_code) == (
        "通り",
        "市区町村",
        "123-4567",
    )


def test_sort_as_gives_the_reading(corpus_dir: Path) -> None:
    _, (contact,) = read(corpus_dir, "aosp-vcard/v40_sort_as.vcf")
    assert (contact.names.phonetic_family, contact.names.phonetic_given) == ("あんどう", "ろいど")
    assert contact.organizations == ("グーグル 検索部門",)


def test_crcrlf_iphone_export(corpus_dir: Path) -> None:
    info, (contact,) = read(corpus_dir, "ez-vcard/John_Doe_IPHONE.vcf")
    assert not info.issues
    assert contact.names.family == "Doe"
    assert contact.phones[0].value == "905-555-1234"
    assert "cell" in contact.phones[0].labels
    assert contact.addresses[1].street == "Street4\nBuilding 6\nFloor 8"


def test_nested_cards_get_their_own_contacts(corpus_dir: Path) -> None:
    _, contacts = read(corpus_dir, "aosp-vcard/v21_nest.vcf")
    parent, nest1, nest2 = contacts
    assert parent.source.parent is None
    assert (nest1.source.parent, nest2.source.parent) == (0, 0)
    assert parent.phones[0].value == "1"  # the TEL after the nested cards belongs to the parent
    assert parent.source.start < nest1.source.start < nest2.source.start < parent.source.end


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("evolution-data-server/8.vcf", "no END:VCARD"),
        ("evolution-data-server/9.vcf", "no END:VCARD"),
        ("khard/unparsable.vcf", "no END:VCARD"),
        ("evolution-data-server/7.vcf", "no BEGIN:VCARD"),
    ],
)
def test_broken_structure_gives_an_issue_and_the_card(
    corpus_dir: Path, name: str, message: str
) -> None:
    info, contacts = read(corpus_dir, name)
    assert any(message in issue.message for issue in info.issues)
    assert contacts and contacts[0].names.display()


def test_qp_soft_break_wins_over_comment_lines(corpus_dir: Path) -> None:
    _, (contact,) = read(corpus_dir, "aosp-vcard/v21_invalid_comment_line.vcf")
    assert contact.notes == (
        "This is an (sharp ->#<- sharp) example. This message must NOT be ignored.",
    )


def test_backslash_crlf_continuation_in_21(corpus_dir: Path) -> None:
    _, (contact,) = read(corpus_dir, "aosp-vcard/v21_adr_multiple_line.vcf")
    assert contact.addresses[1].street == "Hermann v. Brevern\n9999999\nPackstation 999"
    assert contact.birthday == "20081203"


def test_android_custom_event_and_apple_anniversary(corpus_dir: Path) -> None:
    _, (android,) = read(corpus_dir, "aosp-vcard/v21_x_android_custom_after_photo.vcf")
    assert android.anniversary == "1999-07-10"
    assert android.other["X-ANDROID-CUSTOM"][0].startswith("vnd.android.cursor.item/contact_event")
    _, (gmail,) = read(corpus_dir, "ez-vcard/John_Doe_GMAIL.vcf")
    assert gmail.anniversary == "1975-03-01"
    assert (gmail.names.phonetic_family, gmail.names.phonetic_given) == ("Dow", "Jon")


def test_agent_card_is_kept_as_text(corpus_dir: Path) -> None:
    _, contacts = read(corpus_dir, "tine20/WebDAVCollaborator.vcf")
    assert len(contacts) == 1
    assert contacts[0].other["AGENT"] == (
        "BEGIN:VCARD\nVERSION:3.0\nFN:assistent\nN:assistent\nEND:VCARD",
    )
    assert "partner" in contacts[0].related


def test_raw_cr_and_tab_inside_values(corpus_dir: Path) -> None:
    _, (_, second) = read(corpus_dir, "thunderbird/export.vcf")
    assert second.other["X-CUSTOM1"] == ("custom, 1",)
    assert second.other["X-CUSTOM2"] == ("custom\t2",)
    assert second.other["X-CUSTOM3"] == ("custom\r3",)
    assert second.other["X-CUSTOM4"] == ("custom\n4",)


def test_encodings_reported(corpus_dir: Path) -> None:
    expected = {
        "roundcube/utf-16_sample.vcf": "utf-16-be",
        "roundcube/johndoe.vcf": "windows-1252",
        "aosp-vcard/v21_multiple_entry.vcf": "cp932",
        "kcontacts/vcard9.vcf": "utf-8",
        "ez-vcard/gmail-list.vcf": "utf-8",
    }
    for name, encoding in expected.items():
        info, _ = read(corpus_dir, name)
        assert info.encoding == encoding, name


def test_dialect_is_the_first_cards_version(corpus_dir: Path) -> None:
    info, contacts = read(corpus_dir, "node-vcf/multiple.vcf")
    assert info.dialect == "vcard-4.0"
    assert [c.version for c in contacts] == ["4.0", "2.1", "3.0"]


def test_apple_group_labels(corpus_dir: Path) -> None:
    _, (contact,) = read(corpus_dir, "vcard4android/allfields-vcard3.vcf")
    work_email = next(e for e in contact.emails if e.value == "work@example.com")
    assert "@work" in work_email.labels  # a custom X-ABLabel kept verbatim
    assert any("Monkey Tree" in a.labels for a in contact.addresses)


# ------------------------------------------------------------------ byte spans


@pytest.mark.parametrize("name", VCARD_FILES)
def test_top_level_spans_cover_the_cards(corpus_dir: Path, name: str) -> None:
    data = (corpus_dir / name).read_bytes()
    info, contacts = read(corpus_dir, name)
    top = [c for c in contacts if c.source.parent is None]
    position = 0
    outside = bytearray()
    begin = _begin_pattern(info.encoding)
    for contact in top:
        start, end = contact.source.start, contact.source.end
        assert position <= start < end <= len(data)
        outside += data[position:start]
        chunk = data[start:end]
        missing_begin = any("no BEGIN" in i.message for i in contact.issues)
        assert missing_begin or begin.match(chunk), chunk[:40]
        position = end
    outside += data[position:]
    junk = any("outside any vCard" in issue.message for issue in info.issues)
    text = _text(bytes(outside), info.encoding)
    assert junk or not text.strip("\ufeff \t\r\n\x00"), text[:80]


def _begin_pattern(encoding: str) -> re.Pattern[bytes]:
    if encoding.startswith("utf-16"):
        codec = encoding
        return re.compile(re.escape("BEGIN".encode(codec)), re.IGNORECASE)
    return re.compile(rb"(?i)begin:vcard")


def _text(data: bytes, encoding: str) -> str:
    codec = "utf-8" if encoding in ("utf-8", "utf-8-sig") else encoding
    return data.decode(codec, "replace")
