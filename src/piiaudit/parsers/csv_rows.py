"""The pieces of one contact, gathered cell by cell while a CSV row is read.

:mod:`piiaudit.parsers.csv_mapping` decides where a cell goes; this class
keeps what was gathered, merges repeating column groups (Google's
``Phone 1 - Label`` + ``Phone 1 - Value``) once the row is complete, and
applies the dialect's value conventions (multi-value separator, primary
marker, type words, empty-date markers). It also notes the columns where Excel
left its marks (:mod:`.csv_excel`): a phone number rounded into scientific
notation, a date written as a serial day number (read as its date).
"""

from __future__ import annotations

from dataclasses import dataclass

from piiaudit.model import OrgParts, new_org_parts
from piiaudit.parsers.csv_dialects import Dialect, header_key, load_guesser
from piiaudit.parsers.csv_excel import SERIAL_LENGTH, is_scientific, serial_date
from piiaudit.parsers.csv_roles import ColumnRole
from piiaudit.parsers.date_labels import date_field, labelled_date, no_date
from piiaudit.parsers.vcard_data import messaging_services, service_name

_LISTS = {
    "nickname": "nicknames",
    "url": "urls",
    "category": "categories",
    "related": "related",
}


@dataclass(slots=True)
class _GroupCell:
    header: str
    value: str


