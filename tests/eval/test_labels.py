"""The labelled evaluation set itself: complete, consistent, and still full of traps.

Read with independent tools (vobject, csv), never with piiaudit's parsers, so a
labelling mistake and a parser mistake cannot cancel out.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import vobject
import yaml
from stdnum import luhn
from stdnum.jp import in_ as my_number

from piiaudit.model import Category, ContactClass

EVAL_DIR = Path(__file__).resolve().parent
ANY_CONTACT = {
    Category.NATIONAL_ID,
    Category.PAYMENT_CARD,
    Category.BANK_ACCOUNT,
    Category.CREDENTIAL,
    Category.SPECIAL_CARE,
}


class Entry(NamedTuple):
    file: str
    position: int
    fn: str
    label: str
    categories: tuple[str, ...]
    text: str  # every value of the contact, read by vobject or csv


def _labels() -> dict[str, list[dict[str, Any]]]:
    document = yaml.safe_load((EVAL_DIR / "labels.yaml").read_text(encoding="utf-8"))
    assert set(document) == {"files"}
    files: dict[str, list[dict[str, Any]]] = document["files"]
    return files


def _contacts(name: str) -> list[tuple[str, str]]:
    """(display name, ``NAME:value`` lines of the contact) per contact, in file order."""
    raw = (EVAL_DIR / name).read_bytes()
    if name.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        return [
            (
                " ".join(p for p in (row["Last Name"], row["First Name"]) if p),
                "\n".join(v for v in row.values() if v),
            )
            for row in rows
        ]
    text = raw.decode("ascii" if b"VERSION:2.1" in raw else "utf-8")
    cards = list(vobject.readComponents(text, allowQP=True))
    assert len(cards) == text.count("BEGIN:VCARD")
    out = []
    for card in cards:
        values = [
            f"{line.name}:{'<binary>' if isinstance(line.value, bytes) else line.value}"
            for line in card.lines()
        ]
        out.append((card.fn.value, "\n".join(values)))
    return out


LABELS = _labels()
CONTACTS = {name: _contacts(name) for name in LABELS}
ALL = [
    Entry(
        name,
        int(e["index"]),
        str(e["fn"]),
        str(e["class"]),
        tuple(e["categories"]),
        CONTACTS[name][int(e["index"])][1] if int(e["index"]) < len(CONTACTS[name]) else "",
    )
    for name, entries in LABELS.items()
    for e in entries
]


def _by_name(fn: str) -> Entry:
    (entry,) = (e for e in ALL if e.fn == fn)
    return entry


def test_every_contact_is_labelled_once_in_order() -> None:
    for name, entries in LABELS.items():
        assert [e["index"] for e in entries] == list(range(len(entries))), name
        assert len(entries) == len(CONTACTS[name]), f"{name}: labels and contacts differ"
        for entry, (shown, _) in zip(entries, CONTACTS[name], strict=True):
            assert entry["fn"] == shown, f"{name}:{entry['index']}"


def test_classes_and_categories_are_from_the_taxonomy() -> None:
    for entry in ALL:
        where = f"{entry.file}:{entry.position}"
        label = ContactClass(entry.label)
        categories = [Category(c) for c in entry.categories]
        assert len(categories) == len(set(categories)), where
        if label is not ContactClass.BUSINESS:
            assert set(categories) <= ANY_CONTACT, f"{where}: business-only category"


def test_set_is_large_enough_and_every_category_is_judged() -> None:
    assert len(ALL) >= 200
    positives = Counter(c for entry in ALL for c in entry.categories)
    assert {Category(c) for c in positives} == set(Category)
    assert min(positives.values()) >= 5, positives
    classes = Counter(entry.label for entry in ALL)
    assert classes["business"] >= 100 and classes["private"] >= 50
    assert 0 < classes["unknown"] < 0.10 * len(ALL), "the unknown-share target must be reachable"


def test_payment_card_labels_have_a_luhn_valid_number() -> None:
    for entry in ALL:
        if "payment_card" not in entry.categories:
            continue
        runs = re.findall(r"\d[\d -]{11,22}\d", unicodedata.normalize("NFKC", entry.text))
        digits = [re.sub(r"\D", "", run) for run in runs]
        assert any(13 <= len(d) <= 19 and luhn.is_valid(d) for d in digits), entry.fn


def test_my_number_mentions_are_labelled_by_checksum() -> None:
    """With 個人番号/マイナンバー context, only a checksum-valid number is a national ID."""
    mentions = 0
    for entry in ALL:
        text = unicodedata.normalize("NFKC", entry.text)
        if not re.search(r"個人番号|マイナンバー", text):
            continue
        mentions += 1
        runs = re.findall(r"(?<!\d)\d{4} ?\d{4} ?\d{4}(?!\d)", text)
        assert any(my_number.is_valid(run.replace(" ", "")) for run in runs), entry.fn
        assert "national_id" in entry.categories, entry.fn
    assert mentions >= 4


@pytest.mark.parametrize(
    ("fn", "trap", "category", "expected"),
    [
        ("井上 太郎", "taro..12.@docomo.ne.jp", "personal_email", True),  # RFC-invalid carrier mail
        ("清水 麻衣", "060-0001", "home_phone", False),  # a Sapporo postal code, not a phone
        ("林 久美子", "050-3786-1142", "mobile_phone", False),  # IP phone
        ("熊谷 恵子", "050-5521-3308", "mobile_phone", False),  # IP phone
        ("石井 誠", "060-2451-8836", "mobile_phone", True),  # 060 mobile range
        ("清水 翔太", "060-3318-4472", "mobile_phone", False),  # 060, but a friend's
        ("青木 達也", "123456789012", "national_id", False),  # wrong check digit
        ("関 誠", "621498320258", "national_id", False),  # wrong check digit
        ("吉田 大輔", "０９０ー６６１８ー２２４７", "mobile_phone", True),  # full width, ー
        ("松本 智子", "０８０ー４４２１ー７７３６", "mobile_phone", True),  # in a note
        ("太田 千尋", "１２３４ ５６７８ ９０１８", "national_id", True),  # full-width My Number
        ("森 剛", "こはく中央病院", "special_care", False),  # a hospital as organisation
        ("サポートセンター", "0120-448-216", "mobile_phone", False),  # toll free
        ("木村 沙織", "000-0000-0000", "mobile_phone", False),  # placeholder mobile
        ("北村 沙織", "000-0000-0000", "home_phone", False),  # placeholder home number
        ("木村 沙織", "test@example.com", "personal_email", False),  # placeholder mail
        ("小林 浩二", "社用携帯", "mobile_phone", False),  # a company-issued mobile
        ("荒木 隆", "会社支給", "mobile_phone", False),  # a company-issued mobile
        ("松本 直樹", "PHOTO:<binary>", "photo", False),  # a friend's photo is not exposure
    ],
)
def test_traps_are_present_and_labelled(fn: str, trap: str, category: str, expected: bool) -> None:
    entry = _by_name(fn)
    assert trap in entry.text, (fn, trap)
    assert (category in entry.categories) is expected, (fn, trap)


def test_own_company_colleagues_are_business() -> None:
    colleagues = [e for e in ALL if "sample-shoji.example.co.jp" in e.text]
    assert len(colleagues) >= 5
    assert all(entry.label == "business" for entry in colleagues)
