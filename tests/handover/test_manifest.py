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


def test_manifest_lists_business_contacts_with_reasons_and_the_others_by_index_only() -> None:
    data = b"stray\n" + CARD + CARD + CARD
    a, n = 6, len(CARD)
    contacts = [
        contact(0, start=a, end=a + n, line=2, names=Names(formatted="山田 太郎")),
        contact(1, line=3, parent=0, names=Names(formatted="Nested Person")),
        contact(
            2,
            start=a + n,
            end=a + 2 * n,
            line=6,
            names=Names(formatted="Hanako Sato"),
            emails=(Email("hanako@gmail.com"),),
        ),
        contact(3, start=a + 2 * n, end=len(data), line=10, names=Names(formatted="Jiro Ito")),
    ]
    overrides = OverrideSet(
        [Override("name", "Hanako Sato", ContactClass.PRIVATE, "my friend Hanako", "o:3")]
    )
    overrides.add(Override("name", "Someone Else", ContactClass.BUSINESS, "stale", "o:6"))
    # the override file as typed, under the home folder: only its name goes to the company
    overrides.add(Override("index", "0", ContactClass.BUSINESS, "customer", "/home/jdoe/o:9"))
    engine = FakeEngine({0: ContactClass.UNKNOWN, 1: ContactClass.PRIVATE, 3: ContactClass.UNKNOWN})
    info = FileInfo(path="t.vcf", format="vcard", dialect="vcard-2.1", encoding="utf-8")
    plan = build_plan(Path("t.vcf"), info, contacts, engine, overrides, len(data), data[:4])
    plan.gaps = find_gaps(plan, io.BytesIO(data))
    outputs = {d: OutputSummary(f"{d}.vcf", n, 0, "0" * 64) for d, n in plan.counts().items()}
    manifest = build_manifest(plan, outputs, "f" * 64, overrides)
    text = render_manifest(manifest)
    for raw in ("山田", "太郎", "Hanako", "Nested", "gmail.com", "Jiro", "Someone", "jdoe"):
        assert raw not in text, raw
    entries = json.loads(text)["contacts"]
    assert [(e["index"], e["destination"], e["file"]) for e in entries] == [
        (0, "business", "business.vcf"),
        (1, "business", "business.vcf"),  # inside card 0, whatever its own class
        (2, "private", "private.vcf"),
        (3, "review", "review.vcf"),
    ]
    business = entries[0]
    assert business["name"] == "山* 太*"
    assert business["engine_class"] == "unknown" and business["class"] == "business"
    assert business["override"] == {"contact": "index:0", "reason": "customer", "from": "o:9"}
    assert business["reasons"] == ["override:index:0"]
    assert entries[1]["nested_in"] == 0 and entries[1]["engine_class"] == "private"
    # The employee's own contacts: that they exist and where they went, nothing more
    # (no masked name, line, class, rules, finding categories or override reason).
    assert entries[2] == {"index": 2, "destination": "private", "file": "private.vcf"}
    assert entries[3] == {"index": 3, "destination": "review", "file": "review.vcf"}
    assert "my friend" not in text and "personal_email" not in text
    assert manifest["not_copied"] == {"bytes": 6, "non_blank": [{"line": 1, "bytes": 6}]}
    assert manifest["overrides"] == {"given": 3, "unused": 1}  # counted: it may name someone
    assert manifest["outputs"]["business"]["contacts"] == 2  # type: ignore[index]
    assert render_manifest(build_manifest(plan, outputs, "f" * 64, overrides)) == text
    # The notes follow --lang (the manifest goes to the company's staff); nothing else does.
    japanese = build_manifest(plan, outputs, "f" * 64, overrides, "ja")
    notes, english = japanese.pop("notes"), json.loads(text)
    assert isinstance(notes, list) and len(notes) == len(english.pop("notes"))
    assert all(any("\u3040" <= ch <= "\u30ff" for ch in note) for note in notes)
    assert json.loads(render_manifest(japanese)) == english


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
