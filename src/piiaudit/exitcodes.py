"""Exit codes, documented in the README. One enum so every command agrees."""

from __future__ import annotations

import enum


@enum.unique
class ExitCode(enum.IntEnum):
    OK = 0  # done; no finding at or above --fail-on (or --fail-on not given)
    FINDINGS = 1  # a finding at or above --fail-on; a rule pack that fails validate/test
    USAGE = 2  # usage or configuration error
    INPUT = 3  # at least one input could not be read (the others are still reported)
    INTERNAL = 70  # a bug in piiaudit (EX_SOFTWARE); reported in one line, never a traceback
    INTERRUPTED = 130
    CLOSED_PIPE = 141  # standard output closed by its reader (| head): 128 + SIGPIPE
