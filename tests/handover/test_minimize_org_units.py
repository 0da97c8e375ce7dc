"""An organisation's units survive ``piiaudit minimize``: ``ORG:company;unit`` is handed
over as one ORG with the same components, never merged into the company name.

The company imports the hand-over into its CRM, where the department is its own field.
All data fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from cli_app import app
from typer.testing import CliRunner

from piiaudit.handover.fields import drop_fields
from piiaudit.handover.vcard_writer import org_lines
from piiaudit.model import Contact, OrgParts, SourceRef

BUSINESS = "overrides:\n  - {contact: 'index:0', class: business, reason: customer}\n"


def card(version: str, org_line: str) -> bytes:
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        "N:山田;太郎;;;",
        "FN:山田太郎",
        org_line,
        "TEL;TYPE=WORK:03-0000-0001",
        "END:VCARD",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def minimized(tmp_path: Path, name: str, data: bytes) -> str:
    source = tmp_path / name
    source.write_bytes(data)
    overrides = tmp_path / "pinned.yaml"
    overrides.write_text(BUSINESS, encoding="utf-8")
    out = tmp_path / "handover.vcf"
    result = CliRunner().invoke(
        app, ["minimize", str(source), "-o", str(out), "--lang", "en", "--override", str(overrides)]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes().decode("utf-8")  # as written: CRLF line ends kept


def org_values(text: str) -> list[list[str]]:
    """Every ORG of the hand-over as vobject (an independent reader) reads it."""
    (read,) = list(vobject.readComponents(text))
    return [line.value for line in read.contents.get("org", [])]


def org_texts(text: str) -> list[str]:
    unfolded = text.replace("\r\n ", "")
    return [line for line in unfolded.split("\r\n") if line.startswith("ORG")]


@pytest.mark.parametrize(
    ("version", "org_line", "written", "components"),
    [
        (
            "2.1",
            "ORG;CHARSET=UTF-8:株式会社テスト商事;営業部",
            "ORG:株式会社テスト商事;営業部",
            ["株式会社テスト商事", "営業部"],
        ),
        (
            "3.0",
            "ORG:株式会社テスト商事;営業部",
            "ORG:株式会社テスト商事;営業部",
            ["株式会社テスト商事", "営業部"],
        ),
        (
            "4.0",
            "ORG:株式会社テスト商事;営業部;第一課",
            "ORG:株式会社テスト商事;営業部;第一課",
            ["株式会社テスト商事", "営業部", "第一課"],
        ),
        # an empty unit keeps its place; trailing empty ones say nothing
        (
            "3.0",
            "ORG:Example K.K.;;Tokyo Office;",
            "ORG:Example K.K.;;Tokyo Office",
            ["Example K.K.", "", "Tokyo Office"],
        ),
        # ; , and \ inside a component stay inside it (vCard 3.0 escaping)
        (
            "3.0",
            r"ORG:Example\; Trading\, Ltd.;R\\D",
            r"ORG:Example\; Trading\, Ltd.;R\\D",
            ["Example; Trading, Ltd.", "R\\D"],
        ),
        (
            "4.0",
            r"ORG:Example\, Inc.;Sales\; East",
            r"ORG:Example\, Inc.;Sales\; East",
            ["Example, Inc.", "Sales; East"],
        ),
        # a folded ORG takes the general reader, not the one-pass path
        (
            "3.0",
            "ORG:株式会社テスト商事;\r\n 営業部",
            "ORG:株式会社テスト商事;営業部",
            ["株式会社テスト商事", "営業部"],
        ),
    ],
)
def test_vcard_org_units_round_trip_through_minimize(
    tmp_path: Path, version: str, org_line: str, written: str, components: list[str]
) -> None:
    text = minimized(tmp_path, "export.vcf", card(version, org_line))
    assert org_texts(text) == [written]
    assert org_values(text) == [components]


GOOGLE = (
    "First Name,Last Name,Organization Name,Organization Title,Organization Department,"
    "Phone 1 - Label,Phone 1 - Value\r\n"
    "太郎,山田,株式会社テスト商事,課長,営業部,Work,03-0000-0001\r\n"
)
GOOGLE_GROUPS = (
    "First Name,Last Name,Organization 1 - Name,Organization 1 - Title,"
    "Organization 1 - Department,Phone 1 - Label,Phone 1 - Value\r\n"
    "太郎,山田,株式会社テスト商事,課長,営業部,Work,03-0000-0001\r\n"
)
OUTLOOK = (
    '"First Name","Last Name","Company","Department","Job Title","Business Phone",'
    '"E-mail Address","E-mail Type"\r\n'
    '"太郎","山田","Example; Trading, Ltd.","営業部","課長","03-0000-0001",'
    '"taro@example.com","SMTP"\r\n'
)


@pytest.mark.parametrize(
    ("name", "data", "written", "components"),
    [
        ("google.csv", GOOGLE, "ORG:株式会社テスト商事;営業部", ["株式会社テスト商事", "営業部"]),
        (
            "google-groups.csv",
            GOOGLE_GROUPS,
            "ORG:株式会社テスト商事;営業部",
            ["株式会社テスト商事", "営業部"],
        ),
        (
            "outlook.csv",
            OUTLOOK,
            r"ORG:Example\; Trading\, Ltd.;営業部",
            ["Example; Trading, Ltd.", "営業部"],
        ),
    ],
)
def test_csv_company_and_department_are_handed_over_as_one_org(
    tmp_path: Path, name: str, data: str, written: str, components: list[str]
) -> None:
    text = minimized(tmp_path, name, data.encode("utf-8"))
    assert org_texts(text) == [written]
    assert org_values(text) == [components]


def csv_contact(*entries: tuple[str, bool]) -> Contact:
    return Contact(
        source=SourceRef("export.csv", 0, 2),
        organizations=tuple(text for text, _ in entries),
        organization_parts=tuple(OrgParts((text,), unit) for text, unit in entries),
    )


def test_a_dropped_organisation_takes_its_units_along() -> None:
    contact = csv_contact(("Example K.K.", False), ("営業部", True), ("Other Co.", False))
    dropped = drop_fields(contact, ["organizations[0]"])
    assert dropped.organizations == ("Other Co.",)
    assert org_lines(dropped) == [["Other Co."]]


def test_a_dropped_unit_leaves_its_organisation() -> None:
    contact = csv_contact(("Example K.K.", False), ("営業部", True), ("第一課", True))
    dropped = drop_fields(contact, ["organizations[1]"])
    assert dropped.organizations == ("Example K.K.", "第一課")
    assert org_lines(dropped) == [["Example K.K.", "第一課"]]
