"""The ``piiaudit`` command: one typer app, one module per command.

This module only assembles the app and holds the last-resort error boundary;
each command lives in its own module and keeps its logic in the layers below.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import traceback
from typing import Any, NoReturn

import typer

from piiaudit import __version__
from piiaudit.cli import baseline as baseline_cmd
from piiaudit.cli import contacts as contacts_cmd
from piiaudit.cli import minimize as minimize_cmd
from piiaudit.cli import rules as rules_cmd
from piiaudit.cli import scan as scan_cmd
from piiaudit.cli import split as split_cmd
from piiaudit.cli import verify as verify_cmd
from piiaudit.cli.common import lang_or_default, set_root_lang
from piiaudit.cli.helptext import localize
from piiaudit.cli.localize import show_usage_error
from piiaudit.errors import ConfigError
from piiaudit.exitcodes import ExitCode

HELP = """Audit phone contact exports (vCard 2.1/3.0/4.0, CSV) for personal information.

piiaudit reads the contact export of a phone, tells business contacts (customers,
colleagues) from private ones, finds the personal data they expose (personal
mobiles, home addresses, birthdays, sensitive notes, ID numbers) and scores the
risk under Japan's APPI and the GDPR. It works offline and masks what it finds.

Examples:

\b
  piiaudit scan export.vcf                    # terminal report
  piiaudit scan export.vcf --lang ja          # 日本語のレポート
  piiaudit scan exports/ -f json,html --output-dir reports/
  piiaudit contacts export.vcf                # what piiaudit read, as JSON
  piiaudit rules validate my-pack/            # CI for rule packs
"""

app = typer.Typer(
    name="piiaudit",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"piiaudit {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        metavar="ja|en",
        help="Language of every command's output and help: ja or en (default: from "
        "LANG/LC_ALL); a command's own --lang wins. The rules commands speak English.",
    ),
) -> None:
    """Audit phone contact exports for personal information."""
    try:
        set_root_lang(lang)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--lang'") from None


app.command("scan", no_args_is_help=True, epilog=scan_cmd.EPILOG)(scan_cmd.scan_command)
app.command("contacts", no_args_is_help=True, epilog=contacts_cmd.EPILOG)(
    contacts_cmd.contacts_command
)
app.command("split", no_args_is_help=True)(split_cmd.split_command)
app.command("minimize", no_args_is_help=True)(minimize_cmd.minimize_command)
app.command("verify", no_args_is_help=True)(verify_cmd.verify_command)
app.add_typer(rules_cmd.app, name="rules")
app.add_typer(baseline_cmd.app, name="baseline")


def main() -> None:
    """Console-script entry point: run the app; an unexpected exception is a bug,
    reported in one line (with a traceback only when ``--debug`` is on the command line).

    Click's own usage errors (a misspelt option, a missing argument) are shown here, in
    the language of the run (``--lang`` on the command line, else the locale), as every
    other message is: click would print them in English before ``--lang`` was read.
    So is the help (:func:`_run`)."""
    _interrupt_on_termination()
    try:
        code = _run(_lang_of_argv(sys.argv[1:]))
    except SystemExit:
        if _stopping:  # see _raise_interrupt: the run was asked to stop
            _interrupted()
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # click's exit(1) on EPIPE
            _closed_pipe()
        raise
    except USAGE_ERROR as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a command given nothing: its help
            exc.show()  # type: ignore[attr-defined]
        else:
            show_usage_error(exc, _lang_of_argv(sys.argv[1:]))
        sys.exit(ExitCode.USAGE)
    except (KeyboardInterrupt, typer.Abort):
        _interrupted()
    except BrokenPipeError:
        _closed_pipe()
    except OSError as exc:
        # An error no command turned into its own (they name the files they write):
        # standard output could not be written (a full disk, an I/O error). It was an
        # "internal error, please report it" (UX review); it is the output's, exit 2.
        if exc.errno not in _OUTPUT_ERRNOS:
            _internal(exc)
        print(f"piiaudit: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(ExitCode.USAGE)
    except Exception as exc:  # the last-resort boundary: never a bare traceback
        _internal(exc)
    if _stopping:
        if code == ExitCode.INTERRUPTED:  # the command said it (common.guarded): once is enough
            sys.exit(code)
        _interrupted()
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _run(lang: str) -> Any:
    """Run the app, its help (``--help``, a command given nothing, the usage of a usage
    error) in ``lang``: the click tree, built as ``Typer.__call__`` builds it, with the
    help put in ``lang`` (:mod:`piiaudit.cli.helptext`; in English only the arguments'
    names are mended). ``Typer.__call__`` adds only its handler of uncaught
    exceptions, and none leaves :func:`main`."""
    command = localize(typer.main.get_command(app), lang, keep={"rules": rules_cmd.LANG})
    return command(standalone_mode=False)


_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


def _internal(exc: Exception) -> NoReturn:
    if "--debug" in sys.argv or os.environ.get("PIIAUDIT_DEBUG"):
        traceback.print_exc()
    print(
        f"piiaudit: internal error: {type(exc).__name__}: {exc} "
        "(please report it; run with --debug for details)",
        file=sys.stderr,
    )
    sys.exit(ExitCode.INTERNAL)


def _closed_pipe() -> NoReturn:
    """The reader of standard output stopped reading (``| head``): end quietly, as other
    tools do, with 141 (128 + SIGPIPE). contacts and rules list exited 1 (the --fail-on
    code) and scan 0 (UX review). Standard output is pointed at /dev/null first, so the
    interpreter's own flush at exit does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(ExitCode.CLOSED_PIPE)


