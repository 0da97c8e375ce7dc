"""``scan --baseline`` screens each file where it is audited, and reports exactly
what screening the whole result in input order (``baseline.apply``) reports.

Each worker screens its files (and pieces) as if they came first; the run then
settles the few files whose screening depended on earlier ones (an accepted
finding that occurs more often now than when it was accepted) and screens them
again with what the earlier files left (``piiaudit.audit.settle``). These tests hold the
reports, byte for byte in every format, to the whole-result way, with one and two
jobs, files cut into pieces, both audiences, and findings that outnumber their
entries across files and within one file.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from piiaudit import baseline
from piiaudit.audit import AuditOptions, audit_paths, plan, pool, rescore, settle
from piiaudit.cli import app, output
from piiaudit.cli.common import load_engine, parse_options
from piiaudit.exitcodes import ExitCode
from piiaudit.reporters import ReportOptions

runner = CliRunner()
KEY = "fictional-organisation-key-0123456789"
FORMATS = ["json", "html", "sarif", "csv"]


@pytest.fixture
def run_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a folder without a company profile; cut vCard files into small pieces."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    (tmp_path / "org.key").write_text(KEY + "\n", encoding="utf-8")
    return tmp_path


def _exports(examples_dir: Path, root: Path) -> list[Path]:
    """The shipped examples, plus a second employee holding a copy of the iPhone export
    (the same people, so the same fingerprints) and one that repeats a card file."""
    exports = root / "exports"
    shutil.copytree(
        examples_dir,
        exports / "alice",
        ignore=shutil.ignore_patterns("*.yaml", "*.md", "*.py", "data", "fiction"),
    )
    (exports / "bob").mkdir()
    shutil.copy(examples_dir / "iphone-export.vcf", exports / "bob" / "phone.vcf")
    android = (examples_dir / "android-export.vcf").read_bytes()
    (exports / "carol").mkdir()
    (exports / "carol" / "twice.vcf").write_bytes(android + android)
    return [exports]


def _create(inputs: list[Path], out: Path, root: Path) -> None:
    args = ["baseline", "create", *map(str, inputs), "-o", str(out)]
    result = runner.invoke(app, [*args, "--baseline-key-file", str(root / "org.key")])
    assert result.exit_code in (ExitCode.OK, ExitCode.INPUT), result.output


def _scan(
    inputs: list[Path], accepted: Path, root: Path, out: Path, *extra: str
) -> dict[str, bytes]:
    out.mkdir()
    args = ["scan", *map(str, inputs), "-f", ",".join(FORMATS), "--output-dir", str(out)]
    args += ["--baseline", str(accepted), "--baseline-key-file", str(root / "org.key")]
    result = runner.invoke(app, [*args, "--lang", "en", *extra])
    assert not isinstance(result.exception, Exception), repr(result.exception)
    assert result.exit_code in (ExitCode.OK, ExitCode.FINDINGS), result.output
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _whole_way(
    inputs: list[Path], accepted: Path, root: Path, out: Path, audience: str
) -> dict[str, bytes]:
    """The reports the earlier way: the whole result, screened in input order, rescored."""
    profile, engine = load_engine(None, (), start=root)
    reader = parse_options(profile)
    settings: dict[str, object] = {
        "inputs": [str(p) for p in inputs],
        "formats": FORMATS,
        "audience": audience,
        "lang": "en",
        "show_pii": False,
        "fail_on": "",
        "config": "",
        "region": reader.region,
        "group_by": "file",
        "baseline": str(accepted),
    }
    options = AuditOptions(parse=reader, settings=settings, profile=profile)
    result = audit_paths([str(p) for p in inputs], engine, options)
    key = (root / "org.key").read_bytes().strip()
    suppressed = baseline.apply(result, baseline.read(accepted), key, reader.region)
    rescore(result, engine)
    result.settings["baseline_suppressed"] = suppressed
    out.mkdir()
    destinations = output.plan(FORMATS, None, out)
    options = ReportOptions(lang="en", audience=audience)
    output.emit(result, destinations, options, force=False, exit_code=ExitCode.OK)  # as scan's
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> list[dict[int, dict[str, int]]]:
    """What each parallel run's settling decided to screen again."""
    seen: list[dict[int, dict[str, int]]] = []
    real = settle.settle

    def spy(
        screens: Mapping[int, Mapping[int, settle.Screened]], entries: Mapping[str, int]
    ) -> dict[int, dict[str, int]]:
        seen.append(real(screens, entries))
        return seen[-1]

    monkeypatch.setattr(pool, "settle", spy)
    return seen


@pytest.mark.parametrize("audience", ["self", "compliance"])
def test_a_baseline_of_part_of_the_exports(
    examples_dir: Path, run_dir: Path, audience: str, settled: list[dict[int, dict[str, int]]]
) -> None:
    """Accepted: Alice's exports only. Bob's copy of her iPhone contacts, and the
    second half of Carol's repeated file, are new; in parallel each file first
    takes every entry, so settling must screen Bob's and Carol's files again."""
    inputs = _exports(examples_dir, run_dir)
    accepted = run_dir / "baseline.json"
    _create([inputs[0] / "alice"], accepted, run_dir)
    reference = _whole_way(inputs, accepted, run_dir, run_dir / "whole", audience)
    one = _scan(inputs, accepted, run_dir, run_dir / "one", "-j", "1", "--audience", audience)
    two = _scan(inputs, accepted, run_dir, run_dir / "two", "-j", "2", "--audience", audience)
    assert len(reference) == 4
    assert one == reference
    assert two == reference
    assert len(settled) == 1 and len(settled[0]) >= 1
    assert b'"baseline_suppressed": 0' not in reference["piiaudit-report.json"]


