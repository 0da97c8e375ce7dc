"""Fictional contacts for reporter tests, chosen to hurt.

HTML and script injection in names, spreadsheet formulas and tab/CR starts in
notes, terminal escape sequences in a name, multi-line notes, Japanese and English
text. Each private value is distinct (no shared last-4 digits), so a leak test can
search for it unambiguously. ``Person.secrets`` lists what must never be shown
without ``show_pii``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from piiaudit.model import (
    Address,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    Email,
    Finding,
    Names,
    Phone,
    Reason,
    RiskLevel,
    SourceRef,
    Text,
    Trail,
    ValueKind,
)
from reporters.rulebook import finding

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"
TERMINAL_ESCAPES = "\x1b]0;pwned\x07Evil \x1b[2JTerminal"


@dataclass
class Person:
    """One fictional contact and everything personal about it, for leak searches."""

    result: ContactResult
    secrets: list[str] = field(default_factory=list)

    @property
    def label(self) -> ContactClass:
        return self.result.classification.label


def _classified(
    label: ContactClass, rule: str, value: str = "", kind: ValueKind = ValueKind.NONE
) -> Classification:
    towards = label if label is not ContactClass.UNKNOWN else ContactClass.BUSINESS
    reason = Reason(
        rule,
        towards,
        0.7,
        "emails[0]" if value else "organizations[0]",
        value,
        kind,
        Text(f"signal {rule}", f"手がかり {rule}"),
    )
    return Classification(label, 0.8 if label is not ContactClass.UNKNOWN else 0.5, (reason,))


def _person(
    path: str,
    index: int,
    line: int,
    contact: Contact,
    label: ContactClass,
    findings: list[Finding],
    score: int,
    level: RiskLevel,
    secrets: list[str],
    reason_value: str = "",
    reason_kind: ValueKind = ValueKind.NONE,
) -> Person:
    del path, index, line
    cls = _classified(label, "CLS" + label.value[:3].upper(), reason_value, reason_kind)
    return Person(ContactResult(contact, cls, tuple(findings), score, level), secrets)


def people_alice() -> list[Person]:
    """Contacts of the first export, a vCard from a salesperson's iPhone."""
    path = "exports/alice.vcf"
    mobile_trail = Trail("phone_type", "mobile", ("携帯",), 0.6, 0.9, ("label CELL",))
    yamada = Contact(
        source=SourceRef(path, 0, 1),
        version="3.0",
        names=Names(formatted="山田 太郎", family="山田", given="太郎"),
        organizations=("株式会社サンプル商事",),
        phones=(Phone("03-1234-5678", ("work",)), Phone("090-1234-5678", ("cell",))),
        emails=(Email("taro.yamada@docomo.ne.jp"),),
        birthday="1980-04-01",
        notes=("奥様は恵美さん\n息子さんは小学生",),
    )
    yamada_findings = [
        finding("PII101", "phones[1]", "090-1234-5678", ValueKind.PHONE, mobile_trail),
        finding("PII110", "emails[0]", "taro.yamada@docomo.ne.jp", ValueKind.EMAIL),
        finding("PII120", "birthday", "1980-04-01", ValueKind.DATE),
        finding("PII130", "notes[0]", "奥様は恵美さん\n息子さんは小学生", ValueKind.TEXT),
    ]
    img = Contact(
        source=SourceRef(path, 1, 14),
        version="3.0",
        names=Names(formatted=XSS_IMG),
        organizations=("Injection Testing KK",),
        phones=(Phone("080-2222-3131", ("cell",)),),
        notes=('=HYPERLINK("http://evil.example/","click")',),
    )
    img_findings = [
        finding("PII101", "phones[0]", "080-2222-3131", ValueKind.PHONE),
        finding("PII150", "notes[0]", '=HYPERLINK("http://evil.example/","click")', ValueKind.TEXT),
    ]
    script = Contact(
        source=SourceRef(path, 2, 22),
        version="3.0",
        names=Names(formatted=XSS_SCRIPT),
        emails=(Email("script.kiddie@gmail.com"),),
        notes=("+81-90-7777-4242 call after 9",),
    )
    script_findings = [
        finding("PII110", "emails[0]", "script.kiddie@gmail.com", ValueKind.EMAIL),
        finding("PII150", "notes[0]", "+81-90-7777-4242 call after 9", ValueKind.TEXT),
    ]
    sato = Contact(
        source=SourceRef(path, 3, 30),
        version="3.0",
        names=Names(formatted="佐藤 花子", family="佐藤", given="花子"),
        phones=(Phone("070-9876-5409", ("cell",)),),
        addresses=(Address(("home",), street="桜町1-2-3", locality="横浜市", region="神奈川県"),),
        notes=("マイナンバー 123456789018",),
    )
    sato_findings = [
        finding("PII200", "notes[0]", "123456789018", ValueKind.IDENTIFIER),
        finding("PII101", "phones[0]", "070-9876-5409", ValueKind.PHONE),
        finding("PII160", "addresses[0]", "神奈川県 横浜市 桜町1-2-3", ValueKind.ADDRESS),
    ]
    suzuki = Contact(
        source=SourceRef(path, 4, 40),
        version="3.0",
        names=Names(formatted="鈴木 一郎", family="鈴木", given="一郎"),
        organizations=("株式会社サンプル商事",),
        phones=(Phone("0120-123-456", ("work",)),),
    )
    return [
        _person(
            path,
            0,
            1,
            yamada,
            ContactClass.BUSINESS,
            yamada_findings,
            82,
            RiskLevel.HIGH,
            [
                "山田 太郎",
                "山田",
                "太郎",
                "090-1234-5678",
                "09012345678",
                "taro.yamada@docomo.ne.jp",
                "taro.yamada",
                "1980-04-01",
                "奥様は恵美さん",
                "息子さんは小学生",
            ],
        ),
        _person(
            path,
            1,
            14,
            img,
            ContactClass.BUSINESS,
            img_findings,
            64,
            RiskLevel.HIGH,
            [XSS_IMG, "onerror=alert(1)", "080-2222-3131", "HYPERLINK", "evil.example"],
        ),
        _person(
            path,
            2,
            22,
            script,
            ContactClass.UNKNOWN,
            script_findings,
            40,
            RiskLevel.MEDIUM,
            [
                XSS_SCRIPT,
                "<script>alert(1)",
                "script.kiddie@gmail.com",
                "script.kiddie",
                "7777-4242",
                "call after 9",
            ],
            "script.kiddie@gmail.com",
            ValueKind.EMAIL,
        ),
        _person(
            path,
            3,
            30,
            sato,
            ContactClass.PRIVATE,
            sato_findings,
            97,
            RiskLevel.CRITICAL,
            [
                "佐藤 花子",
                "佐藤",
                "花子",
                "070-9876-5409",
                "07098765409",
                "123456789018",
                "桜町1-2-3",
                "横浜市",
                "マイナンバー 123",
            ],
            "hanako.sato@example.ne.jp",
            ValueKind.EMAIL,
        ),
        _person(
            path,
            4,
            40,
            suzuki,
            ContactClass.BUSINESS,
            [],
            0,
            RiskLevel.NONE,
            ["鈴木 一郎", "鈴木", "一郎"],
        ),
    ]


