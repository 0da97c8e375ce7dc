"""minimize on generated contacts: whatever the values (separators, backslashes, line
breaks, kana, emoji), the written card reads back in vobject and piiaudit with the
same name and no finding above ``low``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import vobject
from handover_fakes import contact
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piiaudit.engine import Engine
from piiaudit.handover.minimize import minimize
from piiaudit.handover.vcard_writer import serialize_cards
from piiaudit.model import Address, ContactClass, Email, Names, Phone, Severity
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.phones import classify

VALUE = st.text(
    alphabet=st.sampled_from(list("aZ09 山田さくらアｱ,;:\\\"'\n\t-+@.#😀")), min_size=1, max_size=24
).filter(lambda s: s.strip() != "")
LABELS = st.lists(
    st.sampled_from(["work", "home", "cell", "voice", "pref", "得意先", "自宅"]), max_size=2
)
NUMBER = st.from_regex(r"0[1-9]0-[0-9]{4}-[0-9]{4}|0[3-6]-[0-9]{4}-[0-9]{4}", fullmatch=True)


@st.composite
def phones(draw: st.DrawFn) -> Phone:
    """A phone as the reader builds it: the number type comes from phonenumbers."""
    value = draw(NUMBER)
    e164, number_type = classify(value, "JP")
    return Phone(value, tuple(draw(LABELS)), e164, number_type)


EMAIL = st.builds(
    Email,
    st.sampled_from(["a@example.co.jp", "b.c@gmail.com", "d@docomo.ne.jp", "e@example.com"]),
    LABELS.map(tuple),
)
ADDRESS = st.builds(Address, LABELS.map(tuple), street=VALUE, locality=VALUE)


@st.composite
def contacts(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    return contact(
        0,
        names=Names(formatted=draw(VALUE), family=draw(VALUE), given=draw(VALUE)),
        organizations=tuple(draw(st.lists(VALUE, max_size=2))),
        titles=tuple(draw(st.lists(VALUE, max_size=1))),
        phones=tuple(draw(st.lists(phones(), max_size=3))),
        emails=tuple(draw(st.lists(EMAIL, max_size=2))),
        addresses=tuple(draw(st.lists(ADDRESS, max_size=2))),
        notes=tuple(draw(st.lists(VALUE, max_size=2))),
        birthday=draw(st.sampled_from([None, "1980-01-02"])),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts())
def test_minimized_card_reads_back_clean(engine: Engine, generated) -> None:  # type: ignore[no-untyped-def]
    result = minimize(generated, engine)
    text = serialize_cards([result.contact])
    card = vobject.readOne(text)
    assert card.fn.value == result.contact.display_name()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "out.vcf"
        path.write_text(text, encoding="utf-8", newline="")
        with open_input(str(path), ParseOptions()) as parsed:
            reread = list(parsed.contacts)
    assert len(reread) == 1
    for label in (None, *ContactClass):
        findings = engine.evaluate(reread[0], force_class=label).findings
        assert [f.rule for f in findings if f.severity > Severity.LOW] == []
