"""File names that are not valid UTF-8 (``caf\\xe9.vcf``, from an old Latin-1 system or a
FAT-formatted card): every report format is written, and every report is valid UTF-8.

Python hands such a name over with a lone surrogate, which strict UTF-8 refuses. SARIF
names the file by a URI made of its exact bytes (``caf%E9.vcf``), every other format by a
visible escape of the byte (``caf\\xe9.vcf``, escaped again inside a JSON string): two such
names stay two names (QA round 11: two employees' CP932 folder names both became
``exports/������`` and merged in the per-employee table).
All contacts are fictional.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()
FORMATS = ("json", "html", "sarif", "csv", "terminal")
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nN:山田;太郎;;;\r\n"
    "TEL;TYPE=CELL:090-0000-1234\r\nEMAIL;TYPE=HOME:taro.yamada@example.com\r\n"
    "BDAY:1980-01-02\r\nNOTE:母の通院先メモ 心療内科\r\nEND:VCARD\r\n"
)
LATIN1_NAME = b"caf\xe9.vcf"


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """A folder of three exports, the middle one named in Latin-1."""
    folder = tmp_path / "exports"
    folder.mkdir()
    for raw in (b"a.vcf", LATIN1_NAME, b"z.vcf"):
        (folder / os.fsdecode(raw)).write_text(CARD, encoding="utf-8")
    return folder


def _scan_to_dir(exports: Path, out: Path, jobs: str) -> dict[str, bytes]:
    fmt = ",".join(FORMATS)
    result = runner.invoke(
        app, ["scan", str(exports), "-f", fmt, "--output-dir", str(out), "-j", jobs]
    )
    assert result.exit_code == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_format_is_written_in_one_run(exports: Path, tmp_path: Path, jobs: str) -> None:
    reports = _scan_to_dir(exports, tmp_path / "reports", jobs)
    assert sorted(reports) == sorted(
        f"piiaudit-report.{ext}" for ext in ("json", "html", "sarif", "csv", "txt")
    )
    texts = {name: data.decode("utf-8") for name, data in reports.items()}  # strict UTF-8
    report = json.loads(texts["piiaudit-report.json"])
    # the undecodable byte as its escape, so that two names differing there stay two
    assert [Path(f["path"]).name for f in report["files"]] == ["a.vcf", "caf\\xe9.vcf", "z.vcf"]
    assert "caf\\xe9.vcf" in texts["piiaudit-report.csv"]
    assert "caf\\xe9.vcf" in texts["piiaudit-report.html"]
    # (the terminal report folds a long path: compared without its line breaks)
    assert "caf\\xe9.vcf" in "".join(texts["piiaudit-report.txt"].split())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sarif_names_the_file_by_its_bytes(exports: Path, tmp_path: Path, jobs: str) -> None:
    reports = _scan_to_dir(exports, tmp_path / "reports", jobs)
    log = json.loads(reports["piiaudit-report.sarif"].decode("utf-8"))
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    ]
    assert [uri.rsplit("/", 1)[-1] for uri in uris] == ["a.vcf", "caf%E9.vcf", "z.vcf"]
    assert all(uri.isascii() for uri in uris)


def test_reports_are_the_same_whatever_jobs(exports: Path, tmp_path: Path) -> None:
    assert _scan_to_dir(exports, tmp_path / "one", "1") == _scan_to_dir(
        exports, tmp_path / "two", "2"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_standard_output_in_a_strict_utf8_locale(exports: Path, fmt: str) -> None:
    """A ja_JP.UTF-8 terminal encodes strictly: a lone surrogate used to crash the run."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"}
    proc = subprocess.run(  # a short relative name: the terminal report wraps long lines
        [sys.executable, "-m", "piiaudit", "scan", os.fsdecode(LATIN1_NAME), "-f", fmt],
        capture_output=True,
        cwd=exports,
        env=env,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    text = proc.stdout.decode("utf-8")
    expected = {"sarif": "caf%E9.vcf", "json": "caf\\\\xe9.vcf"}.get(fmt, "caf\\xe9.vcf")
    assert expected in text
