"""Differential test against vobject on every corpus card vobject can read.

vobject gets the text decoded the way our detector says the file is encoded,
with ``allowQP=True`` (without it vobject fails on every 2.1 soft line break).
For each top-level card it returns, formatted name, phone values and email
values must equal ours. Where vobject is known to be wrong (formats.md §1.2)
the difference is named here per file and card, and the test checks that the
difference is exactly that one: a listed difference that stops occurring
fails too, so this list stays true.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from piiaudit.model import Contact
from piiaudit.parsers import open_input

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "public"
VCARD_FILES = sorted(
    str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.suffix.lower() == ".vcf"
)

# (file, card index, field) -> how vobject's value differs from ours
KNOWN: dict[tuple[str, int, str], str] = {
    # vobject keeps only the text before the first unescaped comma (VCardTextBehavior)
    ("ez-vcard/John_Doe_GMAIL.vcf", 0, "fn"): "cut at comma",
    ("thunderbird/v4-uri-jpeg.vcf", 0, "fn"): "cut at comma",
    # 2.1 ENCODING=BASE64 text: vobject returns undecoded bytes and ignores CHARSET
    ("symbian-versit-perf/iFileShiftJIS_Base64.vcf", 0, "fn"): "bytes",
    ("symbian-versit-perf/iFileShiftJIS_Base64.vcf", 0, "tel"): "bytes",
    ("symbian-versit-perf/iFileShiftJIS_Base64.vcf", 0, "email"): "bytes",
    # vCard 2.1 unfolding keeps the folding whitespace (vcard-21.pdf 2.1.3); vobject drops one
    ("aosp-vcard/v21_invalid_multiple_line.vcf", 0, "email"): "2.1 fold",
    ("symbian-versit-perf/iFileShiftJIS_QP.vcf", 0, "email"): "2.1 fold",
    # we strip whitespace around a formatted name; vobject keeps a trailing QP space
    ("ez-vcard/John_Doe_ANDROID.vcf", 2, "fn"): "surrounding space",
}

# Files where vobject raises before returning every card (formats.md §1.1), with the
# exception it raises; we compare the cards it returned before failing.
VOBJECT_STOPS: dict[str, str] = {
    "aosp-vcard/v21_adr_multiple_line.vcf": "ParseError",  # 2.1 backslash-CRLF
    "aosp-vcard/v21_invalid_comment_line.vcf": "ParseError",  # '#' comment lines
    "evolution-data-server/11.vcf": "ParseError",  # empty parameters 'NOPARAM;:'
    "evolution-data-server/7.vcf": "ParseError",  # no BEGIN
    "evolution-data-server/8.vcf": "ParseError",  # no END
    "evolution-data-server/9.vcf": "ParseError",  # truncated
    "ez-vcard/John_Doe_ANDROID.vcf": "Error",  # base64 PHOTO of invalid length
    "ez-vcard/John_Doe_LOTUS_NOTES.vcf": "VObjectError",  # PROFILE:VCard line
    "kcontacts/vcard4.vcf": "ParseError",  # bare 'FN' without colon
    "kcontacts/vcard_legacy_messaging_fields.vcf": "ParseError",  # '/' in names
    "khard/unparsable.vcf": "ParseError",  # no END
    "roundcube/thebat.vcf": "UnicodeDecodeError",  # QP Latin-2 byte, no CHARSET
    "symbian-versit-encoded/5.vcf": "UnicodeDecodeError",  # QP Shift_JIS, no CHARSET
    "symbian-versit-invalid/3.vcf": "ParseError",  # bare-CR line ends
    "symbian-versit-perf/iFileGBK_QP.vcf": "UnicodeDecodeError",  # invalid GBK
}


def _ours(name: str) -> tuple[str, list[Contact]]:
    with open_input(str(CORPUS / name)) as parsed:
        contacts = [c for c in parsed.contacts if c.source.parent is None]
        return parsed.info.encoding, contacts


def _theirs(name: str, encoding: str) -> tuple[list[vobject.base.Component], str | None]:
    text = (CORPUS / name).read_bytes().decode(encoding, "replace")
    cards: list[vobject.base.Component] = []
    try:
        cards.extend(vobject.readComponents(text, allowQP=True))
    except Exception as exc:  # vobject's failures are what this test documents
        return cards, type(exc).__name__
    return cards, None


def _values(card: vobject.base.Component, key: str) -> list[object]:
    values = [line.value for line in card.contents.get(key, [])]
    if key == "fn":
        return values[:1]
    return [v for v in values if not isinstance(v, str) or v.strip()]


def _explained(kind: str, theirs: list[object], ours: list[str]) -> bool:
    if len(theirs) != len(ours):
        return False
    for their, our in zip(theirs, ours, strict=True):
        if kind == "bytes":
            ok = isinstance(their, bytes) and their.decode("cp932") == our
        elif kind == "cut at comma":
            ok = "," in our and their == our.split(",")[0]
        elif kind == "2.1 fold":
            ok = isinstance(their, str) and their.split() == our.split() and their != our
        elif kind == "surrounding space":
            ok = isinstance(their, str) and their.strip() == our and their != our
        else:
            ok = False
        if not ok:
            return False
    return True


@pytest.mark.parametrize("name", VCARD_FILES)
def test_same_names_phones_and_emails_as_vobject(corpus_dir: Path, name: str) -> None:
    encoding, ours = _ours(name)
    theirs, stopped = _theirs(name, encoding)
    assert stopped == VOBJECT_STOPS.get(name)
    if stopped is None:
        assert len(theirs) == len(ours)
    else:
        assert len(theirs) < len(ours)
    compared = 0
    for index, (card, contact) in enumerate(zip(theirs, ours, strict=False)):
        mine = {
            "fn": [contact.names.formatted] if contact.names.formatted else [],
            "tel": [p.value for p in contact.phones],
            "email": [e.value for e in contact.emails],
        }
        for field, our_values in mine.items():
            their_values = _values(card, field)
            if field != "fn":
                their_values = [v.strip() if isinstance(v, str) else v for v in their_values]
            kind = KNOWN.get((name, index, field))
            if kind is None:
                assert their_values == our_values, (index, field)
            else:
                assert _explained(kind, their_values, our_values), (index, field, kind)
            compared += 1
    assert compared == 3 * min(len(theirs), len(ours))


def test_known_differences_name_real_files() -> None:
    for name, _, _ in KNOWN:
        assert name in VCARD_FILES
    assert set(VOBJECT_STOPS) <= set(VCARD_FILES)
