"""From a CSV header row to a plan saying what every column holds.

Priority for each column: the user's ``csv.columns`` mapping (the company
knows its own exports best), then the detected dialect's map, then the
generic header-word guess. A column none of them knows is *unmapped*: it is
listed in ``FileInfo.unmapped_columns`` and its values are still kept in
``Contact.other`` under the header, because unknown columns hold personal data
too.

An address part without a home/work label (a ``〒`` or ``PLZ`` column, French
Thunderbird's ``Ville`` written once per address) belongs to the address it sits
beside and takes that address's label: see :func:`labels_from_neighbours`.

A header row in which no column is a name gets a parse issue: its contacts are
read without names, which a report must not present as a clean read.

A file without a header row (Thunderbird can write one) gets a plan from the
content of each cell instead: see :func:`content_role`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from piiaudit.model import ParseIssue
from piiaudit.parsers.csv_dialects import (
    GENERIC,
    Dialect,
    Guesser,
    detect_dialect,
    header_key,
    load_dialects,
    load_guesser,
)
from piiaudit.parsers.csv_roles import OTHER, ColumnRole, parse_user_role
from piiaudit.parsers.csv_type_columns import LABEL_OF, pair_type_columns
from piiaudit.phones import classify
from piiaudit.textnorm import normalize_number

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
_POSTAL_JP = re.compile(r"^〒?\s*\d{3}-\d{4}$")
_DIGITS = re.compile(r"\d{5,}")
MAX_HEADER_CHARS = 80
#: Roles that give a contact a name (a nickname alone is still a way to tell who it is).
NAME_TARGETS = frozenset(
    {"name", "given", "family", "middle", "phonetic_given", "phonetic_family", "nickname"}
)
NO_NAME_COLUMN = (
    "no column of the header row was recognised as a name (first, last or display name), "
    "so its contacts were read without names; map the name columns with csv.columns in "
    "piiaudit.yaml"
)


@dataclass(slots=True)
class ColumnPlan:
    """What each column of a file means. ``headers[i]`` is the header as written (trimmed)."""

    dialect: str
    headers: list[str]
    roles: list[ColumnRole | None]
    unmapped: list[str] = field(default_factory=list)
    conventions: Dialect | None = None  # the dialect whose value conventions apply
    has_header: bool = True
    typed: bool = False  # a column gives another its type (csv_type_columns)


@dataclass(frozen=True, slots=True)
class HeaderEcho:
    """Recognises the header row again as a record (two exports joined with ``cat``).

    A record costs one substring test on the common path: the whole row is compared
    only when its cell under the first named column holds that column's name.
    """

    headers: tuple[str, ...]
    probe: int  # the first column with a name; -1: nothing to recognise

    @classmethod
    def of(cls, plan: ColumnPlan) -> HeaderEcho:
        probe = next((i for i, header in enumerate(plan.headers) if header), -1)
        return cls(tuple(plan.headers), probe)

    def matches(self, cells: Sequence[str]) -> bool:
        probe = self.probe
        if probe < 0 or len(cells) != len(self.headers) or self.headers[probe] not in cells[probe]:
            return False
        return tuple(_echoed(cell) for cell in cells) == self.headers


def _written(header: str) -> str:
    return header.replace("\ufeff", "").strip()


def _echoed(cell: str) -> str:
    """A cell of a header row written again, as its header: the second export's BOM
    opens the row, so its first quoted name stays quoted (``\ufeff"Title"``: a quote
    after the BOM opens no quoted cell). Outlook writes a BOM and quotes every name;
    the header was read as a contact named "First Name Middle Name Last Name", with
    findings (QA formats)."""
    text = _written(cell)
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


def plan_columns(
    headers: Sequence[str], user_map: Mapping[str, str], line: int
) -> tuple[ColumnPlan, list[ParseIssue]]:
    """Decide every column's role; issues for ``csv.columns`` targets piiaudit does not know."""
    issues: list[ParseIssue] = []
    user: dict[str, ColumnRole] = {}
    for header, target in user_map.items():
        try:
            user[header_key(header)] = parse_user_role(target)
        except ValueError as exc:
            issues.append(ParseIssue(line, f"csv.columns[{header!r}]: {exc}"))
    dialect = detect_dialect(headers)
    guesser = load_guesser()
    written = [_written(h) for h in headers]
    roles: list[ColumnRole | None] = []
    unmapped: list[str] = []
    chosen: set[int] = set()  # columns the user's csv.columns mapped: kept as written there
    set_aside: list[int] = []  # columns the dialect keeps as "other" (see below)
    dialect_addresses = False  # whether the dialect itself named an address column
    keys = [header_key(header) for header in written]
    counts = Counter(keys)
    seen: Counter[str] = Counter()  # how many columns of each name came before
    for position, header in enumerate(written):
        key = keys[position]
        occurrence = seen[key]
        seen[key] += 1
        role = user.get(key)
        if role is not None:
            chosen.add(position)
        if role is None and dialect is not None:
            # A name written twice may mean two things (French Outlook's "Titre": the name
            # prefix, then the job title); the map says which occurrence is which.
            role = dialect.role_at(key, occurrence) if counts[key] > 1 else dialect.role(key)
            if role is not None and role.target == "other":
                set_aside.append(position)
            elif role is not None and "address" in (role.target, role.kind):
                dialect_addresses = True
        if role is None and key:
            role = guesser.role(key)
        if role is None and key:
            unmapped.append(header)
        roles.append(role)
    if set_aside and not dialect_addresses:
        _address_words_without_dialect_addresses(written, roles, set_aside, guesser)
    _roles_beside(keys, roles, chosen, guesser)
    pair_type_columns(written, roles, chosen)
    labels_from_neighbours(roles, chosen)
    if not any(role is not None and role.target in NAME_TARGETS for role in roles):
        issues.append(ParseIssue(line, NO_NAME_COLUMN))
    plan = ColumnPlan(
        dialect=dialect.name if dialect else GENERIC,
        headers=written,
        roles=roles,
        unmapped=unmapped,
        conventions=dialect,
        typed=any(role is not None and role.target == LABEL_OF for role in roles),
    )
    return plan, issues


