"""QA2 A9: ``piiaudit contacts`` without ``--show-pii`` masks the labels people typed.

A custom label is free text that can name a third party ("<name>の旦那", "旧姓 <name>")
and was printed as it was while the contact's own name was masked. Standard labels
(vCard types, Apple's and Google's built-in labels, CSV column headers) say what
the parser read and stay as they are. Every person here is fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.parsers import open_input
from piiaudit.reporters.contacts_json import contact_to_dict, is_standard_label, shown_label

PARSER_DATA = Path(__file__).resolve().parents[2] / "src" / "piiaudit" / "parsers" / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HUSBAND = "川辺ゆかりの旦那"
MAIDEN = "旧姓 野々宮"
CARD = f"""BEGIN:VCARD
VERSION:3.0
N:;直人;;;
FN:直人
item1.TEL:090-0000-3131
item1.X-ABLabel:{HUSBAND}
item2.EMAIL:naoto.example@example.jp
item2.X-ABLabel:{MAIDEN}
TEL;TYPE=WORK,VOICE:03-0000-4141
ADR;TYPE=HOME:;;1-2-3 Example;Minato;;;
END:VCARD
"""


@pytest.fixture
def card(tmp_path: Path) -> Path:
    path = tmp_path / "labels.vcf"
    path.write_text(CARD, encoding="utf-8")
    return path


def _contact(path: Path, *, show_pii: bool) -> dict[str, object]:
    with open_input(str(path)) as parsed:
        (contact,) = list(parsed.contacts)
    return contact_to_dict(contact, show_pii=show_pii)


def test_typed_labels_are_masked_and_standard_ones_kept(card: Path) -> None:
    data = _contact(card, show_pii=False)
    phones, emails, addresses = data["phones"], data["emails"], data["addresses"]
    assert isinstance(phones, list) and isinstance(emails, list) and isinstance(addresses, list)
    assert phones[0]["labels"] == [f"[{len(HUSBAND)} chars]"]
    assert emails[0]["labels"] == [f"[{len(MAIDEN)} chars]"]
    assert phones[1]["labels"] == ["work", "voice"]
    assert addresses[0]["labels"] == ["home"]
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("川辺", "ゆかり", "旦那", "旧姓", "野々宮"):
        assert secret not in text


def test_show_pii_shows_typed_labels(card: Path) -> None:
    data = _contact(card, show_pii=True)
    phones, emails = data["phones"], data["emails"]
    assert isinstance(phones, list) and isinstance(emails, list)
    assert phones[0]["labels"] == [HUSBAND]
    assert emails[0]["labels"] == [MAIDEN]


def test_the_contacts_command_masks_typed_labels(card: Path) -> None:
    result = CliRunner().invoke(app, ["contacts", str(card)])
    assert result.exit_code == 0, result.output
    assert HUSBAND not in result.stdout and "野々宮" not in result.stdout
    assert '"labels": ["work", "voice"]' in result.stdout


@pytest.mark.parametrize(
    "label",
    [
        "work", "home", "cell", "fax", "pref", "voice", "main", "other", "iphone", "internet",
        "WORK", "x-mobile", "_$!<Mobile>!$_", "Phone 1 - Value", "E-mail 2 Address",
        "Business Phone 2", "Assistant's Phone", "TTY/TDD", "会社電話", "会社電話 2",
        "会社代表電話", "その他の FAX", "電子メール アドレス", "社用携帯", "携帯", "ＦＡＸ",
    ],
)  # fmt: skip
def test_standard_labels_are_shown(label: str) -> None:
    assert is_standard_label(label)
    assert shown_label(label, show_pii=False) == label


@pytest.mark.parametrize(
    "label",
    [
        HUSBAND, MAIDEN, "Carol", "carol's phone", "x-aunt", "Hanako", "山本さん",
        "携帯（川辺）", "090-0000-1234", "Phone 123", "1", "", "--", "work " * 20,
    ],
)  # fmt: skip
def test_other_labels_are_masked_like_text(label: str) -> None:
    assert not is_standard_label(label)
    assert shown_label(label, show_pii=False) == f"[{len(label)} chars]"
    assert shown_label(label, show_pii=True) == label


def _mapped_labels(table: object) -> set[str]:
    """Every label a reader's table maps to (values, or lists of them)."""
    if isinstance(table, dict):
        return {label for value in table.values() for label in _mapped_labels(value)}
    if isinstance(table, list):
        return {str(label) for label in table}
    return {str(table)}


def test_every_label_the_readers_map_to_is_shown() -> None:
    """The vCard reader's built-in labels and Google's type words name no one."""
    vcard = yaml.safe_load((PARSER_DATA / "vcard_labels.yaml").read_text(encoding="utf-8"))
    google = yaml.safe_load((PARSER_DATA / "csv_google.yaml").read_text(encoding="utf-8"))
    labels = _mapped_labels(vcard["types"]) | _mapped_labels(vcard["apple"])
    labels |= _mapped_labels(google["type_labels"])
    assert len(labels) > 20
    assert sorted(label for label in labels if not is_standard_label(label)) == []


@pytest.mark.parametrize(
    "export", ["google-contacts.csv", "outlook-contacts.csv", "outlook-contacts-en.csv"]
)
def test_csv_column_headers_are_shown(export: str) -> None:
    """A CSV phone or e-mail keeps its column header as its last label: the English and
    Japanese headers of Google and Outlook exports are shown, not masked."""
    headers = set()
    with open_input(str(EXAMPLES / export)) as parsed:
        for contact in parsed.contacts:
            data = contact_to_dict(contact, show_pii=False)
            for key in ("phones", "emails"):
                values = data[key]
                assert isinstance(values, list)
                headers |= {value["labels"][-1] for value in values if value["labels"]}
    assert headers
    assert sorted(h for h in headers if h.startswith("[")) == []


def _labelled_headers(path: Path) -> set[str]:
    """The headers a shipped CSV map reads into phones, e-mails or messenger IDs: the
    reader keeps each as the value's last label."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    roles = (data.get("columns") or {}).items()
    return {
        str(header)
        for header, role in roles
        if str(role).split(":")[0].split(".")[0] in ("phone", "email", "messaging")
    }


@pytest.mark.parametrize("table", sorted(p.name for p in PARSER_DATA.glob("csv_*.yaml")))
def test_every_shipped_header_of_a_labelled_value_is_shown(table: str) -> None:
    """German, French and Japanese Outlook headers included: a column header names no one."""
    headers = _labelled_headers(PARSER_DATA / table)
    assert sorted(h for h in headers if not is_standard_label(h)) == []


def test_every_chat_service_the_vcard_reader_names_is_shown() -> None:
    data = yaml.safe_load((PARSER_DATA / "vcard_properties.yaml").read_text(encoding="utf-8"))
    services = {s for s in data["messaging"].values() if s} | set(
        data["messaging_schemes"].values()
    )
    assert sorted(s for s in services if not is_standard_label(s)) == []
