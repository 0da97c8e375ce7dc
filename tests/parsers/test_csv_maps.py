"""The shipped CSV header maps (parsers/data/csv_*.yaml) and the role language."""

from __future__ import annotations

import pytest

from piiaudit.parsers.csv_dialects import (
    data_dir,
    detect_dialect,
    header_key,
    load_dialects,
    load_guesser,
)
from piiaudit.parsers.csv_roles import USER_TARGETS, ColumnRole, parse_role, parse_user_role


def test_every_map_loads_names_a_unique_dialect_and_cites_a_source() -> None:
    dialects = load_dialects()
    names = [d.name for d in dialects]
    assert sorted(names) == [
        "google-csv",
        "outlook-csv",
        "roundcube-csv",
        "thunderbird-csv",
        "windows-live-mail-csv",
        "yahoo-csv",
    ]
    for path in data_dir().glob("csv_*.yaml"):
        assert "Source" in path.read_text(encoding="utf-8"), path.name
    assert load_guesser().contains


def test_header_keys_ignore_case_blanks_bom_and_width() -> None:
    assert header_key("\ufeff  Mobile   Phone ") == "mobile phone"
    assert header_key("ＦＡＸ番号") == header_key("FAX番号") == "fax番号"
    assert header_key("勤務先ファックス  ") == "勤務先ファックス"


def test_role_strings() -> None:
    assert parse_role("phone:fax,work") == ColumnRole("phone", ("fax", "work"))
    assert parse_role("address:home.postal_code") == ColumnRole("address", ("home",), "postal_code")
    assert parse_role("address") == ColumnRole("address", (), "formatted")
    for bad in ("phonebook", "address:home.planet", "phone:", "given:x", "email.street"):
        with pytest.raises(ValueError, match=r"role|part|label"):
            parse_role(bad)


def test_every_documented_user_target_is_accepted_and_nothing_else() -> None:
    for target in USER_TARGETS:
        parse_user_role(target)
    with pytest.raises(ValueError, match="expected one of"):
        parse_user_role("department")  # internal only; not in docs/architecture.md


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("携帯番号", ColumnRole("phone", ("cell",))),
        ("自宅TEL", ColumnRole("phone", ("home",))),
        ("会社住所", ColumnRole("address", ("work",), "formatted")),
        ("Mailing Address", ColumnRole("address", (), "formatted")),
        ("生年月日", ColumnRole("birthday")),
        ("備考", ColumnRole("note")),
        ("姓フリガナ", ColumnRole("phonetic_family")),
        ("会社名", ColumnRole("organization")),
        ("名", ColumnRole("given")),
        ("お名前", ColumnRole("name")),
        ("お客様名", ColumnRole("name")),  # a hand-made customer list (review 10)
        ("Kundenname", ColumnRole("name")),
        # "Ansprechpartner" holds "partner" but is no relative (review 9); its e-mail
        # column stays e-mail.
        ("Ansprechpartner E-Mail", ColumnRole("email")),
        ("Partner", ColumnRole("related")),
    ],
)
def test_generic_header_words(header: str, role: ColumnRole) -> None:
    assert load_guesser().role(header_key(header)) == role


def test_dialect_needs_three_recognised_columns_and_no_tie() -> None:
    assert detect_dialect(["Name", "Notes"]) is None
    assert detect_dialect(["First Name", "Last Name", "Mobile Phone"]) is not None
    assert detect_dialect(["姓", "名", "携帯電話"]) is None  # Outlook and Live Mail both know these


@pytest.mark.parametrize(
    "header", ["Ansprechpartner", "Interner Ansprechpartner", "Ansprechpartner Vertrieb", "担当者"]
)
def test_a_contact_person_column_is_neither_a_relative_nor_the_name(header: str) -> None:
    # Whose person it is differs by export: HubSpot's コンタクト担当者 is our own
    # salesperson (review 10), a hand-made list's Ansprechpartner the customer's.
    assert load_guesser().role(header_key(header)) is None
