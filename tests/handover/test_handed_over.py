"""What the company receives can be checked: ``minimize`` records its output in the
manifest of the split it minimized, and ``split`` says what else its folder holds.

QA hand-over: the hand-over guide says the company checks what it got by the SHA-256
in ``manifest.json``, yet the manifest held only the split's own files, which never
go to the company; and a split run again after a changed decision left the
``for-company.vcf`` made from the old business file in the folder, unsaid. All data
fictional.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from handover_setup import CUSTOMER, read_manifest, run_handover, sha256_hex, write_export

COLLEAGUE = CUSTOMER.replace("高橋;誠", "森;健二").replace("高橋 誠", "森 健二")
FRIEND = "BEGIN:VCARD\nVERSION:3.0\nFN:小林 修\nNOTE:高校の同級生\nEND:VCARD\n"


def _split(tmp_path: Path, *extra: str) -> tuple[Path, str]:
    export = write_export(tmp_path, CUSTOMER + COLLEAGUE + FRIEND)
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out), "--lang", "en", *extra)
    assert result.exit_code == 0, result.output
    return out, result.output


def _minimize(out: Path, *extra: str) -> str:
    target = out / "for-company.vcf"
    args = ["minimize", str(out / "business.vcf"), "-o", str(target), "--lang", "en", *extra]
    result = run_handover(*args)
    assert result.exit_code == 0, result.output
    return result.output


def test_minimize_records_the_file_the_company_gets_in_the_manifest(tmp_path: Path) -> None:
    out, _ = _split(tmp_path)
    said = _minimize(out)
    digest = sha256_hex(out / "for-company.vcf")
    assert f"SHA-256 of {out / 'for-company.vcf'}: {digest}" in said
    manifest = read_manifest(out)
    assert manifest["handed_over"] == [
        {
            "file": "for-company.vcf",
            "from": "business.vcf",
            "contacts": 2,
            "bytes": (out / "for-company.vcf").stat().st_size,
            "sha256": digest,
        }
    ]
    assert manifest["outputs"]["business"]["sha256"] == sha256_hex(out / "business.vcf")
    assert stat.S_IMODE(os.stat(out / "manifest.json").st_mode) == 0o600


def test_minimizing_again_replaces_the_entry(tmp_path: Path) -> None:
    out, _ = _split(tmp_path)
    _minimize(out)
    _minimize(out, "--force")
    entries = read_manifest(out)["handed_over"]
    assert [e["file"] for e in entries] == ["for-company.vcf"]
    assert entries[0]["sha256"] == sha256_hex(out / "for-company.vcf")


def test_a_dry_run_or_a_file_that_is_not_split_s_records_nothing(tmp_path: Path) -> None:
    out, _ = _split(tmp_path)
    before = (out / "manifest.json").read_bytes()
    dry = _minimize(out, "--dry-run")
    assert "SHA-256 of" not in dry and "Recorded" not in dry
    export = tmp_path / "export.vcf"
    result = run_handover("minimize", str(export), "-o", str(out / "direct.vcf"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "SHA-256 of" in result.output  # still said: the user can pass it on
    assert "Recorded" not in result.output
    assert (out / "manifest.json").read_bytes() == before


def test_a_new_split_says_an_old_hand_over_file_is_still_there(tmp_path: Path) -> None:
    out, said = _split(tmp_path)
    assert "did not write" not in said
    _minimize(out)
    override = tmp_path / "ov.yaml"
    override.write_text(
        "overrides:\n  - {contact: 'name:森 健二', class: private, reason: 実は親戚}\n",
        encoding="utf-8",
    )
    _, again = _split(tmp_path, "--override", str(override), "--force")
    assert "also holds files this split did not write: for-company.vcf" in again
    assert read_manifest(out)["handed_over"] == []  # the new split's record starts empty
