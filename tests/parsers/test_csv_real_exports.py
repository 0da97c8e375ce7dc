"""CSV exports as real exporters write them (QA report A2, A5, A6, A9, A10, A16).

Each test writes a small fictional file inline in the exporter's own shape: Japanese and
French Outlook, LinkedIn's Connections.csv with its "Notes:" preamble, Thunderbird's
Department-before-Organization header, two exports joined with ``cat``, and Google's
"Outlook CSV" with Google's own multi-value separator.
"""

from __future__ import annotations

import pytest

from parsers.csv_read import read, rebuilt
from piiaudit.model import OrgParts
from piiaudit.parsers.csv_dialects import header_key, load_guesser
from piiaudit.parsers.csv_reader import sniff_csv
from piiaudit.parsers.csv_sniff import PREAMBLE_MAX_LINES
from piiaudit.parsers.sniff import sniff

# --------------------------------------------------------- A2: Japanese-locale Outlook

# Every column of a Japanese Outlook desktop export, as Outlook writes them (all quoted).
_OUTLOOK_JA_HEADER = (
    "肩書き,名,ミドル ネーム,姓,敬称,会社名,部署,役職,番地 (会社),住所 2 (会社),"
    "住所 3 (会社),市町村 (会社),都道府県 (会社),郵便番号 (会社),国 (会社)/地域,"
    "番地 (自宅),住所 2 (自宅),住所 3 (自宅),市町村 (自宅),都道府県 (自宅),"
    "郵便番号 (自宅),国 (自宅)/地域,番地 (その他),住所 2 (その他),住所 3 (その他),"
    "市町村 (その他),都道府県 (その他),郵便番号 (その他),国 (その他)/地域,秘書の電話,"
    "会社 FAX,会社電話,会社電話 2,コールバック,自動車電話,会社代表電話,自宅 FAX,自宅電話,"
    "自宅電話 2,ISDN,携帯電話,その他の FAX,その他の電話,ポケットベル,通常の電話,無線電話,"
    "TTY/TDD,テレックス,ID 番号,Web ページ,アカウント,イニシャル,"
    "インターネット空き時間情報,キーワード,その他住所私書箱,ディレクトリ サーバー,"
    "プライベート,マネージャー,メモ,ユーザー 1,ユーザー 2,ユーザー 3,ユーザー 4,会社 ID,"
    "会社住所私書箱,会社名フリガナ,記念日,経費情報,言語,参照事項,子供,支払い条件,事業所,"
    "自宅住所私書箱,趣味,場所,職業,姓フリガナ,性別,誕生日,電子メール アドレス,"
    "電子メールの種類,電子メール表示名,電子メール 2 アドレス,電子メール 2 の種類,"
    "電子メール 2 表示名,電子メール 3 アドレス,電子メール 3 の種類,電子メール 3 表示名,"
    "配偶者,秘書の氏名,秘密度,分類,名前フリガナ,優先度"
)
OUTLOOK_JA_FULL = _OUTLOOK_JA_HEADER.split(",")


def outlook_ja(values: dict[str, str]) -> bytes:
    """A CP932 Japanese Outlook export with one row holding ``values`` (others empty)."""
    header = ",".join(f'"{name}"' for name in OUTLOOK_JA_FULL)
    row = ",".join(f'"{values[name]}"' if name in values else "" for name in OUTLOOK_JA_FULL)
    return f"{header}\r\n{row}\r\n".encode("cp932")


def test_every_column_of_the_real_japanese_outlook_header_is_known() -> None:
    [contact], info = read(outlook_ja({"姓": "高田", "名": "健"}), "cp932")
    assert info.dialect == "outlook-csv"
    # 趣味 (Hobby) is the one column still left to Contact.other as unmapped
    # (tests/parsers/test_csv_dialects.py relies on it).
    assert info.unmapped_columns == ["趣味"]
    assert contact.names.family == "高田"


