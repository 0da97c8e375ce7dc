"""``email_domain``: an address whose domain is in a list (carrier, free mail, ISP,
the company's own, known customers).

Only the domain matters, so RFC-invalid local parts that Japanese carriers
really issued (``taro..12.@docomo.ne.jp``) are read like any other address.
An entry ``*.example.jp`` matches ``example.jp`` and every subdomain of it on a
dot boundary; a plain entry matches only itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, cast

from piiaudit.engine.detectors.base import (
    DetectorConfigError,
    EvalContext,
    Match,
    labels_ok,
    new_match,
)
from piiaudit.engine.detectors.labels import label_words
from piiaudit.engine.view import ContactView, memo_ok
from piiaudit.engine.words import compile_re2
from piiaudit.model import ValueKind
from piiaudit.textnorm import normalize

KNOWN_MAX = 4096  # remembered answers per domain (set) and labels, emptied when full
_UNKNOWN = object()
# Local part as carriers issued it (dots anywhere), then a domain.
IN_TEXT_PATTERN = r"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
_IN_TEXT = compile_re2(IN_TEXT_PATTERN)


def _gather(names: Iterable[str], lists: Mapping[str, tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name not in lists:
            raise DetectorConfigError(f"unknown data list {name!r}", "lists")
        out.extend(lists[name])
    return out


class DomainSet:
    """Exact domains plus ``*.``-suffix domains, matched case-insensitively."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.exact: set[str] = set()
        self.suffixes: set[str] = set()
        self._known: dict[str, bool] = {}
        for entry in entries:
            domain = entry.strip().lower()
            if domain.startswith("*."):
                self.suffixes.add(domain[2:])
                self.exact.add(domain[2:])
            elif domain:
                self.exact.add(domain)

    def __contains__(self, domain: object) -> bool:
        if not isinstance(domain, str) or not domain:
            return False
        if domain in self.exact:
            return True
        if not self.suffixes:
            return False
        known = self._known.get(domain)
        if known is None:  # the same few domains come back on every other contact
            if len(self._known) >= KNOWN_MAX:
                self._known.clear()
            parts = domain.split(".")
            known = self._known[domain] = any(
                ".".join(parts[i:]) in self.suffixes for i in range(1, len(parts))
            )
        return known


@lru_cache(maxsize=4096)
def domain_of(address: str) -> str:
    """The domain of an address as stored, without what the owner wrote after it: in
    ``x@gmail.com (wife has cancer)`` the domain is gmail.com, not a free-mail miss that
    left only the weaker HOME-label finding (QA round 15)."""
    _, at, domain = (address if address.isascii() else normalize(address)).strip().rpartition("@")
    if not at:
        return ""
    domain = domain.strip().lstrip("([<")  # "jane@ gmail.com" (review 15), "x@(gmail.com)"
    end = _AFTER_DOMAIN.search(domain)
    if end is not None:
        domain = domain[: end.start()]
    return domain.strip(">").rstrip(".").lower()


# Where a domain ends: a space, a bracket, a separator or a quote (a remark follows).
_AFTER_DOMAIN = re.compile(r"[\s()<>\[\],;:\"'/（）]")


class EmailDomainDetector:
    name = "email_domain"

    def __init__(self, params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> None:
        entries: list[str] = list(params.get("domains", ()))
        self.list_names = tuple(params.get("lists", ()))
        entries.extend(_gather(self.list_names, lists))
        self.domains = DomainSet(tuple(entries))
        self.labels_any = label_words(params, lists, "labels_any")
        self.labels_none = label_words(params, lists, "labels_none")
        self.in_text = bool(params.get("in_text", False))
        self.except_domains = DomainSet(tuple(_gather(params.get("except_lists", ()), lists)))
        self.any_domain = not entries and not self.list_names
        self._description = self._describe()
        self._known: dict[tuple[str, tuple[str, ...]], object] = {}

    def describe(self) -> str:
        return self._description

    def _describe(self) -> str:
        if self.any_domain:
            return "any domain"
        if not self.list_names:
            return "domain listed in the rule"
        return f"domain in {', '.join(self.list_names)}"

    def wants(self, domain: str) -> bool:
        """Whether an address at ``domain`` passes the domain test (labels aside)."""
        return self._hit(domain)

    def _hit(self, domain: str) -> bool:
        if not domain or domain in self.except_domains:
            return False
        return self.any_domain or domain in self.domains

    def _accepts(self, domain: str, labels: tuple[str, ...]) -> tuple[str, ...] | None:
        """The explain notes for an address at ``domain`` with ``labels`` that this
        detector reports; None when it does not. Remembered per domain and labels:
        a few free-mail and carrier domains make up most addresses."""
        key = (domain, labels)
        known = self._known.get(key, _UNKNOWN)
        if known is _UNKNOWN:
            accepted = self._hit(domain) and labels_ok(labels, self.labels_any, self.labels_none)
            known = (f"domain {domain}",) if accepted else None
            if memo_ok(domain, *labels):
                if len(self._known) >= KNOWN_MAX:
                    self._known.clear()
                self._known[key] = known
        return cast("tuple[str, ...] | None", known)

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]:
        out: list[Match] = []
        known = self._known  # _accepts' memo, read here first
        for item in view.groups.get("emails", ()):  # view.select(("emails",)), without the call
            domain = domain_of(item.raw)
            notes = known.get((domain, item.labels), _UNKNOWN)
            if notes is _UNKNOWN:
                notes = self._accepts(domain, item.labels)
            if notes is not None:
                out.append(
                    new_match(
                        item.field,
                        item.raw,
                        ValueKind.EMAIL,
                        item,
                        -1,
                        -1,
                        self._description,
                        cast("tuple[str, ...]", notes),
                    )
                )
        if self.in_text:
            for item in view.select(("text",)):
                if "@" not in item.text:  # the pattern needs a literal "@"
                    continue
                for m in _IN_TEXT.finditer(item.text):
                    domain = domain_of(m.group(1))
                    if self._hit(domain):
                        out.append(
                            Match(
                                item.field,
                                m.group(1),
                                ValueKind.EMAIL,
                                item,
                                m.start(1),
                                m.end(1),
                                self._description,
                                (f"domain {domain}",),
                            )
                        )
        return out
