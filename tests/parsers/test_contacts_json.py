"""contact_to_dict: the JSON shape of `piiaudit contacts`, masked unless asked otherwise."""

from __future__ import annotations

import json

from piiaudit.model import (
    Address,
    Contact,
    Email,
    MessagingId,
    Names,
    ParseIssue,
    Phone,
    Photo,
    SourceRef,
)
from piiaudit.reporters.contacts_json import contact_to_dict

CONTACT = Contact(
    source=SourceRef(path="export.vcf", index=2, line=17, start=100, end=300),
    version="3.0",
    names=Names(
        formatted="山田 太郎",
        family="山田",
        given="太郎",
        phonetic_family="ヤマダ",
        phonetic_given="タロウ",
        nicknames=("たろ",),
    ),
    organizations=("架空商事",),
    titles=("部長",),
    phones=(Phone("090-1234-5678", ("cell", "pref"), "+819012345678", "mobile"),),
    emails=(Email("taro.yamada@example.jp", ("home",)),),
    addresses=(Address(labels=("home",), street="1-2-3 Example", locality="Minato"),),
    birthday="1980-01-02",
    anniversary="2005-06-07",
    notes=("Met at the fictional fair",),
    urls=("https://example.jp/taro",),
    categories=("VIP",),
    related=("山田 花子",),
    photo=Photo(True, 2048),
    uid="uid-1234-5678",
    other={"X-SIP": ("sip:taro@example.jp",), "IMPP": ("xmpp:taro@example.jp",)},
    issues=(ParseIssue(5, "NOTE: value is not valid GBK"),),
    messaging=(MessagingId("taro_line_1980", ("home", "line")),),
)

RAW_VALUES = [
    "山田 太郎", "ヤマダ", "090-1234-5678", "+819012345678", "taro.yamada@example.jp",
    "1-2-3 Example", "1980-01-02", "Met at the fictional fair", "架空商事", "sip:taro@example.jp",
    "https://example.jp/taro", "uid-1234-5678", "山田 花子", "taro_line_1980",
]  # fmt: skip


def test_masked_by_default_leaks_no_value() -> None:
    text = json.dumps(contact_to_dict(CONTACT, show_pii=False), ensure_ascii=False)
    for value in RAW_VALUES:
        assert value not in text, value


def test_masked_values_keep_their_promised_shape() -> None:
    data = contact_to_dict(CONTACT, show_pii=False)
    phones = data["phones"]
    assert isinstance(phones, list)
    assert phones[0] == {
        "value": "***-****-5678",
        "labels": ["cell", "pref"],
        "e164": "+********5678",
        "type": "mobile",
    }
    assert data["messaging"] == [{"value": "[14 chars]", "labels": ["home", "line"]}]
    assert data["emails"] == [{"value": "t***@example.jp", "labels": ["home"]}]
    assert data["birthday"] == "****-**-**"
    assert data["photo"] == {"present": True, "bytes": 2048}
    names = data["names"]
    assert isinstance(names, dict)
    assert names["family"] == "山*"


def test_show_pii_gives_the_values() -> None:
    data = contact_to_dict(CONTACT, show_pii=True)
    assert data["file"] == "export.vcf"
    assert (data["index"], data["line"], data["version"]) == (2, 17, "3.0")
    names = data["names"]
    assert isinstance(names, dict)
    assert (names["formatted"], names["phonetic_given"]) == ("山田 太郎", "タロウ")
    assert data["phones"] == [
        {
            "value": "090-1234-5678",
            "labels": ["cell", "pref"],
            "e164": "+819012345678",
            "type": "mobile",
        }
    ]
    addresses = data["addresses"]
    assert isinstance(addresses, list)
    assert addresses[0]["street"] == "1-2-3 Example"
    assert data["other"] == {"IMPP": ["xmpp:taro@example.jp"], "X-SIP": ["sip:taro@example.jp"]}
    assert data["issues"] == [
        {"line": 5, "message": "NOTE: value is not valid GBK", "severity": "warning"}
    ]


def test_key_order_is_fixed_and_json_serialisable() -> None:
    data = contact_to_dict(CONTACT, show_pii=False)
    assert list(data)[:6] == ["file", "index", "line", "parent", "version", "names"]
    for key in ("organizations", "titles", "phones", "emails", "addresses", "birthday",
                "anniversary", "notes", "urls", "categories", "related", "photo", "uid",
                "other", "issues"):  # fmt: skip
        assert key in data
    assert list(data["other"]) == sorted(data["other"])  # type: ignore[arg-type]
    assert json.loads(json.dumps(data)) == data


def test_empty_contact() -> None:
    data = contact_to_dict(Contact(source=SourceRef(path="-", index=0, line=1)), show_pii=False)
    assert data["birthday"] is None
    assert data["uid"] is None
    assert data["phones"] == []
    assert data["photo"] == {"present": False, "bytes": 0}
