"""``split`` keeps vCard 4.0 address-book group cards in the private file.

Nextcloud and DAVx5 export a group as a card with ``KIND:group`` and ``MEMBER``s.
It is no contact (the reader skips it), so split left it out as junk: re-importing
the three files lost the owner's groups. It goes to the private file: how the owner
files people is theirs, not the company's. All data is fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

from handover_setup import CUSTOMER, card_names, run_handover, write_export

FRIEND = (
    "BEGIN:VCARD\nVERSION:4.0\nUID:urn:uuid:friend-1\nFN:小林 修\nNOTE:高校の同級生\nEND:VCARD\n"
)
GROUP = "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:友人\nMEMBER:urn:uuid:friend-1\nEND:VCARD\n"


def test_a_group_card_goes_to_the_private_file(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + GROUP + FRIEND)
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1 address-book group card (KIND:group) was copied to the private file" in result.output
    assert "not copied" not in result.output
    private = (out / "private.vcf").read_text(encoding="utf-8")
    assert private == GROUP + FRIEND  # input order, byte for byte
    assert "KIND:group" not in (out / "business.vcf").read_text(encoding="utf-8")
    assert card_names(out / "business.vcf") == ["高橋 誠"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["group_cards"] == 1
    assert manifest["not_copied"]["non_blank"] == []
    assert manifest["outputs"]["private"]["contacts"] == 1  # a group is no contact


def test_junk_that_only_mentions_a_group_is_still_junk(tmp_path: Path) -> None:
    junk = "KIND:group left over from an editor\n"
    export = write_export(tmp_path, CUSTOMER + junk + FRIEND)
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "were not copied" in result.output
    assert (out / "private.vcf").read_text(encoding="utf-8") == FRIEND


def test_consecutive_group_cards_are_each_counted_and_no_problem(tmp_path: Path) -> None:
    """Group cards side by side make one stretch between contacts: the manifest and
    the summary counted it once. Nor is skipping them a problem reading the file."""
    second = GROUP.replace("FN:友人", "FN:ゴルフ").replace("friend-1", "friend-2")
    export = write_export(tmp_path, CUSTOMER + GROUP + second + GROUP + FRIEND)
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "3 address-book group cards (KIND:group) were copied" in result.output
    assert "problem" not in result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["group_cards"] == 3
    assert (out / "private.vcf").read_text(encoding="utf-8") == GROUP + second + GROUP + FRIEND


def test_a_dry_run_says_what_would_be_copied_and_copies_nothing(tmp_path: Path) -> None:
    junk = "KIND:group left over from an editor\n"
    export = write_export(tmp_path, CUSTOMER + GROUP + FRIEND + junk)
    out = tmp_path / "handover"
    args = ["split", str(export), "--out-dir", str(out), "--dry-run"]
    english = run_handover(*args, "--lang", "en")
    assert english.exit_code == 0, english.output
    assert "1 address-book group card (KIND:group) would be copied" in english.output
    assert "would not be copied" in english.output
    assert "was copied" not in english.output and "were not copied" not in english.output
    japanese = run_handover(*args, "--lang", "ja")
    assert "私用ファイルにコピーされます" in japanese.output
    assert "コピーしました" not in japanese.output
    assert not out.exists()
