"""The fast path decides exactly what the straightforward path decides.

``Engine.evaluate`` skips rules the prefilter rules out and matches word lists
with Python's ``re`` where that provably agrees with re2;
``Engine.evaluate_reference`` runs every rule with re2 alone. Every contact of
the examples, the evaluation set and the rule packs' own cases must come out
the same (class, evidence, findings, scores) both ways, under each profile.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.factories import contact, email, phone
from piiaudit.engine import Engine, Profile, load_profile, words
from piiaudit.engine.casecontact import build_contact
from piiaudit.engine.detectors import EvalContext
from piiaudit.engine.detectors.keywords import KeywordsDetector
from piiaudit.engine.gate import FREE_SET_BYTES, Gate, Searcher, _Builders, _requirement
from piiaudit.engine.loader import shipped_pack_dirs
from piiaudit.engine.rule import Rule
from piiaudit.engine.view import ContactView
from piiaudit.engine.words import WordMatcher, fold_safe
from piiaudit.model import Contact, ContactClass
from piiaudit.parsers import ParseOptions, open_input

REPO = Path(__file__).resolve().parents[2]
PROFILES = {
    "default": None,
    "examples": REPO / "examples" / "piiaudit.yaml",
    "eval": REPO / "tests" / "eval" / "profile.yaml",
}
INPUTS = sorted(
    p
    for folder in (REPO / "examples", REPO / "tests" / "eval")
    for p in folder.iterdir()
    if p.suffix in (".vcf", ".csv")
)


def _engine(name: str) -> Engine:
    path = PROFILES[name]
    return Engine.from_profile(Profile() if path is None else load_profile(path, path.parent))


def _read(path: Path) -> list[Contact]:
    with open_input(str(path), ParseOptions(region="JP")) as parsed:
        return list(parsed.contacts)


def _case_contacts() -> Iterator[tuple[str, Contact]]:
    """Every contact spelled out in the shipped packs' ``.cases.yaml`` files."""
    for pack in shipped_pack_dirs():
        for path in sorted(pack.glob("*.cases.yaml")):
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
            for expect in ("match", "no_match"):
                for i, case in enumerate(document.get(expect) or ()):
                    yield f"{path.name}:{expect}[{i}]", build_contact(case["contact"])


def _differences(engine: Engine, contacts: list[tuple[str, Contact]]) -> list[str]:
    out = []
    for label, item in contacts:
        fast, reference = engine.evaluate(item), engine.evaluate_reference(item)
        if fast != reference:
            fired = sorted(f.rule for f in fast.findings)
            expected = sorted(f.rule for f in reference.findings)
            out.append(
                f"{label}: {fast.classification.label} {fired} != "
                f"{reference.classification.label} {expected}"
            )
    return out


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_examples_and_eval_set_agree_with_the_reference(profile: str) -> None:
    engine = _engine(profile)
    contacts = [(f"{p.name}#{i}", c) for p in INPUTS for i, c in enumerate(_read(p))]
    assert len(contacts) > 200  # the examples and the evaluation set, not an empty glob
    assert _differences(engine, contacts) == []


def test_rule_cases_agree_with_the_reference() -> None:
    engine = _engine("eval")
    contacts = list(_case_contacts())
    assert len(contacts) > 200
    assert _differences(engine, contacts) == []


def _word_soup(engine: Engine, seed: int) -> list[tuple[str, Contact]]:
    """Contacts stuffed with the packs' own keywords in every kind of field, so
    rules fire often and the prefilter's "may fire" is exercised, not just its "no"."""
    words = sorted(
        {
            w
            for r in engine.rules
            for d in r.detectors
            if isinstance(d, KeywordsDetector)
            for w in d.matcher.words
        }
    )
    rng = random.Random(seed)
    pick = lambda n: " ".join(rng.choice(words) for _ in range(n))  # noqa: E731
    out = []
    for i in range(150):
        out.append(
            (
                f"soup#{i}",
                contact(
                    f"{pick(1)} {pick(1)}",
                    org=(pick(2),),
                    titles=(pick(1),),
                    notes=(f"{pick(3)} 090-1234-{5000 + i} {pick(2)}", pick(1).upper()),
                    categories=(pick(1),),
                    phones=(phone(f"03-1234-{1000 + i}", rng.choice(["work", "home", "携帯"])),),
                    emails=(
                        email(f"x{i}@{rng.choice(['gmail.com', 'docomo.ne.jp', 'example.co.jp'])}"),
                    ),
                    x_memo=(pick(2),),
                ),
            )
        )
    return out


