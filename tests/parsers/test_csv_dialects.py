"""Synthetic exports (fictional people) for the dialects the corpus has no file of."""

from __future__ import annotations

from parsers.csv_read import read, rebuilt

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Relation 1 - Label,Relation 1 - Value,Website 1 - Label,Website 1 - Value,"
    "Event 1 - Label,Event 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value"
)
GOOGLE_ROW = (
    "Taro,,Yamada,タロウ,,ヤマダ,,,Taro-chan,,Example Trading,Sales Manager,Sales,"
    " --04-22,met at the trade fair,,* myContacts ::: 得意先,"
    "* Work,taro.yamada@example.co.jp,Mobile,+81 90-1234-5678 ::: 090-0000-1111,"
    '自宅,03-1234-5678,Home,"1-2-3 Example-cho\nMinato-ku, Tokyo 105-0000",'
    "1-2-3 Example-cho,Minato-ku,,Tokyo,105-0000,Japan,,"
    "Spouse,Hanako Yamada,Profile,https://example.com/taro,"
    "Anniversary,2010-06-01,Hobby,golf"
)


def test_current_google_csv_multi_values_labels_and_groups() -> None:
    data = f"{GOOGLE_HEADER}\n{GOOGLE_ROW}\n".encode()
    [contact], info = read(data)
    assert info.dialect == contact.version == "google-csv"
    assert info.unmapped_columns == []
    assert (contact.names.given, contact.names.family) == ("Taro", "Yamada")
    assert (contact.names.phonetic_given, contact.names.phonetic_family) == ("タロウ", "ヤマダ")
    assert contact.names.nicknames == ("Taro-chan",)
    mobile, second_mobile, home = contact.phones
    assert mobile.value == "+81 90-1234-5678"
    assert mobile.labels == ("cell", "Phone 1 - Value")
    assert (mobile.e164, mobile.number_type) == ("+819012345678", "mobile")
    assert second_mobile.value == "090-0000-1111"
    assert second_mobile.labels == ("cell", "Phone 1 - Value")
    assert home.labels == ("自宅", "Phone 2 - Value")  # a custom label, verbatim
    assert home.number_type == "fixed_line"
    [email] = contact.emails
    assert email.labels == ("work", "pref", "E-mail 1 - Value")
    assert contact.categories == ("myContacts", "得意先")
    assert contact.birthday == "--04-22"
    assert contact.anniversary == "2010-06-01"
    assert contact.organizations == ("Example Trading", "Sales")
    assert contact.titles == ("Sales Manager",)
    assert contact.related == ("Hanako Yamada",)
    assert contact.urls == ("https://example.com/taro",)
    assert contact.other == {"Hobby": ("golf",)}
    [address] = contact.addresses
    assert address.labels == ("home",)
    assert address.formatted == "1-2-3 Example-cho\nMinato-ku, Tokyo 105-0000"
    assert (address.postal_code, address.region, address.country) == ("105-0000", "Tokyo", "Japan")
    assert rebuilt(data, [contact]) == data


OUTLOOK_JA_HEADER = (
    "姓,名,姓フリガナ,名前フリガナ,会社名,部署,役職,携帯電話,自宅電話,会社電話,会社 FAX,"
    "電子メール アドレス,番地 (自宅),市町村 (自宅),都道府県 (自宅),郵便番号 (自宅),"
    "番地 (会社),誕生日,メモ,配偶者,分類,趣味"
)
OUTLOOK_JA_ROWS = [
    "山田,太郎,ヤマダ,タロウ,株式会社サンプル商事,営業部,課長,090-1234-5678,03-1234-5678,"
    "03-9876-5432,03-9876-5433,taro@example.jp,港区芝公園1-2-3,港区,東京都,105-0011,"
    "千代田区丸の内9-9,1980/4/22,ソフト能力表あり,花子,得意先,釣り",
    "佐藤,花子,サトウ,ハナコ,,,,080-1234-0000,,,,,,,,,,,,,,",
]


