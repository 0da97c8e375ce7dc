"""What every command shares: the error boundary, language choice, engine set-up.

Commands stay thin: they turn options into calls on the audit, engine, parsers
and reporters, and let :func:`guarded` turn errors into one line on stderr and
an exit code (see :class:`piiaudit.exitcodes.ExitCode`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import stat
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import typer

from piiaudit.cli.localize import localized, translated
from piiaudit.discovery import STDIN
from piiaudit.engine import Engine, Profile, load_profile
from piiaudit.engine.profile import region_error
from piiaudit.errors import ConfigError, OutputError, PiiauditError
from piiaudit.exitcodes import ExitCode
from piiaudit.parsers import ParseOptions, show_tracebacks
from piiaudit.reporters.textsafe import visible
from piiaudit.safeio import shared_folder

T = TypeVar("T")

LANGS = ("en", "ja")


def error(message: str, lang: str = "en") -> None:
    """One line on stderr, prefixed with the program name, as every CLI tool does,
    in the user's language (:mod:`piiaudit.cli.localize`).

    Messages name input files, and a file name (like a contact's name) may hold
    escape sequences meant for the user's terminal: they are stripped.
    """
    _say("error", translated(message, lang), lang)


def inform(message: str, lang: str = "en") -> None:
    """One line on stderr that is neither an error nor a warning (why the exit code is
    what it is), prefixed with the program name."""
    print(f"piiaudit: {visible(translated(message, lang))}", file=sys.stderr)


def refuse_when_no_input_exists(paths: list[str]) -> None:
    """A mistyped path is a usage error, not a clean report with one unreadable file.

    Only when *no* input exists: in a batch, one missing employee folder is named in
    the report among the others (exit 3), but a report on nothing would read as
    "risk none" for a phone that was never looked at.
    """
    if paths and all(p != STDIN and not os.path.lexists(p) for p in paths):
        where = ", ".join(paths)
        raise ConfigError(
            f"{where}: no such file or directory: nothing was audited and no report was written"
        )


def warn(message: str, lang: str = "en", *, always: bool = False) -> None:
    """A warning on stderr, unless the command runs with ``--quiet`` (:func:`quiet`);
    ``always`` for the safety warnings that --quiet must not hide (--show-pii)."""
    if _QUIET[0] and not always:
        return
    _say("warning", translated(message, lang), lang)


_QUIET = [False]  # set by quiet() for one command's run
QUIET_WARNINGS = typer.Option(
    False,
    "--quiet",
    "-q",
    help="No warnings (but those that output is unmasked or kept whole); errors are still said.",
)

# Options several commands share, declared once so their names, value names and help
# read the same everywhere.
CONFIG = typer.Option(
    None,
    "--config",
    "-c",
    help="Company profile (default: piiaudit.yaml here or above).",
    metavar="FILE",
)
PACKS = typer.Option([], "--pack", help="Extra rule pack folder (repeatable).", metavar="DIR")
REGION = typer.Option(
    None,
    "--region",
    help="Country (JP, DE, FR...) of numbers written without +country; default JP.",
    metavar="CC",
)
MESSAGE_LANG = typer.Option(
    None,
    "--lang",
    help="Message language: ja or en (default: from LANG/LC_ALL).",
    metavar="ja|en",
)
DEBUG = typer.Option(False, "--debug", help="Show a traceback on errors.")
OWNER = typer.Option(
    [],
    "--owner",
    help="You, the phone's owner: your name as on your own card (either order), your "
    "phone number or e-mail address (repeatable). That card is yours: classified "
    "private, never handed over.",
    metavar="VALUE",
)


@contextlib.contextmanager
def quiet(on: bool) -> Iterator[None]:
    """Hide this command's warnings (``--quiet`` of split, minimize and contacts: every
    LANG=de_DE run of them repeated the region hint, with no way to silence it)."""
    before = _QUIET[0]
    _QUIET[0] = on
    try:
        yield
    finally:
        _QUIET[0] = before


def warn_open_key(key_file: Path | None, lang: str) -> None:
    """Warn when the baseline key file is readable by other users: with the key, a
    baseline's fingerprints of short values can be checked against guesses, and the
    reports themselves are written owner-only (QA round 11). Said under ``--quiet``
    too, as the --show-pii warning is: a CI job runs quiet, and its key was the one
    left readable (compliance QA F7)."""
    if key_file is None:
        return
    try:
        mode = os.stat(key_file).st_mode
    except OSError:
        return  # reading it failed or will: that error says more
    if stat.S_ISREG(mode) and mode & 0o077:
        warn(
            f"{key_file}: the baseline key can be read by other users "
            f"(mode {stat.S_IMODE(mode):04o}); run: chmod 600 {key_file}",
            lang,
            always=True,
        )


def warn_shared_folders(folders: Iterable[Path], lang: str) -> None:
    """Warn once for each folder any user can change that output goes into (or a
    folder above it: see :func:`~piiaudit.safeio.shared_folder`)."""
    said: set[Path] = set()
    for folder in folders:
        shared = shared_folder(folder)
        if shared is not None and shared not in said:
            said.add(shared)
            warn(
                f"{shared}: other users can change this folder: they could move or replace "
                "the files written under it; write them to a folder only you can change",
                lang,
            )


def _say(kind: str, message: str, lang: str) -> None:
    print(f"piiaudit: {translated(kind, lang)}: {visible(message)}", file=sys.stderr)


def guarded(action: Callable[[], T], *, debug: bool = False, lang: str | None = None) -> T:
    """Run ``action``; map piiaudit errors to exit codes and never show a traceback
    unless ``--debug`` asked for one. ``typer.Exit`` passes through untouched.

    ``lang`` is the command's ``--lang`` as given: the error is said in that
    language, or the locale's (an invalid ``--lang`` is itself the error, said in
    the locale's language)."""
    show_tracebacks(debug)  # a reader's internal error too, not only the command's
    try:
        return action()
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        error("interrupted", lang_or_default(lang))
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except PiiauditError as exc:
        if debug:
            traceback.print_exc()
        chosen = lang_or_default(lang)
        _say("error", localized(exc, chosen), chosen)
        raise typer.Exit(_exit_code_for(exc)) from None


