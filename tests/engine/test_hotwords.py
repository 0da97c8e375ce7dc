"""Hotwords count when they stand within the rule's window of a hit (engine/hotwords.py).

"Within" is measured from the word's nearer end: a rule's own long word written out in
full (``Steueridentifikationsnummer: 86095742719``, 29 characters before the number)
must vouch for the number as its short form does.
"""

from __future__ import annotations

import pytest

from piiaudit.engine.detectors.base import Match
from piiaudit.engine.hotwords import Hotwords
from piiaudit.engine.view import FieldText
from piiaudit.model import ValueKind

_WORDS = ["Steueridentifikationsnummer", "Steuer-ID", "ID"]


def _confidence(text: str, value: str, *, window: int = 20) -> tuple[float, tuple[str, ...]]:
    hotwords = Hotwords({"window": window, "raise": {"by": 0.5, "words": _WORDS}}, {})
    item = FieldText("notes[0]", "notes", text, text, text, ValueKind.TEXT)
    start = text.index(value)
    match = Match("notes[0]", value, ValueKind.TEXT, item, start, start + len(value))
    result = hotwords.apply(match, 0.25)
    return result.confidence, result.fired


@pytest.mark.parametrize(
    "text",
    [
        "Steueridentifikationsnummer: 86095742719",
        "Steueridentifikationsnummer (privat): 86095742719",
        "Steuer-ID 86095742719",
        "86095742719 = Steueridentifikationsnummer",
    ],
)
def test_a_word_reaching_into_the_window_vouches(text: str) -> None:
    assert _confidence(text, "86095742719")[0] == 0.75


@pytest.mark.parametrize(
    "text",
    [
        # The word ends 23 characters before the number: outside a 20-character window.
        "Steueridentifikationsnummer fehlt noch, Kunde Nr. 86095742719",
        "86095742719 ist die Kundennummer, keine Steuer-ID",
        # What is read starts 47 characters (window + longest word) before the number,
        # at the "ID" of "KUNDENID": a word cut there is never half counted.
        "KUNDENID" + " " * 45 + "86095742719",
    ],
)
def test_a_word_outside_the_window_does_not(text: str) -> None:
    assert _confidence(text, "86095742719") == (0.25, ())


def test_a_word_inside_a_longer_word_is_not_a_word() -> None:
    # "ID" inside "KUNDENID" at the window's edge stays part of its word.
    assert _confidence("KUNDENID 86095742719", "86095742719") == (0.25, ())


def test_window_zero_reads_labels_only() -> None:
    assert _confidence("Steuer-ID 86095742719", "86095742719", window=0) == (0.25, ())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Blind EU QA round 3, F7: a remark in brackets between the word and the number
        ("Steuer-ID (privat, für Gutschrift): 86095742719", "86095742719"),
        ("Steuer-ID (privat, für Gutschrift): 86 095 742 719", "86 095 742 719"),
        ("Steuer-ID [privat, für Gutschrift] 86095742719", "86095742719"),
        ("Kunde. Steuer-ID (bitte nur für die Gutschrift verwenden) = 86095742719", "86095742719"),
        # a word inside the bracket still counts where it stands
        ("Nummer (Steuer-ID): 86095742719", "86095742719"),
    ],
)
def test_a_bracketed_remark_between_word_and_number_is_no_distance(text: str, value: str) -> None:
    assert _confidence(text, value)[0] == 0.75


@pytest.mark.parametrize(
    "text",
    [
        # a remark longer than REMARK_MAX characters is distance again
        "Steuer-ID (liegt noch nicht vor, Auftrag vom 12.03. über Herrn Beispiel): 86095742719",
        # the bracket must stand right before the number: words between are distance
        "Steuer-ID (privat, für Gutschrift) fehlt noch, Kundennr. 86095742719",
        # nested or unbalanced brackets are not one remark
        "Steuer-ID (privat (Gutschrift) und mehr, siehe Akte): 86095742719",
    ],
)
def test_a_long_or_distant_remark_does_not_vouch(text: str) -> None:
    assert _confidence(text, "86095742719") == (0.25, ())
