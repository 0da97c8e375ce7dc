"""--verbose names each file once, the unreadable ones included (not again as a warning)."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.run import invoke


def test_verbose_names_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "a.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:架空 一郎\nEND:VCARD\n")
    (tmp_path / "old.vcf").write_bytes(b"PK\x03\x04" + bytes(32))
    run = invoke("scan", str(tmp_path), "-v", "-f", "json")
    assert run.exit_code == 3
    lines = run.stderr.splitlines()
    assert [line for line in lines if "old.vcf" in line] == [
        f"piiaudit: {tmp_path / 'old.vcf'}: not read: "
        "is a ZIP archive: extract it and scan the exports inside"
    ]
    assert f"piiaudit: {tmp_path / 'a.vcf'}: 1 contact (vcard-3.0)" in lines


def test_without_verbose_the_unreadable_file_is_still_warned_about(tmp_path: Path) -> None:
    (tmp_path / "old.vcf").write_bytes(b"PK\x03\x04" + bytes(32))
    (tmp_path / "a.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:架空 一郎\nEND:VCARD\n")
    run = invoke("scan", str(tmp_path), "-f", "json")
    assert "warning:" in run.stderr and "old.vcf" in run.stderr
