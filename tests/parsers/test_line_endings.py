"""Files whose line ends change style part-way (CR, LF, CRLF mixed) lose no card.

Exports from several phones and tools end up concatenated into one file: an old
Mac or Nokia export ends lines with a bare CR, a Unix tool with LF, Windows and
most phones with CRLF. Every card must be read whatever the mix, with its exact
bytes (``split`` copies them) and with line numbers that count each line once,
whatever ends it; a file cut into pieces for ``--jobs`` must read the same.
All data is fictional.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import (
    ParseOptions,
    Piece,
    cut_file,
    open_input,
    pieces_agree,
    vcard_lines,
    vcard_stream,
)
from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_stream import read_vcard

LF_THEN_CR = (
    b"BEGIN:VCARD\nVERSION:3.0\nFN:A One\nEND:VCARD\n"
    b"BEGIN:VCARD\rVERSION:3.0\rFN:B Two\rEND:VCARD\r"
)
CR_THEN_LF = (
    b"BEGIN:VCARD\rVERSION:3.0\rFN:B Two\rEND:VCARD\r"
    b"BEGIN:VCARD\nVERSION:3.0\nFN:A One\nEND:VCARD\n"
)
CR_ONLY = (
    b"BEGIN:VCARD\rVERSION:3.0\rFN:B Two\rEND:VCARD\r"
    b"BEGIN:VCARD\rVERSION:2.1\rFN:C Three\rTEL:090-0000-0001\rEND:VCARD\r"
)
CRLF_THEN_CR = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A One\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\rVERSION:3.0\rFN:B Two\rEND:VCARD\r"
)


def read(path: Path, options: ParseOptions | None = None) -> tuple[list[Contact], FileInfo]:
    with open_input(str(path), options or ParseOptions()) as parsed:
        return list(parsed.contacts), parsed.info


def write(tmp_path: Path, data: bytes, name: str = "export.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def slices(data: bytes, contacts: list[Contact]) -> list[bytes]:
    return [data[c.source.start : c.source.end] for c in contacts]


@pytest.mark.parametrize(
    ("data", "names"),
    [
        (LF_THEN_CR, ["A One", "B Two"]),
        (CR_THEN_LF, ["B Two", "A One"]),
        (CRLF_THEN_CR, ["A One", "B Two"]),
    ],
    ids=["lf-then-cr", "cr-then-lf", "crlf-then-cr"],
)
def test_every_card_of_a_concatenated_export_is_read(
    tmp_path: Path, data: bytes, names: list[str]
) -> None:
    contacts, info = read(write(tmp_path, data))
    assert [c.names.formatted for c in contacts] == names
    assert info.contacts == 2
    assert info.issues == []  # no "line outside any vCard", no "card has no BEGIN:VCARD"
    half = data.index(b"BEGIN", 1)
    assert slices(data, contacts) == [data[:half], data[half:]]  # what split copies
    assert [c.source.line for c in contacts] == [1, 5]  # a CR ends a line, as LF does


def test_line_numbers_count_each_cr_ended_line_once(tmp_path: Path) -> None:
    data = (
        LF_THEN_CR + b"BEGIN:VCARD\rVERSION:3.0\rFN:C Three\rTEL:090-0000-0001\rEND:VCARD\rjunk\r"
    )
    contacts, info = read(write(tmp_path, data))
    assert [c.source.line for c in contacts] == [1, 5, 9]
    assert [(i.line, i.message) for i in info.issues] == [(14, "1 line outside any vCard skipped")]


def test_a_long_cr_run_after_lf_cards_survives_tiny_reads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A stretch of CR-only cards longer than a read is decided and split the same
    whichever read its bytes came in."""
    lf = b"".join(_card(n, "\n") for n in range(30))
    cr = b"".join(_card(n, "\r") for n in range(30, 90))
    crlf = b"".join(_card(n, "\r\n") for n in range(90, 100))
    data = lf + cr + crlf + cr
    path = write(tmp_path, data)
    whole, info = read(path)
    assert [c.names.formatted for c in whole] == [_name(n) for n in _numbers()]
    assert info.issues == []
    for chunk in (1, 2, 3, 37, 4096):
        monkeypatch.setattr(vcard_lines, "CHUNK", chunk)
        monkeypatch.setattr(vcard_stream, "CHUNK", chunk)
        assert read(path) == (whole, info), chunk


@pytest.mark.parametrize("chunk", [vcard_lines.CHUNK, 37])
def test_an_overlong_line_in_a_cr_run_is_cut_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, chunk: int
) -> None:
    """Read whole or in tiny reads (then only its head and tail are kept while reading),
    a line longer than the limit inside a CR run is cut, and the run goes on."""
    monkeypatch.setattr(vcard_lines, "CHUNK", chunk)
    monkeypatch.setattr(vcard_stream, "CHUNK", chunk)
    note = "NOTE:" + "x" * 6000
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Long Note", note, "END:VCARD"]
    long_card = ("\r".join(lines) + "\r").encode()
    data = _card(0, "\n") + long_card + _card(1, "\r") + _card(2, "\n")
    contacts, info = read(write(tmp_path, data), ParseOptions(max_value_bytes=1000))
    assert [c.names.formatted for c in contacts] == [_name(0), "Long Note", _name(1), _name(2)]
    assert contacts[1].notes == ("x" * 1000,)
    assert [(i.line, i.message) for i in info.issues] == [
        (9, "NOTE value longer than 1000 bytes was cut")
    ]
    assert slices(data, contacts)[1:] == [long_card, _card(1, "\r"), _card(2, "\n")]


