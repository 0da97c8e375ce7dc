"""Two exports joined with ``cat``, one of them UTF-16: the card in the other encoding
reads as junk. It was skipped as "1 line outside any vCard", and ``split`` left its
bytes out as "not contacts": a customer lost in the hand-over (QA round 6). Now the
reader says a card could not be read (an error) and ``split`` refuses the file.
All data fictional."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from handover_fakes import FakeEngine

from piiaudit.errors import InputError
from piiaudit.handover.split import read_plan
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.vcard_reader import MIXED_ENCODING, card_in_other_encoding

YAMADA = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nNOTE:糖尿病\r\nEND:VCARD\r\n"
ERIKA = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Erika Mustermann\r\nTEL:+49 151 00000000\r\nEND:VCARD\r\n"

JOINED = {
    "utf-8 then utf-16": YAMADA.encode() + ERIKA.encode("utf-16-le"),
    "utf-16 with BOM then utf-8": codecs.BOM_UTF16_LE + ERIKA.encode("utf-16-le") + YAMADA.encode(),
    "utf-8 then utf-16 with BOM": YAMADA.encode() + codecs.BOM_UTF16_LE + ERIKA.encode("utf-16-le"),
    "utf-16-be then utf-8": ERIKA.encode("utf-16-be") + YAMADA.encode(),
}


def _issues(path: Path) -> list[tuple[str, str]]:
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        issues = [*parsed.info.issues, *(i for c in contacts for i in c.issues)]
    return [(i.message, i.severity) for i in issues]


@pytest.mark.parametrize("name", sorted(JOINED))
def test_a_card_in_the_other_encoding_is_an_error_and_split_refuses(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "joined.vcf"
    path.write_bytes(JOINED[name])
    assert (MIXED_ENCODING, "error") in _issues(path)
    with pytest.raises(InputError, match="another encoding"):
        read_plan(path, _no_engine(), ParseOptions(), None)


@pytest.mark.parametrize(
    "data",
    [
        (YAMADA + ERIKA).encode(),
        codecs.BOM_UTF16_LE + (ERIKA + YAMADA).encode("utf-16-le"),
        b"junk before the card\r\n" + YAMADA.encode() + "ごみ\r\n".encode("cp932"),
    ],
)
def test_one_encoding_or_plain_junk_is_no_such_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "one.vcf"
    path.write_bytes(data)
    assert MIXED_ENCODING not in [message for message, _ in _issues(path)]


@pytest.mark.parametrize("shift", [0, 1])  # the card at an even or an odd byte
def test_the_check_finds_a_card_read_in_the_wrong_encoding(shift: int) -> None:
    assert card_in_other_encoding("BEGIN:VCARD\r".encode("utf-16-le"))
    as_utf16 = (b"x" * shift + YAMADA.encode()).decode("utf-16-le", "replace")
    assert card_in_other_encoding(as_utf16.encode("utf-8"))  # what the UTF-16 reader gives
    assert not card_in_other_encoding(b"NOTE without a colon")
    assert not card_in_other_encoding("メモ 山田".encode())


def _no_engine() -> FakeEngine:
    return FakeEngine()
