"""Which file names name a contact a compliance report may not show (audit.withhold).

"Share contact" saves one person as ``<their name>.vcf``; in a compliance report the
path alone would name an employee's private contact. These tests pin which names
count as naming a contact, and which do not (an employee's own folder, a word that
merely contains a short name).
"""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from piiaudit.audit.withhold import names_one_of, placeholder, withheld
from piiaudit.model import (
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    Email,
    FileInfo,
    FileResult,
    Names,
    Phone,
    RiskLevel,
    SourceRef,
)

HIDDEN = frozenset({ContactClass.PRIVATE, ContactClass.UNKNOWN})


def _contact(
    path: str = "x.vcf",
    *,
    family: str = "",
    given: str = "",
    fn: str = "",
    phone: str = "",
    index: int = 0,
) -> Contact:
    return Contact(
        source=SourceRef(path=path, index=index, line=1 + 5 * index),
        names=Names(formatted=fn, family=family, given=given),
        phones=(Phone(phone),) if phone else (),
    )


ONIZUKA = _contact(family="鬼塚", given="雅美", fn="鬼塚 雅美", phone="090-1234-5678")
WONG = _contact(family="Wong", given="Lisa", fn="Lisa Wong")


@pytest.mark.parametrize(
    "name",
    [
        "鬼塚 雅美.vcf",  # iPhone "Share contact"
        "鬼塚雅美.vcf",
        "鬼塚　雅美.vcf",  # an ideographic space
        "鬼塚 雅美 and 3 others.vcf",
        "鬼塚雅美さん.vcf",  # no word boundary in Japanese
        "雅美 鬼塚.vcf",
        "鬼塚_雅美(1).vcf",  # a second copy
        "090-1234-5678.vcf",  # a card without a name is shared under its number
        "+81 90 1234 5678.vcf",
    ],
)
def test_a_file_named_after_the_contact_names_it(name: str) -> None:
    assert names_one_of(f"exports/tanaka/{name}", [ONIZUKA])


@pytest.mark.parametrize(
    "name", ["Lisa Wong.vcf", "lisa_wong.vcf", "Wong, Lisa.vcf", "LISA-WONG and 2 others.vcf"]
)
def test_latin_names_in_any_case_and_order(name: str) -> None:
    assert names_one_of(f"exports/{name}", [WONG])


@pytest.mark.parametrize(
    "name",
    [
        "contacts.vcf",
        "鬼塚.vcf",  # the family name alone: only in a file of a few contacts (below)
        "00001.vcf",
        "backup-2026-11-29.vcf",
        "Lisa.vcf",
        "Wongs-Lisabon.vcf",  # both words there, but inside other words
    ],
)
def test_other_file_names_do_not(name: str) -> None:
    assert not names_one_of(f"exports/{name}", [ONIZUKA, WONG])


def test_a_short_latin_name_must_be_a_whole_word() -> None:
    ann = _contact(fn="Ann")
    assert not names_one_of("exports/annual-export.vcf", [ann])
    assert names_one_of("exports/for ann.vcf", [ann])


def test_a_one_character_name_must_stand_alone() -> None:
    mother = _contact(fn="母")
    assert names_one_of("exports/tanaka/母.vcf", [mother])
    assert not names_one_of("exports/tanaka/母艦バックアップ.vcf", [mother])


# QA batch round: 母.vcf was withheld, these were shown. Kana around a kanji are its
# honorifics and particles; a digit or a separator is no part of a word.
@pytest.mark.parametrize(
    "name", ["母 2.vcf", "母(1).vcf", "母さん.vcf", "お母さん.vcf", "母と父.vcf", "母_父.vcf"]
)
def test_a_one_character_kanji_name_counts_without_a_kanji_beside_it(name: str) -> None:
    assert names_one_of(f"exports/tanaka/{name}", [_contact(fn="母")])


@pytest.mark.parametrize("name", ["祖母.vcf", "父母会名簿.vcf", "保母さん.vcf"])
def test_a_one_character_kanji_in_another_word_does_not(name: str) -> None:
    assert not names_one_of(f"exports/tanaka/{name}", [_contact(fn="母")])


def test_a_file_in_a_folder_of_the_same_name_names_its_employee() -> None:
    own = _contact(family="鈴木", given="太郎", fn="鈴木 太郎")
    assert not names_one_of("exports/鈴木太郎/鈴木太郎.vcf", [own])
    assert names_one_of("exports/tanaka/鈴木太郎.vcf", [own])


def _result(path: str, *people: tuple[Contact, ContactClass], group: str = "") -> FileResult:
    results = [
        ContactResult(c, Classification(label, 0.9), (), 0, RiskLevel.NONE) for c, label in people
    ]
    return FileResult(FileInfo(path=path, contacts=len(results)), group or path, results)


