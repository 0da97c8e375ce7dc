"""The fictional rule set the reporter tests use: ids, categories, wording in en/ja."""

from __future__ import annotations

from piiaudit.model import Category, Finding, RuleInfo, Severity, Text, Trail, ValueKind

RULES = {
    "PII101": (Category.MOBILE_PHONE, Severity.HIGH, "Personal mobile number", "携帯電話番号"),
    "PII102": (Category.HOME_PHONE, Severity.HIGH, "Home phone number", "自宅の電話番号"),
    "PII110": (Category.PERSONAL_EMAIL, Severity.MEDIUM, "Personal email", "個人メール"),
    "PII120": (Category.BIRTHDAY, Severity.MEDIUM, "Birthday", "誕生日"),
    "PII130": (Category.FAMILY_INFO, Severity.MEDIUM, "Family details", "家族の情報"),
    "PII150": (Category.OTHER_PII, Severity.LOW, "Free-text note", "自由記述のメモ"),
    "PII160": (Category.HOME_ADDRESS, Severity.HIGH, "Home address", "自宅住所"),
    "PII200": (Category.NATIONAL_ID, Severity.CRITICAL, "My Number", "マイナンバー"),
    "PII210": (Category.PAYMENT_CARD, Severity.CRITICAL, "Card number", "カード番号"),
}
RECOMMEND = {
    "PII101": (
        "Move the number to the CRM and delete it here.",
        "番号は CRM に移し、端末からは削除しましょう。",
    ),
    "PII102": (
        "Delete the home number unless the customer asked you to use it.",
        "本人の希望がない限り自宅の番号は削除しましょう。",
    ),
    "PII110": ("Use the customer's work address instead.", "仕事用のアドレスを使いましょう。"),
    "PII120": ("Delete the birthday.", "誕生日は削除しましょう。"),
    "PII130": ("Delete notes about family members.", "家族についてのメモは削除しましょう。"),
    "PII150": (
        "Review the note and delete personal details.",
        "メモを見直し、個人的な内容は削除しましょう。",
    ),
    "PII160": ("Delete the home address.", "自宅住所は削除しましょう。"),
    "PII200": ("Delete the My Number now.", "マイナンバーはすぐに削除してください。"),
    "PII210": ("Delete the card number now.", "カード番号はすぐに削除してください。"),
}


def rule_infos() -> list[RuleInfo]:
    return [
        RuleInfo(
            id=rid,
            pack="core",
            category=cat,
            severity=sev,
            description=Text(en, ja),
            recommendation=Text(*RECOMMEND[rid]),
            references=("https://www.ppc.go.jp/",) if sev is Severity.CRITICAL else (),
            name=en.lower().replace(" ", "-"),
        )
        for rid, (cat, sev, en, ja) in RULES.items()
    ]


def finding(
    rule: str, fld: str, value: str, kind: ValueKind, trail: Trail | None = None
) -> Finding:
    cat, sev, en, ja = RULES[rule]
    return Finding(
        rule=rule,
        category=cat,
        severity=sev,
        field=fld,
        value=value,
        kind=kind,
        message=Text(f"{en} found", f"{ja}が見つかりました"),
        recommendation=Text(*RECOMMEND[rule]),
        confidence=0.9,
        references=("https://www.ppc.go.jp/",) if sev is Severity.CRITICAL else (),
        trail=trail,
    )
