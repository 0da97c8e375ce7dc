"""Every example command in ``--help`` is printed on lines of its own, as written.

Click re-wraps an epilog's paragraphs to the terminal's width unless a paragraph is
marked ``\\b``; ``baseline create --help`` printed the key file's path split in two
and glued the ``scan`` example onto the ``create`` line (QA round 4 A8), so a user
copying them ran the wrong commands.
"""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from piiaudit.cli import app


def _commands() -> list[tuple[list[str], Any]]:
    """Every command (and sub-command) of the CLI with an epilog, with the words that
    call it. (Typer may bring its own copy of Click, so groups are told by their
    ``commands``, not by class.)"""
    root = typer.main.get_command(app)
    found: list[tuple[list[str], Any]] = []

    def walk(words: list[str], command: Any) -> None:
        found.append((words, command))
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk([*words, name], sub)

    walk([], root)
    return [(words, command) for words, command in found if words and command.epilog]


def _example_lines(epilog: str) -> list[str]:
    """The indented lines of an epilog: the commands a reader copies."""
    return [line.strip() for line in epilog.splitlines() if line.startswith("  ") and line.strip()]


@pytest.mark.parametrize(
    ("words", "command"), _commands(), ids=lambda x: " ".join(x) if isinstance(x, list) else ""
)
@pytest.mark.parametrize("width", ["60", "200"])
def test_example_commands_are_printed_whole(words: list[str], command: Any, width: str) -> None:
    examples = _example_lines(command.epilog or "")
    assert examples
    result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": width})
    assert result.exit_code == 0, result.output
    printed = [line.strip() for line in result.output.splitlines()]
    assert [line for line in examples if line not in printed] == []


def _all_commands() -> list[tuple[list[str], Any]]:
    root = typer.main.get_command(app)
    found: list[tuple[list[str], Any]] = []

    def walk(words: list[str], command: Any) -> None:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk([*words, name], sub)
        else:
            found.append((words, command))

    walk([], root)
    return found


@pytest.mark.parametrize(
    ("words", "command"), _all_commands(), ids=lambda x: " ".join(x) if isinstance(x, list) else ""
)
def test_options_name_the_value_they_take(words: list[str], command: Any) -> None:
    """An option's value is named for the user (FILE, DIR, LEVEL, CC, ja|en), not by the
    Python type behind it: Typer's default printed ``--region <str>`` and
    ``--pack <list[Path]>`` (a leftover of the UX review)."""
    result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    options = [line.strip() for line in result.output.splitlines() if line.startswith("  -")]
    assert options
    assert [line for line in options if "<" in line.split("  ")[0]] == []
    for param in command.params:
        if param.param_type_name == "option" and not param.is_flag and not param.hidden:
            assert param.metavar, f"{' '.join(words)} {param.opts[0]} has no metavar"


def test_scan_help_names_the_region_as_a_country_code() -> None:
    result = CliRunner().invoke(app, ["scan", "--help"], env={"COLUMNS": "200"})
    assert "--region CC" in result.output
    assert "-f, --format FORMATS" in result.output
    assert "--fail-on LEVEL" in result.output
