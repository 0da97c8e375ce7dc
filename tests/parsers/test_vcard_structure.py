"""The vCard reader on synthetic cards: structure, limits and model fields (all data fictional)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input


def parse(tmp_path: Path, data: bytes, **options: Any) -> tuple[FileInfo, list[Contact]]:
    path = tmp_path / "export.vcf"
    path.write_bytes(data)
    with open_input(str(path), ParseOptions(**options)) as parsed:
        contacts = list(parsed.contacts)
        return parsed.info, contacts


def card(*lines: str, version: str = "3.0", eol: str = "\r\n") -> bytes:
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    return (eol.join(body) + eol).encode("utf-8")


def one(tmp_path: Path, data: bytes, **options: Any) -> Contact:
    info, contacts = parse(tmp_path, data, **options)
    assert info.error is None
    assert len(contacts) == 1
    return contacts[0]


# -------------------------------------------------------------- structure


def test_lowercase_begin_no_version_and_profile_line(tmp_path: Path) -> None:
    data = b"begin:vcard\r\nprofile:VCard\r\nfn:Taro\r\nend:vcard\r\n"
    info, (contact,) = parse(tmp_path, data)
    assert contact.names.formatted == "Taro"
    assert contact.version == ""
    assert contact.other["PROFILE"] == ("VCard",)
    assert info.dialect == "vcard"


def test_version_late_in_the_card_still_decides(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\r\nNOTE:a\\nb\r\nVERSION:2.1\r\nEND:VCARD\r\n"
    contact = one(tmp_path, data)
    assert contact.version == "2.1"
    assert contact.notes == ("a\\nb",)  # 2.1 has no \n escape


def test_unparseable_line_is_an_issue_and_the_card_keeps_the_rest(tmp_path: Path) -> None:
    info, (contact,) = parse(
        tmp_path, card("FN:Taro", "this line has no colon", "TEL:090-0000-0004")
    )
    assert contact.phones[0].value == "090-0000-0004"
    assert [(i.line, "not a property" in i.message) for i in info.issues] == [(4, True)]


def test_missing_end_closed_at_next_begin(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One\r\n" + card("FN:Two")
    info, contacts = parse(tmp_path, data)
    assert [c.names.formatted for c in contacts] == ["One", "Two"]
    assert contacts[0].source.end == contacts[1].source.start == data.index(b"BEGIN", 1)
    assert any("no END" in i.message and i.line == 4 for i in info.issues)


def test_junk_between_cards_is_reported_once_per_run(tmp_path: Path) -> None:
    data = card("FN:One") + b"garbage\r\nmore garbage\r\n\r\n" + card("FN:Two") + b"tail\r\n"
    info, contacts = parse(tmp_path, data)
    assert len(contacts) == 2
    junk = [(i.line, i.message) for i in info.issues]
    assert junk == [
        (5, "2 lines outside any vCard skipped"),
        (12, "1 line outside any vCard skipped"),
    ]


def test_nested_agent_in_21_is_its_own_contact(tmp_path: Path) -> None:
    data = card(
        "FN:Boss",
        "AGENT:",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:Assistant",
        "END:VCARD",
        version="2.1",
    )
    info, contacts = parse(tmp_path, data)
    assert [(c.names.formatted, c.source.parent) for c in contacts] == [
        ("Boss", None),
        ("Assistant", 0),
    ]
    assert info.contacts == 2


def test_a_21_card_missing_its_end_does_not_swallow_the_cards_after_it(tmp_path: Path) -> None:
    """QA round 5 (JA B2): in 2.1 a BEGIN:VCARD inside a card nests, so a card whose END
    is missing took every card after it as nested cards, and split filed the customers
    that followed inside it. When the file ends with nothing of the open card after its
    first nested card, the END was missing there: the card is closed where that card
    begins, and the others are cards of their own."""
    broken = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Open\r\nTEL:03-0000-0001\r\n"
    data = broken + card("FN:Next", version="2.1") + card("FN:Last", version="2.1")
    info, contacts = parse(tmp_path, data)
    assert [(c.names.formatted, c.source.parent) for c in contacts] == [
        ("Open", None),
        ("Next", None),
        ("Last", None),
    ]
    assert contacts[0].source.end == contacts[1].source.start == len(broken)
    assert [(i.line, i.message) for i in info.issues] == [
        (5, "card has no END:VCARD; closed at the next BEGIN:VCARD")
    ]


def test_a_21_parent_with_lines_after_its_nested_cards_still_nests(tmp_path: Path) -> None:
    """Android nests 2.1 cards (its test file v21_nest.vcf): the parent's own lines after
    a nested card show the nesting is meant, END or not."""
    nested = card("FN:Child", version="2.1").decode()
    data = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Parent\r\n" + nested + "TEL:1\r\n").encode()
    info, contacts = parse(tmp_path, data)
    assert [(c.names.formatted, c.source.parent) for c in contacts] == [
        ("Parent", None),
        ("Child", 0),
    ]
    assert any("closed at end of file" in i.message for i in info.issues)


def test_source_offsets_reproduce_the_file(tmp_path: Path) -> None:
    data = b"\r\n" + card("FN:One") + card("FN:Two", eol="\n") + b"\r\n"
    _, contacts = parse(tmp_path, data)
    first, second = contacts
    assert data[first.source.start : first.source.end] == card("FN:One")
    assert data[second.source.start : second.source.end] == card("FN:Two", eol="\n")
    assert (first.source.line, second.source.line) == (2, 6)


# ---------------------------------------------------------------- limits


def test_overlong_value_is_cut_with_an_issue(tmp_path: Path) -> None:
    data = card("FN:Taro", "NOTE:" + "x" * 5000, "TEL:090-0000-0005")
    info, (contact,) = parse(tmp_path, data, max_value_bytes=1000)
    assert contact.notes == ("x" * 1000,)
    assert contact.phones[0].value == "090-0000-0005"
    assert any("longer than 1000 bytes" in i.message for i in info.issues)


def test_folded_overlong_value_is_cut(tmp_path: Path) -> None:
    folded = ["NOTE:" + "y" * 70] + [" " + "y" * 70] * 200
    info, (contact,) = parse(tmp_path, card(*folded, "FN:Taro"), max_value_bytes=1000)
    assert len(contact.notes[0]) <= 1000 + 4096
    assert contact.names.formatted == "Taro"
    assert any("was cut" in i.message for i in info.issues)


def test_huge_photo_on_one_line_is_measured_not_kept(tmp_path: Path) -> None:
    body = base64.b64encode(b"\x01" * 3_000_001).decode("ascii")
    data = card("FN:Taro", "PHOTO;ENCODING=b;TYPE=JPEG:" + body, "TEL:090-0000-0006")
    info, (contact,) = parse(tmp_path, data, max_value_bytes=64 * 1024)
    assert contact.photo.bytes == 3_000_001
    assert contact.phones[0].value == "090-0000-0006"
    assert not info.issues


def test_folded_photo_and_data_uri_sizes(tmp_path: Path) -> None:
    body = base64.b64encode(bytes(range(256)) * 10).decode("ascii")
    folded = [f"PHOTO;ENCODING=BASE64;TYPE=JPEG:{body[:60]}"]
    folded += [" " + body[i : i + 60] for i in range(60, len(body), 60)]
    assert one(tmp_path, card(*folded, version="2.1")).photo.bytes == 2560
    uri = "PHOTO:data:image/jpeg;base64\\," + body
    assert one(tmp_path, card(uri, version="4.0")).photo.bytes == 2560


def test_too_many_properties(tmp_path: Path) -> None:
    notes = [f"NOTE:n{i}" for i in range(30)]
    info, (contact,) = parse(tmp_path, card(*notes), max_properties_per_card=10)
    assert len(contact.notes) == 9  # VERSION is the first of the 10
    assert [i.message for i in info.issues].count(
        "too many properties in this card; the rest were not read"
    ) == 1
    assert contact.other == {}


# ------------------------------------------------------------- model fields


def test_apple_groups_attach_labels_before_or_after(tmp_path: Path) -> None:
    contact = one(
        tmp_path,
        card(
            "item1.X-ABLabel:_$!<Mobile>!$_",
            "item1.TEL:090-0000-0007",
            "item2.TEL;type=pref:03-0000-0008",
            "item2.X-ABLabel:得意先",
            "item3.X-ABDATE:2010-04-01",
            "item3.X-ABLabel:_$!<Anniversary>!$_",
        ),
    )
    assert [p.labels for p in contact.phones] == [("cell",), ("pref", "得意先")]
    assert contact.anniversary == "2010-04-01"
    assert "X-ABLABEL" not in contact.other


def test_android_and_vendor_properties(tmp_path: Path) -> None:
    contact = one(
        tmp_path,
        card(
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1980-01-02;3;;;;;;;;;;;;;",
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Taro-chan;1;;;;;;;;;;;;;",
            "X-GN:得意先",
            "X-MS-SPOUSE:Hanako",
            "X-EVOLUTION-ANNIVERSARY:2001-02-03",
            "SOUND;X-IRMC-N:ﾔﾏﾀﾞ;ﾀﾛｳ;;;",
            "X-DCM-EMAIL-ORIGINAL;CELL:taro@example.jp",
            "IMPP:xmpp:taro@example.com",
            "PRODID:-//Example//EN",
            "WEIRD-NAME:kept",
            version="2.1",
        ),
    )
    assert contact.birthday == "1980-01-02"
    assert contact.names.nicknames == ("Taro-chan",)
    assert contact.categories == ("得意先",)
    assert contact.related == ("Hanako",)
    assert contact.anniversary == "2001-02-03"
    assert (contact.names.phonetic_family, contact.names.phonetic_given) == ("ﾔﾏﾀﾞ", "ﾀﾛｳ")
    assert contact.other["X-DCM-EMAIL-ORIGINAL"] == ("taro@example.jp",)
    assert [(h.value, h.labels) for h in contact.messaging] == [
        ("xmpp:taro@example.com", ("jabber",))
    ]
    assert contact.other["PRODID"] == ("-//Example//EN",)
    assert contact.other["WEIRD-NAME"] == ("kept",)
    assert len(contact.other["X-ANDROID-CUSTOM"]) == 2


def test_structured_fields(tmp_path: Path) -> None:
    contact = one(
        tmp_path,
        card(
            "N:Yamada;Taro;Middle;Dr.;Jr.",
            "ORG:Fictional Corp;Sales;Tokyo",
            "TITLE:Manager",
            "ROLE:Buyer",
            "ADR;TYPE=home:PO 1;Apt 2;1-2-3 Example;Minato;Tokyo;100-0001;Japan",
            "LABEL;TYPE=home:1-2-3 Example\\nMinato",
            "BDAY:1990-05-06",
            "URL:https://example.com/taro",
            "CATEGORIES:VIP,Golf",
            "UID:uid-1",
            "RELATED;TYPE=spouse:Hanako",
        ),
    )
    names = contact.names
    assert (names.family, names.given, names.middle, names.prefix, names.suffix) == (
        "Yamada", "Taro", "Middle", "Dr.", "Jr.",
    )  # fmt: skip
    assert contact.organizations == ("Fictional Corp Sales Tokyo",)
    assert contact.titles == ("Manager", "Buyer")
    address = contact.addresses[0]
    assert (address.po_box, address.extended, address.street) == ("PO 1", "Apt 2", "1-2-3 Example")
    assert (address.locality, address.region, address.postal_code) == (
        "Minato",
        "Tokyo",
        "100-0001",
    )
    assert (address.country, address.labels) == ("Japan", ("home",))
    assert address.formatted == "1-2-3 Example\nMinato"
    assert contact.birthday == "1990-05-06"
    assert contact.urls == ("https://example.com/taro",)
    assert contact.categories == ("VIP", "Golf")
    assert contact.uid == "uid-1"
    assert contact.related == ("Hanako",)


def test_phone_classification(tmp_path: Path) -> None:
    phone = one(tmp_path, card("TEL;TYPE=cell:090-1234-5678")).phones[0]
    assert (phone.e164, phone.number_type) == ("+819012345678", "mobile")
    region = one(tmp_path, card("TEL:(212) 555-0100"), region="US")
    assert region.phones[0].e164 == "+12125550100"


def test_orphan_apple_label_is_kept(tmp_path: Path) -> None:
    contact = one(tmp_path, card("item7.X-ABLabel:秘書", "FN:Taro"))
    assert contact.other["X-ABLABEL"] == ("秘書",)
