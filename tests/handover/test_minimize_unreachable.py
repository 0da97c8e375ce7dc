"""``minimize`` says which contacts it leaves without any way to reach them.

A customer reached only on a personal mobile is handed over as a name alone; the
owner should learn that before wiping the phone, and ask the company how such
details are to be kept. All data is fictional.
"""

from __future__ import annotations

from pathlib import Path

from handover_setup import run_handover, write_export

ONLY_MOBILE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:青木 誠\r\nORG:架空商事株式会社\r\nTITLE:部長\r\n"
    "TEL;TYPE=CELL:090-3141-5926\r\nEND:VCARD\r\n"
)
WITH_OFFICE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:原田 修\r\nORG:架空工業株式会社\r\nTITLE:課長\r\n"
    "TEL;TYPE=CELL:090-2718-2818\r\nTEL;TYPE=WORK:03-5555-0101\r\nEND:VCARD\r\n"
)


def test_the_dry_run_and_the_summary_name_the_unreachable(tmp_path: Path) -> None:
    export = write_export(tmp_path, ONLY_MOBILE + WITH_OFFICE)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--dry-run", "--lang", "en")
    assert result.exit_code == 0, result.output
    plan = [line for line in result.output.splitlines() if line.startswith("  #")]
    assert plan[0].endswith("; no phone, e-mail or address left")
    assert not plan[1].endswith("left")
    assert "1 contact written has no phone, e-mail or address left" in result.output


def test_nothing_is_said_when_every_contact_keeps_a_way_to_reach_it(tmp_path: Path) -> None:
    export = write_export(tmp_path, WITH_OFFICE)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert "名前しか残っていません" not in result.output
