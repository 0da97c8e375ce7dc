"""A value minimize keeps because of its work label is written with the standard type
too (QA round 10, MEDIUM-1): Android's built-in importer reads TYPE only and files an
untyped TEL or ADR as *home*; re-exported from that phone, the company's number would
be a home phone to piiaudit, and the next hand-over would remove it. All data is
fictional."""

from __future__ import annotations

from pathlib import Path

import vobject
from handover_setup import run_handover, run_piiaudit, write_export

from piiaudit.engine import Engine
from piiaudit.handover.minimize_run import plan_minimize, write_minimized
from piiaudit.model import ContactClass
from piiaudit.parsers import ParseOptions, open_input

IPHONE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:高橋;誠;;;\r\nFN:高橋 誠\r\n"
    "ORG:株式会社テスト商事;営業部\r\nTITLE:課長\r\n"
    "EMAIL;type=INTERNET;type=WORK:makoto.takahashi@example.co.jp\r\n"
    "TEL;type=WORK;type=VOICE:03-5555-0101\r\n"
    "item1.TEL:090-5555-0102\r\nitem1.X-ABLabel:社用携帯\r\n"
    "item2.TEL:03-5555-0105\r\nitem2.X-ABLabel:受付\r\n"
    "item3.ADR:;;本町9-9-9;大阪市中央区;大阪府;541-0053;日本\r\nitem3.X-ABLabel:大阪支店\r\n"
    "item4.TEL;type=pref:0120-555-010\r\nitem4.X-ABLabel:_$!<Main>!$_\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Smith;James;;;\r\nFN:James Smith\r\n"
    "ORG:Example Ltd\r\nEMAIL;type=INTERNET;type=WORK:james.smith@example.com\r\n"
    "item1.TEL:+44 7700 900124\r\nitem1.X-ABLabel:Work Mobile\r\n"
    "END:VCARD\r\n"
)


def android_types(text: str) -> dict[str, str]:
    """How a TYPE-only importer files each TEL and ADR, by the rule of AOSP's
    ``VCardEntry`` (``VCardUtils.getPhoneTypeFromStrings``): no type is home, WORK is
    work. The X-ABLabel it ignores."""
    filed = {}
    for card in vobject.readComponents(text):
        for line in card.getChildren():
            if line.name not in ("TEL", "ADR"):
                continue
            types = {t.upper() for t in line.params.get("TYPE", [])}
            value = line.value if line.name == "TEL" else line.value.street
            filed[value] = "work" if "WORK" in types else "home"
    return filed


def test_work_labelled_values_get_the_work_type_beside_their_label(tmp_path: Path) -> None:
    source = write_export(tmp_path, IPHONE)
    out = tmp_path / "for-company.vcf"
    result = run_handover("minimize", str(source), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    # The company mobile: WORK and CELL ("work mobile" on Android), its label kept for iOS.
    assert "item1.TEL;TYPE=WORK,CELL:090-5555-0102" in lines
    assert "item1.X-ABLABEL:社用携帯" in lines
    assert "item1.TEL;TYPE=WORK,CELL:+44 7700 900124" in lines  # "Work Mobile"
    branch = next(line for line in lines if ".ADR" in line)
    group = branch.split(".")[0]
    assert branch.startswith(f"{group}.ADR;TYPE=WORK:")
    assert f"{group}.X-ABLABEL:大阪支店" in lines
    filed = android_types(text)
    assert filed["090-5555-0102"] == filed["本町9-9-9"] == "work"
    assert filed["+44 7700 900124"] == "work"


def test_a_value_kept_for_another_reason_gets_no_type_nobody_gave(tmp_path: Path) -> None:
    # 受付 is no work word: the fixed line is kept because it is not a mobile, and the
    # main number because it is Apple's "main"; neither is made a WORK phone.
    source = write_export(tmp_path, IPHONE)
    out = tmp_path / "for-company.vcf"
    assert run_handover("minimize", str(source), "-o", str(out)).exit_code == 0
    lines = out.read_bytes().decode("utf-8").split("\r\n")
    assert "item2.TEL:03-5555-0105" in lines
    assert "item3.TEL;TYPE=PREF:0120-555-010" in lines
    assert "item3.X-ABLABEL:_$!<Main>!$_" in lines


def test_the_typed_output_reads_back_and_is_classified_the_same(
    engine: Engine, tmp_path: Path
) -> None:
    source = write_export(tmp_path, IPHONE)
    first = plan_minimize(str(source), engine, ParseOptions(), None, **_ALL)
    out = tmp_path / "for-company.vcf"
    write_minimized(first, out, force=False)
    text = out.read_bytes().decode("utf-8")
    assert len(list(vobject.readComponents(text))) == 2  # an independent reader agrees
    with open_input(str(out), ParseOptions()) as parsed:
        again = [engine.evaluate(c) for c in parsed.contacts]
        assert parsed.info.issues == []
    labels = [e.decision.label for e in first.entries]
    assert [r.classification.label for r in again] == labels == [ContactClass.BUSINESS] * 2
    phones = {p.value: p.labels for p in again[0].contact.phones}
    assert phones["090-5555-0102"] == ("work", "cell", "社用携帯")
    # A second hand-over of the hand-over changes nothing.
    second = tmp_path / "again.vcf"
    result = run_handover("minimize", str(out), "-o", str(second), "--all-business")
    assert result.exit_code == 0, result.output
    assert second.read_bytes() == out.read_bytes()
    listed = run_piiaudit("contacts", str(out))
    assert listed.exit_code == 0, listed.output


def test_a_private_contact_kept_complete_is_written_as_it_came(
    engine: Engine, tmp_path: Path
) -> None:
    """--keep-private writes the owner's own copy: no type is added to it."""
    source = write_export(tmp_path, IPHONE)
    pinned = tmp_path / "pinned.yaml"
    pinned.write_text(
        "overrides:\n  - {contact: 'index:0', class: private, reason: my cousin}\n",
        encoding="utf-8",
    )
    out = tmp_path / "mine.vcf"
    args = ["--keep-private", "--override", str(pinned), "--lang", "en"]
    result = run_handover("minimize", str(source), "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    assert "item1.TEL:090-5555-0102" in out.read_bytes().decode("utf-8").split("\r\n")


_ALL = {"keep_private": False, "keep_unknown": True}
