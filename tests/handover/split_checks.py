"""Checks shared by the corpus and property tests of ``split``: the invariant that the
three outputs hold every input card exactly once, byte-identical (a card the reader
closed itself, having no END:VCARD, followed by the END:VCARD line it lacked)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from piiaudit.handover.decide import Evaluator
from piiaudit.handover.plan import ORDER, SplitPlan
from piiaudit.handover.split import read_plan, write_split
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input

OPTIONS = ParseOptions()


def top_level_slices(path: Path) -> tuple[list[bytes], int]:
    """The bytes of each top-level card of ``path`` as the reader finds them (with the
    END:VCARD a split adds when the card has none), and the number of contacts it reads
    (nested ones included)."""
    data = path.read_bytes()
    slices = []
    total = 0
    with open_input(str(path), OPTIONS) as parsed:
        for contact in parsed.contacts:
            total += 1
            if contact.source.parent is None:
                card = data[contact.source.start : contact.source.end]
                card = _begin_added(card, contact) + card
                slices.append(card + _end_added(card) if _unclosed(contact) else card)
        assert parsed.info.error is None, f"{path}: {parsed.info.error}"
    return slices, total


def _begin_added(card: bytes, contact: Contact) -> bytes:
    """The BEGIN:VCARD (and VERSION, for a card cut off at the top) a split adds before a
    card that lacks them, in the card's line ending."""
    messages = [issue.message for issue in contact.issues]
    newline = re.search(rb"\r\n|\n|\r", card)
    ending = newline.group() if newline else b"\r\n"
    if any(m.startswith("card has no BEGIN:VCARD or VERSION") for m in messages):
        return b"BEGIN:VCARD" + ending + b"VERSION:" + (contact.version or "3.0").encode() + ending
    if any(m.startswith("card has no BEGIN:VCARD") for m in messages):
        return b"BEGIN:VCARD" + ending
    return b""


def _unclosed(contact: Contact) -> bool:
    return any("has no END:VCARD" in issue.message for issue in contact.issues)


def _end_added(card: bytes) -> bytes:
    """An END:VCARD line in the line ending of the card's BEGIN line (the corpus has
    no UTF-16 or nested card without END, so one line, in an ASCII encoding)."""
    newline = re.search(rb"\r\n|\n|\r", card)
    ending = newline.group() if newline else b"\r\n"
    lead = b"" if card.endswith((b"\r", b"\n")) else ending
    return lead + b"END:VCARD" + ending


def _opened(card: bytes, begins: tuple[str, ...]) -> bytes:
    newline = re.search(rb"\r\n|\n|\r", card)
    ending = newline.group() if newline else b"\r\n"
    return b"".join(line.encode() + ending for line in begins) + card


def _readable_alone(plan: SplitPlan, own: list[bytes]) -> bool:
    """False for one record of a header-less CSV: a single line of comma- or
    tab-separated text is not recognisable as a contact export on its own, by
    piiaudit's sniffer or by a person (thunderbird/tab_comma_mixed.csv). Its bytes are
    still checked exactly; only re-reading it is left out."""
    headerless_csv = plan.info.format == "csv" and plan.prefix == (0, 0)
    return not (headerless_csv and len(own) == 1)


def split_and_check(path: Path, evaluator: Evaluator, out_dir: Path) -> SplitPlan:
    """Split ``path`` into ``out_dir`` and assert the invariant; returns the plan."""
    plan = read_plan(path, evaluator, OPTIONS, None)
    write_split(plan, out_dir, force=False, overrides=None)
    data = path.read_bytes()
    prefix = data[plan.prefix[0] : plan.prefix[1]]
    expected, expected_total = top_level_slices(path)
    found: list[bytes] = []
    found_total = 0
    for dest in ORDER:
        output = out_dir / plan.file_name(dest)
        assert output.stat().st_mode & 0o777 == 0o600
        body = output.read_bytes()
        assert body.startswith(prefix), f"{output}: does not start with the input's prefix"
        own = [
            _opened(data[s:e], begins) + (_end_added(data[s:e]) if ends else b"")
            for s, e, ends, begins in plan.pieces(dest)
        ]
        # The file is exactly the prefix plus its cards, nothing else.
        assert body == prefix + b"".join(own), f"{output}: not prefix + its cards"
        if own and _readable_alone(plan, own):
            slices, total = top_level_slices(output)
            found.extend(slices)
            found_total += total
        elif own:
            # Bytes were checked above; count what cannot be re-read (see _readable_alone).
            found.extend(own)
            found_total += len(own)
    assert Counter(found) == Counter(expected), f"{path}: cards lost, duplicated or changed"
    assert found_total == expected_total, f"{path}: parsing the outputs gives a different count"
    return plan