def test_withheld_moves_every_path_of_the_file() -> None:
    path = "exports/tanaka/鬼塚 雅美.vcf"
    shown = placeholder(path, 7)
    card = _contact(path, family="鬼塚", given="雅美")
    boss = _contact(path, fn="山田 部長")
    result = withheld(
        _result(path, (card, ContactClass.PRIVATE), (boss, ContactClass.BUSINESS)),
        path,
        shown,
        HIDDEN,
    )
    assert shown == "exports/tanaka/[name withheld #7].vcf"
    assert result.info.path == shown
    assert result.group == shown
    assert [r.contact.source.path for r in result.contacts] == [shown, shown]


def test_withheld_keeps_an_employee_folder_group() -> None:
    path = "exports/tanaka/鬼塚 雅美.vcf"
    card = _contact(path, family="鬼塚", given="雅美")
    result = _result(path, (card, ContactClass.UNKNOWN), group="exports/tanaka")
    assert withheld(result, path, placeholder(path, 1), HIDDEN).group == "exports/tanaka"


def test_a_business_contact_named_by_the_file_keeps_it() -> None:
    """Compliance sees business contacts (masked): only an unlisted name is withheld."""
    path = "exports/tanaka/山田 一郎.vcf"
    card = _contact(path, family="山田", given="一郎")
    result = withheld(_result(path, (card, ContactClass.BUSINESS)), path, "shown.vcf", HIDDEN)
    assert result.info.path == path
    assert result.contacts[0].contact.source.path == path


def test_a_placeholder_keeps_only_a_plain_extension() -> None:
    assert placeholder("a/b/鬼塚.VCF", 3) == "a/b/[name withheld #3].VCF"
    assert placeholder("a/鬼塚.雅美", 2) == "a/[name withheld #2]"
    assert placeholder("鬼塚 雅美", 1) == "[name withheld #1]"


def test_a_whole_export_named_after_its_employee_keeps_its_name() -> None:
    """A compliance officer names each employee's export after them; the employee's own
    card (unlisted: a name and a mobile number) is one of many, not the first."""
    path = "exports/鈴木太郎.vcf"
    own = _contact(path, family="鈴木", given="太郎", index=3)
    result = _result(path, *_customers(path, skip=3), (own, ContactClass.UNKNOWN))
    assert withheld(result, path, "shown.vcf", HIDDEN).info.path == path


def test_a_share_of_many_contacts_is_named_after_the_first() -> None:
    path = "exports/tanaka/鬼塚 雅美 and 6 others.vcf"
    first = _contact(path, family="鬼塚", given="雅美", index=0)
    result = _result(path, (first, ContactClass.PRIVATE), *_customers(path, skip=0))
    assert withheld(result, path, "shown.vcf", HIDDEN).info.path == "shown.vcf"


def _customers(path: str, *, skip: int) -> list[tuple[Contact, ContactClass]]:
    """Six business contacts of a file, numbered around the card at index ``skip``."""
    numbers = [n for n in range(7) if n != skip]
    return [(_contact(path, fn=f"顧客 {n}", index=n), ContactClass.BUSINESS) for n in numbers]


# A shared file of a few contacts is looked at for any part of their names (QA leak
# hunt: 鬼塚.vcf, 雅美.vcf, the reading and the e-mail address were shown).
MASAMI = Contact(
    source=SourceRef(path="x.vcf", index=0, line=1),
    names=Names(
        formatted="鬼塚 雅美",
        family="鬼塚",
        given="雅美",
        phonetic_family="おにづか",
        phonetic_given="まさみ",
        nicknames=("マーちゃん",),
    ),
    emails=(Email("onizuka.masami@example.net"),),
)


@pytest.mark.parametrize(
    "name",
    [
        "鬼塚.vcf",
        "雅美.vcf",
        "おにづか まさみ.vcf",
        "まさみ.vcf",
        "マーちゃん.vcf",
        "onizuka.masami@example.net.vcf",
        "onizuka.masami.vcf",
    ],
)
def test_any_part_of_a_name_counts_in_a_file_of_a_few_contacts(name: str) -> None:
    assert names_one_of(f"exports/tanaka/{name}", [MASAMI], partial=True)
    assert not names_one_of(f"exports/tanaka/{name}", [MASAMI])


@pytest.mark.parametrize(
    "name", ["オニヅカ マサミ.vcf", "ｵﾆﾂﾞｶ.vcf", "マサミ.vcf", "まーちゃん.vcf"]
)
def test_a_reading_counts_in_either_kana(name: str) -> None:
    # QA batch round: the reading stored in hiragana, the file named in katakana.
    assert names_one_of(f"exports/tanaka/{name}", [MASAMI], partial=True)