@pytest.mark.parametrize("zero", ["00/0/0", "0/0/0", "00/00/00", "0000/00/00", "0/0/00"])
def test_outlook_zero_dates_of_every_locale_mean_no_date(zero: str) -> None:
    [contact], _ = read(outlook_ja({"姓": "高田", "誕生日": zero, "記念日": zero}), "cp932")
    assert contact.birthday is None
    assert contact.anniversary is None
    assert contact.other == {}  # dropped as "no date", not kept elsewhere


def test_a_real_japanese_outlook_date_is_kept() -> None:
    [contact], _ = read(outlook_ja({"誕生日": "1950/4/3", "記念日": "00/0/0"}), "cp932")
    assert contact.birthday == "1950/4/3"
    assert contact.anniversary is None


def test_japanese_outlook_columns_the_zimbra_list_lacked() -> None:
    values = {
        "名": "花子",
        "ミドル ネーム": "M",
        "姓": "山本",
        "会社名": "株式会社テスト",
        "職業": "会社員",
        "マネージャー": "佐藤 部長",
        "子供": "太一",
        "自宅住所私書箱": "私書箱12号",
        "プライベート": "False",
        "ディレクトリ サーバー": "ldap.example.jp",
        "支払い条件": "月末締め",
    }
    [contact], info = read(outlook_ja(values), "cp932")
    assert contact.names.middle == "M"
    assert contact.titles == ("会社員",)
    assert contact.related == ("太一",)  # the manager is a colleague, kept aside (QA round 9)
    [home] = contact.addresses
    assert (home.labels, home.po_box, home.formatted) == (("home",), "私書箱12号", "")
    # known, nothing to read them as
    assert contact.other == {"マネージャー": ("佐藤 部長",), "支払い条件": ("月末締め",)}
    assert "支払い条件" not in info.unmapped_columns


# ----------------------------------------------------------- A5: a preamble before the header

LINKEDIN = (
    b"Notes:\r\n"
    b'"When exporting your connection data, you may notice that some of the email addresses are '
    b"missing. You will only see email addresses for connections who have allowed it, see "
    b'https://www.example.com/help."\r\n'
    b"\r\n"
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    b"Yuki,Sample,https://www.example.com/in/yuki-sample,,Example KK,Sales Manager,15 Mar 2023\r\n"
    b'Dan,Example,https://www.example.com/in/dan-example,dan@example.com,"Widgets, Inc.",'
    b"VP Engineering,02 Jan 2021\r\n"
)


# A script's docstring: prose lines, then one that names two known columns when split
# at its commas ("携帯", "NOTE"), then more prose of every width. Read as a preamble
# and a header, it made 78 contacts of a Python file in a folder walk.
SCRIPT = (
    '"""The iPhone export: vCard 3.0, UTF-8, CRLF, as iOS 17 writes it.\n'
    "\n"
    "iOS puts custom and built-in labels on grouped properties (item1.TEL plus\n"
    "item1.X-ABLabel:得意先携帯), escapes commas in NOTE, folds photos with two\n"
    "spaces, and marks organisation-only cards with X-ABShowAs:COMPANY.\n"
    '"""\n'
    "\n"
    "from __future__ import annotations\n"
    "\n"
    "from fiction.people import AddressEntry, Person, PhoneEntry\n"
).encode()


def test_prose_that_names_columns_is_not_a_table_after_a_preamble() -> None:
    assert sniff(SCRIPT).format != "csv"
    assert not sniff_csv(SCRIPT.decode("utf-8"))


