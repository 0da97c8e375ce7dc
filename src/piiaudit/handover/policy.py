"""The minimize policy: which labels make a phone, email or address the company's.

Loaded from ``minimize_policy.yaml`` so a reviewer can read (and a company can
discuss) the rule without reading Python.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from piiaudit.model import Severity
from piiaudit.resources import package_path, read_shipped_yaml
from piiaudit.textnorm import nfkc

_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


@dataclass(frozen=True, slots=True)
class Policy:
    max_kept_severity: Severity
    work_labels: frozenset[str]
    home_labels: frozenset[str]
    mobile_labels: frozenset[str]
    mobile_number_types: frozenset[str]
    standard_labels: frozenset[str]

    def is_work(self, labels: Iterable[str]) -> bool:
        return bool(self.work_labels & normalized(labels))

    def is_home(self, labels: Iterable[str]) -> bool:
        return bool(self.home_labels & normalized(labels))

    def is_mobile_label(self, labels: Iterable[str]) -> bool:
        return bool(self.mobile_labels & normalized(labels))

    def shown_labels(self, labels: Iterable[str]) -> list[str]:
        """Standard labels as they are; custom text as ``custom`` (it may name someone)."""
        return [lab if lab in self.standard_labels else "custom" for lab in normalized_list(labels)]


def normalize_label(label: str) -> str:
    text = nfkc(label).strip().lower()
    apple = _APPLE_LABEL.match(text)
    if apple:
        text = apple.group(1).strip()
    if text.startswith("x-"):
        text = text[2:]
    return text


def normalized(labels: Iterable[str]) -> frozenset[str]:
    return frozenset(normalized_list(labels))


def normalized_list(labels: Iterable[str]) -> list[str]:
    return [n for n in (normalize_label(lab) for lab in labels) if n]


@functools.cache
def load_policy() -> Policy:
    raw = read_shipped_yaml(package_path("handover", "minimize_policy.yaml"))

    def labels(key: str) -> frozenset[str]:
        return frozenset(normalize_label(str(v)) for v in raw[key])

    return Policy(
        max_kept_severity=Severity.parse(str(raw["max_kept_severity"])),
        work_labels=labels("work_labels"),
        home_labels=labels("home_labels"),
        mobile_labels=labels("mobile_labels"),
        mobile_number_types=frozenset(str(v).lower() for v in raw["mobile_number_types"]),
        standard_labels=labels("standard_labels"),
    )
