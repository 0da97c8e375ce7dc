"""Outlook and Thunderbird CSV exports with Polish, Russian, Portuguese, Czech, Hungarian headers.

Each test writes a small fictional export in the shape and code page the program writes
(Outlook: Windows-1250 for Polish, Czech and Hungarian, Windows-1251 for Russian,
Windows-1252 for Portuguese) and reads it the way the command line does, through
``open_input``, which has to tell the code page itself (but for Russian: see
``test_russian_outlook_code_page_is_told``). Before these header maps such files
were read as generic CSV: no names, and the birthday, notes and home address left in "other".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input


def _write(tmp_path: Path, columns: list[tuple[str, str]], encoding: str, sep: str = ",") -> Path:
    """An export of one contact: every header and value quoted, CRLF line ends (as Outlook)."""
    header = sep.join(f'"{name}"' for name, _ in columns)
    values = sep.join(f'"{value}"' if value else "" for _, value in columns)
    path = tmp_path / "contacts.csv"
    path.write_bytes(f"{header}\r\n{values}\r\n".encode(encoding))
    return path


def _read(path: Path, region: str) -> tuple[Contact, FileInfo]:
    with open_input(str(path), ParseOptions(region=region)) as parsed:
        [contact] = list(parsed.contacts)
        return contact, parsed.info


def _phones(contact: Contact) -> list[tuple[str, str]]:
    return [(p.value, p.labels[0]) for p in contact.phones]


def _home(contact: Contact) -> tuple[str, str, str]:
    [home] = [a for a in contact.addresses if a.labels == ("home",)]
    return home.street, home.locality, home.postal_code


# --------------------------------------------------------------------------- Outlook

OUTLOOK_PL = [
    ("Tytuł", ""),
    ("Imię", "Jan"),
    ("Drugie imię", ""),
    ("Nazwisko", "Testowy"),
    ("Sufiks", ""),
    ("Firma", "Przykład Sp. z o.o."),
    ("Dział", "Zakupy"),
    ("Stanowisko", "Kierownik"),
    ("Adres służbowy - ulica", "ul. Biurowa 1"),
    ("Adres służbowy - miejscowość", "Warszawa"),
    ("Adres służbowy - kod pocztowy", "00-001"),
    ("Adres domowy - ulica", "ul. Przykładowa 5"),
    ("Adres domowy - miejscowość", "Łódź"),
    ("Adres domowy - województwo", "łódzkie"),
    ("Adres domowy - kod pocztowy", "90-001"),
    ("Adres domowy - kraj/region", "Polska"),
    ("Telefon służbowy", "+48 22 000 00 01"),
    ("Telefon domowy", "+48 42 000 00 02"),
    ("Telefon komórkowy", "+48 600 000 001"),
    ("Adres e-mail", "jan.testowy@example.com"),
    ("Typ poczty e-mail", "SMTP"),
    ("Wyświetlana nazwa e-mail", "Jan Testowy (jan.testowy@example.com)"),
    ("Kategorie", "Klienci"),
    ("Notatki", "Żółta notatka"),
    ("Płeć", "Nieokreślona"),
    ("Priorytet", "Normalny"),
    ("Urodziny", "1985-04-03"),
]


OUTLOOK_RU = [
    ("Обращение", ""),
    ("Имя", "Иван"),
    ("Отчество", "Петрович"),
    ("Фамилия", "Тестов"),
    ("Суффикс", ""),
    ("Организация", "ООО «Пример»"),
    ("Отдел", "Закупки"),
    ("Должность", "Менеджер"),
    ("Улица (раб. адрес)", "ул. Офисная, д. 2"),
    ("Город (раб. адрес)", "Москва"),
    ("Индекс (раб. адрес)", "101000"),
    ("Улица (дом. адрес)", "ул. Примерная, д. 1, кв. 3"),
    ("Город (дом. адрес)", "Тверь"),
    ("Почтовый код (дом.)", "170000"),
    ("Страна или регион (дом. адрес)", "Россия"),
    ("Улица (другой адрес)", ""),
    # Outlook writes a no-break space here; converters write two spaces
    ("Город \u00a0(другой адрес)", ""),
    ("Индекс  (другой адрес)", ""),
    ("Рабочий телефон", "+7 495 000-00-01"),
    ("Домашний телефон", "+7 482 000-00-02"),
    ("Телефон переносной", "+7 900 000-00-01"),
    ("Годовщина", "0.0.00"),
    ("День рождения", "3.4.1985"),
    ("Заметки", "Тестовая заметка"),
    ("Категории", "Клиенты"),
    ("Адрес эл. почты", "ivan.testov@example.com"),
    ("Тип эл. почты", "SMTP"),
    ("Краткое имя эл. почты", "Иван Тестов (ivan.testov@example.com)"),
]


OUTLOOK_PT_BR = [
    ("Tratamento", ""),
    ("Primeiro nome", "João"),
    ("Segundo nome", ""),
    ("Sobrenome", "Teste"),
    ("Sufixo", ""),
    ("Empresa", "Exemplo Ltda"),
    ("Departamento", "Compras"),
    ("Cargo", "Comprador"),
    ("Business Street", "Av. Comercial, 100"),
    ("Business City", "São Paulo"),
    ("Business State", "SP"),
    ("Business Postal Code", "01000-000"),
    ("País/Região da Empresa", "Brasil"),
    ("Endereço residencial", "Rua Exemplo, 10"),
    ("Cidade do endereço residencial", "Campinas"),
    ("Estado", "SP"),
    ("CEP do endereço residencial", "13000-000"),
    ("País/Região de Residência", "Brasil"),
    ("Outro endereço", "Rua da Praia, 7"),
    ("Cidade", "Santos"),
    ("Outro Estado", "SP"),
    ("CEP", "11000-000"),
    ("Telefone comercial", "+55 11 5555-0101"),
    ("Telefone residencial", "+55 19 5555-0102"),
    ("Telefone celular", "+55 11 95555-0103"),
    ("E-mail Address", "joao.teste@example.com"),
    ("Tipo de email", "SMTP"),
    ("Nome para exibição do email", "João Teste (joao.teste@example.com)"),
    ("Anotações", "Observação de teste"),
    ("Birthday", "3/4/1985"),
    ("Categorias", "Clientes"),
]


OUTLOOK_PT_PT = [
    ("Título", ""),
    ("Primeiro nome", "Maria"),
    ("Outros nomes/apelidos", ""),
    ("Apelido", "Exemplo"),
    ("Empresa", "Exemplo, Lda."),
    ("Cargo", "Gestora"),
    ("Rua da empresa", "Av. da Liberdade, 1"),
    ("Localidade da empresa", "Lisboa"),
    ("Rua da residência", "Rua do Teste, 5"),
    ("Localidade da residência", "Porto"),
    ("Código postal da residência", "4000-001"),
    ("País da Residência/Região", "Portugal"),
    ("Telefone da empresa", "+351 21 000 0001"),
    ("Telefone da residência", "+351 22 000 0002"),
    ("Telemóvel", "+351 910 000 001"),
    ("Endereço de correio electrónico", "maria.exemplo@example.com"),
    ("Data de nascimento", "03-04-1985"),
    ("Notas", "Nota de teste"),
]


OUTLOOK_CS = [
    ("Titul", "Ing."),
    ("Jméno", "Jan"),
    ("2. křestní jméno", ""),
    ("Příjmení", "Zkušební"),
    ("Za příjmením", ""),
    ("Společnost", "Příklad s.r.o."),
    ("Oddělení", "Nákup"),
    ("Funkce", "Vedoucí"),
    ("Ulice (zam.)", "Kancelářská 1"),
    ("Město (zam.)", "Praha"),
    ("PSČ (zam.)", "110 00"),
    ("Ulice (dom.)", "Zkušební 12"),
    ("Město (dom.)", "Brno"),
    ("PSČ (dom.)", "602 00"),
    ("Země (domů)", "Česká republika"),
    ("Telefon (zam.)", "+420 200 000 001"),
    ("Telefon domů", "+420 500 000 002"),
    ("Mobilní telefon", "+420 602 000 001"),
    ("E-mailová adresa", "jan.zkusebni@example.com"),
    ("Typ e-mailu", "SMTP"),
    ("Narozeniny", "3.4.1985"),
    ("Poznámky", "Poznámka k testu"),
    ("Výročí", "0.0.00"),
]


OUTLOOK_HU = [
    ("Cím", "dr."),
    ("Utónév", "Anna"),
    ("Középső", ""),
    ("Vezetéknév", "Próba"),
    ("Utótag", ""),
    ("Cég", "Minta Kft."),
    ("Osztály", "Beszerzés"),
    ("Beosztás", "Vezető"),
    ("Munkahely címe", "Irodaház utca 2."),
    ("Város (hivatal)", "Debrecen"),
    ("Lakcím", "Minta utca 1."),
    ("Város (lakás)", "Győr"),
    ("Irányítószám (lakás)", "9021"),
    ("Ország/régió (lakás)", "Magyarország"),
    ("Hivatali telefon", "+36 1 000 0001"),
    ("Otthoni telefon", "+36 96 000 002"),
    ("Mobiltelefon", "+36 30 000 0001"),
    ("E-mail cím", "anna.proba@example.com"),
    ("E-mail típusa", "SMTP"),
    ("Születésnap", "1985.04.03."),
    ("Feljegyzések", "Őszi jegyzet"),
]


# locale: columns, code page, separator, region; then what is read: given and family name,
# the three phones (work, home, cell), birthday, home street/town/postcode, notes.
OUTLOOK = {
    "pl-PL": (OUTLOOK_PL, "cp1250", ",", "PL"),
    "pt-BR": (OUTLOOK_PT_BR, "cp1252", ",", "BR"),
    "pt-PT": (OUTLOOK_PT_PT, "cp1252", ";", "PT"),
    "cs-CZ": (OUTLOOK_CS, "cp1250", ",", "CZ"),
    "hu-HU": (OUTLOOK_HU, "cp1250", ";", "HU"),
}
EXPECTED = {
    "pl-PL": (
        ("Jan", "Testowy"),
        ["+48 22 000 00 01", "+48 42 000 00 02", "+48 600 000 001"],
        "1985-04-03",
        ("ul. Przykładowa 5", "Łódź", "90-001"),
        "Żółta notatka",
    ),
    "pt-BR": (
        ("João", "Teste"),
        ["+55 11 5555-0101", "+55 19 5555-0102", "+55 11 95555-0103"],
        "3/4/1985",
        ("Rua Exemplo, 10", "Campinas", "13000-000"),
        "Observação de teste",
    ),
    "pt-PT": (
        ("Maria", "Exemplo"),
        ["+351 21 000 0001", "+351 22 000 0002", "+351 910 000 001"],
        "03-04-1985",
        ("Rua do Teste, 5", "Porto", "4000-001"),
        "Nota de teste",
    ),
    "cs-CZ": (
        ("Jan", "Zkušební"),
        ["+420 200 000 001", "+420 500 000 002", "+420 602 000 001"],
        "3.4.1985",
        ("Zkušební 12", "Brno", "602 00"),
        "Poznámka k testu",
    ),
    "hu-HU": (
        ("Anna", "Próba"),
        ["+36 1 000 0001", "+36 96 000 002", "+36 30 000 0001"],
        "1985.04.03.",
        ("Minta utca 1.", "Győr", "9021"),
        "Őszi jegyzet",
    ),
}


@pytest.mark.parametrize("locale", sorted(OUTLOOK))
def test_outlook_header(tmp_path: Path, locale: str) -> None:
    columns, code_page, sep, region = OUTLOOK[locale]
    names, phones, birthday, home, note = EXPECTED[locale]
    contact, info = _read(_write(tmp_path, columns, code_page, sep), region)
    assert info.encoding == code_page.replace("cp1252", "windows-1252")
    assert info.dialect == "outlook-csv"
    assert info.unmapped_columns == []
    assert (contact.names.given, contact.names.family) == names
    assert _phones(contact) == list(zip(phones, ["work", "home", "cell"], strict=True))
    assert contact.phones[2].number_type == "mobile"
    assert contact.birthday == birthday
    assert _home(contact) == home
    assert [a.labels[0] for a in contact.addresses][:2] == ["work", "home"]
    assert contact.notes == (note,)


def test_polish_outlook_keeps_the_e_mail_display_name_apart(tmp_path: Path) -> None:
    contact, _ = _read(_write(tmp_path, OUTLOOK_PL, "cp1250"), "PL")
    assert [e.value for e in contact.emails] == ["jan.testowy@example.com"]
    assert set(contact.other) == {"Wyświetlana nazwa e-mail", "Płeć"}
    assert contact.organizations == ("Przykład Sp. z o.o.", "Zakupy")
    assert contact.categories == ("Klienci",)


def test_brazilian_outlook_city_and_cep_go_with_the_other_address(tmp_path: Path) -> None:
    contact, _ = _read(_write(tmp_path, OUTLOOK_PT_BR, "cp1252"), "BR")
    work, _, other = contact.addresses
    assert (work.labels, work.locality, work.country) == (("work",), "São Paulo", "Brasil")
    assert (other.labels, other.locality, other.postal_code) == (("other",), "Santos", "11000-000")


def test_czech_and_hungarian_name_prefixes(tmp_path: Path) -> None:
    czech, _ = _read(_write(tmp_path, OUTLOOK_CS, "cp1250"), "CZ")
    hungarian, _ = _read(_write(tmp_path, OUTLOOK_HU, "cp1250", sep=";"), "HU")
    assert (czech.names.prefix, hungarian.names.prefix) == ("Ing.", "dr.")
    assert czech.anniversary is None  # Outlook's zero date


def test_russian_outlook(tmp_path: Path) -> None:
    # Cyrillic read as Windows-1252 has Czech-looking pairs (мы -> ìû): still Windows-1251.
    contact, info = _read(_write(tmp_path, OUTLOOK_RU, "cp1251"), "RU")
    assert info.encoding == "cp1251"
    assert info.dialect == "outlook-csv"
    assert info.unmapped_columns == []  # the no-break space and the two spaces too
    names = contact.names
    assert (names.given, names.middle, names.family) == ("Иван", "Петрович", "Тестов")
    assert _phones(contact) == [
        ("+7 495 000-00-01", "work"),
        ("+7 482 000-00-02", "home"),
        ("+7 900 000-00-01", "cell"),
    ]
    assert contact.birthday == "3.4.1985"
    assert contact.anniversary is None  # Outlook's zero date
    assert _home(contact) == ("ул. Примерная, д. 1, кв. 3", "Тверь", "170000")
    assert contact.notes == ("Тестовая заметка",)
    assert [e.value for e in contact.emails] == ["ivan.testov@example.com"]


# ----------------------------------------------------------------------- Thunderbird


THUNDERBIRD = {
    "pl": (
        "Imię,Nazwisko,Wyświetlana nazwa,Pseudonim,Podstawowy e-mail,Dodatkowy e-mail,"
        "Komunikator AIM,Telefonu służbowy,Telefon domowy,Numer faksu,Pager,"
        "Numer telefonu komórkowego,Adres domowy,Adres domowy 2,Miasto (dom),Województwo (dom),"
        "Kod pocztowy (dom),Państwo (dom),Adres służbowy,Adres służbowy 2,Miasto (praca),"
        "Województwo (praca),Kod pocztowy (praca),Państwo (praca),Stanowisko,Dział,"
        "Firma/Organizacja,Strona WWW 1,Strona WWW 2,Urodziny – Rok,Urodziny – Miesiąc,"
        "Urodziny – Dzień,Informacja 1,Informacja 2,Informacja 3,Informacja 4,Notatki"
    ),
    "ru": (
        "Имя,Фамилия,Отображаемое имя,Псевдоним,Адрес электронной почты,"
        "Альтернативный адрес электронной почты,Интернет-пейджер,Рабочий телефон,"
        "Домашний телефон,Номер факса,Номер пейджера,Номер мобильного телефона,Адрес,Адрес 2,"
        "Город,Регион,Почтовый индекс,Страна,Адрес (раб.),Адрес 2 (раб.),Город (раб.),"
        "Регион (раб.),Почтовый индекс (раб.),Страна (раб.),Должность,Отдел,Организация,"
        "Веб-страница 1,Веб-страница 2,Год рождения,Месяц рождения,День рождения,Прочее 1,"
        "Прочее 2,Прочее 3,Прочее 4,Заметки"
    ),
    "cs": (
        "Křestní jméno,Příjmení,Zobrazované jméno,Přezdívka,První e-mail,Druhý e-mail,"
        "Zobrazované jméno,Telefon do zaměstnání,Telefon domů,Faxové číslo,Číslo na pager,"
        "Číslo na mobil,Adresa domů,Adresa domů 2,Město,Kraj,PSČ,Země,Adresa do zaměstnání,"
        "Adresa do zaměstnání 2,Město,Kraj,PSČ,Země,Pozice,Oddělení,Společnost,"
        "Webová stránka 1,webová stránka 2,Rok narození,Měsíc narození,Den narození,"
        "Vlastní 1,Vlastní 2,Vlastní 3,Vlastní 4,Poznámky"
    ),
    "hu": (
        "Utónév,Vezetéknév,Megjelenő név,Becenév,Elsődleges e-mail,Másodlagos e-mail,"
        "Felhasználónév,Munkahelyi telefon,Otthoni telefon,Fax,Személyhívó,Mobil,Otthoni cím,"
        "Otthoni cím 2,Város,Állam,Irányítószám,Ország,Munkahelyi cím,Munkahelyi cím 2,"
        "Város (munkahely):,Állam (munkahely):,Irányítószám (munkahely):,"
        "Ország (munkahely):,Beosztás,Részleg,Szervezet,Weboldal 1,Weboldal 2,Születési év,"
        "Születési hónap,Születési nap,Egyéni 1,Egyéni 2,Egyéni 3,Egyéni 4,Megjegyzés"
    ),
}

# One fictional contact in Thunderbird's column order (the screen name seventh).
THUNDERBIRD_ROW = (
    "Eva,Vzorová,Eva Vzorová,,eva@example.com,,,+420 200 000 011,+420 500 000 012,,,"
    "+420 600 000 013,Vzorová 3,,Olomouc,,779 00,CZ,Pracovní 4,,Zlín,,760 01,CZ,"
    "Referentka,Nákup,Vzor a.s.,,,1990,7,9,,,,,Poznámka"
)


@pytest.mark.parametrize("locale", sorted(THUNDERBIRD))
def test_thunderbird_header(tmp_path: Path, locale: str) -> None:
    path = tmp_path / "thunderbird.csv"
    path.write_bytes(f"{THUNDERBIRD[locale]}\r\n{THUNDERBIRD_ROW}\r\n".encode())
    contact, info = _read(path, "CZ")
    assert info.dialect == "thunderbird-csv"
    assert info.unmapped_columns == []
    assert (contact.names.given, contact.names.family) == ("Eva", "Vzorová")
    assert _phones(contact) == [
        ("+420 200 000 011", "work"),
        ("+420 500 000 012", "home"),
        ("+420 600 000 013", "cell"),
    ]
    assert contact.birthday == "1990-07-09"
    assert _home(contact) == ("Vzorová 3", "Olomouc", "779 00")
    assert [(a.labels, a.locality) for a in contact.addresses][1] == (("work",), "Zlín")
    assert contact.notes == ("Poznámka",)