def people_bob() -> list[Person]:
    """Contacts of the second export, a Google CSV with formula-looking notes."""
    path = "exports/bob.csv"
    smith = Contact(
        source=SourceRef(path, 0, 2),
        version="google-csv",
        names=Names(formatted="Jane Smithson", family="Smithson", given="Jane"),
        organizations=("Example Widgets Ltd",),
        phones=(Phone("+81 90 5555 6161", ("mobile",)),),
        notes=("-1+1", "@SUM(A1:A9)", "\tTabbed secret", "\rCarriage secret", "line one\nline two"),
    )
    smith_findings = [
        finding("PII101", "phones[0]", "+81 90 5555 6161", ValueKind.PHONE),
        finding("PII150", "notes[0]", "-1+1", ValueKind.TEXT),
        finding("PII150", "notes[1]", "@SUM(A1:A9)", ValueKind.TEXT),
        finding("PII150", "notes[2]", "\tTabbed secret", ValueKind.TEXT),
        finding("PII150", "notes[3]", "\rCarriage secret", ValueKind.TEXT),
        finding("PII150", "notes[4]", "line one\nline two", ValueKind.TEXT),
        finding("PII210", "notes[0]", "4111 1111 1111 1111", ValueKind.IDENTIFIER),
    ]
    evil = Contact(
        source=SourceRef(path, 1, 3),
        version="google-csv",
        names=Names(formatted=TERMINAL_ESCAPES),
        organizations=("Escape Sequences Inc",),
        phones=(Phone("06-6123-4747", ("home",)),),
    )
    evil_findings = [finding("PII102", "phones[0]", "06-6123-4747", ValueKind.PHONE)]
    mum = Contact(
        source=SourceRef(path, 2, 4),
        version="google-csv",
        names=Names(formatted="Mumtaz Privatefriend", given="Mumtaz", family="Privatefriend"),
        phones=(Phone("045-111-2929", ("home",)),),
        emails=(Email("mumtaz.pf@yahoo.co.jp"),),
        birthday="1955-12-24",
        notes=("Likes=gardening; knee surgery in May",),
    )
    mum_findings = [
        finding("PII102", "phones[0]", "045-111-2929", ValueKind.PHONE),
        finding("PII110", "emails[0]", "mumtaz.pf@yahoo.co.jp", ValueKind.EMAIL),
        finding("PII120", "birthday", "1955-12-24", ValueKind.DATE),
    ]
    return [
        _person(
            path,
            0,
            2,
            smith,
            ContactClass.BUSINESS,
            smith_findings,
            99,
            RiskLevel.CRITICAL,
            [
                "Jane Smithson",
                "Smithson",
                "+81 90 5555 6161",
                "819055556161",
                "-1+1",
                "@SUM(A1:A9)",
                "Tabbed secret",
                "Carriage secret",
                "line one",
                "4111 1111 1111 1111",
                "4111111111111111",
            ],
        ),
        _person(
            path,
            1,
            3,
            evil,
            ContactClass.BUSINESS,
            evil_findings,
            55,
            RiskLevel.MEDIUM,
            ["pwned", "Terminal", "06-6123-4747", "0661234747"],
        ),
        _person(
            path,
            2,
            4,
            mum,
            ContactClass.PRIVATE,
            mum_findings,
            70,
            RiskLevel.HIGH,
            [
                "Mumtaz Privatefriend",
                "Mumtaz",
                "Privatefriend",
                "045-111-2929",
                "0451112929",
                "mumtaz.pf@yahoo.co.jp",
                "mumtaz.pf",
                "1955-12-24",
                "gardening",
                "knee surgery",
            ],
            "mumtaz.pf@yahoo.co.jp",
            ValueKind.EMAIL,
        ),
    ]
