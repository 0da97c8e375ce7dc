"""The holdout evaluation set: complete, consistent with its own data, and full of traps.

The holdout set (``tests/eval/holdout``) measures how the rules generalise to
exporters and writing styles nobody tuned them on. Its labels are only worth
something if they agree with the data, so this file reads the exports with
independent tools (vobject after decoding the file ourselves, the csv module,
python-stdnum, phonenumbers), never with piiaudit's parsers or engine: a labelling
mistake and a piiaudit mistake cannot cancel out. There is deliberately no
accuracy target here; the figures are in ``docs/accuracy.md``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import phonenumbers
import pytest
import vobject
import yaml
from stdnum import luhn
from stdnum.jp import in_ as my_number

from piiaudit.model import Category, ContactClass

HOLDOUT = Path(__file__).resolve().parent / "holdout"
ANY_CONTACT = {
    Category.NATIONAL_ID,
    Category.PAYMENT_CARD,
    Category.BANK_ACCOUNT,
    Category.CREDENTIAL,
    Category.SPECIAL_CARE,
}
# How each exporter writes its file: the encoding we decode it with ourselves.
ENCODINGS = {
    "holdout-docomo.vcf": "cp932",
    "holdout-outlook-ja.csv": "cp932",
    "holdout-outlook-en.csv": "cp1252",
    "holdout-v4.vcf": "utf-8",
    "holdout-google-legacy.csv": "utf-8",
}
# Words that mark a mobile as company-issued (no finding, per the README).
COMPANY_ISSUED = re.compile(r"社用携帯|会社携帯|会社支給|会社貸与|Firmenhandy|company phone")
PLACEHOLDER_PHONES = {"000-0000-0000"}
# A 16-digit card in groups of four, or a 15-digit Amex-style 4-6-5 (not inside an IBAN).
CARD_RUN = re.compile(r"(?<![\dA-Z])\d{4}(?: ?\d{4}){3}(?!\d)|(?<!\d)\d{4} ?\d{6} ?\d{5}(?!\d)")


class Entry(NamedTuple):
    file: str
    position: int
    fn: str
    label: str
    categories: frozenset[str]
    text: str  # every "NAME:value" of the contact, read by vobject or csv, NFKC-normalised


def _labels() -> dict[str, list[dict[str, Any]]]:
    document = yaml.safe_load((HOLDOUT / "labels.yaml").read_text(encoding="utf-8"))
    assert set(document) == {"files"}
    files: dict[str, list[dict[str, Any]]] = document["files"]
    return files


def _csv_contacts(name: str, text: str) -> list[tuple[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    out = []
    for row in rows:
        if "Name" in row:  # Google: the formatted name column
            shown = row["Name"]
        elif "姓" in row:  # Japanese Outlook: family name first, as Japanese write it
            shown = " ".join(p for p in (row["姓"], row["名"]) if p) or row["会社名"]
        else:
            shown = (
                " ".join(p for p in (row["First Name"], row["Last Name"]) if p) or row["Company"]
            )
        out.append((shown, "\n".join(f"{k}:{v}" for k, v in row.items() if v)))
    return out


def _vcard_name(card: Any) -> str:
    if hasattr(card, "fn"):
        return str(card.fn.value)
    name = card.n.value  # feature phones write N and no FN
    return " ".join(p for p in (name.family, name.given) if p)


def _vcard_contacts(text: str) -> list[tuple[str, str]]:
    cards = list(vobject.readComponents(text, allowQP=True))
    assert len(cards) == text.count("BEGIN:VCARD")
    out = []
    for card in cards:
        values = []
        for line in card.lines():
            value = line.value
            if isinstance(value, bytes) or line.name == "PHOTO":
                value = "<binary>"
            params = ";".join(sorted(p for ps in line.params.values() for p in ps))
            params += ";".join(line.singletonparams)
            values.append(f"{line.name};{params}:{value}")
        out.append((_vcard_name(card), "\n".join(values)))
    return out


def _contacts(name: str) -> list[tuple[str, str]]:
    text = (HOLDOUT / name).read_bytes().decode(ENCODINGS[name])
    if name.endswith(".csv"):
        return _csv_contacts(name, text)
    return _vcard_contacts(text)


def _normalise(text: str) -> str:
    """NFKC, and ー typed as a hyphen between digits (NFKC keeps it)."""
    return re.sub(r"(?<=\d)ー(?=\d)", "-", unicodedata.normalize("NFKC", text))


LABELS = _labels()
CONTACTS = {name: _contacts(name) for name in LABELS}
ALL = [
    Entry(
        name,
        int(e["index"]),
        str(e["fn"]),
        str(e["class"]),
        frozenset(e["categories"]),
        _normalise(CONTACTS[name][int(e["index"])][1])
        if int(e["index"]) < len(CONTACTS[name])
        else "",
    )
    for name, entries in LABELS.items()
    for e in entries
]


def _by_name(fn: str) -> Entry:
    (entry,) = (e for e in ALL if e.fn == fn)
    return entry


def _phones(entry: Entry) -> list[phonenumbers.PhoneNumber]:
    return [m.number for m in phonenumbers.PhoneNumberMatcher(entry.text, "JP")]


def _mail_domains() -> dict[str, str]:
    document = yaml.safe_load((HOLDOUT / "mail_domains.yaml").read_text(encoding="utf-8"))
    return {domain: kind for kind, domains in document.items() for domain in domains}


def _reserved(domain: str) -> bool:
    return domain in {"example.jp", "example.com"} or ".example." in f".{domain}"


def test_every_exporter_of_the_brief_is_there_in_its_own_encoding() -> None:
    assert set(LABELS) == set(ENCODINGS)
    for name, encoding in ENCODINGS.items():
        raw = (HOLDOUT / name).read_bytes()
        if encoding != "utf-8":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")  # really written in the exporter's code page
        raw.decode(encoding)
    docomo = (HOLDOUT / "holdout-docomo.vcf").read_bytes()
    assert b"VERSION:2.1" in docomo and b"CHARSET=SHIFT_JIS" in docomo
    assert b"SOUND;X-IRMC-N" in docomo and b"X-GN;" in docomo and b"QUOTED-PRINTABLE" in docomo
    assert b"VERSION:4.0" in (HOLDOUT / "holdout-v4.vcf").read_bytes()


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
        categories = {Category(c) for c in entry.categories}
        if label is not ContactClass.BUSINESS:
            assert categories <= ANY_CONTACT, f"{where}: business-only category"


def test_set_is_large_enough_and_every_category_is_judged() -> None:
    assert len(ALL) >= 150
    positives = Counter(c for entry in ALL for c in entry.categories)
    assert {Category(c) for c in positives} == set(Category)
    assert min(positives.values()) >= 5, positives
    classes = Counter(entry.label for entry in ALL)
    assert classes["business"] >= 100 and classes["private"] >= 20
    assert 0 < classes["unknown"] < 0.10 * len(ALL)


def test_feature_phone_groups_agree_with_the_class() -> None:
    """得意先/仕入先/社内 are business groups, 家族/友人 private ones."""
    groups = {"得意先": "business", "仕入先": "business", "社内": "business"}
    groups |= {"家族": "private", "友人": "private"}
    seen = 0
    for entry in ALL:
        match = re.search(r"^X-GN;[^:]*:(.+)$", entry.text, re.MULTILINE)
        if entry.file == "holdout-docomo.vcf" and match:
            seen += 1
            assert entry.label == groups[match.group(1)], entry.fn
    assert seen >= 40


def test_own_company_colleagues_are_business() -> None:
    colleagues = [
        e for e in ALL if "mirai-bussan.example.co.jp" in e.text or "ミライ物産" in e.text
    ]
    assert len(colleagues) >= 6
    assert all(entry.label == "business" for entry in colleagues)


def test_every_phone_number_is_valid_or_a_declared_placeholder() -> None:
    checked = 0
    for name, contacts in CONTACTS.items():
        for _, text in contacts:
            for line in text.splitlines():
                key, _, value = line.partition(":")
                is_phone = key.startswith("TEL") or bool(re.search(r"Phone|電話|FAX|Fax", key))
                is_phone = is_phone and not key.endswith("Type")
                if not is_phone or value in PLACEHOLDER_PHONES:
                    continue
                number = _normalise(value).removeprefix("tel:").split(";")[0]
                try:
                    parsed = phonenumbers.parse(number, "JP")
                except phonenumbers.NumberParseException:
                    pytest.fail(f"{name}: {line} is not a phone number")
                assert phonenumbers.is_valid_number(parsed), (name, line)
                checked += 1
    assert checked >= 170


def test_mobile_labels_follow_the_numbers() -> None:
    """A business contact's mobile is labelled unless the card says it is company-issued."""
    for entry in ALL:
        mobile = [
            n
            for n in _phones(entry)
            if phonenumbers.number_type(n) == phonenumbers.PhoneNumberType.MOBILE
        ]
        expected = (
            entry.label == "business" and bool(mobile) and not COMPANY_ISSUED.search(entry.text)
        )
        assert ("mobile_phone" in entry.categories) is expected, entry.fn


