"""A run stopped while a worker is sending its result still ends (audit.pool).

Under load, a SIGTERM landed while a worker was writing a 4 MB result: the worker
was terminated with part of the message in the pool's result pipe, the pool's own
thread waited for the rest forever, and the run said "interrupted" but never
exited. Here a worker writes such a partial message on purpose, deterministically.
"""

from __future__ import annotations

import json
import multiprocessing
import struct
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from piiaudit.audit import pool as pool_module

_POOL: list[Any] = []  # the pool, as a forked worker sees it


def _send_half_a_result() -> None:
    """Write a message header announcing 4 MB, a few bytes of it, and hang."""
    writer = _POOL[0]._result_queue._writer
    writer._send(struct.pack("!i", 4_000_000) + b"partial")
    time.sleep(600)


@pytest.mark.skipif(pool_module.START_METHOD != "fork", reason="the worker reads the forked pool")
def test_the_pools_thread_ends_after_a_worker_dies_mid_message() -> None:
    executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    _POOL[:] = [executor]
    writer = executor._result_queue._writer
    try:
        executor.submit(_send_half_a_result)
        deadline = time.monotonic() + 30
        thread = None
        while time.monotonic() < deadline:
            thread = executor._executor_manager_thread
            processes = list((executor._processes or {}).values())
            if thread is not None and processes:
                time.sleep(0.5)  # the partial message is written and being read
                break
            time.sleep(0.01)
        assert thread is not None
        pool_module._end_workers(executor)
        executor.shutdown(wait=False, cancel_futures=True)
        thread.join(timeout=20)
        assert not thread.is_alive(), "the pool's thread still waits for the rest"
    finally:
        # Never leave the thread blocked: the test process could not exit.
        if not writer.closed:
            writer.close()
        _POOL.clear()


# Run in a child process: without the watch, the run (and so this test) waited forever.
_DIES_MID_MESSAGE = """
import os, struct, sys
from concurrent.futures import ProcessPoolExecutor
from piiaudit.audit import pool

made = []

class Recorded(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        made[:] = [self]

def dies_mid_message(*args, **kwargs):
    made[0]._result_queue._writer._send(struct.pack("!i", 4_000_000) + b"partial")
    os._exit(1)

pool.ProcessPoolExecutor = Recorded
pool._audit_in_worker = dies_mid_message
from piiaudit.__main__ import main
sys.argv = ["piiaudit", *sys.argv[1:]]
main()
"""


@pytest.mark.skipif(pool_module.START_METHOD != "fork", reason="the worker reads the forked pool")
def test_a_worker_that_dies_mid_message_fails_its_file_not_the_run(
    tmp_path: Path, examples_dir: Path
) -> None:
    """A worker killed (out of memory) while sending its result left the pool waiting
    for the rest of the message, unaware the worker had died: the run never ended.
    Now the pool is ended once a worker has been dead a while, and each file is
    retried in a fresh worker, which here dies the same way: both are named."""
    inputs = [str(examples_dir / "android-export.vcf"), str(examples_dir / "iphone-export.vcf")]
    out = tmp_path / "report.json"
    run = subprocess.run(
        [sys.executable, "-c", _DIES_MID_MESSAGE, "scan", *inputs, "-j", "2", "-o", str(out)],
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 3, run.stderr
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert [f["error"] for f in files] == [
        "internal error while reading: the worker process died"
    ] * 2
