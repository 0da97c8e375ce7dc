"""Paths given to ``split`` and ``minimize`` (QA2 A12): a missing input is the usage
error ``scan`` reports, and ``split --out-dir`` makes every missing parent owner-only,
whatever the umask, as ``scan --output-dir`` does. All data is fictional."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from handover_setup import run_piiaudit, write_export

CARD = """BEGIN:VCARD
VERSION:3.0
N:森;由美;;;
FN:森 由美
TEL;TYPE=CELL:090-0000-4001
END:VCARD
"""


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_export(tmp_path, CARD)


@pytest.mark.parametrize(
    ("command", "not_done"),
    [
        (["scan"], "nothing was audited and no report was written"),
        (["split", "--out-dir", "OUT"], "nothing was split and no file was written"),
        (["minimize", "-o", "OUT"], "nothing was minimized and no file was written"),
    ],
)
def test_a_missing_input_is_the_same_usage_error_in_every_command(
    tmp_path: Path, command: list[str], not_done: str
) -> None:
    missing = tmp_path / "nonexist.vcf"
    out = tmp_path / "out"
    args = [a.replace("OUT", str(out)) for a in command]
    result = run_piiaudit(args[0], str(missing), *args[1:])
    assert result.exit_code == 2, result.output
    assert f"{missing}: no such file or directory: {not_done}" in result.output
    assert not out.exists()


@pytest.mark.parametrize("command", [["split", "--out-dir"], ["minimize", "-o"]])
def test_a_folder_as_input_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = tmp_path / "out"
    result = run_piiaudit(command[0], str(folder), command[1], str(out))
    assert result.exit_code == 2, result.output
    assert f"{folder}: is a directory, not a contact export: nothing was" in result.output
    assert not out.exists()


def test_an_unreadable_input_is_still_exit_3(tmp_path: Path) -> None:
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    result = run_piiaudit("minimize", str(empty), "-o", str(tmp_path / "out.vcf"))
    assert result.exit_code == 3, result.output


def test_split_makes_every_missing_parent_owner_only_under_umask_000(
    export: Path, tmp_path: Path
) -> None:
    out = tmp_path / "u" / "deep" / "x"
    old = os.umask(0)
    try:
        result = run_piiaudit("split", str(export), "--out-dir", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for folder in (tmp_path / "u", tmp_path / "u" / "deep", out):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert (out / "business.vcf").stat().st_mode & 0o777 == 0o600


def test_an_existing_output_folder_is_used_as_it_is(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "shared"
    out.mkdir(mode=0o750)
    out.chmod(0o750)
    assert run_piiaudit("split", str(export), "--out-dir", str(out)).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o750


def test_a_file_in_the_way_is_refused_before_any_question(export: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "handover"
    blocker.write_text("not a folder")
    out = blocker / "x"
    result = run_piiaudit("split", str(export), "--out-dir", str(out), "--interactive", input="b\n")
    assert result.exit_code == 2, result.output
    assert "is not a directory" in result.output
    assert "[b/p/r/q]" not in result.output  # not asked, then told it cannot be written
    assert blocker.read_text() == "not a folder"


PRIVATE_ONLY = """BEGIN:VCARD
VERSION:3.0
N:架空;母;;;
FN:お母さん
TEL;TYPE=CELL:090-0000-4002
NOTE:家族
END:VCARD
"""


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_the_empty_business_file_split_wrote_is_minimized_to_an_empty_hand_over(
    tmp_path: Path, bom: str
) -> None:
    """An export of the owner's contacts only: split writes an empty business.vcf (a BOM
    alone for an export with a BOM), as it says it always does. The documented next step,
    minimize business.vcf, stopped with "is empty" and exit 3, the code of an input that
    could not be read: the file split wrote is read, and holds no contact."""
    export = write_export(tmp_path, bom + PRIVATE_ONLY)
    out = tmp_path / "handover"
    assert run_piiaudit("split", str(export), "--out-dir", str(out)).exit_code == 0
    business = out / "business.vcf"
    assert business.read_bytes() == bom.encode("utf-8")
    company = out / "for-company.vcf"
    result = run_piiaudit("minimize", str(business), "-o", str(company))
    assert result.exit_code == 0, result.output
    assert "error" not in result.output
    assert "nothing in it for the company" in result.output
    assert company.read_bytes() == b""
    assert company.stat().st_mode & 0o777 == 0o600


def test_an_empty_file_beside_a_manifest_that_records_other_bytes_is_still_exit_3(
    tmp_path: Path,
) -> None:
    export = write_export(tmp_path, PRIVATE_ONLY)
    out = tmp_path / "handover"
    assert run_piiaudit("split", str(export), "--out-dir", str(out)).exit_code == 0
    (out / "private.vcf").write_bytes(b"")  # emptied since: not the file split wrote
    result = run_piiaudit("minimize", str(out / "private.vcf"), "-o", str(tmp_path / "c.vcf"))
    assert result.exit_code == 3, result.output
    assert not (tmp_path / "c.vcf").exists()
