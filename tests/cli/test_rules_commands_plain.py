"""The ``rules`` commands as a rule-pack author's CI meets them (QA round 19): a pack
folder whose name is not UTF-8, English in every language setting, and ``--debug``
accepted by every command, as the internal-error message asks for it."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import typer.main

import piiaudit.cli
import piiaudit.cli.rules
from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

CASES = (
    "rule: ACME-SECRET-001\n"
    "match:\n  - {name: found, contact: {note: ['ACME-SECRET 7']}}\n"
    "no_match:\n  - {name: absent, contact: {note: ['ACME-SECRET 8']}}\n"  # fails: it fires
)
PACK = 'id: acme\nversion: "0.1"\ndescription: {en: Test pack, ja: テスト用パック}\n'
RULE = """id: ACME-SECRET-001
name: acme-secret
description: {en: A test rule, ja: テスト用ルール}
category: credential
severity: high
applies_to: [any]
detect:
  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}
message: {en: Found, ja: 検出}
recommendation: {en: Delete it, ja: 削除してください}
references: ["test"]
examples:
  match: [{class: business, note: ["ACME-SECRET 42"]}]
  no_match: [{class: business, note: ["nothing here"]}]
"""


def _run(
    *args: str, lang: str = "C.UTF-8", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run(
        [sys.executable, "-m", "piiaudit", *args],
        capture_output=True,
        env=env,
        check=False,
        timeout=180,
        cwd=cwd,
    )


def _latin_pack(tmp_path: Path) -> Path:
    """A pack in ``\\xe9quipe/`` (Latin-1 é, as unzipping an old archive leaves it).
    The test runs where CI does, on a Linux file system, which takes any byte name."""
    pack = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xe9quipe"))
    pack.mkdir()
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "ACME-SECRET-001-acme-secret.yaml").write_text(RULE, encoding="utf-8")
    (pack / "ACME-SECRET-001-acme-secret.cases.yaml").write_text(CASES, encoding="utf-8")
    return pack


def test_junit_and_output_escape_a_folder_name_that_is_not_utf8(tmp_path: Path) -> None:
    _latin_pack(tmp_path)
    junit = tmp_path / "junit.xml"
    result = _run(
        "rules",
        "test",
        "\xe9quipe".encode("latin-1").decode("utf-8", "surrogateescape"),
        "--junit",
        str(junit),
        cwd=tmp_path,
    )
    # It stopped with exit 70 (UnicodeEncodeError) writing the JUnit file.
    assert result.returncode == ExitCode.FINDINGS, result.stderr
    assert b"internal error" not in result.stderr
    root = ET.parse(junit).getroot()
    files = {case.get("file") for case in root.iter("testcase")}
    assert "\\xe9quipe/ACME-SECRET-001-acme-secret.cases.yaml" in files
    (failure,) = root.iter("failure")
    assert (failure.text or "").startswith("\\xe9quipe/ACME-SECRET-001-acme-secret.cases.yaml:")
    # The terminal shows the byte as stderr does, never the raw byte.
    assert b"\\xe9quipe/ACME-SECRET-001-acme-secret.cases.yaml:5" in result.stdout
    assert b"\xe9" not in result.stdout
    validated = _run("rules", "validate", os.fsdecode(b"\xe9quipe"), cwd=tmp_path)
    assert validated.returncode == ExitCode.OK, validated.stderr
    assert validated.stdout == b"1 pack valid: acme (\\xe9quipe)\n"


def test_the_rules_commands_speak_english_in_a_japanese_locale(tmp_path: Path) -> None:
    missing = _run("rules", "validate", str(tmp_path / "nosuch"), lang="ja_JP.UTF-8")
    assert missing.returncode == ExitCode.USAGE
    assert b"piiaudit: error: " in missing.stderr and b"no such file or directory" in missing.stderr
    usage = _run("rules", "validate", "--lang", "ja", lang="ja_JP.UTF-8")
    assert usage.returncode == ExitCode.USAGE
    assert b"No such option: --lang" in usage.stderr
    assert "エラー".encode() not in missing.stderr + usage.stderr
    # Every other command still speaks the locale's language.
    other = _run("scan", str(tmp_path / "nosuch"), lang="ja_JP.UTF-8")
    assert "エラー".encode() in other.stderr


def _leaves(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    commands = getattr(command, "commands", None)  # a group (typer may bundle its own click)
    if commands is not None:
        return [
            leaf for name, sub in sorted(commands.items()) for leaf in _leaves(sub, (*path, name))
        ]
    return [(path, command)]


def test_every_command_takes_debug_as_the_internal_error_says() -> None:
    leaves = _leaves(typer.main.get_command(app))
    assert len(leaves) >= 8  # scan, contacts, split, minimize, baseline create, rules x3
    missing = [
        " ".join(path)
        for path, command in leaves
        if not any("--debug" in p.opts for p in command.params)
    ]
    assert missing == []


def test_an_internal_error_of_rules_validate_shows_its_traceback_with_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object, **__: object) -> object:
        raise RuntimeError("a bug in validate")

    monkeypatch.setattr(piiaudit.cli.rules, "check_packs", broken)
    monkeypatch.setattr(sys, "argv", ["piiaudit", "rules", "validate", "--debug"])
    with pytest.raises(SystemExit) as stop:
        piiaudit.cli.main()
    assert stop.value.code == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert "Traceback" in err and "a bug in validate" in err
    assert "run with --debug for details" in err