def _address_words_without_dialect_addresses(
    headers: Sequence[str],
    roles: list[ColumnRole | None],
    positions: Sequence[int],
    guesser: Guesser,
) -> None:
    """A column the dialect keeps aside that the header words call an address part, in a file
    with no address column of the dialect's own: a hand-made German list (Vorname, Nachname,
    Firma, Straße, PLZ, Ort) is taken for Outlook, whose "Ort" is a meeting-place field and
    not the city; the company got the postcode alone (QA round 9). With Outlook's own address
    columns present ("Ort geschäftlich"), "Ort" keeps Outlook's meaning."""
    for position in positions:
        guessed = guesser.role(header_key(headers[position]))
        if guessed is not None and guessed.target == "address":
            roles[position] = guessed


def _roles_beside(
    keys: Sequence[str],
    roles: list[ColumnRole | None],
    chosen: AbstractSet[int],
    guesser: Guesser,
) -> None:
    """A header whose meaning the columns beside it decide (``beside`` in csv_generic.yaml):
    a German list headed ``Name;Vorname`` writes the family name under ``Name`` - read as
    the whole name, "Größer" alone was shown for Jörg Größer (QA EU round). The rule gives
    its role only when the row names one of its words and has no column of that role yet;
    a column the user's ``csv.columns`` mapped keeps the user's role."""
    if not guesser.beside:
        return
    present = frozenset(keys)
    for rule in guesser.beside:
        if rule.header not in present or not rule.when & present:
            continue
        if any(role is not None and role.target == rule.role.target for role in roles):
            continue
        for position, key in enumerate(keys):
            if key == rule.header and position not in chosen:
                roles[position] = rule.role


def labels_from_neighbours(
    roles: list[ColumnRole | None], keep: AbstractSet[int] = frozenset()
) -> None:
    """Give each unlabelled address column the labels of the address it sits beside.

    A hand-made list writes ``自宅住所,〒`` and a German one ``Anschrift privat,PLZ``; French
    Thunderbird writes ``Ville`` and ``Code postal`` once after the home street and once after
    the work street. Read alone, such a part would be an address of its own, without a label
    - a home postcode that ``minimize`` hands to the company. Within a run of adjacent address
    columns with no unlabelled street or whole address (which would be an address of its
    own), an unlabelled one takes the labels of the nearest labelled column before it, else
    after it; when those two disagree and one is a home address, the home one (a home part
    read as work would leave with the work address). Columns in ``keep`` (the user's
    ``csv.columns``) stay as the user wrote them. ``roles`` is changed in place.
    """
    runs: list[list[int]] = []
    for position, role in enumerate(roles):
        if role is None or role.target != "address":
            continue
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    for run in runs:
        labelled = [p for p in run if _labels(roles[p])]
        if not labelled or any(
            not _labels(roles[p]) and _part(roles[p]) in _WHOLE_ADDRESS for p in run
        ):
            # An unlabelled street or whole address is an address of its own (住所 beside
            # 自宅住所, Street/City/Zip beside Home Address: the company's): its parts and it
            # stay unlabelled, as they were read before.
            continue
        for position in run:
            role = roles[position]
            if role is None or role.labels or position in keep:
                continue
            before = next((_labels(roles[p]) for p in reversed(labelled) if p < position), ())
            after = next((_labels(roles[p]) for p in labelled if p > position), ())
            sides = [labels for labels in (before, after) if labels]
            labels = next((found for found in sides if "home" in found), sides[0])
            roles[position] = ColumnRole(role.target, labels, role.part)


