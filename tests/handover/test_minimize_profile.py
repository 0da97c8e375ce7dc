"""minimize honours the company profile as scan does (QA round 10, MEDIUM-2): a value on
which the profile accepts a finding (``suppress:``), or on which a rule it disables
would report one, is not removed as personal by its labels, and the summary says why it
was handed over. All data is fictional."""

from __future__ import annotations

from pathlib import Path

from handover_setup import run_handover, run_piiaudit, write_export

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Smith;James;;;\r\nFN:James Smith\r\nORG:Example Ltd\r\n"
    "TITLE:Buyer\r\nEMAIL;type=INTERNET;type=WORK:james.smith@example.com\r\n"
    "TEL;type=CELL;type=VOICE:090-5555-0123\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brown;Anna;;;\r\nFN:Anna Brown\r\nORG:Example Ltd\r\n"
    "TITLE:Buyer\r\nEMAIL;type=INTERNET;type=WORK:anna.brown@example.com\r\n"
    "TEL;type=CELL;type=VOICE:090-5555-0124\r\nEND:VCARD\r\n"
)
SUPPRESS = (
    "suppress:\n"
    "  - {rule: CORE-PHONE-001, contact: 'name:James Smith',\n"
    "     reason: '会社支給の携帯番号として登録済み (2024-05 確認)'}\n"
)


def _run(tmp_path: Path, profile: str, *extra: str) -> tuple[str, str]:
    source = write_export(tmp_path, CARDS)
    config = tmp_path / "piiaudit.yaml"
    config.write_text(profile, encoding="utf-8")
    out = tmp_path / "for-company.vcf"
    args = ["-o", str(out), "--config", str(config), "--all-business", *extra]
    result = run_handover("minimize", str(source), *args)
    assert result.exit_code == 0, result.output
    return out.read_bytes().decode("utf-8"), result.output


def test_a_mobile_the_profile_accepts_is_handed_over_and_said_so(tmp_path: Path) -> None:
    text, output = _run(tmp_path, SUPPRESS, "--lang", "en")
    assert "090-5555-0123" in text  # accepted for James Smith
    assert "090-5555-0124" not in text  # Anna Brown's is still her own
    assert "1 phone number, e-mail or postal address" in output
    assert "the company profile accepts it" in output
    assert "personal mobile numbers: 1" in output


def test_scan_and_minimize_agree_on_the_accepted_value(tmp_path: Path) -> None:
    text, _ = _run(tmp_path, SUPPRESS)
    config = tmp_path / "piiaudit.yaml"
    scanned = run_piiaudit("scan", str(tmp_path / "export.vcf"), "--config", str(config))
    assert scanned.exit_code == 0, scanned.output
    assert "accepted by the company profile" in scanned.output
    # The hand-over itself: no finding left, the accepted mobile included.
    again = run_piiaudit("scan", str(tmp_path / "for-company.vcf"), "--config", str(config))
    assert "Overall risk: none" in again.output
    assert "090-5555-0123" in text


def test_a_disabled_rule_does_not_remove_what_it_would_report(tmp_path: Path) -> None:
    text, output = _run(tmp_path, "disable: [CORE-PHONE-001]\n", "--lang", "ja")
    assert "090-5555-0123" in text and "090-5555-0124" in text
    assert "会社のプロファイルが認めているため" in output
    assert "個人の携帯電話番号" not in output


def test_without_a_profile_the_labels_still_decide(tmp_path: Path) -> None:
    text, output = _run(tmp_path, "region: JP\n", "--lang", "en")
    assert "090-5555-0123" not in text and "090-5555-0124" not in text
    assert "company profile accepts" not in output
