"""``minimize --keep-private`` writes related people and the anniversary in the forms iOS,
macOS and Google import (QA B8): ``X-ABRELATEDNAMES`` and an ``itemN.X-ABDATE`` labelled
``_$!<Anniversary>!$_`` (as Gmail's own vCard export does), not ``X-RELATED`` and
``X-ANNIVERSARY``. Reading the output back with piiaudit gives the same people and date,
and writing it again gives the same bytes. All data fictional."""

from __future__ import annotations

from pathlib import Path

import vobject
from handover_fakes import FakeEngine

from piiaudit.handover.minimize_run import plan_minimize, write_minimized
from piiaudit.model import Contact, ContactClass
from piiaudit.parsers import ParseOptions, open_input

APPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:佐藤;美咲;;;\r\nFN:佐藤 美咲\r\n"
    "TEL;type=HOME;type=VOICE:045-000-0402\r\n"
    "item1.X-ABDATE;type=pref:2012-10-20\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\n"
    "item2.X-ABRELATEDNAMES:佐藤 健\r\nitem2.X-ABLabel:_$!<Brother>!$_\r\n"
    "item3.X-ABRELATEDNAMES:佐藤 花\r\nitem3.X-ABLabel:母\r\n"
    "END:VCARD\r\n"
)
ANDROID = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Suzuki;Hana;;;\r\nFN:Suzuki Hana\r\n"
    "TEL;HOME:0467-00-0110\r\n"
    "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Suzuki Ichiro;14;;;;;;;;;;;;;\r\n"
    "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1980-04-29;1;;;;;;;;;;;;;\r\n"
    "END:VCARD\r\n"
)


def _keep_private(source: Path, out: Path) -> Path:
    """Every card private (the fake engine's decision) and kept complete."""
    engine = FakeEngine({0: ContactClass.PRIVATE, 1: ContactClass.PRIVATE})
    plan = plan_minimize(
        str(source), engine, ParseOptions(), None, keep_private=True, keep_unknown=False
    )
    assert len(plan.written()) == 2
    write_minimized(plan, out, force=False)
    return out


def _read(path: Path) -> list[Contact]:
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        assert parsed.info.issues == []
    return contacts


def test_related_people_and_anniversaries_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "export.vcf"
    source.write_text(APPLE + ANDROID, encoding="utf-8")
    out = _keep_private(source, tmp_path / "kept.vcf")
    text = out.read_bytes().decode("utf-8")
    assert "X-RELATED" not in text and "X-ANNIVERSARY" not in text
    lines = text.split("\r\n")
    # Each related name keeps its relation (card_labels): Apple's own label, the owner's
    # word (母), Android's relation type 14 (spouse) as Apple's label for it.
    assert "item2.X-ABRELATEDNAMES:佐藤 健" in lines and "item2.X-ABLABEL:_$!<Brother>!$_" in lines
    assert "item3.X-ABRELATEDNAMES:佐藤 花" in lines and "item3.X-ABLABEL:母" in lines
    assert "item2.X-ABRELATEDNAMES:Suzuki Ichiro" in lines
    assert "item2.X-ABLABEL:_$!<Spouse>!$_" in lines
    original = {c.display_name(): c for c in _read(source)}
    for back in _read(out):
        before = original[back.display_name()]
        assert back.related == before.related
        assert back.anniversary == before.anniversary
    dates = {
        card.fn.value: [(c.name, c.value) for c in card.getChildren() if c.group == "item1"]
        for card in vobject.readComponents(text)
    }
    assert sorted(dates["Suzuki Hana"]) == [
        ("X-ABDATE", "1980-04-29"),
        ("X-ABLABEL", "_$!<Anniversary>!$_"),
    ]


def test_writing_the_kept_file_again_gives_the_same_bytes(tmp_path: Path) -> None:
    # The reader keeps Apple's date row beside the anniversary it gives; it is written
    # once, as the anniversary, so a second pass neither adds nor loses a date.
    source = tmp_path / "export.vcf"
    source.write_text(APPLE + ANDROID, encoding="utf-8")
    first = _keep_private(source, tmp_path / "first.vcf")
    second = _keep_private(first, tmp_path / "second.vcf")
    assert second.read_bytes() == first.read_bytes()
    assert first.read_bytes().count(b"X-ABDATE") == 2
