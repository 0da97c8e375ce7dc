"""CSV exports whose headers are not English (QA round 5: JA A1, A6/B5, EU A2, B3).

Each test writes a small fictional file inline in the shape the exporter writes:
Google Contacts with a Japanese interface (``電話 1 - ラベル`` / ``電話 1 - 値``), German,
French and Japanese Thunderbird, Japanese Outlook variants and a hand-made Excel list,
Dutch, Italian and Spanish Outlook. Where the header words alone decide (a file no map
names), a label column is never a value, a title is never a phone, a country is never the
organisation, a postcode goes with the address beside it, and a file without any name
column says so.
"""

from __future__ import annotations

import pytest

from parsers.csv_read import read
from piiaudit.parsers.csv_dialects import header_key, load_guesser
from piiaudit.parsers.csv_header import NO_NAME_COLUMN
from piiaudit.reporters import problems


def _role(header: str) -> tuple[str, tuple[str, ...], str] | None:
    role = load_guesser().role(header_key(header))
    return None if role is None else (role.target, role.labels, role.part)


# ------------------------------------------------- 1. Google with a Japanese interface

GOOGLE_JA = (
    "名,ミドルネーム,姓,名（フリガナ）,ミドルネーム（フリガナ）,姓（フリガナ）,敬称（名前の前）,"
    "敬称（名前の後）,ニックネーム,表示名,組織名,役職,部署,誕生日,メモ,写真,ラベル,"
    "メール 1 - ラベル,メール 1 - 値,電話 1 - ラベル,電話 1 - 値,電話 2 - ラベル,電話 2 - 値,"
    "住所 1 - ラベル,住所 1 - 書式設定済み,住所 1 - 番地,住所 1 - 市区町村,住所 1 - 私書箱,"
    "住所 1 - 都道府県,住所 1 - 郵便番号,住所 1 - 国\n"
    "花子,,試験,はなこ,,しけん,,,,,株式会社サンプル商会,主任,資材部,,,,"
    "* myContacts ::: 取引先,* 勤務先,hanako@example.jp,勤務先,03-5555-0101,携帯,"
    '090-5555-0102,自宅,"〒100-0000\n東京都千代田区見本町9-9-9",見本町9-9-9,千代田区,,東京都,'
    "100-0000,日本\n"
)


def test_google_japanese_labels_are_labels_and_the_home_address_keeps_its_label() -> None:
    [contact], info = read(GOOGLE_JA.encode())
    assert info.dialect == "google-csv"
    assert info.unmapped_columns == []
    assert (contact.names.family, contact.names.given) == ("試験", "花子")
    assert (contact.names.phonetic_family, contact.names.phonetic_given) == ("しけん", "はなこ")
    # the label columns are labels of the numbers, never numbers themselves
    assert [(p.value, p.labels) for p in contact.phones] == [
        ("03-5555-0101", ("勤務先", "電話 1 - 値")),
        ("090-5555-0102", ("携帯", "電話 2 - 値")),
    ]
    assert contact.phones[1].number_type == "mobile"
    [email] = contact.emails
    assert email.labels == ("勤務先", "pref", "メール 1 - 値")
    [home] = contact.addresses
    assert home.labels == ("自宅",)  # the packs' home-labels list reads 自宅 as home
    assert (home.street, home.locality, home.postal_code) == ("見本町9-9-9", "千代田区", "100-0000")
    assert home.formatted.startswith("〒100-0000")  # the label is not glued to the address
    # 組織名 is the company; 部署 is its unit, after it
    assert contact.organizations == ("株式会社サンプル商会", "資材部")
    assert [part.unit for part in contact.organization_parts] == [False, True]
    assert contact.titles == ("主任",)
    assert contact.categories == ("myContacts", "取引先")
    assert contact.other == {}


def test_older_google_japanese_export_with_type_columns_and_organisation_groups() -> None:
    data = (
        "名前,名,ミドルネーム,姓,名の読み,姓の読み,誕生日,メモ,グループ,メール 1 - 種類,"
        "メール 1 - 値,電話 1 - 種類,電話 1 - 値,組織 1 - 種類,組織 1 - 名前,組織 1 - 役職\n"
        "見本 一郎,一郎,,見本,いちろう,みほん,,,* My Contacts,* 勤務先,ichiro@example.jp,"
        "携帯,080-5555-0201,,見本工業株式会社,代表取締役\n"
    ).encode()
    [contact], info = read(data)
    assert info.dialect == "google-csv"
    assert contact.names.formatted == "見本 一郎"
    assert (contact.names.phonetic_family, contact.names.phonetic_given) == ("みほん", "いちろう")
    assert [(p.value, p.labels) for p in contact.phones] == [
        ("080-5555-0201", ("携帯", "電話 1 - 値"))
    ]
    assert contact.organizations == ("見本工業株式会社",)
    assert contact.titles == ("代表取締役",)
    assert contact.other == {}


