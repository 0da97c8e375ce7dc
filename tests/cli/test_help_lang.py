"""``--help`` in the run's language (``cli/helptext.py``, ``cli/help.yaml``).

A Japanese employee checking their phone before leaving read ``piiaudit scan --help``
in English while every report and error was Japanese. The first tests hold the catalog
to the code: every help text of a translated command has its Japanese, so a new option
without one fails here, and an entry no help text uses fails too. The ``rules``
commands speak English in every language (docs/rules.md): their help stays English.
English help is compared with what click renders from the source, untouched.
"""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest
import typer.main
from rich.cells import cell_len

from cli.child import run_piiaudit
from piiaudit.cli import app
from piiaudit.cli import rules as rules_cmd
from piiaudit.cli.helptext import catalog_entries, help_key, help_texts, localize

PROG = "python -m piiaudit"  # click's name for the program run as the tests run it
KEEP = {"rules": rules_cmd.LANG}


def _source_texts() -> list[tuple[str, str]]:
    """The help texts of every translated command (all but ``rules``), with their place."""
    return [
        (where, text)
        for where, text in help_texts(typer.main.get_command(app), "piiaudit")
        if not where.startswith("piiaudit rules")
    ]


def _japanese() -> dict[str, str]:
    return {entry["en"]: entry["ja"] for entry in catalog_entries() if entry.get("ja")}


def _help(words: list[str], lang: str = "en") -> str:
    """The help screen of ``piiaudit WORDS`` as click prints it, rendered in-process from
    the command tree (English: as typer builds it from the source)."""
    command: Any = localize(typer.main.get_command(app), lang, keep=KEEP)
    ctx = command.context_class(command, info_name=PROG, **command.context_settings)
    for word in words:
        command = command.commands[word]
        ctx = command.context_class(command, info_name=word, parent=ctx)
    return f"{command.get_help(ctx)}\n"


def _flat(text: str) -> str:
    """Help text with its wrapping undone (a Japanese line breaks between any characters)."""
    return re.sub(r"\n *", "", text)


