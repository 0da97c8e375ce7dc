"""The commands the hand-over suggests, written so that they can be pasted into a shell.

A hint that names the user's own files (``piiaudit split 顧客 一覧.vcf``) is only worth
pasting if it runs: names are quoted as :mod:`piiaudit.shell` says (the reports quote
them the same way). A placeholder such as ``EXPORT.vcf`` where the file is known made
the user retype it (QA hand-over).
"""

from __future__ import annotations

from pathlib import PurePath

from piiaudit.shell import command_line, shell_word

__all__ = ["command", "shell_word"]


def command(*words: str | PurePath | None) -> str:
    """``piiaudit`` and ``words`` (``None`` left out) as one command line: options as
    they are, names quoted as needed (:func:`piiaudit.shell.command_line`)."""
    return command_line(*words)
