"""The hand-over's terminal messages, read from ``messages.yaml`` (data, not code)."""

from __future__ import annotations

import functools
from typing import Any

import yaml

from piiaudit.model import Text
from piiaudit.resources import package_path


@functools.cache
def _catalogue() -> dict[str, Text]:
    raw = yaml.safe_load(package_path("handover", "messages.yaml").read_text(encoding="utf-8"))
    return {key: Text(en=value["en"], ja=value["ja"]) for key, value in raw.items()}


def say(key: str, lang: str, **values: Any) -> str:
    """Message ``key`` in ``lang`` with ``values`` filled in."""
    return _catalogue()[key].get(lang).format(**values)
