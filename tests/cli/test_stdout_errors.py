"""Standard output that cannot be written, or that its reader closed (UX review).

A full disk under ``> file`` was an "internal error, please report it" (exit 70), and a
reader that stopped (``| head``) made contacts and rules list exit 1, the --fail-on code.
Run as real processes: the errors happen in the interpreter's own stream. Fictional data.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Taro Example{0}\r\n"
    "TEL;TYPE=WORK:03-5555-0101\r\nEND:VCARD\r\n"
)


def _export(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "many.vcf"
    path.write_text("".join(CARD.format(i) for i in range(count)), encoding="utf-8")
    return path


def _piiaudit(
    args: list[str], stdout: object, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """``python -m piiaudit ARGS`` as a child process, its standard error piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "piiaudit", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
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


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_report_to_a_reader_that_stops_is_never_a_cut_report_with_exit_0(
    tmp_path: Path, unbuffered: str
) -> None:
    """With PYTHONUNBUFFERED (common in CI and Docker images) the text layer wrote the
    JSON report in one call and dropped what the pipe did not take: a cut report and
    exit 0 (docs review 9). The report is sent whole, so the closed pipe is seen."""
    export = _export(tmp_path, 3000)  # a report far larger than a pipe holds
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered
    process = _piiaudit(["scan", str(export), "-f", "json", "-q"], subprocess.PIPE, env)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141, err


def test_an_unbuffered_report_read_to_the_end_is_the_file_report(tmp_path: Path) -> None:
    export = _export(tmp_path, 3000)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    piped = subprocess.run(
        [sys.executable, "-m", "piiaudit", "scan", str(export), "-f", "json", "-q"],
        capture_output=True,
        env=env,
        check=False,
    )
    written = tmp_path / "report.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "piiaudit",
            "scan",
            str(export),
            "-f",
            "json",
            "-q",
            "-o",
            str(written),
        ],
        check=True,
        env=env,
    )
    assert piped.returncode == 0, piped.stderr.decode()
    assert piped.stdout == written.read_bytes()
