"""`piiaudit contacts`: what piiaudit read, as JSON, masked unless asked."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()

KEYS = {
    "file",
    "index",
    "line",
    "version",
    "names",
    "organizations",
    "titles",
    "phones",
    "emails",
    "addresses",
    "birthday",
    "notes",
    "photo",
    "other",
}


def test_prints_one_object_per_contact_masked(examples_dir: Path) -> None:
    path = examples_dir / "iphone-export.vcf"
    result = runner.invoke(app, ["contacts", str(path)])
    assert result.exit_code == 0, result.stderr
    contacts = json.loads(result.stdout)
    assert len(contacts) == path.read_text(encoding="utf-8").count("BEGIN:VCARD")
    assert set(contacts[0]) >= KEYS
    assert [c["index"] for c in contacts] == list(range(len(contacts)))
    phones = [p for c in contacts for p in c["phones"]]
    assert phones and all(p["value"].count("*") >= 4 for p in phones)
    assert {"value", "labels", "e164", "type"} <= set(phones[0])


def test_show_pii_and_jsonl(examples_dir: Path, tmp_path: Path) -> None:
    path = examples_dir / "google-contacts.csv"
    out = tmp_path / "contacts.jsonl"
    result = runner.invoke(app, ["contacts", str(path), "--show-pii", "--jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "--show-pii" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["version"] == "google-csv" for r in rows)
    raw = path.read_text(encoding="utf-8")
    shown = [p["value"] for r in rows for p in r["phones"]]
    assert shown and all(value in raw for value in shown)


def test_unreadable_file_is_named_and_exit_3(tmp_path: Path) -> None:
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["contacts", str(empty)])
    assert result.exit_code == 3
    assert json.loads(result.stdout) == []
    assert str(empty) in result.stderr and "Traceback" not in result.stderr


def test_a_missing_input_or_a_folder_is_a_usage_error_with_nothing_printed(tmp_path: Path) -> None:
    # UX review: both exited 3 with "[]" on standard output, unlike scan and minimize.
    missing = runner.invoke(app, ["contacts", str(tmp_path / "nonexist.vcf")])
    assert missing.exit_code == 2 and missing.stdout == ""
    assert "no such file or directory" in missing.stderr
    folder = runner.invoke(app, ["contacts", str(tmp_path)])
    assert folder.exit_code == 2 and folder.stdout == ""
    assert "is a folder: contacts reads export files" in folder.stderr
