"""Fictional contacts beyond the evaluation set: class and categories written by hand.

A second, small check that the shipped rules generalise instead of fitting
``tests/eval``: each contact below was written for this file, with the
expected class and finding categories decided from its content alone.
"""

from __future__ import annotations

from typing import Any

import pytest

from piiaudit.engine import Engine
from piiaudit.engine.casecontact import build_contact

CASES: list[tuple[str, set[str], dict[str, Any]]] = [
    (
        "business",
        {"mobile_phone"},
        {"name": "上田 様", "tel": ["080-3344-5566;cell"], "note": ["展示会で名刺交換"]},
    ),
    (
        "business",
        set(),
        {"org": ["(有)みどり園芸"], "name": "緑川 一郎", "tel": ["0553-22-1234;work"]},
    ),
    (
        "business",
        {"home_address", "mobile_phone"},
        {
            "org": ["株式会社とうかい建設"],
            "name": "東 健一",
            "tel": ["090-2211-3344"],
            "adr": ["愛知県名古屋市中村区名駅1-2-3 メゾン名駅505号室"],
        },
    ),
    ("private", set(), {"name": "ばあちゃん", "tel": ["0742-22-3344;home"]}),
    (
        "private",
        {"special_care"},
        {"name": "父", "tel": ["090-7788-9900;cell"], "note": ["高血圧の薬を服薬中"]},
    ),
    (
        "business",
        {"family_info", "birthday"},
        {
            "org": ["サンプル信用金庫"],
            "name": "金田 支店長",
            "note": ["お子さん2人、長女は来春から大学生。誕生日 7月7日"],
        },
    ),
    (
        "business",
        {"credential"},
        {
            "org": ["株式会社まるやま不動産"],
            "name": "丸山様",
            "note": ["物件キーボックス 暗証 7294"],
        },
    ),
    ("unknown", set(), {"name": "Ken", "tel": ["+81 80-9900-1122"]}),
    (
        "business",
        {"personal_email"},
        {
            "org": ["Example Widgets Inc."],
            "name": "Mary Major",
            "email": ["mary.major@gmail.com", "mary@widgets.example.com;work"],
        },
    ),
    ("private", set(), {"name": "Mom", "tel": ["090-1111-2233"], "email": ["mom@gmail.com"]}),
    (
        "business",
        {"special_care"},
        {
            "org": ["ACME Ltd."],
            "name": "Tom Example",
            "note": ["recovering from a heart attack, back in May"],
        },
    ),
    (
        "business",
        {"national_id"},
        {
            "org": ["株式会社サンプル物流"],
            "name": "物部 様",
            "note": ["パスポート番号 TZ8203715 (出張用)"],
        },
    ),
    (
        "business",
        {"bank_account"},
        {
            "org": ["株式会社サンプル物流"],
            "name": "物部 様",
            "note": ["振込先 サンプル銀行 渋谷支店 当座 0682394"],
        },
    ),
    (
        "private",
        set(),
        {"name": "佐藤 恵", "categories": ["家族"], "tel": ["090-3434-5656"], "bday": "1985-02-02"},
    ),
    (
        "business",
        {"home_phone"},
        {"name": "工藤 課長", "org": ["株式会社くどう"], "note": ["緊急時は自宅 03-3456-7890 へ"]},
    ),
    (
        "business",
        set(),
        {
            "name": "総務部 代表",
            "org": ["株式会社カスタマーA"],
            "tel": ["03-5555-1111;work", "03-5555-1112;fax"],
        },
    ),
    (
        "business",
        {"payment_card"},
        {
            "name": "旅行 担当 様",
            "org": ["株式会社たびのまど"],
            "note": ["法人カード 5555 5555 5555 4444 有効期限 01/29"],
        },
    ),
    ("private", set(), {"name": "ゆうこ(幼馴染)", "tel": ["080-5656-7878"]}),
    (
        "business",
        {"other_pii"},
        {
            "name": "林 部長",
            "org": ["株式会社はやし"],
            "url": ["https://www.facebook.com/hayashi.private"],
        },
    ),
    ("unknown", set(), {"name": "", "tel": ["090-2323-4545"]}),
]


@pytest.mark.parametrize(
    ("expected_class", "expected", "spec"), CASES, ids=[str(i) for i in range(len(CASES))]
)
def test_fresh_contact(
    engine: Engine, expected_class: str, expected: set[str], spec: dict[str, Any]
) -> None:
    result = engine.evaluate(build_contact(spec))
    assert result.classification.label.value == expected_class, result.classification.reasons
    assert {f.category.value for f in result.findings} == expected
