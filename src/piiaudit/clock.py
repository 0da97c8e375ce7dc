"""When an audit ran, as its reports state it.

A compliance officer files 200 employees' reports and must be able to say when each
phone was audited, so the JSON, HTML and SARIF reports carry the time the run started.
``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes that time: a report
rebuilt from the same exports is then byte-identical, which archived CI artefacts and
the test suite rely on. Baselines never carry a time (they must diff cleanly in git).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from piiaudit.errors import ConfigError

#: The environment variable that fixes the reported time (seconds since 1970, UTC).
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def audit_time() -> str:
    """Now as RFC 3339 to the second: the machine's local offset (a Japanese officer reads
    JST), or UTC with ``Z`` when ``SOURCE_DATE_EPOCH`` fixes it (then the report does not
    depend on the zone of the machine that made it either)."""
    fixed = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not fixed:
        return datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        seconds = int(fixed)
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"{SOURCE_DATE_EPOCH} must be a whole number of seconds since 1970, not {fixed!r}"
        ) from None
    return _zulu(moment)


def shown(stamp: str) -> str:
    """``2026-11-28T12:40:05+09:00`` as a reader expects it: ``2026-11-28 12:40 (UTC+09:00)``.

    An empty or unreadable stamp (a result built by hand, not by a run) shows as empty."""
    moment = _parsed(stamp)
    if moment is None:
        return ""
    offset = moment.strftime("%z")  # +0900
    zone = "UTC" if offset in ("", "+0000") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{moment:%Y-%m-%d %H:%M} ({zone})"


def utc(stamp: str) -> str:
    """The stamp in UTC with ``Z`` (SARIF's ``date-time`` must be UTC); empty if unreadable."""
    moment = _parsed(stamp)
    if moment is None or moment.tzinfo is None:
        return ""
    return _zulu(moment.astimezone(UTC))


def _parsed(stamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None


def _zulu(moment: datetime) -> str:
    """A UTC moment to the second, written with ``Z``."""
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
