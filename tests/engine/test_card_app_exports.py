"""Exports of business-card apps (Eight, Sansan): every row is a card that changed hands.

A freelancer's card carries a name, a free-mail address, a mobile and the flat they work
from, nothing that reads as business: such a contact was left unknown, so its mobile and
home address went unreported. The exchange-date column is the app's record that the card
was handed over at work (JP-CLASS-014). All data is fictional.
"""

from __future__ import annotations

from parsers.csv_read import read
from piiaudit.engine import Engine
from piiaudit.model import Contact

HEADER = (
    "会社名,部署名,役職,氏名,e-mail,郵便番号,住所,"
    "TEL会社,TEL部門,TEL直通,Fax,携帯電話,URL,名刺交換日\r\n"
)
FREELANCER = (
    ",,,佐藤 花子,hanako.example@gmail.com,150-0001,東京都渋谷区神宮前9-9-9 メゾン神宮前101,"
    ",,,,090-0000-5432,,2025/05/02\r\n"
)
OFFICE = (
    "架空商事株式会社,営業部,課長,山田 太郎,taro@kakuu-shoji.example.co.jp,100-0001,"
    "東京都千代田区千代田9-9,03-0000-5678,03-0000-5679,03-0000-5680,03-0000-5681,"
    "090-0000-5678,https://kakuu.example.co.jp,2025/04/01\r\n"
)


def _contacts(text: str) -> list[Contact]:
    contacts, _ = read(text.encode("utf-8"))
    return contacts


def test_a_freelancers_card_is_business_and_its_personal_data_reported(engine: Engine) -> None:
    [card] = _contacts(HEADER + FREELANCER)
    result = engine.evaluate(card)
    assert result.classification.label.value == "business"
    assert "JP-CLASS-014" in {r.rule for r in result.classification.reasons}
    assert {"mobile_phone", "home_address", "personal_email"} <= {
        f.category for f in result.findings
    }


def test_without_the_exchange_date_the_same_card_is_not_called_business(engine: Engine) -> None:
    header = HEADER.replace(",名刺交換日", "")
    row = FREELANCER.replace(",2025/05/02", "")
    [card] = _contacts(header + row)
    assert engine.evaluate(card).classification.label.value != "business"


def test_an_empty_exchange_date_is_no_exchange(engine: Engine) -> None:
    [card] = _contacts(HEADER + FREELANCER.replace("2025/05/02", ""))
    reasons = engine.evaluate(card).classification.reasons
    assert "JP-CLASS-014" not in {r.rule for r in reasons}


def test_department_and_direct_lines_are_office_numbers() -> None:
    [card] = _contacts(HEADER + OFFICE)
    labels = {p.value: p.labels for p in card.phones}
    assert "work" in labels["03-0000-5679"]  # TEL部門
    assert "work" in labels["03-0000-5680"]  # TEL直通
    assert "work" not in labels["090-0000-5678"]  # 携帯電話
    assert card.other["名刺交換日"] == ("2025/04/01",)
