"""A file named after an employee's private contact does not name them to compliance.

"Share contact" on a phone saves ``鬼塚 雅美.vcf``. Copied into an employee's folder,
its path named the private contact in every compliance report and on stderr,
although the contact inside was only counted (issue 6, item 4). The file now goes
under ``[name withheld #n]`` everywhere, identically with any ``--jobs``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.audit import plan, pool
from piiaudit.cli import app
from piiaudit.parsers import Piece, PieceEnd
from piiaudit.reporters import REPORTERS
from reporters.helpers import readable

runner = CliRunner()

SHARED = """BEGIN:VCARD\r
VERSION:3.0\r
N:鬼塚;雅美;;;\r
FN:鬼塚 雅美\r
TEL;TYPE=CELL:090-4821-7735\r
NOTE:母の高校の同級生\r
END:VCARD\r
"""
# Every form in which the shared contact's name could show: the file name says it
# with a space, an underscore or nothing between the names.
TRACES = ("鬼塚", "雅美", "4821", "7735")


@pytest.fixture
def exports(tmp_path: Path, examples_dir: Path) -> Path:
    root = tmp_path / "exports"
    tanaka = root / "tanaka"
    tanaka.mkdir(parents=True)
    (tanaka / "鬼塚 雅美.vcf").write_text(SHARED, encoding="utf-8")
    shutil.copy(examples_dir / "iphone-export.vcf", tanaka / "iphone-export.vcf")
    sato = root / "sato"
    sato.mkdir()
    shutil.copy(examples_dir / "google-contacts.csv", sato / "contacts.csv")
    return root


def _scan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["scan", *args])
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_no_report_nor_stderr_names_the_shared_contact(
    exports: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    to_file = () if fmt == "terminal" else ("-o", str(out))
    code, said = _scan(str(exports), "--audience", "compliance", "-f", fmt, *to_file, "--verbose")
    assert code in (0, 1)
    report = said if fmt == "terminal" else readable(fmt, out.read_text(encoding="utf-8"))
    for text in (report, said):
        assert [t for t in TRACES if t in text] == []
    if fmt not in ("csv", "sarif"):  # those have rows for findings on listed contacts only
        assert "[name withheld #3].vcf" in report
    assert "exports/tanaka/[name withheld #3].vcf: 1 contact" in said.replace("\\", "/")


def test_the_owner_still_sees_the_file_name(exports: Path, tmp_path: Path) -> None:
    """The audience that sees every contact sees the file as it is named: the search
    above would find the name, and nothing is withheld from the phone's owner."""
    out = tmp_path / "report.json"
    _scan(str(exports), "-f", "json", "-o", str(out))
    paths = [f["path"] for f in json.loads(out.read_text(encoding="utf-8"))["files"]]
    assert any(p.endswith("鬼塚 雅美.vcf") for p in paths)
    assert not any("withheld" in p for p in paths)