def test_a_baseline_of_everything_needs_no_settling(
    examples_dir: Path, run_dir: Path, settled: list[dict[int, dict[str, int]]]
) -> None:
    """Every finding accepted as often as it occurs: nothing to screen again, and
    the report has no findings left."""
    inputs = _exports(examples_dir, run_dir)
    accepted = run_dir / "baseline.json"
    _create(inputs, accepted, run_dir)
    reference = _whole_way(inputs, accepted, run_dir, run_dir / "whole", "self")
    two = _scan(inputs, accepted, run_dir, run_dir / "two", "-j", "2")
    assert two == reference
    assert settled == [{}]
    assert b'"findings": 0' in reference["piiaudit-report.json"]


def _screened(*units: tuple[int, dict[str, int]]) -> dict[int, settle.Screened]:
    """A file's units (offset, fingerprints seen): as each screening reports itself."""
    return {start: (0, seen) for start, seen in units}


def test_settling_in_input_order() -> None:
    whole = settle.WHOLE
    two_files = {0: _screened((whole, {"a": 2})), 1: _screened((whole, {"a": 2}))}
    assert settle.settle(two_files, {"a": 4}) == {}  # enough for both
    assert settle.settle(two_files, {"a": 3}) == {1: {"a": 1}}  # the second gets what is left
    assert settle.settle(two_files, {"a": 2}) == {1: {"a": 0}}
    assert settle.settle(two_files, {"a": 1}) == {1: {"a": 0}}
    # The first file took the only entry it saw; the second saw none: nothing moves.
    assert settle.settle({0: _screened((whole, {"a": 1})), 1: _screened()}, {"a": 1}) == {}


def test_settling_the_pieces_of_one_file() -> None:
    """Two pieces each took the one entry: the file is screened again whole, with it."""
    pieces = {0: _screened((0, {"a": 1}), (4096, {"a": 1, "b": 1}))}
    assert settle.settle(pieces, {"a": 1, "b": 1}) == {0: {"a": 1, "b": 1}}
    assert settle.settle(pieces, {"a": 2, "b": 1}) == {}


def test_standard_input_among_the_inputs_is_screened_in_order(
    examples_dir: Path, run_dir: Path
) -> None:
    """Standard input cannot be read twice, as settling may need: such a run is
    screened in input order in one process, with the same reports."""
    phone = run_dir / "phone.vcf"
    shutil.copy(examples_dir / "iphone-export.vcf", phone)
    accepted = run_dir / "baseline.json"
    _create([phone], accepted, run_dir)
    stdin = phone.read_text(encoding="utf-8")
    reports = []
    for jobs in ("1", "2"):
        out = run_dir / f"out{jobs}"
        out.mkdir()
        args = ["scan", "-", str(phone), "-f", "json", "--output-dir", str(out), "-j", jobs]
        args += ["--baseline", str(accepted), "--baseline-key-file", str(run_dir / "org.key")]
        result = runner.invoke(app, args, input=stdin)
        assert result.exit_code in (ExitCode.OK, ExitCode.FINDINGS), result.output
        reports.append((out / "piiaudit-report.json").read_bytes())
    assert reports[0] == reports[1]
    # Standard input came first and took every entry; the same cards in the file are new.
    assert b'"baseline_suppressed": 0' not in reports[0]
    summary = json.loads(reports[0])["summary"]
    assert summary["findings"] > 0


# One file: its units (whole, or pieces in order), each the accepted fingerprints it
# sees in order. Fingerprints from a small alphabet, so that they recur across files.
_units = st.lists(st.lists(st.sampled_from("abcd"), max_size=5), min_size=1, max_size=3)


@settings(max_examples=300, deadline=None)
@given(
    files=st.lists(_units, min_size=1, max_size=6),
    entries=st.dictionaries(st.sampled_from("abcd"), st.integers(1, 4), min_size=1),
)
def test_settling_gives_what_screening_in_input_order_gives(
    files: list[list[list[str]]], entries: dict[str, int]
) -> None:
    """Each unit screened as if first, then the files settle names screened again
    with its limits, take exactly what one pass in input order takes, file by file."""
    remaining = Counter(entries)
    in_order = []
    for units in files:
        taken: Counter[str] = Counter()
        for seen in units:
            for fp in seen:
                if fp in entries and remaining[fp] > 0:
                    remaining[fp] -= 1
                    taken[fp] += 1
        in_order.append(taken)

    def tentative(seen: list[str], limit: Mapping[str, int]) -> Counter[str]:
        taken: Counter[str] = Counter()
        for fp in seen:
            if fp in entries and taken[fp] < limit.get(fp, 0):
                taken[fp] += 1
        return taken

    screens = {
        index: {
            start: (
                sum(tentative(seen, entries).values()),
                dict(Counter(f for f in seen if f in entries)),
            )
            for start, seen in enumerate(units)
        }
        for index, units in enumerate(files)
    }
    again = settle.settle(screens, entries)
    for index, units in enumerate(files):
        if index in again:  # read again whole, with the settled limits
            got = tentative([fp for seen in units for fp in seen], again[index])
        else:
            got = sum((tentative(seen, entries) for seen in units), Counter())
        assert got == in_order[index], (index, again)
