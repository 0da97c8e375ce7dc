"""The view's inlined build gives exactly what the one-value-at-a-time build gives.

``ContactView(contact)`` builds the fields with the per-value work inlined;
``ContactView(contact, reference=True)`` (what ``Engine.evaluate_reference``
reads) adds them one by one through ``_add``. Every group, field, text, label,
index, the order of all of them and the prefilter's texts must be the same,
on the public corpus, the examples, both evaluation sets and generated contacts.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piiaudit.engine import Engine, view
from piiaudit.engine.view import ContactView
from piiaudit.model import Address, Contact, Email, Names, Phone, SourceRef
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.textnorm import normalize, unify_dashes, without_invisible

REPO = Path(__file__).resolve().parents[2]
READABLE = (".vcf", ".csv", ".vcard")


def _shape(view: ContactView) -> tuple[object, ...]:
    """Everything a detector or the prefilter can read from a view, order included."""
    groups = [(name, [_item(i) for i in items]) for name, items in view.groups.items()]
    return groups, view.texts(), view.other_groups, sorted(view.group_set())


def _item(item: object) -> tuple[object, ...]:
    names = ("field", "group", "raw", "text", "numtext", "kind", "labels", "index")
    return tuple(getattr(item, name) for name in names)


def _same(contact: Contact) -> bool:
    return _shape(ContactView(contact)) == _shape(ContactView(contact, reference=True))


def _read_all(paths: list[Path]) -> list[Contact]:
    out: list[Contact] = []
    for path in paths:
        with open_input(str(path), ParseOptions(region="JP")) as parsed:
            out.extend(parsed.contacts)
    return out


def test_both_builds_agree_on_the_public_corpus(corpus_dir: Path) -> None:
    paths = [p for p in sorted(corpus_dir.rglob("*")) if p.is_file()]
    contacts = _read_all([p for p in paths if p.suffix.lower() in READABLE])
    assert len(contacts) > 100
    assert [i for i, c in enumerate(contacts) if not _same(c)] == []


def test_both_builds_agree_on_the_examples_and_evaluation_sets() -> None:
    folders = (REPO / "examples", REPO / "tests" / "eval")
    paths = [p for f in folders for p in sorted(f.rglob("*")) if p.suffix in (".vcf", ".csv")]
    contacts = _read_all(paths)
    assert len(contacts) > 200
    assert [i for i, c in enumerate(contacts) if not _same(c)] == []


# Blank, ASCII, full-width, dashed, NFKC-changing and lone-surrogate values ...
VALUES = st.sampled_from(
    [
        *("", " ", "\t", "見本", "Sample", "０９０ー１２３４", "㈱試験", "A\udcffB", "ｶﾅ"),
        "x" * 300,
        # ... and values with remarks (engine/remarks.py): brackets, words after a number.
        *("田中（透析中）", "Karl (HIV+", "03-5555 うつ病", "a@b.jp (HIV)", "【前科】"),
    ]
) | st.text(max_size=6)
LABELS = st.lists(st.sampled_from(["cell", "work", "自宅", "\udcffhome", ""]), max_size=2)
MANY = st.lists(VALUES, max_size=18).map(tuple)  # past the 16 pre-made field names


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    other_names = st.sampled_from(["X-MEMO", "x-memo", "X-Aim", "UID", "REV", "X-ABUID", "NOTE2"])
    return Contact(
        source=SourceRef(path="gen.vcf", index=0, line=1),
        names=Names(*(draw(VALUES) for _ in range(8)), nicknames=draw(MANY)),
        organizations=draw(MANY),
        titles=draw(MANY),
        phones=tuple(
            Phone(v, tuple(draw(LABELS)), None, None) for v in draw(st.lists(VALUES, max_size=3))
        ),
        emails=tuple(Email(v, tuple(draw(LABELS))) for v in draw(st.lists(VALUES, max_size=2))),
        addresses=tuple(
            Address(labels=tuple(draw(LABELS)), street=s, locality=loc, formatted=f)
            for s, loc, f in draw(st.lists(st.tuples(VALUES, VALUES, VALUES), max_size=2))
        ),
        birthday=draw(st.none() | VALUES),
        anniversary=draw(st.none() | VALUES),
        notes=draw(MANY),
        urls=draw(MANY),
        categories=draw(MANY),
        related=draw(MANY),
        other=draw(st.dictionaries(other_names, MANY, max_size=4)),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts())
def test_both_builds_agree_on_generated_contacts(contact: Contact) -> None:
    assert _same(contact)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts())
def test_fast_and_reference_evaluations_agree_on_generated_contacts(
    engine: Engine, contact: Contact
) -> None:
    # The same contacts through the whole engine: the fast path (inlined view,
    # gate) and the reference path (one-by-one view, every rule) agree.
    assert engine.evaluate(contact) == engine.evaluate_reference(contact)


@settings(max_examples=300, deadline=None)
@given(VALUES | st.text(max_size=12))
def test_remembered_forms_are_the_textnorm_forms(raw: str) -> None:
    # _forms inlines normalize (NFKC) and _encodable for speed; it must give what
    # the textnorm functions give, remembered or not.
    text = view._encodable(normalize(raw))
    if not text.isascii():  # and what shows as nothing goes (test_invisible_characters.py)
        text = without_invisible(text)
    view._forms_known.clear()
    assert view._forms(raw) == (text, unify_dashes(text))
    assert view._forms(raw) == (text, unify_dashes(text))
