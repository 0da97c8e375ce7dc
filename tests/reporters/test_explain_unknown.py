"""``--explain`` on a contact nothing classified says so.

An unknown contact with a finding showed "判定理由:  (確度 1.00)", an empty reason
(QA round 5, JA C1): it now reads that there is no sign of business or private use,
in the terminal and HTML reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Sample\r\nNOTE:password: Summer2024!\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Why: no sign of business or private use"),
        ("ja", "判定理由: 業務・私用の手がかりがありません"),
    ],
)
@pytest.mark.parametrize("fmt", ["terminal", "html"])
def test_an_unknown_contact_is_explained(tmp_path: Path, lang: str, said: str, fmt: str) -> None:
    export = tmp_path / "in" / "phone.vcf"
    export.parent.mkdir()
    export.write_bytes(CARD)
    out = tmp_path / f"report.{fmt}"
    args = ["scan", str(export), "--explain", "-f", fmt, "-o", str(out), "--lang", lang]
    assert runner.invoke(app, args).exit_code == 0  # findings fail a run only with --fail-on
    assert said in out.read_text(encoding="utf-8")
