"""One phone handed in twice (an iCloud vCard and a Google CSV of the same contacts)
counts every contact twice; the run says so (QA round 11: 155 people counted as 310).

All contacts are fictional.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from tests.hostile.run import invoke

from piiaudit.engine.casecontact import build_contact
from piiaudit.model import Contact
from piiaudit.reporters.people import overlaps, people_of, person_key

CUSTOMERS = [
    ("山田 太郎", "090-5555-0101"),
    ("佐藤 花子", "090-5555-0102"),
    ("鈴木 一郎", "090-5555-0103"),
]
FAMILY = [("母", "090-5555-0177"), ("父", "090-5555-0178")]


def _vcard(people: list[tuple[str, str]], org: str = "株式会社サンプル商事") -> str:
    cards = []
    for name, phone in people:
        company = f"ORG:{org}\r\n" if org else ""
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{company}TEL;TYPE=CELL:{phone}\r\n"
            "END:VCARD\r\n"
        )
    return "".join(cards)


def _google_csv(people: list[tuple[str, str]], org: str = "株式会社サンプル商事") -> str:
    rows = "".join(f"{name},{org},Mobile,{phone}\n" for name, phone in people)
    return "Name,Organization 1 - Name,Phone 1 - Type,Phone 1 - Value\n" + rows


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    root = tmp_path / "exports"
    (root / "tanaka").mkdir(parents=True)
    (root / "kimura").mkdir()
    # Tanaka: the same phone from iCloud and from Google (the names spaced differently)
    (root / "tanaka" / "icloud.vcf").write_text(_vcard(CUSTOMERS), encoding="utf-8")
    google = [(name.replace(" ", ""), phone) for name, phone in CUSTOMERS]
    (root / "tanaka" / "google.csv").write_text(_google_csv(google), encoding="utf-8")
    # Kimura: two phones that share one customer only
    (root / "kimura" / "a.vcf").write_text(_vcard(CUSTOMERS[:1]), encoding="utf-8")
    other = [("高橋 次郎", "090-5555-0201"), ("伊藤 三郎", "090-5555-0202")]
    (root / "kimura" / "b.vcf").write_text(_vcard(CUSTOMERS[:1] + other), encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_phone_exported_twice_is_named(exports: Path, jobs: str) -> None:
    run = invoke("scan", str(exports), "--group-by", "dir", "-f", "json", "-j", jobs)
    assert run.exit_code == 0, run.stderr
    tanaka = exports / "tanaka"
    assert (
        f"{tanaka / 'google.csv'} and {tanaka / 'icloud.vcf'} list the same 3 of 3 contacts"
        in run.stderr
    )
    assert "kimura" not in run.stderr  # one customer in common: two phones
    # grouped by file, a folder may hold one export per employee: no comparison (review 14)
    by_file = invoke("scan", str(exports / "tanaka"), "-f", "json", "-j", jobs)
    assert "list the same" not in by_file.stderr


def test_a_compliance_run_compares_business_contacts_only(tmp_path: Path) -> None:
    # Two exports sharing only the employee's family: nothing of them goes into a
    # warning a compliance officer reads.
    folder = tmp_path / "exports" / "tanaka"
    folder.mkdir(parents=True)
    (folder / "a.vcf").write_text(_vcard(FAMILY, org="") + _vcard(CUSTOMERS[:1]), "utf-8")
    (folder / "b.vcf").write_text(_vcard(FAMILY, org=""), encoding="utf-8")
    exports = str(tmp_path / "exports")
    company = invoke("scan", exports, "--group-by", "dir", "--audience", "compliance", "-f", "json")
    assert "list the same" not in company.stderr
    own = invoke("scan", exports, "--group-by", "dir", "-f", "json")
    assert "list the same 2 of 2 contacts" in own.stderr


def test_who_a_contact_is_ignores_spacing_and_case() -> None:
    def contact(name: str, org: str = "") -> Contact:
        return build_contact({"name": name, "org": [org] if org else []})

    assert person_key(contact("山田 太郎")) == person_key(contact("山田太郎"))
    assert person_key(contact("Anna Beispiel")) == person_key(contact("anna  beispiel"))
    assert person_key(contact("", "株式会社サンプル")) == person_key(
        contact("", "株式会社 サンプル")
    )
    assert person_key(contact("")) is None
    a = people_of([contact("A"), contact("B")])
    b = people_of([contact("A"), contact("B"), contact("C")])
    assert overlaps([("x", "g", a), ("y", "g", b)]) == (("x", "y", 2, 2),)
    assert overlaps([("x", "g", a), ("y", "h", b)]) == ()  # another employee's


def test_the_reports_say_which_counts_include_one_phone_twice(
    exports: Path, tmp_path: Path
) -> None:
    # QA batch round: the warning went to stderr only, so a --quiet nightly run and the
    # HTML a manager reads showed doubled counts without a word.
    (exports / "kimura" / "a copy.vcf").write_bytes((exports / "kimura" / "a.vcf").read_bytes())
    out = tmp_path / "reports"
    args = ["scan", str(exports), "--group-by", "dir", "-q", "-f", "json,html,terminal"]
    run = invoke(*args, "--output-dir", str(out))
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""
    report = json.loads((out / "piiaudit-report.json").read_text(encoding="utf-8"))
    kimura, tanaka = exports / "kimura", exports / "tanaka"
    assert report["summary"]["repeated_exports"] == [
        {
            "files": [str(kimura / "a copy.vcf"), str(kimura / "a.vcf")],
            "identical": True,
            "shared_contacts": 1,
            "of": 1,
        },
        {
            "files": [str(tanaka / "google.csv"), str(tanaka / "icloud.vcf")],
            "identical": False,
            "shared_contacts": 3,
            "of": 3,
        },
    ]
    for name in ("piiaudit-report.html", "piiaudit-report.txt"):
        text = html.unescape((out / name).read_text(encoding="utf-8"))
        assert "list the same 3 of 3 contacts" in text, name
        assert "identical files; these counts include their contacts 2 times" in text, name


def test_a_run_without_repeats_says_nothing_of_them(exports: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.json"
    run = invoke("scan", str(exports / "kimura"), "--group-by", "dir", "-q", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert "repeated_exports" not in json.loads(out.read_text(encoding="utf-8"))["summary"]


def test_a_copys_control_characters_are_shown_as_the_file_table_shows_them(
    exports: Path, tmp_path: Path
) -> None:
    # Review: the sentence deleted ESC ("evilc.vcf", a file that does not exist) where
    # the file table shows it escaped.
    source = exports / "kimura" / "a.vcf"
    (exports / "kimura" / "evil\x1b[2Kc.vcf").write_bytes(source.read_bytes())
    out = tmp_path / "r.txt"
    run = invoke("scan", str(exports / "kimura"), "--group-by", "dir", "-q", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "evil\\x1b[2Kc.vcf" in text
    assert "evilc.vcf" not in text and "\x1b" not in text
