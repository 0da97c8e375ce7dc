"""Whatever text a parser hands over, evaluation returns a result and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piiaudit.engine import Engine
from piiaudit.model import Address, Contact, Email, Names, Phone, SourceRef

# any code point, plus lone surrogates (undecodable bytes), full-width forms and ㈱
alphabet = st.characters(codec=None) | st.sampled_from(["\udcff", "\ud800", "０", "ー", "㈱", "様"])
text = st.text(alphabet=alphabet, max_size=80)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    return Contact(
        source=SourceRef(path="fuzz.vcf", index=0, line=1),
        names=Names(formatted=draw(text), family=draw(text)),
        organizations=tuple(draw(st.lists(text, max_size=2))),
        phones=tuple(
            Phone(v, tuple(draw(st.lists(text, max_size=2))))
            for v in draw(st.lists(text, max_size=3))
        ),
        emails=tuple(Email(v) for v in draw(st.lists(text, max_size=2))),
        addresses=tuple(
            Address(labels=("home",), formatted=v) for v in draw(st.lists(text, max_size=2))
        ),
        birthday=draw(st.none() | text),
        notes=tuple(draw(st.lists(text, max_size=3))),
        categories=tuple(draw(st.lists(text, max_size=2))),
        other={
            "X-" + draw(st.sampled_from(["A", "MEMO"])): tuple(draw(st.lists(text, max_size=2)))
        },
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(contacts())
def test_evaluate_never_raises(engine: Engine, contact: Contact) -> None:
    result = engine.evaluate(contact)
    assert 0 <= result.risk_score <= 100
    assert result.classification.label.value in ("business", "private", "unknown")
    for finding in result.findings:
        assert finding.field


def test_undecodable_bytes_do_not_stop_detection(engine: Engine) -> None:
    # A parser may keep undecodable bytes as lone surrogates; the rest is still read.
    contact = Contact(
        source=SourceRef(path="x.vcf", index=0, line=1),
        notes=("\udcff\udcfe マイナンバー 621498320257",),
        phones=(Phone("090-1234-5678", ("\udcffcell",)),),
    )
    result = engine.evaluate(contact)
    assert "JP-MYNUM-001" in {f.rule for f in result.findings}