def _run(*args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    return run_piiaudit(*args, lang=lang, columns=80)


def test_every_help_text_has_its_japanese() -> None:
    japanese = _japanese()
    missing = [where for where, text in _source_texts() if help_key(text) not in japanese]
    assert missing == [], f"add these help texts to cli/help.yaml: {missing}"


def test_no_catalog_entry_is_stale() -> None:
    used = {help_key(text) for _, text in _source_texts()}
    stale = [entry["en"][:70] for entry in catalog_entries() if entry["en"] not in used]
    assert stale == [], f"no help text reads so (any more): {stale}"


def test_rules_help_is_not_in_the_catalog() -> None:
    rules = _command(["rules"])
    shared = {help_key(text) for _, text in _source_texts()}
    only_rules = {help_key(text) for _, text in help_texts(rules)} - shared
    assert only_rules and not only_rules & {entry["en"] for entry in catalog_entries()}


def test_example_commands_are_kept_as_written() -> None:
    """Commands in an example are copied by the reader: the Japanese keeps each as in
    English (only a comment after ``#`` is translated), on a line of its own."""
    for entry in catalog_entries():
        ja_lines = [line.rstrip() for line in entry["ja"].splitlines()]
        for line in entry["en"].splitlines():
            code = re.split(r"\s+# ", line)[0].rstrip()
            indented = code.startswith("  ")
            if indented and code.lstrip().startswith(("piiaudit ", "cat ", "(umask", "--")):
                assert any(ja.startswith(code) for ja in ja_lines), code
        assert entry["ja"].count("\\b") >= 1 or "\\b" not in entry["en"], entry["en"][:40]


@pytest.mark.parametrize(
    "words",
    [[], ["scan"], ["contacts"], ["split"], ["minimize"], ["baseline"], ["baseline", "create"]],
    ids=lambda words: " ".join(words) or "piiaudit",
)
def test_each_command_s_help_is_japanese(words: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    english, japanese = _help(words), _help(words, "ja")
    assert english.startswith("Usage: ") and japanese.startswith("使い方: ")
    assert "\nオプション:\n" in japanese and "Options:" not in japanese
    assert "このヘルプを表示して終了します。" in japanese
    assert "Show this message and exit." not in japanese
    if "Commands:" in english:
        assert "\nコマンド:\n" in japanese
    if "[required]" in english:
        assert "[必須]" in japanese and "[required]" not in japanese
    # Lines are wrapped by display width: none runs past the terminal (78 cells here),
    # but the examples, which are printed whole.
    examples = [line for line in japanese.splitlines() if line.startswith("    ")]
    assert [
        line for line in japanese.splitlines() if cell_len(line) > 78 and line not in examples
    ] == []


@pytest.mark.parametrize("width", ["60", "200"])
def test_japanese_examples_are_printed_whole(width: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", width)
    for words in ([], ["scan"], ["contacts"], ["split"], ["minimize"], ["baseline", "create"]):
        printed = {line.strip() for line in _help(words, "ja").splitlines()}
        text = _japanese()[help_key(_command(words).epilog or _command(words).help)]
        examples = [line.strip() for line in text.splitlines() if line.startswith("  ")]
        assert examples and [line for line in examples if line not in printed] == []


def _command(words: list[str]) -> Any:
    command: Any = typer.main.get_command(app)
    for word in words:
        command = command.commands[word]
    return command


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (["scan", "--lang", "ja", "--help"], "C.UTF-8"),
        (["scan", "--help", "--lang", "ja"], "en_US.UTF-8"),
        (["scan", "--help"], "ja_JP.UTF-8"),
    ],
)
def test_scan_help_in_japanese(args: list[str], lang: str) -> None:
    run = _run(*args, lang=lang)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith(f"使い方: {PROG} scan [OPTIONS] {{PATH}}...")
    assert "\n引数:\n" in out and "\nオプション:\n" in out
    assert "連絡先のエクスポートを監査し、含まれる個人情報を報告します。" in out
    assert "この重大度以上の検出があれば終了コード 1 で終了します" in _flat(out)
    assert "[既定: self]" in out and "[必須]" in out
    assert "このヘルプを表示して終了します。" in out
    assert "Options:" not in out and "Audit contact exports" not in out


@pytest.mark.parametrize(
    ("args", "lang"),
    [(["scan", "--lang", "en", "--help"], "ja_JP.UTF-8"), (["scan", "--help"], "C")],
)
def test_english_help_is_as_the_source_says(
    args: list[str], lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run = _run(*args, lang=lang)
    assert run.returncode == 0, run.stderr
    assert run.stdout == _help(["scan"])
    assert "Audit contact exports and report the personal information" in run.stdout


def test_english_help_is_untouched_by_a_japanese_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run builds its own tree: one put in Japanese changes no other."""
    monkeypatch.setenv("COLUMNS", "80")
    before = [_help(words) for words in ([], ["scan"], ["split"], ["baseline", "create"])]
    _help(["scan"], "ja")
    after = [_help(words) for words in ([], ["scan"], ["split"], ["baseline", "create"])]
    assert after == before
    assert localize(typer.main.get_command(app), "en").help == typer.main.get_command(app).help


def test_the_root_help_in_japanese() -> None:
    run = _run("--help", lang="ja_JP.UTF-8")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"使い方: {PROG} [OPTIONS] COMMAND [ARGS]...")
    assert "\nコマンド:\n" in run.stdout and "バージョンを表示して終了します。" in run.stdout
    # rules speaks English in every language; its line in the list does too
    assert "rules     List, validate and test rule packs" in run.stdout


@pytest.mark.parametrize("words", [["rules"], ["rules", "list"], ["rules", "validate"]])
def test_rules_help_stays_english(words: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert _help(words, "ja") == _help(words)
    if words == ["rules", "list"]:
        run = _run(*words, "--help", lang="ja_JP.UTF-8")
        assert run.returncode == 0, run.stderr
        assert run.stdout == _help(words)
        assert run.stdout.startswith("Usage: ") and "Show this message and exit." in run.stdout


def test_a_command_given_nothing_shows_its_japanese_help() -> None:
    bare = _run("scan", lang="ja_JP.UTF-8")
    assert bare.returncode == 2
    shown = bare.stdout + bare.stderr
    assert shown.startswith(f"使い方: {PROG} scan")
    assert "連絡先のエクスポートを監査し、含まれる個人情報を報告します。" in shown
    assert "\nオプション:\n" in shown and "Audit contact exports" not in shown


def _argument_lines(help_text: str) -> list[str]:
    """The lines of the help's Arguments section that name an argument (its heading in
    English or Japanese; a wrapped help line is indented further)."""
    lines, inside = [], False
    for line in help_text.splitlines():
        if line in ("Arguments:", "引数:"):
            inside = True
        elif inside and line and not line.startswith(" "):
            inside = False
        elif inside and line.startswith("  ") and not line.startswith("   "):
            lines.append(line.strip())
    return lines


_COMMANDS_WITH_ARGUMENTS = [
    ["scan"],
    ["contacts"],
    ["split"],
    ["minimize"],
    ["baseline", "create"],
    ["rules", "validate"],
    ["rules", "test"],
]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("words", _COMMANDS_WITH_ARGUMENTS, ids=" ".join)
def test_arguments_are_named_as_the_usage_line_names_them(words: list[str], lang: str) -> None:
    """Typer listed arguments with their Python types (``PATH <list[str]>``, ``INPUT
    <str>``): the Arguments section names them as the usage line does."""
    text = _help(words, lang)
    arguments = _argument_lines(text)
    assert arguments, text
    assert [line for line in arguments if "<" in line.split("  ")[0]] == []
    usage = text.splitlines()[0]
    for line in arguments:
        name = line.split()[0]
        assert name.removesuffix("...") in usage, (name, usage)


@pytest.mark.parametrize("lang", ["C.UTF-8", "ja_JP.UTF-8"])
def test_a_real_run_names_arguments_without_python_types(lang: str) -> None:
    run = _run("scan", "--help", lang=lang)
    assert run.returncode == 0, run.stderr
    assert _argument_lines(run.stdout)[0].startswith("PATH...  ")
    assert "list[str]" not in run.stdout
