"""``piiaudit`` and ``python -m piiaudit``: the command line, interruptible from the start.

The command's own handlers (``piiaudit.cli``) are installed once its modules are imported,
about a second on a slow machine. Ctrl-C in that second printed a ``KeyboardInterrupt``
traceback and SIGTERM ended the run with 143, not the documented 130 that a CI job's
``case`` reads as "interrupted" (QA round 15). Nothing is written while importing, so the
first handlers end the process at once; the command's replace them before any work.
"""

from __future__ import annotations

import os
import signal
import sys

_EARLY = ("SIGINT", "SIGTERM", "SIGHUP")
INTERRUPTED = 130  # ExitCode.INTERRUPTED, not imported: importing is what takes the time


def _stop_while_importing(number: int, frame: object) -> None:
    sys.stderr.write("piiaudit: error: interrupted\n")
    sys.stderr.flush()
    os._exit(INTERRUPTED)


def main() -> None:
    """Run the command line."""
    before: dict[int, object] = {}
    for name in _EARLY:
        number = getattr(signal, name, None)
        if number is None:
            continue
        before[number] = signal.getsignal(number)
        # A signal the caller ignores stays ignored (a script's ``piiaudit scan ... &``
        # must not die on the foreground Ctrl-C: review 15).
        if before[number] is not signal.SIG_IGN:
            signal.signal(number, _stop_while_importing)
    from piiaudit.cli import main as cli_main

    # The handlers found at the start (Python's own Ctrl-C, KeyboardInterrupt, which the
    # command turns into a clean stop), for the command's own to replace.
    for number, handler in before.items():
        signal.signal(number, handler)  # type: ignore[arg-type]
    cli_main()


if __name__ == "__main__":
    main()
