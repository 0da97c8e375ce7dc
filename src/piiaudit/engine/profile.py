"""The company profile, ``piiaudit.yaml``: who "we" are and how the rules are tuned.

Found by :func:`load_profile` from ``--config FILE`` or by walking up from the
current directory. Every key is checked against ``schemas/profile.schema.json``;
an unknown key or a wrong type is a :class:`~piiaudit.errors.ConfigError` naming
the file and line, because a silently ignored typo in a suppression or a
disabled rule changes what the audit reports.

:class:`Profile` holds plain values only, so it pickles cheaply into the worker
processes of batch mode, where each worker builds its own engine from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from piiaudit.engine.schema import validate_document
from piiaudit.engine.yamlsafe import LineDict, load_yaml
from piiaudit.errors import ConfigError
from piiaudit.model import Severity

PROFILE_NAME = "piiaudit.yaml"


@dataclass(frozen=True, slots=True)
class Suppression:
    """An accepted finding: ``rule`` on the contact ``contact`` (``index:N``, ``uid:X``,
    ``name:X`` or ``*``) in files matching ``file`` (a glob; empty = any file)."""

    rule: str
    contact: str
    reason: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the engine and the CLI take from ``piiaudit.yaml`` (defaults without one)."""

    source: Path | None = None
    company_names: tuple[str, ...] = ()
    company_domains: tuple[str, ...] = ()
    customer_domains: tuple[str, ...] = ()
    region: str = "JP"
    packs: tuple[Path, ...] = ()
    disable: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    suppress: tuple[Suppression, ...] = ()
    csv_columns: Mapping[str, str] = field(default_factory=dict)
    scoring: Mapping[str, Any] = field(default_factory=dict)

    def lists(self) -> dict[str, tuple[str, ...]]:
        """The profile's values as data lists rules can name (``profile:company.domains``)."""
        return {
            "profile:company.names": self.company_names,
            "profile:company.domains": self.company_domains,
            "profile:customer_domains": self.customer_domains,
        }


def find_profile(start: Path) -> Path | None:
    """``piiaudit.yaml`` in ``start`` or the nearest parent that has one."""
    here = start.resolve()
    for directory in (here, *here.parents):
        candidate = directory / PROFILE_NAME
        if candidate.is_file():
            return candidate
    return None


def load_profile(explicit: Path | None, start: Path) -> Profile:
    """``explicit`` (``--config``), else the one found from ``start``, else the defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("configuration file not found", str(explicit))
        return read_profile(explicit)
    found = find_profile(start)
    return read_profile(found) if found else Profile()


def read_profile(path: Path) -> Profile:
    """Parse and check one profile file."""
    document = load_yaml(path)  # a RulePackError is a ConfigError: it names file and line
    if document is None:
        return Profile(source=path)
    validate_document(document, "profile", str(path), error=ConfigError)
    assert isinstance(document, LineDict)
    company = document.get("company") or {}
    base = path.parent
    severity: dict[str, Severity] = {}
    for rule_id, level in (document.get("severity") or {}).items():
        severity[str(rule_id)] = Severity.parse(str(level))
    suppress = tuple(
        Suppression(
            rule=str(item["rule"]),
            contact=str(item.get("contact", "*")),
            reason=str(item["reason"]),
            file=str(item.get("file", "")),
            line=document["suppress"].line_of(i),
        )
        for i, item in enumerate(document.get("suppress") or [])
    )
    csv = document.get("csv") or {}
    return Profile(
        source=path,
        company_names=tuple(str(n) for n in company.get("names") or ()),
        company_domains=tuple(str(d).lower() for d in company.get("domains") or ()),
        customer_domains=tuple(str(d).lower() for d in document.get("customer_domains") or ()),
        region=str(document.get("region", "JP")).upper(),
        packs=tuple((base / str(p)).resolve() for p in document.get("packs") or ()),
        disable=tuple(str(r) for r in document.get("disable") or ()),
        severity=severity,
        suppress=suppress,
        csv_columns={str(k): str(v) for k, v in (csv.get("columns") or {}).items()},
        scoring=_plain(document.get("scoring") or {}),
    )


def _plain(value: Any) -> Any:
    """Drop the line bookkeeping so the profile pickles as plain data."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
