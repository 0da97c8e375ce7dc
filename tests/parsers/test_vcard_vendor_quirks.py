"""Vendor spellings the vCard reader must understand (all data fictional).

* Samsung's custom labels, a bare parameter ``X-CUSTOM(CHARSET=UTF-8,ENCODING=
  QUOTED-PRINTABLE,<label>)``: the label must reach the value as an iPhone's
  ``itemN.X-ABLabel`` custom label does, or the rules and ``minimize`` cannot
  tell a home line (自宅) from a company mobile (社用携帯).
* Apple's year-unknown dates (``1604-05-06``, ``X-APPLE-OMIT-YEAR``): a day and a
  month, never a date of birth in 1604.
* vCard 2.1 base64 bodies whose lines are not indented and end at a blank line.

Every card is read both ways (the fast path for plain cards and the general
reader), which must agree.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.engine import Engine, Profile
from piiaudit.model import Contact, FileInfo, ParseIssue
from piiaudit.parsers import ParseOptions
from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_reader import BARE_NAME, NO_COLON_NOTE, SKIPPED_LINE
from piiaudit.parsers.vcard_stream import read_vcard


def read(data: bytes, options: ParseOptions | None = None) -> tuple[list[Contact], FileInfo]:
    """The contacts and file info of ``data``, after checking both reading paths agree."""
    results = []
    for fast in (True, False):
        verdict = sniff(data[:HEAD_BYTES])
        info = FileInfo(
            path="export.vcf", format=verdict.format, encoding=verdict.detected.encoding
        )
        stream = io.BytesIO(data)
        contacts = list(
            read_vcard(stream, info, verdict.detected, options or ParseOptions(), fast=fast)
        )
        results.append((contacts, info))
    assert results[0] == results[1]
    return results[0]


def card(*lines: str, version: str = "2.1") -> bytes:
    body = ["BEGIN:VCARD", f"VERSION:{version}", "FN:Mori Kazuya", *lines, "END:VCARD"]
    return ("\r\n".join(body) + "\r\n").encode("utf-8")


def one(data: bytes, options: ParseOptions | None = None) -> Contact:
    contacts, _ = read(data, options)
    assert len(contacts) == 1
    return contacts[0]


def qp(text: str) -> str:
    """Quoted-printable as Samsung writes a label: every byte as ``=XX``."""
    return "".join(f"={byte:02X}" for byte in text.encode("utf-8"))


def custom(label: str) -> str:
    return f"X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,{qp(label)})"


# ------------------------------------------------------------------ Samsung X-CUSTOM


SAMSUNG = card(
    "ORG:Mori Seisakusho KK",
    "TEL;CELL;PREF:090-5555-0101",
    f"TEL;{custom('自宅')}:045-555-0102",
    f"TEL;{custom('社用携帯')}:080-5555-0103",
    "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,Work mobile):070-5555-0104",
    f"EMAIL;{custom('会社')}:kazuya.mori@example.co.jp",
    f"ADR;{custom('実家')};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;{qp('本町1-1')};"
    f"{qp('仙台市青葉区')};{qp('宮城県')};980-0000;",
    "TEL;X-CUSTOM(Car phone):03-5555-0105",
)

#: The same labels written the iPhone way.
IPHONE = card(
    "ORG:Mori Seisakusho KK",
    "TEL;CELL;PREF:090-5555-0101",
    "item1.TEL:045-555-0102",
    "item1.X-ABLabel:自宅",
    "item2.TEL:080-5555-0103",
    "item2.X-ABLabel:社用携帯",
    "item3.TEL:070-5555-0104",
    "item3.X-ABLabel:Work mobile",
    "item4.EMAIL:kazuya.mori@example.co.jp",
    "item4.X-ABLabel:会社",
    "item5.ADR;CHARSET=UTF-8:;;本町1-1;仙台市青葉区;宮城県;980-0000;",
    "item5.X-ABLabel:実家",
    "item6.TEL:03-5555-0105",
    "item6.X-ABLabel:Car phone",
)


def test_samsung_custom_labels_reach_phones_emails_and_addresses() -> None:
    contact = one(SAMSUNG)
    assert {p.value: p.labels for p in contact.phones} == {
        "090-5555-0101": ("cell", "pref"),
        "045-555-0102": ("自宅",),
        "080-5555-0103": ("社用携帯",),
        "070-5555-0104": ("Work mobile",),
        "03-5555-0105": ("Car phone",),
    }
    assert contact.emails[0].labels == ("会社",)
    address = contact.addresses[0]
    assert address.labels == ("実家",)
    assert (address.street, address.locality, address.region) == (
        "本町1-1",
        "仙台市青葉区",
        "宮城県",
    )
    assert contact.issues == ()


def test_samsung_custom_labels_read_as_the_iphone_labels_them() -> None:
    samsung, iphone = one(SAMSUNG), one(IPHONE)
    assert [p.labels for p in samsung.phones] == [p.labels for p in iphone.phones]
    assert [e.labels for e in samsung.emails] == [e.labels for e in iphone.emails]
    assert [a.labels for a in samsung.addresses] == [a.labels for a in iphone.addresses]


def test_rules_read_samsung_custom_labels() -> None:
    """The home line is reported as a home phone and the parents' address as a home
    address; the company mobiles are not reported as personal mobiles."""
    result = Engine.from_profile(Profile()).evaluate(one(SAMSUNG))
    assert result.classification.label.value == "business"
    found = {(f.rule, f.field) for f in result.findings}
    assert ("CORE-PHONE-002", "phones[1]") in found
    assert ("CORE-ADDR-001", "addresses[0]") in found
    assert ("CORE-PHONE-001", "phones[0]") in found  # the unlabelled CELL stays personal
    mobiles = {field for rule, field in found if rule == "CORE-PHONE-001"}
    assert "phones[2]" not in mobiles and "phones[3]" not in mobiles


def test_minimize_keeps_company_numbers_and_drops_home_ones(tmp_path: Path) -> None:
    source = tmp_path / "samsung.vcf"
    source.write_bytes(SAMSUNG)
    out = tmp_path / "handover.vcf"
    result = CliRunner().invoke(app, ["minimize", str(source), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "080-5555-0103" in written and "070-5555-0104" in written
    assert "kazuya.mori@example.co.jp" in written
    assert "045-555-0102" not in written
    assert "仙台市" not in written and "980-0000" not in written


def test_a_label_with_a_semicolon_or_comma_stays_whole() -> None:
    contact = one(
        card(
            "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,Home; old):03-5555-0201",
            "TEL;PREF;X-CUSTOM(Sato, Ichiro):03-5555-0202",
        )
    )
    assert [p.labels for p in contact.phones] == [("Home; old",), ("pref", "Sato, Ichiro")]
    assert contact.issues == ()


def test_the_value_keeps_its_own_charset_and_encoding_after_a_custom_label() -> None:
    contact = one(
        card(f"NOTE;{custom('メモ')};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp('取引先')}")
    )
    assert contact.notes == ("取引先",)


@pytest.mark.parametrize(
    ("head", "kept"),
    [
        # not valid UTF-8: what can be read is kept, the rest replaced
        ("X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=E8=87=AA=E5=AE)", "自\ufffd"),
        # a charset Python does not know
        ("X-CUSTOM(CHARSET=X-UNKNOWN-JP,ENCODING=QUOTED-PRINTABLE,=E8=87=AA)", "自"),
        # an encoding that is not one
        ("X-CUSTOM(CHARSET=UTF-8,ENCODING=ROT13,Ubzr)", "Ubzr"),
        # never closed: the value's own parameters after it are not swallowed
        ("X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=E8=87=AA;CHARSET=UTF-8", "自"),
    ],
)
def test_an_unreadable_custom_label_is_reported_and_kept(head: str, kept: str) -> None:
    data = card(f"TEL;{head}:045-555-0301")
    contacts, info = read(data)
    phone = contacts[0].phones[0]
    assert phone.value == "045-555-0301"
    assert phone.labels == (kept,)
    message = "TEL: its custom label X-CUSTOM(...) could not be read in full"
    assert contacts[0].issues == (ParseIssue(4, message),)
    assert info.issues == [ParseIssue(4, message)]


def test_a_custom_label_cut_by_a_colon_is_reported() -> None:
    """``Work: main`` unencoded ends the head at its colon: the label cannot be read."""
    contacts, _ = read(card("TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,Work: main):1"))
    assert [issue.line for issue in contacts[0].issues] == [4]
    assert "X-CUSTOM" in contacts[0].issues[0].message


def test_an_unreadable_label_is_reported_at_each_line_that_has_it() -> None:
    head = "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=FF)"
    contacts, _ = read(card(f"{head}:03-5555-0401", "NOTE:between", f"{head}:03-5555-0402"))
    assert [issue.line for issue in contacts[0].issues] == [4, 6]


# ------------------------------------------------------------------ Apple's year 1604


@pytest.mark.parametrize(
    ("line", "birthday"),
    [
        ("BDAY;VALUE=date:1604-05-06", "--05-06"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-11-03", "--11-03"),
        ("BDAY:16040506", "--0506"),
        ("BDAY;X-APPLE-OMIT-YEAR=1990:1990-07-15", "--07-15"),
        # any other year is a real one
        ("BDAY:1605-05-06", "1605-05-06"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1985-05-06", "1985-05-06"),
        ("BDAY;X-APPLE-OMIT-YEAR=1990:1991-05-06", "1991-05-06"),
        ("BDAY:1604-05-06T10:00:00Z", "1604-05-06T10:00:00Z"),
    ],
)
def test_apple_year_unknown_birthday_is_a_day_and_month(line: str, birthday: str) -> None:
    assert one(card(line, version="3.0")).birthday == birthday


def test_apple_year_unknown_birthday_is_stored_as_the_year_less_form() -> None:
    apple = one(card("BDAY;VALUE=date:1604-05-06", version="3.0"))
    year_less = one(card("BDAY:--05-06", version="3.0"))
    assert apple.birthday == year_less.birthday


@pytest.mark.parametrize(
    "lines",
    [
        ("ANNIVERSARY;X-APPLE-OMIT-YEAR=1604:1604-06-15",),
        ("item1.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-06-15", "item1.X-ABLabel:_$!<Anniversary>!$_"),
    ],
)
def test_apple_year_unknown_anniversary_is_a_day_and_month(lines: tuple[str, ...]) -> None:
    assert one(card(*lines, version="3.0")).anniversary == "--06-15"


def test_report_masks_an_apple_year_unknown_birthday_as_a_partial_date(tmp_path: Path) -> None:
    source = tmp_path / "iphone.vcf"
    source.write_bytes(card("ORG:Example KK", "BDAY;VALUE=date:1604-05-06", version="3.0"))
    result = CliRunner().invoke(app, ["scan", str(source), "-f", "json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["contacts"][0]["findings"]
    assert [f["evidence"] for f in findings if f["field"] == "birthday"] == ["--**-**"]


# ------------------------------------------------------------------ 2.1 base64 bodies


def photo_lines(size: int, width: int = 76) -> tuple[bytes, list[str]]:
    """A fictional photo of ``size`` bytes and its base64 text cut into lines."""
    raw = bytes((index * 7) % 256 for index in range(size))
    text = base64.b64encode(raw).decode("ascii")
    return raw, [text[i : i + width] for i in range(0, len(text), width)]


def unindented_photo(size: int, *after: str, blank: bool = True) -> bytes:
    _, lines = photo_lines(size)
    body = ["PHOTO;ENCODING=BASE64;TYPE=JPEG:" + lines[0], *lines[1:]]
    return card("ORG:Sample KK", *body, *([""] if blank else []), *after)


def test_21_unindented_base64_ends_at_the_blank_line() -> None:
    contacts, info = read(unindented_photo(900, "NOTE:after the photo", "TEL;HOME:03-5555-0501"))
    contact = contacts[0]
    assert contact.photo.present and contact.photo.bytes == 900
    assert contact.notes == ("after the photo",)
    assert [p.value for p in contact.phones] == ["03-5555-0501"]
    assert info.issues == []


@pytest.mark.parametrize("size", [1, 2, 3, 56, 57, 58, 4000])
def test_21_unindented_base64_size_is_exact(size: int) -> None:
    assert one(unindented_photo(size)).photo.bytes == size


def test_21_unindented_base64_ends_at_the_next_property_without_a_blank_line() -> None:
    contacts, info = read(unindented_photo(300, "BDAY:1981-01-01", blank=False))
    assert contacts[0].photo.bytes == 300
    assert contacts[0].birthday == "1981-01-01"
    assert info.issues == []


def test_21_unindented_base64_ends_at_end_vcard() -> None:
    contacts, info = read(unindented_photo(300, blank=False) + card("TEL:03-5555-0502"))
    assert [c.photo.bytes for c in contacts] == [300, 0]
    assert contacts[1].phones[0].value == "03-5555-0502"
    assert info.issues == []


def test_lines_after_a_properly_ended_photo_are_not_swallowed() -> None:
    """After the blank line that ends a body, a line without a colon is no photo data."""
    _, lines = photo_lines(120)
    folded = ["PHOTO;ENCODING=BASE64;TYPE=JPEG:" + lines[0], *(" " + x for x in lines[1:])]
    contacts, info = read(card(*folded, "", "QUJDRA==", "NOTE:kept"))
    assert contacts[0].photo.bytes == 120
    junk = 4 + len(lines) + 1  # BEGIN, VERSION, FN, the photo's lines, the blank line
    # kept as a note, said (it was lost before review 13)
    assert contacts[0].notes == ("QUJDRA==", "kept")
    assert info.issues == [ParseIssue(junk, NO_COLON_NOTE)]


def test_a_line_that_is_not_base64_after_a_photo_is_still_reported() -> None:
    _, lines = photo_lines(120)
    data = card("PHOTO;ENCODING=BASE64;TYPE=JPEG:" + lines[0], *lines[1:], "not base64!", "")
    contacts, info = read(data)
    assert contacts[0].photo.bytes == 120
    assert [issue.line for issue in info.issues] == [4 + len(lines)]


def test_21_unindented_base64_stays_bounded_by_the_value_limits() -> None:
    """The body is measured, never stored: a body far past the value limit is read with
    its exact size, and so is a line too long to keep."""
    raw, lines = photo_lines(30_000, width=20_000)
    tight = ParseOptions(max_value_bytes=64)
    data = card("PHOTO;ENCODING=BASE64:", *lines, "", "NOTE:after")
    contacts, info = read(data, tight)
    assert contacts[0].photo.bytes == len(raw)
    assert contacts[0].notes == ("after",)
    assert info.issues == []


def test_a_property_name_alone_is_an_empty_property_not_a_part_lost() -> None:
    # Review 13: Evolution's bare "FN" line (kcontacts/vcard4.vcf) and a file cut inside
    # END ("E") made scan end with 3 although nothing was lost.
    contacts, info = read(card("TEL;CELL:090-5555-0101", "FN", "x-custom"))
    assert contacts[0].phones[0].value == "090-5555-0101"
    assert contacts[0].notes == ()
    assert info.issues == [ParseIssue(5, BARE_NAME), ParseIssue(6, BARE_NAME)]
    assert not info.read_in_part()


def test_the_rest_of_an_encoded_value_stays_a_part_not_read() -> None:
    # Review 14: read as notes, a quoted-printable note's broken-off lines were
    # undecoded text (持病 missed, exit 0), and a 3.0 photo's unindented base64 lines
    # notes that rules misread as passwords. They stay unread, and said so.
    qp = card(
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9A=97=E8=A8=BC=0D=0A",
        "=E6=8C=81=E7=97=85 =E7=B3=96=E5=B0=BF=E7=97=85",
    )
    contacts, info = read(qp)
    assert [i.message for i in info.issues] == [SKIPPED_LINE]
    assert info.read_in_part() == 1
    photo = card(
        "PHOTO;ENCODING=b;TYPE=JPEG:", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", version="3.0"
    )
    contacts, info = read(photo)
    assert contacts[0].notes == ()
    assert info.read_in_part() == 1


def test_a_feature_phone_address_in_quoted_parts_is_read_without_the_quotes() -> None:
    """Japanese feature phones quote every ADR part (``"";"";"栄1-1";...``): the quotes
    were kept in each part, and reports read ``"名古屋市"`` (QA formats)."""
    card = (
        'BEGIN:VCARD\r\nVERSION:2.1\r\nN:架空;太郎\r\nADR;HOME:"";"";"栄1-1";"名古屋市";'
        '"愛知県";"460-0008";""\r\nADR;WORK:;;"Quoted" Street 5;Town;;;\r\nEND:VCARD\r\n'
    )
    [contact], _ = read(card.encode())
    home, work = contact.addresses
    assert (home.po_box, home.street, home.locality, home.postal_code) == (
        "",
        "栄1-1",
        "名古屋市",
        "460-0008",
    )
    assert work.street == '"Quoted" Street 5'  # one part's own quotes stay
