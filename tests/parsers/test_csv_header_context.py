"""Headers whose meaning their row decides (QA EU round).

* A name an exporter writes twice with two meanings: French Outlook's first ``Titre`` is
  the name prefix (M., Mme), the second, after ``Société`` and ``Service``, the job title;
  Czech Thunderbird names the display name and the screen name ``Zobrazované jméno``. The
  map's ``repeated`` entry gives each occurrence its role, in order.
* A German list headed ``Name;Vorname`` writes the family name under ``Name``: beside a
  ``Vorname`` column and no family-name column, ``Name`` is the family name (the
  ``beside`` entries of csv_generic.yaml), not the whole name.

Every file is written inline in the exporter's code page (Windows-1252, ``;``) with
fictional people, and read the way a user's file is read (encoding detected).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import open_input
from piiaudit.parsers.csv_dialects import _dialect_from, header_key, load_dialects
from piiaudit.parsers.csv_roles import ColumnRole
from piiaudit.parsers.options import ParseOptions


def _read(
    tmp_path: Path, text: str, encoding: str = "windows-1252"
) -> tuple[list[Contact], FileInfo]:
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    with open_input(str(path), ParseOptions(region="DE")) as parsed:
        contacts = list(parsed.contacts)
        info = parsed.info
    return contacts, info


# ------------------------------------------------ French Outlook: "Titre" twice

OUTLOOK_FR_TITRE = (
    '"Titre";"Prénom";"Nom";"Société ";"Service ";"Titre";"Tél. mobile";"Notes"\r\n'
    '"";"Amélie";"Lefèvre";"Boulangeries Réunies SAS";"Achats";"Directrice des achats";"";""\r\n'
    '"Mme";"Claire";"Dubois";"Dubois Conseil SARL";"";"Gérante";"+33 6 55 55 01 02";""\r\n'
    '"M.";"Rémi";"Exemple";"";"";"";"";"Voisin"\r\n'
)


def test_french_outlook_first_titre_is_the_prefix_the_second_the_job_title(
    tmp_path: Path,
) -> None:
    contacts, info = _read(tmp_path, OUTLOOK_FR_TITRE)
    assert info.dialect == "outlook-csv"
    assert info.unmapped_columns == []
    amelie, claire, remi = contacts
    # an empty prefix leaves the job title a job title, not the prefix
    assert (amelie.names.prefix, amelie.titles) == ("", ("Directrice des achats",))
    assert amelie.organizations == ("Boulangeries Réunies SAS", "Achats")
    # with both filled, the job title is no "other" value beside the prefix
    assert (claire.names.prefix, claire.titles) == ("Mme", ("Gérante",))
    assert claire.other == {}
    assert (remi.names.prefix, remi.titles) == ("M.", ())


def test_a_single_titre_column_is_still_the_prefix(tmp_path: Path) -> None:
    header = '"Titre";"Prénom";"Nom";"Société ";"Tél. mobile"\r\n'
    row = '"Mme";"Claire";"Dubois";"Dubois Conseil SARL";"+33 6 55 55 01 02"\r\n'
    [contact], info = _read(tmp_path, header + row)
    assert info.dialect == "outlook-csv"
    assert (contact.names.prefix, contact.titles) == ("Mme", ())


def test_the_repeated_table_names_headers_of_the_map() -> None:
    outlook = next(d for d in load_dialects() if d.name == "outlook-csv")
    titre = header_key("Titre")
    assert outlook.role(titre) == ColumnRole("prefix")
    assert [outlook.role_at(titre, n) for n in range(3)] == [
        ColumnRole("prefix"),
        ColumnRole("title"),
        ColumnRole("title"),  # any further one: the last role
    ]
    # a header without a repeated entry keeps its one role at any occurrence
    assert outlook.role_at(header_key("Prénom"), 1) == ColumnRole("given")


@pytest.mark.parametrize(
    "repeated",
    [
        {"Titre": ["title", "prefix"]},  # the first role is not the one in columns
        {"Titre": ["prefix"]},  # one role: nothing repeated
        {"Unlisted": ["prefix", "title"]},  # not a header of the map
    ],
)
def test_a_bad_repeated_entry_is_refused(repeated: dict[str, Any]) -> None:
    data = {"dialect": "x", "columns": {"Titre": "prefix"}, "repeated": repeated}
    with pytest.raises(ValueError, match="repeated header"):
        _dialect_from(Path("csv_x.yaml"), data)


# ------------------------------------ Czech Thunderbird: "Zobrazované jméno" twice

THUNDERBIRD_CS = (
    "Křestní jméno,Příjmení,Zobrazované jméno,Přezdívka,První e-mail,Druhý e-mail,"
    "Zobrazované jméno,Telefon do zaměstnání,Telefon domů,Faxové číslo,Číslo na pager,"
    "Číslo na mobil,Adresa domů,Adresa domů 2,Město,Kraj,PSČ,Země,Adresa do zaměstnání,"
    "Adresa do zaměstnání 2,Město,Kraj,PSČ,Země,Pozice,Oddělení,Společnost,"
    "Webová stránka 1,webová stránka 2,Rok narození,Měsíc narození,Den narození,"
    "Vlastní 1,Vlastní 2,Vlastní 3,Vlastní 4,Poznámky\r\n"
    "Eva,Vzorová,,,eva@example.com,,evav99,,,,,+420 600 000 013,,,,,,,,,,,,,"
    "Referentka,Nákup,Vzor a.s.,,,,,,,,,,\r\n"
)


def test_czech_thunderbird_screen_name_is_not_the_display_name(tmp_path: Path) -> None:
    [contact], info = _read(tmp_path, THUNDERBIRD_CS, "utf-8")
    assert info.dialect == "thunderbird-csv"
    assert (contact.names.given, contact.names.family) == ("Eva", "Vzorová")
    assert contact.names.formatted == ""  # the screen name is not her name
    assert contact.other == {"Zobrazované jméno": ("evav99",)}


# ------------------------------------------- German lists: "Name" beside "Vorname"


def test_german_name_before_vorname_is_the_family_name(tmp_path: Path) -> None:
    text = "Name;Vorname;Telefon\r\nGrößer;Jörg;0711 5550100\r\nWeiß;Bärbel;030 1234567\r\n"
    contacts, info = _read(tmp_path, text)
    assert [(c.names.given, c.names.family, c.names.formatted) for c in contacts] == [
        ("Jörg", "Größer", ""),
        ("Bärbel", "Weiß", ""),
    ]
    assert [p.value for c in contacts for p in c.phones] == ["0711 5550100", "030 1234567"]
    assert info.unmapped_columns == []


def test_german_name_after_vorname_is_the_family_name(tmp_path: Path) -> None:
    text = "Vorname;Name;Firma\r\nJörg;Größer;Weiß & Söhne GmbH\r\n"
    [contact], _ = _read(tmp_path, text)
    assert (contact.names.given, contact.names.family, contact.names.formatted) == (
        "Jörg",
        "Größer",
        "",
    )
    assert contact.organizations == ("Weiß & Söhne GmbH",)


def test_german_excel_list_taken_for_outlook_keeps_name_as_the_family_name(
    tmp_path: Path,
) -> None:
    """The QA file's shape: Outlook's German words (Vorname, Position, Mobiltelefon) name the
    dialect, and "Name", which Outlook's map does not list, is read beside "Vorname"."""
    text = (
        "Name;Vorname;Firma;Position;Telefon geschäftlich;Mobiltelefon;E-Mail\r\n"
        "Größer;Jörg;Weiß & Söhne GmbH;Vertriebsleiter;0711 5550100;0151 50000999;"
        "j.groesser@example.de\r\n"
    )
    [contact], info = _read(tmp_path, text)
    assert info.dialect == "outlook-csv"
    assert (contact.names.given, contact.names.family) == ("Jörg", "Größer")
    assert contact.titles == ("Vertriebsleiter",)


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # a family-name column of its own: "Name" is the whole name, as before
        ("Name;Vorname;Nachname", "Jörg Größer;Jörg;Größer"),
        # no "Vorname": nothing beside it says it is a part
        ("Name;Telefon", "Jörg Größer;0711 5550100"),
        # English "First Name" beside "Name" is no sign: such lists hold the whole name
        ("Name;First Name;Phone", "Jörg Größer;Jörg;0711 5550100"),
    ],
)
def test_name_stays_the_whole_name_elsewhere(tmp_path: Path, header: str, row: str) -> None:
    [contact], _ = _read(tmp_path, f"{header}\r\n{row}\r\n")
    assert contact.names.formatted == "Jörg Größer"


def test_the_users_column_map_wins_over_the_row(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Name;Vorname;Telefon\r\nJörg Größer;Jörg;0711 5550100\r\n".encode("cp1252"))
    options = ParseOptions(region="DE", csv_columns={"Name": "name"})
    with open_input(str(path), options) as parsed:
        [contact] = list(parsed.contacts)
    assert (contact.names.formatted, contact.names.family) == ("Jörg Größer", "")


def test_rufname_is_the_given_name_beside_name(tmp_path: Path) -> None:
    # Review: "Name;Rufname" read Rufname (the name one goes by) as the whole name.
    contacts, _ = _read(tmp_path, "Name;Rufname;Telefon\r\nGrößer;Jörg;0711 5550100\r\n")
    assert [(c.names.given, c.names.family) for c in contacts] == [("Jörg", "Größer")]