def test_japanese_outlook_csv_in_cp932() -> None:
    text = OUTLOOK_JA_HEADER + "\r\n" + "\r\n".join(OUTLOOK_JA_ROWS) + "\r\n"
    data = text.encode("cp932")
    contacts, info = read(data, "cp932")
    assert info.dialect == "outlook-csv"
    assert info.unmapped_columns == ["趣味"]  # no map or header word knows it: kept in other
    taro, hanako = contacts
    assert taro.names.display() == "山田 太郎"
    assert (taro.names.phonetic_family, taro.names.phonetic_given) == ("ヤマダ", "タロウ")
    assert [(p.value, p.labels) for p in taro.phones] == [
        ("090-1234-5678", ("cell", "携帯電話")),
        ("03-1234-5678", ("home", "自宅電話")),
        ("03-9876-5432", ("work", "会社電話")),
        ("03-9876-5433", ("fax", "work", "会社 FAX")),
    ]
    home, work = taro.addresses
    assert home.labels == ("home",)
    assert (home.street, home.locality, home.region, home.postal_code) == (
        "港区芝公園1-2-3",
        "港区",
        "東京都",
        "105-0011",
    )
    assert work.labels == ("work",)
    assert taro.organizations == ("株式会社サンプル商事", "営業部")
    assert taro.titles == ("課長",)
    assert taro.birthday == "1980/4/22"
    assert taro.notes == ("ソフト能力表あり",)  # 0x5C trail bytes survive
    assert taro.related == ("花子",)
    assert taro.categories == ("得意先",)
    assert taro.other == {"趣味": ("釣り",)}
    assert hanako.phones[0].number_type == "mobile"
    assert rebuilt(data, contacts) == data
    assert [c.source.line for c in contacts] == [2, 3]


OUTLOOK_EN = (
    '"First Name","Last Name","Company","Job Title","Business Phone","Home Phone",'
    '"Mobile Phone","Home Fax","E-mail Address","Home Street","Home City",'
    '"Home Postal Code","Birthday","Anniversary","Notes","Spouse","Web Page","Categories"\r\n'
    '"Jane","Example","Example Corp","Buyer","+1 202 555 0100","+1 202 555 0111",'
    '"+1 202 555 0122","+1 202 555 0133","jane@example.com","12 Sample Road\r\nFlat 3",'
    '"Springfield","00000","0/0/00","5/6/2001","Likes tea, not coffee","John Example",'
    '"https://example.com/jane","Customers;VIP"\r\n'
    '"Max","Sample",,,,,,,,,,,,,,,,\r\n'
)


def test_english_outlook_with_a_crlf_inside_an_address_cell() -> None:
    data = OUTLOOK_EN.encode()
    contacts, info = read(data, region="US")
    assert info.dialect == "outlook-csv"
    jane, maxi = contacts
    assert [p.labels for p in jane.phones] == [
        ("work", "Business Phone"),
        ("home", "Home Phone"),
        ("cell", "Mobile Phone"),
        ("fax", "home", "Home Fax"),
    ]
    [home] = jane.addresses
    assert home.street == "12 Sample Road\r\nFlat 3"
    assert (home.labels, home.locality) == (("home",), "Springfield")
    assert jane.birthday is None  # Outlook's zero date
    assert jane.anniversary == "5/6/2001"
    assert jane.notes == ("Likes tea, not coffee",)
    assert jane.related == ("John Example",)
    assert jane.urls == ("https://example.com/jane",)
    assert jane.categories == ("Customers", "VIP")
    assert maxi.source.line == 4  # Jane's record spans lines 2 and 3
    assert rebuilt(data, contacts) == data
    assert info.issues == []


def test_outlook_with_semicolon_delimiter() -> None:
    data = (
        "First Name;Last Name;Company;Mobile Phone;Business Street;Business City\n"
        'Jean;Exemple;Société Exemple;+33 6 00 00 00 00;"1, rue Exemple";Paris\n'
    ).encode()
    [contact], info = read(data, region="FR")
    assert info.dialect == "outlook-csv"
    assert contact.names.display() == "Jean Exemple"  # given name first, as he writes it
    assert contact.organizations == ("Société Exemple",)
    assert contact.phones[0].labels == ("cell", "Mobile Phone")
    assert contact.addresses[0].street == "1, rue Exemple"
    assert contact.addresses[0].labels == ("work",)


