"""Standard output that cannot be written, or that its reader closed (UX review).

A full disk under ``> file`` was an "internal error, please report it" (exit 70), and a
reader that stopped (``| head``) made contacts and rules list exit 1, the --fail-on code.
Run as real processes: the errors happen in the interpreter's own stream. Fictional data.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Taro Example{0}\r\n"
    "TEL;TYPE=WORK:03-5555-0101\r\nEND:VCARD\r\n"
)


def _export(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "many.vcf"
    path.write_text("".join(CARD.format(i) for i in range(count)), encoding="utf-8")
    return path


def _piiaudit(args: list[str], stdout: object) -> subprocess.Popen[bytes]:
    """``python -m piiaudit ARGS`` as a child process, its standard error piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "piiaudit", *args], stdout=stdout, stderr=subprocess.PIPE
    )


def test_a_full_disk_on_standard_output_is_a_clear_error(tmp_path: Path) -> None:
    export = _export(tmp_path, 1)
    for command in (["scan", str(export)], ["contacts", str(export)]):
        with open("/dev/full", "w") as full:
            process = _piiaudit(command, stdout=full)
            assert process.stderr is not None
            err = process.stderr.read().decode()
        assert process.wait(timeout=60) == 2, err
        assert "piiaudit: error: cannot write: No space left on device" in err
        assert "internal error" not in err


def test_a_reader_that_stops_ends_the_run_quietly_with_141(tmp_path: Path) -> None:
    export = _export(tmp_path, 3000)  # far more than a pipe holds
    process = _piiaudit(["contacts", str(export)], stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # what head does after its bytes
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert "Traceback" not in err and "error" not in err
