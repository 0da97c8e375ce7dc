"""The fast path for plain cards changes nothing: every input read both ways gives the
same contacts, issues, line numbers and byte offsets (all synthetic data fictional)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions, open_input, vcard_lines, vcard_stream
from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_fast import plain_card
from piiaudit.parsers.vcard_reader import VcardReader
from piiaudit.parsers.vcard_stream import read_vcard

TIGHT = ParseOptions(max_value_bytes=64, max_properties_per_card=5)
SPECIAL = VcardReader(FileInfo(path="x"), ParseOptions(), "utf-8").special_names


def read(data: bytes, options: ParseOptions, *, fast: bool) -> tuple[FileInfo, list[Contact]]:
    verdict = sniff(data[:HEAD_BYTES])
    info = FileInfo(path="export.vcf", format=verdict.format, encoding=verdict.detected.encoding)
    contacts = list(read_vcard(io.BytesIO(data), info, verdict.detected, options, fast=fast))
    return info, contacts


def assert_same_both_ways(data: bytes, options: ParseOptions) -> None:
    fast_info, fast_contacts = read(data, options, fast=True)
    slow_info, slow_contacts = read(data, options, fast=False)
    assert fast_contacts == slow_contacts
    assert fast_info == slow_info


def vcard_files(corpus: Path) -> list[Path]:
    found = []
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and sniff(path.read_bytes()[:HEAD_BYTES]).format == "vcard":
            found.append(path)
    return found


def test_every_corpus_vcard_reads_the_same_both_ways(corpus_dir: Path) -> None:
    files = vcard_files(corpus_dir)
    assert len(files) > 50  # the corpus really was read
    for path in files:
        data = path.read_bytes()
        assert_same_both_ways(data, ParseOptions())
        assert_same_both_ways(data, TIGHT)


PLAIN_21 = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1=\r\n"
    b"=E7=94=B0;=E5=A4=AA=E9=83=8E;;;\r\nTEL;CELL:090-0000-0001\r\n"
    b"NOTE:line one\\\r\nline two\r\nEND:VCARD\r\n"
)
PLAIN_30 = (
    b"BEGIN:VCARD\nVERSION:3.0\nFN:Taro Example\nitem1.TEL:03-0000-0002\n"
    b"item1.X-ABLabel:_$!<Mobile>!$_\nNOTE:folded\n  across lines\\, with escapes\n"
    b"# a comment\n\nEND:VCARD\n"
)


@pytest.mark.parametrize("data", [PLAIN_21, PLAIN_30])
def test_plain_cards_take_the_fast_path(data: bytes) -> None:
    card = plain_card(data, 0, 1, follow=b"", cap=1 << 20, limit=100, special=SPECIAL)
    assert card is not None
    version, properties, lines, after = card
    assert [head for _, head, _, _ in properties][:2] in (
        [b"VERSION", b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE"],
        [b"VERSION", b"FN"],
    )
    assert after == len(data)
    assert lines == data.count(b"\n")
    assert version in ("2.1", "3.0")
    assert_same_both_ways(data, ParseOptions())


def test_issues_in_plain_cards_name_the_physical_line() -> None:
    data = (
        PLAIN_30
        + b"BEGIN:VCARD\nVERSION:3.0\nFN:B\n NOTE\nNOTE;CHARSET=X-NO-SUCH:\xff\nEND:VCARD\n"
    )
    info, contacts = read(data, ParseOptions(), fast=True)
    assert len(contacts) == 2
    assert [(issue.line, "X-NO-SUCH" in issue.message) for issue in info.issues] == [(15, True)]
    assert_same_both_ways(data, ParseOptions())


DECLINED = {
    "nested 2.1 card": (
        b"BEGIN:VCARD\nVERSION:2.1\nAGENT:\nBEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n"
    ),
    "photo": b"BEGIN:VCARD\nVERSION:3.0\nPHOTO;ENCODING=b:QUJD\nEND:VCARD\n",
    "soft break before END": b"BEGIN:VCARD\nNOTE;QUOTED-PRINTABLE:a=\nEND:VCARD\nEND:VCARD\n",
    "quoted colon": b'BEGIN:VCARD\nTEL;TYPE="a:b":1\nEND:VCARD\n',
    "no colon": b"BEGIN:VCARD\nFN:A\nno colon here\nEND:VCARD\n",
    "version with parameters": b"BEGIN:VCARD\nVERSION;X=1:3.0\nEND:VCARD\n",
    "BEGIN continued": b"BEGIN:VCARD\n X\nFN:A\nEND:VCARD\n",
    "END continued": b"BEGIN:VCARD\nFN:A\nEND:VCARD\n X\nEND:VCARD\n",
    "too many properties": b"BEGIN:VCARD\n" + b"NOTE:n\n" * 6 + b"END:VCARD\n",
    "value over the limit": b"BEGIN:VCARD\nNOTE:" + b"x" * 80 + b"\nEND:VCARD\n",
    "lower-case end": b"BEGIN:VCARD\nFN:A\nend:vcard\nBEGIN:VCARD\nFN:B\nEND:VCARD\n",
}


@pytest.mark.parametrize("name", sorted(DECLINED))
def test_unusual_cards_are_left_to_the_general_reader(name: str) -> None:
    data = DECLINED[name]
    assert plain_card(data, 0, 1, follow=b"", cap=64, limit=5, special=SPECIAL) is None
    assert_same_both_ways(data, TIGHT)
    assert_same_both_ways(data, ParseOptions())


def test_an_end_line_continued_in_the_next_block_is_not_plain() -> None:
    data = b"BEGIN:VCARD\nFN:A\nEND:VCARD\n"
    assert plain_card(data, 0, 1, follow=b" ", cap=64, limit=5, special=SPECIAL) is None
    assert plain_card(data, 0, 1, follow=b"B", cap=64, limit=5, special=SPECIAL) is not None


FRAGMENTS = [
    b"BEGIN:VCARD\r\n",
    b"BEGIN:VCARD\n",
    b"VERSION:2.1\r\n",
    b"VERSION:3.0\r\n",
    b"VERSION:4.0\n",
    b"END:VCARD\r\n",
    b"END:VCARD\r\r\n",
    b"end:vcard\n",
    b"END:VCARD",
    b"TEL;CELL:090-0000-0003\r\n",
    b"NOTE;ENCODING=QUOTED-PRINTABLE:abc=\r\n",
    b"def=\r\n",
    b" folded\r\n",
    b"\tfold\n",
    b"#comment\r\n",
    b"\r\n",
    b"junk between cards\r\n",
    b"FN:Example\\\r\n",
    b"NOTE:x\\nY\\,z\r\n",
    b"PHOTO;ENCODING=b:QUJD\r\n",
    b"item1.TEL:03-0000-0004\r\n",
    b"item1.X-ABLabel:_$!<Mobile>!$_\r\n",
    b'TEL;TYPE="a:b":0300000005\r\n',
    b"N:Example;Hanako;;;\r\n",
    b"ADR;TYPE=HOME:;;1 Example St;City;;100-0000;JP\r\n",
    b"X-FOO;CHARSET=SHIFT_JIS:\x93\xfa\x96\x7b\r\n",
    b"FN;CHARSET=UTF-8:\xe5\xb1\xb1\xe7\x94\xb0\r\n",
    b"NOTE;CHARSET=X-NO-SUCH:\xff\xfe\r\n",
    b":no name\r\n",
    b"NO COLON\r\n",
    b"VERSION;X=Y:3.0\r\n",
    b"NOTE:" + b"y" * 70 + b"\r\n",
    b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1 =E7=94=B0\r\n",
    b"N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=93=FA=96=7B;=91=BE\r\n",
    b"TEL;TYPE=CELL:+81-90-0000-0007\r\n",
    b"TEL;HOME:0300000008\r\n",
    b"EMAIL;TYPE=INTERNET:user@example.com\r\n",
    b"ORG:Example Co.\\; Ltd.;Sales\r\n",
    b"TITLE:Manager\r\n",
    b"URL:https://example.com/\r\n",
    b"X-ABDATE:2000-01-01\r\n",
    b"item2.X-ABDATE:2000-01-01\r\n",
    b"item2.X-ABLabel:_$!<Anniversary>!$_\r\n",
    "SOUND;X-IRMC-N:ヤマダ;タロウ;;;\r\n".encode(),
    b"UID:uid-0001\r\n",
    b"FN:Taro\\, Example\r\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.booleans())
def test_any_mix_of_lines_reads_the_same_both_ways(pieces: list[bytes], tight: bool) -> None:
    assert_same_both_ways(b"".join(pieces), TIGHT if tight else ParseOptions())


def test_cards_across_read_boundaries_keep_their_offsets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Blocks end wherever a read ended; a card split between two is read all the same."""
    data = (PLAIN_21 + PLAIN_30) * 20
    path = tmp_path / "export.vcf"
    path.write_bytes(data)
    with open_input(str(path)) as parsed:
        whole = list(parsed.contacts)
    monkeypatch.setattr(vcard_lines, "CHUNK", 37)
    monkeypatch.setattr(vcard_stream, "CHUNK", 37)
    with open_input(str(path)) as parsed:
        pieces = list(parsed.contacts)
    assert pieces == whole
    assert len(whole) == 40
    assert [data[c.source.start : c.source.end] for c in whole] == [PLAIN_21, PLAIN_30] * 20


