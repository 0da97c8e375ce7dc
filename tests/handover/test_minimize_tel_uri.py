"""``minimize`` of a vCard 4.0 export writes ``tel:`` URIs as plain 3.0 numbers.

DAVx5 and Nextcloud write ``TEL;VALUE=uri:tel:+81-3-5555-0103;ext=245``; copied as
it came into a 3.0 card, the company's address book got numbers starting ``tel:``
and an escaped ``\\;ext=``. All data is fictional.
"""

from __future__ import annotations

from pathlib import Path

from handover_setup import run_handover, write_export

from piiaudit.handover.vcard_writer import written_number

CARD = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:青木 誠\r\nORG:架空商事株式会社\r\nTITLE:部長\r\n"
    'TEL;TYPE="work,voice";VALUE=uri:tel:+81-3-5555-0101\r\n'
    "TEL;TYPE=work;VALUE=uri:tel:+81-3-5555-0103;ext=245\r\nEND:VCARD\r\n"
)


def test_uris_become_the_numbers_a_30_card_holds(tmp_path: Path) -> None:
    export = write_export(tmp_path, CARD)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(export), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    tel_lines = [line for line in text.splitlines() if line.upper().startswith("TEL")]
    assert [line.split(":", 1)[1] for line in tel_lines] == [
        "+81-3-5555-0101",
        "+81-3-5555-0103 ext. 245",
    ]


def test_a_written_number_is_left_as_it_is() -> None:
    assert written_number("03-5555-0101 内線12") == "03-5555-0101 内線12"
    assert written_number("TEL:+81-3-5555-0101;phone-context=example") == "+81-3-5555-0101"
