"""What split and minimize say after a run, and the exit code that goes with it (QA
round 10, LOW-5 and LOW-7): an input read in part is never "nothing removed, exit 0";
a sentence fits its count and what happened. All data is fictional."""

from __future__ import annotations

from pathlib import Path

from handover_setup import read_manifest, run_handover, run_piiaudit, write_export

# A 2.1 business address broken by a raw line break: the reader reads the second half
# as a note (it was skipped, its city lost: QA round 10; exit 3 for it: review 13).
CUT_ADDRESS = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Rossi;Nora;;;\r\nFN:Nora Rossi\r\n"
    "ORG:Example Co\r\nTEL;WORK:03-5555-0180\r\nADR;WORK:;;1-2-3 Example Bldg\r\n"
    "5F;Minato-ku;Tokyo;105-0001;Japan\r\nEND:VCARD\r\n"
)


def test_a_line_broken_off_a_value_is_kept_as_a_note_and_said(tmp_path: Path) -> None:
    source = write_export(tmp_path, CUT_ADDRESS)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(source), "-o", str(out), "--all-business")
    assert result.exit_code == 0, result.output
    assert "line without ':' is not a property (a line break inside a value?)" in result.output
    assert "Nothing had to be removed." not in result.output  # the note is removed
    assert b"Minato-ku" not in out.read_bytes()  # notes are not handed over
    scanned = run_piiaudit("scan", str(source))
    assert scanned.exit_code == 0, scanned.output
    contacts = run_piiaudit("contacts", str(source), "--show-pii")
    assert "5F;Minato-ku;Tokyo;105-0001;Japan" in contacts.output  # nothing lost


def test_split_copies_the_broken_line_with_its_card(tmp_path: Path) -> None:
    source = write_export(tmp_path, CUT_ADDRESS)
    split = run_handover("split", str(source), "--out-dir", str(tmp_path / "h"), "--lang", "en")
    assert split.exit_code == 0, split.output
    assert b"5F;Minato-ku" in (tmp_path / "h" / "business.vcf").read_bytes()


def test_one_card_closed_among_several_problems_is_said_in_the_singular(tmp_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Open Card\r\nORG:Example Co\r\n"
        "TEL;TYPE=WORK:03-5555-0181\r\nno colon here\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Next Card\r\nORG:Example Co\r\n"
        "TEL;TYPE=WORK:03-5555-0182\r\nEND:VCARD\r\n"
    )
    source = write_export(tmp_path, cards)
    result = run_handover("split", str(source), "--out-dir", str(tmp_path / "h"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "2 problems reading" in result.output
    assert "the card without END:VCARD gets that line added" in result.output
    assert "1 cards" not in result.output


def test_a_header_only_csv_says_no_contact_was_read(tmp_path: Path) -> None:
    source = write_export(tmp_path, "First Name,Last Name,Phone 1 - Value\n", "contacts.csv")
    for lang, expected in (("en", "no contact was read from it"), ("ja", "1 件も読み取れません")):
        out = tmp_path / lang
        result = run_handover("split", str(source), "--out-dir", str(out), "--lang", lang)
        assert result.exit_code == 0, result.output
        assert expected in result.output
        assert "classified on incomplete data" not in result.output
        assert "不完全なデータで分類" not in result.output


def test_keep_unknown_gets_no_advice_about_unknown_contacts(tmp_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Somebody\r\nEND:VCARD\r\n"  # unknown
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Customer\r\nORG:Example Co\r\n"
        "TEL;TYPE=WORK:03-5555-0183\r\nEND:VCARD\r\n"
    )
    source = write_export(tmp_path, cards)
    out = tmp_path / "for-company.vcf"
    plain = run_handover("minimize", str(source), "-o", str(out), "--lang", "en")
    assert "Left out: 1 unknown contact;" in plain.output
    args = ["-o", str(out), "--keep-unknown", "--force", "--lang", "en"]
    kept = run_handover("minimize", str(source), *args)
    assert kept.exit_code == 0, kept.output
    assert "Left out" not in kept.output and "--keep-unknown would" not in kept.output


def test_the_business_file_is_not_said_to_be_the_users_decision(tmp_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Customer\r\nORG:Example Co\r\nTITLE:Buyer\r\n"
        "TEL;TYPE=WORK:03-5555-0184\r\nEMAIL;TYPE=WORK:buyer@example.co.jp\r\nEND:VCARD\r\n"
    )
    source = write_export(tmp_path, cards)
    folder = tmp_path / "h"
    assert run_handover("split", str(source), "--out-dir", str(folder)).exit_code == 0
    business = str(folder / "business.vcf")
    for lang, said in (("en", "by its classification or your answers"), ("ja", "自動分類")):
        out = tmp_path / f"fc-{lang}.vcf"
        result = run_handover("minimize", business, "-o", str(out), "--lang", lang)
        assert result.exit_code == 0, result.output
        assert said in result.output
        assert "by your decision" not in result.output
        assert "利用者が業務と判断" not in result.output


def test_an_empty_hand_over_file_is_warned_about(tmp_path: Path) -> None:
    source = write_export(tmp_path, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Somebody\r\nEND:VCARD\r\n")
    for lang, said in (("en", "no contact was written to"), ("ja", "1 件も書き出していません")):
        out = tmp_path / f"{lang}.vcf"
        result = run_handover("minimize", str(source), "-o", str(out), "--lang", lang)
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == b""
        assert said in result.output


def test_the_manifest_names_the_input_by_its_file_name_only(tmp_path: Path) -> None:
    source = write_export(tmp_path, CUT_ADDRESS.replace("5F;Minato-ku", "ADR;WORK:;;5F"))
    folder = tmp_path / "h"
    assert run_handover("split", str(source.resolve()), "--out-dir", str(folder)).exit_code == 0
    manifest = read_manifest(folder)
    assert manifest["input"]["file"] == "export.vcf"
    assert str(tmp_path) not in (folder / "manifest.json").read_text(encoding="utf-8")