# Blind EU QA round 2: a German-interface Google file kept "Telefon 1 - Label" (Privat) as
# other and read only the street of the address, so the home phone and home address of a
# client went unreported. The names are unverified (no first-party export), as the Japanese.
GOOGLE_DE = (
    "Vorname,Nachname,Notizen,Labels,E-Mail 1 - Label,E-Mail 1 - Wert,Telefon 1 - Label,"
    "Telefon 1 - Wert,Telefon 2 - Label,Telefon 2 - Wert,Adresse 1 - Label,Adresse 1 - Straße,"
    "Adresse 1 - Stadt,Adresse 1 - Postleitzahl,Adresse 1 - Land,Organisation - Name,"
    "Organisation - Titel\n"
    "Klara,Beispiel,Mandantin,* myContacts ::: Mandanten,Privat,klara@example.de,Mobil,"
    "0151 0000 0001,Privat,030 0000 0002,Privat,Musterweg 1,Berlin,10115,Deutschland,"
    "Beispiel Bau GmbH,Geschäftsführerin\n"
)


def test_google_german_interface_labels_address_parts_and_title() -> None:
    [contact], _ = read(GOOGLE_DE.encode())
    assert [(p.value, p.labels[0]) for p in contact.phones] == [
        ("0151 0000 0001", "Mobil"),
        ("030 0000 0002", "Privat"),
    ]
    [home] = contact.addresses
    assert home.labels == ("Privat",)
    assert (home.street, home.locality, home.postal_code, home.country) == (
        "Musterweg 1",
        "Berlin",
        "10115",
        "Deutschland",
    )
    assert contact.organizations == ("Beispiel Bau GmbH",)
    assert contact.titles == ("Geschäftsführerin",)
    assert contact.other == {}


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Plaats (thuis)", ("address", ("home",), "locality")),
        ("Ville (domicile)", ("address", ("home",), "locality")),
        ("Città", ("address", (), "locality")),
        ("País", ("address", (), "country")),
        ("Bundesland", ("address", (), "region")),
    ],
)
def test_city_region_and_country_words_in_other_languages(
    header: str, target: tuple[str, tuple[str, ...], str]
) -> None:
    assert _role(header) == target


def test_google_style_groups_are_read_in_a_file_no_map_names() -> None:
    """A spreadsheet with only a few Google-style columns is generic-csv: its groups are
    still groups, and a label column of a kind no group knows stays a label."""
    data = (
        "氏名,電話 1 - ラベル,電話 1 - 値,ウェブサイト 1 - ラベル,ウェブサイト 1 - 値\n"
        "見本 花,自宅,03-5555-0301,ブログ,https://example.jp/hana\n"
    ).encode()
    [contact], info = read(data)
    assert info.dialect == "generic-csv"
    assert [(p.value, p.labels) for p in contact.phones] == [
        ("03-5555-0301", ("自宅", "電話 1 - 値"))
    ]
    assert contact.urls == ("https://example.jp/hana",)
    assert contact.other == {"ウェブサイト 1 - ラベル": ("ブログ",)}


@pytest.mark.parametrize(
    "header",
    [
        "電話 1 - ラベル",
        "電話 2 - 種類",
        "電話 3 - 種別",
        "メール 1 - ラベル",
        "住所 1 - ラベル",
        "Phone 1 - Label",
        "Phone 1 - Type",
        "E-mail 2 - Type",
        "携帯 1 - ラベル",
        "Fax 1 - Label",
        "Home Address 1 - Type",
    ],
)
def test_a_label_column_is_never_a_value(header: str) -> None:
    role = load_guesser().role(header_key(header))
    assert role is not None
    assert role.target in ("other", "group")
    if role.target == "group":
        assert role.part == "label"


# ------------------------------------------------------- 2. localised Thunderbird

