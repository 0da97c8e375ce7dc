"""A colleague recorded on a card (Apple's Assistant and Manager, vCard 4.0 co-worker,
Android's assistant and manager relations, Outlook's Manager's and Assistant's
Name) is business information, not a relative: it is kept in ``other``, not among the
related people the family rule reports (QA round 9)."""

from __future__ import annotations

from pathlib import Path

from csv_read import read

from piiaudit.parsers import ParseOptions, open_input


def _read(tmp_path: Path, text: str) -> list[tuple[tuple[str, ...], list[str]]]:
    path = tmp_path / "card.vcf"
    path.write_text(text, encoding="utf-8")
    with open_input(path, ParseOptions()) as parsed:
        return [(c.related, sorted(c.other)) for c in parsed.contacts]


def test_apple_assistant_and_manager_are_not_related_people(tmp_path: Path) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rei Example\r\n"
        "item1.X-ABRELATEDNAMES:Aki Example\r\nitem1.X-ABLabel:_$!<Assistant>!$_\r\n"
        "item2.X-ABRELATEDNAMES:Jun Example\r\nitem2.X-ABLabel:_$!<Manager>!$_\r\n"
        "item3.X-ABRELATEDNAMES:Mari Example\r\nitem3.X-ABLabel:_$!<Spouse>!$_\r\n"
        "END:VCARD\r\n"
    )
    [(related, other)] = _read(tmp_path, card)
    assert related == ("Mari Example",)
    assert other == ["X-ABRELATEDNAMES;assistant", "X-ABRELATEDNAMES;manager"]


def test_a_vcard4_co_worker_is_not_a_related_person(tmp_path: Path) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Rei Example\r\n"
        "RELATED;TYPE=co-worker;VALUE=text:Aki Example\r\n"
        "RELATED;TYPE=spouse;VALUE=text:Mari Example\r\n"
        "RELATED;TYPE=co-worker,crush;VALUE=text:Sam Example\r\nEND:VCARD\r\n"
    )
    [(related, other)] = _read(tmp_path, card)
    assert related == ("Mari Example", "Sam Example")  # a crush is no mere colleague
    assert other == ["RELATED;co-worker"]


def test_android_assistant_and_manager_rows_are_not_related_people(
    tmp_path: Path,
) -> None:
    rows = "".join(
        f"X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;{name};{kind};;;;;;;;;;;;;\r\n"
        for name, kind in (("Aki", 1), ("Jun", 7), ("Ken", 11), ("Mari", 14))
    )
    card = f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Rei Example\r\n{rows}END:VCARD\r\n"
    [(related, _)] = _read(tmp_path, card)
    assert related == ("Ken", "Mari")  # "referred by" is a relative as often (review 12)


def test_outlook_manager_and_assistant_columns_are_kept_aside() -> None:
    data = (
        b"First Name,Last Name,Company,Manager's Name,Assistant's Name,Spouse\r\n"
        b"Rei,Example,Example Ltd,Jun Example,Aki Example,Mari Example\r\n"
    )
    contacts, _ = read(data)
    assert contacts[0].related == ("Mari Example",)
    assert contacts[0].other["Manager's Name"] == ("Jun Example",)
