"""What split and minimize tell the user, in English and Japanese (Japanese review, 2026).

A file name split wrote is named in the user's language (``{destination}`` reached
``--lang ja`` as "private ファイル"); a changed ``private.vcf`` is not answered with
"use --all-business" (its contacts are the owner's); after split and after minimize a
line says what comes next (docs/handover.md, steps 4 and 5); the override file that
``--interactive`` saves warns, in the user's language, that it may name people. All
data is fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handover_setup import CUSTOMER, run_handover, write_export

FRIEND = """BEGIN:VCARD
VERSION:3.0
N:小林;修;;;
FN:小林 修
TEL;TYPE=CELL:090-0000-2004
EMAIL;TYPE=HOME:osamu.k@example.com
END:VCARD
"""
BROTHER = """BEGIN:VCARD
VERSION:3.0
N:高橋;翔;;;
FN:高橋 翔
TEL;TYPE=CELL:090-0000-2002
END:VCARD
"""
MOTHER = """BEGIN:VCARD
VERSION:3.0
FN:母
CATEGORIES:家族
TEL;TYPE=HOME:03-0000-1111
END:VCARD
"""


def _edited(split_output: Path, card: str) -> None:
    """The owner adds ``card`` to a file split wrote: it no longer matches the manifest."""
    split_output.write_text(split_output.read_text(encoding="utf-8") + card, encoding="utf-8")


@pytest.fixture
def handover(tmp_path: Path) -> Path:
    """split's folder for a customer, a friend and an undecided brother (answered p)."""
    export = write_export(tmp_path, CUSTOMER + FRIEND + BROTHER)
    out = tmp_path / "handover"
    result = run_handover(
        "split", str(export), "--out-dir", str(out), "--interactive", "--lang", "ja", input="p\n"
    )
    assert result.exit_code == 0, result.output
    return out


def test_a_changed_private_file_is_not_answered_with_all_business(
    handover: Path, tmp_path: Path
) -> None:
    private = handover / "private.vcf"
    _edited(private, CUSTOMER)
    out = tmp_path / "for-company.vcf"
    for lang in ("en", "ja"):
        result = run_handover("minimize", str(private), "-o", str(out), "--lang", lang, "--force")
        assert result.exit_code == 0, result.output
        assert "If every contact in it is business, use --all-business" not in result.output
        assert "--all-business を指定してください" not in result.output
    assert "split の私用ファイルとして記録されていますが" in result.output
    assert "--all-business は指定しないでください" in result.output
    assert "private ファイル" not in result.output


def test_all_business_is_refused_on_the_private_file_even_when_changed(
    handover: Path, tmp_path: Path
) -> None:
    # docs/handover.md: --all-business is refused for private.vcf. It was only while
    # the file was unchanged: a card added to it handed all of it to the company.
    private = handover / "private.vcf"
    _edited(private, CUSTOMER)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(private), "-o", str(out), "--all-business")
    assert result.exit_code == 2, result.output
    assert not out.exists()


def test_a_changed_business_file_is_named_in_japanese(handover: Path, tmp_path: Path) -> None:
    business = handover / "business.vcf"
    _edited(business, FRIEND)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(business), "-o", str(out), "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert "split の業務ファイルとして記録されていますが" in result.output
    assert "business ファイル" not in result.output


def test_all_business_on_the_private_file_names_it_in_japanese(
    handover: Path, tmp_path: Path
) -> None:
    out = tmp_path / "for-company.vcf"
    private = str(handover / "private.vcf")
    result = run_handover("minimize", private, "-o", str(out), "--all-business", "--lang", "ja")
    assert result.exit_code == 2
    assert "split が書き出した私用ファイルです" in result.output
    assert "private ファイル" not in result.output


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Next: check the contacts in business.vcf"),
        ("ja", "次に business.vcf の中身を確認し"),
    ],
)
def test_split_says_what_comes_next(tmp_path: Path, lang: str, expected: str) -> None:
    export = write_export(tmp_path, CUSTOMER + FRIEND)
    out = tmp_path / "handover"
    command = f"piiaudit minimize {out / 'business.vcf'} -o {out / 'for-company.vcf'}"
    dry = run_handover("split", str(export), "--out-dir", str(out), "--lang", lang, "--dry-run")
    assert expected not in dry.output  # nothing was written: no next step yet
    result = run_handover("split", str(export), "--out-dir", str(out), "--lang", lang)
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert command in result.output.replace("\n", " ")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Next: hand "),
        ("ja", "を会社に渡してください。受け取りが確認できたら端末から業務の連絡先を削除し"),
    ],
)
def test_minimize_says_what_comes_next(handover: Path, lang: str, expected: str) -> None:
    out = handover / "for-company.vcf"
    business = str(handover / "business.vcf")
    dry = run_handover("minimize", business, "-o", str(out), "--lang", lang, "--dry-run")
    assert expected not in dry.output
    result = run_handover("minimize", business, "-o", str(out), "--lang", lang)
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert (
        "manifest.json" in result.output.split(expected)[-1]
        or "manifest.json" in (result.output.split(expected)[0].splitlines()[-1])
    )


def test_a_keep_private_file_is_not_said_to_go_to_the_company(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + MOTHER)
    out = tmp_path / "mine.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--keep-private", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "--keep-private: 1 private contact" in result.output
    assert "Next: hand " not in result.output


def test_saved_overrides_warn_in_japanese(handover: Path) -> None:
    text = (handover / "overrides.yaml").read_text(encoding="utf-8")
    assert "# このファイルには連絡先の名前が含まれることがあります。" in text
    assert "keep it as private as the export itself" not in text


def test_the_unclassified_hint_runs_as_printed(tmp_path: Path) -> None:
    # QA docs walk: after a split, "run again with --interactive" stopped with exit 2
    # (the folder's files exist); the hint now names --force, and a dry run does not.
    export = write_export(tmp_path, CUSTOMER + FRIEND + BROTHER)
    out = tmp_path / "handover"
    dry = run_handover("split", str(export), "--out-dir", str(out), "--dry-run")
    assert "run with --interactive, or" in dry.output
    first = run_handover("split", str(export), "--out-dir", str(out))
    assert first.exit_code == 0, first.output
    assert "run again with --interactive --force" in first.output
    again = run_handover(
        "split", str(export), "--out-dir", str(out), "--interactive", "--force", input="p\n"
    )
    assert again.exit_code == 0, again.output
