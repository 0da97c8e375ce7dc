"""The vCard reader on small synthetic cards, one format rule per test (all data fictional)."""

from __future__ import annotations

import base64
import codecs
from pathlib import Path
from typing import Any

import pytest

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


# --------------------------------------------------------------------- folding


def test_30_unfolding_drops_one_whitespace(tmp_path: Path) -> None:
    contact = one(tmp_path, card("NOTE:abc", " def", "\tghi", "FN:Taro"))
    assert contact.notes == ("abcdefghi",)
    assert contact.names.formatted == "Taro"


def test_21_unfolding_keeps_the_whitespace(tmp_path: Path) -> None:
    contact = one(tmp_path, card("NOTE:abc", " def", version="2.1"))
    assert contact.notes == ("abc def",)


def test_fold_inside_a_utf8_character_is_joined_before_decoding(tmp_path: Path) -> None:
    note = "メモ".encode()
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:"
        + note[:2]
        + b"\r\n "
        + note[2:]
        + b"\r\nEND:VCARD\r\n"
    )
    info, (contact,) = parse(tmp_path, data)
    assert contact.notes == ("メモ",)
    assert info.encoding == "utf-8"


def test_fold_inside_parameters(tmp_path: Path) -> None:
    contact = one(tmp_path, card("TEL;TYPE=VOICE,M", "\tSG,WORK:+81-3-0000-0000"))
    assert contact.phones[0].labels == ("voice", "msg", "work")


# ----------------------------------------------------------- quoted-printable


def test_qp_soft_breaks_join_lines_and_split_characters(tmp_path: Path) -> None:
    encoded = "".join(f"={b:02X}" for b in "山田 太郎".encode())
    first, second = encoded[:10], encoded[10:]
    data = card(f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{first}=", second, version="2.1")
    assert one(tmp_path, data).names.formatted == "山田 太郎"


def test_qp_with_shift_jis_charset(tmp_path: Path) -> None:
    encoded = "".join(f"={b:02X}" for b in "得意先メモ".encode("cp932"))
    data = card(f"NOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{encoded}", version="2.1")
    assert one(tmp_path, data).notes == ("得意先メモ",)


def test_bare_quoted_printable_parameter(tmp_path: Path) -> None:
    data = card("NOTE;QUOTED-PRINTABLE:line one=0D=0Aline two", version="2.1")
    assert one(tmp_path, data).notes == ("line one\r\nline two",)


def test_base64_text_property_is_decoded_with_its_charset(tmp_path: Path) -> None:
    value = base64.b64encode("佐藤 花子".encode("cp932")).decode("ascii")
    data = card(f"FN;CHARSET=SHIFT_JIS;ENCODING=BASE64:{value}", "", version="2.1")
    assert one(tmp_path, data).names.formatted == "佐藤 花子"


# ---------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    ("line", "labels"),
    [
        ("TEL;CELL;PREF:090-0000-0001", ("cell", "pref")),
        ("TEL;TYPE=cell,voice:090-0000-0001", ("cell", "voice")),
        ("TEL;type=HOME;type=pref:090-0000-0001", ("home", "pref")),
        ('TEL;TYPE="voice,home":090-0000-0001', ("voice", "home")),
        ('TEL;TYPE="A,B:C",PREF:090-0000-0001', ("a", "b:c", "pref")),
        ("TEL;TYPE=PREF\\,WORK\\,VOICE:090-0000-0001", ("pref", "work", "voice")),
        ("TEL;PREF=1;TYPE=cell:090-0000-0001", ("cell", "pref")),
        ("TEL;TYPE=WORK,:090-0000-0001", ("work",)),
        ("TEL;TYPE=Mobile:090-0000-0001", ("cell",)),
        ('TEL;TYPE="費":090-0000-0001', ("費",)),
    ],
)
def test_phone_labels(tmp_path: Path, line: str, labels: tuple[str, ...]) -> None:
    phone = one(tmp_path, card(line)).phones[0]
    assert phone.labels == labels
    assert phone.value == "090-0000-0001"


def test_empty_and_garbled_parameters_keep_the_value(tmp_path: Path) -> None:
    contact = one(tmp_path, card("NOPARAM;:id-1", "TAIL;PARAM=value;:id-2", "MID;P=v;;Q=w:id-3"))
    assert contact.other["NOPARAM"] == ("id-1",)
    assert contact.other["TAIL"] == ("id-2",)
    assert contact.other["MID"] == ("id-3",)


def test_rfc6868_caret_escapes_in_parameters(tmp_path: Path) -> None:
    line = "ADR;LABEL=\"1-2-3 Example^nTokyo ^'HQ^'\":;;1-2-3 Example;Tokyo;;;Japan"
    address = one(tmp_path, card(line, version="4.0")).addresses[0]
    assert address.formatted == '1-2-3 Example\nTokyo "HQ"'
    assert (address.street, address.locality, address.country) == (
        "1-2-3 Example",
        "Tokyo",
        "Japan",
    )


