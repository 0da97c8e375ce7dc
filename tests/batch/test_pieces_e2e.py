"""One large export read by several workers at once gives the report one worker gives.

``--jobs 2`` cuts a large vCard file into pieces (:mod:`piiaudit.parsers.pieces`).
These tests make the pieces small so that the shipped examples are cut many
times, and require byte-identical reports in every format; a file whose cut the
reader does not confirm must be read again whole, with the same report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from piiaudit.audit import plan, pool
from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode
from piiaudit.parsers import Piece, PieceEnd

runner = CliRunner()
FORMATS = "json,html,sarif,csv"


def _reports(paths: list[Path], out: Path, jobs: str, *extra: str) -> dict[str, bytes]:
    out.mkdir()
    args = ["scan", *map(str, paths), "-f", FORMATS, "--output-dir", str(out), "-j", jobs]
    result = runner.invoke(app, [*args, *extra])
    assert not isinstance(result.exception, Exception), repr(result.exception)
    assert result.exit_code in (ExitCode.OK, ExitCode.FINDINGS, ExitCode.INPUT)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files worth cutting from 4 KiB, pieces down to 512 bytes (a few cards)."""
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    monkeypatch.setattr(plan, "TAIL_MIN_BYTES", 512)


@pytest.fixture
def agreements(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Cut files into pieces of ~2 KiB, and record whether each cut file's pieces agreed."""
    _small_pieces(monkeypatch)
    seen: list[bool] = []
    real = pool.pieces_agree

    def spy(pieces: list[Piece], ends: list[PieceEnd]) -> bool:
        seen.append(real(pieces, ends))
        return seen[-1]

    monkeypatch.setattr(pool, "pieces_agree", spy)
    return seen


def _large_export(examples_dir: Path, target: Path, copies: int) -> Path:
    """The shipped fictional examples, repeated: many cards of every kind the examples have."""
    body = b"".join((examples_dir / name).read_bytes() for name in ("iphone-export.vcf",) * copies)
    target.write_bytes(body)
    return target


def test_a_large_file_in_pieces_gives_the_same_reports(
    examples_dir: Path, tmp_path: Path, agreements: list[bool]
) -> None:
    large = _large_export(examples_dir, tmp_path / "large.vcf", copies=6)
    one = _reports([large], tmp_path / "one", "1")
    assert agreements == []  # one job: nothing is cut
    two = _reports([large], tmp_path / "two", "2")
    assert agreements == [True]
    assert len(one) == 4 and one == two


def test_a_large_file_beside_others_and_the_compliance_audience(
    examples_dir: Path, tmp_path: Path, agreements: list[bool]
) -> None:
    large = _large_export(examples_dir, tmp_path / "large.vcf", copies=3)
    inputs = [examples_dir / "google-contacts.csv", large, examples_dir / "android-export.vcf"]
    extra = ("--audience", "compliance", "--group-by", "dir")
    one = _reports(inputs, tmp_path / "one", "1", *extra)
    two = _reports(inputs, tmp_path / "two", "2", *extra)
    assert agreements and all(agreements)
    assert one == two


def test_a_run_cut_at_its_end_gives_the_same_reports(
    examples_dir: Path, tmp_path: Path, agreements: list[bool]
) -> None:
    """Five exports, none worth cutting for its size: the two smallest vCard files
    (the CSV files cannot be cut) are cut to end the run, and nothing changes."""
    inputs = sorted(p for p in examples_dir.iterdir() if p.suffix in (".vcf", ".csv"))
    assert len(inputs) == 5
    one = _reports(inputs, tmp_path / "one", "1")
    two = _reports(inputs, tmp_path / "two", "2")
    assert agreements == [True, True]
    assert one == two
    three = _reports(inputs, tmp_path / "three", "2", "--audience", "compliance")
    four = _reports(inputs, tmp_path / "four", "1", "--audience", "compliance")
    assert three == four


def test_a_cut_the_reader_does_not_confirm_means_a_whole_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the reader's card ends disagree with the planner's cuts, the file is read
    whole and the report is the one a single read gives. (The trap that used to show it,
    a quoted-printable soft break before END:VCARD, is read as the end of the card now,
    QA formats F4: the disagreement is forced here.)"""
    _small_pieces(monkeypatch)
    asked: list[bool] = []

    def disagree(pieces: list[Piece], ends: list[PieceEnd]) -> bool:
        asked.append(False)
        return False

    monkeypatch.setattr(pool, "pieces_agree", disagree)
    cards = []
    for n in range(120):
        note = "NOTE;ENCODING=QUOTED-PRINTABLE:call=\r\nEND:VCARD\r\nBEGIN:VCARD\r\nafter 6pm"
        cards.append(
            "\r\n".join(
                [
                    "BEGIN:VCARD",
                    "VERSION:2.1",
                    f"N:Fictional;Person{n}",
                    f"TEL;CELL:090-0000-{n:04d}",
                    note if n % 7 == 3 else f"NOTE:plain note {n}",
                    "END:VCARD",
                ]
            )
        )
    path = tmp_path / "traps.vcf"
    path.write_text("\r\n".join(cards) + "\r\n", encoding="utf-8")
    one = _reports([path], tmp_path / "one", "1")
    two = _reports([path], tmp_path / "two", "2")
    assert asked == [False]
    assert one == two


@settings(max_examples=300, deadline=None)
@given(
    size=st.integers(min_value=0, max_value=1 << 24),
    jobs=st.integers(min_value=2, max_value=16),
    smallest=st.integers(min_value=1, max_value=1 << 16),
    extra=st.integers(min_value=0, max_value=1 << 22),
)
def test_tapered_pieces_cover_the_file_and_shrink_toward_its_end(
    size: int, jobs: int, smallest: int, extra: int
) -> None:
    largest = smallest + extra
    # At most ~10,000 pieces: a 16 MB file in pieces of one byte (largest 1, which no run
    # asks for: pieces are at least PIECE_MIN_BYTES) is 16 million, a minute of this test.
    size = min(size, largest * 10_000)
    sizes = plan.tapered(size, jobs=jobs, largest=largest, smallest=smallest)
    assert sum(sizes) == size
    if size < 2 * smallest:
        assert len(sizes) <= 1  # not worth cutting
        return
    body, last = sizes[:-1], sizes[-1]
    assert all(smallest <= s <= largest for s in body)
    assert smallest <= last < max(largest, 2 * smallest) + smallest
    assert body == sorted(body, reverse=True)  # never bigger than the piece before
    # The end is small: once what is left is under a piece per worker, each piece is
    # at most half a worker's share of it (or the smallest piece).
    left = size
    for s in body:
        assert s <= max(smallest, left // (2 * jobs))
        left -= s


def test_tapered_pieces_of_an_export() -> None:
    """A 2 MB export on two workers: eighths at first, then smaller and smaller."""
    size = 2_000_000
    sizes = plan.tapered(size, jobs=2, largest=size // 8, smallest=32 * 1024)
    assert sizes[:5] == [size // 8] * 5
    assert sizes[5] < sizes[4] and max(sizes[-4:]) < 70_000
    assert len(sizes) < 20  # each piece costs a round trip


_CARD = 80  # bytes of one of _cards' cards, at most


def _cards(path: Path, count: int) -> Path:
    card = "\r\n".join(
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Fictional {n}", "TEL:090-0000-{n:04d}", "END:VCARD"]
    )
    path.write_text("\r\n".join(card.format(n=n) for n in range(count)) + "\r\n")
    return path


def _pieces(paths: list[Path], jobs: int) -> list[list[int]]:
    """The sizes of the pieces each input is handed out in (``[]``: whole)."""
    from piiaudit.discovery import Discovered

    inputs = [Discovered(str(p)) for p in paths]
    units = plan.plan_units(inputs, range(len(inputs)), jobs)
    return [
        [piece.end - piece.start for index, piece in units if index == i and piece is not None]
        for i in range(len(inputs))
    ]


def _cut(paths: list[Path], jobs: int) -> list[int]:
    """How many pieces each input is handed out in."""
    return [max(1, len(sizes)) for sizes in _pieces(paths, jobs)]


def test_a_single_export_is_cut_into_shrinking_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's fair share (an eighth: four per worker) at first, then smaller and
    smaller pieces, so that the two workers finish close together."""
    _small_pieces(monkeypatch)
    path = _cards(tmp_path / "one.vcf", 400)
    [sizes] = _pieces([path], jobs=2)
    share = path.stat().st_size // (2 * plan.PIECES_PER_JOB)
    assert sum(sizes) == path.stat().st_size
    assert len(sizes) > 2 * plan.PIECES_PER_JOB
    assert share <= sizes[0] < share + _CARD  # cut at the first card boundary after a share
    assert max(sizes[-4:]) < share // 2


def test_many_similar_exports_are_cut_only_at_the_end_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forty exports share the workers whole; the two handed out last (the smallest)
    are cut, so that neither worker reads a whole file alone at the end."""
    _small_pieces(monkeypatch)
    paths = [_cards(tmp_path / f"e{n:02d}.vcf", 100 + n % 7) for n in range(40)]
    pieces = _pieces(paths, jobs=2)
    sizes = [p.stat().st_size for p in paths]
    smallest = sorted(range(40), key=lambda i: (sizes[i], i))[:2]
    assert [i for i, cut in enumerate(pieces) if cut] == sorted(smallest)
    # Shrinking pieces, the first a quarter of the file (half a worker's share of it).
    for index in smallest:
        assert sizes[index] // 4 <= pieces[index][0] < sizes[index] // 4 + _CARD
        assert pieces[index][-2] < pieces[index][0]


def test_the_end_of_a_run_is_cut_from_vcards_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CSV files are never cut: the smallest vCard files take their place."""
    _small_pieces(monkeypatch)
    csv = []
    for n in range(4):
        path = tmp_path / f"c{n}.csv"
        rows = "".join(f"Fictional {k},090-0000-{k:04d}\n" for k in range(150))
        path.write_text("Name,Phone\n" + rows)
        csv.append(path)
    vcards = [_cards(tmp_path / f"v{n}.vcf", 100 + 10 * n) for n in range(4)]
    cut = [n > 1 for n in _cut([*csv, *vcards], jobs=2)]
    assert cut == [False] * 4 + [True, True, False, False]


def test_three_similar_exports_on_two_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole, one worker would read the third export alone after the others. Each
    holds more than two of the run's eighths, so each is cut: both workers end on
    small pieces."""
    _small_pieces(monkeypatch)
    paths = [_cards(tmp_path / f"e{n}.vcf", count) for n, count in enumerate((130, 100, 110))]
    assert all(n > 2 for n in _cut(paths, jobs=2))


def test_one_large_export_among_small_ones_is_the_one_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nine tenths of the run, cut in pieces no bigger than the run's fair share."""
    _small_pieces(monkeypatch)
    small = [_cards(tmp_path / f"s{n}.vcf", 40) for n in range(6)]
    large = _cards(tmp_path / "large.vcf", 2000)
    paths = [*small, large]
    pieces = _pieces(paths, jobs=2)
    assert pieces[:6] == [[]] * 6
    share = sum(p.stat().st_size for p in paths) // (2 * plan.PIECES_PER_JOB)
    assert len(pieces[6]) > 6
    assert all(size < share + _CARD for size in pieces[6])
