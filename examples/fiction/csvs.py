"""The CSV exports: Google Contacts, and Outlook desktop in Japanese and English.

Headers are data (``data/csv_headers.yaml``); this module only fills the cells.
Google joins several values of one kind with `` ::: `` and marks system labels
with ``* ``; Outlook quotes every field, writes an empty date as ``0/0/00``,
uses CRLF, and writes the Windows code page of its locale (CP932 in Japan,
UTF-8 with BOM from an English Outlook here).
"""

from __future__ import annotations

import csv
import io

from fiction.people import AddressEntry, Person

_GOOGLE_PHONE_LABELS = {
    "cell": "Mobile",
    "home": "Home",
    "work": "Work",
    "main": "Main",
    "fax": "Work Fax",
}
_GOOGLE_EMAIL_LABELS = {"work": "Work", "home": "Home", "cell": "Mobile"}
_GOOGLE_GROUPS = {"customer": "得意先", "colleague": "社内", "family": "家族", "friend": "友人"}


def _table(header: list[str], rows: list[dict[str, str]], quote_all: bool) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\r\n", extrasaction="raise")
    if quote_all:
        writer = csv.DictWriter(buffer, header, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in header})
    return buffer.getvalue()


def _google_phones(person: Person) -> list[tuple[str, str]]:
    """(label, value) per Google phone group; numbers with one label share a cell."""
    groups: dict[str, list[str]] = {}
    for phone in person.phones:
        custom = phone.label and not phone.label.startswith("_$!<")
        label = phone.label if custom else _GOOGLE_PHONE_LABELS[phone.kind]
        groups.setdefault(label, []).append(phone.number)
    return [(label, " ::: ".join(numbers)) for label, numbers in groups.items()]


def _google_address(row: dict[str, str], address: AddressEntry) -> None:
    row["Address 1 - Label"] = address.kind.capitalize()
    row["Address 1 - Formatted"] = (
        f"〒{address.postal}\n{address.region}{address.locality}\n{address.street}"
    )
    row["Address 1 - Street"] = address.street
    row["Address 1 - City"] = address.locality
    row["Address 1 - Region"] = address.region
    row["Address 1 - Postal Code"] = address.postal
    row["Address 1 - Country"] = "JP"


def _google_labels(person: Person) -> str:
    """``* myContacts`` is Google's system label; the owner's own group follows."""
    group = _GOOGLE_GROUPS.get(person.role)
    return "* myContacts" + (f" ::: {group}" if group else "")


def google(people: list[Person], header: list[str]) -> bytes:
    rows = []
    for person in people:
        row = {
            "First Name": person.given.kanji if person.given else "",
            "Last Name": person.family.kanji if person.family else "",
            "Phonetic First Name": person.given.kana if person.given else "",
            "Phonetic Last Name": person.family.kana if person.family else "",
            "File As": person.full_name() if person.display else "",
            "Organization Name": person.org,
            "Organization Title": person.title,
            "Organization Department": person.dept,
            "Birthday": person.birthday,
            "Notes": person.note,
            "Labels": _google_labels(person),
        }
        for number, email in enumerate(person.emails[:2], start=1):
            prefix = "* " if number == 1 else ""
            row[f"E-mail {number} - Label"] = prefix + _GOOGLE_EMAIL_LABELS[email.kind]
            row[f"E-mail {number} - Value"] = email.address
        for number, (label, value) in enumerate(_google_phones(person)[:3], start=1):
            row[f"Phone {number} - Label"] = label
            row[f"Phone {number} - Value"] = value
        address = person.address_of("home") or person.address_of("work")
        if address is not None:
            _google_address(row, address)
        rows.append(row)
    return _table(header, rows, quote_all=False).encode("utf-8")


def _outlook_date(birthday: str, english: bool) -> str:
    if not birthday:
        return "0/0/00"
    year, month, day = (int(part) for part in birthday.split("-"))
    return f"{month}/{day}/{year}" if english else f"{year}/{month}/{day}"


def _outlook_row(person: Person, columns: dict[str, str], english: bool) -> dict[str, str]:
    """One record, keyed by the neutral column names of ``csv_headers.yaml``."""
    work = person.address_of("work")
    home = person.address_of("home")
    values = {
        "family": person.family.kanji if person.family else "",
        "given": person.given.kanji if person.given else "",
        "family_kana": person.family.kana if person.family else "",
        "given_kana": person.given.kana if person.given else "",
        "company": person.org_en if english else person.org,
        "department": person.dept,
        "job_title": person.title,
        "work_fax": "",
        "work_phone": " ".join(p.number for p in person.phones_of("work")[:1]),
        "home_phone": " ".join(p.number for p in person.phones_of("home")[:1]),
        "mobile_phone": " ".join(p.number for p in person.phones_of("cell")[:1]),
        "email": person.emails[0].address if person.emails else "",
        "email_type": "SMTP" if person.emails else "",
        "email_display": f"{person.full_name()} ({person.emails[0].address})"
        if person.emails
        else "",
        "birthday": _outlook_date(person.birthday, english),
        "notes": person.note,
        "categories": "得意先" if person.role == "customer" and not english else "",
    }
    if english and person.family and person.given:
        values["family"], values["given"] = person.family.romaji, person.given.romaji
    for prefix, address in (("work", work), ("home", home)):
        if address is not None:
            values[f"{prefix}_street"] = address.street
            values[f"{prefix}_city"] = address.locality
            values[f"{prefix}_region"] = address.region
            values[f"{prefix}_postal"] = address.postal
            values[f"{prefix}_country"] = "Japan" if english else "日本"
    return {header: values.get(key, "") for header, key in columns.items()}


def outlook(people: list[Person], columns: dict[str, str], english: bool) -> bytes:
    rows = [_outlook_row(person, columns, english) for person in people]
    text = _table(list(columns), rows, quote_all=True)
    return b"\xef\xbb\xbf" + text.encode("utf-8") if english else text.encode("cp932")
