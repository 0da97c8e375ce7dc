"""``present``: a field exists (BDAY, a PHOTO, a HOME address, a RELATED name).

Labels and words narrow it: ``field: addresses`` with ``labels_any: [home]``
is a home address; with ``text_any`` (``号室``, ``マンション``) and
``text_none`` (``ビル``, ``株式会社``) an unlabelled address that reads like a
flat rather than an office.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from piiaudit.engine.detectors.base import EvalContext, Match, label_note, labels_ok, new_match
from piiaudit.engine.detectors.keywords import gather_words
from piiaudit.engine.detectors.labels import described, label_words
from piiaudit.engine.view import ContactView
from piiaudit.engine.words import WordMatcher
from piiaudit.model import ValueKind


class PresentDetector:
    name = "present"

    def __init__(self, params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> None:
        self.field = str(params["field"])
        self._selectors = (self.field,)
        self.labels_any = label_words(params, lists, "labels_any")
        self.labels_none = label_words(params, lists, "labels_none")
        self.text_any = WordMatcher(
            gather_words(params.get("text_any", {}), lists, "text_any"), ignore_case=True
        )
        self.text_none = WordMatcher(
            gather_words(params.get("text_none", {}), lists, "text_none"), ignore_case=True
        )
        self._description = self._describe()
        # Whether each word list has words, asked once here rather than per value.
        self._any, self._none = bool(self.text_any), bool(self.text_none)

    def describe(self) -> str:
        return self._description

    def _describe(self) -> str:
        parts = [f"field {self.field}"]
        if self.labels_any:
            parts.append(f"labelled {described(self.labels_any)}")
        if self.labels_none:
            parts.append(f"not labelled {described(self.labels_none)}")
        if self.text_any:
            parts.append("with a listed word")
        if self.text_none:
            parts.append("without an excluded word")
        return "; ".join(parts)

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]:
        if self.field == "photo":
            photo = view.contact.photo
            if photo.present:
                # A photo given by link (PHOTO;VALUE=URL) has no body to measure: "0 bytes"
                # read as an empty photo.
                size = f"{photo.bytes} bytes" if photo.bytes else "a link to a photo"
                return [Match("photo", size, ValueKind.NONE, pattern=self._description)]
            return []
        out: list[Match] = []
        for item in view.select(self._selectors):
            # labels_ok passes a value without labels exactly when no label is required
            if (item.labels or self.labels_any) and not labels_ok(
                item.labels, self.labels_any, self.labels_none
            ):
                continue
            hit = self.text_any.search(item.text, exact=ctx.exact) if self._any else None
            if self._any and hit is None:
                continue
            if self._none and self.text_none.search(item.text, exact=ctx.exact) is not None:
                continue
            notes = label_note(item.labels, self.labels_any) if self.labels_any else ()
            if hit:
                notes += (f"word {hit[2]}",)
            out.append(
                new_match(item.field, item.raw, item.kind, item, -1, -1, self._description, notes)
            )
        return out
