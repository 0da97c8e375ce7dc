"""A word written in Latin letters is matched as a word, accented letters included.

The stand-alone check saw only ASCII letters as part of a word, so "client" was found
in "Clientèle" and "Kunde" in "Kundé" (QA round 7, the EU customer tags). Japanese
around a Latin word does not join it: 会社のiPhone still holds the word iPhone.
"""

from __future__ import annotations

import pytest

from piiaudit.engine.words import WordMatcher


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("client", "Clientèle Service"),
        ("Kunde", "Kundé"),
        ("ami", "amitié"),
        ("Bau", "Baußtelle"),
        ("ecole", "préecole"),
    ],
)
def test_an_accented_letter_next_to_a_word_makes_it_part_of_a_longer_word(
    word: str, text: str
) -> None:
    for exact in (False, True):
        assert WordMatcher([word], ignore_case=True).search(text, exact=exact) is None


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("client", "Dupont (client)"),
        ("Kunde", "Neumann Kunde"),
        ("iPhone", "会社のiPhone"),
        ("Bruder", "Lukas, Bruder"),
        ("frère", "mon frère Julien"),
    ],
)
def test_a_word_between_spaces_punctuation_or_japanese_is_found(word: str, text: str) -> None:
    for exact in (False, True):
        found = WordMatcher([word], ignore_case=True).search(text, exact=exact)
        assert found is not None and found[2].lower() == word.lower()
