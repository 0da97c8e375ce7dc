"""``--region`` reaches the rules that read numbers written in notes, not only the readers.

A German customer's private mobile written in a note (``privat 0171 5550123``) was read in
Japan's plan even with ``--region DE``: only the readers took the option, so the number was
no mobile and went unreported. The same run over a number field found it. Fictional data.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kurt Beispiel\r\nORG:Beispiel GmbH\r\n"
    "TEL;TYPE=WORK:030 5550 1200\r\nNOTE:Handy privat 0171 5550123\r\nEND:VCARD\r\n"
)


def _note_findings(tmp_path: Path, *options: str) -> list[str]:
    export = tmp_path / "phone.vcf"
    export.write_text(CARD, encoding="utf-8")
    result = runner.invoke(app, ["scan", str(export), "-f", "json", "--jobs", "1", *options])
    assert result.exit_code == 0, result.output
    [contact] = json.loads(result.stdout)["contacts"]
    return [f["rule"] for f in contact["findings"] if f["field"].startswith("notes")]


def test_a_mobile_in_a_note_is_read_in_the_region_given(tmp_path: Path) -> None:
    assert _note_findings(tmp_path, "--region", "DE") == ["GDPR-PHONE-001"]
    assert _note_findings(tmp_path, "--region", "de") == ["GDPR-PHONE-001"]


def test_without_the_region_the_national_number_is_not_a_mobile(tmp_path: Path) -> None:
    assert _note_findings(tmp_path) == []


def test_the_profile_region_does_the_same(tmp_path: Path) -> None:
    config = tmp_path / "piiaudit.yaml"
    config.write_text("region: DE\n", encoding="utf-8")
    assert _note_findings(tmp_path, "--config", str(config)) == ["GDPR-PHONE-001"]
