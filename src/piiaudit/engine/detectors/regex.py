"""``regex``: a pattern on named fields or on all free text, with validators.

Patterns compile with google-re2, which runs in linear time, so no pattern in
any pack can hang the tool on hostile input; re2 has no look-around, so number
boundaries are a parameter (``boundary: digit``) checked around each hit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import re2

from piiaudit.engine.detectors.base import (
    DetectorConfigError,
    EvalContext,
    Match,
    new_match,
    raw_span,
)
from piiaudit.engine.validators import VALIDATORS
from piiaudit.engine.view import ContactView, FieldText, memo_ok
from piiaudit.engine.words import compile_re2
from piiaudit.model import ValueKind

DEFAULT_FIELDS = ("text",)
KNOWN_MAX = 4096  # remembered fields per detector, emptied when full
Spans = tuple[tuple[int, int, str, tuple[str, ...]], ...]


def _boundary_ok(text: str, start: int, end: int, boundary: str) -> bool:
    if boundary == "none":
        return True

    def bad(ch: str) -> bool:
        return ch.isdigit() if boundary == "digit" else (ch.isascii() and ch.isalnum())

    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if (before and bad(before)) or (after and bad(after)):
        return False
    if boundary == "digit":  # "4111 1111 1111 1111": 12 of 16 digits is not a 12-digit number
        if start >= 2 and text[start - 1] in " -" and text[start - 2].isdigit():
            return False
        if end + 1 < len(text) and text[end] in " -" and text[end + 1].isdigit():
            return False
    return True


class RegexDetector:
    name = "regex"

    def __init__(
        self,
        params: Mapping[str, Any],
        lists: Mapping[str, tuple[str, ...]],
        *,
        compile_now: bool = True,
    ) -> None:
        self.pattern = str(params["pattern"])
        self.ignore_case = bool(params.get("ignore_case"))
        self._regex: re2._Regexp | None = None
        self.fields = tuple(params.get("fields", DEFAULT_FIELDS))
        self.numbers = bool(params.get("numbers", False))
        self.boundary = str(params.get("boundary", "none"))
        self.group = int(params.get("group", 0))
        if compile_now:  # a pattern from a file not known to compile: check it now
            try:
                groups = self.regex.groups
            except ValueError as exc:
                raise DetectorConfigError(str(exc), "pattern") from None
            if self.group > groups:
                raise DetectorConfigError(
                    f"group {self.group} but the pattern has {groups}", "group"
                )
        self.validators = tuple(params.get("validators", ()))
        unknown = [v for v in self.validators if v not in VALIDATORS]
        if unknown:
            raise DetectorConfigError(f"unknown validator {unknown[0]!r}", "validators")
        self.kind = ValueKind(params.get("kind", "text"))
        self._known: dict[tuple[str, str, str, str], Spans] = {}

    @property
    def regex(self) -> re2._Regexp:
        """The compiled pattern, compiled when first used (see ``compile_now``)."""
        if self._regex is None:
            self._regex = compile_re2(self.pattern, ignore_case=self.ignore_case)
        return self._regex

    def describe(self) -> str:
        return f"/{self.pattern}/ on {', '.join(self.fields)}"

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]:
        out: list[Match] = []
        for item in view.select(self.fields):
            spans = self._spans(item, ctx.region) if ctx.exact else self._spans_known(item, ctx)
            for start, end, raw, notes in spans:
                out.append(
                    new_match(item.field, raw, self.kind, item, start, end, self.pattern, notes)
                )
        return out

    def _spans_known(self, item: FieldText, ctx: EvalContext) -> Spans:
        """:meth:`_spans` on the fast path, remembered per text: notes and
        organisations recur, and each re2 call costs ~8 us through the wrapper."""
        key = (item.text, item.numtext, item.raw, ctx.region)
        known = self._known.get(key)
        if known is None:
            known = self._spans(item, ctx.region)
            if memo_ok(item.raw) and memo_ok(item.text):
                if len(self._known) >= KNOWN_MAX:
                    self._known.clear()
                self._known[key] = known
        return known

    def _spans(self, item: FieldText, region: str) -> Spans:
        """Each accepted hit in one field: its span, raw text and explain notes.

        The text is searched as UTF-8 bytes, encoded once: given a ``str``, the re2
        wrapper encodes the whole text and converts offsets from its start on every
        call, so a long note of refused candidates (a run of 12-digit numbers whose
        check digits fail) took time quadratic in its length: 131 s for 240 KB, a
        1 MB note hung the audit (security review, QA round 7). Byte offsets become
        character offsets by decoding only what lies between consecutive hits."""
        out: list[tuple[int, int, str, tuple[str, ...]]] = []
        text = item.numtext if self.numbers else item.text
        data = text.encode("utf-8", "surrogatepass")
        ascii_only = len(data) == len(text)
        at_byte = at_char = 0  # the last start converted: starts only grow
        pos = 0
        while pos <= len(data):
            m = self.regex.search(data, pos)
            if m is None:
                break
            start_b, end_b = m.start(self.group), m.end(self.group)
            if start_b < 0 or end_b <= start_b:
                after = m.end()
                if after == m.start():  # an empty match: on by one character, not one byte
                    after += _utf8_length(data[after]) if after < len(data) else 1
                pos = after
                continue
            if ascii_only:
                start, end = start_b, end_b
            else:
                if start_b < at_byte:  # a group before the last start: count again
                    at_byte = at_char = 0
                at_char += len(data[at_byte:start_b].decode("utf-8", "surrogatepass"))
                at_byte = start_b
                start = at_char
                end = start + len(data[start_b:end_b].decode("utf-8", "surrogatepass"))
            value = text[start:end]
            if _boundary_ok(text, start, end, self.boundary) and all(
                VALIDATORS[v](value, region) for v in self.validators
            ):
                notes = tuple(f"validator {v} passed" for v in self.validators)
                out.append((start, end, raw_span(item, start, end), notes))
                pos = end_b
            else:
                pos = start_b + _utf8_length(data[start_b])
        return tuple(out)


def _utf8_length(lead: int) -> int:
    """The number of bytes of the UTF-8 character that starts with byte ``lead``."""
    if lead < 0x80:
        return 1
    if lead >= 0xF0:
        return 4
    return 3 if lead >= 0xE0 else 2