def test_keyword_soup_agrees_with_the_reference() -> None:
    engine = _engine("eval")
    assert _differences(engine, _word_soup(engine, seed=6)) == []


def test_the_prefilter_really_skips_rules() -> None:
    # Otherwise the tests above would compare the reference with itself.
    engine = _engine("default")
    plain = [r for r in engine.rules if not r.is_composite]
    view = ContactView(contact("山田 太郎", phones=(phone("090-1234-5678", "cell"),)))
    chosen = engine.gate.candidates(view)
    assert 0 < len(chosen) < len(plain) // 2
    assert "JP-SENS-001" not in {r.id for r in chosen}  # no health word anywhere


def test_a_keyword_in_a_note_makes_its_rule_a_candidate() -> None:
    engine = _engine("default")
    view = ContactView(contact(notes=("持病あり",)))
    assert "JP-SENS-001" in {r.id for r in engine.gate.candidates(view)}


def _gate_with_pattern(rule_id: str, pattern: str) -> tuple[Gate, Rule]:
    engine = _engine("default")
    rule = next(r for r in engine.rules if r.id == rule_id)
    detector = rule.detectors[0]
    original = detector.pattern  # type: ignore[attr-defined]
    try:
        detector.pattern = pattern  # type: ignore[attr-defined]
        return Gate([rule]), rule
    finally:
        detector.pattern = original  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "pattern", [r"\A[0-9]{12}", r"[0-9]{12}\z", r"(?-m:^)[0-9]{12}", r"(?i-sm:^[0-9]{12})"]
)
def test_a_pattern_tied_to_the_text_edges_is_never_skipped(pattern: str) -> None:
    # The joined text's edges are not each field's, so the rule must always run.
    gate, rule = _gate_with_pattern("JP-MYNUM-001", pattern)
    assert gate.candidates(ContactView(contact())) == [rule]


def test_a_pattern_that_turns_case_folding_off_is_still_gated() -> None:
    # (?-i:...) means the same in the joined text: the rule runs only when it can match.
    gate, rule = _gate_with_pattern("JP-MYNUM-001", r"(?-i:Volvo)\s+[0-9]{2}")
    assert gate.candidates(ContactView(contact(notes=("volvo 60 – lowercase",)))) == []
    assert gate.candidates(ContactView(contact(notes=("Kocht Volvo 60",)))) == [rule]


def _candidate_ids(engine: Engine, person: Contact) -> set[str]:
    return {r.id for r in engine.gate.candidates(ContactView(person))}


def test_a_word_counts_only_on_the_side_of_the_fields_its_list_reads() -> None:
    # JP-CLASS-005 reads the name fields and nicknames: 家 in a note is no reason
    # to run it, unless the contact has a nickname (free text, like the note).
    engine = _engine("default")
    note = contact("見本 太郎", notes=("誕生日は家族で祝う",))
    assert "JP-CLASS-005" not in _candidate_ids(engine, note)
    nicknamed = replace(note, names=replace(note.names, nicknames=("たろ",)))
    assert "JP-CLASS-005" in _candidate_ids(engine, nicknamed)
    assert "JP-CLASS-005" in _candidate_ids(engine, contact("母"))


def test_a_list_that_reads_absent_fields_is_skipped() -> None:
    # GDPR-CLASS-004 reads only categories; its words elsewhere do not wake it.
    engine = _engine("default")
    words = next(r for r in engine.rules if r.id == "GDPR-CLASS-004").detectors[0]
    word = words.matcher.words[0]  # type: ignore[attr-defined]
    assert "GDPR-CLASS-004" not in _candidate_ids(engine, contact(notes=(word,), org=(word,)))
    assert "GDPR-CLASS-004" in _candidate_ids(engine, contact(categories=(word,)))


def test_a_label_counts_only_for_the_values_it_labels() -> None:
    # A home phone does not make a home e-mail rule a candidate, a home e-mail does.
    engine = _engine("default")
    home_phone = contact(phones=(phone("03-1234-5678", "home"),), emails=(email("a@b.jp"),))
    assert "CORE-EMAIL-002" not in _candidate_ids(engine, home_phone)
    home_mail = contact(phones=(phone("03-1234-5678"),), emails=(email("a@b.jp", "home"),))
    assert "CORE-EMAIL-002" in _candidate_ids(engine, home_mail)


