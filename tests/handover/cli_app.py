"""A typer app carrying the two hand-over commands, as the real app registers them,
so the commands are tested through typer's runner (help text, options, exit codes)."""

from __future__ import annotations

import typer

from piiaudit.cli.minimize import minimize_command
from piiaudit.cli.split import split_command

app = typer.Typer(rich_markup_mode=None, add_completion=False)
app.command("split", no_args_is_help=True)(split_command)
app.command("minimize", no_args_is_help=True)(minimize_command)
