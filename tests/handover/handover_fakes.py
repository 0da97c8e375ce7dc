"""Hand-built contacts and a small stand-in for the engine, for unit tests of the
hand-over logic that must not depend on the real rule packs. All data is fictional."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from piiaudit.model import (
    Category,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    Finding,
    Reason,
    RiskLevel,
    Severity,
    SourceRef,
    Text,
    ValueKind,
)

MSG = Text(en="test", ja="テスト")


def contact(
    index: int = 0, *, start: int = 0, end: int = 0, line: int = 1, **fields: object
) -> Contact:
    """A contact with a source span; ``fields`` are Contact fields."""
    parent = fields.pop("parent", None)
    source = SourceRef("test.vcf", index, line, start, end, parent)  # type: ignore[arg-type]
    return Contact(source=source, **fields)  # type: ignore[arg-type]


def finding(field: str, category: Category, severity: Severity = Severity.HIGH) -> Finding:
    return Finding(
        rule=f"T-{category.value}",
        category=category,
        severity=severity,
        field=field,
        value="x",
        kind=ValueKind.TEXT,
        message=MSG,
        recommendation=MSG,
    )


def simple_findings(c: Contact) -> tuple[Finding, ...]:
    """A tiny rule set: free-mail addresses, mobiles not labelled work, birthdays, notes
    that mention a hospital, and a name with (病) in it."""
    found = []
    for i, email in enumerate(c.emails):
        if email.domain in {"gmail.com", "docomo.ne.jp"}:
            found.append(finding(f"emails[{i}]", Category.PERSONAL_EMAIL))
    for i, phone in enumerate(c.phones):
        if phone.number_type == "mobile" and "work" not in phone.labels:
            found.append(finding(f"phones[{i}]", Category.MOBILE_PHONE, Severity.MEDIUM))
    if c.birthday:
        found.append(finding("birthday", Category.BIRTHDAY))
    for i, note in enumerate(c.notes):
        if "hospital" in note:
            found.append(finding(f"notes[{i}]", Category.SPECIAL_CARE, Severity.CRITICAL))
    if "(病)" in c.names.formatted:
        found.append(finding("names.formatted", Category.SPECIAL_CARE, Severity.CRITICAL))
    return tuple(found)


ROTATION = (ContactClass.BUSINESS, ContactClass.PRIVATE, ContactClass.UNKNOWN)


class FakeEngine:
    """Classifies by index (default business; with ``rotate``, index % 3 picks business,
    private, unknown so every output gets cards) and finds with :func:`simple_findings`;
    ``force_class`` works as in the real engine. With ``quiet_on_private`` it reports
    nothing on private contacts, as the shipped packs do for most rules."""

    def __init__(
        self,
        labels: Mapping[int, ContactClass] | None = None,
        findings: Callable[[Contact], tuple[Finding, ...]] = simple_findings,
        *,
        rotate: bool = False,
        quiet_on_private: bool = False,
    ) -> None:
        self.rotate = rotate
        self.quiet_on_private = quiet_on_private
        self.labels = dict(labels or {})
        self.findings = findings
        self.calls = 0

    def evaluate(self, c: Contact, force_class: ContactClass | None = None) -> ContactResult:
        self.calls += 1
        label = self.labels.get(c.source.index, ContactClass.BUSINESS)
        if self.rotate:
            label = ROTATION[c.source.index % len(ROTATION)]
        if force_class is not None:
            label = force_class
        reason = Reason(rule=f"C-{label.value}", towards=label, weight=1.0)
        classification = Classification(label=label, confidence=0.9, reasons=(reason,))
        return ContactResult(
            contact=c,
            classification=classification,
            findings=()
            if self.quiet_on_private and label is ContactClass.PRIVATE
            else self.findings(c),
            risk_score=0,
            risk_level=RiskLevel.NONE,
        )
