"""``piiaudit --lang ja|en`` before the command: every command speaks it.

Only scan, split and minimize took ``--lang``, after their name, so ``piiaudit --lang
ja --help`` was a usage error and contacts and baseline spoke only the locale's
language. A command's own ``--lang`` still wins; the rules commands speak English.
All data is fictional.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli.child import run_piiaudit

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nN:山田;太郎;;;\r\n"
    "TEL;TYPE=CELL:090-0000-1234\r\nEND:VCARD\r\n"
)


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_piiaudit(*args, cwd=cwd, columns=80)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.vcf"
    path.write_text(CARD, encoding="utf-8")
    return path


def test_the_root_help_in_japanese_by_the_root_option(tmp_path: Path) -> None:
    result = _run("--lang", "ja", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("使い方: ")
    assert "すべてのコマンドの出力とヘルプの言語" in result.stdout


def test_a_command_speaks_the_root_language(export: Path) -> None:
    result = _run("--lang", "ja", "scan", str(export), cwd=export.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("piiaudit 監査レポート")


def test_the_command_s_own_lang_wins(export: Path) -> None:
    result = _run("--lang", "ja", "scan", str(export), "--lang", "en", cwd=export.parent)
    assert result.stdout.startswith("piiaudit report")


def test_a_command_without_its_own_lang_follows_it(export: Path) -> None:
    # contacts has no --lang: its warnings were in the locale's language only.
    result = _run("--lang", "ja", "contacts", str(export), "--show-pii", cwd=export.parent)
    assert result.returncode == 0
    assert "警告" in result.stderr or "マスク" in result.stderr, result.stderr


def test_rules_stay_english_under_the_root_option(tmp_path: Path) -> None:
    result = _run("--lang", "ja", "rules", "list", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: ")
    result = _run("--lang", "ja", "rules", "list", "--nonsense", cwd=tmp_path)
    assert result.returncode == 2 and "No such option" in result.stderr


def test_an_unknown_language_is_a_usage_error(export: Path) -> None:
    result = _run("--lang", "xx", "scan", str(export), cwd=export.parent)
    assert result.returncode == 2 and result.stdout == ""
    assert "--lang must be one of en, ja, not 'xx'" in result.stderr


def test_the_root_language_with_no_command_is_a_japanese_usage_error(tmp_path: Path) -> None:
    result = _run("--lang", "ja", cwd=tmp_path)
    assert result.returncode == 2
    assert "コマンドが指定されていません" in result.stderr
