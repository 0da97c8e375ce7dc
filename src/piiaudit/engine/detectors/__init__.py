"""The closed set of detectors rule packs may use, by the name YAML gives them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from piiaudit.engine.detectors.base import Detector, DetectorConfigError, EvalContext, Match
from piiaudit.engine.detectors.composite import CompositeDetector
from piiaudit.engine.detectors.email import EmailDomainDetector
from piiaudit.engine.detectors.keywords import KeywordsDetector
from piiaudit.engine.detectors.person import PersonDetector
from piiaudit.engine.detectors.phone import PhoneDetector
from piiaudit.engine.detectors.present import PresentDetector
from piiaudit.engine.detectors.regex import RegexDetector

Lists = Mapping[str, tuple[str, ...]]

DETECTORS: dict[str, Callable[[Mapping[str, Any], Lists], Detector]] = {
    "regex": RegexDetector,
    "phone": PhoneDetector,
    "email_domain": EmailDomainDetector,
    "keywords": KeywordsDetector,
    "present": PresentDetector,
    "person": PersonDetector,
    "composite": CompositeDetector,
}


def build_detector(
    name: str, params: Mapping[str, Any], lists: Lists, *, trusted: bool = False
) -> Detector:
    """Compile one detector; raise :class:`DetectorConfigError` for unusable parameters.

    ``trusted``: the parameters come from a recorded shipped file, known to compile
    (:mod:`piiaudit.engine.checked`), so a regex compiles when first used: a run
    uses a few of the shipped patterns, and compiling all cost ~10 ms of every start."""
    if name not in DETECTORS:
        raise DetectorConfigError(f"unknown detector {name!r} (known: {', '.join(DETECTORS)})")
    if name == "regex":
        return RegexDetector(params, lists, compile_now=not trusted)
    return DETECTORS[name](params, lists)


__all__ = [
    "DETECTORS",
    "CompositeDetector",
    "Detector",
    "DetectorConfigError",
    "EvalContext",
    "Match",
    "build_detector",
]