def test_personal_mail_labels_follow_the_domains() -> None:
    known = _mail_domains()
    for entry in ALL:
        domains = {d.lower() for d in re.findall(r"@([A-Za-z0-9.-]+\.[a-z]{2,})", entry.text)}
        for domain in domains:
            assert _reserved(domain) or domain in known, (entry.fn, domain)
        expected = entry.label == "business" and any(d in known for d in domains)
        assert ("personal_email" in entry.categories) is expected, entry.fn


def test_payment_card_labels_have_a_luhn_valid_number() -> None:
    cards = 0
    for entry in ALL:
        runs = CARD_RUN.findall(entry.text)
        valid = [r for r in runs if luhn.is_valid(r.replace(" ", ""))]
        assert ("payment_card" in entry.categories) is bool(valid), entry.fn
        cards += bool(valid)
    assert cards >= 5


def test_my_number_labels_follow_checksum_and_context() -> None:
    """Context word and a valid check digit make a My Number; either alone does not."""
    context = re.compile(r"個人番号|マイナンバー(?!カード)")
    other_ids = re.compile(r"旅券|免許|年金番号|[Pp]assport")
    checked = 0
    for entry in ALL:
        runs = re.findall(r"(?<!\d)\d{4} ?\d{4} ?\d{4}(?!\d)", entry.text)
        valid = any(my_number.is_valid(r.replace(" ", "")) for r in runs)
        if other_ids.search(entry.text):
            assert "national_id" in entry.categories, entry.fn
            continue
        expected = valid and bool(context.search(entry.text))
        assert ("national_id" in entry.categories) is expected, entry.fn
        checked += bool(runs)
    assert checked >= 6


