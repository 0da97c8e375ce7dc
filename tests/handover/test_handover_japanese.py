"""The hand-over's plans and questions in Japanese name things in Japanese.

``minimize --dry-run --lang ja`` printed the engine's category keys
(``mobile_phone 1``) and classes (``除外 (private)``); ``split --interactive``
showed each phone as vCard tokens (``cell/voice/mobile``). All data is fictional.
"""

from __future__ import annotations

from pathlib import Path

from handover_setup import run_handover, write_export

CUSTOMER = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:青木 健\r\nORG:架空商事株式会社\r\nTITLE:営業部長\r\n"
    "TEL;TYPE=CELL:090-3141-5926\r\nEND:VCARD\r\n"
)
MOTHER = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:母\r\nTEL;TYPE=CELL:090-2718-2818\r\nEND:VCARD\r\n"
UNDECIDED = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Quill Example\r\nTEL;TYPE=CELL,VOICE:090-1618-0339\r\n"
    "END:VCARD\r\n"
)


def test_the_minimize_plan_names_what_it_removes_in_japanese(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + MOTHER)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--dry-run", "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert "#0 青* *: 最小化（削除: 個人の携帯電話番号 1）" in result.output
    assert "#1 *: 除外（私用）" in result.output
    plan = [line for line in result.output.splitlines() if line.startswith("  #")]
    assert len(plan) == 2
    assert not any("mobile_phone" in line or "(private)" in line for line in plan)


def test_the_english_plan_says_the_same_in_english(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + MOTHER)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--dry-run", "--lang", "en")
    assert "#0 青* *: minimized, removed personal mobile numbers 1" in result.output
    assert "#1 *: left out (private)" in result.output


def test_the_review_question_names_phone_labels_in_japanese(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + UNDECIDED)
    out = tmp_path / "handover"
    result = run_handover(
        "split", str(export), "--out-dir", str(out), "--interactive", "--lang", "ja", input="r\n"
    )
    assert result.exit_code == 0, result.output
    phones = next(line for line in result.output.splitlines() if "携帯" in line)
    assert "電話: 携帯（携帯番号）" in phones
    assert "cell" not in phones and "mobile" not in phones
    assert "音声" not in phones  # TYPE=VOICE says nothing to a salesperson