def lang_or_default(explicit: str | None) -> str:
    """:func:`resolve_lang`, falling back to the locale when ``explicit`` is not a
    language piiaudit speaks (an error must still be said in some language)."""
    try:
        return resolve_lang(explicit)
    except ConfigError:
        return resolve_lang(None)


def _exit_code_for(exc: PiiauditError) -> ExitCode:
    """Configuration and refused outputs are usage errors (2); an unreadable input is 3."""
    if isinstance(exc, (ConfigError, OutputError)):
        return ExitCode.USAGE
    return ExitCode.INPUT


def resolve_lang(explicit: str | None) -> str:
    """``--lang`` if given, else the root's ``piiaudit --lang`` (:func:`set_root_lang`),
    else Japanese when LC_ALL / LC_MESSAGES / LANG say so, else English."""
    if explicit:
        lang = explicit.lower()
        if lang not in LANGS:
            raise ConfigError(f"--lang must be one of {', '.join(LANGS)}, not {explicit!r}")
        return lang
    if _root_lang:
        return _root_lang
    return "ja" if _locale("LC_MESSAGES").lower().startswith("ja") else "en"


_root_lang = ""


def set_root_lang(lang: str | None) -> None:
    """Remember ``piiaudit --lang`` (before the command) for this run: every command
    speaks it unless its own ``--lang`` says otherwise, those without one (contacts,
    baseline) too. ``piiaudit --lang ja --help`` was a usage error: only scan, split and
    minimize took ``--lang``, after their name. Set on every run of the root, so one
    run's choice never outlives it (tests run many in one process)."""
    global _root_lang
    _root_lang = resolve_lang(lang) if lang else ""


def _locale(category: str) -> str:
    """The locale in force for ``category`` (``LC_MESSAGES``, ``LC_TELEPHONE``): the
    first of ``LC_ALL``, the category's own variable and ``LANG`` that is set, as POSIX
    orders them; "" when none is."""
    for var in ("LC_ALL", category, "LANG"):
        value = os.environ.get(var, "")
        if value:
            return value
    return ""


