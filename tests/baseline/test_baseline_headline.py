"""A report screened by a baseline says its overall risk is that of the new findings
only (Japanese review A6): "overall risk: none (0/100)" over a phone that still holds
a My Number read as a clean phone. Every person here is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

KEY = "0123456789abcdef-fictional-org-key"
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nORG:株式会社フィクション\r\n"
    "TEL;TYPE=CELL:090-0000-0001\r\nNOTE:マイナンバー 123456789018\r\nEND:VCARD\r\n"
)


@pytest.fixture
def screened(tmp_path: Path) -> tuple[Path, Path]:
    export = tmp_path / "phone.vcf"
    export.write_text(CARD, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    result = CliRunner().invoke(
        app,
        ["baseline", "create", str(export), "-o", str(baseline)],
        env={"PIIAUDIT_BASELINE_KEY": KEY},
    )
    assert result.exit_code == ExitCode.OK, result.output
    return export, baseline


@pytest.mark.parametrize("fmt", ["terminal", "html"])
@pytest.mark.parametrize(
    ("lang", "headline", "unscreened"),
    [
        ("en", "Overall risk (new findings since the baseline only): none", "Overall risk: none"),
        ("ja", "総合リスク（ベースライン以降の新しい検出のみ）: なし", "総合リスク: なし"),
    ],
)
def test_a_screened_report_says_its_risk_is_of_new_findings_only(
    screened: tuple[Path, Path], fmt: str, lang: str, headline: str, unscreened: str
) -> None:
    export, baseline = screened
    out = export.parent / f"report.{fmt}"
    args = ["scan", str(export), "--baseline", str(baseline), "-f", fmt, "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--lang", lang], env={"PIIAUDIT_BASELINE_KEY": KEY})
    assert result.exit_code == ExitCode.OK, result.output
    text = out.read_text(encoding="utf-8")
    assert headline in text
    assert unscreened not in text


def test_an_unscreened_report_keeps_the_plain_headline(screened: tuple[Path, Path]) -> None:
    export, _ = screened
    out = export.parent / "report.txt"
    result = CliRunner().invoke(app, ["scan", str(export), "-o", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    text = out.read_text(encoding="utf-8")
    assert "Overall risk: " in text and "since the baseline" not in text
