"""``piiaudit split`` through the command line: files, manifest, safety, corrections."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cli_app import app
from handover_setup import (
    SAMPLE_EXPORT,
    copy_sample_export,
    read_manifest,
    run_handover,
    run_piiaudit,
)
from typer.testing import CliRunner, Result

NAMES = ("山田", "太郎", "佐藤", "花子", "Kowalski", "gmail", "090-1234")


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return copy_sample_export(tmp_path)


def split(*args: str, input: str | None = None) -> Result:
    return run_handover("split", *args, input=input)


def test_split_writes_three_files_and_a_masked_manifest(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover"
    result = split(str(export), "--out-dir", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "business.vcf",
        "manifest.json",
        "private.vcf",
        "review.vcf",
    ]
    assert out.stat().st_mode & 0o777 == 0o700
    for path in out.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600
    data = read_manifest(out)
    assert [c["index"] for c in data["contacts"]] == [0, 1, 2]
    assert {c["destination"] for c in data["contacts"]} <= {"business", "private", "review"}
    for entry in data["contacts"]:
        assert entry["file"] == f"{entry['destination']}.vcf"
    text = (out / "manifest.json").read_text(encoding="utf-8")
    for value in NAMES:
        assert value not in text, f"{value!r} leaked into the manifest"
    assert (
        data["outputs"]["business"]["contacts"]
        + data["outputs"]["private"]["contacts"]
        + data["outputs"]["review"]["contacts"]
        == 3
    )
    joined = b"".join((out / f"{d}.vcf").read_bytes() for d in ("business", "private", "review"))
    assert sorted(joined.split(b"END:VCARD\n")) == sorted(
        export.read_bytes().replace(b"END:VCARD\n\n", b"END:VCARD\n").split(b"END:VCARD\n")
    )
    assert "3 contacts read" in result.output


def test_the_same_input_gives_the_same_manifest(export: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert split(str(export), "--out-dir", str(first)).exit_code == 0
    assert split(str(export), "--out-dir", str(second)).exit_code == 0
    assert (first / "manifest.json").read_bytes() == (second / "manifest.json").read_bytes()


def test_existing_outputs_are_refused_without_force(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover"
    out.mkdir()
    (out / "review.vcf").write_text("keep me")
    result = split(str(export), "--out-dir", str(out))
    assert result.exit_code == 2
    assert "already exists (use --force" in result.output
    assert (out / "review.vcf").read_text() == "keep me"
    assert sorted(p.name for p in out.iterdir()) == ["review.vcf"]  # nothing half-written
    assert split(str(export), "--out-dir", str(out), "--force").exit_code == 0
    assert (out / "review.vcf").read_text() != "keep me"


def test_the_input_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "handover"
    out.mkdir()
    source = out / "review.vcf"
    shutil.copyfile(SAMPLE_EXPORT, source)
    result = split(str(source), "--out-dir", str(out), "--force")
    assert result.exit_code == 2
    assert "is the input file" in result.output
    assert source.read_bytes() == SAMPLE_EXPORT.read_bytes()


def test_dry_run_writes_nothing(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover"
    result = split(str(export), "--out-dir", str(out), "--dry-run", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert not out.exists()
    assert "Dry run: nothing written" in result.output
    assert "Would create the folder" in result.output
    assert "#2 line 27: K*** -> review.vcf" in result.output
    for value in NAMES:
        assert value not in result.output


def test_dry_run_over_existing_outputs_plans_and_names_them(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover"
    out.mkdir()
    (out / "business.vcf").write_text("keep me")
    result = split(str(export), "--out-dir", str(out), "--dry-run", "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert f"注意: {out / 'business.vcf'} はすでに存在します" in result.output
    assert (out / "business.vcf").read_text() == "keep me"
    assert split(str(export), "--out-dir", str(out), "--lang", "en").exit_code == 2


def test_override_file_moves_a_contact(export: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(
        'overrides:\n  - contact: "name:Kowalski"\n    class: business\n'
        "    reason: supplier contact\n",
        encoding="utf-8",
    )
    out = tmp_path / "handover"
    result = split(str(export), "--out-dir", str(out), "--override", str(overrides))
    assert result.exit_code == 0, result.output
    entry = read_manifest(out)["contacts"][2]
    assert entry["destination"] == "business"
    assert entry["override"] == {
        "contact": "name:K***",
        "reason": "supplier contact",
        "from": f"{overrides.name}:2",  # the file name only: the path names the home folder
    }
    assert b"FN:Kowalski" in (out / "business.vcf").read_bytes()


def test_bad_override_file_is_a_usage_error_naming_the_line(export: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("overrides:\n  - contact: index:0\n    class: boss\n    reason: x\n")
    out = tmp_path / "handover"
    result = split(str(export), "--out-dir", str(out), "--override", str(overrides))
    assert result.exit_code == 2
    assert f"{overrides}:3: class must be one of business, private" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_interactive_answers_are_saved_and_reusable(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover"
    result = split(
        str(export), "--out-dir", str(out), "--interactive", "--lang", "en", input="p\n" * 5
    )
    assert result.exit_code == 0, result.output
    asked = result.output.count("[b/p/r/q]")
    assert asked >= 1  # the name-only card cannot be classified
    assert "Kowalski" not in result.output and "K***" in result.output
    saved = out / "overrides.yaml"
    assert saved.stat().st_mode & 0o777 == 0o600
    first = read_manifest(out)
    assert all(c["destination"] != "review" for c in first["contacts"])
    # Answered private: the manifest lists them by index and file only (QA2 A3).
    others = [c for c in first["contacts"] if c["destination"] != "business"]
    assert len(others) >= asked
    assert all(set(c) == {"index", "destination", "file"} for c in others)
    assert saved.read_text(encoding="utf-8").count("class: private") == asked
    # Reusing the saved answers gives the same split without a single question.
    again = tmp_path / "again"
    result = split(str(export), "--out-dir", str(again), "--override", str(saved))
    assert result.exit_code == 0, result.output
    assert "[b/p/r/q]" not in result.output
    assert [c["destination"] for c in read_manifest(again)["contacts"]] == [
        c["destination"] for c in first["contacts"]
    ]


def test_interactive_quit_keeps_contacts_in_review(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover"
    result = split(str(export), "--out-dir", str(out), "--interactive", input="q\n")
    assert result.exit_code == 0, result.output
    assert not (out / "overrides.yaml").exists()  # nothing answered, nothing to save
    assert any(c["destination"] == "review" for c in read_manifest(out)["contacts"])


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n\x00\x00binary", b"just some text\n"])
def test_unreadable_input_exits_3_and_writes_nothing(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "broken.vcf"
    source.write_bytes(content)
    out = tmp_path / "handover"
    result = split(str(source), "--out-dir", str(out))
    assert result.exit_code == 3
    assert result.output.startswith(f"piiaudit: error: {source}")
    assert not out.exists()


def test_missing_input_exits_2_as_in_scan(tmp_path: Path) -> None:
    missing = tmp_path / "nope.vcf"
    result = split(str(missing), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"{missing}: no such file or directory: nothing was split" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_save_overrides_without_interactive_is_a_usage_error(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = split(str(export), "--out-dir", str(out), "--save-overrides", str(tmp_path / "o.yaml"))
    assert result.exit_code == 2
    assert "add --interactive" in result.output
    assert not out.exists()


def test_interactive_answers_go_where_save_overrides_says(export: Path, tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    out = tmp_path / "out"
    args = [str(export), "--out-dir", str(out), "--interactive", "--save-overrides", str(saved)]
    result = split(*args, input="b\n" * 5)
    assert result.exit_code == 0, result.output
    assert "class: business" in saved.read_text(encoding="utf-8")
    assert not (out / "overrides.yaml").exists()


def test_standard_input_is_refused(tmp_path: Path) -> None:
    result = split("-", "--out-dir", str(tmp_path / "out"), input="BEGIN:VCARD\n")
    assert result.exit_code == 2
    assert "needs an input file" in result.output


def test_japanese_messages(export: Path, tmp_path: Path) -> None:
    result = split(str(export), "--out-dir", str(tmp_path / "o"), "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert "件の連絡先を読み取りました" in result.output


def test_help_explains_the_command_with_examples() -> None:
    result = CliRunner().invoke(app, ["split", "--help"])
    assert result.exit_code == 0
    assert "byte for byte" in result.output
    assert "piiaudit split export.vcf --out-dir handover/ --interactive" in result.output
    assert 'contact: "index:12"' in result.output


def test_an_unwritable_output_directory_is_one_clear_error(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permissions cannot be tested by chmod when the tests run as root, so the
    operating system's refusal is simulated where safeio creates its temporary file."""
    import tempfile

    def refuse(*args: object, dir: str | None = None, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", f"{dir}/.tmp")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "handover"
    result = split(str(export), "--out-dir", str(out))
    assert result.exit_code == 2
    assert "cannot write: Permission denied" in result.output
    assert "internal error" not in result.output
    assert list(out.iterdir()) == []


def test_a_directory_as_input_is_a_usage_error(tmp_path: Path) -> None:
    result = split(str(tmp_path), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "is a directory" in result.output
    assert not (tmp_path / "out").exists()


def _not_utf8(directory: Path, data: bytes) -> Path:
    """A file named ``café.vcf`` in Latin-1, as an old archive or share leaves it: a
    legal Linux name that is not UTF-8 (Python holds the byte as a lone surrogate)."""
    path = Path(os.fsdecode(os.fsencode(directory) + b"/caf\xe9.vcf"))
    path.write_bytes(data)
    return path


def test_a_file_name_that_is_not_utf8_is_split_and_written_as_escapes(tmp_path: Path) -> None:
    source = _not_utf8(tmp_path, SAMPLE_EXPORT.read_bytes())
    out = tmp_path / "handover"
    answers = tmp_path / "answers.yaml"
    args = ["--out-dir", str(out), "--interactive", "--save-overrides", str(answers)]
    result = split(str(source), *args, "--lang", "en", input="b\n" * 3)
    assert result.exit_code == 0, result.output
    assert "caf\\xe9.vcf" in result.output
    text = (out / "manifest.json").read_bytes().decode("utf-8")  # strict: valid UTF-8
    data = json.loads(text)
    assert data["input"]["file"] == "caf\\xe9.vcf"  # the name only: no home path
    assert sum(o["contacts"] for o in data["outputs"].values()) == 3
    joined = b"".join((out / f"{d}.vcf").read_bytes() for d in ("business", "private", "review"))
    assert sorted(joined.split(b"END:VCARD\n")) == sorted(
        SAMPLE_EXPORT.read_bytes().replace(b"END:VCARD\n\n", b"END:VCARD\n").split(b"END:VCARD\n")
    )
    assert "caf\\xe9.vcf" in answers.read_bytes().decode("utf-8")


def test_parse_problems_are_listed_with_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "cut.vcf"
    source.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Yamada Taro\r\nORG:Example K.K.\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sato Hanako\r\nEND:VCARD\r\n"
    )
    result = split(str(source), "--out-dir", str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"{source}:5: card has no END:VCARD" in result.output
    assert f"1 problem reading {source}" in result.output
    result = split(str(source), "--out-dir", str(tmp_path / "ja"), "--lang", "ja")
    assert f"{source} の読み取りで 1 件の問題がありました" in result.output


def test_a_finished_hand_over_folder_scans_clean(tmp_path: Path) -> None:
    # UX review: split writes all three files, one often empty, and scanning the folder
    # named the empty one as not read (exit 3). The empty files the manifest lists with no
    # contacts are passed over; any other empty file is still named.
    export = tmp_path / "one.vcf"
    export.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Taro Example\r\nORG:Example KK\r\n"
        "TEL;TYPE=WORK:03-5555-0101\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    out = tmp_path / "handover"
    done = split(str(export), "--out-dir", str(out), "--lang", "en")
    assert done.exit_code == 0
    assert "1 contact read from" in done.output  # not "1 contacts" (UX review)
    assert (out / "private.vcf").stat().st_size == 0
    scanned = run_piiaudit("scan", str(out), "-q", "-f", "json")
    assert scanned.exit_code == 0, scanned.output
    (out / "other.vcf").write_bytes(b"")
    assert run_piiaudit("scan", str(out), "-q", "-f", "json").exit_code == 3


def test_split_takes_scans_name_for_the_output_folder(export: Path, tmp_path: Path) -> None:
    """``scan`` calls its report folder ``--output-dir``; split answered that with
    "No such option" and wrote nothing."""
    out = tmp_path / "handover"
    result = split(str(export), "--output-dir", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (out / "business.vcf").is_file() and (out / "manifest.json").is_file()
