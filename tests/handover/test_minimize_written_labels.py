"""How ``minimize`` writes labels (QA A14): standard vCard 3.0 types as ``TYPE=``, a label
a person gave as an Apple item label (``itemN.TEL`` + ``itemN.X-ABLabel``, which iOS,
macOS and Google import), and never a CSV column header. Each output is read back with
piiaudit's reader and with vobject. All data fictional."""

from __future__ import annotations

from pathlib import Path

import vobject

from piiaudit.engine import Engine
from piiaudit.handover.minimize_run import plan_minimize, write_minimized
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input


def minimized(engine: Engine, tmp_path: Path, name: str, data: bytes) -> tuple[str, Path]:
    """The hand-over text of export ``data`` and its path. Every contact is written
    (private and unknown ones too), so the labels are checked whatever class the
    shipped packs give these few fields."""
    source = tmp_path / name
    source.write_bytes(data)
    plan = plan_minimize(
        str(source), engine, ParseOptions(), None, keep_private=True, keep_unknown=True
    )
    out = tmp_path / f"{source.stem}-out.vcf"
    write_minimized(plan, out, force=False)
    return out.read_bytes().decode("utf-8"), out


def read_back(path: Path) -> list[Contact]:
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        assert parsed.info.issues == []
    return contacts


def lines(text: str) -> list[str]:
    return text.split("\r\n")


GOOGLE = (
    "First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n"
    "Lin,Chow,Example Pte. Ltd.,* Work,lin.chow@example.com,社用携帯,090-0000-1601,"
    "Work,03-0000-1602\n"
)


def test_google_csv_headers_are_not_written_and_a_custom_label_is_an_item_label(
    engine: Engine, tmp_path: Path
) -> None:
    text, out = minimized(engine, tmp_path, "google.csv", GOOGLE.encode("utf-8"))
    assert "Value" not in text and "Label" not in text.replace("X-ABLABEL", "")
    written = lines(text)
    assert "EMAIL;TYPE=WORK,PREF:lin.chow@example.com" in written
    assert "TEL;TYPE=WORK:03-0000-1602" in written
    # The work label also travels as types an importer reading TYPE only understands.
    assert "item1.TEL;TYPE=WORK,CELL:090-0000-1601" in written
    assert "item1.X-ABLABEL:社用携帯" in written
    (back,) = read_back(out)
    assert [(p.value, p.labels) for p in back.phones] == [
        ("090-0000-1601", ("work", "cell", "社用携帯")),
        ("03-0000-1602", ("work",)),
    ]
    assert [e.labels for e in back.emails] == [("work", "pref")]
    card = vobject.readOne(text)
    item = [c for c in card.getChildren() if c.group == "item1"]
    assert sorted((c.name, c.value) for c in item) == [
        ("TEL", "090-0000-1601"),
        ("X-ABLABEL", "社用携帯"),
    ]


def test_outlook_japanese_headers_are_not_written(engine: Engine, tmp_path: Path) -> None:
    header = "姓,名,会社名,会社電話,電子メール アドレス,電子メールの種類,電子メール表示名\n"
    row = (
        "高木,純,例示商事株式会社,06-0000-1301,jun@example.co.jp,SMTP,高木 純 (jun@example.co.jp)\n"
    )
    text, out = minimized(engine, tmp_path, "outlook.csv", (header + row).encode("cp932"))
    assert "会社電話" not in text and "電子メール" not in text
    assert "TEL;TYPE=WORK:06-0000-1301" in lines(text)
    assert "EMAIL:jun@example.co.jp" in lines(text)
    (back,) = read_back(out)
    assert back.phones[0].labels == ("work",)
    assert back.emails[0].labels == ()


def test_a_header_that_alone_says_work_is_written_as_the_work_type(
    engine: Engine, tmp_path: Path
) -> None:
    # A generic spreadsheet: "業務用スマホ" is read as a mobile (スマホ) whose work meaning
    # (業務) is only in the header. Handed over as TYPE=CELL alone, the receiving phone
    # would hold a personal mobile; the header's meaning travels as WORK.
    data = "氏名,会社,業務用スマホ\n岡田 翼,例示株式会社,090-0000-1234\n".encode()
    text, out = minimized(engine, tmp_path, "sheet.csv", data)
    assert "業務用スマホ" not in text
    assert "TEL;TYPE=WORK,CELL:090-0000-1234" in lines(text)
    (back,) = read_back(out)
    assert back.phones[0].labels == ("work", "cell")


def test_vcard_custom_labels_travel_as_item_labels(engine: Engine, tmp_path: Path) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:森 和也\r\nORG:例示製作所\r\n"
        "TEL;TYPE=社用携帯:080-0000-2604\r\n"
        "item1.TEL:070-0000-2605\r\nitem1.X-ABLabel:Work mobile\r\n"
        "item2.TEL;type=pref:0120-000-030\r\nitem2.X-ABLabel:_$!<Main>!$_\r\n"
        "EMAIL;TYPE=INTERNET;TYPE=WORK:kazuya@example.co.jp\r\n"
        "ADR;TYPE=会社:;;本町1-1;仙台市青葉区;宮城県;980-0000;\r\n"
        "END:VCARD\r\n"
    )
    text, out = minimized(engine, tmp_path, "phone.vcf", card.encode("utf-8"))
    assert "TYPE=社用携帯" not in text and "TYPE=会社" not in text
    assert "EMAIL;TYPE=INTERNET,WORK:kazuya@example.co.jp" in lines(text)
    (back,) = read_back(out)
    assert sorted((p.value, p.labels) for p in back.phones) == [
        ("0120-000-030", ("pref", "main")),
        ("070-0000-2605", ("work", "cell", "Work mobile")),
        ("080-0000-2604", ("work", "cell", "社用携帯")),
    ]
    assert back.addresses[0].labels == ("work", "会社")
    assert back.addresses[0].street == "本町1-1"
    labels = [c.value for c in vobject.readOne(text).getChildren() if c.name == "X-ABLABEL"]
    assert sorted(labels) == ["Work mobile", "_$!<Main>!$_", "会社", "社用携帯"]
