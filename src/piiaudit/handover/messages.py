"""The hand-over's terminal messages, read from ``messages.yaml`` (data, not code)."""

from __future__ import annotations

import functools
from typing import Any

from piiaudit.model import Text
from piiaudit.reporters.textsafe import printable
from piiaudit.resources import package_path, read_shipped_yaml


@functools.cache
def _catalogue() -> dict[str, Text]:
    raw = read_shipped_yaml(package_path("handover", "messages.yaml"))
    return {key: Text(en=value["en"], ja=value["ja"]) for key, value in raw.items()}


def say(key: str, lang: str, **values: Any) -> str:
    """Message ``key`` in ``lang`` with ``values`` filled in.

    Values come from contact exports (names, file names) and are shown on a
    terminal, so escape sequences and control characters in them are stripped.
    """
    safe = {k: printable(v) if isinstance(v, str) else v for k, v in values.items()}
    return _catalogue()[key].get(lang).format(**safe)
