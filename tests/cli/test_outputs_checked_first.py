"""Every report file is checked before the audit: a refused one means none is written."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.run import invoke

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iphone-export.vcf"


def test_an_old_report_in_the_folder_stops_the_run_before_anything_is_written(
    tmp_path: Path,
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    old = out / "piiaudit-report.sarif"
    old.write_text("old")
    run = invoke("scan", str(EXAMPLE), "-f", "json,html,sarif", "--output-dir", str(out))
    assert run.exit_code == 2
    assert f"{old}: already exists (use --force to replace it)" in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["piiaudit-report.sarif"]
    assert old.read_text() == "old"


def test_with_force_every_report_is_written(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    (out / "piiaudit-report.sarif").write_text("old")
    run = invoke("scan", str(EXAMPLE), "-f", "json,html,sarif", "--output-dir", str(out), "--force")
    assert run.exit_code in (0, 1)
    assert sorted(p.name for p in out.iterdir()) == [
        "piiaudit-report.html",
        "piiaudit-report.json",
        "piiaudit-report.sarif",
    ]
    assert (out / "piiaudit-report.sarif").read_text() != "old"


def test_a_link_where_a_report_goes_is_refused_before_the_audit(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text("keep")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    run = invoke("scan", str(EXAMPLE), "-f", "json", "-o", str(link), "--force")
    assert run.exit_code == 2
    assert "symbolic link" in run.stderr
    assert target.read_text() == "keep"
