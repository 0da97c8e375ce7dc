"""Hand-made lists whose column names no map knows: read by what the cells hold.

``Kunde,Rufnummer,Bemerkung`` with no header word piiaudit knew was "not read: no vCard
or CSV contacts found" (the customer's numbers never audited), and ``取引先,番号,備考``
kept its numbers as nameless text. A column nothing names is now a phone or e-mail
column when most of its cells are numbers written to be dialled or addresses; the parse
notes say which columns were read so. All data is fictional.
"""

from __future__ import annotations

from parsers.csv_read import read
from piiaudit.parsers.csv_header import column_kind_by_values, dialable
from piiaudit.parsers.csv_reader import sniff_csv


def test_a_list_of_unknown_column_names_over_numbers_is_a_contacts_table() -> None:
    text = "Spalte A,Spalte B,Spalte C\r\nMüller GmbH,+49 30 5550 1200,Zentrale\r\n"
    assert sniff_csv(text)
    contacts, info = read(text.encode("utf-8"))
    [contact] = contacts
    assert [(p.value, p.labels) for p in contact.phones] == [("+49 30 5550 1200", ("Spalte B",))]
    assert any("column 2 has a name piiaudit does not know" in i.message for i in info.issues)
    assert "Spalte B" not in info.unmapped_columns


def test_columns_of_e_mail_addresses_are_read_and_named_by_number() -> None:
    text = "X,Y,Z\r\nA,a@example.com,03-5555-0101\r\nB,b@example.com,03-5555-0102\r\n"
    contacts, info = read(text.encode("utf-8"))
    assert [c.emails[0].value for c in contacts] == ["a@example.com", "b@example.com"]
    assert [c.phones[0].value for c in contacts] == ["03-5555-0101", "03-5555-0102"]
    assert any("columns 2, 3 have names" in i.message for i in info.issues)


def test_a_qualifier_in_the_unknown_name_still_labels_the_number() -> None:
    text = "Kunde,Nr. privat\r\nKarl Otter,+49 171 5550123\r\n"
    [contact], _ = read(text.encode("utf-8"))
    assert "home" in contact.phones[0].labels


def test_order_numbers_amounts_and_dates_are_not_numbers_to_call() -> None:
    assert column_kind_by_values(["2024-00001", "2024-00002"]) is None  # no trunk 0 or +
    assert column_kind_by_values(["1200", "350"]) is None
    assert column_kind_by_values(["2025/04/01", "2025/05/02"]) is None
    assert column_kind_by_values(["0120-000-000", "見本"]) is None  # most cells must be numbers
    assert not sniff_csv("Auftrag,Betrag,Datum\r\nA-1,1200,2025-04-01\r\nA-2,350,2025-04-02\r\n")


def test_what_counts_as_a_dialled_number() -> None:
    assert dialable("+49 171 5550123") and dialable("03-5555-0101") and dialable("(03) 5555 0101")
    assert not dialable("2024-0001") and not dialable("0120") and not dialable("03-5555")


def test_known_header_words_of_hand_made_lists() -> None:
    text = "取引先,番号,備考\r\n見本商事,03-5555-0103,担当 山田\r\n"
    [contact], _ = read(text.encode("utf-8"))
    assert contact.organizations == ("見本商事",)
    assert [p.value for p in contact.phones] == ["03-5555-0103"]
    assert contact.notes == ("担当 山田",)
    german = "Kunde,Rufnummer,Bemerkung\r\nMüller GmbH,+49 30 5550 1200,Zentrale\r\n"
    [kunde], _ = read(german.encode("utf-8"))
    assert kunde.display_name() == "Müller GmbH"
    assert [p.value for p in kunde.phones] == ["+49 30 5550 1200"]
    assert kunde.notes == ("Zentrale",)
