"""A run stopped, or a worker killed, while a result is half sent still ends (audit.pool).

Under load, a SIGTERM landed while a worker was writing a 4 MB result: the worker
was terminated with part of the message in the pool's result pipe, the pool's own
thread waited for the rest forever, and the run said "interrupted" but never
exited. A worker killed (out of memory) in the middle of sending left the run
waiting forever the same way. Here the half message is written into the pipe on
purpose, by this process (which holds the pipe's writing end too), so the tests
do not depend on timing or on how the workers are started.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from piiaudit.audit import pool as pool_module

# A message header announcing 4 MB, and the first few bytes of it.
HALF_A_MESSAGE = struct.pack("!i", 4_000_000) + b"partial"


def test_a_stopped_run_ends_the_pools_thread_waiting_for_half_a_message() -> None:
    executor = ProcessPoolExecutor(1)
    writer = executor._result_queue._writer
    try:
        executor.submit(time.sleep, 600)
        deadline = time.monotonic() + 30
        while not executor._processes and time.monotonic() < deadline:
            time.sleep(0.01)
        thread = executor._executor_manager_thread
        assert thread is not None and executor._processes
        writer._send(HALF_A_MESSAGE)
        time.sleep(0.5)  # the pool's thread has read the header and waits for the rest
        pool_module._end_workers(executor)  # what a stopped run does
        executor.shutdown(wait=False, cancel_futures=True)
        thread.join(timeout=20)
        assert not thread.is_alive(), "the pool's thread still waits for the rest"
    finally:
        # Never leave the thread blocked: the test process could not exit.
        if not writer.closed:
            writer.close()


# Run in a child process: without the watch, the run (and so this test) waited forever.
# Each pool gets half a message before its first task, and the task kills its worker.
_DIES_MID_MESSAGE = """
import os, struct, sys
from concurrent.futures import ProcessPoolExecutor
from piiaudit.audit import pool

class HalfSent(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        if not getattr(self, "half_sent", False):
            self.half_sent = True
            self._result_queue._writer._send(struct.pack("!i", 4_000_000) + b"partial")
        return super().submit(os._exit, 1)

pool.ProcessPoolExecutor = HalfSent
from piiaudit.__main__ import main
sys.argv = ["piiaudit", *sys.argv[1:]]
main()
"""


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
    died = "internal error while reading: the worker process died"
    assert [f["error"] for f in files] == [died, died]


def test_a_child_forked_from_a_run_stops_on_sigterm_as_it_normally_would() -> None:
    """A worker stopped before its initializer ran was still in the main process's
    handler (SIGTERM raises an interrupt): it printed a traceback under "interrupted".
    Straight after the fork the stop signals are the default again; ignored ones stay so."""
    import os
    import signal

    assert pool_module  # registers the fork hook
    previous = {n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGHUP)}

    def interrupt(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        child = os.fork()
        if child == 0:  # the child reports by its exit code, never returns to pytest
            ok = signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
            kept = signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            os._exit(0 if ok and kept else 1)
        _, status = os.waitpid(child, 0)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    assert os.waitstatus_to_exitcode(status) == 0
