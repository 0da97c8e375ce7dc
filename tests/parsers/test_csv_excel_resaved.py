"""CSV exports that Excel opened and saved again (QA report B3).

Excel turns a phone number into a number: written back in scientific notation
(``9.06E+09``) its digits are lost, so the reader keeps the text as written, never
classifies it (a mobile or fixed line guessed from what is left would be a guess),
and says so once per column with the number of rows. A birthday or anniversary
Excel wrote as its serial day number (``29341``) is read as the date it stands for,
again with one issue per column. The files here are fictional and written inline.
"""

from __future__ import annotations

import pytest

from parsers.csv_read import read
from piiaudit.parsers.csv_excel import excel_date, serial_date

_ROUNDED_ONE = (
    "column '{header}': 1 row holds a phone number in scientific notation (such as "
    "9.06E+09): Excel rounded it when it saved the file, its digits are lost and it "
    "cannot be checked"
)
_ROUNDED_MANY = (
    "column '{header}': {rows} rows hold phone numbers in scientific notation (such as "
    "9.06E+09): Excel rounded them when it saved the file, their digits are lost and they "
    "cannot be checked"
)
_SERIAL_ONE = (
    "column '{header}': 1 row holds a date as an Excel serial day number; "
    "it was read as the date it stands for"
)
_SERIAL_MANY = (
    "column '{header}': {rows} rows hold dates as Excel serial day numbers; "
    "they were read as the dates they stand for"
)


def _csv(header: str, *rows: str) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def _issues(data: bytes) -> list[tuple[int, str, str]]:
    _, info = read(data)
    return [(i.line, i.message, i.severity) for i in info.issues]


# ------------------------------------------------------------ phones in scientific notation


def test_a_rounded_phone_is_kept_as_written_and_never_classified() -> None:
    contacts, _ = read(
        _csv(
            "姓,名,携帯電話,会社電話,自宅電話",
            "松本,亮二,9.06E+09,3.56E+08,4.26E+08",
            "松本,亮,090-5555-3301,03-5555-3302,",
        )
    )
    rounded, ordinary = contacts
    assert [(p.value, p.e164, p.number_type) for p in rounded.phones] == [
        ("9.06E+09", None, None),
        ("3.56E+08", None, None),
        ("4.26E+08", None, None),
    ]
    assert [p.labels for p in rounded.phones] == [
        ("cell", "携帯電話"),
        ("work", "会社電話"),
        ("home", "自宅電話"),
    ]
    assert [p.number_type for p in ordinary.phones] == ["mobile", "fixed_line"]


@pytest.mark.parametrize("value", ["8.1906E+11", "9.06e+09", "9,06E+09", "9.06E09", "9E+09"])
def test_every_spelling_of_scientific_notation_is_unparsed(value: str) -> None:
    """``9.06E09`` would otherwise be read by phonenumbers as a number of digits 90609."""
    [contact], info = read(_csv("Name,Mobile Phone", f'Taro Example,"{value}"'))
    [phone] = contact.phones
    assert (phone.value, phone.e164, phone.number_type) == (value, None, None)
    assert [i.message for i in info.issues] == [_ROUNDED_ONE.format(header="Mobile Phone")]


@pytest.mark.parametrize("value", ["090-0000-1111 ext. 12", "+81 90 0000 1111", "0120-000-111"])
def test_ordinary_numbers_with_letters_or_a_plus_are_not_flagged(value: str) -> None:
    [contact], info = read(_csv("Name,Mobile Phone", f"Taro Example,{value}"))
    assert contact.phones[0].number_type is not None
    assert info.issues == []


def test_one_issue_per_column_with_the_rows_counted_not_one_per_row() -> None:
    rows = [f"Person{n},9.{n % 90 + 10}E+09,090-0000-{n:04d}" for n in range(5000)]
    data = _csv("Name,Mobile Phone,Home Phone", "Ordinary,090-0000-0000,", *rows)
    contacts, info = read(data)
    assert len(contacts) == 5001
    assert [(i.line, i.message, i.severity) for i in info.issues] == [
        (3, _ROUNDED_MANY.format(header="Mobile Phone", rows=5000), "error")
    ]
    assert sum(1 for c in contacts if c.phones[0].number_type is None) == 5000


