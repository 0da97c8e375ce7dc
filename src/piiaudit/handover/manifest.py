"""``manifest.json``: the written record of a split, contact by contact.

Whoever receives the hand-over (a manager, compliance) must be able to check that
every contact went somewhere and why, without reading personal data. So the
manifest lists every contact with a *masked* name (always: the manifest travels
further than the terminal), its index and line, the engine's class and the final
one, the file it went to, the rule ids behind the decision and the override used.
It holds no timestamp, so the same input and answers give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from piiaudit import __version__
from piiaudit.handover.decide import Decision
from piiaudit.handover.names import readable
from piiaudit.handover.overrides import OverrideSet
from piiaudit.handover.plan import ORDER, SplitPlan
from piiaudit.masking import mask
from piiaudit.model import ValueKind

MANIFEST_VERSION = 1
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True, slots=True)
class OutputSummary:
    """What was written to one output file."""

    name: str
    contacts: int
    bytes: int
    sha256: str


def build_manifest(
    plan: SplitPlan,
    outputs: Mapping[str, OutputSummary],
    input_sha256: str,
    overrides: OverrideSet | None,
) -> dict[str, object]:
    """The manifest as plain data, in a fixed key and contact order."""
    dropped = [g for g in plan.gaps if g.size]
    return {
        "manifest_version": MANIFEST_VERSION,
        "tool": f"piiaudit {__version__}",
        "input": {
            "path": str(plan.path),
            "format": plan.info.format,
            "dialect": plan.info.dialect,
            "encoding": plan.info.encoding,
            "bytes": plan.size,
            "sha256": input_sha256,
            "contacts": len(plan.decisions),
        },
        "outputs": {
            dest: {
                "file": outputs[dest].name,
                "contacts": outputs[dest].contacts,
                "bytes": outputs[dest].bytes,
                "sha256": outputs[dest].sha256,
            }
            for dest in ORDER
        },
        "notes": [
            "Every output file is written, even when no contact went there (then it is "
            "empty, or holds only the CSV header).",
            "Each card or CSV record is copied byte for byte from the input. Bytes outside "
            "any card (blank lines, junk between cards) are not contacts and are not copied; "
            "see 'not_copied'.",
            "A card the input left without END:VCARD is followed by that line (in the card's "
            "own line ending), so that it imports as one card; see 'end_added'.",
            "Names are masked. 'index' is the contact's position as piiaudit read it "
            "(use it in an override file as 'index:N').",
        ],
        "prefix_bytes": plan.prefix[1] - plan.prefix[0],
        "not_copied": {
            "bytes": sum(g.size for g in dropped),
            "non_blank": [{"line": g.line, "bytes": g.size} for g in dropped if not g.blank],
        },
        "end_added": [_end_added(plan, d) for d in plan.closed_by_reader()],
        "overrides": _overrides(overrides),
        "contacts": [_contact(plan, d) for d in plan.decisions],
    }


def render_manifest(manifest: Mapping[str, object]) -> str:
    """The manifest as UTF-8-safe JSON text: a string holding bytes that are not UTF-8
    (the input's file name, an override file's) is written with ``\\xNN`` escapes
    (:func:`piiaudit.handover.names.readable`), so the file is always valid UTF-8."""
    return json.dumps(_readable(manifest), ensure_ascii=False, indent=2) + "\n"


def _readable(value: object) -> object:
    if isinstance(value, str):
        return readable(value)
    if isinstance(value, Mapping):
        return {readable(str(k)): _readable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_readable(v) for v in value]
    return value


def _contact(plan: SplitPlan, decision: Decision) -> dict[str, object]:
    contact = decision.result.contact
    destination = plan.destination(decision)
    override = decision.override
    return {
        "index": contact.source.index,
        "line": contact.source.line,
        "name": mask(contact.display_name(), ValueKind.NAME),
        "engine_class": decision.engine_label.value,
        "class": decision.label.value,
        "destination": destination,
        "file": plan.file_name(destination),
        "nested_in": contact.source.parent,
        "reasons": list(decision.reasons),
        "findings": sorted({f.category.value for f in decision.result.findings}),
        "override": (
            None
            if override is None
            else {"contact": override.shown(), "reason": override.reason, "from": override.origin}
        ),
    }


def _end_added(plan: SplitPlan, decision: Decision) -> dict[str, object]:
    source = decision.result.contact.source
    return {
        "index": source.index,
        "line": source.line,
        "file": plan.file_name(plan.destination(decision)),
        "lines": plan.missing_ends[source.index],
    }


def _overrides(overrides: OverrideSet | None) -> dict[str, object]:
    if overrides is None:
        return {"given": 0, "unused": []}
    return {
        "given": len(overrides),
        "unused": [{"contact": o.shown(), "from": o.origin} for o in overrides.unused()],
    }