def _labels(role: ColumnRole | None) -> tuple[str, ...]:
    return role.labels if role is not None else ()


def _part(role: ColumnRole | None) -> str:
    return (role.part or "formatted") if role is not None else ""


#: Address columns that hold an address of their own, not a part of the one beside them.
_WHOLE_ADDRESS = frozenset({"street", "formatted"})


def headerless_plan() -> ColumnPlan:
    """The plan for a file without a header row: every cell is judged by its content."""
    return ColumnPlan(dialect=GENERIC, headers=[], roles=[], has_header=False)


def column_name(index: int) -> str:
    """The name a column without a header gets in ``Contact.other`` (1-based)."""
    return f"Column {index + 1}"


def content_role(value: str) -> ColumnRole:
    """Guess a header-less cell's role from what it looks like."""
    text = normalize_number(value).strip()
    if _EMAIL.match(text):
        return ColumnRole("email")
    if _URL.match(text):
        return ColumnRole("url")
    if _POSTAL_JP.match(text):
        return ColumnRole("address", (), "postal_code")
    if _PHONE.match(text) and sum(ch.isdigit() for ch in text) >= 6 and not _DATE.match(text):
        return ColumnRole("phone")
    return OTHER


#: A share of a column's filled cells that must read as one kind for a guess by values.
VALUE_GUESS_SHARE = 0.8
_DIALABLE_START = re.compile(r"^[+0(]")
VALUE_GUESSED = (
    "column {column} has a name piiaudit does not know and was read by what its cells "
    "hold (phone numbers or e-mail addresses); map it with csv.columns in piiaudit.yaml "
    "to be sure"
)
VALUES_GUESSED = (
    "columns {columns} have names piiaudit does not know and were read by what their "
    "cells hold (phone numbers or e-mail addresses); map them with csv.columns in "
    "piiaudit.yaml to be sure"
)


def guessed_message(columns: Sequence[int]) -> str:
    """The parse note naming the columns read by their values (by number, never by a
    header: a header row may be a contact's cells)."""
    if len(columns) == 1:
        return VALUE_GUESSED.format(column=columns[0])
    return VALUES_GUESSED.format(columns=", ".join(str(number) for number in columns))


def column_kind_by_values(cells: Sequence[str]) -> ColumnRole | None:
    """The role of a column whose name nothing knows, from its (sampled) cells: phone
    when most filled cells are dialable numbers, email when most are addresses.

    Without this, a hand-made list headed ``Spalte A,Spalte B`` was not read at all,
    or its numbers stayed nameless text. A number counts only when written as one is
    dialled and phonenumbers accepts it (:func:`dialable`): order numbers, amounts,
    dates, customer codes and My Numbers are not numbers to call."""
    filled = [normalize_number(cell).strip() for cell in cells if cell.strip()]
    if not filled:
        return None
    emails = sum(1 for text in filled if _EMAIL.match(text))
    if emails >= VALUE_GUESS_SHARE * len(filled):
        return ColumnRole("email")
    phones = sum(1 for text in filled if dialable(text))
    if phones >= VALUE_GUESS_SHARE * len(filled):
        return ColumnRole("phone")
    return None


def dialable(text: str) -> bool:
    """Whether a trimmed, normalised cell is one phone number written to be dialled."""
    if not _DIALABLE_START.match(text) or not _PHONE.match(text) or _DATE.match(text):
        return False
    if not 9 <= sum(ch.isdigit() for ch in text) <= 15:
        return False
    # A number phonenumbers accepts (in Japan's plan, or by its + country code): a My
    # Number written 0123-4567-8903, a customer code 0001234567 or a German customer
    # number are not, and were taken for phones, then handed over as TEL (review 11).
    return classify(text)[1] not in (None, "unknown")


def guess_by_values(plan: ColumnPlan, rows: Sequence[Sequence[str]]) -> list[int]:
    """Give the plan's unknown columns a role from their cells (:func:`column_kind_by_values`);
    the 1-based numbers of the columns so guessed. The header stays the value's label, as
    a named column's does."""
    guessed: list[int] = []
    for position, role in enumerate(plan.roles):
        header = plan.headers[position] if position < len(plan.headers) else ""
        if role is not None or not header:
            continue
        found = column_kind_by_values([row[position] for row in rows if position < len(row)])
        if found is None:
            continue
        plan.roles[position] = load_guesser().qualify(header_key(header), found)
        plan.unmapped.remove(header)
        guessed.append(position + 1)
    return guessed