def test_a_folded_photo_body_is_measured_on_the_fast_path() -> None:
    body = base64.b64encode(bytes(range(256)) * 12).decode()
    folded = "\r\n ".join(body[i : i + 74] for i in range(0, len(body), 74))
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Photo Example\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nTEL:090-0000-0006\r\nEND:VCARD\r\n"
    ).encode()
    reader = VcardReader(FileInfo(path="x"), ParseOptions(), "utf-8")
    card = plain_card(
        data, 0, 1, follow=b"", cap=1 << 20, limit=100, special=SPECIAL,
        is_binary=reader.is_binary,
    )  # fmt: skip
    assert card is not None
    _, contacts = read(data, ParseOptions(), fast=True)
    assert contacts[0].photo.bytes == 256 * 12
    assert [p.value for p in contacts[0].phones] == ["090-0000-0006"]
    assert_same_both_ways(data, ParseOptions())


SIMPLE = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Example;Taro;;;\r\nFN:Taro Example\r\n"
    b"TEL;TYPE=CELL:090-0000-0009\r\nitem1.TEL:03-0000-0010\r\n"
    b"item1.X-ABLabel:_$!<Work>!$_\r\nNOTE:one\\, two\\nthree\r\n"
    b"NOTE;CHARSET=X-NO-SUCH:\xff\r\nEND:VCARD\r\n"
)
ONE_PASS_DECLINED = {
    "VERSION not first": b"BEGIN:VCARD\nFN:A\\, B\nVERSION:2.1\nEND:VCARD\n",
    "two VERSION lines": b"BEGIN:VCARD\nVERSION:3.0\nFN:A\\nB\nVERSION:2.1\nEND:VCARD\n",
    "no VERSION": b"BEGIN:VCARD\nFN:A\nEND:VCARD\n",
    "quoted parameter": b'BEGIN:VCARD\nVERSION:3.0\nTEL;TYPE="cell":1\nEND:VCARD\n',
    "one-line photo": b"BEGIN:VCARD\nVERSION:3.0\nPHOTO;ENCODING=b:QUJD\nEND:VCARD\n",
    "VERSION with parameters": b"BEGIN:VCARD\nVERSION;X=1:3.0\nEND:VCARD\n",
}