# The header Thunderbird's German translation writes (importMsgs.properties), with the
# trailing comma of a real export.
THUNDERBIRD_DE = (
    "Vorname,Nachname,Anzeigename,Spitzname,Primäre E-Mail-Adresse,Sekundäre E-Mail-Adresse,"
    "Messenger-Name,Tel. dienstlich,Tel. privat,Fax-Nummer,Pager-Nummer,Mobil-Tel.-Nr.,"
    "Privat: Adresse,Privat: Adresse 2,Privat: Ort,Privat: Bundesland,Privat: PLZ,Privat: Land,"
    "Dienstlich: Adresse,Dienstlich: Adresse 2,Dienstlich: Ort,Dienstlich: Bundesland,"
    "Dienstlich: PLZ,Dienstlich: Land,Arbeitstitel,Abteilung,Organisation,Webseite 1,Webseite 2,"
    "Geburtsjahr,Geburtsmonat,Geburtstag,Benutzerdef. 1,Benutzerdef. 2,Benutzerdef. 3,"
    "Benutzerdef. 4,Notizen,\n"
)


def test_german_thunderbird_header_is_a_dialect() -> None:
    row = (
        "Erika,Beispiel,Erika Beispiel,Eri,erika@example.com,erika.b@example.org,,"
        "+49 30 5555 0101,+49 30 5555 0102,,,+49 151 5555 0103,Musterweg 1,,Musterstadt,,"
        "10000,Deutschland,Werkstraße 2,,Musterstadt,,10001,,Geschäftsführerin,Einkauf,"
        "Beispiel GmbH,,,1980,7,9,,,,,Notiz,\n"
    )
    [contact], info = read((THUNDERBIRD_DE + row).encode("cp1252"), "cp1252", region="DE")
    assert info.dialect == "thunderbird-csv"
    assert info.unmapped_columns == []
    names = contact.names
    assert (names.given, names.family, names.formatted) == ("Erika", "Beispiel", "Erika Beispiel")
    assert names.nicknames == ("Eri",)
    # "Arbeitstitel" is the job title: never a phone ("tel" is not a word of it)
    assert contact.titles == ("Geschäftsführerin",)
    assert [(p.value, p.labels) for p in contact.phones] == [
        ("+49 30 5555 0101", ("work", "Tel. dienstlich")),
        ("+49 30 5555 0102", ("home", "Tel. privat")),
        ("+49 151 5555 0103", ("cell", "Mobil-Tel.-Nr.")),
    ]
    # Thunderbird's "Geburtstag" is the day of the month
    assert contact.birthday == "1980-07-09"
    home, work = contact.addresses
    assert home.labels == ("home",)
    assert (home.street, home.locality, home.postal_code, home.country) == (
        "Musterweg 1",
        "Musterstadt",
        "10000",
        "Deutschland",
    )
    assert (work.labels, work.postal_code) == (("work",), "10001")
    assert contact.organizations == ("Beispiel GmbH", "Einkauf")
    assert contact.notes == ("Notiz",)
    assert contact.other == {}
    assert info.issues == []


THUNDERBIRD_FR = (
    "Prénom,Nom de famille,Nom à afficher,Surnom,Adresse e-mail principale,"
    "Adresse e-mail secondaire,Nom de l’écran,Tél. professionnel ,Tél. personnel,Fax,Pager,"
    "Portable,Adresse privée,Adresse privée 2,Ville,Pays/État,Code postal,"
    "Pays/Région (domicile),Adresse professionnelle,Adresse professionnelle 2,Ville,Pays/État,"
    "Code postal,Pays/Région (bureau),Profession,Service,Société,Site web 1,Site web 2,"
    "Année de naissance,Mois,Jour,Divers 1,Divers 2,Divers 3,Divers 4,Notes\n"
)


def test_french_thunderbird_repeats_city_and_postcode_for_each_address() -> None:
    row = (
        "Claire,Exemple,Claire Exemple,,claire@example.fr,,,+33 1 55 55 01 01,,,,"
        "+33 6 55 55 01 02,1 rue du Modèle,,Lyon,,69000,France,2 quai du Test,,Paris,,75000,"
        "France,Acheteuse,Achats,Exemple SA,,,,4,2,,,,,\n"
    )
    [contact], info = read((THUNDERBIRD_FR + row).encode(), region="FR")
    assert info.dialect == "thunderbird-csv"
    assert info.unmapped_columns == []
    home, work = contact.addresses
    assert (home.labels, home.street, home.locality, home.postal_code) == (
        ("home",),
        "1 rue du Modèle",
        "Lyon",
        "69000",
    )
    assert (work.labels, work.street, work.locality, work.postal_code) == (
        ("work",),
        "2 quai du Test",
        "Paris",
        "75000",
    )
    assert contact.titles == ("Acheteuse",)
    assert contact.birthday == "--04-02"
    assert [p.labels[0] for p in contact.phones] == ["work", "cell"]


