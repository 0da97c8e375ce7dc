"""Hypothesis strategies for contacts as the engine leaves them, for the fast-path tests.

Every value is made up. Text covers what reports must escape or mask: quotes,
backslashes, line breaks, C0/C1 controls, DEL, bidi marks, a lone surrogate,
digits (full-width too), name separators and e-mail-like text.
"""

from __future__ import annotations

from hypothesis import strategies as st

from piiaudit.model import (
    Category,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    FileInfo,
    FileResult,
    Finding,
    Names,
    Reason,
    RiskLevel,
    Severity,
    SourceRef,
    Text,
    Trail,
    ValueKind,
)
from piiaudit.reporters import ReportOptions

# Quotes, backslashes, line breaks, C0/C1 controls, DEL, bidi marks, a lone
# surrogate, digits (full-width too), name separators and e-mail-like text.
texts = st.one_of(
    st.text(max_size=14),
    st.sampled_from(
        [
            "",
            " ",
            '"',
            "\\",
            "a\nb",
            "\x1b[2J",
            "\x9b",
            "\x7f",
            "\u202e",
            "\ud800",
            "山田 太郎",
            "山田・太郎",
            " Sample  Alex ",
            "090-1234-5678",
            "０９０-１２３４-５６７８",
            "12-34",
            "user@example.com",
            "https://example.com/a",
            "1970-01-15",
        ]
    ),
)
numbers = st.floats(allow_nan=True, allow_infinity=True) | st.floats(0, 1)
bilingual = st.builds(Text, texts, texts)
# A few shared rule texts, as the engine shares a rule's objects among its findings,
# and fresh ones, so the memo meets both the same objects and equal copies.
SHARED = [Text("Mobile number", "携帯番号"), Text("Remove it", "削除してください"), Text("", "")]
rule_texts = st.sampled_from(SHARED) | bilingual
trails = st.none() | st.builds(
    Trail, texts, texts, st.lists(texts, max_size=2).map(tuple), numbers, numbers
)
findings = st.builds(
    Finding,
    rule=st.sampled_from(["CORE-PHONE-001", "CORE-MAIL-001", "ZZ-UNKNOWN-9"]) | texts,
    category=st.sampled_from(list(Category)),
    severity=st.sampled_from(list(Severity)),
    field=texts,
    value=texts,
    kind=st.sampled_from(list(ValueKind)),
    message=rule_texts,
    recommendation=rule_texts,
    confidence=numbers,
    references=st.lists(texts, max_size=2).map(tuple),
    trail=trails,
)
reasons = st.builds(
    Reason,
    rule=texts,
    towards=st.sampled_from(list(ContactClass)),
    weight=numbers,
    field=texts,
    value=texts,
    kind=st.sampled_from(list(ValueKind)),
    description=st.none() | rule_texts,
    veto=st.booleans(),
)
contact_results = st.builds(
    ContactResult,
    contact=st.builds(
        Contact,
        source=st.builds(
            SourceRef,
            path=texts,
            index=st.integers(0, 10**9),
            line=st.integers(0, 10**9),
        ),
        names=st.builds(Names, formatted=texts, family=texts, given=texts),
        organizations=st.lists(texts, max_size=1).map(tuple),
    ),
    classification=st.builds(
        Classification,
        st.sampled_from(list(ContactClass)),
        numbers,
        st.lists(reasons, max_size=3).map(tuple),
    ),
    findings=st.lists(findings, max_size=4).map(tuple),
    risk_score=st.integers(-5, 200),
    risk_level=st.sampled_from(list(RiskLevel)),
)
file_results = st.builds(
    FileResult,
    info=st.builds(FileInfo, path=texts),
    group=texts,
)
report_options = st.builds(
    ReportOptions,
    show_pii=st.booleans(),
    lang=st.sampled_from(["en", "ja"]),
    audience=st.sampled_from(["self", "compliance"]),
    explain=st.booleans(),
)
