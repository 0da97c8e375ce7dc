"""``phone``: a stored number by its type (phonenumbers) and the card's labels.

The parser already classified each number (``Phone.number_type``); this
detector only filters: e.g. ``types: [mobile]`` with ``labels_none: [work]``
is a personal mobile, ``types: [toll_free, uan]`` a company number.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from piiaudit.engine.detectors.base import EvalContext, Match, label_note, labels_ok
from piiaudit.engine.view import ContactView
from piiaudit.model import ValueKind
from piiaudit.phones import classify
from piiaudit.textnorm import normalize

# A number the parser could not classify is looked up by every phone rule; the
# answer depends only on the text and the region.
classify_cached = lru_cache(maxsize=4096)(classify)


class PhoneDetector:
    name = "phone"

    def __init__(self, params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> None:
        self.types = frozenset(params.get("types", ()))
        self.labels_any = frozenset(normalize(x).lower() for x in params.get("labels_any", ()))
        self.labels_none = frozenset(normalize(x).lower() for x in params.get("labels_none", ()))
        self._description = self._describe()

    def describe(self) -> str:
        return self._description

    def _describe(self) -> str:
        parts = [f"types {sorted(self.types)}"] if self.types else []
        if self.labels_any:
            parts.append(f"labels any of {sorted(self.labels_any)}")
        if self.labels_none:
            parts.append(f"labels none of {sorted(self.labels_none)}")
        return "phone " + "; ".join(parts or ["any number"])

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]:
        out: list[Match] = []
        phones = view.contact.phones
        for item in view.select(("phones",)):
            index = int(item.field[len("phones[") : -1])
            phone = phones[index]
            number_type = phone.number_type
            if number_type is None and phone.e164 is None:
                number_type = classify_cached(phone.value, ctx.region)[1]
            if self.types and (number_type or "unparsed") not in self.types:
                continue
            if not labels_ok(item.labels, self.labels_any, self.labels_none):
                continue
            notes = (
                f"number type {number_type or 'unparsed'}",
                *label_note(item.labels, self.labels_any),
            )
            out.append(
                Match(
                    item.field,
                    phone.value,
                    ValueKind.PHONE,
                    item,
                    notes=notes,
                    pattern=self._description,
                )
            )
        return out
