"""One exception family, so the CLI has one place that turns errors into exit codes.

Every error a user can cause (a bad file, a bad rule pack, a bad option) is a
:class:`PiiauditError`. Anything else reaching the CLI is a bug, reported as one.
"""

from __future__ import annotations


class PiiauditError(Exception):
    """Base class: a problem the user can act on. ``str()`` is the one-line message."""


class InputError(PiiauditError):
    """An input file that cannot be read at all (missing, binary, empty, unreadable)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class ConfigError(PiiauditError):
    """A bad company profile, override file or command-line option."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")


class RulePackError(ConfigError):
    """A rule pack that does not validate. Always names the file and, when known, the line."""


class OutputError(PiiauditError):
    """A report or hand-over file that cannot be written safely."""