def test_one_file_grouped_by_file_is_withheld_in_the_employee_table(
    exports: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    _scan(str(exports), "--audience", "compliance", "-f", "json", "-o", str(out))
    report = json.loads(out.read_text(encoding="utf-8"))
    groups = [Path(g["group"]) for g in report["groups"]]
    assert exports / "tanaka" / "[name withheld #3].vcf" in groups
    assert exports / "tanaka" / "iphone-export.vcf" in groups


def test_a_withheld_file_named_on_the_command_line(exports: Path, tmp_path: Path) -> None:
    """The run's settings list its inputs as given: a withheld one as it is shown."""
    shared = exports / "tanaka" / "鬼塚 雅美.vcf"
    out = tmp_path / "report.json"
    _scan(str(shared), "--audience", "compliance", "-f", "json", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert [t for t in TRACES if t in json.dumps(json.loads(text), ensure_ascii=False)] == []
    inputs = json.loads(text)["settings"]["inputs"]
    assert inputs == [str(exports / "tanaka" / "[name withheld #1].vcf")]


@pytest.mark.parametrize("group_by", ["file", "dir"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_and_a_family_name_below_the_employee_folder_are_withheld(
    exports: Path, tmp_path: Path, group_by: str, jobs: str
) -> None:
    """QA leak hunt: ``tanaka/鬼塚 雅美/鬼塚 雅美.vcf`` kept its name (the folder taken for
    the employee's), as did ``tanaka/鬼塚.vcf`` (the family name alone)."""
    tanaka = exports / "tanaka"
    (tanaka / "鬼塚 雅美.vcf").rename(tanaka / "鬼塚.vcf")
    (tanaka / "鬼塚 雅美").mkdir()
    (tanaka / "鬼塚 雅美" / "鬼塚 雅美.vcf").write_text(SHARED, encoding="utf-8")
    out = tmp_path / "out"
    code, said = _scan(
        str(exports),
        *("--audience", "compliance", "--group-by", group_by, "-j", jobs, "--verbose"),
        *("-f", "json,html,terminal", "--output-dir", str(out)),
    )
    assert code in (0, 1)
    for text in [said, *(p.read_text(encoding="utf-8") for p in out.iterdir())]:
        assert [t for t in TRACES if t in text] == []
    paths = [f["path"] for f in json.loads((out / "piiaudit-report.json").read_text())["files"]]
    withheld = sorted(p for p in paths if "withheld" in p)
    assert len(withheld) == 2
    assert all(Path(p).parent == tanaka for p in withheld)


def test_copies_of_a_withheld_file_are_still_found(exports: Path) -> None:
    tanaka = exports / "tanaka"
    shutil.copy(tanaka / "鬼塚 雅美.vcf", tanaka / "鬼塚 雅美 2.vcf")
    _, said = _scan(str(exports), "--audience", "compliance")
    assert "identical files" in said
    assert [t for t in TRACES if t in said] == []


def test_any_jobs_give_the_same_reports(exports: Path, tmp_path: Path) -> None:
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        _scan(
            str(exports),
            *("--audience", "compliance", "-f", "json,html,sarif,csv", "--output-dir", str(out)),
            *("-j", jobs),
        )
        reports.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(reports[0]) == 4 and reports[0] == reports[1]


def test_a_large_shared_file_read_in_pieces_is_withheld_as_a_whole(
    tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """iOS names a share of many contacts after the first: only the first piece of
    the file holds that contact, so the pieces disagree and the file is read whole."""
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    monkeypatch.setattr(plan, "TAIL_MIN_BYTES", 512)
    cut: list[bool] = []
    real = pool.pieces_agree

    def spy(pieces: list[Piece], ends: list[PieceEnd]) -> bool:
        cut.append(True)
        return real(pieces, ends)

    monkeypatch.setattr(pool, "pieces_agree", spy)
    folder = tmp_path / "exports" / "tanaka"
    folder.mkdir(parents=True)
    body = SHARED.encode() + (examples_dir / "iphone-export.vcf").read_bytes() * 4
    (folder / "鬼塚 雅美 and 260 others.vcf").write_bytes(body)
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        _scan(
            str(tmp_path / "exports"),
            *("--audience", "compliance", "-f", "json,sarif,csv,html", "--output-dir", str(out)),
            *("-j", jobs),
        )
        reports.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert cut, "the file was not read in pieces"
    assert reports[0] == reports[1]
    text = reports[1]["piiaudit-report.json"].decode()
    assert "鬼塚" not in json.dumps(json.loads(text), ensure_ascii=False)
    assert "[name withheld #1].vcf" in text


def test_baseline_create_for_compliance_does_not_name_it(exports: Path, tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_text("k" * 32, encoding="utf-8")
    key.chmod(0o600)
    result = runner.invoke(
        app,
        [
            "baseline",
            "create",
            str(exports),
            *("--audience", "compliance", "--baseline-key-file", str(key), "--verbose"),
            *("-o", str(tmp_path / "baseline.json")),
        ],
    )
    assert not isinstance(result.exception, Exception), repr(result.exception)
    said = result.stdout + result.stderr
    assert "[name withheld #3].vcf" in said
    assert [t for t in TRACES if t in said] == []


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "the file's name is withheld: it names a contact this report does not list"),
        (
            "ja",
            "ファイル名を伏せています。このレポートに載せない連絡先の名前が含まれているためです",
        ),
    ],
)
def test_the_report_says_why_a_name_is_withheld(
    exports: Path, tmp_path: Path, lang: str, said: str
) -> None:
    out = tmp_path / "report.json"
    _scan(str(exports), "--audience", "compliance", "--lang", lang, "-f", "json", "-o", str(out))
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    issues = {Path(f["path"]).name: [i["message"] for i in f["parse_issues"]] for f in files}
    assert issues["[name withheld #3].vcf"] == [said]
    assert not any(said in messages for name, messages in issues.items() if "withheld" not in name)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unread_file_named_after_a_private_contact_is_withheld(
    exports: Path, tmp_path: Path, jobs: str
) -> None:
    """A failed share (0 bytes), a binary file or a card with nothing in it, named after
    a private contact of the employee's main export: nothing was read from them to
    compare their names with, and every reporter and stderr printed them raw
    (compliance QA F2). Their folder and the reason stay, their names go; a name made
    of an export's own words (contacts-2024-11-29.vcf) is kept, so compliance staff
    know which export failed."""
    tanaka = exports / "tanaka"
    (tanaka / "鬼塚 雅美.vcf").unlink()
    (tanaka / "鬼塚 雅美.vcf").write_bytes(b"")
    (tanaka / "090-4821-7735.vcf").write_bytes(b"\x00\x01\x02" * 100)
    (tanaka / "雅美.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n")
    (tanaka / "contacts-2024-11-29.vcf").write_bytes(b"")  # an export's own name: kept
    out = tmp_path / "reports"
    formats = ",".join(sorted(REPORTERS))
    args = (str(exports), "--audience", "compliance", "-f", formats, "--output-dir", str(out))
    code, said = _scan(*args, "-j", jobs)
    assert code == 3  # the unreadable files, named by their placeholders
    written = {p.suffix: p.read_text(encoding="utf-8") for p in out.iterdir()}
    fmt_of = {
        ".json": "json",
        ".sarif": "sarif",
        ".csv": "csv",
        ".html": "html",
        ".txt": "terminal",
    }
    assert sorted(fmt_of[suffix] for suffix in written) == sorted(REPORTERS)
    for suffix, text in written.items():
        report = readable(fmt_of[suffix], text)
        assert [t for t in TRACES if t in report] == [], suffix
    assert [t for t in TRACES if t in said] == []
    assert "[name withheld #" in said and "not read: is empty" in said
    assert "contacts-2024-11-29.vcf: not read: is empty" in said.replace("\\", "/")
    # The owner sees them as they are named.
    code, said = _scan(str(exports), "-f", "json", "-o", str(tmp_path / "self.json"), "-j", jobs)
    assert "鬼塚 雅美.vcf: not read: is empty" in said
