"""CSV exports of CRMs and New Year's card software, read by the generic header guess.

Salesforce's "Mailing Street" became an e-mail address (it contains "mail"), its
"Account Name" the person's name, and "Birthdate" was never a birthday; Zoho's
"Email Opt Out" wrote EMAIL:false. 宛名職人's 連名 columns (the spouse and children
written beside the addressee) became the addressee's own name reading and birthday,
and were handed to the company as such. All data is fictional.
"""

from __future__ import annotations

from parsers.csv_read import read
from piiaudit.model import Contact

SALESFORCE = (
    "Contact Owner,Salutation,First Name,Last Name,Title,Account Name,Mailing Street,"
    "Mailing City,Mailing State/Province,Mailing Zip/Postal Code,Mailing Country,Phone,"
    "Mobile,Email,Email Opt Out,Birthdate\r\n"
    "Taro Owner,Mr.,Kenji,Ogawa,Buyer,Ogawa Seiki KK,2-2-2 Shiba,Minato-ku,Tokyo,105-0014,"
    "Japan,03-5555-0101,090-3141-5926,k.ogawa@example.co.jp,false,1970-04-01\r\n"
)
ATENA = (
    "姓,名,姓かな,名かな,自宅住所1,誕生日,連名,連名ふりがな,連名敬称,連名誕生日\r\n"
    '北川,聡,きたがわ,さとし,奈良市芝辻町1-1-1,1976/11/11,"美加\n陽菜","みか\nひな",'
    '"様\n様","1978/02/02\n2012/09/09"\r\n'
)


def _one(text: str, encoding: str = "utf-8") -> Contact:
    contacts, _ = read(text.encode(encoding), encoding)
    [contact] = contacts
    return contact


def test_salesforce_mailing_columns_are_the_address_not_email() -> None:
    contact = _one(SALESFORCE)
    assert [e.value for e in contact.emails] == ["k.ogawa@example.co.jp"]
    [address] = contact.addresses
    assert (address.street, address.locality, address.region) == (
        "2-2-2 Shiba",
        "Minato-ku",
        "Tokyo",
    )
    assert (address.postal_code, address.country) == ("105-0014", "Japan")


def test_salesforce_account_name_is_the_company_and_birthdate_a_birthday() -> None:
    contact = _one(SALESFORCE)
    assert contact.organizations == ("Ogawa Seiki KK",)
    assert contact.display_name() == "Kenji Ogawa"
    assert contact.birthday is not None and contact.birthday.startswith("1970")


def test_a_flag_in_an_email_column_is_not_an_email_address() -> None:
    contact = _one(SALESFORCE.replace("Email Opt Out", "Email Status"))
    assert [e.value for e in contact.emails] == ["k.ogawa@example.co.jp"]
    assert contact.other.get("Email Status") == ("false",)


def test_renmei_columns_are_family_never_the_addressee() -> None:
    contact = _one(ATENA, "cp932")
    assert (contact.names.phonetic_family, contact.names.phonetic_given) == ("きたがわ", "さとし")
    assert contact.birthday is not None and contact.birthday.startswith("1976")
    assert "美加\n陽菜" in contact.related and "みか\nひな" in contact.related


def test_crm_chat_and_social_columns_are_handles_and_pages() -> None:
    # A customer's Skype and LINE IDs were kept as anonymous 'other' text that no rule
    # read; a Twitter profile is a web page the social-media rule reads.
    data = (
        b"First Name,Last Name,Account Name,Skype Name,LINE ID,Twitter,WhatsApp\n"
        b"Taro,Mihon,Example Trading,taro.mihon,taro_line,https://twitter.com/taro_x,"
        b"+81 90-1234-5678\n"
    )
    [contact], info = read(data)
    assert info.unmapped_columns == []
    assert [(h.value, h.labels) for h in contact.messaging] == [
        ("taro.mihon", ("skype", "Skype Name")),
        ("taro_line", ("line", "LINE ID")),
    ]
    assert contact.urls == ("https://twitter.com/taro_x",)
    [whatsapp] = contact.phones
    assert (whatsapp.labels, whatsapp.number_type) == (("cell", "WhatsApp"), "mobile")
    assert contact.other == {}


def test_columns_that_only_contain_chat_or_social_words_keep_their_meaning() -> None:
    # Review of the column words: substrings made "Pipeline ID" a LINE handle, "Interim
    # Address" a chat handle, "WhatsApp Opt-In: Yes" a mobile number.
    data = (
        b"First Name,Last Name,Pipeline ID,Interim Address,WhatsApp Opt-In,Twitter Followers,"
        b"LinkedIn Company Name\n"
        b"Taro,Mihon,4711,1-2-3 Example-cho Tokyo,Yes,152,Example Trading\n"
    )
    [contact], _ = read(data)
    assert contact.messaging == ()
    assert contact.phones == ()
    assert contact.urls == ()
    assert [a.text() for a in contact.addresses] == ["1-2-3 Example-cho Tokyo"]
    assert "Example Trading" in contact.organizations
