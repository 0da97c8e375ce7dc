"""Blocking the network for a test, in this process and in child processes.

In-process, :func:`block_network` replaces the socket entry points with ones
that record the attempt and raise. Local ``AF_UNIX`` sockets stay allowed: they
never leave the machine and the standard library uses them for inter-process
plumbing. For child processes, :data:`SITECUSTOMIZE` does the same at
interpreter start-up; put it on ``PYTHONPATH`` and every ``python`` started with
that environment (``--jobs`` workers included) runs without a network.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest


class NetworkBlocked(OSError):
    """What every blocked network call raises."""


def block_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Block every way to open a network connection or resolve a name; returns the attempts."""
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc]
        def __init__(self, family: int = -1, *args: Any, **kwargs: Any) -> None:
            if family != socket.AF_UNIX:
                attempts.append(f"socket(family={family})")
                raise NetworkBlocked("network access attempted")
            super().__init__(family, *args, **kwargs)

    def refuse(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args!r}")
            raise NetworkBlocked(f"network access attempted: {name}")

        return call

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "create_server"):  # fmt: skip
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


SITECUSTOMIZE = """
import os
import socket

_real_socket = socket.socket
_LOG = os.environ["PIIAUDIT_NETWORK_LOG"]


def _record(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\\n")
    raise OSError("network access attempted: " + what)


class _GuardedSocket(_real_socket):
    def __init__(self, family=-1, *args, **kwargs):
        if family != socket.AF_UNIX:
            _record("socket")
        super().__init__(family, *args, **kwargs)


def _refuse(name):
    def call(*args, **kwargs):
        _record(name)
    return call


socket.socket = _GuardedSocket
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
              "gethostbyaddr", "create_server"):
    setattr(socket, _name, _refuse(_name))
"""
