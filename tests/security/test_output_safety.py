"""Report and hand-over files: owner-only, atomic, never through a link, never into the input.

A report lists whose personal data is where; whoever can read it learns that.
So every file piiaudit writes is created 0600 (whatever the umask), appears
whole or not at all, is never written through a symbolic link planted at its
path (the link's target is left untouched), never replaces an input, and is
not written inside an input folder unless ``--allow-output-in-input`` says so.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import piiaudit.cli.output
import piiaudit.safeio
from hostile.cases import GOOD, GOOD2
from hostile.run import invoke, sha256_tree
from piiaudit.cli import app

KEY = "a-fictional-baseline-key-for-tests-only"
FORMATS = "terminal,json,html,sarif,csv"
VICTIM = b"a file the attacker wants overwritten\n"


@pytest.fixture
def export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PIIAUDIT_BASELINE_KEY", KEY)
    folder = tmp_path / "in"
    folder.mkdir()
    source = folder / "export.vcf"
    source.write_text(GOOD + GOOD2, newline="")
    return source


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# Each writer: (its arguments given the export and an output path, the file it writes there).
Writer = Callable[[Path, Path], list[str]]
WRITERS: dict[str, tuple[Writer, str]] = {
    "scan -o": (lambda src, out: ["scan", str(src), "-f", "json", "-o", str(out)], ""),
    "scan --output-dir": (
        lambda src, out: ["scan", str(src), "-f", FORMATS, "--output-dir", str(out)],
        "piiaudit-report.html",
    ),
    "contacts -o": (lambda src, out: ["contacts", str(src), "-o", str(out)], ""),
    "minimize -o": (lambda src, out: ["minimize", str(src), "-o", str(out)], ""),
    "baseline create -o": (
        lambda src, out: ["baseline", "create", str(src), "-o", str(out), "--jobs", "1"],
        "",
    ),
    "split --out-dir": (
        lambda src, out: ["split", str(src), "--out-dir", str(out)],
        "business.vcf",
    ),
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_written_file_is_owner_only_even_with_a_permissive_umask(
    name: str, export: Path, tmp_path: Path
) -> None:
    build, _inner = WRITERS[name]
    out = tmp_path / "out" / "result"
    out.parent.mkdir()
    if name == "scan --output-dir":
        out.mkdir(mode=0o700)
    old = os.umask(0)
    try:
        run = invoke(*build(export, out))
    finally:
        os.umask(old)
    assert run.exit_code == 0, run.stderr
    written = [p for p in out.parent.rglob("*") if p.is_file()]
    assert written
    assert {p.name: _mode(p) for p in written} == {p.name: 0o600 for p in written}
    assert not [p for p in written if p.name.endswith(".tmp")]
    if name == "split --out-dir":  # a folder split creates itself
        assert _mode(out) == 0o700


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize("name", list(WRITERS))
def test_symlink_planted_at_the_output_is_refused_and_its_target_untouched(
    name: str, force: list[str], export: Path, tmp_path: Path
) -> None:
    build, inner = WRITERS[name]
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM)
    out = tmp_path / "out"
    if inner:
        out.mkdir(mode=0o700)
        (out / inner).symlink_to(victim)
    else:
        out.symlink_to(victim)

    run = invoke(*build(export, out), *force)

    assert run.exit_code == 2, run.stderr
    assert "symbolic link" in run.stderr
    assert victim.read_bytes() == VICTIM
    assert (out / inner if inner else out).is_symlink()


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_device_or_pipe_at_the_output_is_never_replaced_even_with_force(
    name: str, export: Path, tmp_path: Path
) -> None:
    # "-o /dev/null --force" run as root renamed the report over the device node and
    # left /dev/null a regular file (found in review): a pipe stands in for a device.
    build, inner = WRITERS[name]
    out = tmp_path / "out"
    if inner:
        out.mkdir(mode=0o700)
        os.mkfifo(out / inner)
    else:
        os.mkfifo(out)

    run = invoke(*build(export, out), "--force")

    assert run.exit_code == 2, run.stderr
    assert "is a device or a pipe, not a file" in run.stderr
    assert stat.S_ISFIFO(os.lstat(out / inner if inner else out).st_mode)


def test_a_failing_reporter_leaves_no_partial_file(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTML fails half-way: the JSON written before it is whole, no HTML file, no temp file."""
    out = tmp_path / "reports"
    out.mkdir()
    old_html = out / "piiaudit-report.html"
    old_html.write_text("the previous report\n")
    real_get = piiaudit.cli.output.get

    def get(fmt: str) -> Callable[..., None]:
        if fmt != "html":
            return real_get(fmt)

        def broken(result: object, stream: io.StringIO, options: object) -> None:
            stream.write("<html><body>half a report")
            raise RuntimeError("reporter bug")

        return broken

    monkeypatch.setattr(piiaudit.cli.output, "get", get)
    result = CliRunner().invoke(
        app, ["scan", str(export), "-f", "json,html", "--output-dir", str(out), "--force"]
    )

    assert isinstance(result.exception, RuntimeError)
    assert (out / "piiaudit-report.json").read_text().rstrip().endswith("}")
    assert old_html.read_text() == "the previous report\n"
    assert sorted(p.name for p in out.iterdir()) == ["piiaudit-report.html", "piiaudit-report.json"]


def test_disk_full_is_one_clear_error_and_leaves_nothing(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(piiaudit.safeio.os, "fsync", full)
    out = tmp_path / "reports"
    out.mkdir()

    run = invoke("scan", str(export), "-f", "json", "-o", str(out / "report.json"))

    assert run.exit_code == 2
    assert "report.json" in run.stderr
    assert "No space left on device" in run.stderr
    assert list(out.iterdir()) == []


def test_output_never_replaces_an_input(export: Path) -> None:
    before = sha256_tree(export)
    run = invoke("scan", str(export), "-f", "json", "-o", str(export), "--force")
    assert run.exit_code == 2
    assert "over an input file" in run.stderr
    assert sha256_tree(export) == before


@pytest.mark.parametrize(
    "where",
    [
        lambda d: ["-o", str(d / "report.json")],
        lambda d: ["-o", str(d / "deeper" / "report.json")],
        lambda d: ["--output-dir", str(d / "reports")],
    ],
    ids=["file-in-input", "file-deeper-in-input", "dir-in-input"],
)
def test_no_report_inside_the_input_directory_unless_allowed(
    where: Callable[[Path], list[str]], export: Path
) -> None:
    folder = export.parent
    (folder / "deeper").mkdir()
    (folder / "reports").mkdir()
    before = sha256_tree(folder)

    refused = invoke("scan", str(folder), "-f", "json", *where(folder))

    assert refused.exit_code == 2
    assert "--allow-output-in-input" in refused.stderr
    assert sha256_tree(folder) == before
    allowed = invoke("scan", str(folder), "-f", "json", *where(folder), "--allow-output-in-input")
    assert allowed.exit_code == 0, allowed.stderr
    assert len(sha256_tree(folder)) == len(before) + 1


def test_output_folder_reached_through_a_link_into_the_input_is_refused(
    export: Path, tmp_path: Path
) -> None:
    (export.parent / "reports").mkdir()
    (tmp_path / "elsewhere").symlink_to(export.parent / "reports", target_is_directory=True)

    run = invoke(
        "scan", str(export.parent), "-f", "json", "-o", str(tmp_path / "elsewhere" / "r.json")
    )

    assert run.exit_code == 2
    assert list((export.parent / "reports").iterdir()) == []
