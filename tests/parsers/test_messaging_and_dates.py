"""Chat handles and owner-labelled dates, as phones and CSV exporters write them.

A customer's LINE or Skype ID reaches the person as directly as a mobile number, so
it is read into ``Contact.messaging`` with its service as a label (a work account
stays apart). A date the owner labelled (``長男の誕生日``) keeps its label, because
the label says whose date it is: it is not the contact's own birthday.
"""

from __future__ import annotations

from parsers.csv_read import read as read_csv
from parsers.test_csv_dialects import GOOGLE_HEADER, GOOGLE_ROW
from parsers.test_vcard_vendor_quirks import card, one
from piiaudit.model import MessagingId


def test_apple_impp_takes_its_service_from_x_service_type() -> None:
    contact = one(
        card(
            "IMPP;X-SERVICE-TYPE=LINE;type=HOME;type=pref:x-apple:mori_line_1980",
            "IMPP;X-SERVICE-TYPE=Skype;type=WORK:skype:k.mori.example",
            version="3.0",
        )
    )
    assert contact.messaging == (
        MessagingId("x-apple:mori_line_1980", ("home", "pref", "line")),
        MessagingId("skype:k.mori.example", ("work", "skype")),
    )
    assert "IMPP" not in contact.other


def test_impp_without_a_service_type_is_named_by_its_uri_scheme() -> None:
    contact = one(card("IMPP:xmpp:mori@jabber.example.org", version="4.0"))
    assert contact.messaging == (MessagingId("xmpp:mori@jabber.example.org", ("jabber",)),)


def test_one_service_has_one_label_however_it_was_written() -> None:
    contact = one(
        card(
            "IMPP;X-SERVICE-TYPE=GTalk:xmpp:mori@example.com",
            "X-GTALK:mori2@example.com",
            "X-messaging/xmpp-All:mori@jabber.example.org",
            "X-messaging/icq-All:123456",
            version="3.0",
        )
    )
    assert [h.labels for h in contact.messaging] == [
        ("google talk",),
        ("google talk",),
        ("jabber",),
        ("icq",),
    ]


def test_android_and_evolution_handles_are_named_by_their_property() -> None:
    contact = one(card("X-SKYPE-USERNAME:mori.k", "X-AIM;TYPE=HOME:mori@aim.example", "X-QQ:10000"))
    assert contact.messaging == (
        MessagingId("mori.k", ("skype",)),
        MessagingId("mori@aim.example", ("home", "aim")),
        MessagingId("10000", ("qq",)),
    )


def test_an_apple_group_label_on_a_handle_is_kept() -> None:
    contact = one(
        card(
            "item1.IMPP;X-SERVICE-TYPE=LINE:x-apple:mori", "item1.X-ABLabel:社用LINE", version="3.0"
        )
    )
    assert contact.messaging == (MessagingId("x-apple:mori", ("社用LINE", "line")),)


def test_an_owner_labelled_apple_date_keeps_its_label() -> None:
    contact = one(
        card(
            "item1.X-ABDATE:2001-04-01",
            "item1.X-ABLabel:長男の誕生日",
            "item2.X-ABDATE;type=pref:1999-05-03",
            "item2.X-ABLabel:_$!<Anniversary>!$_",
            version="3.0",
        )
    )
    assert contact.birthday is None
    assert contact.anniversary == "1999-05-03"
    assert contact.other["X-ABDATE"] == ("長男の誕生日: 2001-04-01", "1999-05-03")


def test_an_owner_typed_label_that_only_says_anniversary_or_birthday_is_the_contacts_own() -> None:
    contact = one(
        card(
            "item1.X-ABDATE:1999-05-03",
            "item1.X-ABLabel:結婚記念日",
            "item2.X-ABDATE:1980-02-03",
            "item2.X-ABLabel: Birthday ",
            "item3.X-ABDATE:1960-07-01",
            "item3.X-ABLabel:創立記念日",
            version="3.0",
        )
    )
    assert (contact.anniversary, contact.birthday) == ("1999-05-03", "1980-02-03")
    assert contact.other["X-ABDATE"] == ("1999-05-03", "1980-02-03", "創立記念日: 1960-07-01")


def test_google_csv_im_columns_become_handles_with_type_and_service() -> None:
    header = f"{GOOGLE_HEADER},IM 1 - Type,IM 1 - Service,IM 1 - Value"
    data = f"{header}\n{GOOGLE_ROW},* Home,Skype,taro.example\n".encode()
    [contact], _ = read_csv(data)
    assert contact.messaging == (  # "* Home": the primary one, as Google marks it
        MessagingId("taro.example", ("home", "pref", "skype", "IM 1 - Value")),
    )
    assert "IM 1 - Service" not in contact.other


def test_google_csv_event_of_someone_else_is_not_the_contacts_birthday() -> None:
    row = GOOGLE_ROW.replace("Anniversary,2010-06-01", "長男の誕生日,2012-03-04")
    [contact], _ = read_csv(f"{GOOGLE_HEADER}\n{row}\n".encode())
    assert contact.birthday == "--04-22"  # the Birthday column, not the son's
    assert contact.anniversary is None
    assert contact.other["Event 1 - Value"] == ("長男の誕生日: 2012-03-04",)


def test_google_csv_event_labelled_birthday_alone_is_the_birthday() -> None:
    row = GOOGLE_ROW.replace(" --04-22,", ",").replace(
        "Anniversary,2010-06-01", "誕生日,1980-03-04"
    )
    [contact], _ = read_csv(f"{GOOGLE_HEADER}\n{row}\n".encode())
    assert contact.birthday == "1980-03-04"


def test_roundcube_and_yahoo_im_columns_are_handles() -> None:
    data = (
        b"First Name,Last Name,Email,IM Skype,IM Jabber\n"
        b"Robin,Sample,robin@example.com,robin.sample,robin@jabber.example.org\n"
    )
    [contact], info = read_csv(data)
    assert info.dialect == "roundcube-csv"
    assert [(h.value, h.labels[0]) for h in contact.messaging] == [
        ("robin.sample", "skype"),
        ("robin@jabber.example.org", "jabber"),
    ]


def test_the_cards_own_bday_wins_over_a_date_labelled_birthday_before_it() -> None:
    """An iPhone card may hold a date the owner labelled 誕生日 before its BDAY: the
    labelled date became the birthday and the real BDAY went to "other" (QA, Japanese
    phone exports). The labelled date stays in "other", as every X-ABDATE does."""
    contact = one(
        card(
            "item1.X-ABDATE:1985-09-09",
            "item1.X-ABLabel:誕生日",
            "BDAY:1985-09-10",
            version="3.0",
        )
    )
    assert contact.birthday == "1985-09-10"
    assert "BDAY" not in contact.other
    assert contact.other["X-ABDATE"] == ("1985-09-09",)


def test_a_second_bday_still_goes_to_other() -> None:
    contact = one(card("BDAY:1985-09-10", "BDAY:1986-01-02", version="3.0"))
    assert contact.birthday == "1985-09-10"
    assert contact.other["BDAY"] == ("1986-01-02",)
