"""様 kept in the name's own suffix field marks a customer, as 様 after the name does.

Google's "Name Suffix", Japanese Outlook's 敬称 and the last part of a vCard's N hold
the honorific apart from the name. A blind QA set found such customers left unknown,
so their mobiles and a note about a parent's dementia fell out of the business
findings. All data is fictional.
"""

from __future__ import annotations

import io

from parsers.csv_read import read
from piiaudit.engine import Engine
from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions
from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_stream import read_vcard

GOOGLE = (
    "First Name,Last Name,Name Suffix,Phone 1 - Label,Phone 1 - Value\r\n"
    ",太田,様,Mobile,070-0000-8642\r\n"
)
OUTLOOK_JA = "姓,名,敬称,携帯電話,メモ\r\n杉山,,様,090-5555-1357,週末は不在\r\n"
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:太田;;;;様\r\nFN:太田\r\n"
    "TEL;TYPE=CELL:070-0000-8642\r\nEND:VCARD\r\n"
)


def _vcard(text: str) -> Contact:
    data = text.encode("utf-8")
    verdict = sniff(data[:HEAD_BYTES])
    info = FileInfo(path="export.vcf", format=verdict.format, encoding=verdict.detected.encoding)
    [card] = read_vcard(io.BytesIO(data), info, verdict.detected, ParseOptions())
    return card


def _assert_customer_with_mobile(engine: Engine, card: Contact) -> None:
    assert card.names.suffix == "様"
    result = engine.evaluate(card)
    assert result.classification.label.value == "business"
    assert "JP-CLASS-002" in {r.rule for r in result.classification.reasons}
    assert "mobile_phone" in {f.category for f in result.findings}


def test_google_name_suffix(engine: Engine) -> None:
    [card] = read(GOOGLE.encode("utf-8"))[0]
    _assert_customer_with_mobile(engine, card)


def test_japanese_outlook_honorific_column(engine: Engine) -> None:
    [card] = read(OUTLOOK_JA.encode("cp932"), encoding="cp932")[0]
    _assert_customer_with_mobile(engine, card)


def test_vcard_n_suffix(engine: Engine) -> None:
    _assert_customer_with_mobile(engine, _vcard(VCARD))


def test_without_the_honorific_the_same_card_is_not_business(engine: Engine) -> None:
    card = _vcard(VCARD.replace(";;;;様", ";;;;"))
    assert engine.evaluate(card).classification.label.value != "business"
