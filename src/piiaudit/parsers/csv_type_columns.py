"""A column that names the type of the number beside it: ``電話番号1`` + ``電話番号1種別``.

Japanese phone-backup tools and hand-made lists keep a number and its type in two
columns (``電話番号1,電話番号1種別,…`` holding ``03-5555-0101,自宅``), as English ones
write ``Phone 1,Phone 1 Type``. Read by their header words alone, the type column was
a second phone number (its header holds 電話): the home number went to the company
unlabelled, beside a ``TEL:自宅`` line (QA round 9). A column whose header is another
phone, e-mail, address or chat column's header followed by a type word is that
column's label instead; a type column whose value column is missing is kept under its
header, never read as a value of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from piiaudit.parsers.csv_dialects import header_key, load_guesser
from piiaudit.parsers.csv_roles import OTHER, ColumnRole

#: The role of a type column: ``index`` is the position of the column it labels.
LABEL_OF = "label_of"
_LABELLED = frozenset({"phone", "email", "address", "messaging"})
_JOINERS = " -_:・"


def _base(key: str) -> str | None:
    """The header a type column's key names (``phone 1`` of ``phone 1 type``), if any. The
    type words are csv_generic.yaml's ``label_parts``; a Japanese one may follow の, a Latin
    one stands as a word (after a joiner or a digit)."""
    for word in load_guesser().label_parts:
        if not key.endswith(word) or len(key) <= len(word):
            continue
        before = key[: -len(word)]
        if not word.isascii():
            return before.removesuffix("の").rstrip(_JOINERS) or None
        if before[-1] in _JOINERS or before[-1].isdigit():
            return before.rstrip(_JOINERS)
    return None


def pair_type_columns(
    headers: Sequence[str], roles: list[ColumnRole | None], keep: AbstractSet[int] = frozenset()
) -> None:
    """Make each type column the label of the column it names (see the module docstring).

    ``roles`` is changed in place; columns in ``keep`` (the user's ``csv.columns``) stay
    as the user mapped them."""
    keys = [header_key(h) for h in headers]
    valued = {
        key: position
        for position, (key, role) in enumerate(zip(keys, roles, strict=True))
        if role is not None and role.target in _LABELLED and key
    }
    for position, key in enumerate(keys):
        if position in keep:
            continue
        base = _base(key)
        if not base:
            continue
        target = valued.get(base)
        role = roles[position]
        if target is not None and target != position:
            roles[position] = ColumnRole(LABEL_OF, index=target)
        elif role is not None and role.target in _LABELLED and role.target != "address":
            # A type with no value column is no value itself; an address "label" without
            # an address column is a mail-merge label holding the address (review 12).
            roles[position] = OTHER
