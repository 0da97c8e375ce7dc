"""Running the real CLI on a hostile input and reading what it reported.

Every hostile test goes through these helpers so that every one of them makes
the same promises checked the same way: no traceback, the documented exit
code, the input's bytes untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from piiaudit.cli import app

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Run:
    """What one CLI run produced: exit code, standard output, standard error."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


def sha256_tree(path: Path) -> dict[str, str]:
    """The sha256 of ``path`` (a file) or of every regular file below it (a directory)."""
    if path.is_file():
        return {str(path): hashlib.sha256(path.read_bytes()).hexdigest()}
    hashes = {}
    for root, _dirs, files in os.walk(path):
        for name in files:
            item = Path(root) / name
            if item.is_file() and not item.is_symlink():
                hashes[str(item)] = hashlib.sha256(item.read_bytes()).hexdigest()
    return hashes


def invoke(*args: str, stdin: bytes | None = None) -> Run:
    """``piiaudit ARGS`` in-process (typer's runner), stdout and stderr kept apart."""
    result = CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"piiaudit {' '.join(args)} raised {result.exception!r}"
    )
    run = Run(result.exit_code, result.stdout, result.stderr)
    assert_no_traceback(run)
    return run


def subprocess_run(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """``python -m piiaudit ARGS`` as a real child process, its standard input empty."""
    completed = subprocess.run(
        [sys.executable, "-m", "piiaudit", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    run = Run(completed.returncode, completed.stdout, completed.stderr)
    assert_no_traceback(run)
    return run


def assert_no_traceback(run: Run) -> None:
    for stream in (run.stdout, run.stderr):
        assert "Traceback" not in stream, stream[-2000:]
        assert "internal error" not in stream, stream[-2000:]


def scan_json(path: Path, *extra: str) -> tuple[Run, dict[str, Any]]:
    """``piiaudit scan PATH -f json`` and the per-file entry of the report."""
    run = invoke("scan", str(path), "-f", "json", "--no-color", *extra)
    report = run.json
    assert len(report["files"]) == 1, report["files"]
    return run, report["files"][0]


def contacts_names(path: Path) -> list[str]:
    """The formatted names ``piiaudit contacts --show-pii`` read, in file order."""
    run = invoke("contacts", str(path), "--show-pii")
    return [contact["names"]["formatted"] for contact in run.json]