@pytest.mark.parametrize("chunk", [vcard_lines.CHUNK, 4096])
def test_a_cr_only_file_with_lf_cards_later_reads_them_all(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, chunk: int
) -> None:
    """The head decides nothing for the rest: a file whose first read has no LF (read as
    a CR-only file) may be followed, past it, by LF or CRLF cards."""
    monkeypatch.setattr(vcard_lines, "CHUNK", chunk)
    monkeypatch.setattr(vcard_stream, "CHUNK", chunk)
    head = b"".join(_card(n, "\r") for n in range(800))
    assert b"\n" not in head and len(head) > 64 * 1024
    tail = [_card(800, "\n"), _card(801, "\r\n"), _card(802, "\r")]
    data = head + b"".join(tail)
    contacts, info = read(write(tmp_path, data))
    assert [c.names.formatted for c in contacts] == [_name(n) for n in range(803)]
    assert info.issues == []
    assert slices(data, contacts)[800:] == tail
    assert contacts[801].source.line == 801 * 5 + 1


# ------------------------------------------------------------------ property


_FIELDS = [
    "TEL;TYPE=CELL:090-0000-{n:04d}",
    "EMAIL;TYPE=WORK:person{n}@example.com",
    "ORG:Fictional Trading Co.;Sales",
    "NOTE:met at the example fair\\, booth {n}",
    "item1.TEL:03-0000-{n:04d}",
    "ADR;TYPE=HOME:;;1-2-3 Example;Chiyoda;Tokyo;100-0001;Japan",
]


@st.composite
def _cards(draw: st.DrawFn) -> list[list[str]]:
    """Cards as lists of lines: 3.0 and 2.1, folded lines, quoted-printable soft breaks."""
    cards = []
    for n in range(draw(st.integers(1, 5))):
        version = draw(st.sampled_from(["2.1", "3.0"]))
        lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{_name(n)}", "N:山田;太郎;;;"]
        for field in draw(st.lists(st.sampled_from(_FIELDS), max_size=4)):
            text = field.format(n=n)
            if draw(st.booleans()):  # folded (3.0 drops the blank, 2.1 keeps it)
                # Past the name and its ';' or ':', as exporters fold at 75 bytes: a lone CR
                # before a line cut inside its name could not be told from a raw CR in text.
                head = min(i for i in (text.find(";"), text.find(":")) if i >= 0)
                cut = draw(st.integers(head + 1, len(text) - 1))
                lines += [text[:cut], " " + text[cut:]]
            else:
                lines.append(text)
        if version == "2.1" and draw(st.booleans()):
            lines += ["NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1=", "=E7=94=B0"]
        lines.append("END:VCARD")
        cards.append(lines)
    return cards


ENDINGS = ["\n", "\r", "\r\n", "\r\r\n"]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cards=_cards(), data=st.data())
def test_any_mix_of_line_ends_reads_the_cards_of_uniform_lf(
    tmp_path: Path, cards: list[list[str]], data: st.DataObject
) -> None:
    """Each line's end drawn at random: the same contacts, issues and line numbers as
    the export with LF everywhere, and each card's bytes exactly its own."""
    uniform = "".join(line + "\n" for lines in cards for line in lines).encode()
    mixed_cards = [
        "".join(line + data.draw(st.sampled_from(ENDINGS)) for line in lines).encode()
        for lines in cards
    ]
    mixed = b"".join(mixed_cards)
    expected, expected_info = read(write(tmp_path, uniform, "uniform.vcf"))
    got, got_info = read(write(tmp_path, mixed, "mixed.vcf"))
    assert [_without_offsets(c) for c in got] == [_without_offsets(c) for c in expected]
    assert got_info.issues == expected_info.issues
    assert slices(mixed, got) == mixed_cards
    assert _read_direct(mixed, fast=True) == _read_direct(mixed, fast=False)  # both paths agree

    utf16 = codecs.BOM_UTF16_LE + mixed.decode().encode("utf-16-le")
    got16, got16_info = read(write(tmp_path, utf16, "mixed16.vcf"))
    assert [_without_offsets(c) for c in got16] == [_without_offsets(c) for c in got]
    assert got16_info.issues == got_info.issues
    assert [s.decode("utf-16-le").encode() for s in slices(utf16, got16)] == mixed_cards


