"""A card cut off at the top: the rest of a card whose first lines are not in the file.

An export truncated at the front, or cards copied out of the middle of one, starts
with the end of a card: some of its properties, then ``END:VCARD``, with neither
``BEGIN:VCARD`` nor ``VERSION`` (which exporters write right after ``BEGIN``, so the
cut took lines of the card itself, not only its first line). Skipped as lines outside
any card, such a tail's phone number, e-mail and name went unaudited, with a warning
and exit code 0 (QA). So outside any card, a line of a property that holds contact
data (``cut_card_data`` in ``data/vcard_properties.yaml``) opens a card there: it
ends at its ``END:VCARD`` (or the next ``BEGIN:VCARD``, or the end of the file) and
is read as a contact like any other, with one issue naming the lines it was read
from. The issue is ``lost``: the card's first lines are missing, so the contact was
audited on part of its data, and the run says so with exit code 3, as for any file
not read in full. Lines without such a property (a blank line, a BOM, a banner, a
``UID``) hold no contact data and stay junk, reported as a warning as before.
"""

from __future__ import annotations

from piiaudit.model import ParseIssue
from piiaudit.parsers.vcard_data import tables
from piiaudit.parsers.vcard_values import is_property_name

CUT_CARD = (
    "card has no BEGIN:VCARD or VERSION: its first lines are not in the file (cut off at the top)"
)
_LINES = CUT_CARD + "; lines {first}-{last} read as an incomplete contact"
_LINE = CUT_CARD + "; line {first} read as an incomplete contact"


def opens_cut_card(name: bytes, head: bytes) -> bool:
    """Whether a line outside any card, of property ``name`` (upper case, no group) and
    line head ``head``, is the start of what is left of a card cut off at the top."""
    return name.decode("ascii", "replace") in tables().cut_card_data and is_property_name(head)


def cut_card_issue(first: int, last: int) -> ParseIssue:
    """The issue of a card read from line ``first`` to line ``last`` without its top."""
    text = _LINE.format(first=first) if last <= first else _LINES.format(first=first, last=last)
    return ParseIssue(first, text, "error", lost=True)
