"""The console side of a batch run: a bar only on a terminal after a second, verbose lines."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from piiaudit.cli.progress import (
    ConsoleProgress,
    check_group_by,
    check_jobs,
    check_verbosity,
)
from piiaudit.errors import ConfigError
from piiaudit.model import FileInfo


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=terminal, width=120, color_system=None)
    return console, buffer


def _ok(path: str) -> FileInfo:
    return FileInfo(path=path, format="vcard", dialect="vcard-3.0")


def test_no_bar_during_the_first_second() -> None:
    console, buffer = _console(terminal=True)
    clock = Clock()
    progress = ConsoleProgress(console=console, clock=clock)
    progress.start(3)
    clock.now += 0.5
    progress.contacts_read(100)
    progress.file_done(_ok("a.vcf"), 0)
    assert not progress.showing
    progress.finish()
    assert buffer.getvalue() == ""


def test_bar_appears_after_a_second_on_a_terminal() -> None:
    console, buffer = _console(terminal=True)
    clock = Clock()
    progress = ConsoleProgress(console=console, clock=clock)
    progress.start(3)
    clock.now += 1.5
    progress.contacts_read(3000)
    shown_while_running = progress.showing
    progress.file_done(_ok("a.vcf"), 0)
    progress.finish()
    assert shown_while_running
    assert not progress.showing
    assert "Auditing" in buffer.getvalue()


def test_the_bars_first_frame_holds_the_counts_so_far() -> None:
    """The bar opens a second into the run; its first frame said "0 contacts" after
    hundreds had been read (compliance QA F10)."""
    console, buffer = _console(terminal=True)
    clock = Clock()
    progress = ConsoleProgress(console=console, clock=clock)
    progress.start(3)
    clock.now += 0.5
    progress.contacts_read(600)  # before the bar may show
    clock.now += 1.0
    progress.contacts_read(32)  # opens the bar
    assert progress.showing
    assert progress._bar is not None and progress._task is not None
    task = progress._bar.tasks[0]
    assert task.fields["contacts"] == 632 and task.fields["rate"] > 0
    progress.finish()
    assert "0 contacts" not in buffer.getvalue()


def test_nothing_on_a_non_terminal_even_for_long_runs() -> None:
    console, buffer = _console(terminal=False)
    clock = Clock()
    progress = ConsoleProgress(console=console, clock=clock)
    progress.start(2)
    clock.now += 60
    progress.contacts_read(10)
    progress.file_done(_ok("a.vcf"), 0)
    progress.finish()
    assert not progress.showing
    assert buffer.getvalue() == ""


def test_quiet_shows_nothing_on_a_terminal() -> None:
    console, buffer = _console(terminal=True)
    clock = Clock()
    progress = ConsoleProgress(console=console, clock=clock, quiet=True, verbose=True)
    progress.start(1)
    clock.now += 10
    progress.contacts_read(10)
    progress.file_done(_ok("a.vcf"), 0)
    progress.finish()
    assert buffer.getvalue() == ""


def test_verbose_prints_one_line_per_file_also_when_piped() -> None:
    console, buffer = _console(terminal=False)
    progress = ConsoleProgress(console=console, clock=Clock(), verbose=True)
    progress.start(2)
    good = _ok("exports/[tanaka]/phone.vcf")
    bad = FileInfo(path="exports/x.bin", error="not a contact export")
    progress.file_done(good, 12)
    progress.file_done(bad, 0)
    progress.finish()
    assert buffer.getvalue().splitlines() == [
        "piiaudit: exports/[tanaka]/phone.vcf: 12 contacts (vcard-3.0)",
        "piiaudit: exports/x.bin: not read: not a contact export",
    ]


def test_option_checks() -> None:
    assert check_jobs(3) == 3
    assert check_jobs(None) >= 1
    with pytest.raises(ConfigError, match="--jobs"):
        check_jobs(0)
    assert check_group_by("DIR") == "dir"
    with pytest.raises(ConfigError, match="--group-by"):
        check_group_by("employee")
    with pytest.raises(ConfigError, match="--quiet or --verbose"):
        check_verbosity(True, True)
