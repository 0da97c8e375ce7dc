"""A file read in pieces (for ``--jobs``) gives exactly what one read gives, or says it cannot.

The promise of :mod:`piiaudit.parsers.pieces`: whenever :func:`pieces_agree`
accepts the pieces' ends, the pieces' contacts, issues and counts put together
equal a single read of the file; when it does not, the caller reads the file
whole. These tests hold every cut file to that, on the public corpus (cut as
finely as possible), on fictional files built to trip the planner, and on
generated hostile exports.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.strategies import vcard_exports
from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import (
    ParseOptions,
    Piece,
    cut_file,
    open_input,
    pieces,
    pieces_agree,
)

OPTIONS = ParseOptions()
FIXTURE = HealthCheck.function_scoped_fixture  # tmp_path is reused: each example rewrites it


def _whole(path: Path) -> tuple[list[Contact], FileInfo]:
    with open_input(str(path), OPTIONS) as parsed:
        return list(parsed.contacts), parsed.info


def _in_pieces(path: Path, pieces: list[Piece]) -> tuple[list[Contact], list[FileInfo], bool]:
    contacts: list[Contact] = []
    infos, ends = [], []
    for piece in pieces:
        with open_input(str(path), OPTIONS, piece=piece) as parsed:
            contacts.extend(parsed.contacts)
            infos.append(parsed.info)
            assert parsed.piece_end is not None
            ends.append(parsed.piece_end)
    return contacts, infos, pieces_agree(pieces, ends)


def _check_same(path: Path, pieces: list[Piece]) -> bool:
    """Assert the pieces equal one read whenever they agree; return whether they agreed."""
    whole, info = _whole(path)
    contacts, infos, agreed = _in_pieces(path, pieces)
    if agreed:
        assert contacts == whole
        assert [i for piece in infos for i in piece.issues] == info.issues
        assert sum(piece.contacts for piece in infos) == info.contacts
        assert next((p.dialect for p in infos if p.dialect), "") == info.dialect
        assert {p.encoding for p in infos} == {info.encoding}
    return agreed


def _cards(count: int, *, version: str = "3.0", newline: str = "\r\n") -> str:
    cards = [
        newline.join(
            [
                "BEGIN:VCARD",
                f"VERSION:{version}",
                f"FN:Fictional Person {n}",
                f"TEL;TYPE=CELL:090-0000-{n:04d}",
                "END:VCARD",
            ]
        )
        for n in range(count)
    ]
    return newline.join(cards) + newline


def plan_pieces(path: str, *, count: int, min_bytes: int) -> list[Piece] | None:
    """Up to ``count`` pieces of about equal size, at least ``min_bytes`` each: the
    simplest shares to ask :func:`cut_file` for (the planner's shrinking ones are cut
    the same way, and tested below)."""

    def equal(size: int) -> list[int]:
        if count < 2 or size < 2 * min_bytes:
            return [size]
        n = min(count, size // min_bytes)
        return [size * k // n - size * (k - 1) // n for k in range(1, n + 1)]

    return cut_file(path, equal)


def test_a_plain_file_is_cut_and_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "plain.vcf"
    path.write_text(_cards(400), encoding="utf-8")
    pieces = plan_pieces(str(path), count=4, min_bytes=1024)
    assert pieces is not None and len(pieces) == 4
    assert pieces[0].start == 0 and pieces[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert _check_same(path, pieces)


def test_a_file_is_cut_in_pieces_of_the_sizes_asked_for(tmp_path: Path) -> None:
    """Unequal shares (big first, small last): each cut goes at the first card
    boundary at or after where the shares put it, and the pieces read the same."""
    path = tmp_path / "plain.vcf"
    path.write_text(_cards(400), encoding="utf-8")
    size = path.stat().st_size
    wanted = [size // 2, size // 4, size // 8, size - size // 2 - size // 4 - size // 8]
    card = len(_cards(1))
    pieces = cut_file(str(path), lambda total: wanted if total == size else [total])
    assert pieces is not None and len(pieces) == 4
    assert [p.start for p in pieces] == sorted(p.start for p in pieces)
    for piece, target in zip(pieces[1:], itertools.accumulate(wanted[:-1]), strict=True):
        assert target <= piece.start < target + card + 2
    assert _check_same(path, pieces)
    assert cut_file(str(path), lambda total: [total]) is None  # one share: not cut


def test_small_files_stdin_and_csv_are_not_cut(tmp_path: Path) -> None:
    small = tmp_path / "small.vcf"
    small.write_text(_cards(3), encoding="utf-8")
    assert plan_pieces(str(small), count=4, min_bytes=1 << 20) is None
    assert plan_pieces("-", count=4, min_bytes=1) is None
    table = tmp_path / "contacts.csv"
    table.write_text("Name,Phone\n" + "Fictional,090-0000-0000\n" * 500, encoding="utf-8")
    assert plan_pieces(str(table), count=4, min_bytes=256) is None


def test_utf16_and_cr_only_files_are_not_cut(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.vcf"
    utf16.write_bytes(_cards(300).encode("utf-16"))
    assert plan_pieces(str(utf16), count=4, min_bytes=256) is None
    mac = tmp_path / "mac.vcf"
    mac.write_text(_cards(300, newline="\r"), encoding="utf-8", newline="")
    assert plan_pieces(str(mac), count=4, min_bytes=256) is None


def test_bom_shift_jis_and_lf_files_are_read_the_same(tmp_path: Path) -> None:
    for name, data in {
        "bom.vcf": b"\xef\xbb\xbf" + _cards(300).encode("utf-8"),
        "lf.vcf": _cards(300, newline="\n").encode("utf-8"),
        "sjis.vcf": _cards(300, version="2.1").replace("Fictional", "架空ソ表").encode("cp932"),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        pieces = plan_pieces(str(path), count=3, min_bytes=512)
        assert pieces is not None, name
        assert _check_same(path, pieces), name


def test_an_end_line_after_a_soft_break_is_cut_where_the_reader_ends_the_card(
    tmp_path: Path,
) -> None:
    """A quoted-printable value's soft break right before END:VCARD no longer hides the
    END from the reader (QA formats F4, a writer's bug): the card ends there, read whole
    or in pieces cut after that END, and the pieces agree with the whole read."""
    note = "NOTE;ENCODING=QUOTED-PRINTABLE:first=\r\nEND:VCARD\r\nBEGIN:VCARD\r\nrest"
    card = "\r\n".join(["BEGIN:VCARD", "VERSION:2.1", "FN:Fictional", note, "END:VCARD"])
    path = tmp_path / "qp.vcf"
    path.write_text(card + "\r\n", encoding="utf-8")
    pieces = plan_pieces(str(path), count=2, min_bytes=8)
    assert pieces is not None and len(pieces) == 2
    assert _check_same(path, pieces)
    whole, _ = _whole(path)
    assert [contact.notes for contact in whole] == [("first",), ("rest",)]


def test_junk_and_unterminated_cards_near_cuts(tmp_path: Path) -> None:
    body = _cards(50) + "junk between cards\r\n" + _cards(50) + "BEGIN:VCARD\r\nFN:No end\r\n"
    body += _cards(50) + "begin:vcard\r\nVERSION:3.0\r\nFN:lower case\r\nend:vcard\r\n"
    body += _cards(50)
    path = tmp_path / "messy.vcf"
    path.write_text(body, encoding="utf-8")
    for count in (2, 3, 5, 8, 13):
        pieces = plan_pieces(str(path), count=count, min_bytes=64)
        assert pieces is not None
        _check_same(path, pieces)


def test_cards_cut_off_at_the_top_near_cuts(tmp_path: Path) -> None:
    """What is left of a card cut off at the top is a contact (parsers/vcard_cut.py),
    at the start of the file and between cards, with or without its END. The planner
    numbers contacts by BEGIN:VCARD lines, so pieces after such a card disagree and
    the file is read again whole: never a contact numbered twice or lost."""
    tail = "TEL:090-0000-9001\r\nFN:Fictional Tail\r\nEND:VCARD\r\n"
    body = _cards(50) + tail + _cards(50) + "FN:Fictional No End\r\n" + _cards(50)
    for name, data in {"top.vcf": tail + body, "inside.vcf": body}.items():
        path = tmp_path / name
        path.write_text(data, encoding="utf-8")
        for count in (2, 3, 5, 8, 13):
            pieces = plan_pieces(str(path), count=count, min_bytes=64)
            assert pieces is not None
            _check_same(path, pieces)


def test_nested_21_agents_are_kept_with_their_parent(tmp_path: Path) -> None:
    agent = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Fictional Boss",
            "AGENT:",
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Fictional Assistant",
            "TEL:03-0000-0000",
            "END:VCARD",
            "END:VCARD",
        ]
    )
    path = tmp_path / "agents.vcf"
    path.write_text(("\r\n".join([agent, _cards(5, version="2.1")])) * 40, encoding="utf-8")
    pieces = plan_pieces(str(path), count=6, min_bytes=256)
    assert pieces is not None
    assert _check_same(path, pieces)


def test_public_corpus_cut_finely(corpus_dir: Path) -> None:
    agreed: dict[str, bool] = {}
    for path in sorted(corpus_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in (".vcf", ".vcard", ".txt"):
            continue
        pieces = plan_pieces(str(path), count=16, min_bytes=32)
        if pieces is not None:
            agreed[path.relative_to(corpus_dir).as_posix()] = _check_same(path, pieces)
    # Nine corpus files hold several cards; the others are separated by blank lines
    # or a CR-only line end, which the planner leaves whole.
    assert len(agreed) >= 6, "the corpus's multi-card files should be cut"
    # Cut between two nested 2.1 cards, inside their parent: the reader was not
    # between cards there, so the file must be read whole.
    assert agreed.pop("aosp-vcard/v21_nest.vcf") is False
    assert all(agreed.values()), agreed


# Pieces of exports that give the planner many cuts to make, several of them traps.
_SNIPPETS = [
    "BEGIN:VCARD\nVERSION:3.0\nFN:Fictional A\nTEL:090-0000-0001\nEND:VCARD",
    "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9E=B6=\n=E7=A9=BA\n"
    "END:VCARD",
    "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Aide\nEND:VCARD\n"
    "END:VCARD",
    "BEGIN:VCARD\nVERSION:2.1\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\nEND:VCARD\nBEGIN:VCARD\nb\n"
    "END:VCARD",
    "BEGIN:VCARD\nVERSION:3.0\nFN:No end",
    "BEGIN:VCARD\nVERSION:2.1\nFN:No end either",
    "junk outside any card",
    "",
    "# a comment",
    "begin:vcard\nversion:3.0\nfn:lower\nend:vcard",
    "BEGIN:VCARD\nVERSION:3.0\nNOTE:folded\n  on\nEND:VCARD",
    "BEGIN:VCARD\nVERSION:3.0\nPHOTO;ENCODING=b:iVBORw0K\n Ggo=\nEND:VCARD",
    "END:VCARD",
    "VERSION:3.0\nFN:No begin\nEND:VCARD",
]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(st.sampled_from(_SNIPPETS), min_size=2, max_size=30),
    crlf=st.booleans(),
    count=st.integers(2, 12),
    min_bytes=st.integers(1, 40),
)
def test_exports_with_traps_near_cuts_are_never_read_differently(
    tmp_path: Path, parts: list[str], crlf: bool, count: int, min_bytes: int
) -> None:
    text = "\n".join(parts) + "\n"
    path = tmp_path / "traps.vcf"
    path.write_bytes(text.replace("\n", "\r\n" if crlf else "\n").encode("utf-8"))
    pieces = plan_pieces(str(path), count=count, min_bytes=min_bytes)
    if pieces is not None:
        _check_same(path, pieces)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=vcard_exports(), count=st.integers(2, 9), min_bytes=st.integers(1, 64))
def test_generated_exports_are_never_read_differently(
    tmp_path: Path, data: bytes, count: int, min_bytes: int
) -> None:
    path = tmp_path / "generated.vcf"
    path.write_bytes(data)
    pieces = plan_pieces(str(path), count=count, min_bytes=min_bytes)
    if pieces is not None:
        _check_same(path, pieces)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=vcard_exports(), sizes=st.lists(st.integers(1, 400), min_size=2, max_size=12))
def test_generated_exports_cut_in_any_sizes_are_never_read_differently(
    tmp_path: Path, data: bytes, sizes: list[int]
) -> None:
    """Unequal shares, as the batch planner asks (shrinking toward the end), or any others."""
    path = tmp_path / "generated.vcf"
    path.write_bytes(data)
    found = cut_file(str(path), lambda total: sizes)
    if found is not None:
        assert found[0].start == 0 and found[-1].end == len(data)
        _check_same(path, found)


@settings(max_examples=100, deadline=None, suppress_health_check=[FIXTURE])
@given(
    parts=st.lists(st.sampled_from(_SNIPPETS), min_size=2, max_size=40),
    crlf=st.booleans(),
    bom=st.booleans(),
    count=st.integers(2, 12),
)
def test_planning_window_by_window_finds_the_same_cuts_and_numbers(
    tmp_path: Path, parts: list[str], crlf: bool, bom: bool, count: int
) -> None:
    """Cuts and counts that straddle a read window's edge are found as in one read."""
    text = "\n".join(parts) + "\n"
    data = text.replace("\n", "\r\n" if crlf else "\n").encode("utf-8")
    path = tmp_path / "windows.vcf"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    whole = plan_pieces(str(path), count=count, min_bytes=8)
    original = pieces._WINDOW
    try:
        pieces._WINDOW = 97  # just over the overlap: every cut and BEGIN line meets an edge
        windowed = plan_pieces(str(path), count=count, min_bytes=8)
    finally:
        pieces._WINDOW = original
    assert windowed == whole


def test_lines_longer_than_a_read_window_are_counted_right(tmp_path: Path) -> None:
    photo = "PHOTO;ENCODING=b:" + "A" * 3_000_000  # one 3 MB line, longer than a window
    card = "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", "FN:Fictional", photo, "END:VCARD"])
    path = tmp_path / "photo.vcf"
    path.write_text("\r\n".join([card, card, card]) + "\r\n", encoding="utf-8")
    found = plan_pieces(str(path), count=4, min_bytes=1024)
    assert found is not None and len(found) >= 2
    card_bytes = len(card) + 2
    for piece in found:  # each piece starts at a card: its numbers follow from the cards before
        cards_before, rest = divmod(piece.start, card_bytes)
        assert rest == 0
        assert (piece.first_index, piece.first_line) == (cards_before, 1 + 5 * cards_before)
    assert _check_same(path, found)


_BEGIN_REFERENCE = re.compile(
    rb"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*\r?$", re.MULTILINE | re.IGNORECASE
)
_LINE_BITS = [
    "BEGIN:VCARD", "begin:vcard", " BeGiN :\tVCard ", "BEGIN:VCARDS", "xBEGIN:VCARD",
    "BEGIN", "VCARD", ":", " ", "\t", "\r", "\n", "\r\n", "NOTE:begin here", "begin",
    "END:VCARD", "BEGIN:VCARD\r", "ＢＥＧＩＮ:VCARD", "İ", "BEGİN:VCARD",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(bits=st.lists(st.sampled_from(_LINE_BITS), max_size=30))
def test_begin_lines_are_counted_as_the_line_by_line_pattern_counts_them(bits: list[str]) -> None:
    """The byte search that counts BEGIN lines while planning counts exactly the lines a
    case-insensitive, line-anchored pattern matches (a miscount would waste the workers'
    reading: the pieces would not add up and the file would be read again whole)."""
    data = "".join(bits).encode("utf-8")
    assert pieces._begin_lines(data) == len(_BEGIN_REFERENCE.findall(data))
