"""``scan --output-dir DIR`` on a first run: DIR (and missing parents) is created owner-only.

Reports hold personal data, so a folder made for them is 0700, like ``split``'s;
the refusals stay those of any report path (inside an input folder, over a file).
All contacts are fictional.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nN:山田;太郎;;;\r\n"
    "TEL;TYPE=CELL:090-0000-1234\r\nNOTE:母の通院先メモ 心療内科\r\nEND:VCARD\r\n"
)


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "tanaka.vcf").write_text(CARD, encoding="utf-8")
    return folder


def _scan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["scan", *args])
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result.exit_code, result.stderr


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_missing_output_dir_and_its_parents_are_created_owner_only(
    exports: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "audit" / "2024" / "reports"
    existing = _mode(tmp_path)
    code, err = _scan(str(exports), "-f", "json,html,sarif", "--output-dir", f"{reports}/")
    assert code == ExitCode.OK, err
    assert sorted(p.name for p in reports.iterdir()) == [
        "piiaudit-report.html",
        "piiaudit-report.json",
        "piiaudit-report.sarif",
    ]
    assert [_mode(d) for d in (tmp_path / "audit", reports.parent, reports)] == [0o700] * 3
    assert {_mode(p) for p in reports.iterdir()} == {0o600}
    assert _mode(tmp_path) == existing  # a folder that was there is left alone


def test_an_existing_output_dir_is_used_as_it_is(exports: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir(mode=0o750)
    os.chmod(reports, 0o750)
    code, err = _scan(str(exports), "-f", "json", "--output-dir", str(reports))
    assert code == ExitCode.OK, err
    assert _mode(reports) == 0o750
    assert (reports / "piiaudit-report.json").is_file()


def test_an_output_dir_inside_an_input_folder_is_refused_and_not_made(exports: Path) -> None:
    reports = exports / "reports"
    code, err = _scan(str(exports), "-f", "json", "--output-dir", str(reports))
    assert code == ExitCode.USAGE
    assert "inside the input directory" in err
    assert not reports.exists()
    allowed = ("--allow-output-in-input",)
    assert _scan(str(exports), "-f", "json", "--output-dir", str(reports), *allowed)[0] == 0
    assert _mode(reports) == 0o700


@pytest.mark.parametrize("where", ["itself", "parent"])
def test_a_file_in_the_way_is_refused_before_the_audit(
    exports: Path, tmp_path: Path, where: str
) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder\n", encoding="utf-8")
    target = blocker if where == "itself" else blocker / "sub"
    code, err = _scan(str(exports), "-f", "json", "--output-dir", str(target))
    assert code == ExitCode.USAGE
    assert f"{blocker}: " in err and "not a directory" in err
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_a_dangling_link_as_output_dir_is_refused(exports: Path, tmp_path: Path) -> None:
    link = tmp_path / "reports"
    link.symlink_to(tmp_path / "elsewhere")
    code, err = _scan(str(exports), "-f", "json", "--output-dir", str(link))
    assert code == ExitCode.USAGE
    assert "exists and is not a directory" in err
    assert not (tmp_path / "elsewhere").exists()


def test_output_file_in_a_missing_folder_is_still_refused(exports: Path, tmp_path: Path) -> None:
    """Only --output-dir makes folders: a typo in an --output path should not."""
    target = tmp_path / "typo" / "report.json"
    code, err = _scan(str(exports), "-f", "json", "-o", str(target))
    assert code == ExitCode.USAGE
    assert "output directory does not exist" in err
    assert not target.parent.exists()