def test_linkedin_connections_are_read_after_the_notes_preamble() -> None:
    contacts, info = read(LINKEDIN)
    assert [c.names.given for c in contacts] == ["Yuki", "Dan"]
    assert [c.source.line for c in contacts] == [5, 6]
    [issue] = info.issues
    assert issue.line == 4  # where the header was found
    assert issue.message == "3 lines before the header row were skipped as a preamble"
    yuki, dan = contacts
    assert yuki.urls == ("https://www.example.com/in/yuki-sample",)
    assert yuki.organizations == ("Example KK",)
    assert yuki.titles == ("Sales Manager",)
    assert yuki.birthday is None and yuki.anniversary is None
    assert yuki.other == {"Connected On": ("15 Mar 2023",)}
    assert dan.emails[0].value == "dan@example.com"
    assert dan.organizations == ("Widgets, Inc.",)
    assert info.unmapped_columns == []
    # the preamble travels with the header bytes; each record keeps its own bytes
    assert rebuilt(LINKEDIN, contacts) == LINKEDIN


def test_a_file_with_a_preamble_is_recognised_as_a_contacts_csv() -> None:
    assert sniff_csv(LINKEDIN.decode())
    assert sniff(LINKEDIN).format == "csv"


def test_a_title_line_before_a_semicolon_table() -> None:
    data = (
        "Kundenliste Vertrieb, Stand März\n"
        "Vorname;Nachname;Firma;Mobiltelefon;E-Mail-Adresse\n"
        "Anna;Beispiel;Muster GmbH;+49 160 5555 0101;anna@example.de\n"
    ).encode()
    assert sniff_csv(data.decode())
    [contact], info = read(data, region="DE")
    assert (contact.names.given, contact.names.family) == ("Anna", "Beispiel")
    assert contact.organizations == ("Muster GmbH",)
    assert contact.phones[0].labels == ("cell", "Mobiltelefon")
    assert [(i.line, i.message) for i in info.issues] == [
        (2, "1 line before the header row was skipped as a preamble")
    ]


def test_rows_holding_contact_values_are_never_skipped_as_a_preamble() -> None:
    """A header-less export whose later row happens to read like a header loses no row."""
    data = (
        b"Ann Example,ann@example.com\n"
        b"Ben Example,ben@example.com\n"
        b"First Name,Last Name,Company,Mobile Phone\n"
        b"Cy,Example,Example KK,cy@example.com\n"
    )
    contacts, info = read(data)
    assert len(contacts) == 4
    assert [c.emails[0].value for c in contacts[:2]] == ["ann@example.com", "ben@example.com"]
    assert not any("preamble" in i.message for i in info.issues)


def test_a_preamble_as_wide_as_the_table_is_not_skipped() -> None:
    data = (
        b"Name,Group,Note\n"  # a header naming one known column less than the next row
        b"Team,Sales Department,Tokyo City Office\n"
        b"Ann,Example KK,090-0000-1111\n"
    )
    contacts, info = read(data)
    assert [c.source.line for c in contacts] == [2, 3]
    assert not any("preamble" in i.message for i in info.issues)


@pytest.mark.parametrize(
    "text",
    [
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Example\r\n"
        "TEL;TYPE=CELL:090-0000-1111\r\nEND:VCARD\r\n",
        "junk\r\nVERSION:3.0\r\nFN:Ann Example\r\nTEL;TYPE=CELL:090-0000-1111\r\nEND:VCARD\r\n",
    ],
)
def test_a_vcard_is_not_a_preamble_before_a_table(text: str) -> None:
    """Split at ``;``, ``TEL;TYPE=CELL:...`` names two known columns, like a header."""
    assert not sniff_csv(text)
    assert sniff(text.encode()).format == "vcard"


def test_the_search_for_a_header_is_bounded() -> None:
    notes = "".join(f"Note number {n}\n" for n in range(PREAMBLE_MAX_LINES))
    data = (notes + "First Name,Last Name,Mobile Phone\nAnn,Example,090-0000-1111\n").encode()
    assert not sniff_csv(data.decode())


# --------------------------------------------------- A6: department before the organisation