def test_japanese_thunderbird_birthday_is_the_day_of_the_month() -> None:
    data = (
        "名,姓,表示名,メールアドレス,携帯電話番号,番地 (自宅),市区町村 (自宅),郵便番号 (自宅),"
        "組織,部門,役職,誕生年,誕生月,誕生日,メモ\n"
        "桜,見本,見本 桜,sakura@example.jp,090-5555-0401,見本町1-1,見本市,100-0001,"
        "見本商事,営業部,課長,1985,11,3,\n"
    ).encode()
    [contact], info = read(data)
    assert info.dialect == "thunderbird-csv"
    assert contact.birthday == "1985-11-03"
    [home] = contact.addresses
    assert (home.labels, home.postal_code) == (("home",), "100-0001")
    assert contact.organizations == ("見本商事", "営業部")


@pytest.mark.parametrize("header", ["Arbeitstitel", "Jobtitel", "Titel", "Title", "Job Title"])
def test_a_title_column_is_never_a_phone(header: str) -> None:
    found = _role(header)
    assert found is not None and found[0] in ("title", "prefix")


@pytest.mark.parametrize(
    ("header", "labels"),
    [("TEL", ()), ("Tel.", ()), ("Tel. privat", ("home",)), ("自宅TEL", ("home",)), ("Tel-Nr", ())],
)
def test_tel_as_a_word_is_still_a_phone(header: str, labels: tuple[str, ...]) -> None:
    assert _role(header) == ("phone", labels, "")


def test_tel_inside_a_word_is_not_a_phone() -> None:
    assert _role("Hotel") is None
    assert _role("Intel Kunde") is None


# ------------------------------------- 3. Outlook JA variants and a hand-made Excel list


def test_japanese_outlook_variants_display_name_and_country() -> None:
    data = (
        '"名","姓","会社名","部署","番地 (会社)","郵便番号 (会社)","国 (会社)","国 (自宅)",'
        '"電子メール アドレス","電子メール 表示名","フリガナ (姓)","フリガナ (名)"\r\n'
        '"次郎","見本","見本物流株式会社","営業部","港南9-9","108-0000","日本","日本",'
        '"jiro@example.jp","見本 次郎 (jiro@example.jp)","ミホン","ジロウ"\r\n'
    ).encode("cp932")
    [contact], info = read(data, "cp932")
    assert info.dialect == "outlook-csv"
    # the display name beside the address is not an address
    assert [e.value for e in contact.emails] == ["jiro@example.jp"]
    assert contact.other == {"電子メール 表示名": ("見本 次郎 (jiro@example.jp)",)}
    # 国 (会社) is the company's country, never the company
    assert contact.organizations == ("見本物流株式会社", "営業部")
    work, home = contact.addresses
    assert (work.labels, work.country, work.postal_code) == (("work",), "日本", "108-0000")
    assert (home.labels, home.country) == (("home",), "日本")
    assert (contact.names.phonetic_family, contact.names.phonetic_given) == ("ミホン", "ジロウ")


@pytest.mark.parametrize(
    "header", ["国 (会社)", "国 (自宅)", "勤務先 国/地域", "会社所在国", "Company Country"]
)
def test_a_country_column_is_never_the_organisation(header: str) -> None:
    found = _role(header)
    assert found is None or found[0] != "organization"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("電子メール 表示名", "other"),
        ("電子メール表示名", "other"),
        ("E-mail Display Name", "other"),
        ("Email display name", "other"),
        ("表示名", "name"),
        ("氏名", "name"),
        ("名前", "name"),
        ("フルネーム", "name"),
        ("Full name", "name"),
        ("Name", "name"),
        ("組織名", "organization"),
        ("会社名", "organization"),
    ],
)
def test_display_name_and_full_name_columns(header: str, role: str) -> None:
    found = _role(header)
    assert found is not None and found[0] == role


