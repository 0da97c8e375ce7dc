"""``scan -f html -o report.html -f json -o report.json``: one report per pair.

Each option used to be read once, the last given, so report.html was never written
and nothing said so (QA, batch round). All contacts are fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nN:山田;太郎;;;\r\nORG:株式会社サンプル\r\n"
    "TEL;TYPE=CELL:090-0000-1234\r\nEND:VCARD\r\n"
)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "phone.vcf"
    path.write_text(CARD, encoding="utf-8")
    return path


def _scan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["scan", "--quiet", *args])
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result.exit_code, result.stderr


def test_each_format_goes_to_its_own_file(export: Path, tmp_path: Path) -> None:
    html, report = tmp_path / "r.html", tmp_path / "r.json"
    code, _ = _scan(str(export), "-f", "html", "-o", str(html), "-f", "json", "-o", str(report))
    assert code == ExitCode.OK
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["contacts"] == 1


def test_each_files_extension_names_its_format(export: Path, tmp_path: Path) -> None:
    html, report = tmp_path / "r.html", tmp_path / "r.json"
    assert _scan(str(export), "-o", str(report), "-o", str(html))[0] == ExitCode.OK
    assert "<html" in html.read_text(encoding="utf-8").lower()
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["contacts"] == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-f", "html", "-o", "{d}/e.html", "-f", "json"], "several formats need --output-dir"),
        (["-f", "json,html", "-o", "{d}/a.json", "-o", "{d}/a.html"], "one --format per --output"),
        (
            ["-f", "json", "-f", "html", "-f", "csv", "-o", "{d}/a.json", "-o", "{d}/a.html"],
            "one --format per --output",
        ),
        (["-o", "{d}/x.json", "-o", "{d}/x.json"], "names one file twice"),
        (
            ["-f", "json", "-o", "{d}/x.json", "-f", "html", "-o", "{d}/sub/../x.json"],
            "names one file twice",
        ),
        (["-o", "{d}/x.json", "-o", "{d}/y.json"], "names a format twice"),
        (["-o", "{d}/x.json", "-o", "{d}/y.html", "--output-dir", "{d}/out"], "not both"),
    ],
)
def test_pairs_that_cannot_be_made_are_refused_before_anything_is_written(
    export: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    code, stderr = _scan(str(export), *[a.format(d=tmp_path) for a in args])
    assert code == ExitCode.USAGE
    assert says in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phone.vcf"]