def test_a_number_described_in_a_note_needs_a_note() -> None:
    engine = _engine("default")
    line = phone("0554-22-1234", "連絡先2")
    assert "CORE-PHONE-004" not in _candidate_ids(engine, contact(phones=(line,)))
    noted = contact(phones=(line,), notes=("連絡先2は実家",))
    assert "CORE-PHONE-004" in _candidate_ids(engine, noted)
    fired = engine.evaluate(noted, force_class=ContactClass.BUSINESS).findings
    assert "CORE-PHONE-004" in {f.rule for f in fired}


def test_the_gate_skips_more_rules_than_it_used_to_on_plain_cards() -> None:
    # A contact with a note, a home phone and a plain e-mail: the rules whose
    # fields, labels or words are elsewhere stay out of the plan.
    engine = _engine("default")
    person = contact(
        "見本 太郎",
        org=("見本商事株式会社",),
        notes=("誕生日は家族で祝う",),
        phones=(phone("090-1234-5678", "cell"), phone("03-1234-5678", "home")),
        emails=(email("taro@example.jp", "internet"),),
    )
    skipped = {"JP-CLASS-005", "GDPR-CLASS-004", "JP-CLASS-007", "CORE-EMAIL-002"}
    assert skipped.isdisjoint(_candidate_ids(engine, person))
    assert engine.evaluate(person) == engine.evaluate_reference(person)


@pytest.mark.parametrize(
    "text",
    [
        "PRİSON visit",  # dotted capital I: Python's re folds it to i, re2 does not
        "prıson visit",  # dotless i
        "ΣΊΣΥΦΟΣ and σίσυφος",
        "Prison PRISON prison",
        "刑務所にいた / Prison",
        "embraced race, RACE.",
        "i\u0307stanbul office",  # i + combining dot: what "İ".lower() gives
        "ISTANBUL Office, Société Générale, SOCIETE",
        "Straße / STRASSE",
    ],
)
@pytest.mark.parametrize("ignore_case", [True, False])
def test_word_lists_match_alike_on_both_engines(text: str, ignore_case: bool) -> None:
    words = ["prison", "race", "σίσυφος", "刑務所", "İstanbul", "Société", "straße", "Office"]
    matcher = WordMatcher(words, ignore_case=ignore_case)
    assert list(matcher.finditer(text)) == list(matcher.finditer(text, exact=True))


def test_fold_safe_only_for_text_whose_cased_letters_are_ascii() -> None:
    assert fold_safe("Prison 刑務所 ー ①")
    assert not fold_safe("PRİSON")
    assert not fold_safe("Straße")


def test_keyword_detector_fast_and_exact_agree_on_cased_non_ascii_text() -> None:
    detector = KeywordsDetector({"words": ["prison"], "ignore_case": True, "fields": ["notes"]}, {})
    view = ContactView(contact(notes=("PRİSON", "prison", "Prıson")))
    fast = detector.find(view, EvalContext("JP", {}))
    exact = detector.find(view, EvalContext("JP", {}, exact=True))
    assert fast == exact
    assert [m.field for m in fast] == ["notes[1]"]


def test_public_corpus_agrees_with_the_reference(corpus_dir: Path) -> None:
    # Real exporters' quirks: odd labels, custom fields, legacy encodings.
    engine = _engine("examples")
    contacts = [
        (f"{p.name}#{i}", c)
        for p in sorted(corpus_dir.rglob("*"))
        if p.is_file() and p.suffix.lower() in (".vcf", ".csv", ".vcard")
        for i, c in enumerate(_read(p))
    ]
    assert len(contacts) > 100
    assert _differences(engine, contacts) == []


class _GaveUp:
    """An re2.Set whose automaton ran out of memory: it answers no match at all."""

    def Match(self, text: str) -> None:
        return None


def test_a_set_that_gives_up_means_every_rule_runs() -> None:
    engine = _engine("default")
    gate = Gate([r for r in engine.rules if not r.is_composite])
    gave_up = Searcher(_GaveUp(), (), ())  # type: ignore[arg-type]
    gate.sets = (gave_up, gave_up)
    assert gate.candidates(ContactView(contact())) == gate.rules
    # The same when the patterns are split over several sets and one of them gives up.
    split = Gate(gate.rules)
    free = split.sets[0]
    assert free is not None and free.whole is None and len(free.parts) > 1
    parts = (*free.parts[:-1], (_GaveUp(), free.parts[-1][1]))
    split.sets = (Searcher(None, parts, ()), split.sets[1])  # type: ignore[arg-type]
    assert split.candidates(ContactView(contact())) == gate.rules


