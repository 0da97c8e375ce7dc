"""What each card of the hand-over file is made of (QA round 10): no card that is empty,
a FN on every card, lines folded at 75 octets, no control characters, and a company card
that stays a company card. All data is fictional."""

from __future__ import annotations

from pathlib import Path

import vobject
from handover_fakes import contact
from handover_setup import run_handover, run_piiaudit, write_export

from piiaudit.handover.vcard_writer import fold_octets, serialize_cards
from piiaudit.model import Names

NAMELESS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:\r\nTEL;type=WORK:03-5555-0950\r\n"
    "TEL;type=CELL:090-5555-0951\r\nEMAIL;type=WORK:info@example.co.jp\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;CELL:090-5555-0952\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL;type=WORK:sales@example.co.jp\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:\r\nORG:株式会社見本\r\n"
    "TEL;type=CELL:090-5555-0953\r\nEND:VCARD\r\n"
)


def _minimize(tmp_path: Path, cards: str, *extra: str) -> tuple[str, str]:
    source = write_export(tmp_path, cards)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(source), "-o", str(out), "--all-business", *extra)
    assert result.exit_code == 0, result.output
    return out.read_bytes().decode("utf-8"), result.output


def test_a_card_left_with_nothing_is_not_written_and_is_named(tmp_path: Path) -> None:
    text, output = _minimize(tmp_path, NAMELESS, "--lang", "en")
    names = [card.fn.value for card in vobject.readComponents(text)]
    # The 2.1 card held only a personal mobile: nothing is left, so nothing is written.
    assert names == ["info@example.co.jp", "sales@example.co.jp", "株式会社見本"]
    assert "1 contact had nothing left to hand over" in output
    assert "#1 (line 9)" in output


def test_the_name_only_message_is_said_only_of_cards_with_a_name(tmp_path: Path) -> None:
    # The organisation card keeps its name (the company's) and nothing else: the message
    # is right for it, and it counts one contact, not the emptied one.
    _, output = _minimize(tmp_path, NAMELESS, "--lang", "ja")
    assert "書き出した連絡先のうち 1 件は" in output
    assert "1 件の連絡先は引き継ぐ項目が残らなかった" in output
    _, output = _minimize(tmp_path, NAMELESS.rsplit("BEGIN:VCARD", 1)[0], "--force", "--lang", "en")
    assert "name only" not in output and "names only" not in output


def test_a_nameless_card_gets_a_fn_piiaudit_reads_back(tmp_path: Path) -> None:
    text, _ = _minimize(tmp_path, NAMELESS)
    assert "FN:\r\n" not in text
    listed = run_piiaudit("contacts", str(tmp_path / "for-company.vcf"), "--show-pii")
    assert listed.exit_code == 0, listed.output
    assert "info@example.co.jp" in listed.output


def test_lines_are_folded_at_75_octets_never_inside_a_character(tmp_path: Path) -> None:
    street = "大手町一丁目二番三号 サンプルタワー二十五階 南側 受付奥"
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:長住所;太郎;;;\r\nFN:長住所 太郎\r\n"
        "ORG:株式会社サンプル長い名前のホールディングス;"
        "東日本営業本部 首都圏第一営業部 法人営業課\r\n"
        f"ADR;type=WORK:;;{street};千代田区;東京都;100-0004;日本\r\n"
        "TEL;type=WORK:03-5555-0150\r\nEND:VCARD\r\n"
    )
    text, _ = _minimize(tmp_path, cards)
    raw = (tmp_path / "for-company.vcf").read_bytes()
    physical = raw.split(b"\r\n")
    assert max(len(line) for line in physical) <= 75
    assert any(line.startswith(b" ") for line in physical)  # something was folded
    for line in physical:
        line.decode("utf-8")  # strict: no UTF-8 sequence cut between two lines
    (card,) = vobject.readComponents(text)
    assert card.adr.value.street == street
    assert card.org.value == [
        "株式会社サンプル長い名前のホールディングス",
        "東日本営業本部 首都圏第一営業部 法人営業課",
    ]


def test_fold_octets_counts_bytes_not_characters() -> None:
    folded = fold_octets("NOTE:" + "あ" * 30)  # 5 + 90 octets
    first, second, end = folded.split("\r\n")
    assert len(first.encode()) == 74  # 5 + 23 characters of 3 octets: one more is 77
    assert second == " " + "あ" * 7 and end == ""
    assert fold_octets("FN:short") == "FN:short\r\n"


def test_control_characters_are_not_written(tmp_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nul\x00Byte\x07\r\nN:Byte;Nul\x1b;;;\r\n"
        "ORG:Example\tLtd\r\nTEL;type=WORK:03-5555-0990\r\nEND:VCARD\r\n"
    )
    _minimize(tmp_path, cards)
    raw = (tmp_path / "for-company.vcf").read_bytes()
    assert b"\x00" not in raw and b"\x07" not in raw and b"\x1b" not in raw
    assert b"FN:NulByte\r\n" in raw
    assert b"ORG:Example\tLtd\r\n" in raw  # a tab is no control character here


def test_c1_control_characters_are_not_written() -> None:
    """A legacy export's byte with no character in its code page (0x81 in Windows-1252)
    is read as Latin-1, a C1 control U+0080-U+009F: it was written into the hand-over as
    it came, though no importer shows it as text (handover QA)."""
    card = contact(
        0,
        names=Names(formatted="J\x81rg M\u00fcller", family="M\u00fcller", given="J\x81rg"),
        organizations=("Beispiel\x8d AG",),
        titles=("\x9bEinkauf",),
    )
    text = serialize_cards([card])
    assert not any(0x80 <= ord(ch) <= 0x9F for ch in text)
    assert "ORG:Beispiel AG\r\n" in text and "N:Müller;Jrg;;;\r\n" in text
    assert "TITLE:Einkauf\r\n" in text


def test_a_company_card_stays_a_company_card(tmp_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:株式会社サンプル運輸\r\n"
        "ORG:株式会社サンプル運輸;\r\nX-PHONETIC-ORG:さんぷるうんゆ\r\n"
        "TEL;type=WORK;type=VOICE:03-5555-0140\r\nX-ABShowAs:COMPANY\r\n"
        "NOTE:担当 山田さん 090-5555-0141\r\nEND:VCARD\r\n"
    )
    text, _ = _minimize(tmp_path, cards)
    lines = text.split("\r\n")
    assert "N:;;;;" in lines  # not the company as a family name
    assert "X-ABSHOWAS:COMPANY" in lines and "X-PHONETIC-ORG:さんぷるうんゆ" in lines
    assert "NOTE" not in text
    google = (
        "Name,Organization Name,Phone 1 - Label,Phone 1 - Value\n"
        ",株式会社サンプル運輸,Work,03-5555-0140\n"
    )
    source = write_export(tmp_path, google, "google.csv")
    out = tmp_path / "google-out.vcf"
    assert run_handover("minimize", str(source), "-o", str(out), "--all-business").exit_code == 0
    assert "N:;;;;" in out.read_bytes().decode("utf-8").split("\r\n")  # the same as from iOS
