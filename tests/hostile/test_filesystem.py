"""Hostile file systems: loops, links, pipes, unreadable and vanishing files.

What each case must do: finish (no hang), name the file it could not read with
one clear reason, still report every contact of the readable files, exit 3
when anything was unreadable, and leave every input byte as it was.

An unreadable file is made with ``chmod 000`` when the tests run as a normal
user. As root (CI) permission bits do not stop reads, so the test uses a path
whose parent is a regular file (``export.vcf/contacts.vcf``), which no user can
open. A FIFO nobody writes to is given explicitly; the run happens in a child
process with a timeout so a regression fails the test instead of hanging it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import piiaudit.parsers
from hostile.cases import GOOD, GOOD2, card
from hostile.run import invoke, scan_json, sha256_tree, subprocess_run
from piiaudit.discovery import NOT_A_FILE


def _three_files(folder: Path) -> None:
    (folder / "sub").mkdir(parents=True)
    (folder / "a.vcf").write_text(GOOD, newline="")
    (folder / "b.vcf").write_text(GOOD2, newline="")
    (folder / "sub" / "c.vcf").write_text(card("Kimura Goro"), newline="")


def _report(*paths: str) -> tuple[int, dict[str, dict[str, object]], str]:
    run = invoke("scan", *paths, "-f", "json", "--jobs", "1")
    files = {entry["path"]: entry for entry in run.json["files"]}
    return run.exit_code, files, run.stderr


def test_symlink_loop_in_a_directory_ends_and_reads_each_file_once(tmp_path: Path) -> None:
    _three_files(tmp_path / "in")
    (tmp_path / "in" / "sub" / "back").symlink_to("..", target_is_directory=True)
    (tmp_path / "in" / "sub" / "self").symlink_to(".", target_is_directory=True)
    before = sha256_tree(tmp_path / "in")

    code, files, _ = _report(str(tmp_path / "in"))

    assert code == 0
    assert sorted(Path(p).name for p in files) == ["a.vcf", "b.vcf", "c.vcf"]
    assert all(entry["contacts"] == 1 for entry in files.values())
    assert sha256_tree(tmp_path / "in") == before


def test_self_referencing_and_dangling_links_are_named_others_still_read(tmp_path: Path) -> None:
    _three_files(tmp_path / "in")
    (tmp_path / "in" / "self.vcf").symlink_to("self.vcf")
    (tmp_path / "in" / "gone.vcf").symlink_to("deleted-long-ago.vcf")

    code, files, stderr = _report(str(tmp_path / "in"))

    assert code == 3
    self_link, gone = str(tmp_path / "in" / "self.vcf"), str(tmp_path / "in" / "gone.vcf")
    assert "symbolic links" in str(files[self_link]["error"])
    assert files[gone]["error"] == "does not exist"
    assert f"{self_link}: not read:" in stderr
    assert f"{gone}: not read: does not exist" in stderr
    readable = [e for e in files.values() if e["error"] is None]
    assert len(readable) == 3
    assert sum(int(str(e["contacts"])) for e in readable) == 3


def _unreadable(tmp_path: Path) -> tuple[Path, str]:
    if os.geteuid() != 0:
        locked = tmp_path / "locked.vcf"
        locked.write_text(GOOD, newline="")
        locked.chmod(0)
        return locked, "permission denied"
    parent = tmp_path / "export.vcf"
    parent.write_text(GOOD, newline="")
    return parent / "contacts.vcf", "Not a directory"


def test_unreadable_file_is_named_and_the_readable_one_still_reported(tmp_path: Path) -> None:
    unreadable, reason = _unreadable(tmp_path)
    readable = tmp_path / "ok.vcf"
    readable.write_text(GOOD2, newline="")

    code, files, stderr = _report(str(unreadable), str(readable))

    assert code == 3
    assert reason in str(files[str(unreadable)]["error"])
    assert f"{unreadable}: not read:" in stderr
    assert files[str(readable)]["contacts"] == 1


def test_missing_file_among_others_is_exit_3_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "a.vcf").write_text(GOOD, newline="")
    missing = tmp_path / "never-existed.vcf"
    code, files, stderr = _report(str(tmp_path / "a.vcf"), str(missing))
    assert code == 3
    assert files[str(missing)]["error"] == "does not exist"
    assert files[str(tmp_path / "a.vcf")]["contacts"] == 1
    assert f"{missing}: not read: does not exist" in stderr


def test_a_run_where_no_input_exists_writes_no_report(tmp_path: Path) -> None:
    """A mistyped path is a usage error (exit 2), not a "risk none" report."""
    missing = tmp_path / "never-existed.vcf"
    report = tmp_path / "report.json"
    run = invoke("scan", str(missing), "-f", "json", "-o", str(report))
    assert run.exit_code == 2
    assert f"{missing}: no such file or directory" in run.stderr
    assert "no report was written" in run.stderr
    assert not report.exists()


def test_file_that_disappears_between_discovery_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_files(tmp_path / "in")
    vanishing = tmp_path / "in" / "b.vcf"
    original = piiaudit.parsers._open

    def delete_then_open(path: str, info: piiaudit.model.FileInfo) -> object:
        if path == str(vanishing):
            vanishing.unlink()
        return original(path, info)

    monkeypatch.setattr(piiaudit.parsers, "_open", delete_then_open)

    code, files, stderr = _report(str(tmp_path / "in"))

    assert code == 3
    assert files[str(vanishing)]["error"] == "does not exist"
    assert f"{vanishing}: not read: does not exist" in stderr
    assert files[str(tmp_path / "in" / "a.vcf")]["contacts"] == 1
    assert files[str(tmp_path / "in" / "sub" / "c.vcf")]["contacts"] == 1


def test_fifo_nobody_writes_to_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    readable = tmp_path / "ok.vcf"
    readable.write_text(GOOD, newline="")

    run = subprocess_run("scan", str(fifo), str(readable), "-f", "json", timeout=20)

    assert run.exit_code == 3
    entries = {e["path"]: e for e in run.json["files"]}
    assert entries[str(fifo)]["error"] == "is empty"
    assert entries[str(readable)]["contacts"] == 1


def test_fifo_inside_a_directory_is_not_read(tmp_path: Path) -> None:
    _three_files(tmp_path / "in")
    os.mkfifo(tmp_path / "in" / "pipe.vcf")

    run = subprocess_run("scan", str(tmp_path / "in"), "-f", "json", timeout=60)

    # Not opened (it would block), but named: the folder was not audited in full.
    assert run.exit_code == 3
    files = {Path(e["path"]).name: e["error"] for e in run.json["files"]}
    assert files == {"a.vcf": None, "b.vcf": None, "c.vcf": None, "pipe.vcf": NOT_A_FILE}
    # said once (QA round 16: "not read: not read: a pipe ...")
    assert f"pipe.vcf: not read: {NOT_A_FILE}" in run.stderr
    assert "not read: not read" not in run.stderr


def test_endless_device_is_refused_after_its_head(tmp_path: Path) -> None:
    run, entry = scan_json(Path("/dev/zero"))
    assert run.exit_code == 3
    assert entry["error"] == "contains binary data, not a contact export"


def test_directory_given_with_only_hostile_files_exits_3(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.vcf").write_bytes(b"")
    (tmp_path / "in" / "photo.vcf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))

    code, files, stderr = _report(str(tmp_path / "in"))

    assert code == 3
    assert {Path(p).name: e["error"] for p, e in files.items()} == {
        "empty.vcf": "is empty",
        "photo.vcf": "is a PNG image, not a contact export",
    }
    assert stderr.count("not read:") == 2


def test_hostile_standard_input(tmp_path: Path) -> None:
    run = subprocess_run("scan", "-", "-f", "json", timeout=60)  # standard input: /dev/null
    assert run.exit_code == 3
    assert run.json["files"][0]["error"] == "is empty"
    run = invoke("scan", "-", "-f", "json", stdin=bytes(range(256)) * 16)
    assert run.exit_code == 3
    assert run.json["files"][0]["error"] == "contains binary data, not a contact export"