# -------------------------------------------------------------------- UTF-16


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", b"")],
    ids=["utf16le-bom", "utf16be-no-bom"],
)
@pytest.mark.parametrize(
    ("text", "names"),
    [(LF_THEN_CR, ["A One", "B Two"]), (CR_ONLY, ["B Two", "C Three"])],
    ids=["lf-then-cr", "cr-only"],
)
def test_a_utf16_export_reads_every_card_whatever_its_line_ends(
    tmp_path: Path, codec: str, bom: bytes, text: bytes, names: list[str]
) -> None:
    """Outlook and Windows tools write UTF-16; its lines end as the UTF-8 ones do."""
    data = bom + text.decode().encode(codec)
    contacts, info = read(write(tmp_path, data))
    assert [c.names.formatted for c in contacts] == names
    assert info.encoding == codec
    assert info.issues == []
    assert [c.source.line for c in contacts] == [1, 5]
    half = len(bom) + 2 * text.index(b"BEGIN", 1)
    assert slices(data, contacts) == [data[len(bom) : half], data[half:]]  # what split copies


@pytest.mark.parametrize("chunk", [vcard_lines.CHUNK, 4096, 37, 1])
def test_a_utf16_export_reads_as_its_utf8_copy_in_any_reads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, chunk: int
) -> None:
    """Long CR runs between LF and CRLF cards and an overlong line inside a run: the
    UTF-16 copy gives the UTF-8 copy's contacts, issues and line numbers whichever read
    its bytes came in, and each card's UTF-16 bytes are exactly its own."""
    note = "NOTE:" + "x" * 6000
    long_card = "\r".join(["BEGIN:VCARD", "VERSION:3.0", "FN:Long Note", note, "END:VCARD"])
    cards = [_card(n, "\n") for n in range(3)] + [(long_card + "\r").encode()]
    cards += [_card(n, "\r") for n in range(3, 40)] + [_card(40, "\r\n"), _card(41, "\r")]
    utf8 = b"".join(cards)
    options = ParseOptions(max_value_bytes=1000)
    expected, expected_info = read(write(tmp_path, utf8, "utf8.vcf"), options)
    assert len(expected) == 43 and expected[3].notes == ("x" * 1000,)
    monkeypatch.setattr(vcard_lines, "CHUNK", chunk)
    monkeypatch.setattr(vcard_stream, "CHUNK", chunk)
    utf16 = codecs.BOM_UTF16_BE + utf8.decode().encode("utf-16-be")
    got, got_info = read(write(tmp_path, utf16, "utf16.vcf"), options)
    assert [_without_offsets(c) for c in got] == [_without_offsets(c) for c in expected]
    assert got_info.issues == expected_info.issues
    assert [s.decode("utf-16-be").encode() for s in slices(utf16, got)] == cards


# -------------------------------------------------------------------- pieces


def test_a_concatenated_export_is_cut_and_read_in_pieces_the_same(tmp_path: Path) -> None:
    """Cuts go between LF-ended cards only; the pieces' line and contact numbers,
    counted while planning, agree with the reader's, so the pieces are used."""
    parts = [
        b"".join(_card(n, "\r\n") for n in range(60)),
        b"".join(_card(n, "\r") for n in range(60, 120)),
        b"".join(_card(n, "\n") for n in range(120, 180)),
        b"".join(_card(n, "\r") for n in range(180, 240)),
        b"".join(_card(n, "\r\n") for n in range(240, 300)),
    ]
    data = b"".join(parts)
    path = write(tmp_path, data)
    whole, info = read(path)
    assert len(whole) == 300 and info.issues == []
    size = len(data)
    pieces = cut_file(str(path), lambda total: [total // 12] * 11 + [total - 11 * (total // 12)])
    assert pieces is not None and len(pieces) >= 6
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert pieces[-1].end == size
    contacts, agreed = _in_pieces(path, pieces)
    assert agreed
    assert contacts == whole


# ------------------------------------------------------------------- helpers


def _name(n: int) -> str:
    return f"Fictional Person {n}"


def _numbers() -> list[int]:
    return [*range(100), *range(30, 90)]


def _card(n: int, eol: str) -> bytes:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_name(n)}",
        f"TEL;TYPE=CELL:090-0000-{n:04d}",
        "END:VCARD",
    ]
    return (eol.join(lines) + eol).encode()


def _without_offsets(contact: Contact) -> Contact:
    source = dataclasses.replace(contact.source, path="", start=0, end=0)
    return dataclasses.replace(contact, source=source)


def _read_direct(data: bytes, *, fast: bool) -> tuple[list[Contact], FileInfo]:
    """Read with or without the fast path for plain cards (``fast=False``: every line
    through the general reader), as the fast-path tests do."""
    verdict = sniff(data[:HEAD_BYTES])
    info = FileInfo(path="mixed.vcf", format=verdict.format, encoding=verdict.detected.encoding)
    stream = io.BytesIO(data)
    contacts = list(read_vcard(stream, info, verdict.detected, ParseOptions(), fast=fast))
    return contacts, info


def _in_pieces(path: Path, pieces: list[Piece]) -> tuple[list[Contact], bool]:
    contacts: list[Contact] = []
    ends = []
    for piece in pieces:
        with open_input(str(path), ParseOptions(), piece=piece) as parsed:
            contacts.extend(parsed.contacts)
            assert parsed.piece_end is not None
            ends.append(parsed.piece_end)
    return contacts, pieces_agree(pieces, ends)