def test_excel_list_postcode_goes_with_the_home_address_beside_it() -> None:
    data = (
        "No,氏名,ふりがな,会社名,会社電話,自宅住所,〒,メールアドレス\r\n"
        "1,見本 太郎,みほん たろう,見本建材株式会社,03-5555-0501,神奈川県見本市1-1,"
        "210-0000,taro@example.jp\r\n"
    ).encode("cp932")
    [contact], info = read(data, "cp932")
    assert info.dialect == "generic-csv"
    assert contact.names.formatted == "見本 太郎"
    [home] = contact.addresses  # one address, not a home address and a loose postcode
    assert (home.labels, home.formatted, home.postal_code) == (
        ("home",),
        "神奈川県見本市1-1",
        "210-0000",
    )
    assert not any(i.message == NO_NAME_COLUMN for i in info.issues)


def test_a_postcode_before_its_address_takes_that_address_label() -> None:
    data = "氏名,郵便番号,自宅住所\n見本 花子,100-0002,東京都見本区2-2\n".encode()
    [contact], _ = read(data)
    [home] = contact.addresses
    assert (home.labels, home.postal_code) == (("home",), "100-0002")


def test_a_postcode_between_a_home_and_a_work_address_stays_at_home() -> None:
    """Which address it belongs to cannot be told; a home postcode must never leave with
    the work address, so the home one takes it."""
    data = "Name,Work Address,ZIP,Home Address\nAnn Example,1 Office Rd,00001,2 Home St\n"
    [contact], _ = read(data.encode())
    work, home = contact.addresses
    assert (work.labels, work.postal_code) == (("work",), "")
    assert (home.labels, home.postal_code) == (("home",), "00001")


def test_german_list_plz_beside_a_private_address() -> None:
    data = (
        "Vorname,Nachname,Anschrift privat,PLZ,Wohnort\nMax,Muster,Musterweg 3,10002,Musterstadt\n"
    )
    [contact], _ = read(data.encode(), region="DE")
    assert (contact.names.given, contact.names.family) == ("Max", "Muster")
    [home] = contact.addresses
    assert (home.labels, home.postal_code, home.locality) == (("home",), "10002", "Musterstadt")


def test_an_address_column_the_user_mapped_keeps_its_own_labels() -> None:
    data = "Name,Home Address,Postcode\nAnn Example,2 Home St,00002\n"
    [contact], _ = read(data.encode(), csv_columns={"Postcode": "address"})
    assert sorted(a.labels for a in contact.addresses) == [(), ("home",)]


# ------------------------------------------------- 4. Dutch, Italian, Spanish Outlook

OUTLOOK_NL = (
    '"Titel","Voornaam","Middelste naam","Achternaam","Achtervoegsel","Bedrijf","Afdeling",'
    '"Functie","Werkadres, straat","Werkadres, plaats","Huisadres, straat","Huisadres, plaats",'
    '"Huisadres, postcode","Telefoon op werk","Telefoon thuis","Mobiele telefoon","E-mailadres",'
    '"Verjaardag","Speciale datum","Notities","Categorieën"\r\n'
    ',"Jan","","Voorbeeld","","Voorbeeld BV","Inkoop","Inkoper","Kade 1","Rotterdam",'
    '"Dorpsstraat 3","Gouda","2800 AA","+31 10 555 0101","+31 182 555 0102","+31 6 5555 0103",'
    '"jan@example.nl","3-4-1985","0-0-00","Notitie","Klanten"\r\n'
)


def test_dutch_outlook_header_is_read() -> None:
    [contact], info = read(OUTLOOK_NL.encode("cp1252"), "cp1252", region="NL")
    assert info.dialect == "outlook-csv"
    assert info.unmapped_columns == []
    assert info.issues == []
    assert (contact.names.given, contact.names.family) == ("Jan", "Voorbeeld")
    assert contact.organizations == ("Voorbeeld BV", "Inkoop")
    assert contact.titles == ("Inkoper",)
    assert [(p.value, p.labels[0]) for p in contact.phones] == [
        ("+31 10 555 0101", "work"),
        ("+31 182 555 0102", "home"),
        ("+31 6 5555 0103", "cell"),
    ]
    assert contact.phones[2].number_type == "mobile"
    assert contact.birthday == "3-4-1985"
    assert contact.anniversary is None  # Outlook's zero date
    work, home = contact.addresses
    assert (work.labels, work.locality) == (("work",), "Rotterdam")
    assert (home.labels, home.postal_code) == (("home",), "2800 AA")
    assert contact.notes == ("Notitie",)
    assert contact.categories == ("Klanten",)