def test_simple_cards_are_read_in_one_pass() -> None:
    from piiaudit.parsers import vcard_build
    from piiaudit.parsers.vcard_build import CardBuilder, build_simple
    from piiaudit.parsers.vcard_fast import simple_lines

    found = simple_lines(SIMPLE, 0, follow=b"", cap=1 << 20, limit=100)
    assert found is not None
    lines, count, after = found
    assert (count, after) == (SIMPLE.count(b"\n"), len(SIMPLE))
    contact = build_simple(
        CardBuilder(0, 1, 0, None), lines, SPECIAL, path="export.vcf", end=after,
        encoding="utf-8", region="JP",
    )  # fmt: skip
    _, general = read(SIMPLE, ParseOptions(), fast=False)
    assert contact == general[0]
    assert [issue.line for issue in contact.issues] == [9]  # NOTE;CHARSET=X-NO-SUCH
    assert vcard_build._SIMPLE_PLANS[SPECIAL]  # the one-pass plans were used
    assert_same_both_ways(SIMPLE * 3, ParseOptions())


@pytest.mark.parametrize("name", sorted(ONE_PASS_DECLINED))
def test_cards_the_one_pass_cannot_take_read_as_before(name: str) -> None:
    from piiaudit.parsers.vcard_build import CardBuilder, build_simple
    from piiaudit.parsers.vcard_fast import simple_lines

    data = ONE_PASS_DECLINED[name]
    found = simple_lines(data, 0, follow=b"", cap=1 << 20, limit=100)
    assert found is not None  # the shape is simple: the one-pass builder itself declines
    card = CardBuilder(0, 1, 0, None)
    assert (
        build_simple(card, found[0], SPECIAL, path="x", end=found[2], encoding="utf-8", region="JP")
        is None
    )
    assert_same_both_ways(data, ParseOptions())
    assert_same_both_ways(data * 2, TIGHT)
