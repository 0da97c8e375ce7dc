"""split needs a regular file: it reads its input several times and copies byte ranges.

A named pipe made it wait forever for a writer (security review, QA round 7); it is
refused at once with exit code 3, and nothing is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from piiaudit.cli import app


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "export.vcf"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["split", str(fifo), "--out-dir", str(out), "--lang", "en"])
    assert result.exit_code == 3
    assert f"{fifo}: not a regular file" in result.stderr
    assert not out.exists()