class RowParts:
    """Everything one row contributed, in the order its columns came."""

    # Columns where Excel left its marks in this row; rare, so they stay these shared empty
    # values unless a row has them (an ordinary row allocates nothing for them).
    #: The phone values in scientific notation (never classified: their digits are lost).
    rounded_numbers: frozenset[str] = frozenset()
    #: The headers of those phone values' columns.
    rounded_columns: tuple[str, ...] = ()
    #: The headers of the date columns whose serial day numbers were read as dates.
    serial_date_columns: tuple[str, ...] = ()

    def __init__(self, dialect: Dialect | None) -> None:
        self.dialect = dialect
        self.names: dict[str, str] = {}
        self.nicknames: list[str] = []
        self.organizations: list[str] = []
        self.organization_parts: list[OrgParts] = []  # parallel to organizations
        self.titles: list[str] = []
        self.phones: list[tuple[str, tuple[str, ...]]] = []
        self.emails: list[tuple[str, tuple[str, ...]]] = []
        self.messaging: list[tuple[str, tuple[str, ...]]] = []
        # (labels, slot) -> part -> texts. Columns outside a group (Outlook's Home Street,
        # Home City ...) share slot (0, 0) and make one address per label; each address
        # group, and each " ::: " value in it, has a slot of its own.
        self.addresses: dict[tuple[tuple[str, ...], tuple[int, int]], dict[str, list[str]]] = {}
        self._address_groups = 0
        self.notes: list[str] = []
        self.urls: list[str] = []
        self.categories: list[str] = []
        self.related: list[str] = []
        self.photo = False  # a photo column holds a link: the contact has a photo
        self.other: dict[str, list[str]] = {}
        self.anniversary: str | None = None
        self._birthday: str | None = None
        self._birth_parts: dict[str, str] = {}
        self._waiting_units = 0  # departments read before any company column
        self._groups: dict[tuple[str, int], dict[str, _GroupCell]] = {}

    # ------------------------------------------------------------ conventions

    def split(self, text: str) -> list[tuple[str, bool]]:
        """Cell text -> its values, each with whether the primary marker flagged it."""
        separator = self.dialect.multi_value_separator if self.dialect else ""
        items = text.split(separator) if separator else [text]
        marker = self.dialect.primary_marker if self.dialect else ""
        out = []
        for item in items:
            value = item.strip()
            primary = bool(marker) and value.startswith(marker.strip())
            if primary:
                value = value[len(marker.strip()) :].strip()
            if value:
                out.append((value, primary))
        return out

    def split_categories(self, text: str) -> list[str]:
        """Group names: the dialect's category separators, then its multi-value rules.

        An exporter may join groups in two ways in one cell (Google's "Outlook CSV" keeps
        Google's ``" ::: "`` inside Outlook's ``";"`` list), so every separator splits.
        """
        pieces = [text]
        marker = ""
        if self.dialect is not None:
            for separator in self.dialect.category_separators:
                pieces = [part for piece in pieces for part in piece.split(separator)]
            marker = self.dialect.category_marker.strip()
        values = [value for piece in pieces for value, _ in self.split(piece)]
        if marker:
            values = [_unmarked(value, marker) for value in values]
        return [value for value in values if value]

    def type_labels(self, text: str) -> tuple[str, ...]:
        """An exporter's type word -> model labels ("Home Fax" -> fax, home); else verbatim."""
        labels: list[str] = []
        for word, primary in self.split(text):
            known = self.dialect.type_labels.get(header_key(word)) if self.dialect else None
            labels.extend(known if known is not None else (word,))
            if primary:
                labels.append("pref")
        return tuple(labels)

    # ---------------------------------------------------------------- adding

    def add_name(self, part: str, header: str, text: str) -> None:
        if part in self.names:
            self.add_other(header, text)
        else:
            self.names[part] = text

    def add_phone(self, value: str, labels: tuple[str, ...]) -> None:
        """A phone value; ``labels`` end with its column's header (every caller's order)."""
        self.phones.append((value, _unique(labels)))
        if ("E" in value or "e" in value) and is_scientific(value):
            self.rounded_numbers |= {value}
            self.rounded_columns += (labels[-1],)

    def add_email(self, value: str, labels: tuple[str, ...]) -> None:
        self.emails.append((value, _unique(labels)))

    def add_messaging(self, value: str, labels: tuple[str, ...]) -> None:
        self.messaging.append((value, _unique(labels)))

    def add_address_part(
        self, labels: tuple[str, ...], part: str, text: str, slot: tuple[int, int] = (0, 0)
    ) -> None:
        key = (_unique(labels), slot)
        self.addresses.setdefault(key, {}).setdefault(part, []).append(text)

    def add_listed(self, target: str, value: str) -> None:
        if target in ("organization", "department"):
            self.add_organization(value, department=target == "department")
        else:
            getattr(self, _LISTS[target]).append(value)

    def add_organization(self, value: str, *, department: bool) -> None:
        """An organisation entry. A department is a unit of the row's company whichever
        column comes first (Thunderbird writes Department before Organization), so that a
        hand-over writes ``ORG:Company;Department`` (one organisation), while rules and
        reports still read the department as an entry of its own, after its company."""
        if department and (not self.organizations or self._waiting_units):
            self._waiting_units += 1  # no company yet: it may come in a later column
            self._append_organization(value, unit=False)
        elif department:
            self._append_organization(value, unit=True)
        elif self._waiting_units:
            self._adopt_waiting_units(value)
        else:
            self._append_organization(value, unit=False)

    def _append_organization(self, value: str, *, unit: bool) -> None:
        self.organizations.append(value)
        self.organization_parts.append(new_org_parts((value,), unit))

    def _adopt_waiting_units(self, company: str) -> None:
        """The first company after departments that had none: it goes before them, and
        they become its units (they are the only entries so far)."""
        units = [new_org_parts(part.components, True) for part in self.organization_parts]
        self.organizations.insert(0, company)
        self.organization_parts[:] = [new_org_parts((company,), False), *units]
        self._waiting_units = 0

    def add_other(self, header: str, text: str) -> None:
        self.other.setdefault(header, []).append(text)

    def add_date(self, target: str, header: str, text: str) -> None:
        empty = self.dialect.empty_dates if self.dialect else frozenset()
        if text in empty or (target in ("birthday", "anniversary") and no_date(text)):
            return  # Outlook's "no date" (0/0/00), in any CSV: no date, as its map says
        if len(text) == SERIAL_LENGTH and target in ("birthday", "anniversary"):
            text = self._unserialised(header, text)
        if target == "birthday":
            if self._birthday is None:
                self._birthday = text
            else:
                self.add_other(header, text)
        elif target == "anniversary":
            if self.anniversary is None:
                self.anniversary = text
            else:
                self.add_other(header, text)
        else:
            self._birth_parts[target] = text

    def _unserialised(self, header: str, text: str) -> str:
        """The date an Excel serial day number stands for (noted for the column's issue);
        any other text as it is."""
        found = serial_date(text)
        if found is None:
            return text
        self.serial_date_columns += (header,)
        return found

    def add_group(self, role: ColumnRole, header: str, text: str) -> None:
        self._groups.setdefault((role.kind, role.index), {})[role.part] = _GroupCell(header, text)

    # ------------------------------------------------------------- finishing

    def birthday(self) -> str | None:
        """The birthday column, else one built from Thunderbird's year/month/day columns."""
        if self._birthday is not None:
            return self._birthday
        year = self._birth_parts.get("birth_year", "")
        month = self._birth_parts.get("birth_month", "")
        day = self._birth_parts.get("birth_day", "")
        if day and not day.isdecimal():
            return day  # a whole date written in the "day" column
        if not (year or month or day):
            return None
        if month.isdecimal() and day.isdecimal():
            if not int(month) or not int(day):
                return None  # a month or day of 0: no date (see date_labels.no_date)
            tail = f"{int(month):02d}-{int(day):02d}"
            return f"{year}-{tail}" if year else f"--{tail}"
        return "-".join(p for p in (year, month, day) if p)

    def finish_groups(self) -> None:
        """Turn the gathered column groups into phones, emails, addresses ..."""
        for (kind, _), cells in self._groups.items():
            handler = getattr(self, f"_group_{kind}", None)
            if handler is None:
                for cell in cells.values():
                    self.add_other(cell.header, cell.value)
            else:
                handler(cells)
        self._groups.clear()

    def _group_phone(self, cells: dict[str, _GroupCell]) -> None:
        labels = self._group_labels(cells)
        value = cells.get("value")
        if value is not None:
            for item, primary in self.split(value.value):
                self.add_phone(item, (*labels, *(("pref",) if primary else ()), value.header))
        self._rest_to_other(cells, ("label", "value"))

    def _group_email(self, cells: dict[str, _GroupCell]) -> None:
        labels = self._group_labels(cells)
        value = cells.get("value")
        if value is not None:
            for item, primary in self.split(value.value):
                self.add_email(item, (*labels, *(("pref",) if primary else ()), value.header))
        self._rest_to_other(cells, ("label", "value"))

    def _group_messaging(self, cells: dict[str, _GroupCell]) -> None:
        """Google's ``IM n`` columns: the type is a label, so is the service (``Skype``)."""
        labels = self._group_labels(cells)
        service = cells.get("service")
        if service is not None and service.value.strip(" *"):
            labels = (*labels, service_name(service.value.strip(" *")))
        value = cells.get("value")
        if value is not None:
            for item, _ in self.split(value.value):
                self.add_messaging(item, (*labels, value.header))
        self._rest_to_other(cells, ("label", "value", "service"))

    def _group_address(self, cells: dict[str, _GroupCell]) -> None:
        """One address per group, and per " ::: " value in it: two Home groups were
        joined into one address with interleaved parts (CSV QA)."""
        labels = self._group_labels(cells)
        self._address_groups += 1
        for part, cell in cells.items():
            if part == "label":
                continue
            if part == "other" or part in ("value", "name", "title", "department"):
                self.add_other(cell.header, cell.value)
                continue
            for piece, (text, _) in enumerate(self.split(cell.value)):
                self.add_address_part(labels, part, text, (self._address_groups, piece))

    def _group_organization(self, cells: dict[str, _GroupCell]) -> None:
        named = False  # a department is a unit only of its own group's organisation
        # the organisation's name first, whatever the column order, so its department follows it
        ordered = sorted(cells.items(), key=lambda item: item[0] not in ("name", "value"))
        for part, cell in ordered:
            if part in ("name", "value"):
                self.add_organization(cell.value, department=False)
                named = True
            elif part == "department":
                self.add_organization(cell.value, department=named)
            elif part == "title":
                self.titles.append(cell.value)
            elif part != "label":
                self.add_other(cell.header, cell.value)

    def _group_relation(self, cells: dict[str, _GroupCell]) -> None:
        self._listed_group(cells, "related")

    def _group_website(self, cells: dict[str, _GroupCell]) -> None:
        self._listed_group(cells, "url")

    def _group_event(self, cells: dict[str, _GroupCell]) -> None:
        label = cells["label"].value if "label" in cells else ""
        value = cells.get("value")
        if value is None:
            return
        field = date_field(label)
        if field is not None:
            self.add_date(field, value.header, value.value)
        else:
            self.add_other(value.header, labelled_date(label, value.value))

    def _group_custom(self, cells: dict[str, _GroupCell]) -> None:
        """Google's ``Custom Field n``: kept under its label, unless the label names a
        chat service or a profile, as a column header would (``LINE``, ``LINE ID``,
        ``WhatsApp``): Android users keep LINE IDs there, which went unreported as
        other text (QA round 18)."""
        value = cells.get("value")
        if value is None:
            return
        label = cells["label"].value if "label" in cells else ""
        role = _custom_role(label)
        if role is None:
            self.add_other(label or value.header, value.value)
            return
        for item, _ in self.split(value.value):
            if role.target == "messaging":
                self.add_messaging(item, (*role.labels, label))
            elif role.target == "phone":
                self.add_phone(item, (*role.labels, label))
            else:
                self.add_listed(role.target, item)

    def _listed_group(self, cells: dict[str, _GroupCell], target: str) -> None:
        value = cells.get("value")
        if value is not None:
            for item, _ in self.split(value.value):
                self.add_listed(target, item)
        self._rest_to_other(cells, ("label", "value"))

    def _group_labels(self, cells: dict[str, _GroupCell]) -> tuple[str, ...]:
        return self.type_labels(cells["label"].value) if "label" in cells else ()

    def _rest_to_other(self, cells: dict[str, _GroupCell], used: tuple[str, ...]) -> None:
        for part, cell in cells.items():
            if part not in used:
                self.add_other(cell.header, cell.value)


_CUSTOM_TARGETS = frozenset({"messaging", "phone", "url"})


def _custom_role(label: str) -> ColumnRole | None:
    """What a custom field's label makes its value: a chat handle, a (WhatsApp) number or
    a profile URL, as the same words make a column (csv_generic.yaml), or a handle of a
    service named alone (``LINE``, ``Skype``: as a header, "Line" may be an address line)."""
    key = header_key(label)
    role = load_guesser().exact.get(key)
    if role is not None and role.target in _CUSTOM_TARGETS:
        return role
    service = service_name(label)
    if key and service in messaging_services():
        return ColumnRole("messaging", (service,))
    return None


def _unmarked(value: str, marker: str) -> str:
    return value[len(marker) :].strip() if value.startswith(marker) else value


def _unique(labels: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(label for label in labels if label))
