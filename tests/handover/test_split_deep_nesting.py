"""``split`` of nested vCard 2.1 cards thousands deep (a hostile or broken export):
``scan`` reads them, so the hand-over must too. It crashed with RecursionError past
~980 levels and took quadratic time (QA round 6). All data fictional."""

from __future__ import annotations

from pathlib import Path

from cli_app import app
from typer.testing import CliRunner

from piiaudit.parsers import ParseOptions, open_input

runner = CliRunner()


def _count(path: Path) -> int:
    with open_input(str(path), ParseOptions()) as parsed:
        return sum(1 for _ in parsed.contacts)


def test_a_card_nested_3000_deep_goes_whole_to_one_output(tmp_path: Path) -> None:
    depth = 3000
    export = tmp_path / "deep.vcf"
    export.write_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Level\n" * depth + "END:VCARD\n" * depth, encoding="utf-8"
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["split", str(export), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    written = [p for p in out.glob("*.vcf") if p.stat().st_size]
    assert len(written) == 1  # the outermost card decides where all of it goes
    assert written[0].read_bytes() == export.read_bytes()
    assert _count(written[0]) == _count(export) == depth


def test_many_cards_each_with_a_nested_card_are_all_handed_over(tmp_path: Path) -> None:
    pairs = 4000
    card = (
        "BEGIN:VCARD\nVERSION:2.1\nFN:Outer {n}\n"
        "BEGIN:VCARD\nVERSION:2.1\nFN:Inner {n}\nEND:VCARD\nEND:VCARD\n"
    )
    export = tmp_path / "pairs.vcf"
    export.write_text("".join(card.format(n=n) for n in range(pairs)), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["split", str(export), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert sum(_count(p) for p in out.glob("*.vcf")) == 2 * pairs
