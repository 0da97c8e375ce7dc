"""Errors and warnings in the user's language, where the CLI prints them.

The stages below the CLI raise English sentences: they know nothing of languages,
and a test or a log reads them as they are. An employee who runs ``piiaudit scan
--lang ja`` (or whose locale is Japanese) reads the report in Japanese, so the
line that says why nothing was written must be Japanese too.

The wording is data: ``cli/messages.yaml``, in the format of the readers'
``reporters/messages/problems.yaml``, which is read with it, so a reader's reason
inside "PATH: cannot read: REASON" is translated by the words already kept there.
A sentence neither knows is shown as raised: an error must never be lost over
its wording.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from piiaudit.errors import ConfigError, InputError, PiiauditError
from piiaudit.reporters.problems import CATALOG_PATH, Catalog, compile_catalog
from piiaudit.resources import package_path, read_shipped_yaml

__all__ = ["catalog", "localized", "show_usage_error", "translated"]

SOURCE_LANG = "en"


def translated(message: str, lang: str) -> str:
    """``message`` in ``lang``; as it is in English or when no catalog knows it."""
    if lang == SOURCE_LANG or not message:
        return message
    found = catalog().find(message, lang)
    return message if found is None else found


def localized(exc: PiiauditError, lang: str) -> str:
    """The one-line message of ``exc`` in ``lang``.

    An error that names a file (and line) keeps that prefix as it is, the form
    editors jump to; only the sentence after it is translated.
    """
    if lang == SOURCE_LANG:
        return str(exc)
    if isinstance(exc, InputError):
        where = f"{exc.path}:{exc.line}" if exc.line else exc.path
        return f"{where}: {translated(exc.reason, lang)}"
    if isinstance(exc, ConfigError) and exc.path:
        where = f"{exc.path}:{exc.line}" if exc.line else exc.path
        return f"{where}: {translated(exc.message, lang)}"
    return translated(str(exc), lang)


def show_usage_error(exc: Exception, lang: str) -> None:
    """Click's usage error (the usage, the error, the help hint), in ``lang``: click's
    own sentences are in ``cli/messages.yaml`` like ours."""
    ctx: Any = getattr(exc, "ctx", None)
    format_message = getattr(exc, "format_message", None)
    message = str(format_message() if format_message is not None else exc)
    # The error in the form every other error has ("piiaudit: error: ..."), between the
    # usage line and the pointer to the help (click's "Error:" came last, after a blank).
    error = f"piiaudit: {translated('error', lang)}: {translated(message, lang)}"
    lines = [error]
    if ctx is not None:
        hint = f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help."
        lines = [ctx.get_usage(), error, translated(hint, lang)]
    print("\n".join(lines), file=sys.stderr)


@functools.cache
def catalog() -> Catalog:
    """The CLI's sentences and the readers' (words, reasons), compiled once per process."""
    ours = read_shipped_yaml(package_path("cli", "messages.yaml"))
    readers = read_shipped_yaml(CATALOG_PATH)
    return compile_catalog(_merged(readers, ours), str(package_path("cli", "messages.yaml")))


def _merged(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """One catalog's data from two: placeholders, translated names, terms and messages."""
    return {
        "placeholders": {**(first.get("placeholders") or {}), **(second.get("placeholders") or {})},
        "translated": [*(first.get("translated") or ()), *(second.get("translated") or ())],
        "terms": [*(first.get("terms") or ()), *(second.get("terms") or ())],
        "messages": [*(first.get("messages") or ()), *(second.get("messages") or ())],
    }
