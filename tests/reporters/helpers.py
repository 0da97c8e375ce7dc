"""Render reports in tests and turn them back into searchable text.

A leak search must look at what a reader sees, not at the encoding: JSON escapes
``\\n``, HTML escapes ``<``, CSV quotes cells. :func:`readable` undoes each
format's encoding, so searching it for a raw value finds it however it was written.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

from piiaudit.masking import mask
from piiaudit.model import AuditResult, ValueKind
from piiaudit.reporters import REPORTERS, ReportOptions, get

FORMATS = tuple(REPORTERS)


def render(fmt: str, result: AuditResult, **options: Any) -> str:
    """The report ``fmt`` would write for ``result`` with these options."""
    options.setdefault("width", 100)
    out = io.StringIO()
    get(fmt)(result, out, ReportOptions(**options))
    return out.getvalue()


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def readable(fmt: str, output: str) -> str:
    """``output`` decoded to the text a person or a program would read out of it."""
    if fmt in ("json", "sarif"):
        return "\n".join(_strings(json.loads(output)))
    if fmt == "csv":
        rows = csv.reader(io.StringIO(output.removeprefix("\ufeff"), newline=""))
        return "\n".join(cell for row in rows for cell in row)
    if fmt == "html":
        return html.unescape(output)
    return output


_GENERIC_MASK = re.compile(r"^\[\d+ chars\]$")


def masked_forms(person: Any) -> list[str]:
    """What a masked report would show of this person: names, evidence, last 4 digits."""
    result = person.result
    forms = []
    name = mask(result.contact.display_name(), ValueKind.NAME)
    if sum(ch not in "*() " for ch in name) >= 2:  # "(***)" (a remark) shows nothing
        forms.append(name)
    for finding in result.findings:
        shown = mask(finding.value, finding.kind)
        if not _GENERIC_MASK.match(shown) and sum(ch.isalnum() for ch in shown) >= 3:
            forms.append(shown)
    for phone in result.contact.phones:
        digits = re.sub(r"\D", "", phone.value)
        forms.append(digits[-4:])
    for email in result.contact.emails:
        forms.append(mask(email.value, ValueKind.EMAIL))
    src = result.contact.source
    forms.append(f"{src.path.rsplit('/', 1)[-1]}:{src.line}")
    return forms
