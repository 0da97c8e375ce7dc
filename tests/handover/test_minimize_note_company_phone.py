"""A mobile a note calls the company's stays in the hand-over, marked as work.

``scan`` reads ``社用携帯 090-...`` in a note and does not report that number as a
personal mobile; ``minimize`` removed it all the same, judging its ``cell`` label
after the notes were gone, so the company lost its own number for the customer.
"""

from __future__ import annotations

from pathlib import Path

from piiaudit.engine import Engine
from piiaudit.handover.minimize import minimize
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input


def _read(tmp_path: Path, note: str) -> list[Contact]:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 十郎\r\nORG:見本商事株式会社\r\n"
        "TEL;TYPE=CELL:090-5555-2468\r\nTEL;TYPE=CELL:080-5555-1357\r\n"
        f"NOTE:{note}\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "card.vcf"
    path.write_text(card, encoding="utf-8", newline="")
    with open_input(str(path), ParseOptions()) as parsed:
        return list(parsed.contacts)


def test_the_number_the_note_names_is_kept_with_a_work_label(
    engine: Engine, tmp_path: Path
) -> None:
    [contact] = _read(tmp_path, "社用携帯 090-5555-2468")
    kept = minimize(contact, engine).contact
    assert [(p.value, "work" in p.labels) for p in kept.phones] == [("090-5555-2468", True)]
    assert kept.notes == ()


def test_a_note_denying_it_keeps_nothing(engine: Engine, tmp_path: Path) -> None:
    [contact] = _read(tmp_path, "社用携帯ではなく個人の携帯 090-5555-2468")
    assert minimize(contact, engine).contact.phones == ()


def test_without_such_a_note_both_mobiles_go(engine: Engine, tmp_path: Path) -> None:
    [contact] = _read(tmp_path, "展示会で名刺交換")
    assert minimize(contact, engine).contact.phones == ()
