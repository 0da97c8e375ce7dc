"""``split`` of a card whose first lines are not in the export (a file cut off at the top,
cards copied out of the middle of one, a card that starts at its VERSION line): the output
gets the card with the BEGIN:VCARD (and VERSION) it lacked, so that importers read it as a
card. Copied bare, its lines were junk between cards: a contact handed over was lost to
every importer. All data fictional."""

from __future__ import annotations

import json
from pathlib import Path

import vobject
from handover_fakes import FakeEngine

from piiaudit.handover.split import read_plan, write_split
from piiaudit.parsers import ParseOptions, open_input

# The tail of a vCard 2.1 card (its BEGIN and VERSION cut off), then a whole 2.1 card.
CUT_TAIL = b"TEL;CELL:090-0000-3501\r\nFN:Endo Ai\r\nEND:VCARD\r\n"
WHOLE_21 = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Fujii;Go;;;\r\nFN:Fujii Go\r\nEND:VCARD\r\n"
FROM_VERSION = b"VERSION:3.0\nN:Goto;Ken;;;\nFN:Goto Ken\nTEL:03-0000-3502\nEND:VCARD\n"


def _split(tmp_path: Path, data: bytes) -> Path:
    export = tmp_path / "export.vcf"
    export.write_bytes(data)
    plan = read_plan(export, FakeEngine(), ParseOptions(), None)
    out = tmp_path / "out"
    out.mkdir()
    write_split(plan, out, force=False, overrides=None)
    return out


def _names(path: Path) -> list[tuple[str, int]]:
    """(name, issue count) of each contact piiaudit reads from ``path``."""
    with open_input(str(path), ParseOptions()) as parsed:
        return [(c.display_name(), len(c.issues)) for c in parsed.contacts]


def test_a_card_cut_off_at_the_top_gets_begin_and_the_files_version(tmp_path: Path) -> None:
    out = _split(tmp_path, CUT_TAIL + WHOLE_21)
    business = out / "business.vcf"
    opened = b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + CUT_TAIL
    assert business.read_bytes() == opened + WHOLE_21
    assert _names(business) == [("Endo Ai", 0), ("Fujii Go", 0)]  # a whole card now
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["begin_added"] == [
        {"index": 0, "line": 1, "file": "business.vcf", "lines": ["BEGIN:VCARD", "VERSION:2.1"]}
    ]


def test_a_card_that_starts_at_its_version_gets_begin_in_its_line_ending(
    tmp_path: Path,
) -> None:
    out = _split(tmp_path, FROM_VERSION)
    business = out / "business.vcf"
    assert business.read_bytes() == b"BEGIN:VCARD\n" + FROM_VERSION
    cards = list(vobject.readComponents(business.read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Goto Ken"]


def test_whole_cards_get_nothing_added(tmp_path: Path) -> None:
    out = _split(tmp_path, WHOLE_21)
    assert (out / "business.vcf").read_bytes() == WHOLE_21
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["begin_added"] == []
