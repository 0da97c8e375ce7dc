"""One large export read by several workers at once gives the report one worker gives.

``--jobs 2`` cuts a large vCard file into pieces (:mod:`piiaudit.parsers.pieces`).
These tests make the pieces small so that the shipped examples are cut many
times, and require byte-identical reports in every format; a file whose cut the
reader does not confirm must be read again whole, with the same report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
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


@pytest.fixture
def agreements(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Cut files into pieces of ~2 KiB, and record whether each cut file's pieces agreed."""
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
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
    tmp_path: Path, agreements: list[bool]
) -> None:
    """A quoted-printable note whose continuation lines read END:VCARD / BEGIN:VCARD
    fools the planner; the report must still be the one a single read gives."""
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
    assert agreements == [False]
    assert one == two


@pytest.mark.parametrize(
    ("size", "jobs", "count"),
    [
        (3 * 2048, 2, 2),  # room for three: two, so both workers get half
        (9 * 2048, 2, 8),  # room for many: four pieces per worker (PIECES_PER_JOB)
        (2 * 2048, 3, 2),  # fewer than the workers: as many as there is room for
        (2047, 2, 0),  # too small to cut
    ],
)
def test_how_many_pieces(size: int, jobs: int, count: int) -> None:
    assert plan.piece_count(size, jobs, 2048) == count


def _cards(path: Path, count: int) -> Path:
    card = "\r\n".join(
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Fictional {n}", "TEL:090-0000-{n:04d}", "END:VCARD"]
    )
    path.write_text("\r\n".join(card.format(n=n) for n in range(count)) + "\r\n")
    return path


def _cut(paths: list[Path], jobs: int) -> list[int]:
    """How many pieces each input is handed out in."""
    from piiaudit.discovery import Discovered

    inputs = [Discovered(str(p)) for p in paths]
    units = plan.plan_units(inputs, range(len(inputs)), jobs)
    return [sum(1 for index, _ in units if index == i) for i in range(len(inputs))]


def test_a_single_export_is_cut_into_four_pieces_per_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    assert plan.PIECES_PER_JOB == 4
    assert _cut([_cards(tmp_path / "one.vcf", 400)], jobs=2) == [8]


def test_many_similar_exports_are_cut_only_at_the_end_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forty exports share the workers whole; the two handed out last (the smallest)
    are cut in two, so that neither worker reads a whole file alone at the end."""
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    paths = [_cards(tmp_path / f"e{n:02d}.vcf", 100 + n % 7) for n in range(40)]
    counts = _cut(paths, jobs=2)
    sizes = [p.stat().st_size for p in paths]
    smallest = sorted(range(40), key=lambda i: (sizes[i], i))[:2]
    assert [i for i, n in enumerate(counts) if n > 1] == sorted(smallest)
    assert all(counts[i] == 2 for i in smallest)


def test_the_end_of_a_run_is_cut_from_vcards_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CSV files are never cut: the smallest vCard files take their place."""
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    csv = []
    for n in range(4):
        path = tmp_path / f"c{n}.csv"
        rows = "".join(f"Fictional {k},090-0000-{k:04d}\n" for k in range(150))
        path.write_text("Name,Phone\n" + rows)
        csv.append(path)
    vcards = [_cards(tmp_path / f"v{n}.vcf", 100 + 10 * n) for n in range(4)]
    assert _cut([*csv, *vcards], jobs=2) == [1, 1, 1, 1, 2, 2, 1, 1]


def test_three_similar_exports_on_two_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole, one worker would read the third export alone after the others. Each
    holds more than two of the run's eighths, so each is cut in two: both workers
    end on half files."""
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    paths = [_cards(tmp_path / f"e{n}.vcf", count) for n, count in enumerate((130, 100, 110))]
    assert _cut(paths, jobs=2) == [2, 2, 2]


def test_one_large_export_among_small_ones_is_the_one_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    small = [_cards(tmp_path / f"s{n}.vcf", 40) for n in range(6)]
    large = _cards(tmp_path / "large.vcf", 2000)
    # Nine tenths of the run, in pieces of at least an eighth of it: room for seven,
    # so six, three for each worker.
    assert _cut([*small, large], jobs=2) == [1] * 6 + [6]