def test_italian_outlook_header_is_read() -> None:
    data = (
        "Titolo;Nome;Secondo nome;Cognome;Società;Posizione;Via (ab.);Città (ab.);CAP (ab.);"
        "Ufficio;Abitazione;Cellulare;Indirizzo posta elettronica;Compleanno;Notes\r\n"
        ";Lucia;;Esempio;Esempio Srl;Buyer;Via Prova 1;Roma;00100;+39 06 5555 0101;"
        "+39 06 5555 0102;+39 333 555 0103;lucia@example.it;1/2/1980;Nota\r\n"
    ).encode("cp1252")
    [contact], info = read(data, "cp1252", region="IT")
    assert info.dialect == "outlook-csv"
    assert info.unmapped_columns == []
    assert (contact.names.given, contact.names.family) == ("Lucia", "Esempio")
    assert [p.labels[0] for p in contact.phones] == ["work", "home", "cell"]
    [home] = contact.addresses
    assert (home.labels, home.postal_code) == (("home",), "00100")
    assert contact.birthday == "1/2/1980"


def test_spanish_outlook_header_mixes_spanish_and_english_names() -> None:
    data = (
        "Nombre,Apellidos,Organización,Puesto,Calle del trabajo,Ciudad de trabajo,"
        "Teléfono del trabajo,Particular,Mobile Phone,E-mail Address,Birthday,Notes\r\n"
        "Lucía,Ejemplo,Ejemplo SL,Compras,Calle Prueba 1,Madrid,+34 91 555 0101,"
        "+34 91 555 0102,+34 600 555 0103,lucia@example.es,2/3/1981,Nota\r\n"
    ).encode("cp1252")
    [contact], info = read(data, "cp1252", region="ES")
    assert info.dialect == "outlook-csv"
    assert info.unmapped_columns == []
    assert (contact.names.given, contact.names.family) == ("Lucía", "Ejemplo")
    assert [p.labels[0] for p in contact.phones] == ["work", "home", "cell"]
    assert contact.addresses[0].labels == ("work",)


# --------------------------------------------------------- 4. no name column at all


def test_a_file_without_a_name_column_says_so() -> None:
    data = b"Zaak,Telefoon,Opmerking\nVoorbeeld BV,+31 10 555 0201,klant\n"
    [contact], info = read(data, region="NL")
    assert contact.names.display() == ""
    assert [(i.line, i.message) for i in info.issues] == [(1, NO_NAME_COLUMN)]
    assert "csv.columns" in NO_NAME_COLUMN


def test_the_no_name_issue_is_gone_once_the_user_maps_a_name() -> None:
    data = b"Zaak,Telefoon\nVoorbeeld BV,+31 10 555 0201\n"
    [contact], info = read(data, csv_columns={"Zaak": "name"})
    assert contact.names.formatted == "Voorbeeld BV"
    assert info.issues == []


def test_the_no_name_issue_has_its_japanese_wording() -> None:
    japanese = problems.translate(NO_NAME_COLUMN, "ja")
    assert japanese != NO_NAME_COLUMN
    assert "csv.columns" in japanese


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Nachname", "family"),
        ("Vorname", "given"),
        ("Voornaam", "given"),
        ("Achternaam", "family"),
        ("Cognome", "family"),
        ("Prénom", "given"),
        ("Spitzname", "nickname"),
        ("Firmenname", "organization"),
    ],
)
def test_european_name_words_in_files_no_map_names(header: str, target: str) -> None:
    found = _role(header)
    assert found is not None and found[0] == target


