"""Generated contacts: the fast path and the reference path always agree.

The text mixes the packs' own keywords (in random case, glued to random
characters) with the characters the two regex engines fold differently
(``İ``, ``ı``, Greek sigma, ``ß``), full-width forms, dashes and lone
surrogates, so both the prefilter's "may fire" and the ignore-case twin of
each word list are exercised on input nobody wrote by hand.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.factories import phone
from piiaudit.engine import Engine
from piiaudit.engine.detectors.keywords import KeywordsDetector
from piiaudit.engine.testing import TEST_PROFILE, build_engine
from piiaudit.model import Address, Contact, Email, Names, SourceRef

ENGINE = build_engine([], TEST_PROFILE)


def _words(ignore_case: bool) -> list[str]:
    return sorted(
        {
            w
            for r in ENGINE.rules
            for d in r.detectors
            if isinstance(d, KeywordsDetector) and d.matcher.ignore_case is ignore_case
            for w in d.matcher.words
        }
    )


# Ignore-case lists (mostly English) and case-sensitive ones drawn equally often.
WORDS = st.sampled_from(_words(True)) | st.sampled_from(_words(False))
TRICKY = [
    "İ",
    "ı",
    "σ",
    "ς",
    "Σ",
    "ß",
    "ẞ",
    "K",
    "ſ",
    "０",
    "ー",
    "－",
    "㈱",
    "様",
    "\udcff",
    " ",
    "\n",
]
LABELS = ["cell", "work", "home", "自宅携帯", "Home Fax", "会社", "private", "iPhone", "\udcffcell"]
DOMAINS = [
    "gmail.com",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "example.co.jp",
    "sample-shoji.example.co.jp",
]

cased = st.sampled_from([str.upper, str.lower, str.title, str])
glue = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(codec=None), max_size=3)


@st.composite
def fragments(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        parts.append(draw(glue))
        parts.append(draw(cased)(draw(WORDS)))
    parts.append(
        draw(st.sampled_from(["", " 090-1234-5678", " 1234 5678 9012", " 03－1234－5678"]))
    )
    return "".join(parts)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    text = fragments()
    return Contact(
        source=SourceRef(path="fuzz.vcf", index=0, line=1),
        names=Names(formatted=draw(text), family=draw(text)),
        organizations=tuple(draw(st.lists(text, max_size=2))),
        titles=tuple(draw(st.lists(text, max_size=1))),
        phones=tuple(
            phone(number, *draw(st.lists(st.sampled_from(LABELS), max_size=2)))
            for number in draw(
                st.lists(st.sampled_from(["090-1234-5678", "03-1234-5678"]), max_size=2)
            )
        ),
        emails=tuple(
            Email(f"taro@{d}", tuple(draw(st.lists(st.sampled_from(LABELS), max_size=1))))
            for d in draw(st.lists(st.sampled_from(DOMAINS), max_size=2))
        ),
        addresses=tuple(
            Address(labels=tuple(draw(st.lists(st.sampled_from(LABELS), max_size=1))), formatted=v)
            for v in draw(st.lists(text, max_size=1))
        ),
        birthday=draw(st.none() | st.just("1990-04-01")),
        notes=tuple(draw(st.lists(text, max_size=3))),
        categories=tuple(draw(st.lists(text, max_size=2))),
        other={"X-MEMO": tuple(draw(st.lists(text, max_size=1)))},
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts())
def test_fast_and_reference_paths_agree(contact: Contact) -> None:
    engine: Engine = ENGINE
    assert engine.evaluate(contact) == engine.evaluate_reference(contact)
