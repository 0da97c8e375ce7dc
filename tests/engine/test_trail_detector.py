"""A finding's ``--explain`` trail names the detector that fired, not all of its rule's.

A rule with ``match: any`` has several detectors (CORE-PHONE-001: Japanese and
other mobiles, then North American cell numbers by label); its trail said
"phone + phone" whichever fired. All data is fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.engine import Engine, Profile

runner = CliRunner()
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:青木 健\r\nORG:架空商事株式会社\r\nTITLE:営業部長\r\n"
    "TEL;TYPE=CELL:090-3141-5926\r\nEND:VCARD\r\n"
)


def _trails(tmp_path: Path) -> dict[str, dict[str, str]]:
    export = tmp_path / "export.vcf"
    export.write_text(CARD, encoding="utf-8")
    result = runner.invoke(app, ["scan", str(export), "-f", "json", "--explain"])
    assert result.exit_code == 0, result.output
    contact = json.loads(result.stdout)["contacts"][0]
    return {f["rule"]: f["trail"] for f in contact["findings"]}


def test_a_rule_with_several_detectors_names_the_one_that_fired(tmp_path: Path) -> None:
    rule = next(r for r in Engine.from_profile(Profile()).rules if r.id == "CORE-PHONE-001")
    assert len(rule.detectors) > 1  # the case this test is about
    trail = _trails(tmp_path)["CORE-PHONE-001"]
    assert trail["detector"] == "phone"
    assert "+" not in trail["detector"]
