"""The company profile, ``piiaudit.yaml``: who "we" are and how the rules are tuned.

Found by :func:`load_profile` from ``--config FILE`` or by walking up from the
current directory. Every key is checked against ``schemas/profile.schema.json``;
an unknown key or a wrong type is a :class:`~piiaudit.errors.ConfigError` naming
the file and line, because a silently ignored typo in a suppression or a
disabled rule changes what the audit reports. The same goes for values the
schema cannot judge alone: a phone region phonenumbers does not know (every
number would lose its E.164 form) and risk levels out of order (a level that
can never be reached).

:class:`Profile` holds plain values only, so it pickles cheaply into the worker
processes of batch mode, where each worker builds its own engine from it. The one
value that is not the company's, ``owner`` (``--owner``: who runs piiaudit on their
own phone), is set per run by :meth:`Profile.with_owner` and travels the same way.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import phonenumbers

from piiaudit.engine.detectors.person import email_key, kind_of, name_key
from piiaudit.engine.schema import validate_document
from piiaudit.engine.score import ScoringModel
from piiaudit.engine.yamlsafe import LineDict, LineList, load_yaml
from piiaudit.errors import ConfigError
from piiaudit.model import RiskLevel, Severity
from piiaudit.phones import classify as classify_number

PROFILE_NAME = "piiaudit.yaml"
#: The data list ``--owner`` fills (``Profile.owner``), read by CORE-OWNER-001.
OWNER_LIST = "profile:owner"
#: The score levels from the lowest up: each must start above the one before it.
LEVEL_ORDER = (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.CRITICAL)


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
class PackEntry:
    """A ``packs:`` entry as the user wrote it and its line, kept beside the resolved
    folder so a folder that is no pack can be reported in the user's own words."""

    written: str
    line: int


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the engine and the CLI take from ``piiaudit.yaml`` (defaults without one)."""

    source: Path | None = None
    company_names: tuple[str, ...] = ()
    company_domains: tuple[str, ...] = ()
    customer_domains: tuple[str, ...] = ()
    region: str = "JP"
    # Whether the profile names the region itself: a profile without ``region:`` chose
    # none, and the region hints still apply (compliance QA: any profile silenced them).
    region_set: bool = False
    packs: tuple[Path, ...] = ()
    disable: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    suppress: tuple[Suppression, ...] = ()
    csv_columns: Mapping[str, str] = field(default_factory=dict)
    scoring: Mapping[str, Any] = field(default_factory=dict)
    # Where each ``disable`` id, ``severity`` key and ``packs`` entry was written, so a
    # rule id or pack that only the engine can judge is still reported as ``file:line``.
    disable_lines: Mapping[str, int] = field(default_factory=dict)
    severity_lines: Mapping[str, int] = field(default_factory=dict)
    pack_entries: Mapping[Path, PackEntry] = field(default_factory=dict)
    # Who runs piiaudit on their own phone (``--owner``: a name, phone number or e-mail
    # address each), so their own card stays private (CORE-OWNER-001). Never read from
    # piiaudit.yaml: the profile is the company's, the same for every employee.
    owner: tuple[str, ...] = ()

    def lists(self) -> dict[str, tuple[str, ...]]:
        """The profile's values as data lists rules can name (``profile:company.domains``)."""
        return {
            "profile:company.names": self.company_names,
            "profile:company.domains": self.company_domains,
            "profile:customer_domains": self.customer_domains,
            OWNER_LIST: self.owner,
        }

    def with_owner(self, values: Sequence[str]) -> Profile:
        """This profile for one person's run: ``values`` (``--owner``) checked in its
        phone region, so a value that can never match stops the run before any file is
        read rather than letting the owner's card go to the company."""
        for value in values:
            problem = owner_error(value, self.region)
            if problem:
                raise ConfigError(f"--owner: {problem}")
        return replace(self, owner=tuple(v.strip() for v in values))


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
        if not explicit.exists():
            raise ConfigError("configuration file not found", str(explicit))
        if not explicit.is_file():  # a folder or a device: it exists, it is no file
            raise ConfigError("the configuration is not a regular file", str(explicit))
        return read_profile(explicit)
    found = find_profile(start)
    if found is None:
        return Profile()
    _check_trusted(found)
    return read_profile(found)


