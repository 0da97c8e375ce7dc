"""Click's own usage errors (a misspelt option, a missing argument, a bad value) are said
in the run's language, as every other message is: an employee who typed ``--lang ja``
read the one error of the run in English. Run as the console script runs them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli.child import run_piiaudit


def _run(*args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    return run_piiaudit(*args, lang=lang)


@pytest.mark.parametrize(
    ("args", "english", "japanese"),
    [
        (["--lnag", "x"], "No such option: --lnag", "そのようなオプションはありません: --lnag"),
        (
            ["--jobs", "many"],
            "Invalid value for '--jobs'",
            "'--jobs' / '-j' の値が正しくありません",
        ),
        (["--format"], "Option '--format' requires an argument.", "には値が必要です"),
    ],
)
def test_a_usage_error_is_said_in_the_run_s_language(
    examples_dir: Path, args: list[str], english: str, japanese: str
) -> None:
    target = str(examples_dir / "iphone-export.vcf")
    plain = _run("scan", target, *args)
    assert plain.returncode == 2
    assert english in plain.stderr and "Traceback" not in plain.stderr
    ja = _run("scan", target, "--lang", "ja", *args)
    assert ja.returncode == 2
    assert japanese in ja.stderr and "エラー: " in ja.stderr
    by_locale = _run("scan", target, *args, lang="ja_JP.UTF-8")
    assert japanese in by_locale.stderr


def test_an_unknown_command() -> None:
    unknown = _run("nosuch", "--lang", "ja")
    assert unknown.returncode == 2
    assert "そのようなコマンドはありません: 'nosuch'" in unknown.stderr
    assert " -h' でヘルプを表示できます。" in unknown.stderr


def test_a_command_given_nothing_still_shows_its_help() -> None:
    bare = _run("scan")
    assert bare.returncode == 2
    assert "Audit contact exports and report the personal information" in bare.stdout + bare.stderr


def test_exit_codes_of_a_normal_run_are_kept(examples_dir: Path) -> None:
    target = str(examples_dir / "iphone-export.vcf")
    assert _run("scan", target, "-q", "--fail-on", "high").returncode == 1
    assert _run("scan", target, "-q").returncode == 0
    assert _run("--version").returncode == 0


def test_a_usage_error_has_the_form_of_every_other_error(examples_dir: Path) -> None:
    # QA docs walk: README says errors are "piiaudit: error: ..." lines; click's came as
    # "Error: ..." after a blank line, below the help hint.
    run = _run("scan", str(examples_dir / "iphone-export.vcf"), "--bogus")
    usage, error, hint = run.stderr.splitlines()  # run as python -m piiaudit here
    assert usage.startswith("Usage: ") and usage.endswith(" scan [OPTIONS] {PATH}...")
    assert error.startswith("piiaudit: error: No such option: --bogus")
    assert hint.startswith("Try '") and hint.endswith(" scan -h' for help.")