def test_the_free_text_patterns_are_searched_in_small_sets_of_one_kind() -> None:
    # One set of all ~290 free-text patterns cost ~10 ms on each note it had not seen;
    # word lists and regexes in sets of at most FREE_SET_BYTES bytes each cost a quarter.
    engine = _engine("default")
    builders = _Builders()
    for rule in engine.rules:
        if not rule.is_composite:
            _requirement(rule, builders)
    free = builders.scopes[0]
    groups = free.groups()
    assert len(groups) > 2
    every = [i for group in groups for i in group]
    assert sorted(every) == list(range(1, len(free.patterns)))  # each pattern in one set
    for group in groups:
        assert len({free.literal[i] for i in group}) == 1
        size = sum(len(free.patterns[i].encode()) for i in group)
        assert size <= FREE_SET_BYTES or len(group) == 1
    rest = builders.scopes[1]  # scanned on every contact: one set, one re2 call
    assert len(rest.groups()) == 1


def test_patterns_re2_cannot_hold_in_one_set_are_split_and_miss_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A company pack's catalogue of 33,000 product names made the one set too big
    for re2's memory budget (QA round 18); the refused set answered "nothing found"
    and no rule that reads text ran. Under a small budget the patterns are split
    over several sets, those no set can hold always count as found, and every
    contact comes out as the straightforward path decides."""
    engine = _engine("default")
    plain = [r for r in engine.rules if not r.is_composite]
    with monkeypatch.context() as patch:
        patch.setattr(words, "MAX_MEM", 256 << 10)
        small = Gate(plain)
    free = small.sets[0]
    assert free is not None and free.whole is None and len(free.parts) > 1 and free.always
    engine.gate = small
    contacts = [(f"{p.name}[{i}]", c) for p in INPUTS for i, c in enumerate(_read(p))]
    # Every third rule case: each one is held to the reference with the whole set by
    # test_rule_cases_agree_with_the_reference; here the split sets are what is tested,
    # and all the cases took half a minute of the CI's fifteen.
    contacts += list(_case_contacts())[::3]
    assert len(contacts) > 500
    assert _differences(engine, contacts) == []


def test_the_gate_survives_pickling_with_the_same_answers() -> None:
    import pickle

    engine = _engine("default")
    copy = pickle.loads(pickle.dumps(engine.gate))
    view = ContactView(
        contact(notes=("持病あり 090-1234-5678",), emails=(email("a@docomo.ne.jp"),))
    )
    assert [r.id for r in copy.candidates(view)] == [r.id for r in engine.gate.candidates(view)]


def test_remembered_free_texts_give_the_same_plans() -> None:
    # The gate remembers its scan of each free text; a contact whose organisation
    # and note were seen before must get the plan a fresh gate gives it.
    engine = _engine("default")
    plain = [r for r in engine.rules if not r.is_composite]
    notes = ("持病あり", "Door code warehouse gate: 4711#", "誕生日 1990年4月1日", "x" * 3000)
    people = [
        contact(f"見本 {i}", org=("見本商事株式会社",), notes=(notes[i % len(notes)],))
        for i in range(12)
    ]
    warm = engine.gate
    for person in people:
        fresh = Gate(plain)
        assert warm.candidates(ContactView(person)) == fresh.candidates(ContactView(person))
    assert len(warm._by_free) == len(notes) - 1  # the 3000-character note is not kept


EDGE_WORDS = ["様", "さま", "母", "(株)", "株式会社", "Inc.", "Mom", "ab", "a", "İz", "Kk"]
EDGE_PIECES = [
    *EDGE_WORDS,
    " ",
    "\t",
    "\n",
    "\v",
    "\u3000",
    "(",
    ")",
    "[",
    "]",
    "【",
    "】",
    "x",
    "A",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(EDGE_PIECES) | st.text(max_size=2), max_size=8).map("".join),
    st.sampled_from(["prefix", "suffix", "whole", "affix"]),
    st.booleans(),
)
def test_anchored_word_lists_skip_re2_only_when_it_finds_nothing(
    text: str, position: str, ignore_case: bool
) -> None:
    matcher = WordMatcher(EDGE_WORDS, ignore_case=ignore_case, position=position)
    assert list(matcher.finditer(text)) == list(matcher.finditer(text, exact=True))


@pytest.mark.parametrize(
    ("text", "position", "found"),
    [
        ("山田様", "suffix", True),
        ("山田様 ", "suffix", True),
        ("山田様です", "suffix", False),
        ("【母】", "whole", True),
        ("母さん", "whole", False),
        ("(株)見本", "prefix", True),
        (" " * 40 + "(株)見本", "prefix", True),  # a long run of spaces: re2 decides
        ("見本 Inc.", "affix", True),
        ("見本 INC.", "affix", False),  # case-sensitive list
    ],
)
def test_anchored_word_lists_find_what_re2_finds(text: str, position: str, found: bool) -> None:
    matcher = WordMatcher(EDGE_WORDS, position=position)
    hits = list(matcher.finditer(text))
    assert bool(hits) is found
    assert hits == list(matcher.finditer(text, exact=True))


def _forget(engine: Engine) -> None:
    """Empty every memo the engine and its detectors keep between contacts."""
    from piiaudit.engine import classify, view

    classify._known.clear()
    view._forms_known.clear()
    view._labels_known.clear()
    engine.scoring._known.clear()
    for memo in (engine._trails, engine._reasons, engine.gate._by_free, engine.gate._plans):
        memo.clear()
    for rule in engine.rules:
        for detector in rule.detectors:
            for name in ("_known", "_note_claims"):
                memo = getattr(detector, name, None)
                if isinstance(memo, dict):
                    memo.clear()


@pytest.mark.parametrize("profile", ["default", "eval"])
def test_memos_kept_between_contacts_do_not_change_answers(profile: str) -> None:
    # Every contact evaluated after many others (memos warm) must come out as it
    # does with every memo emptied first (as if it were the first contact).
    engine = _engine(profile)
    contacts = [c for p in INPUTS for c in _read(p)] + [c for _, c in _word_soup(engine, 9)]
    warm = [engine.evaluate(c) for c in contacts * 2][len(contacts) :]
    cold = []
    for item in contacts:
        _forget(engine)
        cold.append(engine.evaluate(item))
    assert warm == cold


def test_long_values_are_never_kept_in_memos() -> None:
    # A hostile export's megabyte-long values must not pile up in the memos.
    from piiaudit.engine import view
    from piiaudit.engine.view import MEMO_TEXT_MAX

    engine = _engine("default")
    _forget(engine)
    long_note = "持病あり " + "見本" * 400
    long_label = "自宅" * 300
    person = contact(
        "見本 " + "太郎" * 300,
        org=("見本商事株式会社" * 40,),
        notes=(long_note, "PIN 4711 " + "x" * 400),
        phones=(phone("090-1234-5678", long_label),),
        emails=(email("taro@" + "d" * 300 + ".docomo.ne.jp"),),
    )
    assert engine.evaluate(person) == engine.evaluate_reference(person)

    def longest(memo: dict[object, object]) -> int:
        sizes = [0]
        for key in memo:
            parts = key if isinstance(key, tuple) else (key,)
            sizes.append(sum(len(p) for p in parts if isinstance(p, str)))
        return max(sizes)

    # A trail's key also holds the rule's own pattern and words: only its notes
    # come from the contact.
    trail_notes = {key[-1]: None for key in engine._trails}
    memos = [engine._reasons, trail_notes, view._forms_known, view._labels_known]
    memos += [
        getattr(d, name)
        for r in engine.rules
        for d in r.detectors
        for name in ("_known", "_note_claims")
        if isinstance(getattr(d, name, None), dict)
    ]
    assert max(longest(m) for m in memos) <= MEMO_TEXT_MAX


def _keyword_contacts(engine: Engine, corpus_dir: Path) -> list[Contact]:
    corpus = sorted(p for p in corpus_dir.rglob("*") if p.suffix in (".vcf", ".csv"))
    read = [c for p in (*INPUTS, *corpus) for c in _read(p)]
    return read + [c for _, c in _word_soup(engine, seed=11)] + [c for _, c in _case_contacts()]


def test_a_word_list_read_up_to_its_first_hit_finds_what_find_finds_first(
    corpus_dir: Path,
) -> None:
    # KeywordsDetector.first (the fast path of rules that only classify) stops at
    # the first field with a hit; it must give find's first match, or None when
    # find gives nothing (the unless guard included).
    engine = _engine("eval")
    detectors = [d for r in engine.rules for d in r.detectors if isinstance(d, KeywordsDetector)]
    assert any(d.unless for d in detectors)
    ctx = EvalContext("JP", {})
    found = 0
    for person in _keyword_contacts(engine, corpus_dir):
        view = ContactView(person)
        for detector in detectors:
            matches = detector.find(view, ctx)
            assert detector.first(view, ctx) == (matches[0] if matches else None)
            found += bool(matches)
    assert found > 100


def test_rules_read_up_to_their_first_hit_exist() -> None:
    # Otherwise the fast-path comparisons above would not exercise first().
    engine = _engine("default")
    assert engine._first_keywords