def load_engine(
    config: Path | None,
    extra_packs: Sequence[Path] = (),
    start: Path | None = None,
    region: str | None = None,
    owner: Sequence[str] = (),
) -> tuple[Profile, Engine]:
    """The company profile (``--config`` or discovered ``piiaudit.yaml``) and its engine.

    ``--region`` (``region``) replaces the profile's for the rules too: the validators
    that read a number written in a note (JP-PHONE-001, GDPR-PHONE-001) read it in that
    region's plan, as the readers read the numbers of phone fields. It only reached the
    readers, so ``--region DE`` left ``privat 0171 2345678`` unreported.

    ``--owner`` (``owner``) goes into the profile as the ``profile:owner`` list that
    CORE-OWNER-001 reads, as the company's names reach CORE-PROFILE-001: the worker
    processes of ``--jobs`` build their engines from the same profile. Its phone numbers
    are checked in the region the rules read numbers in, so after ``--region``."""
    profile = load_profile(config, start or Path.cwd())
    if region is not None:
        problem = region_error(region)
        if problem:
            raise ConfigError(f"--region: {problem}")
        profile = dataclasses.replace(profile, region=region.upper())
    if owner:
        profile = profile.with_owner(owner)
    return profile, Engine.from_profile(profile, extra_packs=pack_folders(extra_packs))


def same_choices(
    config: Path | None, packs: Sequence[Path], owner: Sequence[str]
) -> tuple[str | Path, ...]:
    """``--config``, ``--pack`` and ``--owner`` as given, for a command printed for the
    user to run next: without them the next step classified with another profile, other
    rules or without the owner's own card (the hint left ``--owner`` out)."""
    words: list[str | Path] = []
    if config is not None:
        words += ["--config", config]
    for pack in packs:
        words += ["--pack", pack]
    for name in owner:
        words += ["--owner", name]
    return tuple(words)


def pack_folders(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The packs ``--pack`` names: a pack, a folder of packs (a rule-pack repository's
    ``rules/``) or a file in a pack, as ``rules validate`` and ``rules test`` read them."""
    if not paths:
        return ()
    from piiaudit.engine.packsearch import resolve_pack_dirs  # the search, only when asked

    return tuple(resolve_pack_dirs(paths))


def parse_options(
    profile: Profile, region: str | None = None, lang: str | None = None
) -> ParseOptions:
    """Reader options from the profile, with ``--region`` taking precedence.

    A region phonenumbers does not know is refused here, before any file is read:
    accepted, it would leave every number in the report without its E.164 form.
    With ``lang``, a hint is printed in it when the default region is assumed but the
    locale names another country (:func:`region_hint`).
    """
    if region is not None:
        problem = region_error(region)
        if problem:
            raise ConfigError(f"--region: {problem}")
    elif lang is not None and not profile.region_set:
        hint = region_hint(profile.region)
        if hint:
            warn(hint, lang)
    return ParseOptions(
        region=(region or profile.region or "JP").upper(),
        region_given=region is not None or profile.region_set,
        csv_columns=dict(profile.csv_columns),
    )


def region_hint(assumed: str) -> str:
    """A warning when the locale's country is not the region numbers are read in.

    Numbers without a country code are read in one region, JP unless ``--region`` or
    the company profile says otherwise. A German ``0151 ...`` mobile read as Japanese
    is no valid number, so it is neither classified nor reported as a mobile, silently
    (QA round 5). The locale (``LC_ALL``, ``LC_TELEPHONE``, ``LANG``: ``de_DE.UTF-8``)
    often names the phones' country; when it names another one than ``assumed``, say
    so. Empty when it does not, or names no country phonenumbers knows.
    """
    match = _TERRITORY.match(_locale("LC_TELEPHONE"))
    country = match.group(1).upper() if match else ""
    if not country or country == assumed.upper() or region_error(country):
        return ""
    return (
        f"phone numbers without a country code are read as {assumed.upper()} "
        f"numbers; the locale names {country}: if the phones are from there, "
        f"pass --region {country}"
    )


_TERRITORY = re.compile(r"[a-zA-Z]{2,3}_([a-zA-Z]{2})(?:[.@]|$)")
