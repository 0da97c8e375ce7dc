"""``manifest.json``: the written record of a split, contact by contact.

Whoever receives the hand-over (a manager, compliance) must be able to check that
every contact went somewhere, and why each business contact is the company's,
without reading personal data. The manifest is meant to travel with the hand-over,
so it says about the employee's own contacts only that they exist: a private or
to-review contact is listed by its index and the file it went to, nothing more (no
name, line, class, rule ids, finding categories or override reason: "葛* 紗*,
special_care" would tell the company who in the employee's life is ill). A business
contact is listed in full: masked name, index and line, the engine's class and the
final one, the rule ids behind the decision, its finding categories and the
override used. The employee's own view of every contact is ``split --dry-run``
(masked, or with ``--show-pii``), which prints the same indexes for override files.

The manifest also lets ``minimize`` recognise a file ``split`` wrote
(:func:`split_output`): the file's name and SHA-256 are recorded under ``outputs``.
``minimize`` records in turn what it wrote from the business file into the split's
folder under ``handed_over`` (:func:`record_handed_over`): that is the file the company
gets, and checks by its SHA-256. The manifest also records the phone region split read
the numbers in (``phone_region``), which ``minimize`` then reads the business file in.
It holds no timestamp, so the same input and answers give the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from piiaudit import __version__
from piiaudit.engine.profile import region_error
from piiaudit.handover.decide import DESTINATIONS, Decision
from piiaudit.handover.messages import say
from piiaudit.handover.overrides import OverrideSet
from piiaudit.handover.plan import ORDER, SplitPlan
from piiaudit.masking import mask
from piiaudit.model import ContactClass, ValueKind
from piiaudit.safeio import write_private_text
from piiaudit.textnorm import readable

# 2: private and review contacts listed by index and file only; unused overrides counted.
# 3: the input recorded by its file name ("input": {"file": ...}), not its path.
# 4: "requoted": CSV records written again with their quotes closed.
# 5: "handed_over": what minimize wrote from the business file, for the company to check.
# 6: "phone_region": the region numbers without +country were read in, and whether it was
#    chosen (--region, the company profile) or the default; "handed_over" holds the one
#    file minimize last wrote into the split's folder. A manifest without "phone_region"
#    (versions 1 to 5) is read as before: minimize then uses its own region.
MANIFEST_VERSION = 6
MANIFEST_NOTES = 6  # manifest_note_1 .. _6 in handover/messages.yaml
_HANDED_OVER_VERSION = 5
MANIFEST_NAME = "manifest.json"
OVERRIDES_NAME = "overrides.yaml"  # where split --interactive saves the answers by default
BUSINESS = DESTINATIONS[ContactClass.BUSINESS]
_CLASS_OF = {destination: label for label, destination in DESTINATIONS.items()}


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
    lang: str = "en",
) -> dict[str, object]:
    """The manifest as plain data, in a fixed key and contact order; its notes in ``lang``."""
    dropped = [g for g in plan.gaps if g.size and not g.groups]
    return {
        "manifest_version": MANIFEST_VERSION,
        "tool": f"piiaudit {__version__}",
        "input": {
            # The file's name only: the path as given is the employee's (a home folder,
            # /home/jdoe/...), and the manifest travels to the company. Nothing reads
            # it back: minimize recognises split's outputs by "outputs" (split_output).
            "file": plan.path.name,
            "format": plan.info.format,
            "dialect": plan.info.dialect,
            "encoding": plan.info.encoding,
            "bytes": plan.size,
            "sha256": input_sha256,
            "contacts": len(plan.decisions),
        },
        # How numbers without +country were read: minimize reads the business file so
        # (a Dutch 06-... read as Japanese is a landline, and was handed over).
        "phone_region": {"region": plan.region, "chosen": plan.region_chosen},
        "outputs": {
            dest: {
                "file": outputs[dest].name,
                "contacts": outputs[dest].contacts,
                "bytes": outputs[dest].bytes,
                "sha256": outputs[dest].sha256,
            }
            for dest in ORDER
        },
        # The notes follow --lang: the manifest goes to the company, whose staff may read
        # Japanese only (Japanese review B3); keys and values stay as they are.
        "notes": [say(f"manifest_note_{n}", lang) for n in range(1, MANIFEST_NOTES + 1)],
        "prefix_bytes": plan.prefix[1] - plan.prefix[0],
        "not_copied": {
            "bytes": sum(g.size for g in dropped),
            "non_blank": [{"line": g.line, "bytes": g.size} for g in dropped if not g.blank],
        },
        "end_added": [_end_added(plan, d) for d in plan.closed_by_reader()],
        "begin_added": [_begin_added(plan, d) for d in plan.opened_by_split()],
        "requoted": [_requoted(plan, d) for d in plan.requoted()],
        "group_cards": sum(g.groups for g in plan.gaps),
        "handed_over": [],  # filled in by minimize (record_handed_over): one file
        "overrides": _overrides(overrides),
        "contacts": [_contact(plan, d) for d in plan.decisions],
    }


def render_manifest(manifest: Mapping[str, object]) -> str:
    """The manifest as UTF-8-safe JSON text: a string holding bytes that are not UTF-8
    (the input's file name, an override file's) is written with ``\\xNN`` escapes
    (:func:`piiaudit.textnorm.readable`), so the file is always valid UTF-8."""
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
    if destination != BUSINESS:
        return {
            "index": contact.source.index,
            "destination": destination,
            "file": plan.file_name(destination),
        }
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
            else {
                "contact": override.shown(),
                "reason": override.reason,
                "from": file_name_only(override.origin),
            }
        ),
    }


def file_name_only(origin: str) -> str:
    """``/home/jdoe/handover/overrides.yaml:10`` as ``overrides.yaml:10``: the manifest goes
    to the company, and the path as typed named the employee's home folder; the same
    answers given through another path gave another manifest (QA round 15)."""
    path, colon, line = origin.rpartition(":")
    if not colon or not line.isdigit():
        return PurePath(origin).name if origin else origin
    return f"{PurePath(path).name}:{line}"


def _end_added(plan: SplitPlan, decision: Decision) -> dict[str, object]:
    """A card that got an ``END:VCARD``, and how many."""
    lines = plan.missing_ends[decision.result.contact.source.index]
    return {**_requoted(plan, decision), "lines": lines}


def _begin_added(plan: SplitPlan, decision: Decision) -> dict[str, object]:
    """A card that got the opening lines it lacked, and which."""
    lines = plan.missing_begins[decision.result.contact.source.index]
    return {**_requoted(plan, decision), "lines": list(lines)}


def _requoted(plan: SplitPlan, decision: Decision) -> dict[str, object]:
    """A contact whose bytes split changed (a CSV record written again with its quotes
    closed, a card given an ``END:VCARD``): its index and file, and its line only for a
    business contact (a private card's line and length say how much the employee wrote
    about someone)."""
    source = decision.result.contact.source
    destination = plan.destination(decision)
    where = {"line": source.line} if destination == BUSINESS else {}
    return {"index": source.index, **where, "file": plan.file_name(destination)}


def _overrides(overrides: OverrideSet | None) -> dict[str, object]:
    """Counts only: an unused override names a contact (``name:山* 太*``) that is, most
    often, nobody the company has anything to do with. The terminal lists them."""
    if overrides is None:
        return {"given": 0, "unused": 0}
    return {"given": len(overrides), "unused": len(overrides.unused())}


@dataclass(frozen=True, slots=True)
class SplitOutput:
    """An output file of ``split``, as the manifest beside it records it."""

    destination: str  # business, private or review
    unchanged: bool  # its SHA-256 is still the one the manifest records
    # The phone region split read the numbers in (``None``: a manifest older than
    # version 6, which does not say), and whether someone chose it.
    region: str | None = field(default=None, compare=False)
    region_chosen: bool = field(default=False, compare=False)
    export: str = field(default="", compare=False)  # the split input's file name

    @property
    def label(self) -> ContactClass:
        """The class every contact in the file was given when it was split."""
        return _CLASS_OF[self.destination]


def split_output(path: Path, sha256: Callable[[], str]) -> SplitOutput | None:
    """Which output of ``split`` ``path`` is, by the ``manifest.json`` beside it: the
    manifest must be piiaudit's and name ``path``'s file among its outputs. ``sha256``
    gives the file's digest (called only then: most inputs have no manifest beside
    them). Anything else (no manifest, someone else's, unreadable) is ``None``: the
    file is then an export like any other."""
    data = read_manifest(path.parent / MANIFEST_NAME) or {}
    outputs = data.get("outputs")
    if not isinstance(outputs, Mapping):
        return None
    for destination in ORDER:
        entry = outputs.get(destination)
        if isinstance(entry, Mapping) and entry.get("file") == path.name:
            region, chosen = _region(data)
            source = data.get("input")
            export = source.get("file") if isinstance(source, Mapping) else None
            return SplitOutput(
                destination,
                entry.get("sha256") == sha256(),
                region=region,
                region_chosen=chosen,
                export=export if isinstance(export, str) else "",
            )
    return None


def _region(data: Mapping[str, object]) -> tuple[str | None, bool]:
    """The manifest's ``phone_region``: a region phonenumbers knows and whether it was
    chosen; ``(None, False)`` when there is none (an older manifest) or it is not valid."""
    recorded = data.get("phone_region")
    if not isinstance(recorded, Mapping):
        return None, False
    region = recorded.get("region")
    if not isinstance(region, str) or region_error(region):
        return None, False
    return region.upper(), recorded.get("chosen") is True


def read_manifest(manifest: Path) -> dict[str, object] | None:
    """A piiaudit manifest at ``manifest``; ``None`` for anything else."""
    try:
        data = json.loads(manifest.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not str(data.get("tool", "")).startswith("piiaudit "):
        return None
    return data


def in_split_folder(source: Path, output: Path) -> bool:
    """Whether ``output`` is written into the folder of ``source`` (the business file, beside
    its manifest): only such a file is recorded as the hand-over. A copy written anywhere
    else (a test to /tmp) was recorded too, and the company was told of a file it never got
    (QA hand-over)."""
    try:
        return os.path.samefile(source.parent, output.parent)
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class Recorded:
    """What :func:`record_handed_over` did: the manifest written, and the files it named
    under ``handed_over`` before, which it no longer names."""

    manifest: Path
    replaced: tuple[str, ...] = ()


def record_handed_over(source: Path, written: OutputSummary) -> Recorded | None:
    """Record in the manifest beside ``source`` (a business file ``split`` wrote) what
    ``minimize`` wrote from it into the same folder: the file the company receives, by
    name, contact count, size and SHA-256. It replaces whatever was recorded before, so
    ``handed_over`` names one file, the last one made: the company compares what it got
    with it, and an earlier attempt listed beside it read as a second hand-over (QA
    hand-over). The manifest had only the split's own files, which never go to the
    company, so the receiver had nothing to check theirs against. Returns what was
    recorded; ``None`` when the manifest cannot be read or written (left as it is)."""
    manifest = source.parent / MANIFEST_NAME
    data = read_manifest(manifest)
    if data is None:
        return None
    entries = data.get("handed_over")
    replaced = tuple(
        sorted(
            str(e.get("file"))
            for e in (entries if isinstance(entries, list) else [])
            if isinstance(e, Mapping) and e.get("file") != written.name
        )
    )
    entry = {
        "file": written.name,
        "from": source.name,
        "contacts": written.contacts,
        "bytes": written.bytes,
        "sha256": written.sha256,
    }
    data["handed_over"] = [entry]
    # A manifest older than 5 gains "handed_over"; one without "phone_region" must not
    # claim version 6, which has it.
    data["manifest_version"] = max(_HANDED_OVER_VERSION, _version(data))
    try:
        write_private_text(manifest, render_manifest(data))
    except OSError:
        return None
    return Recorded(manifest, replaced)


def _version(data: Mapping[str, object]) -> int:
    version = data.get("manifest_version")
    return version if isinstance(version, int) else 0
