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
