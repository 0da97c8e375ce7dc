"""A folder walk passes over photos, videos and documents; a file named is always read.

A phone backup folder holds far more than its contact export. Reporting every
photo as "could not be read" made each such folder a failed run (exit 3).
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.run import invoke

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 一郎\r\nEND:VCARD\r\n"


def _backup(folder: Path) -> None:
    (folder / "DCIM").mkdir(parents=True)
    (folder / "contacts.vcf").write_text(CARD, encoding="utf-8", newline="")
    (folder / "DCIM" / "IMG_0001.JPG").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (folder / "DCIM" / "IMG_0002.heic").write_bytes(bytes(64))
    (folder / "voice memo.m4a").write_bytes(bytes(64))
    (folder / "manual.pdf").write_bytes(b"%PDF-1.7\n" + bytes(64))
    (folder / "Thumbs.db").write_bytes(bytes(64))
    (folder / "manifest.json").write_text('{"contacts": []}')  # e.g. a hand-over folder
    # a folder of exports kept in a repository: notes, a script, a profile
    (folder / "README.md").write_text("# exports\nname, mobile, note\n", encoding="utf-8")
    (folder / "convert.py").write_text('"""Columns: name, mobile, note."""\n', encoding="utf-8")
    (folder / "piiaudit.yaml").write_text("region: JP\n", encoding="utf-8")
    # instructions beside the exports (QA round 11: every nightly run ended with exit 3)
    (folder / "README.txt").write_text("Put your export here.\n", encoding="utf-8")
    (folder / "お読みください.txt").write_text("ここに置いてください\n", encoding="utf-8")
    (folder / "Company portal.url").write_text("[InternetShortcut]\n", encoding="utf-8")
    (folder / "README (1).txt").write_text("Put your export here.\n", encoding="utf-8")


def test_a_backup_folder_is_audited_without_its_photos(tmp_path: Path) -> None:
    _backup(tmp_path / "backup")
    run = invoke("scan", str(tmp_path / "backup"), "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert [f["path"] for f in run.json["files"]] == [str(tmp_path / "backup" / "contacts.vcf")]
    assert "warning" not in run.stderr


def test_what_the_walk_passes_over_still_fails_when_named(tmp_path: Path) -> None:
    _backup(tmp_path / "backup")
    photo = tmp_path / "backup" / "DCIM" / "IMG_0001.JPG"
    run = invoke("scan", str(photo), "-f", "json")
    assert run.exit_code == 3
    assert run.json["files"][0]["error"] == "is a JPEG image, not a contact export"


def test_a_folder_of_only_photos_is_nothing_to_audit(tmp_path: Path) -> None:
    (tmp_path / "DCIM").mkdir()
    (tmp_path / "DCIM" / "IMG_0001.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    run = invoke("scan", str(tmp_path / "DCIM"))
    assert run.exit_code == 2
    assert "no contact export found" in run.stderr


def test_archives_and_spreadsheets_are_still_named(tmp_path: Path) -> None:
    """They may hold contacts: the user is told what to do with them."""
    (tmp_path / "takeout.zip").write_bytes(b"PK\x03\x04" + bytes(64))
    (tmp_path / "contacts.vcf").write_text(CARD, encoding="utf-8", newline="")
    run = invoke("scan", str(tmp_path), "-f", "json")
    assert run.exit_code == 3
    assert "takeout.zip" in run.stderr


def test_a_mac_zips_resource_fork_folder_is_passed_over(tmp_path: Path) -> None:
    """Unzipped, a zip made on a Mac leaves __MACOSX/ (``._name`` resource forks) beside
    the exports: with --group-by dir it was an employee "not audited", and the run exit 3."""
    (tmp_path / "sales" / "yamada").mkdir(parents=True)
    (tmp_path / "sales" / "yamada" / "contacts.vcf").write_text(CARD, encoding="utf-8")
    forks = tmp_path / "sales" / "__MACOSX" / "yamada"
    forks.mkdir(parents=True)
    (forks / "._contacts.vcf").write_bytes(b"\x00\x05\x16\x07" + bytes(60))
    run = invoke("scan", str(tmp_path / "sales"), "--group-by", "dir", "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert [g["group"] for g in run.json["groups"]] == [str(tmp_path / "sales" / "yamada")]
