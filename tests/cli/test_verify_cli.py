"""``piiaudit verify`` end to end: ``split`` a fictional export, delete some contacts from
a copy as the phone's owner would, and check the new export against the folder.

The command is the last step of docs/handover.md: it must say, masked, which
handed-over contact is still on the phone and where, count what the owner kept, list
what was added since, end with an exit code a script can test, speak Japanese, and
write nothing. All names, numbers and addresses are fictional.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cli.child import run_piiaudit
from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()


def _card(name: str, *lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", *lines, "END:VCARD"]) + "\r\n"


CUSTOMER = _card(
    "高橋 誠",
    "UID:5d1e7c40-0000-4000-8000-00000000000a",
    "N:高橋;誠;;;",
    "ORG:株式会社サンプル物産",
    "TITLE:部長",
    "TEL;TYPE=WORK:03-5550-2001",
    "TEL;TYPE=CELL:090-0000-1234",
    "EMAIL;TYPE=WORK:makoto.takahashi@example.co.jp",
)
SUPPLIER = _card(
    "伊藤 恵",
    "N:伊藤;恵;;;",
    "ORG:テスト工業株式会社",
    "TITLE:主任",
    "TEL;TYPE=CELL:090-0000-5678",
    "EMAIL;TYPE=WORK:megumi.ito@example.com",
)
MOTHER = _card("お母さん", "N:佐藤;花子;;;", "TEL;TYPE=CELL:080-0000-3333", "CATEGORIES:家族")
UNDECIDED = _card("Nowak", "N:Nowak;;;;")
EXPORT = CUSTOMER + SUPPLIER + MOTHER + UNDECIDED
# 伊藤 renamed on the phone, still there by her mobile; 高橋 deleted.
RENAMED = _card("伊藤さん", "TEL;TYPE=CELL:090-0000-5678")
NEW_CUSTOMER = _card(
    "中村 健",
    "ORG:株式会社サンプル物産",
    "TITLE:係長",
    "EMAIL;TYPE=WORK:ken.nakamura@example.co.jp",
)


def _invoke(*args: str, input: str | None = None) -> Result:
    result = runner.invoke(app, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


@pytest.fixture
def handover(tmp_path: Path) -> Path:
    """The folder split wrote from the fictional export (its --out-dir)."""
    export = tmp_path / "export.vcf"
    export.write_text(EXPORT, encoding="utf-8")
    out = tmp_path / "handover"
    result = _invoke("split", str(export), "--out-dir", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "2 business, 1 private, 1 to review" in result.output
    return out


def _new(tmp_path: Path, text: str, name: str = "new-export.vcf") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _digests(*paths: Path) -> dict[str, str]:
    files = [p for path in paths for p in ([*path.iterdir()] if path.is_dir() else [path])]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files)}


def test_a_contact_left_on_the_phone_fails_with_1(tmp_path: Path, handover: Path) -> None:
    new = _new(tmp_path, MOTHER + RENAMED + UNDECIDED + NEW_CUSTOMER)
    before = _digests(handover, new, tmp_path / "export.vcf")
    result = _invoke("verify", str(new), "--handover", str(handover), "--lang", "en")
    assert result.exit_code == ExitCode.FINDINGS, result.output
    out = result.stdout
    assert "Still on the phone: 1 of the 2 contacts handed over to the company." in out
    # its line in the new export, masked name and number, and what matched
    assert f"{new}:8  伊***  (phone ***-****-5678)" in out
    assert "Kept as private (private.vcf): 1 contact on the phone" in out
    assert "Left for review at the split (review.vcf) and still on the phone: 1 contact." in out
    assert "--interactive" in out
    assert "New since the split: decide this one" in out
    assert f"{new}:18  中* *  (business)" in out
    assert out.rstrip().endswith(
        "Not verified: 1 handed-over contact still on the phone, "
        "1 new contact that looks like a business one."
    )
    # nothing written, nothing changed
    assert _digests(handover, new, tmp_path / "export.vcf") == before


def test_a_clean_phone_ends_with_0(tmp_path: Path, handover: Path) -> None:
    new = _new(tmp_path, MOTHER + UNDECIDED)
    result = _invoke("verify", str(new), "-d", str(handover), "--lang", "en")
    assert result.exit_code == ExitCode.OK, result.output
    assert "Gone from the phone: all 2 contacts handed over to the company." in result.stdout
    assert result.stdout.rstrip().endswith(
        "Verified: none of the 2 contacts handed over to the company is on the phone, "
        "and no new contact looks like a business one."
    )


def test_values_are_masked_unless_show_pii(tmp_path: Path, handover: Path) -> None:
    new = _new(tmp_path, RENAMED + NEW_CUSTOMER)
    masked = _invoke("verify", str(new), "-d", str(handover), "--lang", "en")
    for value in ("伊藤さん", "090-0000-5678", "中村", "ken.nakamura"):
        assert value not in masked.output
    shown = _invoke("verify", str(new), "-d", str(handover), "--lang", "en", "--show-pii")
    assert "伊藤さん  (phone 090-0000-5678)" in shown.stdout
    assert "中村 健" in shown.stdout
    assert "--show-pii: personal data is shown unmasked" in shown.stderr


def test_japanese(tmp_path: Path, handover: Path) -> None:
    new = _new(tmp_path, MOTHER + RENAMED)
    result = _invoke("verify", str(new), "--handover", str(handover), "--lang", "ja")
    assert result.exit_code == ExitCode.FINDINGS
    out = result.stdout
    assert f"{new}（連絡先 2 件）を {handover} の引き継ぎと照合しました" in out
    assert "端末に残っています: 会社に引き継いだ 2 件のうち 1 件。" in out
    assert "伊***（電話 ***-****-5678）" in out
    assert "私用として残す連絡先（private.vcf）: 1 件" in out
    assert "確認はまだ完了していません: 端末に残っている引き継ぎ済みの連絡先 1 件。" in out
    assert "Still on the phone" not in out
    # a review contact no longer on the phone was never handed over: said
    assert "review.vcf の連絡先のうち 1 件は端末になく" in out


def test_the_warning_about_the_company_s_file_goes_once_minimize_recorded_it(
    tmp_path: Path, handover: Path
) -> None:
    new = _new(tmp_path, MOTHER)
    before = _invoke("verify", str(new), "-d", str(handover), "--lang", "en")
    assert "records no file made for the company" in before.stderr
    company = handover / "for-company.vcf"
    made = _invoke("minimize", str(handover / "business.vcf"), "-o", str(company), "--lang", "en")
    assert made.exit_code == 0, made.output
    assert "piiaudit verify NEW-EXPORT.vcf --handover DIR" in made.stdout.replace("\n", " ")
    after = _invoke("verify", str(new), "-d", str(handover), "--lang", "en")
    assert after.exit_code == ExitCode.OK
    assert "records no file made for the company" not in after.stderr
    # the company's file is no new export of the phone
    refused = _invoke("verify", str(company), "-d", str(handover), "--lang", "en")
    assert refused.exit_code == ExitCode.USAGE
    assert "not a new export of the phone" in refused.stderr


def test_usage_errors_end_with_2(tmp_path: Path, handover: Path) -> None:
    new = _new(tmp_path, MOTHER)
    missing_dir = _invoke("verify", str(new), "-d", str(tmp_path / "none"), "--lang", "en")
    assert missing_dir.exit_code == ExitCode.USAGE
    assert "no such folder" in missing_dir.stderr and "Traceback" not in missing_dir.output
    empty = tmp_path / "empty"
    empty.mkdir()
    no_business = _invoke("verify", str(new), "-d", str(empty), "--lang", "en")
    assert no_business.exit_code == ExitCode.USAGE
    assert "holds no business.vcf" in no_business.stderr
    missing_export = _invoke("verify", str(tmp_path / "none.vcf"), "-d", str(handover))
    assert missing_export.exit_code == ExitCode.USAGE
    old = _invoke("verify", str(tmp_path / "export.vcf"), "-d", str(handover), "--lang", "en")
    assert old.exit_code == ExitCode.USAGE
    assert "not a new export of the phone" in old.stderr


def test_a_region_the_manifest_contradicts_ends_with_2(tmp_path: Path) -> None:
    export = _new(
        tmp_path,
        _card(
            "Jan de Vries",
            "ORG:Voorbeeld B.V.",
            "TITLE:Inkoper",
            "TEL;TYPE=CELL:06-12345678",
            "EMAIL;TYPE=WORK:jan@example.nl",
        ),
        "export.vcf",
    )
    out = tmp_path / "handover"
    split = _invoke("split", str(export), "-d", str(out), "--region", "NL")
    assert split.exit_code == 0, split.output
    new = _new(tmp_path, _card("Jan (werk)", "TEL;TYPE=CELL:06 1234 5678"))
    refused = _invoke("verify", str(new), "-d", str(out), "--region", "JP", "--lang", "en")
    assert refused.exit_code == ExitCode.USAGE
    assert "read as NL numbers" in refused.stderr
    read = _invoke("verify", str(new), "-d", str(out), "--lang", "en")
    assert read.exit_code == ExitCode.FINDINGS
    assert "read as NL numbers, as split read them" in read.stdout
    assert "(phone ** **** 5678)" in read.stdout


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n" + bytes(16)])
def test_an_unreadable_new_export_ends_with_3(
    tmp_path: Path, handover: Path, content: bytes
) -> None:
    new = tmp_path / "new-export.vcf"
    new.write_bytes(content)
    result = _invoke("verify", str(new), "-d", str(handover), "--lang", "en")
    assert result.exit_code == ExitCode.INPUT
    assert f"piiaudit: error: {new}: " in result.stderr and "Traceback" not in result.output


def test_a_new_export_read_in_part_ends_with_3(tmp_path: Path, handover: Path) -> None:
    """A card in another encoding than its file cannot be read: the check is incomplete."""
    new = tmp_path / "new-export.vcf"
    new.write_bytes(MOTHER.encode() + UNDECIDED.encode("utf-16-le"))
    result = _invoke("verify", str(new), "-d", str(handover), "--lang", "en")
    assert result.exit_code == ExitCode.INPUT, result.output
    assert "could not be read in full" in result.stderr


def test_a_csv_hand_over_and_standard_input(tmp_path: Path) -> None:
    header = "Name,Organization 1 - Name,Organization 1 - Title,Phone 1 - Type,Phone 1 - Value\r\n"
    rows = "高橋 誠,株式会社サンプル物産,部長,Work,03-5550-2001\r\n"
    export = _new(tmp_path, header + rows, "contacts.csv")
    out = tmp_path / "handover"
    assert _invoke("split", str(export), "-d", str(out)).exit_code == 0
    assert (out / "business.csv").is_file()
    left = _card("高橋誠", "TEL;TYPE=WORK:03-5550-2001")
    result = _invoke("verify", "-", "-d", str(out), "--lang", "en", input=left)
    assert result.exit_code == ExitCode.FINDINGS, result.output
    assert "1 business (business.csv)" in result.stdout
    assert "(same name, phone **-****-2001)" in result.stdout


def test_help_names_the_exit_codes_in_both_languages() -> None:
    english = _invoke("verify", "--help")
    assert english.exit_code == 0
    flat = " ".join(english.stdout.split())
    assert "Exit codes: 0 no handed-over contact is on the phone" in flat
    assert "piiaudit verify new-export.vcf --handover handover/" in english.stdout
    japanese = run_piiaudit("verify", "--help", "--lang", "ja")  # as a user's shell runs it
    assert japanese.returncode == 0, japanese.stderr
    flat_ja = re.sub(r"\n *", "", japanese.stdout)  # a Japanese line breaks anywhere
    assert "会社に引き継いだ連絡先が端末から削除されたことを確認します。" in flat_ja
    assert "終了コード: 0 引き継いだ連絡先が端末になく" in flat_ja
    listed = _invoke("--help")
    assert "verify    Check that the contacts handed over are gone from the phone." in listed.stdout
