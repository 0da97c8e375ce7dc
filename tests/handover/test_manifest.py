"""manifest.json: every contact, where it went and why, masked, in a fixed order."""

from __future__ import annotations

import io
import json
from pathlib import Path

from handover_fakes import FakeEngine, contact

from piiaudit.handover.manifest import OutputSummary, build_manifest, render_manifest
from piiaudit.handover.overrides import Override, OverrideSet
from piiaudit.handover.plan import build_plan, find_gaps
from piiaudit.model import ContactClass, Email, FileInfo, Names

CARD = b"BEGIN:VCARD\nVERSION:2.1\nFN:x\nEND:VCARD\n"


def test_manifest_lists_every_contact_with_its_destination_and_reasons() -> None:
    data = b"stray\n" + CARD + CARD
    a = 6
    contacts = [
        contact(0, start=a, end=a + len(CARD), line=2, names=Names(formatted="山田 太郎")),
        contact(1, line=3, parent=0, names=Names(formatted="Nested Person")),
        contact(
            2,
            start=a + len(CARD),
            end=len(data),
            line=6,
            names=Names(formatted="Hanako Sato"),
            emails=(Email("hanako@gmail.com"),),
        ),
    ]
    overrides = OverrideSet(
        [Override("name", "Hanako Sato", ContactClass.PRIVATE, "friend", "o:3")]
    )
    overrides.add(Override("index", "99", ContactClass.BUSINESS, "stale", "o:6"))
    engine = FakeEngine({0: ContactClass.UNKNOWN, 1: ContactClass.BUSINESS})
    info = FileInfo(path="t.vcf", format="vcard", dialect="vcard-2.1", encoding="utf-8")
    plan = build_plan(Path("t.vcf"), info, contacts, engine, overrides, len(data), data[:4])
    plan.gaps = find_gaps(plan, io.BytesIO(data))
    outputs = {d: OutputSummary(f"{d}.vcf", n, 0, "0" * 64) for d, n in plan.counts().items()}
    manifest = build_manifest(plan, outputs, "f" * 64, overrides)
    text = render_manifest(manifest)
    for raw in ("山田", "太郎", "Hanako", "Nested", "gmail.com"):
        assert raw not in text, raw
    entries = json.loads(text)["contacts"]
    assert [(e["index"], e["destination"], e["file"]) for e in entries] == [
        (0, "review", "review.vcf"),
        (1, "review", "review.vcf"),  # inside card 0, whatever its own class
        (2, "private", "private.vcf"),
    ]
    assert entries[1]["nested_in"] == 0 and entries[1]["engine_class"] == "business"
    assert entries[0]["name"] == "山* 太*"
    assert entries[0]["reasons"] == ["C-unknown"]
    assert entries[2]["engine_class"] == "business" and entries[2]["class"] == "private"
    assert entries[2]["override"] == {
        "contact": "name:H*** S***",
        "reason": "friend",
        "from": "o:3",
    }
    assert entries[2]["reasons"] == ["override:name:H*** S***"]
    assert entries[2]["findings"] == ["personal_email"]
    assert manifest["not_copied"] == {"bytes": 6, "non_blank": [{"line": 1, "bytes": 6}]}
    assert manifest["overrides"] == {"given": 2, "unused": [{"contact": "index:99", "from": "o:6"}]}
    assert manifest["outputs"]["review"]["contacts"] == 2  # type: ignore[index]
    assert render_manifest(build_manifest(plan, outputs, "f" * 64, overrides)) == text


def test_text_that_is_not_valid_unicode_is_written_as_backslash_escapes() -> None:
    # A Latin-1 file name read on Linux holds U+DCE9 for the byte 0xE9; a broken UTF-16
    # name can hold any lone surrogate. The manifest must stay valid UTF-8 JSON.
    manifest = {
        "input": {"path": "/exports/caf\udce9.vcf"},
        "overrides": [{"from": "answers-\ud800.yaml"}],
        "contacts": [{"name": "山*** 太***"}],
    }
    text = render_manifest(manifest)
    text.encode("utf-8")  # strict
    data = json.loads(text)
    assert data["input"]["path"] == "/exports/caf\\xe9.vcf"
    assert data["overrides"][0]["from"] == "answers-\\ud800.yaml"
    assert data["contacts"][0]["name"] == "山*** 太***"  # valid text unchanged
