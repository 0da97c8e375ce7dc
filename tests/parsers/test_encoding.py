"""File-level encoding detection: what each kind of real export must come out as."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.encoding import Detected, decode_legacy, detect, normalize_name

CARD = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:{name}\r\nEND:VCARD\r\n"


def test_boms() -> None:
    text = CARD.format(name="山田")
    assert detect(codecs.BOM_UTF8 + text.encode()) == Detected("utf-8-sig", 3)
    assert detect(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == Detected("utf-16-le", 2)
    assert detect(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == Detected("utf-16-be", 2)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    assert detect(CARD.format(name="Ǽgean").encode(codec)) == Detected(codec, 0)


def test_plain_utf8_and_ascii() -> None:
    assert detect(CARD.format(name="山田").encode()).encoding == "utf-8"
    assert detect(CARD.format(name="Taro").encode()).encoding == "utf-8"


def test_utf8_cut_by_the_end_of_the_head_is_still_utf8() -> None:
    data = CARD.format(name="山田").encode()
    cut = data.index("田".encode()) + 1
    assert detect(data[:cut]).encoding == "utf-8"


def test_utf8_split_by_a_fold_is_utf8() -> None:
    raw = "βγδ".encode()
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + raw[:1] + b"\r\n " + raw[1:] + b"\r\n"
    assert detect(data).encoding == "utf-8"


def test_two_byte_utf8_folded_inside_each_character_is_utf8() -> None:
    """Folded inside ¦ (C2 A6) and æ (C3 A6), the bytes read as half-width katakana
    (ﾂｦ, ﾃｦ) line by line; unfolded they are UTF-8 text with a sign, so UTF-8."""
    folded = b"\r\n ".join(bytes([b]) for b in "¦;æ".encode())
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + folded + b"\r\nEND:VCARD\r\n"
    assert detect(data).encoding == "utf-8"


def test_shift_jis_without_declaration() -> None:
    assert detect(CARD.format(name="鈴木;一郎").encode("cp932")).encoding == "cp932"
    assert detect(CARD.format(name="ｱﾝﾄﾞｳ").encode("cp932")).encoding == "cp932"


def test_declared_charset_decides_for_a_legacy_file() -> None:
    data = b"N;CHARSET=ISO-8859-1:M\xfcller\r\nFN;CHARSET=ISO-8859-1:M\xfcller\r\n"
    assert detect(data).encoding == "windows-1252"


def test_latin1_is_not_mistaken_for_shift_jis() -> None:
    assert detect(CARD.format(name="Adèle Exemple").encode("latin-1")).encoding == "windows-1252"


@pytest.mark.parametrize(
    "text",
    [
        # every byte pair below also decodes as CP932: ß is the half-width kana ﾟ,
        # ä + a letter a kanji (QA round 4: "Weiﾟ Hans", "w臧lt AfD")
        "Vorname,Nachname,Notizen\r\nHans,Weiß,wählt AfD. Gespräch im März\r\n",
        "Straße privat,Ort privat\r\nLindenstraße 12,Hamburg\r\n",
        "Prénom,Nom\r\nHélène,Lefèvre\r\n",
    ],
)
def test_short_german_and_french_exports_are_not_read_as_shift_jis(text: str) -> None:
    data = text.encode("windows-1252")
    data.decode("cp932")  # the trap: a clean CP932 decode
    assert detect(data).encoding == "windows-1252"


def test_half_width_kana_in_runs_are_still_shift_jis() -> None:
    assert detect(CARD.format(name="ﾔﾏﾀﾞ ﾀﾛｳ").encode("cp932")).encoding == "cp932"


def test_a_bank_style_legal_form_is_shift_jis_even_alone() -> None:
    # ｶ) is 株式会社 in bank and payroll exports: a lone half-width kana, but a Japanese one.
    assert detect(CARD.format(name="ｶ)ABC").encode("cp932")).encoding == "cp932"
    assert detect(CARD.format(name="ABC(ﾕ").encode("cp932")).encoding == "cp932"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("SHIFT_JIS", "cp932"),
        ("Shift-JIS", "cp932"),
        ("x-sjis", "cp932"),
        ("UTF8", "utf-8"),
        ("US-ASCII", "utf-8"),
        ("ISO-8859-1", "windows-1252"),
        ("windows-1252", "windows-1252"),
        ("GBK", "gbk"),
        ("no-such-charset", None),
        ("SHIFT\x00JIS", None),
        ("rot13", None),
        ("hex", None),
        # not ASCII-compatible: no vCard line is written in them (QA round 16)
        ("cp037", None),
        ("cp500", None),
        ("cp1140", None),
        ("punycode", None),
        ("idna", None),
        ("UTF-7", None),
        ("UTF-16", None),
        ("EUC-JP", "euc-jp"),
        ("ISO-2022-JP", "iso-2022-jp"),
    ],
)
def test_charset_names(label: str, codec: str | None) -> None:
    assert normalize_name(label) == codec


@pytest.mark.parametrize("label", ["cp037", "cp500", "punycode", "idna", "utf-7", "utf-16"])
def test_one_cards_strange_charset_label_does_not_decide_the_file(
    tmp_path: Path, label: str
) -> None:
    """One card's NOTE;CHARSET=cp037 made the whole file EBCDIC (no contact found), and
    punycode or idna stopped it with an internal error: every contact lost (QA round 16).
    The label is unknown, said at its line; the other cards are read."""
    cards = [
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Fict;Number{n}\r\nTEL;CELL:090-0000-000{n}\r\nEND:VCARD\r\n"
        for n in range(2)
    ]
    odd = (
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Fict;Odd\r\nNOTE;CHARSET={label}:caf\xe9\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "export.vcf"
    path.write_bytes("".join(cards).encode("ascii") + odd.encode("latin-1"))
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        info = parsed.info
    assert [c.names.given for c in contacts] == ["Number0", "Number1", "Odd"]
    assert info.error is None
    assert any(i.line == 14 and label in i.message for i in info.issues), info.issues


def test_decode_legacy_falls_back_without_losing_bytes() -> None:
    assert decode_legacy("得意先".encode("cp932"), "cp932") == ("得意先", "cp932")
    assert decode_legacy("得意先".encode("cp932"), "utf-8") == ("得意先", "cp932")
    text, used = decode_legacy(b"Iksi\xf1ski", "utf-8")
    assert (text, used) == ("Iksiñski", "windows-1252")
    assert decode_legacy(b"\x81\x8d", "windows-1252")[0] == "\x81\x8d"


@pytest.mark.parametrize(
    "name", ["tine20/importtest_win1252.csv", "tine20/importtest_outlook2013.csv"]
)
def test_german_outlook_exports_read_as_windows_1252(corpus_dir: Path, name: str) -> None:
    """Statistical detection misread these short German files as cp1251/cp775/cp1250."""
    assert detect((corpus_dir / name).read_bytes()).encoding == "windows-1252"


def test_german_names_come_out_right_through_open_input(corpus_dir: Path) -> None:
    with open_input(str(corpus_dir / "tine20/importtest_win1252.csv"), ParseOptions()) as parsed:
        families = [c.names.family for c in parsed.contacts]
    assert "Üglü" in families


def test_western_prior_does_not_swallow_cyrillic() -> None:
    text = "Name,Phone\nИван Петров,+7 495 123 45 67\nСергей Иванов,+7 495 765 43 21\n"
    assert detect(text.encode("cp1251")).encoding == "cp1251"
    latin = "Name,Phone\nJürgen Müller,+49 30 1234567\nFrançois Lefèvre,+33 1 23 45 67 89\n"
    assert detect(latin.encode("cp1252")).encoding == "windows-1252"


# QA formats: Outlook writes CSV in the system's code page, Windows-1250 in Poland,
# Czechia and Hungary; read as Windows-1252 (Łukasz as £ukasz) with no word said.
@pytest.mark.parametrize(
    "text",
    [
        "Imię,Nazwisko\r\nŁukasz,Żółkiewski\r\n",
        "N:Michał\r\n",
        "N:Dąbrowski\r\n",
        "NOTE:może\r\n",
        "Jméno,Příjmení\r\nAntonín,Dvořák\r\n",
        "ADR:;;;Město;\r\n",
        "N:Růžena\r\n",
        "Szőke,Tünde,Győr\r\n",
    ],
)
def test_central_european_text_is_windows_1250(text: str) -> None:
    assert detect(text.encode("cp1250")) == Detected("cp1250")


@pytest.mark.parametrize(
    "text",
    [
        "Vorname,Nachname\r\nJürgen,Müller\r\nPreis £20, 3 m³, ¼ Liter\r\n",
        "Nombre\r\n¿Qué tal?,Muñoz,Nº 3\r\n",
        "Prénom\r\nRené,Lefèvre,où, sûr, goût, Ève, cœur\r\n",
        "Fornavn,By\r\nSøren,København\r\nBjørn,Århus,Høeg\r\n",
        "Nome,Città\r\nNiccolò,Forlì,Cantù,più\r\n",
        "Nome\r\nJoão,ações,Camões\r\n",
    ],
)
def test_western_text_stays_windows_1252(text: str) -> None:
    assert detect(text.encode("cp1252")) == Detected("windows-1252")


def test_a_classic_mac_file_is_mac_roman() -> None:
    """Excel for Mac's "CSV (Macintosh)": Mac OS Roman, lines ending in CR alone."""
    data = "First Name,Notes\rRené,Diabète – suivi\r".encode("mac_roman")
    assert detect(data) == Detected("mac-roman")
    assert detect(data.replace(b"\r", b"\r\n")) != Detected("mac-roman")


@pytest.mark.parametrize(
    ("text", "codec"),
    [("Имя,Фамилия\r\nмы,щука,Тверь\r\n", "cp1251"), ("Όνομα,Επώνυμο\r\nΝίκος\r\n", "cp1253")],
)
def test_cyrillic_and_greek_are_not_taken_for_windows_1250(text: str, codec: str) -> None:
    """Read as Windows-1252 they show Czech-looking pairs (мы is ìû): whole words of
    accented letters say they are neither (found with the Russian Outlook headers)."""
    assert detect(text.encode(codec)).encoding != "cp1250"


@pytest.mark.parametrize("label", ["raw_unicode_escape", "RAW-UNICODE-ESCAPE"])
def test_a_charset_that_reads_backslash_escapes_is_unknown(label: str) -> None:
    """raw_unicode_escape reads the text ``\\ud83d`` as a lone surrogate, which no hand-over
    file can be written with: minimize ended in an internal error (hostile QA F1). A vCard
    charset must read ASCII text, backslashes included, as itself."""
    assert normalize_name(label) is None
    assert normalize_name("shift_jis") == "cp932"  # its 0x5C is read as a backslash
