"""Batch tests: a tiny stand-in reader and engine, to test orchestration alone.

The fake export format is one fictional contact name per line. Special lines let a
test make the reader misbehave on purpose: ``CRASH`` raises inside the reader,
``DIE`` kills the process reading it (as an out-of-memory kill would), and a file
starting with ``BINARY`` is unreadable the way the real reader reports it.
Worker processes are forked, so patches made in the test process apply in them too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from piiaudit import audit
from piiaudit.model import (
    Category,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    FileInfo,
    Finding,
    Names,
    RiskLevel,
    RuleInfo,
    Severity,
    SourceRef,
    Text,
    ValueKind,
)


@dataclass
class FakeParsed:
    info: FileInfo
    contacts: Iterator[Contact]


def _contacts(path: str, lines: Sequence[str], info: FileInfo) -> Iterator[Contact]:
    for index, line in enumerate(lines):
        if line == "CRASH":
            raise RuntimeError(f"reader bug near {line}")
        if line == "DIE":
            os._exit(9)
        info.contacts += 1
        yield Contact(source=SourceRef(path, index, index + 1), names=Names(formatted=line))


@contextlib.contextmanager
def fake_open_input(path: str, options: object) -> Iterator[FakeParsed]:
    info = FileInfo(path=path, format="fake")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        info.error = "no such file"
        yield FakeParsed(info, iter(()))
        return
    if text.startswith("BINARY"):
        info.error = "not a contact export (binary data)"
        yield FakeParsed(info, iter(()))
        return
    yield FakeParsed(info, _contacts(path, text.splitlines(), info))


class FakeEngine:
    """One HIGH finding per contact whose name has a digit; the score is the digit count."""

    @classmethod
    def from_profile(cls, profile: object, extra_packs: tuple[Path, ...] = ()) -> FakeEngine:
        return cls()

    def evaluate(self, contact: Contact) -> ContactResult:
        name = contact.names.formatted
        digits = sum(ch.isdigit() for ch in name)
        findings = tuple(
            Finding(
                rule="FAKE1",
                category=Category.OTHER_PII,
                severity=Severity.HIGH,
                field="names.formatted",
                value=name,
                kind=ValueKind.NAME,
                message=Text("fake", "fake"),
                recommendation=Text("none", "none"),
            )
            for _ in range(1 if digits else 0)
        )
        label = ContactClass.PRIVATE if digits else ContactClass.BUSINESS
        return ContactResult(
            contact=contact,
            classification=Classification(label, 0.9),
            findings=findings,
            risk_score=digits,
            risk_level=RiskLevel.HIGH if digits else RiskLevel.NONE,
        )

    def aggregate(self, results: Sequence[ContactResult]) -> tuple[int, RiskLevel]:
        score = sum(r.risk_score for r in results)
        return score, RiskLevel.HIGH if score else RiskLevel.NONE

    def rule_infos(self) -> list[RuleInfo]:
        return []


@pytest.fixture
def fake_stages(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    """Patch the reader and the engine class the audit uses; return an engine."""
    monkeypatch.setattr(audit, "open_input", fake_open_input)
    monkeypatch.setattr(audit, "Engine", FakeEngine)
    return FakeEngine()
