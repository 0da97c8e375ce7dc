"""Columns of name readings (フリガナ, Yomi, Phonetic ...) go to the reading they name.

Found in CSV QA: a "Phonetic First Name" column of a file no map knows was a phone column
("phonetic" holds "phone"); Sansan-style "会社名カナ" (the company's reading) became the
person's given-name reading, pushing the real "名カナ" aside; Outlook.com's own "Given
Yomi" and "Surname Yomi" were kept as unknown columns, and its "IMAddress" (a chat handle)
was read as a postal address. All data is fictional.
"""

from __future__ import annotations

import pytest

from parsers.csv_read import read


def test_phonetic_name_columns_are_readings_not_phones() -> None:
    text = (
        "Name,Given name,Family name,Phonetic given name,Phonetic family name,Phone (Mobile)\r\n"
        "架空 花子,花子,架空,はなこ,かくう,090-0000-1234\r\n"
    )
    [contact], _ = read(text.encode("utf-8"))
    assert contact.names.phonetic_given == "はなこ"
    assert contact.names.phonetic_family == "かくう"
    assert [p.value for p in contact.phones] == ["090-0000-1234"]
    assert "Phonetic given name" not in contact.other


@pytest.mark.parametrize(
    "company", ["会社名カナ", "会社名フリガナ", "会社名（カナ）", "組織名カナ"]
)
def test_a_company_reading_is_not_the_persons_given_name_reading(company: str) -> None:
    text = (
        f"会社名,{company},姓,名,姓カナ,名カナ,携帯電話\r\n"
        "架空商事株式会社,カクウショウジ,架空,花子,カクウ,ハナコ,090-0000-1234\r\n"
    )
    [contact], _ = read(text.encode("utf-8"))
    assert contact.names.phonetic_family == "カクウ"
    assert contact.names.phonetic_given == "ハナコ"
    assert contact.other[company] == ("カクウショウジ",)


OUTLOOK_COM = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,Mobile Phone,IMAddress,Job Title,Company,Company Yomi,"
    "Personal Web Page,Schools,Notes\r\n"
    "Hanako,,Kakuu,,,,はなこ,かくう,hanako@kakuu.example.jp,090-0000-1234,live:hanako_kakuu,"
    "課長,架空商事株式会社,カクウショウジ,https://hanako.example.jp,架空大学,\r\n"
)


def test_outlook_com_yomi_columns_are_the_readings() -> None:
    [contact], info = read(OUTLOOK_COM.encode("utf-8"))
    assert info.dialect == "outlook-csv"
    assert contact.names.phonetic_given == "はなこ"
    assert contact.names.phonetic_family == "かくう"
    assert contact.other["Company Yomi"] == ("カクウショウジ",)
    assert "Given Yomi" not in info.unmapped_columns


def test_outlook_com_im_address_is_a_chat_handle_not_a_postal_address() -> None:
    [contact], info = read(OUTLOOK_COM.encode("utf-8"))
    assert contact.addresses == ()
    assert [m.value for m in contact.messaging] == ["live:hanako_kakuu"]
    assert contact.urls == ("https://hanako.example.jp",)
    assert "IMAddress" not in info.unmapped_columns
