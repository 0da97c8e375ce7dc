"""The words of a label filter (``labels_any``, ``labels_none``), read once at load.

A filter is an inline array (``labels_any: [home, 自宅]``, what user packs write) or a
word source like the detectors' other word parameters, ``{lists: [home-labels],
words: [...]}``. The shipped rules name the packs' ``work-labels``, ``home-labels`` and
``mobile-labels`` lists, which ``minimize`` reads too: a company pack that overrides a
list changes what a label means to both commands, and no rule can drift from the list.

Either way the result is the frozenset of normalised, lower-cased words that
:func:`piiaudit.engine.detectors.base.label_hit` matches (and memoises) per label
tuple, so nothing of this runs per contact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from piiaudit.engine.detectors.base import DetectorConfigError
from piiaudit.engine.detectors.keywords import gather_words
from piiaudit.textnorm import latin_word, normalize


def label_words(
    params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]], key: str
) -> frozenset[str]:
    """The words of the label filter ``params[key]``; empty when it is not given.

    A ``labels_any`` that is empty (``labels_any: []``), or names lists and ends up
    with no words (a company pack overrode the list with no items), is an error: an
    empty filter means "any label or none", so the rule would take every value it
    reads instead of none."""
    source = params.get(key, ())
    if not isinstance(source, Mapping):
        if key == "labels_any" and key in params and not source:
            # Written inline, an empty filter took every value just the same (QA round 12).
            raise DetectorConfigError(
                "labels_any: [] names no label, so the rule would take every value; "
                "name the labels, or leave labels_any out",
                key,
            )
        return _normalized(str(word) for word in source)
    words = _normalized(gather_words(source, lists, key))
    if not words and key == "labels_any" and source.get("lists"):
        names = ", ".join(repr(str(name)) for name in source["lists"])
        raise DetectorConfigError(
            f"labels_any reads no words (empty: {names}), so the rule would take every "
            "value; give the list items or disable the rule",
            key,
        )
    return words


def _normalized(words: Iterable[str]) -> frozenset[str]:
    """As labels are compared: NFKC with hyphen look-alikes unified, then lower case."""
    return frozenset(normalize(word).lower() for word in words)


SHOWN_WORDS = 3  # of each script, when a filter's words are too many to list


def described(words: Iterable[str]) -> str:
    """A label filter's words for ``--explain``: all of them when they are few, else the
    shortest few of Japanese (and other non-Latin) words and of Latin ones, and how many
    more. The shipped filters hold ~50 words in seven languages: listed whole, one
    finding's explanation ran five lines of Italian and German (QA hand-over)."""
    ordered = sorted(set(words), key=lambda word: (len(word), word))
    if len(ordered) <= 2 * SHOWN_WORDS + 2:
        return ", ".join(sorted(ordered))
    latin = [word for word in ordered if latin_word(word)][:SHOWN_WORDS]
    other = [word for word in ordered if not latin_word(word)][:SHOWN_WORDS]
    shown = other + latin
    return f"{', '.join(shown)} … (+{len(ordered) - len(shown)})"
