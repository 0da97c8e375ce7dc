"""The gdpr kin rules spell their words in patterns; the patterns must keep up with the lists.

GDPR-CLASS-007 (a kin word in brackets in the name) and GDPR-CLASS-008 (a kin word as, or
heading, the note) cannot read ``en-family-names``, ``eu-family-names`` or ``eu-kin-words``
from a regex, so they spell the words out. A word added to a list and not to the patterns
would count as a whole note but not in brackets: these tests name it.
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
}
NOT_HEADING = {"home", "family", "mami", "mari", "brother", "sister"} | NEEDS_POSSESSIVE


def _items(name: str) -> list[str]:
    data = yaml.safe_load((GDPR / "data" / name).read_text(encoding="utf-8"))
    return [str(w) for w in data["items"]]


def _patterns(rule: str) -> list[str]:
    (path,) = (p for p in GDPR.glob(f"{rule}-*.yaml") if not p.name.endswith(".cases.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [d["regex"]["pattern"] for d in data["detect"] if "regex" in d]


LISTS = ("family-names.yaml", "family-names-eu.yaml", "kin-words-eu.yaml")
WORDS = sorted({w.lower() for f in LISTS for w in _items(f)})


def test_every_kin_word_counts_in_brackets_or_is_left_out_on_purpose() -> None:
    kin = compile_re2(_patterns("GDPR-CLASS-007")[0], ignore_case=True)
    missing = [
        w
        for w in WORDS
        if w not in NOT_IN_BRACKETS | NEEDS_POSSESSIVE and kin.search(f"Alex ({w})") is None
    ]
    assert missing == []
    possessive = [w for w in NEEDS_POSSESSIVE | {"mari"} if kin.search(f"Alex (my {w})") is None]
    assert possessive == []
    bare = [w for w in NEEDS_POSSESSIVE | {"mami", "nana", "mari"} if kin.search(f"Alex ({w})")]
    assert bare == []


def test_every_kin_word_counts_heading_the_note_or_is_left_out_on_purpose() -> None:
    heading, with_possessive = (
        compile_re2(p, ignore_case=True) for p in _patterns("GDPR-CLASS-008")
    )
    missing = [w for w in WORDS if w not in NOT_HEADING and heading.search(f"{w}. more") is None]
    assert missing == []
    left_out = [w for w in NOT_HEADING if heading.search(f"{w}. more")]
    assert left_out == []
    possessive = [
        w
        for w in WORDS
        if w not in {"home", "family", "mami"} and with_possessive.search(f"my {w}") is None
    ]
    assert possessive == []
