"""A number's type kept in the column beside it (``電話番号1`` + ``電話番号1種別``, ``Phone 1``
+ ``Phone 1 Type``) labels that number; it is never a number of its own (QA round 9: a
phone-backup CSV's 自宅 number went to the company unlabelled, beside ``TEL:自宅``)."""

from __future__ import annotations

import pytest
from csv_read import read


def _phones(data: bytes, encoding: str = "utf-8") -> list[tuple[str, tuple[str, ...]]]:
    contacts, _ = read(data, encoding)
    return [(p.value, p.labels) for c in contacts for p in c.phones]


def test_japanese_type_columns_label_their_numbers() -> None:
    data = (
        "名前,会社名,電話番号1,電話番号1種別,電話番号2,電話番号2種別\r\n"
        "架空 太郎,株式会社サンプル,03-5555-9501,会社,03-5555-9951,自宅\r\n"
    ).encode("cp932")
    assert _phones(data, "cp932") == [
        ("03-5555-9501", ("会社", "電話番号1")),
        ("03-5555-9951", ("自宅", "電話番号2")),
    ]


@pytest.mark.parametrize(
    "headers",
    [
        "Name,Phone 1,Phone 1 Type,Phone 2,Phone 2 Type",
        "Name,Phone1,Phone1Type,Phone2,Phone2Type",
        "Name,TEL1,TEL1種別,TEL2,TEL2の種類",
        "Name,Phone 1,Phone 1 - Type,Phone 2,Phone 2 - Type",
    ],
)
def test_type_columns_in_any_spelling(headers: str) -> None:
    data = f"{headers}\nKate Example,+44 20 5555 0101,Work,+44 7700 900123,Home\n".encode()
    found = _phones(data)
    assert [value for value, _ in found] == ["+44 20 5555 0101", "+44 7700 900123"]
    assert [labels[0].lower() for _, labels in found] == ["work", "home"]


def test_an_email_type_column_labels_its_address() -> None:
    contacts, _ = read(
        "名前,メールアドレス1,メールアドレス1種別\n架空 花子,hanako@example.jp,自宅\n".encode()
    )
    (email,) = contacts[0].emails
    assert email.value == "hanako@example.jp"
    assert "自宅" in email.labels
    assert contacts[0].other == {}


def test_a_type_column_without_its_number_column_is_no_number() -> None:
    contacts, _ = read("名前,電話番号,電話種別\n架空 一郎,03-5555-0101,自宅\n".encode())
    assert [p.value for p in contacts[0].phones] == ["03-5555-0101"]
    assert contacts[0].other == {"電話種別": ("自宅",)}


def test_a_phone_cell_without_a_digit_is_kept_as_text() -> None:
    contacts, _ = read("名前,携帯電話\n架空 二郎,非公開\n".encode())
    assert contacts[0].phones == ()
    assert contacts[0].other == {"携帯電話": ("非公開",)}


def test_a_memory_slot_is_no_note_and_an_honorific_no_relative() -> None:
    """A feature-phone backup's メモリ番号 (001) and 宛名職人's 連名1敬称 (様)."""
    contacts, _ = read(
        "メモリ番号,氏名,連名1,連名1敬称\n001,架空 一郎,恵子,様\n".encode("cp932"), "cp932"
    )
    (contact,) = contacts
    assert contact.notes == ()
    assert contact.related == ("恵子",)
    assert contact.other["メモリ番号"] == ("001",)