def test_thunderbird_department_before_organization_is_a_unit_of_it() -> None:
    data = (
        "First Name,Last Name,Display Name,Primary Email,Work Phone,Job Title,Department,"
        "Organization\n"
        "Emma,Weber,Emma Weber,emma@example.de,+49 40 5555 0100,Einkäuferin,Einkauf,Firma AG\n"
    ).encode()
    [contact], info = read(data, region="DE")
    assert info.dialect == "thunderbird-csv"
    assert contact.organizations == ("Firma AG", "Einkauf")
    assert contact.organization_parts == (OrgParts(("Firma AG",)), OrgParts(("Einkauf",), True))


def test_japanese_department_column_before_company_column() -> None:
    data = "姓,名,部署,所属,携帯電話番号\n村田,聡,購買課,西電機株式会社,090-0000-1902\n"
    [contact], _ = read(data.encode("cp932"), "cp932")
    assert contact.organizations == ("西電機株式会社", "購買課")
    assert [p.unit for p in contact.organization_parts] == [False, True]


def test_department_after_organization_is_unchanged() -> None:
    data = b"First Name,Company,Department\nAnn,Example KK,Sales\n"
    [contact], _ = read(data)
    assert contact.organizations == ("Example KK", "Sales")
    assert [p.unit for p in contact.organization_parts] == [False, True]


def test_a_department_without_a_company_stays_an_organisation_of_its_own() -> None:
    data = b"First Name,Last Name,Department,Organization\nAnn,Example,Sales,\n"
    [contact], _ = read(data)
    assert contact.organizations == ("Sales",)
    assert contact.organization_parts == (OrgParts(("Sales",)),)


def test_google_organization_group_with_the_department_column_first() -> None:
    data = (
        b"First Name,Organization 1 - Department,Organization 1 - Name,"
        b"Organization 2 - Department\n"
        b"Ann,Sales,Example KK,Research\n"
    )
    [contact], info = read(data)
    assert info.dialect == "google-csv"
    assert contact.organizations == ("Example KK", "Sales", "Research")
    # group 2 has no name: its department is an organisation, not a unit of group 1's
    assert [p.unit for p in contact.organization_parts] == [False, True, False]


# -------------------------------------------------------- A9: the header row repeated


def test_a_repeated_header_row_is_skipped_and_reported() -> None:
    header = "First Name,Last Name,Company,Mobile Phone,Home Phone,E-mail Address,Birthday\r\n"
    data = (
        header + "Aki,Goto,Goto KK,090-0000-4001,,aki@example.co.jp,\r\n"
        "\ufeff"
        + header.replace(",Company,", ", Company ,")
        + "Bun,Hara,,080-0000-4002,03-0000-4003,bun@example.com,1960/1/1\r\n"
    ).encode()
    contacts, info = read(data)
    assert [c.names.given for c in contacts] == ["Aki", "Bun"]
    assert [c.source.line for c in contacts] == [2, 4]
    assert [c.source.index for c in contacts] == [0, 1]
    assert info.contacts == 2
    assert [(i.line, i.message) for i in info.issues] == [
        (3, "this row repeats the header row and was skipped")
    ]


def test_a_repeated_quoted_header_after_a_bom_is_skipped() -> None:
    """Outlook writes a UTF-8 BOM and quotes every name: in two exports joined, the
    second BOM leaves the first name quoted (a quote after a BOM opens no quoted cell).
    The header was read as a contact, "First Name Middle Name Last Name", with a
    birthday and a home address among its findings (QA formats)."""
    header = '"Title","First Name","Middle Name","Last Name","Mobile Phone","Birthday"\r\n'
    row = '"","Aki","","Goto","090-0000-4001","1980/1/2"\r\n'
    contacts, info = read((("\ufeff" + header + row) * 2).encode())
    assert [c.names.given for c in contacts] == ["Aki", "Aki"]
    assert [(i.line, i.message) for i in info.issues] == [
        (3, "this row repeats the header row and was skipped")
    ]


