"""Huge hostile inputs: read in bounded memory, every other contact still reported.

Each input is generated in ``tmp_path`` (nothing large is committed) and scanned
by ``python -m piiaudit`` in a child process that reports its own peak resident
set size (``VmHWM`` from ``/proc/self/status``, read at exit; the parent's
``ru_maxrss`` for children would include the test process's own memory copied
before ``exec``).

The bound: peak RSS may exceed that of scanning a tiny file by at most
:data:`HEADROOM_MB`. A reader that held the 50 MB photo (or its decoded bytes)
in memory would need more than that headroom for the file alone, so passing
shows the readers stream; the headroom leaves room for the readers' documented
caps (a property value is cut at 1 MiB, a CSV line at 4 MiB).
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hostile.run import Run, assert_no_traceback, sha256_tree

HEADROOM_MB = 40

_CHILD = """
import atexit, runpy, sys

def _peak():
    with open("/proc/self/status") as status:
        for row in status:
            if row.startswith("VmHWM:"):
                sys.stderr.write("PEAK_RSS_KB=" + row.split()[1] + "\\n")

atexit.register(_peak)
sys.argv = ["piiaudit", *sys.argv[1:]]
runpy.run_module("piiaudit", run_name="__main__")
"""

HEAD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Input\r\n"
TAIL = b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sato Ichiro\r\nEND:VCARD\r\n"
MB = 1_000_000


def scan_measured(path: Path) -> tuple[Run, int]:
    """``python -m piiaudit scan PATH -f json``; the run and its peak RSS in MB."""
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, "scan", str(path), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    run = Run(completed.returncode, completed.stdout, completed.stderr)
    assert_no_traceback(run)
    peak = [row for row in run.stderr.splitlines() if row.startswith("PEAK_RSS_KB=")]
    assert peak, run.stderr
    return run, int(peak[-1].split("=")[1]) // 1024


@pytest.fixture(scope="module")
def baseline_mb(tmp_path_factory: pytest.TempPathFactory) -> int:
    tiny = tmp_path_factory.mktemp("tiny") / "tiny.vcf"
    tiny.write_bytes(HEAD + TAIL)
    run, peak = scan_measured(tiny)
    assert run.exit_code == 0
    return peak


def _photo(path: Path, folded: bool) -> None:
    """A card with a 50 MB base64 PHOTO (folded at 74 columns, or one line), then a card."""
    with path.open("wb") as out:
        out.write(HEAD + b"PHOTO;ENCODING=b;TYPE=JPEG:")
        block = base64.b64encode(os.urandom(37_500))  # 50,000 characters
        for i in range(1000):
            if folded:
                out.write(b"\r\n ".join(block[j : j + 74] for j in range(0, len(block), 74)))
                out.write(b"\r\n " if i < 999 else b"\r\n")
            else:
                out.write(block)
        if not folded:
            out.write(b"\r\n")
        out.write(TAIL)


def _long_line(path: Path) -> None:
    path.write_bytes(HEAD + b"NOTE:" + b"x" * (10 * MB) + b"\r\n" + TAIL)


def _many_properties(path: Path) -> None:
    props = b"".join(b"X-CUSTOM-%d:value %d\r\n" % (i, i) for i in range(100_000))
    path.write_bytes(HEAD + props + TAIL)


def _qp_soft_breaks(path: Path, name: bytes) -> None:
    """A quoted-printable value of 20 MB in soft-broken lines: past the 1 MiB cut (a note)
    or binary (a 2.1 photo), its lines were no longer joined and each became an issue of
    its own, 300,000 of them for 4 MB (QA round 16)."""
    with path.open("wb") as out:
        out.write(HEAD.replace(b"3.0", b"2.1") + name + b";ENCODING=QUOTED-PRINTABLE:")
        line = b"=E3=81=82" * 8 + b"=\r\n"
        for _ in range(20 * MB // len(line)):
            out.write(line)
        out.write(b"=E3=81=82\r\n" + TAIL)


def _csv_huge_cell(path: Path) -> None:
    path.write_bytes(
        b"Name,Given Name,Family Name,Notes\r\n"
        + b'Big Input,Big,Input,"'
        + b"y" * (10 * MB)
        + b'"\r\nSato Ichiro,Ichiro,Sato,kept\r\n'
    )


def _csv_huge_unquoted_line(path: Path) -> None:
    path.write_bytes(
        b"Name,Given Name,Family Name,Notes\r\n"
        + b"Big Input,Big,Input,"
        + b"z" * (10 * MB)
        + b"\r\nSato Ichiro,Ichiro,Sato,kept\r\n"
    )


def _csv_cell_of_many_lines(path: Path) -> None:
    """A quoted cell of a million two-byte lines (2 MB): every line was kept for a rewind
    and as a piece of the cell, about 285 MB, and the cut was said at the record's last
    line, 1000002 (QA round 16)."""
    path.write_bytes(
        b"Name,Given Name,Family Name,Notes\r\n"
        + b'Big Input,Big,Input,"'
        + b"Y\n" * MB
        + b'"\r\nSato Ichiro,Ichiro,Sato,kept\r\n'
    )


# name -> (builder, a phrase of the parse issue expected, its line); a file with such an
# issue was read in part (a value cut, the rest of a card not read): exit code 3.
BIG: dict[str, tuple[Callable[[Path], None], str | None, int]] = {
    "photo-50mb-folded.vcf": (lambda p: _photo(p, folded=True), None, 0),
    "photo-50mb-one-line.vcf": (lambda p: _photo(p, folded=False), None, 0),
    "line-10mb.vcf": (_long_line, "NOTE value longer than 1048576 bytes was cut", 4),
    "properties-100000.vcf": (_many_properties, "too many properties", 10_002),
    "qp-note-20mb.vcf": (
        lambda p: _qp_soft_breaks(p, b"NOTE;CHARSET=UTF-8"),
        "NOTE value longer than 1048576 bytes was cut",
        4,
    ),
    "qp-photo-20mb.vcf": (lambda p: _qp_soft_breaks(p, b"PHOTO;TYPE=JPEG"), None, 0),
    "cell-10mb.csv": (_csv_huge_cell, "was cut", 2),
    "line-10mb.csv": (_csv_huge_unquoted_line, "was cut", 2),
    "cell-million-lines.csv": (_csv_cell_of_many_lines, "was cut", 2),
}


@pytest.mark.parametrize("name", list(BIG))
def test_huge_input_is_read_in_bounded_memory_and_loses_no_contact(
    name: str, tmp_path: Path, baseline_mb: int
) -> None:
    build, phrase, line = BIG[name]
    source = tmp_path / name
    build(source)
    before = sha256_tree(source)

    run, peak_mb = scan_measured(source)

    assert run.exit_code == (0 if phrase is None else 3), run.stderr
    if phrase is not None:
        assert f"{source}: not read in full (errors: " in run.stderr
    entry = run.json["files"][0]
    assert entry["error"] is None
    assert entry["contacts"] == 2, entry["parse_issues"]
    if phrase is not None:
        found = [i["message"] for i in entry["parse_issues"] if i["line"] == line]
        assert any(phrase in m for m in found), entry["parse_issues"]
    assert len(entry["parse_issues"]) <= 2, entry["parse_issues"][:5]  # said once, not per line
    assert peak_mb - baseline_mb < HEADROOM_MB, (peak_mb, baseline_mb)
    assert sha256_tree(source) == before
