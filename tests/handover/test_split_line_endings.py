"""``split`` of an export whose line ends change style part-way (files from several
phones concatenated): every card reaches its output file byte for byte, its own line
ends included, and nothing is left behind as "not copied". All data fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_app import app
from typer.testing import CliRunner

LF_CARD = b"BEGIN:VCARD\nVERSION:3.0\nFN:A One\nTEL;TYPE=CELL:090-0000-0001\nEND:VCARD\n"
CR_CARD = b"BEGIN:VCARD\rVERSION:3.0\rFN:B Two\rTEL;TYPE=CELL:090-0000-0002\rEND:VCARD\r"
CRLF_CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:C Three\r\nEND:VCARD\r\n"
OVERRIDES = (
    "overrides:\n"
    '  - contact: "name:A One"\n    class: business\n    reason: supplier\n'
    '  - contact: "name:B Two"\n    class: private\n    reason: family\n'
)


@pytest.mark.parametrize(
    "cards",
    [(LF_CARD, CR_CARD, CRLF_CARD), (CR_CARD, LF_CARD, CRLF_CARD), (CRLF_CARD, CR_CARD, LF_CARD)],
    ids=["lf-cr-crlf", "cr-lf-crlf", "crlf-cr-lf"],
)
def test_mixed_line_ends_survive_into_the_right_file(
    tmp_path: Path, cards: tuple[bytes, bytes, bytes]
) -> None:
    export = tmp_path / "export.vcf"
    export.write_bytes(b"".join(cards))
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(OVERRIDES, encoding="utf-8")
    out = tmp_path / "handover"
    result = CliRunner().invoke(
        app, ["split", str(export), "--out-dir", str(out), "--override", str(overrides)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "business.vcf").read_bytes() == LF_CARD
    assert (out / "private.vcf").read_bytes() == CR_CARD
    assert (out / "review.vcf").read_bytes() == CRLF_CARD
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["not_copied"] == {"bytes": 0, "non_blank": []}
    assert len(manifest["contacts"]) == 3
