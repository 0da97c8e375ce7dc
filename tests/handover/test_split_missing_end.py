"""``split`` of a card the export left without ``END:VCARD`` (a phone cut off mid-export,
exports joined with ``cat``): the output gets the card followed by the END line it lacked,
in the card's own line ending and encoding, so that importers read it as one card and the
three outputs still give back exactly the contacts that were read. All data fictional."""

from __future__ import annotations

import json
from pathlib import Path

import vobject
from cli_app import app
from handover_fakes import FakeEngine
from typer.testing import CliRunner

from piiaudit.handover.split import read_plan, write_split
from piiaudit.model import ContactClass
from piiaudit.parsers import ParseOptions, open_input

OPEN_CARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Endo;Ai;;;\r\nFN:Endo Ai\r\nORG:Alpha KK\r\n"
    b"TEL;TYPE=WORK:03-0000-3401\r\n"
)
NEXT_CARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Fujii;Go;;;\r\nFN:Fujii Go\r\nORG:Beta KK\r\nEND:VCARD\r\n"
)


def _split(tmp_path: Path, data: bytes, engine: FakeEngine | None = None) -> Path:
    export = tmp_path / "export.vcf"
    export.write_bytes(data)
    plan = read_plan(export, engine or FakeEngine(), ParseOptions(), None)
    out = tmp_path / "out"
    out.mkdir()
    write_split(plan, out, force=False, overrides=None)
    return out


def _read_back(path: Path) -> list[tuple[str, int]]:
    """(name, issue count) of each contact piiaudit reads from ``path``."""
    with open_input(str(path), ParseOptions()) as parsed:
        return [(c.display_name(), len(c.issues)) for c in parsed.contacts]


def test_a_card_closed_at_the_next_begin_gets_its_end_line(tmp_path: Path) -> None:
    out = _split(tmp_path, OPEN_CARD + NEXT_CARD)
    business = out / "business.vcf"
    assert business.read_bytes() == OPEN_CARD + b"END:VCARD\r\n" + NEXT_CARD
    assert _read_back(business) == [("Endo Ai", 0), ("Fujii Go", 0)]
    cards = list(vobject.readComponents(business.read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Endo Ai", "Fujii Go"]


def test_each_card_goes_to_its_own_file_closed(tmp_path: Path) -> None:
    engine = FakeEngine({0: ContactClass.PRIVATE, 1: ContactClass.BUSINESS})
    out = _split(tmp_path, OPEN_CARD + NEXT_CARD, engine)
    assert (out / "private.vcf").read_bytes() == OPEN_CARD + b"END:VCARD\r\n"
    assert (out / "business.vcf").read_bytes() == NEXT_CARD
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # A private card: no line (QA2 A3: the manifest may go to the company).
    assert manifest["end_added"] == [{"index": 0, "file": "private.vcf", "lines": 1}]
    assert manifest["outputs"]["private"]["bytes"] == len(OPEN_CARD) + len(b"END:VCARD\r\n")


def test_a_card_cut_at_the_end_of_the_file_without_a_newline(tmp_path: Path) -> None:
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Goto Ren\nTEL;TYPE=WORK:03-0000-3403"
    out = _split(tmp_path, NEXT_CARD + card)
    business = out / "business.vcf"
    assert business.read_bytes() == NEXT_CARD + card + b"\nEND:VCARD\n"
    assert _read_back(business) == [("Fujii Go", 0), ("Goto Ren", 0)]


def test_a_cr_only_card_is_closed_with_a_cr(tmp_path: Path) -> None:
    card = b"BEGIN:VCARD\rVERSION:3.0\rFN:Hara Mio\rTEL;TYPE=WORK:03-0000-3404\r"
    out = _split(tmp_path, card + NEXT_CARD)
    assert (out / "business.vcf").read_bytes() == card + b"END:VCARD\r" + NEXT_CARD
    assert _read_back(out / "business.vcf") == [("Hara Mio", 0), ("Fujii Go", 0)]


def test_a_utf16_card_is_closed_in_utf16(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:井上 陸\r\nORG:例株式会社\r\n"
    data = b"\xff\xfe" + text.encode("utf-16-le")
    out = _split(tmp_path, data)
    written = (out / "business.vcf").read_bytes()
    assert written == data + "END:VCARD\r\n".encode("utf-16-le")
    assert _read_back(out / "business.vcf") == [("井上 陸", 0)]


def test_a_21_card_left_open_around_a_nested_one_gets_both_ends(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\nVERSION:2.1\nFN:Kato Sora\nBEGIN:VCARD\nVERSION:2.1\nFN:Kato Umi\n"
    out = _split(tmp_path, data)
    assert (out / "business.vcf").read_bytes() == data + b"END:VCARD\nEND:VCARD\n"
    assert sorted(_read_back(out / "business.vcf")) == [("Kato Sora", 0), ("Kato Umi", 0)]


def test_a_21_card_missing_its_end_leaves_the_next_customer_its_own_file(tmp_path: Path) -> None:
    """QA round 5 (JA B2): the customer after a 2.1 card without END was filed inside it,
    in review.vcf; the card is now closed where the next one begins, and each card goes
    where its own classification sends it."""
    open_21 = OPEN_CARD.replace(b"VERSION:3.0", b"VERSION:2.1")
    next_21 = NEXT_CARD.replace(b"VERSION:3.0", b"VERSION:2.1")
    engine = FakeEngine({0: ContactClass.UNKNOWN, 1: ContactClass.BUSINESS})
    out = _split(tmp_path, open_21 + next_21, engine)
    assert (out / "review.vcf").read_bytes() == open_21 + b"END:VCARD\r\n"
    assert (out / "business.vcf").read_bytes() == next_21


def test_cards_with_their_end_are_copied_untouched(tmp_path: Path) -> None:
    out = _split(tmp_path, NEXT_CARD + NEXT_CARD.replace(b"Fujii", b"Ishii"))
    assert (out / "business.vcf").read_bytes() == NEXT_CARD + NEXT_CARD.replace(b"Fujii", b"Ishii")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["end_added"] == []


def test_the_terminal_names_the_broken_cards_own_begin_line(tmp_path: Path) -> None:
    export = tmp_path / "export.vcf"
    export.write_bytes(NEXT_CARD + OPEN_CARD + NEXT_CARD)
    runner = CliRunner()
    for extra in (["--dry-run"], []):
        result = runner.invoke(
            app, ["split", str(export), "--out-dir", str(tmp_path / "h"), "--lang", "en", *extra]
        )
        assert result.exit_code == 0, result.output
        # The reader notices the missing END at the next card (line 13); the card is at 7.
        assert f"{export}:13: card has no END:VCARD" in result.output
        assert f"{export}:7: card #1 starts here and has no END:VCARD" in result.output
        assert "except that the card without END:VCARD gets that line added" in result.output
        assert "every card is still copied byte for byte, but" not in result.output


def test_the_dry_run_plan_says_which_card_gets_an_end(tmp_path: Path) -> None:
    export = tmp_path / "export.vcf"
    export.write_bytes(OPEN_CARD + NEXT_CARD)
    result = CliRunner().invoke(
        app,
        ["split", str(export), "--out-dir", str(tmp_path / "h"), "--lang", "en", "--dry-run"],
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  #")]
    assert len(lines) == 2
    assert lines[0].endswith("; END:VCARD added)")
    assert "END:VCARD added" not in lines[1]
