"""One :class:`~piiaudit.model.Contact` -> a JSON-ready dict, for ``piiaudit contacts``.

People check what the parser read, and tools reuse the normalised contacts,
without ever seeing a personal value unless they asked for it: every value
goes through :func:`piiaudit.masking.mask` with the kind that decides how
much of it may show. Types, versions and counts are not personal and are shown
as they are; so are standard labels (``work``, ``cell``, ``会社電話``), but a
label a person typed is free text that can name someone (``桐谷みのりの旦那``,
``旧姓 朝霧``) and is masked like a note (:func:`shown_label`). Keys come in a
fixed order so outputs diff cleanly.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

from piiaudit.masking import mask
from piiaudit.model import Address, Contact, ValueKind
from piiaudit.resources import read_shipped_yaml
from piiaudit.textnorm import nfkc

_LABELS = Path(__file__).resolve().parent / "labels.yaml"
# Apple's built-in label form, ``_$!<HomeFAX>!$_``, around its word.
_APPLE = re.compile(r"^_\$!<(.*)>!\$_$")
# A label's runs of letters and of digits; everything else separates them.
_RUNS = re.compile(r"[^\W\d_]+|\d+")
_NUMBER_MAX = 2  # digits of a number a standard label may hold ("Phone 1", "電話 2")
_LABEL_MAX = 64  # characters; a longer label is text, not a label word or two


def contact_to_dict(contact: Contact, *, show_pii: bool) -> dict[str, object]:
    """The contact as plain JSON types, masked unless ``show_pii``."""

    def m(value: str, kind: ValueKind) -> str:
        return mask(value, kind, show_pii=show_pii)

    def m_opt(value: str | None, kind: ValueKind) -> str | None:
        return None if value is None else m(value, kind)

    names = contact.names
    source = contact.source
    return {
        "file": source.path,
        "index": source.index,
        "line": source.line,
        "parent": source.parent,
        "version": contact.version,
        "names": {
            "formatted": m(names.formatted, ValueKind.NAME),
            "family": m(names.family, ValueKind.NAME),
            "given": m(names.given, ValueKind.NAME),
            "middle": m(names.middle, ValueKind.NAME),
            "prefix": m(names.prefix, ValueKind.NAME),
            "suffix": m(names.suffix, ValueKind.NAME),
            "phonetic_family": m(names.phonetic_family, ValueKind.NAME),
            "phonetic_given": m(names.phonetic_given, ValueKind.NAME),
            "nicknames": [m(n, ValueKind.NAME) for n in names.nicknames],
        },
        "organizations": [m(o, ValueKind.TEXT) for o in contact.organizations],
        "titles": [m(t, ValueKind.TEXT) for t in contact.titles],
        "phones": [
            {
                "value": m(p.value, ValueKind.PHONE),
                "labels": shown_labels(p.labels, show_pii=show_pii),
                "e164": m_opt(p.e164, ValueKind.PHONE),
                "type": p.number_type,
            }
            for p in contact.phones
        ],
        "emails": [
            {
                "value": m(e.value, ValueKind.EMAIL),
                "labels": shown_labels(e.labels, show_pii=show_pii),
            }
            for e in contact.emails
        ],
        "messaging": [
            {
                "value": m(h.value, ValueKind.TEXT),
                "labels": shown_labels(h.labels, show_pii=show_pii),
            }
            for h in contact.messaging
        ],
        "addresses": [_address(a, show_pii=show_pii) for a in contact.addresses],
        "birthday": m_opt(contact.birthday, ValueKind.DATE),
        "anniversary": m_opt(contact.anniversary, ValueKind.DATE),
        "notes": [m(n, ValueKind.TEXT) for n in contact.notes],
        "urls": [m(u, ValueKind.URL) for u in contact.urls],
        "categories": [m(c, ValueKind.TEXT) for c in contact.categories],
        "related": [m(r, ValueKind.NAME) for r in contact.related],
        "photo": {"present": contact.photo.present, "bytes": contact.photo.bytes},
        "uid": m_opt(contact.uid, ValueKind.IDENTIFIER),
        "other": {
            name: [m(v, ValueKind.TEXT) for v in values]
            for name, values in sorted(contact.other.items())
        },
        "issues": [
            {"line": i.line, "message": i.message, "severity": i.severity} for i in contact.issues
        ],
    }


def _address(address: Address, *, show_pii: bool) -> dict[str, object]:
    def m(value: str) -> str:
        return mask(value, ValueKind.ADDRESS, show_pii=show_pii) if value else value

    return {
        "labels": shown_labels(address.labels, show_pii=show_pii),
        "po_box": m(address.po_box),
        "extended": m(address.extended),
        "street": m(address.street),
        "locality": m(address.locality),
        "region": m(address.region),
        "postal_code": m(address.postal_code),
        "country": m(address.country),
        "formatted": m(address.formatted),
    }


def shown_labels(labels: Iterable[str], *, show_pii: bool) -> list[str]:
    """The labels of a value as ``contacts`` shows them (see :func:`shown_label`)."""
    return [shown_label(label, show_pii=show_pii) for label in labels]


def shown_label(label: str, *, show_pii: bool) -> str:
    """A standard label as it is; any other label masked like free text (``[8 chars]``).

    A label someone typed on a number ("桐谷みのりの旦那") names a third party as
    surely as a note does, so without ``--show-pii`` only labels made of the
    standard words in ``labels.yaml`` are shown (:func:`is_standard_label`).
    """
    if show_pii or is_standard_label(label):
        return label
    return mask(label, ValueKind.TEXT, show_pii=False)


def is_standard_label(label: str) -> bool:
    """Whether ``label`` is made only of standard label words, short numbers and
    separators (``cell``, ``_$!<HomeFAX>!$_``, ``Phone 1 - Value``, ``会社代表電話``),
    with at least one word."""
    words = _standard_words()
    if label in words:  # nearly every label: one look-up
        return True
    if len(label) > _LABEL_MAX:
        return False
    text = nfkc(label).casefold()
    apple = _APPLE.match(text)
    if apple:
        text = apple.group(1)
    text = text.removeprefix("x-")
    if text in words:
        return True
    runs = _RUNS.findall(text)
    if not any(not run.isdigit() for run in runs):
        return False  # digits or punctuation alone: nothing says it is a label
    return all(
        len(run) <= _NUMBER_MAX if run.isdigit() else _spelled_with(run, words) for run in runs
    )


def _spelled_with(run: str, words: frozenset[str]) -> bool:
    """Whether a run of letters is one word of ``words``, or, outside ASCII (Japanese
    writes words together), several written one after the other."""
    if run in words:
        return True
    if run.isascii():
        return False  # "carol" is not "car" + "ol": English labels space their words
    reachable = [True] + [False] * len(run)
    for start in range(len(run)):
        if not reachable[start]:
            continue
        for word in words:
            if run.startswith(word, start):
                reachable[start + len(word)] = True
    return reachable[-1]


@functools.cache
def _standard_words() -> frozenset[str]:
    """The words of ``labels.yaml``, normalised as labels are before they are compared."""
    data = read_shipped_yaml(_LABELS)
    return frozenset(nfkc(str(word)).casefold() for word in data["words"])