def _check_trusted(path: Path) -> None:
    """Refuse a profile found on the way up that someone else could have put there.

    A profile decides which contacts compliance sees, which rules run and which findings
    are accepted: one planted by another user in a shared exports folder (or any parent,
    such as /tmp) moved an employee's family into a compliance report and switched rules
    off (security review, QA round 7). As git does with a repository another user owns,
    a found profile must belong to the user running piiaudit (or root) and not be
    writable by everyone; ``--config`` names one explicitly, whoever owns it."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no owners or modes to compare
        return
    info = path.stat()
    why = untrusted(info.st_uid, info.st_mode, getuid())
    if why:
        raise ConfigError(
            f"found {PROFILE_NAME} {why}; pass it with --config to use it, "
            "or run piiaudit from another folder",
            str(path),
        )


def untrusted(owner: int, mode: int, me: int) -> str:
    """Why a found profile owned by ``owner`` with ``mode`` is not to be trusted by user
    ``me``, or ``""``: it must be the user's (or root's) and not writable by everyone."""
    if owner not in (me, 0):
        return "belongs to another user"
    if mode & stat.S_IWOTH:  # not group write: a user's own group (umask 002) is usual
        return "can be changed by other users"
    return ""


def read_profile(path: Path) -> Profile:
    """Parse and check one profile file."""
    document = load_yaml(path)  # a RulePackError is a ConfigError: it names file and line
    if document is None:
        return Profile(source=path)
    validate_document(document, "profile", str(path), error=ConfigError)
    assert isinstance(document, LineDict)
    _check_region(document, path)
    _check_levels(document, path)
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
    disable = document.get("disable") or LineList()
    written_packs = document.get("packs") or LineList()
    packs = tuple((base / str(p)).resolve() for p in written_packs)
    return Profile(
        source=path,
        company_names=tuple(str(n) for n in company.get("names") or ()),
        company_domains=tuple(str(d).lower() for d in company.get("domains") or ()),
        customer_domains=tuple(str(d).lower() for d in document.get("customer_domains") or ()),
        region=str(document.get("region", "JP")).upper(),
        region_set="region" in document,
        packs=packs,
        disable=tuple(str(r) for r in disable),
        severity=severity,
        suppress=suppress,
        csv_columns={str(k): str(v) for k, v in (csv.get("columns") or {}).items()},
        scoring=_plain(document.get("scoring") or {}),
        disable_lines=_item_lines(disable),
        severity_lines=_key_lines(document.get("severity")),
        pack_entries=_pack_entries(packs, written_packs),
    )


def _item_lines(items: LineList) -> dict[str, int]:
    """Each item's line; an item listed twice keeps its first line."""
    lines: dict[str, int] = {}
    for index, item in enumerate(items):
        lines.setdefault(str(item), items.line_of(index))
    return lines


def _key_lines(mapping: LineDict | None) -> dict[str, int]:
    if not mapping:
        return {}
    return {str(key): mapping.line_of(key) for key in mapping}


def _pack_entries(packs: tuple[Path, ...], written: LineList) -> dict[Path, PackEntry]:
    """The first entry that names each pack folder, as written and with its line."""
    entries: dict[Path, PackEntry] = {}
    for index, (folder, text) in enumerate(zip(packs, written, strict=True)):
        entries.setdefault(folder, PackEntry(str(text), written.line_of(index)))
    return entries


def owner_error(value: str, region: str) -> str | None:
    """Why ``value`` (one ``--owner``) can name no card, or ``None`` when it can: a
    name with a letter in it, a phone number phonenumbers reads in ``region``, or an
    e-mail address with a local part and a domain. The value is not repeated: it is
    the owner's own data, and error lines end up in logs."""
    kind = kind_of(value)
    if kind == "email":
        local, _, domain = email_key(value).rpartition("@")
        if not local or "." not in domain.strip("."):
            return "an e-mail address needs a name before @ and a domain after it"
        return None
    if kind == "phone":
        _, number_type = classify_number(value, region)
        if number_type in (None, "unknown"):  # compared by E.164, it could never match
            return (
                f"a value with five digits or more is a phone number, and this one is not "
                f"valid in region {region}: write it with + and its country code, or pass "
                "--region"
            )
        return None
    if not any(ch.isalpha() for ch in name_key(value)):
        return "give your name as on your own card, your phone number or your e-mail address"
    return None


def region_error(code: str) -> str | None:
    """Why ``code`` cannot be the default phone region, or ``None`` when it can.

    The list is phonenumbers' own (``SUPPORTED_REGIONS``), the one that reads
    the numbers: a code it does not know leaves every number without E.164.
    """
    if code.upper() in phonenumbers.SUPPORTED_REGIONS:
        return None
    return (
        f"unknown phone region {code!r}: expected a country code that has phone numbers "
        "(ISO 3166 alpha-2, e.g. JP, US, GB, DE)"
    )


def _check_region(document: LineDict, path: Path) -> None:
    if "region" in document:
        problem = region_error(str(document["region"]))
        if problem:
            raise ConfigError(f"region: {problem}", str(path), document.line_of("region"))


def _check_levels(document: LineDict, path: Path) -> None:
    """``scoring.levels`` merged with the defaults must rise from low to critical.

    The level of a score is the highest one whose threshold it reaches, so a
    level set at or below the one before it makes that one unreachable
    (critical 20 under high 50 makes every score from 20 critical, and none high).
    """
    given = (document.get("scoring") or {}).get("levels")
    if not isinstance(given, LineDict) or not given:
        return
    levels = ScoringModel.build({"levels": _plain(given)}).levels
    for lower, upper in itertools.pairwise(LEVEL_ORDER):
        if levels[upper] > levels[lower]:
            continue
        blamed = upper.label if upper.label in given else lower.label
        merged = ", ".join(f"{level.label} {levels[level]:g}" for level in LEVEL_ORDER)
        raise ConfigError(
            f"scoring.levels: {upper.label} ({levels[upper]:g}) must be above "
            f"{lower.label} ({levels[lower]:g}), else no score is ever {lower.label} "
            f"(levels in effect with the defaults: {merged})",
            str(path),
            given.line_of(blamed),
        )


def _plain(value: Any) -> Any:
    """Drop the line bookkeeping so the profile pickles as plain data."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