def test_a_row_like_the_header_but_not_equal_to_it_is_a_contact() -> None:
    data = b"First Name,Last Name,E-mail Address\nFirst Name,Example,first@example.com\n"
    [contact], info = read(data)
    assert contact.emails[0].value == "first@example.com"
    assert info.issues == []


# ---------------------------------------------------------------- A10: French Outlook

OUTLOOK_FR = (
    '"Titre";"Prénom";"Deuxième prénom";"Nom";"Suffixe";"Société";"Service";"Titre (fonction)";'
    '"Rue (bureau)";"Ville (bureau)";"Code postal (bureau)";"Pays/Région (bureau)";'
    '"Téléphone (bureau)";"Téléphone (domicile)";"Tél. mobile";"Adresse de messagerie";'
    '"Anniversaire";"Catégories";"Notes"\r\n'
    ';"Claire";;"Dubois";;"Exemple SARL";"Achats";"Acheteuse";"12 rue Exemple";"Paris";'
    '"75002";"France";"+33 1 55 55 01 01";;"+33 6 55 55 01 02";"claire@example.fr";"0/0/00";'
    '"Clients";"Rencontrée au salon; aime le golf"\r\n'
)


def test_french_outlook_semicolon_windows_1252() -> None:
    data = OUTLOOK_FR.encode("windows-1252")
    [contact], info = read(data, "windows-1252", region="FR")
    assert info.dialect == "outlook-csv"
    assert info.unmapped_columns == []
    assert (contact.names.given, contact.names.family) == ("Claire", "Dubois")
    assert contact.organizations == ("Exemple SARL", "Achats")
    assert contact.titles == ("Acheteuse",)
    assert [(e.value, e.labels) for e in contact.emails] == [
        ("claire@example.fr", ("Adresse de messagerie",))
    ]
    [work] = contact.addresses
    assert (work.labels, work.street, work.locality, work.postal_code, work.country) == (
        ("work",),
        "12 rue Exemple",
        "Paris",
        "75002",
        "France",
    )
    assert [(p.value, p.labels[0]) for p in contact.phones] == [
        ("+33 1 55 55 01 01", "work"),
        ("+33 6 55 55 01 02", "cell"),
    ]
    assert contact.birthday is None  # Outlook's zero date
    assert contact.categories == ("Clients",)
    assert contact.notes == ("Rencontrée au salon; aime le golf",)


@pytest.mark.parametrize(
    "header", ["Adresse de messagerie", "Courriel", "Adresse courriel", "Correo electrónico"]
)
def test_generic_email_words_win_over_the_address_word(header: str) -> None:
    role = load_guesser().role(header_key(header))
    assert role is not None and role.target == "email"


def test_an_email_in_a_column_guessed_as_an_address_is_an_email() -> None:
    data = b"Name,Postanschrift,Phone\nAnn Example,ann@example.com,090-0000-1111\n"
    [contact], _ = read(data)
    assert contact.addresses == ()
    assert [(e.value, e.labels) for e in contact.emails] == [
        ("ann@example.com", ("Postanschrift",))
    ]


# ------------------------------------------------ A16: Google's "Outlook CSV" categories


def test_google_outlook_csv_categories_are_split_like_google_labels() -> None:
    data = (
        "First Name,Last Name,E-mail Address,Mobile Phone,Categories\n"
        "正人,西田,masato@example.co.jp,090-0000-3802,取引先 ::: * myContacts;Golf\n"
    ).encode()
    [contact], info = read(data)
    assert info.dialect == "outlook-csv"
    assert contact.categories == ("取引先", "myContacts", "Golf")


def test_outlook_categories_without_google_separators_are_unchanged() -> None:
    data = b"First Name,Last Name,Mobile Phone,Categories\nAnn,Example,090-0000-1111,VIP; Work\n"
    [contact], _ = read(data)
    assert contact.categories == ("VIP", "Work")
