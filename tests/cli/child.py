"""Running piiaudit in a child process, as a user's shell runs it: with the locale the
test names (LANG; LC_ALL and LC_MESSAGES cleared so that LANG decides)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_piiaudit(
    *args: str, lang: str = "C.UTF-8", cwd: Path | None = None, columns: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "piiaudit", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=120,
    )
