"""A run stopped while a worker is sending its result still ends (audit.pool).

Under load, a SIGTERM landed while a worker was writing a 4 MB result: the worker
was terminated with part of the message in the pool's result pipe, the pool's own
thread waited for the rest forever, and the run said "interrupted" but never
exited. Here a worker writes such a partial message on purpose, deterministically.
"""

from __future__ import annotations

import multiprocessing
import struct
import time
from concurrent.futures import ProcessPoolExecutor
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