def test_an_unlabelled_address_beside_a_home_one_stays_an_address_of_its_own() -> None:
    """Review 7 (A1): 住所 beside 自宅住所, or Street/City/Zip beside Home Address, is the
    company's address: it took the home label, gave a false home-address finding, and
    minimize dropped it. Only parts (a postcode, a town) join the address beside them."""
    data = (
        "氏名,会社名,住所,自宅住所,電話番号\n"
        "見本 太郎,見本商事,東京都港区芝公園1-2-3 見本ビル5F,,03-5555-0101\n"
    ).encode()
    [contact], _ = read(data)
    assert [(a.labels, a.formatted) for a in contact.addresses] == [
        ((), "東京都港区芝公園1-2-3 見本ビル5F")
    ]
    data = (
        b"Name,Company,Street,City,Zip,Home Address\n"
        b"Jo Sample,Sample Ltd,1 Sample Street,London,SW1A 1AA,\n"
    )
    [contact], _ = read(data)
    assert [(a.labels, a.street, a.postal_code) for a in contact.addresses] == [
        ((), "1 Sample Street", "SW1A 1AA")
    ]


def test_tel_headers_that_say_number_or_place_are_phones() -> None:
    """Review 7 (A2): 'tel' as a whole word kept TELNO, HomeTel and PrivatTel out."""
    data = (
        "氏名,TELNO,自宅TELNO,WorkTel,PrivatTel,Arbeitstitel\n"
        "見本 太郎,03-5555-0101,03-5555-0202,03-5555-0303,03-5555-0404,Leiter\n"
    ).encode()
    [contact], _ = read(data)
    assert [(p.value, p.labels[:-1]) for p in contact.phones] == [
        ("03-5555-0101", ()),
        ("03-5555-0202", ("home",)),
        ("03-5555-0303", ("work",)),
        ("03-5555-0404", ("home",)),
    ]
    assert contact.titles == ("Leiter",)


def test_a_hand_made_german_list_keeps_street_and_city() -> None:
    """Vorname, Nachname and Firma make such a list look like Outlook, whose "Ort" is a
    meeting place; with none of Outlook's own address columns it is the city, and
    "Straße" the street (QA round 9: the company got the postcode alone)."""
    data = (
        "Vorname;Nachname;Firma;Straße;PLZ;Ort;Telefon;Mobil\r\n"
        "Thomas;Beispiel;Muster Elektro GmbH;Industriestr. 5;70565;Stuttgart;0711 5555801;"
        "0151 55558001\r\n"
    ).encode("cp1252")
    contacts, _ = read(data, "cp1252", region="DE")
    (address,) = contacts[0].addresses
    assert (address.street, address.postal_code, address.locality) == (
        "Industriestr. 5",
        "70565",
        "Stuttgart",
    )
    assert contacts[0].other == {}


def test_outlooks_own_ort_column_stays_a_meeting_place_beside_its_addresses() -> None:
    data = (
        "Vorname;Nachname;Firma;Straße geschäftlich;Ort geschäftlich;Postleitzahl geschäftlich;"
        "Ort\r\nThomas;Beispiel;Muster GmbH;Industriestr. 5;Stuttgart;70565;Raum 4\r\n"
    ).encode("cp1252")
    contacts, _ = read(data, "cp1252", region="DE")
    (address,) = contacts[0].addresses
    assert address.locality == "Stuttgart"
    assert contacts[0].other == {"Ort": ("Raum 4",)}


@pytest.mark.parametrize(
    "header", ["Straße", "Strasse", "Str.", "Straße und Hausnummer", "Straat", "Rue"]
)
def test_street_columns_in_other_languages(header: str) -> None:
    assert _role(header) == ("address", (), "street")


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("姓（よみ）", "phonetic_family"),
        ("名（よみ）", "phonetic_given"),
        ("よみ（姓）", "phonetic_family"),
        ("名読み", "phonetic_given"),
        ("姓(カナ)", "phonetic_family"),
        ("会社名（よみ）", "other"),  # the company's reading, not the person's
    ],
)
def test_japanese_reading_headings(header: str, target: str) -> None:
    """Japanese web-mail and spreadsheet lists head their readings 姓（よみ）: the readings
    went to ``other``, and a hand-over lost them as the person's name readings."""
    found = _role(header)
    assert found is not None and found[0] == target


def test_a_web_mail_list_with_reading_columns() -> None:
    data = (
        "姓,名,姓（よみ）,名（よみ）,メールアドレス,携帯電話番号,会社名\n"
        "架空,花子,かくう,はなこ,hanako@example.jp,090-5555-0303,架空商事株式会社\n"
    ).encode()
    [contact], _ = read(data)
    assert (contact.names.family, contact.names.given) == ("架空", "花子")
    assert (contact.names.phonetic_family, contact.names.phonetic_given) == ("かくう", "はなこ")
    assert dict(contact.other) == {}