def _interrupted() -> NoReturn:
    print("piiaudit: error: interrupted", file=sys.stderr)
    sys.exit(ExitCode.INTERRUPTED)


def _interrupt_on_termination() -> None:
    """SIGTERM and SIGHUP (what ``timeout``, a CI job's cancel button, systemd and a closed
    terminal send) stop a run as Ctrl-C does: the partly written report's temporary file
    is removed and the workers are let go. Without a handler they left a hidden partial
    report behind (security review, QA round 7). A signal the caller ignores stays
    ignored: ``nohup piiaudit scan ...`` must outlive its terminal (review 15)."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, _raise_interrupt)
    sys.unraisablehook = _quiet_interrupt


def _quiet_interrupt(unraisable: Any) -> None:
    """An interrupt Python could only report (see :func:`_raise_interrupt`) is said once,
    as "interrupted", not as a traceback; anything else as Python would say it."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        return
    if _stopping and isinstance(unraisable.exc_value, OSError):
        # The worker pool's wake-up pipe, written at exit after a stop closed it (EBADF):
        # teardown noise of a run already said to be interrupted, not news for the user.
        return
    sys.__unraisablehook__(unraisable)


_stopping = False


def _raise_interrupt(number: int, frame: object) -> None:
    """Stop the run. The exception may land where Python only reports it ("Exception
    ignored in ...": a fork's own clean-up), and the run then goes on; the flag still
    ends it with exit 130 when it is done (its files then are whole)."""
    global _stopping
    _stopping = True
    raise KeyboardInterrupt


def _usage_error_class() -> type[Exception]:
    """Click's ``UsageError``, wherever this typer keeps click (its own copy since 0.2x):
    the base of ``typer.BadParameter``, which typer exports."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "UsageError":
            return cls
    raise ImportError("typer.BadParameter is no UsageError")  # pragma: no cover


USAGE_ERROR = _usage_error_class()


def _lang_of_argv(argv: list[str]) -> str:
    """``--lang`` as written on the command line (parsing stopped at an error), else the
    locale's language; English for the ``rules`` commands, which speak English in every
    language setting (``rules_cmd.LANG``, docs/rules.md)."""
    if _command_of(argv) == "rules":
        return rules_cmd.LANG
    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
    return lang_or_default(explicit)


def _command_of(argv: list[str]) -> str:
    """The command named on the command line: its first word that is no option nor the
    value of the root's ``--lang`` (``piiaudit --lang ja rules list``)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return ""
