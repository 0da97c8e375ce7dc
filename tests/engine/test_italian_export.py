"""An export from an Italian-language phone, end to end (QA finding B9 Italian): the
reader keeps the Italian labels, the shipped packs read them (Cellulare is a mobile,
Casa a home line, Ufficio the office) and classify the owner's family as private and
a customer tagged in Italian as business. People, firms and numbers are fictional."""

from __future__ import annotations

from pathlib import Path

from piiaudit.engine import Engine
from piiaudit.handover.minimize import minimize
from piiaudit.handover.policy import load_policy
from piiaudit.model import Category, Contact, ContactClass
from piiaudit.parsers import ParseOptions, open_input

EXPORT = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;Mamma;;;\r\nFN:Mamma\r\n"
    "TEL;TYPE=Cellulare:+39 333 000 1250\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;Marco (fratello);;;\r\nFN:Marco (fratello)\r\n"
    "TEL;TYPE=Cellulare:+39 333 000 1251\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Rossi;;;Dott.;\r\nFN:Dott. Rossi\r\n"
    "ORG:Rossi S.r.l.\r\n"
    # a customer in the US: +1 numbers do not tell a mobile from a landline, the label does
    "TEL;TYPE=Cellulare:+1 415 555 0136\r\n"
    "TEL;TYPE=Casa:+39 06 1234 5692\r\n"
    "item1.TEL:+39 02 1234 5693\r\nitem1.X-ABLabel:Ufficio\r\n"
    "NOTE:cliente dal 2019\r\nEND:VCARD\r\n"
)


def _read(tmp_path: Path) -> list[Contact]:
    path = tmp_path / "rubrica.vcf"
    path.write_text(EXPORT, encoding="utf-8")
    with open_input(str(path), ParseOptions(region="IT")) as parsed:
        contacts = list(parsed.contacts)
        assert not parsed.info.issues
    return contacts


def test_italian_labels_are_read_and_understood(engine: Engine, tmp_path: Path) -> None:
    *_, rossi = _read(tmp_path)
    assert [p.labels for p in rossi.phones] == [("cellulare",), ("casa",), ("Ufficio",)]

    result = engine.evaluate(rossi)
    by_category = {(f.category, f.field) for f in result.findings}
    # Cellulare makes the +1 number a personal mobile, Casa the Rome landline a home line
    assert (Category.MOBILE_PHONE, "phones[0]") in by_category
    assert (Category.HOME_PHONE, "phones[1]") in by_category
    # the Milan office line (Ufficio) is the company's: no finding on it
    assert not [f for f in result.findings if f.field == "phones[2]"]

    # minimize hands over the office line only
    kept = minimize(rossi, engine, load_policy(engine.loaded.lists)).contact
    assert [p.value for p in kept.phones] == ["+39 02 1234 5693"]


def test_italian_family_is_private_and_an_italian_customer_business(
    engine: Engine, tmp_path: Path
) -> None:
    mamma, marco, rossi = _read(tmp_path)
    assert engine.evaluate(mamma).classification.label is ContactClass.PRIVATE
    assert engine.evaluate(marco).classification.label is ContactClass.PRIVATE
    business = engine.evaluate(rossi).classification
    assert business.label is ContactClass.BUSINESS
    fired = {reason.rule for reason in business.reasons}
    # the legal form (S.r.l.) and the customer tag (cliente) are both read
    assert {"GDPR-CLASS-001", "GDPR-CLASS-009"} <= fired