def test_generic_csv_with_a_column_mapping() -> None:
    data = (
        "氏名,ケータイ,会社TEL,メアド,住まい,Secret,趣味,携帯メール\n"
        "鈴木 一郎,090-1111-2222,03-1111-2222,ichiro@example.jp,東京都港区1-1,x,将棋,"
        "ichiro@docomo.example\n"
    ).encode()
    columns = {"メアド": "email:home", "住まい": "address:home", "Secret": "ignore", "X": "bogus"}
    [contact], info = read(data, csv_columns=columns)
    assert info.dialect == contact.version == "generic-csv"
    assert contact.names.formatted == "鈴木 一郎"
    assert [(p.value, p.labels) for p in contact.phones] == [
        ("090-1111-2222", ("cell", "ケータイ")),
        ("03-1111-2222", ("work", "会社TEL")),
    ]
    assert [e.labels for e in contact.emails] == [("home", "メアド"), ("cell", "携帯メール")]
    [address] = contact.addresses
    assert (address.labels, address.formatted) == (("home",), "東京都港区1-1")
    assert "Secret" not in contact.other
    assert info.unmapped_columns == ["趣味"]
    assert contact.other == {"趣味": ("将棋",)}
    [issue] = info.issues
    assert issue.line == 1 and "bogus" in issue.message


def test_windows_live_mail_japanese_header_with_trailing_spaces() -> None:
    header = (
        "姓,名,電子メール アドレス,会社名,勤務先電話番号,"
        "勤務先ファックス  ,携帯電話,自宅の番地,メモ"
    )
    row = (
        "高橋,次郎,jiro@example.jp,サンプル工業,06-1111-2222,06-1111-2223,070-1111-2222,大阪市1-1,"
    )
    [contact], info = read(f"{header}\r\n{row}\r\n".encode("cp932"), "cp932")
    assert info.dialect == "windows-live-mail-csv"
    assert [p.labels for p in contact.phones] == [
        ("work", "勤務先電話番号"),
        ("fax", "work", "勤務先ファックス"),
        ("cell", "携帯電話"),
    ]
    assert contact.addresses[0].labels == ("home",)


def test_yahoo_header_is_recognised() -> None:
    data = b"First,Last,Email,Home,Mobile,Comments\nAmy,Example,amy@example.com,,+44 7911 123456,\n"
    [contact], info = read(data, region="GB")
    assert info.dialect == "yahoo-csv"
    assert contact.phones[0].labels == ("cell", "Mobile")
    assert contact.phones[0].number_type == "mobile"


def test_thunderbird_birthday_without_year() -> None:
    data = (
        b"First Name,Last Name,Primary Email,Birth Year,Birth Month,Birth Day\n"
        b"A,B,a@b.example,,4,2\n"
    )
    [contact], info = read(data)
    assert info.dialect == "thunderbird-csv"
    assert contact.birthday == "--04-02"


def test_thunderbird_birth_columns_with_odd_digits_are_kept_verbatim() -> None:
    data = (
        "First Name,Last Name,Primary Email,Birth Year,Birth Month,Birth Day\n"
        "A,B,a@b.example,1990,²,3\n"
        "C,D,c@d.example,,,1990-05-06\n"
    ).encode()
    first, second = read(data)[0]
    assert first.birthday == "1990-²-3"
    assert second.birthday == "1990-05-06"  # a whole date in the day column


def test_google_custom_fields_named_for_a_chat_service_are_chat_handles() -> None:
    """Android users keep a LINE ID in a custom field: it was other text, unreported."""
    header = (
        "First Name,Last Name,Custom Field 1 - Label,Custom Field 1 - Value,"
        "Custom Field 2 - Label,Custom Field 2 - Value,Custom Field 3 - Label,"
        "Custom Field 3 - Value,Custom Field 4 - Label,Custom Field 4 - Value"
    )
    row = "Ichiro,Kaku,LINE,kaku_line_77,WhatsApp,+81 90-1234-5678,Skype,kaku.ichiro,Hobby,golf"
    [contact], _ = read(f"{header}\n{row}\n".encode())
    assert [(m.value, m.labels) for m in contact.messaging] == [
        ("kaku_line_77", ("line", "LINE")),
        ("kaku.ichiro", ("skype", "Skype")),
    ]
    assert [p.value for p in contact.phones] == ["+81 90-1234-5678"]
    assert "cell" in contact.phones[0].labels
    assert contact.other == {"Hobby": ("golf",)}
