"""Hand-built audit results for reporter tests. Every person here is fictional.

``sample_case()`` is two readable exports (a vCard with parse issues, a Google
CSV) and one unreadable file; ``empty_case()`` is a clean export. The contacts
live in :mod:`reporters.people`, the rules in :mod:`reporters.rulebook`.
"""

from __future__ import annotations

from dataclasses import dataclass

from piiaudit.model import (
    AuditResult,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    FileInfo,
    FileResult,
    Names,
    ParseIssue,
    RiskLevel,
    SourceRef,
)
from reporters.people import (
    TERMINAL_ESCAPES,
    XSS_IMG,
    XSS_SCRIPT,
    Person,
    people_alice,
    people_bob,
)
from reporters.rulebook import rule_infos

__all__ = [
    "TERMINAL_ESCAPES",
    "XSS_IMG",
    "XSS_SCRIPT",
    "Case",
    "Person",
    "empty_case",
    "sample_case",
]


@dataclass
class Case:
    """An audit result and the people in it."""

    result: AuditResult
    people: list[Person]

    def private_people(self) -> list[Person]:
        return [p for p in self.people if p.label is not ContactClass.BUSINESS]


def sample_case() -> Case:
    """Two readable exports (one with parse issues) and one unreadable file."""
    alice, bob = people_alice(), people_bob()
    alice_info = FileInfo(
        path="exports/alice.vcf",
        format="vcard",
        dialect="vcard-3.0",
        encoding="utf-8",
        contacts=len(alice),
        issues=[
            ParseIssue(3, "line folded with a tab; unfolded"),
            ParseIssue(33, "unknown parameter CHARSET=SJIS; value kept as read", "warning"),
        ],
    )
    bob_info = FileInfo(
        path="exports/bob.csv",
        format="csv",
        dialect="google-csv",
        encoding="utf-8-sig",
        contacts=len(bob),
    )
    broken = FileInfo(path="exports/photo.jpg", error="not a contact export (a JPEG image)")
    files = [
        FileResult(
            alice_info, "exports/alice.vcf", [p.result for p in alice], 97, RiskLevel.CRITICAL
        ),
        FileResult(bob_info, "exports/bob.csv", [p.result for p in bob], 99, RiskLevel.CRITICAL),
        FileResult(broken, "exports/photo.jpg", [], 0, RiskLevel.NONE),
    ]
    result = AuditResult(
        files=files,
        risk_score=99,
        risk_level=RiskLevel.CRITICAL,
        settings={
            "inputs": ["exports/alice.vcf", "exports/bob.csv", "exports/photo.jpg"],
            "region": "JP",
            "fail_on": "high",
        },
        rules=rule_infos(),
        tool_version="0.1.0",
        generated="2026-11-26T09:30:00+09:00",  # a Japanese officer's run: shown with its offset
    )
    return Case(result, alice + bob)


def empty_case() -> Case:
    """One export with a single business contact and nothing to report."""
    contact = Contact(
        source=SourceRef("clean.vcf", 0, 1),
        names=Names(formatted="Kenji Cleanman"),
        organizations=("Clean Co",),
    )
    cls = Classification(ContactClass.BUSINESS, 0.9)
    result = ContactResult(contact, cls, (), 0, RiskLevel.NONE)
    info = FileInfo(
        path="clean.vcf", format="vcard", dialect="vcard-4.0", encoding="utf-8", contacts=1
    )
    audit = AuditResult(
        files=[FileResult(info, "clean.vcf", [result])], rules=[], tool_version="0.1.0"
    )
    return Case(audit, [Person(result, ["Kenji Cleanman", "Cleanman"])])
