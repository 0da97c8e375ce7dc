"""The minimize policy: which labels make a phone, email or address the company's.

Loaded from ``minimize_policy.yaml`` so a reviewer can read (and a company can
discuss) the rule without reading Python. What a label *means* is not decided
here: ``scan`` and ``minimize`` must agree on it (a mobile labelled ``社用携帯`` is
a work phone to both, an e-mail labelled ``Home email`` personal to both), so the
words come from the rule packs' data lists (``work-labels``, ``home-labels``)
and are matched by the engine's own label matcher (a word anywhere inside a
label, after lower-casing), never by a second list kept here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from piiaudit.engine.detectors.base import label_hit
from piiaudit.engine.loader import load_packs, shipped_pack_dirs
from piiaudit.engine.profile import Profile
from piiaudit.errors import ConfigError
from piiaudit.model import Category, Severity
from piiaudit.resources import package_path, read_shipped_yaml
from piiaudit.textnorm import nfkc, normalize

_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
Lists = Mapping[str, Sequence[str]]


@dataclass(frozen=True, slots=True)
class Policy:
    """Label words are kept as the engine compiles a rule's: NFKC, lower case."""

    max_kept_severity: Severity
    label_categories: frozenset[Category]
    work_words: frozenset[str]
    home_words: frozenset[str]
    mobile_words: frozenset[str]
    mobile_number_types: frozenset[str]
    kept_properties: frozenset[str] = frozenset()

    def is_work(self, labels: Iterable[str]) -> bool:
        return _hit(labels, self.work_words)

    def is_home(self, labels: Iterable[str]) -> bool:
        return _hit(labels, self.home_words)

    def is_mobile_label(self, labels: Iterable[str]) -> bool:
        return _hit(labels, self.mobile_words)


def _hit(labels: Iterable[str], words: frozenset[str]) -> bool:
    return label_hit(tuple(labels), words) is not None


def _words(values: Iterable[object]) -> frozenset[str]:
    """Words as :mod:`piiaudit.engine.detectors` compiles ``labels_any``/``labels_none``."""
    return frozenset(normalize(str(v)).lower() for v in values)


@functools.cache
def _raw() -> dict[str, Any]:
    data: dict[str, Any] = read_shipped_yaml(package_path("handover", "minimize_policy.yaml"))
    return data


def load_policy(lists: Lists) -> Policy:
    """The policy, its label words taken from ``lists``: the data lists of the engine
    that classifies (``Engine.loaded.lists``: the shipped packs', a company's packs'
    and their overrides), so the labels mean what they mean to that engine."""
    raw = _raw()

    def pack_list(key: str) -> frozenset[str]:
        name = str(raw[key]["list"])
        if name not in lists:
            raise ConfigError(
                f"minimize reads the rule packs' data list {name!r}, and no loaded pack has it"
            )
        return _words(lists[name])

    return Policy(
        max_kept_severity=Severity.parse(str(raw["max_kept_severity"])),
        label_categories=frozenset(Category(str(c)) for c in raw["label_categories"]),
        work_words=pack_list("work_labels"),
        home_words=pack_list("home_labels"),
        mobile_words=pack_list("mobile_labels"),
        mobile_number_types=frozenset(str(v).lower() for v in raw["mobile_number_types"]),
        kept_properties=frozenset(str(v).upper() for v in raw.get("kept_properties", ())),
    )


@functools.cache
def shipped_policy() -> Policy:
    """The policy with the shipped packs' lists (when no engine's lists are at hand)."""
    return load_policy(shipped_lists())


@functools.cache
def shipped_lists() -> Mapping[str, tuple[str, ...]]:
    """The data lists of the shipped rule packs, read as an engine reads them (the
    profile's own lists are named but empty: no label list comes from a profile)."""
    return load_packs(shipped_pack_dirs(), Profile().lists(), trust_recorded=True).lists


def shown_labels(labels: Iterable[str]) -> list[str]:
    """Standard labels as they are; custom text as ``custom`` (it may name someone)."""
    standard = _standard_labels()
    return [lab if lab in standard else "custom" for lab in normalized_list(labels)]


@functools.cache
def _standard_labels() -> frozenset[str]:
    return frozenset(normalize_label(str(v)) for v in _raw()["standard_labels"])


def normalize_label(label: str) -> str:
    text = nfkc(label).strip().lower()
    apple = _APPLE_LABEL.match(text)
    if apple:
        text = apple.group(1).strip()
    if text.startswith("x-"):
        text = text[2:]
    return text


def normalized_list(labels: Iterable[str]) -> list[str]:
    return [n for n in (normalize_label(lab) for lab in labels) if n]
