"""The hand-over commands as users reach them: through the real ``piiaudit`` app."""

from __future__ import annotations

from pathlib import Path

from handover_setup import copy_sample_export, read_manifest, write_overrides
from typer.testing import CliRunner

from piiaudit.cli import app


def test_split_and_minimize_are_commands_of_piiaudit() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "split" in result.output and "minimize" in result.output


def test_exit_workflow_through_the_app(tmp_path: Path) -> None:
    """split (the customer pinned as business), then minimize the business file."""
    export = copy_sample_export(tmp_path)
    pinned = write_overrides(
        tmp_path,
        "overrides:\n  - {contact: 'index:0', class: business, reason: customer}\n",
        name="pinned.yaml",
    )
    out = tmp_path / "handover"
    runner = CliRunner()
    result = runner.invoke(
        app, ["split", str(export), "--out-dir", str(out), "--override", str(pinned)]
    )
    assert result.exit_code == 0, result.output
    manifest = read_manifest(out)
    assert manifest["contacts"][0]["destination"] == "business"
    handed_over = tmp_path / "handover.vcf"
    result = runner.invoke(app, ["minimize", str(out / "business.vcf"), "-o", str(handed_over)])
    assert result.exit_code == 0, result.output
    assert handed_over.stat().st_mode & 0o777 == 0o600
    text = handed_over.read_text(encoding="utf-8")
    assert "FN:山田 太郎" in text and "BDAY" not in text
