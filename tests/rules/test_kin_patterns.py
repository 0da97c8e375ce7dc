"""The gdpr kin rules spell their words in patterns; the patterns must keep up with the lists.

GDPR-CLASS-007 (a kin word in brackets in the name) and GDPR-CLASS-008 (a kin word as, or
heading, the note) cannot read ``en-family-names``, ``eu-family-names`` or ``eu-kin-words``
from a regex, so they spell the words out. A word added to a list and not to the patterns
would count as a whole note but not in brackets: these tests name it. The Italian words
have patterns of their own (each pattern stays within the schema's 2,000 characters), with
the Italian possessives (mio, mia) for the words that need one.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from piiaudit.engine.words import compile_re2

REPO = Path(__file__).resolve().parents[2]
GDPR = REPO / "rules" / "gdpr"

# Left out on purpose, as the rules' comments say why.
NOT_IN_BRACKETS = {"home", "family", "mami", "nana", "mari"}  # a place; given names
NEEDS_POSSESSIVE = {  # junior / senior of a family firm; Mrs, man, woman; given names
    "mother",
    "father",
    "son",
    "daughter",
    "mutter",
    "vater",
    "sohn",
    "tochter",
    "mère",
    "père",
    "fils",
    "fille",
    "frau",
    "mann",
    "femme",
    "ami",
    "amie",
    "figlio",
    "figlia",
    "madre",
    "padre",
}
POSSESSIVES = ("my", "mio", "mia")
NOT_HEADING = {"home", "family", "mami", "mari", "brother", "sister"} | NEEDS_POSSESSIVE


def _items(name: str) -> list[str]:
    data = yaml.safe_load((GDPR / "data" / name).read_text(encoding="utf-8"))
    return [str(w) for w in data["items"]]


def _search_any(patterns: list, text: str) -> bool:
    return any(p.search(text) is not None for p in patterns)


def _possessive(patterns: list, template: str, word: str) -> bool:
    """The word counts after the possessive of one of the languages (my, mio, mia)."""
    return any(_search_any(patterns, template.format(f"{p} {word}")) for p in POSSESSIVES)


def _patterns(rule: str) -> list[str]:
    (path,) = (p for p in GDPR.glob(f"{rule}-*.yaml") if not p.name.endswith(".cases.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [d["regex"]["pattern"] for d in data["detect"] if "regex" in d]


LISTS = ("family-names.yaml", "family-names-eu.yaml", "kin-words-eu.yaml")
WORDS = sorted({w.lower() for f in LISTS for w in _items(f)})


def test_every_kin_word_counts_in_brackets_or_is_left_out_on_purpose() -> None:
    kin = [compile_re2(p, ignore_case=True) for p in _patterns("GDPR-CLASS-007")]
    missing = [
        w
        for w in WORDS
        if w not in NOT_IN_BRACKETS | NEEDS_POSSESSIVE and not _search_any(kin, f"Alex ({w})")
    ]
    assert missing == []
    possessive = [w for w in NEEDS_POSSESSIVE | {"mari"} if not _possessive(kin, "Alex ({})", w)]
    assert possessive == []
    bare = [
        w for w in NEEDS_POSSESSIVE | {"mami", "nana", "mari"} if _search_any(kin, f"Alex ({w})")
    ]
    assert bare == []


def test_every_kin_word_counts_heading_the_note_or_is_left_out_on_purpose() -> None:
    patterns = _patterns("GDPR-CLASS-008")
    # the patterns that want a possessive spell one (my|our|mein ..., mio|mia ...)
    owned = {p for p in patterns if "(?:my|" in p or "(?:mio|" in p}
    heading = [compile_re2(p, ignore_case=True) for p in patterns if p not in owned]
    with_possessive = [compile_re2(p, ignore_case=True) for p in patterns if p in owned]
    assert heading and with_possessive
    missing = [w for w in WORDS if w not in NOT_HEADING and not _search_any(heading, f"{w}. more")]
    assert missing == []
    left_out = [w for w in NOT_HEADING if _search_any(heading, f"{w}. more")]
    assert left_out == []
    possessive = [
        w
        for w in WORDS
        if w not in {"home", "family", "mami"} and not _possessive(with_possessive, "{}", w)
    ]
    assert possessive == []
