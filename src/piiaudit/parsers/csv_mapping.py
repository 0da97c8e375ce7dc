"""One CSV record -> one :class:`~piiaudit.model.Contact`, following a :class:`ColumnPlan`.

Decisions a reader of the model relies on:

* every phone keeps its column header among its labels, verbatim ("Mobile
  Phone", "携帯電話"): the rule engine reads a header as context words for
  its cells;
* address columns with the same labels (Home Street, Home City ...) become
  one :class:`~piiaudit.model.Address`;
* a department is placed in ``organizations`` after the company, whatever the column
  order, and is kept as a unit of that company in ``organization_parts`` (one ``ORG``
  when handed over);
* Google's ``" ::: "`` joins several values in one cell, and a leading ``"* "``
  marks the primary value (label ``pref``) or a system group;
* whatever has no field (or no header) is kept in ``Contact.other`` under its
  header (``Column N`` without one): unknown columns hold personal data too;
* a phone number Excel rounded into scientific notation (``9.06E+09``) is kept as
  written but never classified (number type unparsed): its digits are lost, and a
  type guessed from what is left would be a guess; an Excel serial date is read as
  its date (:mod:`.csv_excel`, which reports both once per column).
"""

from __future__ import annotations

from collections.abc import Sequence

from piiaudit.model import (
    NAME_PARTS,
    Address,
    Contact,
    ParseIssue,
    Photo,
    SourceRef,
    new_contact,
    new_email,
    new_messaging_id,
    new_names,
    new_phone,
    new_source,
)
from piiaudit.parsers.address_region import region_of_countries
from piiaudit.parsers.csv_excel import DATE, PHONE, ExcelDamage, formula_text
from piiaudit.parsers.csv_header import ColumnPlan, column_name, content_role, is_email
from piiaudit.parsers.csv_records import RawRecord
from piiaudit.parsers.csv_roles import OTHER, ColumnRole
from piiaudit.parsers.csv_rows import RowParts
from piiaudit.parsers.csv_type_columns import LABEL_OF
from piiaudit.phones import SHARED_FIELD_MIN, classify, numbers_in

_NAME_TARGETS = {"name": "formatted"} | {n: n for n in NAME_PARTS if n != "formatted"}
ONE_CELL_ROW = (
    "row has 1 cell, unlike the rows of several cells around it; it was read as a "
    "contact by what the cell contains"
)


def build_contact(
    record: RawRecord,
    plan: ColumnPlan,
    index: int,
    path: str,
    region: str,
    excel: ExcelDamage | None = None,
) -> tuple[Contact, list[ParseIssue]]:
    """The contact a record describes, and the issues about its shape. Columns where
    Excel left its marks in this row are noted in ``excel`` (reported once per file)."""
    issues = list(record.issues)
    width = len(plan.headers)
    if plan.has_header and len(record.cells) != width:
        extra = record.cells[width:]
        if len(record.cells) < width or any(c.strip() for c in extra):
            issues.append(
                ParseIssue(
                    record.line,
                    f"row has {len(record.cells) + record.dropped_cells} cells, the header has "
                    f"{width}; the cells were read by position",
                )
            )
    elif not plan.has_header and len(record.cells) == 1:
        # Said as a header's width mismatch is: the row is kept, but it is likely a
        # damaged one (a formula, a line broken off a row) and the user should look
        # at it (QA round 16: such a row was read without a word).
        issues.append(ParseIssue(record.line, ONE_CELL_ROW))
    parts = RowParts(plan.conventions)
    types = _types(plan, record.cells, parts) if plan.typed else None
    for position, cell in enumerate(record.cells):
        value = formula_text(cell)
        if not value.strip():
            continue
        header, role = _column(plan, position, value)
        if role.target == LABEL_OF:
            continue  # read with the column it labels
        if types and position in types:
            role = ColumnRole(role.target, (*role.labels, *types[position]), role.part)
        _place(parts, role, header, value)
    source = new_source(path, index, record.line, record.start, record.end, None)
    contact = _assemble(parts, source, plan.dialect, region, tuple(issues))
    # After assembly: the column groups (Google's "Phone 1 - Value") are placed there.
    if excel is not None and (parts.rounded_columns or parts.serial_date_columns):
        excel.note(PHONE, parts.rounded_columns, record.line)
        excel.note(DATE, parts.serial_date_columns, record.line)
    return contact, issues


def _types(plan: ColumnPlan, cells: Sequence[str], parts: RowParts) -> dict[int, tuple[str, ...]]:
    """The labels the type columns of a row give the columns they name (csv_type_columns)."""
    found: dict[int, tuple[str, ...]] = {}
    for position, role in enumerate(plan.roles[: len(cells)]):
        if role is not None and role.target == LABEL_OF and cells[position].strip():
            found[role.index] = parts.type_labels(cells[position].strip())
    return found