def is_email(text: str) -> bool:
    """Whether a whole (trimmed) cell is one email address."""
    return _EMAIL.match(text) is not None


def looks_like_data(cell: str) -> bool:
    """True for a cell that holds a value rather than a column name.

    A phone number written in groups (``090-1234-5678``) has no five digits in a row,
    and a header-less list's first contact (``Ichiro,090-…``) was taken for its header.
    """
    text = normalize_number(cell).strip()
    return bool(
        _EMAIL.match(text)
        or _URL.match(text)
        or _DATE.match(text)
        or _DIGITS.search(text)
        or len(text) > MAX_HEADER_CHARS
        or dialable(text)
    )


#: Roles whose cells show what they are: a column named so is confirmed by its values.
_SELF_EVIDENT = frozenset({"phone", "email", "url"})
_CONTACT_TARGETS = frozenset({"phone", "email"})


def first_row_is_contact(plan: ColumnPlan, rows: Sequence[Sequence[str]]) -> bool:
    """Whether a first row that passed :func:`is_header_row` is the first contact.

    A header-less export whose first contact holds only words (a name, a town, a
    note and ``Private``, itself a column name) was read with that row as its
    header: the contact was lost and its values became column names, shown
    unmasked in every report (security review F11). The sign it gives: the one
    word a header would know, ``Private``, is also a value of its column further
    down (Private, Work, Private): a column's name is never one of its values.

    Reading a header as a contact costs every column its meaning (organisation,
    home address, birthday become ``Column 3``: a header 会社名,担当者,連絡先,
    自宅住所,誕生日 over customers lost all its findings, review 9), so the row is
    read as a contact only when all of these hold:

    * no column is a name and the user's ``csv.columns`` named none of its cells
      (the caller checks that);
    * exactly one of its cells is a known column name, and that word is a value
      of its column in ``rows`` (the records after it in the first lines);
    * most of ``rows`` hold a phone number or an e-mail address;
    * no column it names as a phone, e-mail or link has such values under it in at
      least half of its filled cells.

    Or: the row is a single cell over rows of several cells that mostly hold a phone
    number or an e-mail address (``Fict Shiro`` above ``Fict Ichiro,090-…``): no
    exporter writes a header of one column over a table of several.
    """
    if rows and len(plan.headers) == 1 and _over_a_contact_table(rows):
        return True
    if not rows or any(role is not None and role.target in NAME_TARGETS for role in plan.roles):
        return False
    known = [i for i, header in enumerate(plan.headers) if header and known_headers([header])]
    if len(known) != 1:
        return False
    position = known[0]
    word = plan.headers[position].casefold()
    if not any(
        position < len(cells) and cells[position].strip().casefold() == word for cells in rows
    ):
        return False
    with_contact = sum(
        1 for cells in rows if any(content_role(c).target in _CONTACT_TARGETS for c in cells)
    )
    if with_contact * 2 < len(rows):
        return False
    for position, role in enumerate(plan.roles):
        if role is None or role.target not in _SELF_EVIDENT:
            continue
        below = [cells[position] for cells in rows if position < len(cells)]
        filled = [cell for cell in below if cell.strip()]
        alike = sum(1 for cell in filled if content_role(cell).target == role.target)
        if filled and alike * 2 >= len(filled):
            return False
    return True


def _over_a_contact_table(rows: Sequence[Sequence[str]]) -> bool:
    wide = [cells for cells in rows if len(cells) > 1]
    with_contact = sum(
        1 for cells in wide if any(content_role(c).target in _CONTACT_TARGETS for c in cells)
    )
    return len(wide) * 2 > len(rows) and with_contact * 2 >= len(wide)


def is_header_row(cells: Sequence[str]) -> bool:
    """Whether the first record of a file is a header row.

    A header names columns: at least one name that some map or the generic
    guess knows, and no cell that looks like a value (an email, a number, a
    date). Headers of unknown exporters pass too if every cell is a short,
    distinct label.
    """
    filled = [c.replace("\ufeff", "").strip() for c in cells if c.strip()]
    if not filled or any(looks_like_data(c) for c in filled):
        return False
    if known_headers(filled):
        return True
    return len(filled) >= 2 and len({header_key(c) for c in filled}) == len(filled)


def known_headers(cells: Sequence[str]) -> int:
    """How many cells a dialect map or the generic guess recognises as a column name."""
    guesser = load_guesser()
    dialects = load_dialects()
    count = 0
    for cell in cells:
        key = header_key(cell)
        if key and (guesser.role(key) or any(d.role(key) for d in dialects)):
            count += 1
    return count
