"""Each Google CSV address group is an address of its own, and so is each ``:::`` value.

Found in CSV QA: two ``Address n`` groups of the same type (two Home addresses, or two
without a type) were joined into one address whose parts interleaved ("渋谷区 港区"),
and a group holding two addresses joined by Google's " ::: " stayed one address with the
separator inside. All data is fictional.
"""

from __future__ import annotations

from parsers.csv_read import read

HEADER = (
    "Name,Given Name,Family Name,Address 1 - Type,Address 1 - Street,Address 1 - City,"
    "Address 2 - Type,Address 2 - Street,Address 2 - City\r\n"
)


def test_two_address_groups_of_the_same_type_are_two_addresses() -> None:
    row = "架空 花子,花子,架空,Home,神宮前9-9-9,渋谷区,Home,南青山9-9-9,港区\r\n"
    [contact], _ = read((HEADER + row).encode("utf-8"))
    assert [(a.labels, a.street, a.locality) for a in contact.addresses] == [
        (("home",), "神宮前9-9-9", "渋谷区"),
        (("home",), "南青山9-9-9", "港区"),
    ]


def test_values_joined_by_the_google_separator_are_separate_addresses() -> None:
    row = "例示 太郎,太郎,例示,Home,千代田9-9 ::: 丸の内9-9,千代田区 ::: 中央区,,,\r\n"
    [contact], _ = read((HEADER + row).encode("utf-8"))
    assert [(a.street, a.locality) for a in contact.addresses] == [
        ("千代田9-9", "千代田区"),
        ("丸の内9-9", "中央区"),
    ]


def test_outlook_address_columns_still_make_one_address_per_label() -> None:
    text = (
        "First Name,Last Name,Home Street,Home Street 2,Home City,Business Street\r\n"
        "Erika,Beispiel,Beispielweg 2,Hinterhaus,Berlin,Musterstr. 1\r\n"
    )
    [contact], _ = read(text.encode("utf-8"))
    assert [(a.labels, a.street, a.locality) for a in contact.addresses] == [
        (("home",), "Beispielweg 2 Hinterhaus", "Berlin"),
        (("work",), "Musterstr. 1", ""),
    ]