def _column(plan: ColumnPlan, position: int, value: str) -> tuple[str, ColumnRole]:
    if not plan.has_header:
        return column_name(position), _headerless_role(position, value)
    if position >= len(plan.headers):
        return column_name(position), OTHER
    header = plan.headers[position] or column_name(position)
    role = plan.roles[position]
    return header, role if role is not None else OTHER


#: How long a header-less row's first cell may be to be taken for the contact's name.
HEADERLESS_NAME_CHARS = 80
_NAME_ROLE = ColumnRole("name")


def _headerless_role(position: int, value: str) -> ColumnRole:
    """A header-less cell's role by what it holds; the row's first cell, when it is a
    few words (not a number, an address or a link), is the contact's name.

    A hand-made list is written name first (``Fict Ichiro,090-…``); without this its
    contacts had no name at all, and a report listed them as blank lines nobody could
    act on.
    """
    role = content_role(value)
    if (
        position == 0
        and role is OTHER
        and len(value.strip()) <= HEADERLESS_NAME_CHARS
        and any(ch.isalpha() for ch in value)
    ):
        return _NAME_ROLE
    return role


def _place(parts: RowParts, role: ColumnRole, header: str, value: str) -> None:
    target = role.target
    text = value.strip()
    if target == "ignore":
        return
    if target == "group":
        parts.add_group(role, header, text)
    elif target in _NAME_TARGETS:
        parts.add_name(_NAME_TARGETS[target], header, text)
    elif target == "phone":
        if not any(ch.isdigit() for ch in text):  # 自宅, 非公開, "see note": not a number
            parts.add_other(header, text)
            return
        for item, primary in parts.split(text):
            parts.add_phone(item, (*role.labels, *(("pref",) if primary else ()), header))
    elif target == "email":
        if "@" not in text and not text.startswith("/"):  # a flag or a name, not an address
            parts.add_other(header, text)  # (an Exchange X.500 path starts with "/")
            return
        for item, primary in parts.split(text):
            parts.add_email(item, (*role.labels, *(("pref",) if primary else ()), header))
    elif target == "messaging":
        for item, _ in parts.split(text):
            parts.add_messaging(item, (*role.labels, header))
    elif target == "address":
        if "@" in text and is_email(text):  # a misnamed column: an address is never an email
            parts.add_email(text, (*role.labels, header))
        else:
            parts.add_address_part(role.labels, role.part, value.strip("\r\n "))
    elif target in ("birthday", "anniversary", "birth_year", "birth_month", "birth_day"):
        parts.add_date(target, header, text)
    elif target == "note":
        parts.notes.append(value.strip())
    elif target == "category":
        for item in parts.split_categories(text):
            parts.add_listed(target, item)
    elif target in ("nickname", "url", "related", "organization", "department"):
        for item, _ in parts.split(text):
            parts.add_listed(target, item)
    elif target == "title":
        parts.titles.append(text)
    elif target == "photo":
        parts.photo = True
    else:
        parts.add_other(header, text)


def _assemble(
    parts: RowParts, source: SourceRef, dialect: str, region: str, issues: tuple[ParseIssue, ...]
) -> Contact:
    parts.finish_groups()
    if parts.addresses and parts.phones:  # a foreign customer's national numbers
        countries = (" ".join(c.get("country", ())) for c in parts.addresses.values())
        region = region_of_countries(countries, region) or region
    name = parts.names.get
    names = new_names(*(name(field, "") for field in NAME_PARTS), tuple(parts.nicknames))
    phones = []
    rounded = parts.rounded_numbers
    for value, labels in parts.phones:
        if rounded and value in rounded:  # Excel's digits: nothing left to classify
            phones.append(new_phone(value, labels, None, None))
            continue
        if len(value) <= SHARED_FIELD_MIN:  # one number at most: the usual value
            phones.append(new_phone(value, labels, *classify(value, region)))
        else:
            for number, e164, number_type in numbers_in(value, region):
                phones.append(new_phone(number, labels, e164, number_type))
    return new_contact(
        source,
        dialect,
        names,
        tuple(parts.organizations),
        tuple(parts.titles),
        tuple(phones),
        tuple(new_email(value, labels) for value, labels in parts.emails),
        tuple(_addresses(parts)),
        parts.birthday(),
        parts.anniversary,
        tuple(parts.notes),
        tuple(parts.urls),
        tuple(parts.categories),
        tuple(parts.related),
        Photo(present=parts.photo),
        None,
        {k: tuple(v) for k, v in parts.other.items()},
        issues,
        tuple(parts.organization_parts),
        tuple(new_messaging_id(value, labels) for value, labels in parts.messaging),
    )


def _addresses(parts: RowParts) -> list[Address]:
    out = []
    for (labels, _), components in parts.addresses.items():
        fields = {name: " ".join(values) for name, values in components.items()}
        out.append(Address(labels=labels, **fields))
    return out
