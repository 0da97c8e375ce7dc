"""A contact's findings of one rule are listed in field order: phones[2] before phones[10]."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.run import invoke


def test_many_numbers_are_listed_in_their_order_on_the_card(tmp_path: Path) -> None:
    tels = "".join(f"TEL;TYPE=CELL:090-5555-{1000 + n}\r\n" for n in range(12))
    card = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 一郎\r\nORG:見本商事株式会社\r\n{tels}END:VCARD\r\n"
    )
    path = tmp_path / "many.vcf"
    path.write_text(card, encoding="utf-8", newline="")
    run = invoke("scan", str(path), "-f", "json")
    [contact] = run.json["contacts"]
    fields = [f["field"] for f in contact["findings"] if f["rule"] == "CORE-PHONE-001"]
    assert fields == [f"phones[{n}]" for n in range(12)]
