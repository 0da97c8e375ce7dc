"""minimize honours the company profile's acceptance of one person's value as scan does
(QA round 10, MEDIUM-2): a value on which the profile accepts a finding (``suppress:``
naming the contact by ``name:`` or ``uid:``) is not removed as personal by its labels,
and the summary says why it was handed over. A positional (``index:``) or blanket
acceptance, and a disabled rule, do not hand personal data over (review 13). All data
is fictional."""

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


def test_a_disabled_rule_hands_no_personal_mobile_over(tmp_path: Path) -> None:
    # Review 13: "disable" tunes what an audit reports; it said nothing about whose
    # number may go to the company, yet every business contact's mobile was handed over.
    text, output = _run(tmp_path, "disable: [CORE-PHONE-001]\n", "--lang", "ja")
    assert "090-5555-0123" not in text and "090-5555-0124" not in text
    assert "会社のプロファイルが認めているため" not in output


def test_an_acceptance_by_position_is_not_applied_to_another_file(tmp_path: Path) -> None:
    # Review 13: index:0 named a colleague in the export scan read; minimize read split's
    # business.vcf, where index 0 was a customer, and handed the customer's mobile over.
    profile = "suppress:\n  - {rule: CORE-PHONE-001, contact: 'index:0', reason: 会社支給の携帯}\n"
    text, output = _run(tmp_path, profile, "--lang", "en")
    assert "090-5555-0123" not in text and "090-5555-0124" not in text
    assert "1 suppress: entry of the company profile is not applied by minimize" in output
    blanket = "suppress:\n  - {rule: CORE-PHONE-001, contact: '*', reason: 会社支給の携帯}\n"
    text, _ = _run(tmp_path, blanket, "--force")
    assert "090-5555-0123" not in text and "090-5555-0124" not in text


def test_without_a_profile_the_labels_still_decide(tmp_path: Path) -> None:
    text, output = _run(tmp_path, "region: JP\n", "--lang", "en")
    assert "090-5555-0123" not in text and "090-5555-0124" not in text
    assert "company profile accepts" not in output
