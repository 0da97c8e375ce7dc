"""A wrong company profile or ``--region`` stops a command with exit 2 (usage or
configuration error, docs/ci.md) and one line naming the file, line and value,
before any input is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()

VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nTEL;TYPE=CELL:090-0000-1234\r\nEND:VCARD\r\n"


@pytest.fixture()
def vcard(tmp_path: Path) -> Path:
    path = tmp_path / "phone.vcf"
    path.write_text(VCARD, encoding="utf-8")
    return path


def _profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "piiaudit.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ('csv:\n  columns: {"X1": "phone:mobile"}\n', 2, "csv.columns.X1: 'phone:mobile'"),
        ("region: XX\n", 1, "unknown phone region 'XX'"),
        ("scoring:\n  levels: {critical: 20, high: 50}\n", 2, "critical (20) must be above"),
    ],
)
def test_a_wrong_profile_value_is_a_usage_error_even_for_vcards_only(
    tmp_path: Path, vcard: Path, text: str, line: int, says: str
) -> None:
    profile = _profile(tmp_path, text)
    result = runner.invoke(app, ["scan", str(vcard), "--config", str(profile), "-f", "json"])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert f"piiaudit: error: {profile}:{line}: " in result.output
    assert says in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["scan", "contacts"])
def test_an_unknown_region_option_is_a_usage_error(
    tmp_path: Path, vcard: Path, command: str
) -> None:
    result = runner.invoke(app, [command, str(vcard), "--region", "ZZ"])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "piiaudit: error: --region: unknown phone region 'ZZ'" in result.output

    accepted = runner.invoke(app, [command, str(vcard), "--region", "us"])  # any case
    assert accepted.exit_code in (ExitCode.OK, ExitCode.FINDINGS), accepted.output
