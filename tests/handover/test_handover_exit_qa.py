"""The hand-over QA pass at exit: what split and minimize say and record between them.

* ``split --region NL`` recorded no region, and ``minimize business.vcf`` read the Dutch
  ``06-12345678`` as a Japanese landline: the personal mobile went to the company.
* ``minimize EXPORT --all-business`` handed over the owner's family without a word, and
  applied to split's review file.
* The hint after ``split --override FILE --force`` led to a re-run that saved its own
  answers over the earlier ones; ``--interactive --dry-run`` did not say the answers
  were not saved.
* ``handed_over`` listed every file minimize made from business.vcf, wherever written;
  a ``--keep-private`` copy was said to be for a receiver to check; hints named
  ``EXPORT.vcf`` where the file was known.

All data is fictional.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from handover_setup import CUSTOMER, read_manifest, run_handover, sha256_hex, write_export

DUTCH = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pieter Visser\r\nN:Visser;Pieter;;;\r\n"
    "ORG:Visser Bouw B.V.\r\nTEL:06-12345678\r\nTEL;TYPE=WORK:020-5551234\r\nEND:VCARD\r\n"
)
FRIEND = "BEGIN:VCARD\nVERSION:3.0\nFN:小林 修\nNOTE:高校の同級生\nEND:VCARD\n"
SOMEBODY = "BEGIN:VCARD\nVERSION:3.0\nFN:Somebody\nEND:VCARD\n"


def _split(tmp_path: Path, content: str, *extra: str, name: str = "export.vcf") -> Path:
    export = write_export(tmp_path, content, name)
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out), "--lang", "en", *extra)
    assert result.exit_code == 0, result.output
    return out


# ---- 1. the phone region travels from split to minimize --------------------------------


def test_split_records_its_region_and_minimize_reads_business_vcf_in_it(tmp_path: Path) -> None:
    export = write_export(tmp_path, DUTCH)
    out = tmp_path / "handover"
    args = ["split", str(export), "--out-dir", str(out), "--region", "nl", "--lang", "en"]
    said = run_handover(*args)
    assert said.exit_code == 0, said.output
    manifest = read_manifest(out)
    assert manifest["manifest_version"] == 6
    assert manifest["phone_region"] == {"region": "NL", "chosen": True}
    # the command split suggests reads the numbers as split did
    assert f"piiaudit minimize {out / 'business.vcf'} -o {out / 'for-company.vcf'} --region NL" in (
        said.output
    )
    target = out / "for-company.vcf"
    result = run_handover("minimize", str(out / "business.vcf"), "-o", str(target), "--lang", "en")
    assert result.exit_code == 0, result.output
    written = target.read_text(encoding="utf-8")
    assert "12345678" not in written  # the personal mobile stays with the owner
    assert "020-5551234" in written
    assert "read as NL numbers, as split read them" in result.output


def test_a_region_that_contradicts_the_manifest_is_refused(tmp_path: Path) -> None:
    out = _split(tmp_path, DUTCH, "--region", "NL")
    target = out / "for-company.vcf"
    args = ["minimize", str(out / "business.vcf"), "-o", str(target), "--region", "JP"]
    result = run_handover(*args, "--lang", "en")
    assert result.exit_code == 2
    assert "read as NL numbers" in result.output and "--region JP" in result.output
    assert not target.exists()
    ja = run_handover(*args, "--lang", "ja")
    assert ja.exit_code == 2
    assert "NL の番号として読み取って振り分けた" in ja.output and "--region JP" in ja.output
    same = run_handover(*args[:-1], "nl", "--lang", "en")  # the same region, in lower case
    assert same.exit_code == 0, same.output


def test_a_region_split_assumed_is_recorded_as_not_chosen(tmp_path: Path) -> None:
    out = _split(tmp_path, CUSTOMER)
    assert read_manifest(out)["phone_region"] == {"region": "JP", "chosen": False}
    target = out / "for-company.vcf"
    args = ["minimize", str(out / "business.vcf"), "-o", str(target), "--region", "NL"]
    result = run_handover(*args, "--lang", "en")
    assert result.exit_code == 2
    assert "the default" in result.output and "run split again with --region NL" in result.output


def test_a_manifest_without_a_region_still_works(tmp_path: Path) -> None:
    """Version 5 and older record no region: minimize takes --region as before."""
    out = _split(tmp_path, DUTCH, "--region", "NL")
    manifest = read_manifest(out)
    del manifest["phone_region"]
    manifest["manifest_version"] = 5
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    target = out / "for-company.vcf"
    args = ["minimize", str(out / "business.vcf"), "-o", str(target), "--region", "NL"]
    result = run_handover(*args, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "12345678" not in target.read_text(encoding="utf-8")
    assert "split read them" not in result.output
    assert read_manifest(out)["manifest_version"] == 5  # it does not claim a region now


# ---- 2. --all-business where it does not belong ----------------------------------------


def test_all_business_on_an_export_says_what_the_engine_would_keep_back(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + FRIEND + SOMEBODY)
    target = tmp_path / "for-company.vcf"
    args = ["minimize", str(export), "-o", str(target), "--all-business"]
    result = run_handover(*args, "--lang", "en", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "of the 3 contacts in" in result.output
    assert "piiaudit would classify 1 as private and 1 as unknown" in result.output
    assert f"split it first: piiaudit split {export} --out-dir handover" in result.output
    ja = run_handover(*args, "--lang", "ja")
    assert ja.exit_code == 0, ja.output
    assert "piiaudit の自動分類では 私用 1 件、未分類 1 件です" in ja.output


def test_all_business_on_business_contacts_only_says_nothing_more(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER, "customers.vcf")
    target = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(target), "--all-business")
    assert result.exit_code == 0, result.output
    assert "would classify" not in result.output


def test_all_business_is_refused_for_split_s_review_file(tmp_path: Path) -> None:
    out = _split(tmp_path, CUSTOMER + SOMEBODY)
    target = tmp_path / "rv.vcf"
    args = ["minimize", str(out / "review.vcf"), "-o", str(target), "--all-business"]
    result = run_handover(*args, "--lang", "en")
    assert result.exit_code == 2
    assert "is the review file split wrote" in result.output
    assert f"piiaudit split export.vcf --out-dir {out} --interactive --force" in result.output
    assert not target.exists()
    assert read_manifest(out)["handed_over"] == []
    ja = run_handover(*args, "--lang", "ja")
    assert ja.exit_code == 2 and "未分類ファイル" in ja.output


# ---- 3. decisions are read again, not saved over ---------------------------------------


def test_the_hint_after_an_override_run_reads_that_file_again(tmp_path: Path) -> None:
    override = tmp_path / "my answers.yaml"
    override.write_text(
        "overrides:\n  - {contact: 'name:小林 修', class: private, reason: 友人}\n",
        encoding="utf-8",
    )
    export = write_export(tmp_path, CUSTOMER + FRIEND + SOMEBODY)
    out = tmp_path / "handover"
    args = ["split", str(export), "--out-dir", str(out), "--override", str(override)]
    result = run_handover(*args, "--lang", "en")
    assert result.exit_code == 0, result.output
    quoted = f"'{override}'"  # a space in its name: quoted for a shell
    assert f"run again with --interactive --override {quoted} --force" in result.output
    assert "run again with --interactive --force" not in result.output
    dry = run_handover(*args, "--lang", "en", "--dry-run")
    assert f"run with --interactive --override {quoted}" in dry.output


def test_an_interactive_dry_run_says_the_answers_were_not_saved(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + SOMEBODY)
    out = tmp_path / "handover"
    args = ["split", str(export), "--out-dir", str(out), "--interactive", "--dry-run"]
    result = run_handover(*args, "--lang", "en", input="b\n")
    assert result.exit_code == 0, result.output
    assert "your answer was not saved" in result.output
    assert not out.exists()
    assert "1 answered." in result.output  # not "0 left unclassified"
    ja = run_handover(*args, "--lang", "ja", input="b\n")
    assert "1 件の回答は保存していません" in ja.output
    assert "残り 0 件" not in ja.output
    # the dry run's list of files is said with the language's own separator
    assert "business.vcf、private.vcf、review.vcf、manifest.json" in ja.output


# ---- 4. handed_over, and saying what each file is --------------------------------------


def _minimize(out: Path, target: Path, *extra: str) -> str:
    args = ["minimize", str(out / "business.vcf"), "-o", str(target), "--lang", "en", *extra]
    result = run_handover(*args)
    assert result.exit_code == 0, result.output
    return result.output


def test_only_a_file_in_the_split_s_folder_is_recorded_and_the_last_replaces(
    tmp_path: Path,
) -> None:
    out = _split(tmp_path, CUSTOMER + FRIEND)
    _minimize(out, out / "first.vcf")
    elsewhere = tmp_path / "test.vcf"
    said = _minimize(out, elsewhere)
    assert "not recorded" in said and "Next: hand" not in said
    assert [e["file"] for e in read_manifest(out)["handed_over"]] == ["first.vcf"]
    said = _minimize(out, out / "for-company.vcf")
    assert "in place of first.vcf" in said
    entries = read_manifest(out)["handed_over"]
    assert entries == [
        {
            "file": "for-company.vcf",
            "from": "business.vcf",
            "contacts": 1,
            "bytes": (out / "for-company.vcf").stat().st_size,
            "sha256": sha256_hex(out / "for-company.vcf"),
        }
    ]


def test_a_keep_private_copy_is_not_called_a_file_to_check(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + FRIEND)
    target = tmp_path / "mine.vcf"
    args = ["minimize", str(export), "-o", str(target), "--keep-private", "--lang", "en"]
    result = run_handover(*args)
    assert result.exit_code == 0, result.output
    assert "the receiver can check" not in result.output
    assert "your own copy: keep it, never hand it over" in result.output


def test_an_empty_hand_over_is_not_called_a_file_to_check(tmp_path: Path) -> None:
    out = _split(tmp_path, FRIEND)  # no business contact: business.vcf is empty
    said = _minimize(out, out / "for-company.vcf")
    assert "the receiver can check" not in said
    assert "an empty file: it holds no contact" in said
    assert "no contact written" in said


def test_split_again_suggests_force_when_the_company_file_exists(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER)
    out = tmp_path / "handover"
    args = ["split", str(export), "--out-dir", str(out), "--lang", "en"]
    first = run_handover(*args)
    assert first.exit_code == 0, first.output
    assert f"-o {out / 'for-company.vcf'}\n" in first.output  # nothing to replace yet
    _minimize(out, out / "for-company.vcf")
    again = run_handover(*args, "--force")
    assert again.exit_code == 0, again.output
    assert f"-o {out / 'for-company.vcf'} --force" in again.output


def test_the_commands_printed_next_repeat_the_profile_packs_and_owner(tmp_path: Path) -> None:
    # The next step must classify as this one did: without --owner the owner's own
    # card went back to review; without --config another company's lists applied.
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("company: {names: [見本商事]}\n", encoding="utf-8")
    export = write_export(tmp_path, CUSTOMER + SOMEBODY)
    out = tmp_path / "handover"
    chosen = ["--config", str(profile), "--owner", "見本 守"]
    split = run_handover("split", str(export), "--out-dir", str(out), *chosen)
    assert split.exit_code == 0, split.output
    expected = f"--config {profile} --owner '見本 守'"
    assert f"-o {out / 'for-company.vcf'} {expected}\n" in split.output
    review = out / "review.vcf"
    minimized = run_handover("minimize", str(review), "-o", str(tmp_path / "r.vcf"), *chosen)
    assert minimized.exit_code == 0, minimized.output
    assert f"--interactive {expected} --force" in minimized.output
    plain = run_handover("minimize", str(export), "-o", str(tmp_path / "p.vcf"), *chosen)
    assert plain.exit_code == 0, plain.output
    assert f"--out-dir handover --interactive {expected}" in plain.output


def test_the_summary_leaves_out_kinds_with_no_contact(tmp_path: Path) -> None:
    out = _split(tmp_path, CUSTOMER + FRIEND)
    said = _minimize(out, out / "for-company.vcf")
    assert "1 business minimized (1 written in all)" in said
    assert "unknown minimized" not in said and "private kept complete" not in said
    args = ["minimize", str(out / "business.vcf"), "-o", str(out / "x.vcf"), "--lang", "ja"]
    ja = run_handover(*args)
    assert "業務 1 件（業務に必要な項目のみ）。" in ja.output
    assert "未分類 0 件" not in ja.output and "私用 0 件" not in ja.output


@pytest.mark.parametrize("name", ["顧客 一覧.vcf", "it's.vcf"])
def test_the_hint_for_unknown_contacts_names_the_export(tmp_path: Path, name: str) -> None:
    export = write_export(tmp_path, CUSTOMER + SOMEBODY, name)
    target = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(target), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "EXPORT.vcf" not in result.output
    assert f"piiaudit split {shlex.quote(str(export))} --out-dir handover --interactive" in (
        result.output
    )


def test_bookkeeping_properties_are_not_counted_as_removed(tmp_path: Path) -> None:
    card = CUSTOMER.replace(
        "VERSION:3.0\n",
        "VERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\nREV:2024-01-01T00:00:00Z\n"
        "X-ABUID:1234-ABCD\nNICKNAME:マコ\n",
    )
    export = write_export(tmp_path, card)
    target = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(target), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "other fields (nicknames, URLs, categories, custom fields): 1" in result.output
    assert "PRODID" not in target.read_text(encoding="utf-8")


def test_a_changed_review_file_is_not_answered_with_all_business(tmp_path: Path) -> None:
    out = _split(tmp_path, CUSTOMER + SOMEBODY)
    review = out / "review.vcf"
    review.write_text(review.read_text(encoding="utf-8") + CUSTOMER, encoding="utf-8")
    target = tmp_path / "rv.vcf"
    result = run_handover("minimize", str(review), "-o", str(target), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "use --all-business" not in result.output
    assert "--all-business is refused for this file" in result.output
    refused = run_handover("minimize", str(review), "-o", str(target), "--all-business", "--force")
    assert refused.exit_code == 2
