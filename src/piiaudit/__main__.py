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
    for name in _EARLY:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _stop_while_importing)
    from piiaudit.cli import main as cli_main

    # Python's own Ctrl-C (KeyboardInterrupt, which the command turns into a clean stop)
    # and the defaults the command's handlers expect to replace.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in _EARLY[1:]:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    cli_main()


if __name__ == "__main__":
    main()