@pytest.mark.parametrize(
    ("fn", "trap", "category", "expected"),
    [
        ("大森 康介", "4028 1173 6625", "national_id", False),  # マイナンバー, wrong check digit
        ("上田 直人", "5120 9938 7743", "national_id", False),  # valid check digit, an order number
        ("真鍋 早苗", "マイナンバーカード", "national_id", False),  # the card reader, no number
        ("吉永 紗希", "3817 2204 6696", "national_id", True),  # full width in the file
        ("岩田 亜紀", "4980 1234 5678 9012", "payment_card", False),  # Luhn-invalid
        ("Uwe Braun", "4012 8888 8888 1882", "payment_card", False),  # Luhn-invalid
        ("遠山 美和", "3566 0020 2036 0505", "payment_card", True),  # no context word, still a card
        ("大橋 勇", "080-0012", "mobile_phone", False),  # 帯広 postal code
        ("大橋 勇", "090-0041", "mobile_phone", False),  # 北見 postal code in a note
        ("菅野 里美", "060-0807", "home_phone", False),  # 札幌 postal code
        ("三浦 隆", "05055318824", "mobile_phone", False),  # 050 IP phone
        ("吉岡 信也", "06041572836", "mobile_phone", True),  # 060 mobile
        ("ピザロッソ駅前店", "0120418326", "mobile_phone", False),  # toll free
        ("新井 拓海", "050-3612-7748", "mobile_phone", False),  # IP phone
        ("能登 沙耶", "080-6214-3390", "mobile_phone", True),  # full width with ー, in a note
        ("島田 恵", "000-0000-0000", "mobile_phone", False),  # placeholder
        ("島田 恵", "none@example.jp", "personal_email", False),  # placeholder mail
        ("織田 和人", "k.oda.@ezweb.ne.jp", "personal_email", True),  # RFC-invalid carrier mail
        ("高山 隆", ".taka..yama@docomo.ne.jp", "personal_email", True),  # RFC-invalid carrier mail
        ("ABC商事 鈴木部長", "社用携帯", "mobile_phone", False),  # company-issued
        ("Patrick Keller", "Firmenhandy", "mobile_phone", False),  # company-issued
        ("関口 進", "みどり台病院", "special_care", False),  # a hospital as organisation
        ("菊池 誠一", "入院病棟の改修", "special_care", False),  # a ward renovation, not a stay
        ("Karin Lorenz", "Allgemeinmedizin", "special_care", False),  # a practice as organisation
        ("水野 和彦", "サーバ障害", "special_care", False),  # a server outage, not a disability
        ("木下 望", "回線障害", "special_care", False),  # a line outage
        ("横山 清", "台風被害", "special_care", False),  # storm damage, not a crime
        ("Matthias Krause", "Storm damage", "special_care", False),
        ("青山 瑞穂", "被疑者", "special_care", False),  # a lawyer's clients, nobody named
        ("本間 茂", "ガンプラ", "special_care", False),  # ガン is not cancer
        ("松岡 恭子", "パスワードは総務に確認", "credential", False),  # no password given
        ("村井 彩", "PHOTO", "photo", False),  # a friend's photo is not exposure
        ("小野寺 健", "北斗電機", "mobile_phone", False),  # a friend with an employer stays private
        ("柳田 航", "同期入社", "mobile_phone", True),  # 同期入社 is a colleague, not a 大学の同期
        ("Nicolas Petit", "Trade union", "special_care", True),  # GDPR Art. 9
        ("Sophie Lemaire", "Green party", "special_care", True),  # GDPR Art. 9 political opinion
    ],
)
def test_traps_are_present_and_labelled(fn: str, trap: str, category: str, expected: bool) -> None:
    entry = _by_name(fn)
    assert trap in entry.text, (fn, trap)
    assert (category in entry.categories) is expected, (fn, trap)
