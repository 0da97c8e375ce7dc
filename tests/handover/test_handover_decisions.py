"""The documented hand-over keeps the employee's decisions (QA2 A2).

``split --interactive`` then ``minimize handover/business.vcf`` (docs/handover.md §2-4):
every contact of ``business.vcf`` is business by the user's decision, an override file's
``index:`` positions are never applied to another file, and nothing suggests writing a
private card in full into the company's file. All data is fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from handover_setup import (
    CUSTOMER,
    card_names,
    read_manifest,
    run_handover,
    sha256_hex,
    write_export,
    write_overrides,
)

# Name and mobile only: the engine cannot tell, so both go to review.
BROTHER = """BEGIN:VCARD
VERSION:3.0
N:高橋;翔;;;
FN:高橋 翔
TEL;TYPE=CELL:090-0000-2002
END:VCARD
"""
TEACHER = """BEGIN:VCARD
VERSION:3.0
N:森;由美;;;
FN:森 由美
TEL;TYPE=CELL:090-0000-2003
END:VCARD
"""
FRIEND = """BEGIN:VCARD
VERSION:3.0
N:小林;修;;;
FN:小林 修
TEL;TYPE=CELL:090-0000-2004
EMAIL;TYPE=HOME:osamu.k@example.com
NOTE:高校の同級生。糖尿病で通院中
END:VCARD
"""
EXPORT = CUSTOMER + BROTHER + TEACHER + FRIEND


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_export(tmp_path, EXPORT)


@pytest.fixture
def answered(export: Path, tmp_path: Path) -> Path:
    """The hand-over folder after ``split --interactive``: brother p, teacher b."""
    out = tmp_path / "handover"
    result = run_handover(
        "split", str(export), "--out-dir", str(out), "--interactive", "--lang", "en", input="p\nb\n"
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("[b/p/r/q]") == 2
    return out


def test_minimize_of_a_split_csv_names_business_csv_not_business_vcf(tmp_path: Path) -> None:
    """CSV in, CSV out: the advice must name the file split wrote, business.csv."""
    export = tmp_path / "contacts.csv"
    export.write_text(
        "Name,Organization Name,Phone 1 - Type,Phone 1 - Value\n"
        "佐藤 一郎,株式会社アオバ精機,Work,03-5555-0101\n",
        encoding="utf-8",
    )
    out = tmp_path / "handover"
    assert run_handover("split", str(export), "--out-dir", str(out)).exit_code == 0
    business = out / "business.csv"
    result = run_handover("minimize", str(business), "-o", str(out / "c.vcf"), "--lang", "en")
    assert result.exit_code == 0, result.output
    said = "".join(result.output.split())  # rich wraps long paths anywhere
    assert "isthebusinessfilesplitwrote" in said
    assert f"Check{business}beforeyouhanditover" in said
    assert "business.vcf" not in said


def test_minimize_of_splits_business_file_keeps_every_contact_the_user_chose(
    answered: Path,
) -> None:
    business = answered / "business.vcf"
    assert card_names(business) == ["高橋 誠", "森 由美"]
    out = answered / "for-company.vcf"
    result = run_handover("minimize", str(business), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert card_names(out) == ["高橋 誠", "森 由美"]  # the teacher answered "b" is not left out
    assert "is the business file split wrote" in result.output
    assert "2 business minimized" in result.output
    assert "Left out" not in result.output
    assert "090-0000-2003" not in out.read_text(encoding="utf-8")  # still minimized


def test_saved_answers_record_the_export_they_were_made_for(answered: Path, export: Path) -> None:
    saved = yaml.safe_load((answered / "overrides.yaml").read_text(encoding="utf-8"))
    assert saved["input"] == {
        "file": "export.vcf",
        "sha256": sha256_hex(export),
    }
    assert [o["contact"] for o in saved["overrides"]] == ["index:1", "index:2"]


def test_the_exports_override_file_is_refused_for_business_vcf(answered: Path) -> None:
    # index:1 (the brother in the export) is the teacher in business.vcf.
    out = answered / "for-company.vcf"
    result = run_handover(
        "minimize",
        str(answered / "business.vcf"),
        "-o",
        str(out),
        "--override",
        str(answered / "overrides.yaml"),
        "--lang",
        "en",
    )
    assert result.exit_code == 2
    assert "was made for export.vcf" in result.output
    assert "2 index: entries are positions in that export" in result.output
    assert "it needs no override file" in result.output
    assert not out.exists()


def test_the_exports_override_file_still_works_on_the_export(answered: Path, export: Path) -> None:
    out = answered / "for-company.vcf"
    overrides = str(answered / "overrides.yaml")
    result = run_handover(
        "minimize", str(export), "-o", str(out), "--override", overrides, "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    assert card_names(out) == ["高橋 誠", "森 由美"]
    assert "Left out: 2 private contacts." in result.output  # the brother and the friend
    assert "unknown" not in result.output.split("Left out:")[1]  # no advice on none
    assert "does not record" not in result.output


def test_split_refuses_an_override_file_made_for_another_export(
    answered: Path, tmp_path: Path
) -> None:
    other = write_export(tmp_path, TEACHER + BROTHER, name="next-week.vcf")
    out = tmp_path / "again"
    result = run_handover(
        "split", str(other), "--out-dir", str(out), "--override", str(answered / "overrides.yaml")
    )
    assert result.exit_code == 2
    assert "was made for export.vcf" in result.output
    assert not out.exists()


def test_a_friend_moved_to_business_is_minimized_not_handed_over_whole(
    export: Path, tmp_path: Path
) -> None:
    overrides = write_overrides(
        tmp_path,
        "overrides:\n  - {contact: 'name:小林 修', class: business, reason: now a customer}\n",
        name="o.yaml",
    )
    folder = tmp_path / "handover"
    split = run_handover(
        "split", str(export), "--out-dir", str(folder), "--override", str(overrides)
    )
    assert split.exit_code == 0, split.output
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(folder / "business.vcf"), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert card_names(out) == ["高橋 誠", "小林 修"]
    text = out.read_text(encoding="utf-8")
    for personal in ("osamu.k@example.com", "糖尿病", "同級生", "090-0000-2004"):
        assert personal not in text, personal
    assert "--keep-private" not in result.output


def test_a_business_file_changed_after_split_is_classified_again(
    answered: Path, tmp_path: Path
) -> None:
    business = answered / "business.vcf"
    business.write_text(business.read_text(encoding="utf-8") + FRIEND, encoding="utf-8")
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(business), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "the file has changed since" in result.output
    assert "is the business file split wrote" not in result.output
    assert "小林 修" not in card_names(out)  # the engine's private


def test_all_business_keeps_every_contact_of_a_renamed_file(tmp_path: Path) -> None:
    renamed = write_export(tmp_path, CUSTOMER + TEACHER, name="customers.vcf")
    out = tmp_path / "for-company.vcf"
    plain = run_handover("minimize", str(renamed), "-o", str(out), "--lang", "en", "--dry-run")
    assert "1 unknown" in plain.output  # without the flag, the teacher is undecided
    result = run_handover(
        "minimize", str(renamed), "-o", str(out), "--all-business", "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    assert card_names(out) == ["高橋 誠", "森 由美"]
    assert "--all-business: you said every contact in" in result.output
    assert "Left out" not in result.output


def test_all_business_is_refused_for_splits_private_file(answered: Path, tmp_path: Path) -> None:
    out = tmp_path / "for-company.vcf"
    private = answered / "private.vcf"
    result = run_handover(
        "minimize", str(private), "-o", str(out), "--all-business", "--lang", "en"
    )
    assert result.exit_code == 2
    assert "is the private file split wrote" in result.output
    assert not out.exists()


def test_splits_private_file_stays_private(answered: Path, tmp_path: Path) -> None:
    # --keep-unknown would hand over the brother, had he been classified again (unknown).
    out = tmp_path / "for-company.vcf"
    private = str(answered / "private.vcf")
    result = run_handover("minimize", private, "-o", str(out), "--keep-unknown", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert card_names(out) == []  # the brother answered "p" is not re-classified
    assert "Left out: 2 private contacts." in result.output
    assert "is the private file split wrote" in result.output
    # A 0-byte hand-over file does not pass without a word (QA round 10, LOW-7).
    assert "no contact was written to" in result.output


def test_an_override_file_without_its_export_warns_about_index_entries(
    export: Path, tmp_path: Path
) -> None:
    overrides = write_overrides(
        tmp_path,
        "overrides:\n  - {contact: 'index:2', class: business, reason: teacher}\n",
        name="o.yaml",
    )
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--override", str(overrides))
    assert result.exit_code == 0, result.output
    assert "does not record the export it was made for" in result.output
    assert card_names(out) == ["高橋 誠", "森 由美"]


def test_name_entries_apply_to_any_file_whatever_export_is_recorded(
    export: Path, tmp_path: Path
) -> None:
    overrides = write_overrides(
        tmp_path,
        f"input: {{file: old.vcf, sha256: {'a' * 64}}}\n"
        "overrides:\n  - {contact: 'name:森 由美', class: business, reason: teacher}\n",
        name="o.yaml",
    )
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--override", str(overrides))
    assert result.exit_code == 0, result.output
    assert card_names(out) == ["高橋 誠", "森 由美"]


def test_recorded_index_entries_cannot_be_checked_against_standard_input(
    answered: Path, export: Path, tmp_path: Path
) -> None:
    out = tmp_path / "for-company.vcf"
    overrides = str(answered / "overrides.yaml")
    result = run_handover(
        "minimize", "-", "-o", str(out), "--override", overrides, "--lang", "en", input=EXPORT
    )
    assert result.exit_code == 2
    assert "standard input cannot be checked" in result.output
    assert not out.exists()


def test_keep_private_says_the_file_is_the_employees_own(export: Path, tmp_path: Path) -> None:
    help_text = " ".join(run_handover("minimize", "--help").output.split())
    assert "for your own copy only, never for the company" in help_text
    out = tmp_path / "mine.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--keep-private", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1 private contact is written with every field piiaudit reads" in result.output
    assert "your own copy, never the company's" in result.output


def test_manifest_still_names_business_vcf_for_minimize(answered: Path) -> None:
    manifest = read_manifest(answered)
    recorded = manifest["outputs"]["business"]
    assert recorded["file"] == "business.vcf"
    assert recorded["sha256"] == sha256_hex(answered / "business.vcf")