def test_a_katakana_repeat_mark_is_its_hiragana_one() -> None:
    # Review: みすゞ stored, ミスヾ.vcf shown.
    misuzu = Contact(
        source=SourceRef(path="x.vcf", index=0, line=1),
        names=Names(formatted="金子 みすゞ", family="金子", given="みすゞ"),
    )
    assert names_one_of("exports/tanaka/ミスヾ.vcf", [misuzu], partial=True)


def test_a_word_of_a_name_given_only_as_fn_counts() -> None:
    mother = _contact(fn="鬼塚 母")
    assert names_one_of("exports/tanaka/母.vcf", [mother], partial=True)
    assert not names_one_of("exports/tanaka/母艦.vcf", [mother], partial=True)


def test_part_of_a_name_in_the_employee_folder_is_the_employee() -> None:
    wife = _contact(family="鈴木", given="花子", fn="鈴木 花子")
    assert not names_one_of("exports/鈴木太郎/鈴木.vcf", [wife], "exports/鈴木太郎", partial=True)


def test_withheld_looks_for_parts_only_in_a_file_of_a_few_contacts() -> None:
    few = "exports/tanaka/鬼塚.vcf"
    card = replace(MASAMI, source=SourceRef(path=few, index=0, line=1))
    result = withheld(_result(few, (card, ContactClass.PRIVATE)), few, "shown.vcf", HIDDEN)
    assert result.info.path == "shown.vcf"

    many = "exports/鬼塚.vcf"  # an export of its employee, whose first card is a relative
    card = replace(MASAMI, source=SourceRef(path=many, index=0, line=1))
    result = _result(many, (card, ContactClass.PRIVATE), *_customers(many, skip=0))
    assert withheld(result, many, "shown.vcf", HIDDEN).info.path == many


def test_folders_below_the_employee_folder_are_looked_at_too() -> None:
    """QA leak hunt: ``tanaka/鬼塚 雅美/鬼塚 雅美.vcf`` kept its name, the folder of the
    same name taken for an employee's, and a folder alone was never looked at."""
    employee = "dn3/tanaka"
    assert names_one_of("dn3/tanaka/鬼塚 雅美/鬼塚 雅美.vcf", [ONIZUKA], employee)
    assert names_one_of("dn3/tanaka/鬼塚 雅美/card.vcf", [ONIZUKA], employee)
    assert names_one_of("dn3/tanaka/鬼塚/雅美.vcf", [ONIZUKA], employee)
    assert not names_one_of("dn3/tanaka/old-phone/card.vcf", [ONIZUKA], employee)
    # The employee's own folder, at any depth above the file, names the employee.
    own = _contact(family="鈴木", given="太郎", fn="鈴木 太郎")
    assert not names_one_of("exports/鈴木太郎/old/鈴木太郎.vcf", [own], "exports/鈴木太郎")


def test_a_placeholder_goes_in_the_employee_folder() -> None:
    path = "dn3/tanaka/鬼塚 雅美/鬼塚 雅美.vcf"
    assert placeholder(path, 4, "dn3/tanaka") == "dn3/tanaka/[name withheld #4].vcf"
    # a file named on its own: its employee is its folder, "." for the current one
    assert placeholder("鬼塚 雅美.vcf", 5, ".") == "[name withheld #5].vcf"


SHACHIO = _contact(family="鯱尾崎", given="ミツ子", fn="鯱尾崎 ミツ子", phone="090-0000-7390")


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_a_name_in_a_legacy_japanese_encoding_names_the_contact(encoding: str) -> None:
    """Unzipping a Windows archive on Linux leaves names in CP932 bytes, which Python
    holds as surrogate escapes and reports show as \\xNN: decoded back, they named a
    private contact (compliance QA, F1). Each clean legacy reading is looked at too."""
    path = os.fsdecode(b"exports/e4/" + "鯱尾崎 ミツ子.vcf".encode(encoding))
    assert names_one_of(path, [SHACHIO])
    short = os.fsdecode(b"exports/e4/" + "鯱尾崎.vcf".encode(encoding))
    assert names_one_of(short, [SHACHIO], partial=True)
    other = os.fsdecode(b"exports/e4/" + "見本 一覧.vcf".encode(encoding))
    assert not names_one_of(other, [SHACHIO], partial=True)


def test_a_western_legacy_name_is_read_whole() -> None:
    zorb = _contact(family="Zörblätt", given="Hanne", fn="Hanne Zörblätt")
    path = os.fsdecode(b"exports/e1/Z\xf6rbl\xe4tt.vcf")  # CP1252: the family name alone
    assert names_one_of(path, [zorb], partial=True)