def test_tel_uri_value(tmp_path: Path) -> None:
    phone = one(
        tmp_path, card("TEL;VALUE=uri;TYPE=cell:tel:+81-90-0000-0002", version="4.0")
    ).phones[0]
    assert phone.value == "tel:+81-90-0000-0002"
    assert phone.e164 == "+819000000002"


# ------------------------------------------------------------------- escapes


def test_30_escapes(tmp_path: Path) -> None:
    contact = one(tmp_path, card(r"NOTE:a\nb\Nc\,d\;e\\f", r"N:Family\;X;Given\,Y;;;"))
    assert contact.notes == ("a\nb\nc,d;e\\f",)
    assert (contact.names.family, contact.names.given) == ("Family;X", "Given,Y")


def test_21_commas_are_literal_and_never_cut(tmp_path: Path) -> None:
    contact = one(
        tmp_path, card("NOTE:met at fair, booth 3, day 2", "EMAIL:a,b@example.com", version="2.1")
    )
    assert contact.notes == ("met at fair, booth 3, day 2",)
    assert contact.emails[0].value == "a,b@example.com"


def test_shift_jis_backslash_trail_byte_is_not_an_escape(tmp_path: Path) -> None:
    family, given = "表", "ソ"  # 95 5C and 83 5C in Shift_JIS
    raw = f"{family};{given};;;".encode("cp932")
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:" + raw + b"\r\nEND:VCARD\r\n"
    contact = one(tmp_path, data)
    assert (contact.names.family, contact.names.given) == (family, given)


# ------------------------------------------------------------ line endings


@pytest.mark.parametrize("eol", ["\r\n", "\n", "\r\r\n", "\r"])
def test_line_endings(tmp_path: Path, eol: str) -> None:
    data = card("FN:Taro", "NOTE:one", " two", "TEL:090-0000-0003", eol=eol)
    contact = one(tmp_path, data)
    assert contact.names.formatted == "Taro"
    assert contact.notes == ("onetwo",)
    assert contact.phones[0].value == "090-0000-0003"


def test_mixed_endings_and_no_final_newline(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\nVERSION:3.0\r\nFN:Taro\r\r\nTEL:1234567\nEND:VCARD"
    contact = one(tmp_path, data)
    assert contact.names.formatted == "Taro"
    assert contact.source.end == len(data)


# ------------------------------------------------------------ encodings


def test_utf8_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + card("FN:山田")
    info, (contact,) = parse(tmp_path, data)
    assert info.encoding == "utf-8-sig"
    assert contact.names.formatted == "山田"
    assert contact.source.start == 3


@pytest.mark.parametrize(("codec", "bom"), [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", b"")])
def test_utf16_offsets_are_bytes_of_the_original(tmp_path: Path, codec: str, bom: bytes) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ǽgean 𠀋\r\nEND:VCARD\r\n\r\n"
    data = bom + (text * 2).encode(codec)
    info, contacts = parse(tmp_path, data)
    assert info.encoding == codec
    assert [c.names.formatted for c in contacts] == ["Ǽgean 𠀋"] * 2
    for contact in contacts:
        chunk = data[contact.source.start : contact.source.end].decode(codec)
        assert chunk == text.rstrip("\r\n") + "\r\n"


def test_undeclared_shift_jis_file(tmp_path: Path) -> None:
    data = card("N:鈴木;一郎;;;", "ORG:架空商事", version="2.1").decode().encode("cp932")
    info, (contact,) = parse(tmp_path, data)
    assert info.encoding == "cp932"
    assert contact.organizations == ("架空商事",)


def test_declared_utf8_wins_in_a_shift_jis_file(tmp_path: Path) -> None:
    sjis = b"FN;CHARSET=SHIFT_JIS:" + "田中".encode("cp932")
    utf8 = b"NOTE;CHARSET=UTF-8:" + "ドコモ".encode()
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + sjis + b"\r\n" + utf8 + b"\r\nEND:VCARD\r\n"
    contact = one(tmp_path, data)
    assert (contact.names.formatted, contact.notes) == ("田中", ("ドコモ",))


def test_latin1_file_is_not_read_as_shift_jis(tmp_path: Path) -> None:
    data = card("FN:Adèle Exemple", version="2.1").decode().encode("latin-1")
    info, (contact,) = parse(tmp_path, data)
    assert contact.names.formatted == "Adèle Exemple"
    assert info.encoding != "cp932"


@pytest.mark.parametrize("charset", ["rot13", "hex", "no-such-charset", "idna"])
def test_unusable_charset_is_an_issue_not_a_crash(tmp_path: Path, charset: str) -> None:
    value = "Café Exemple".encode()
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=" + charset.encode() + b":" + value
    info, (contact,) = parse(tmp_path, data + b"\r\nTEL:090-0000-0009\r\nEND:VCARD\r\n")
    assert contact.names.formatted == "Café Exemple"
    assert contact.phones[0].value == "090-0000-0009"
    assert [i.line for i in info.issues] == [3]
