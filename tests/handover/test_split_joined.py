"""``split`` of two exports joined without a line break (``END:VCARDBEGIN:VCARD``).

Each card goes to its own file, and a card cut from a joined line gets the line
break it lacked, so no output file holds two cards on one line. All data is
fictional.
"""

from __future__ import annotations

from pathlib import Path

from handover_setup import card_names, run_handover, write_export

FIRST = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:青木 誠\r\nORG:架空商事株式会社\r\nEND:VCARD"
SECOND = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:原田 修\r\nORG:架空工業株式会社\r\nEND:VCARD\r\n"
MOTHER = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:母\r\nNOTE:通院 毎週火曜\r\nEND:VCARD\r\n"


def test_joined_cards_are_split_apart_and_each_ends_its_line(tmp_path: Path) -> None:
    # Three files joined with cat, each ending without a line break but the last.
    export = write_export(tmp_path, FIRST + SECOND.removesuffix("\r\n") + MOTHER)
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "read as two cards" in result.output
    business = (out / "business.vcf").read_bytes()
    assert b"END:VCARDBEGIN:VCARD" not in business
    assert business == (FIRST + "\r\n" + SECOND).encode()
    assert card_names(out / "business.vcf") == ["青木 誠", "原田 修"]
    assert card_names(out / "private.vcf") == ["母"]
