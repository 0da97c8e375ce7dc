"""The JSON report's contact templates write exactly what ``json.dumps`` would.

``json_report.render_view`` writes the contacts with string templates for speed;
``dumps(to_dict(view))`` is the reference it must match byte for byte, for every
option and for any value a contact can carry (escapes, control and bidi
characters, NaN, empty lists, explain trails).
"""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.reporters import ReportOptions
from piiaudit.reporters.json_report import dumps, indented, render_view, to_dict
from piiaudit.reporters.view import ContactView, FindingView, SignalView, TrailView, build
from reporters.factory import empty_case, sample_case

OPTIONS = [
    {},
    {"lang": "ja"},
    {"show_pii": True},
    {"explain": True},
    {"audience": "compliance", "explain": True},
    {"explain": True, "show_pii": True, "lang": "ja"},
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "default")
def test_sample_report_matches_the_reference_encoding(options: dict[str, Any]) -> None:
    view = build(sample_case().result, ReportOptions(**options))
    assert view.contacts, "the sample must have contacts for this test to mean anything"
    assert render_view(view) == dumps(to_dict(view))


def test_sample_explain_report_exercises_trails_and_signals() -> None:
    """The explain case above covers the optional parts of the template."""
    view = build(sample_case().result, ReportOptions(explain=True))
    assert any(c.signals for c in view.contacts)
    assert any(f.trail is not None for c in view.contacts for f in c.findings)


def test_report_without_contacts_matches_the_reference_encoding() -> None:
    view = dataclasses.replace(build(empty_case().result, ReportOptions()), contacts=())
    assert render_view(view) == dumps(to_dict(view))
    assert json.loads(render_view(view))["contacts"] == []


# Text a contact may hold: quotes, backslashes, line breaks, C0/C1 controls,
# DEL, bidi overrides, a lone surrogate, and the key the document is split on.
texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            '"',
            "\\",
            "a\nb",
            "\x1b[2J",
            "\x9b",
            "\x7f",
            "\u202e",
            "\ud800",
            '\n  "contacts": []',
            "山田 太郎",
        ]
    ),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
)
string_tuples = st.lists(texts, max_size=3).map(tuple)
trails = (
    st.builds(TrailView, texts, texts, string_tuples, numbers, numbers, string_tuples) | st.none()
)
findings = st.builds(
    FindingView, texts, texts, texts, texts, texts, texts, texts, numbers, string_tuples, trails
)
signals = st.builds(SignalView, texts, texts, numbers, texts, texts, texts)
contacts = st.builds(
    ContactView,
    file=texts,
    group=texts,
    index=st.integers(min_value=0, max_value=10**6),
    line=st.integers(min_value=0, max_value=10**6),
    order=st.integers(min_value=0, max_value=10**6),
    name=texts,
    classification=texts,
    reasons=string_tuples,
    confidence=numbers,
    signals=st.lists(signals, max_size=2).map(tuple),
    risk_score=st.integers(min_value=-5, max_value=200),
    risk_level=texts,
    findings=st.lists(findings, max_size=3).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(contacts, max_size=3).map(tuple), st.booleans())
def test_any_contact_matches_the_reference_encoding(
    views: tuple[ContactView, ...], explain: bool
) -> None:
    base = build(empty_case().result, ReportOptions(explain=explain))
    view = dataclasses.replace(base, contacts=views)
    assert render_view(view) == dumps(to_dict(view))


def test_nan_and_infinity_are_written_as_json_dumps_writes_them() -> None:
    """A template that used ``repr`` or ``str`` would write ``nan``/``inf``."""
    base = build(sample_case().result, ReportOptions())
    first = base.contacts[0]
    odd = dataclasses.replace(
        first,
        findings=tuple(
            dataclasses.replace(f, confidence=value)
            for f, value in zip(first.findings, [math.nan, math.inf, -math.inf], strict=False)
        ),
    )
    text = render_view(dataclasses.replace(base, contacts=(odd,)))
    assert '"confidence": NaN' in text
    assert text == dumps(to_dict(dataclasses.replace(base, contacts=(odd,))))


# Plain data as reports hold it: any scalar (NaN, infinities, huge integers, bools,
# awkward text), keys of every kind json.dumps takes, lists, tuples, nesting.
scalars = st.none() | st.booleans() | numbers | texts
keys = texts | st.integers(-5, 5) | st.floats(allow_nan=False) | st.booleans() | st.none()
data = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(keys, inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(data, st.sampled_from(["\n", "\n  ", "\n        "]))
def test_indented_writes_what_json_dumps_writes(value: object, pad: str) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", pad)
    assert indented(value, pad) == expected


def test_indented_refuses_what_json_dumps_refuses() -> None:
    for value in ({(1, 2): "tuple key"}, {"set": {1}}, object()):
        with pytest.raises(TypeError):
            json.dumps(value, ensure_ascii=False, indent=2)
        with pytest.raises(TypeError):
            indented(value)