def test_a_row_counts_once_even_with_two_rounded_numbers_in_one_cell() -> None:
    """Google joins several values of a column group with ' ::: '."""
    data = _csv(
        "Name,Phone 1 - Label,Phone 1 - Value",
        "Taro Example,Mobile,9.06E+09 ::: 8.1906E+11",
        "Hanako Example,Mobile,9.07E+09",
    )
    contacts, info = read(data)
    assert info.dialect == "google-csv"
    assert [p.number_type for c in contacts for p in c.phones] == [None, None, None]
    assert [i.message for i in info.issues] == [
        _ROUNDED_MANY.format(header="Phone 1 - Value", rows=2)
    ]


# --------------------------------------------------------------------- Excel serial dates


def test_a_serial_birthday_is_read_as_its_date_with_one_issue() -> None:
    data = _csv(
        "姓,名,誕生日,記念日",
        "松本,亮二,29341,38000",
        "松本,亮三,29346,",
        "松本,亮,1980/5/5,2009/6/12",
    )
    contacts, info = read(data)
    assert [(c.birthday, c.anniversary) for c in contacts] == [
        ("1980-04-30", "2004-01-14"),
        ("1980-05-05", None),
        ("1980/5/5", "2009/6/12"),
    ]
    assert [(i.line, i.message, i.severity) for i in info.issues] == [
        (2, _SERIAL_MANY.format(header="誕生日", rows=2), "warning"),
        (2, _SERIAL_ONE.format(header="記念日"), "warning"),
    ]


@pytest.mark.parametrize(
    "written",
    [
        "19800501",  # YYYYMMDD
        "1985",  # a birth year alone
        "1225",  # month and day without separators
        "05050",  # a leading zero: Excel never writes a number so
        "73051",  # past 2099-12-31
        "9999",
        "１９８００",  # full-width digits are typed by a person, not written by Excel
    ],
)
def test_other_numbers_in_a_date_column_stay_as_written(written: str) -> None:
    [contact], info = read(_csv("Name,Birthday", f"Taro Example,{written}"))
    assert contact.birthday == written
    assert info.issues == []


def test_a_serial_date_in_a_google_event_is_read_as_its_date() -> None:
    data = _csv("Name,Event 1 - Label,Event 1 - Value", "Taro Example,Anniversary,38000")
    [contact], info = read(data)
    assert contact.anniversary == "2004-01-14"
    assert [i.message for i in info.issues] == [_SERIAL_ONE.format(header="Event 1 - Value")]


def test_an_outlook_empty_date_is_still_no_date() -> None:
    data = _csv(
        "First Name,Middle Name,Last Name,Mobile Phone,E-mail Address,Birthday",
        "Taro,,Example,,,0/0/00",
    )
    [contact], info = read(data)
    assert info.dialect == "outlook-csv"
    assert contact.birthday is None
    assert info.issues == []


@pytest.mark.parametrize(
    ("serial", "iso"),
    [
        (1, "1900-01-01"),
        (59, "1900-02-28"),
        (60, None),  # Excel's 1900-02-29, a day that never was
        (61, "1900-03-01"),
        (10_000, "1927-05-18"),
        (29_341, "1980-04-30"),
        (45_658, "2025-01-01"),
        (73_050, "2099-12-31"),
        (0, None),
    ],
)
def test_excel_1900_date_system(serial: int, iso: str | None) -> None:
    assert excel_date(serial) == iso


def test_only_five_digit_serials_are_taken_for_dates() -> None:
    assert serial_date("29341") == "1980-04-30"
    assert serial_date("10000") == "1927-05-18"
    assert serial_date("9999") is None
    assert serial_date("73050") == "2099-12-31"
    assert serial_date("73051") is None


# ------------------------------------------------------------ text formulas


def test_a_cell_written_as_an_excel_text_formula_is_read_as_its_text() -> None:
    """``="090-…"`` keeps a leading zero through Excel; the wrapper stayed in the shown
    value (CSV QA). Quoted as Excel quotes it, or bare as a hand-made list has it."""
    contacts, _ = read(
        _csv(
            "姓,名,携帯電話,自宅電話,メール,メモ",
            '架空,亮二,"=""090-0000-3301""",="03-0000-3302",="ryoji@example.jp",="得意先"',
            '架空,亮,="",090-0000-3303,,"=""a"" and ""b"""',
        )
    )
    first, second = contacts
    assert [p.value for p in first.phones] == ["090-0000-3301", "03-0000-3302"]
    assert [p.labels[0] for p in first.phones] == ["cell", "home"]
    assert [e.value for e in first.emails] == ["ryoji@example.jp"]
    assert first.notes == ("得意先",)
    # an empty formula is an empty cell; text with quotes inside is not one formula
    assert [p.value for p in second.phones] == ["090-0000-3303"]
    assert second.notes == ('="a" and "b"',)
