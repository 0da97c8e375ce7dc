"""``minimize --keep-private`` keeps the labels of a private card's related names, web
addresses and dates (handover/card_labels.py).

The owner's copy promises every field piiaudit read; the model keeps those values
without their labels, so the copy said ``山田 太郎`` where the card said "spouse",
gave three bare URLs, and dates without what they were for; a colleague labelled
"assistant" was not written at all. Each file written is read back with vobject (as an
importer reads it) and with piiaudit. All data fictional."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from handover_fakes import FakeEngine
from handover_setup import run_piiaudit

from piiaudit.handover.minimize_run import plan_minimize, write_minimized
from piiaudit.model import Contact, ContactClass
from piiaudit.parsers import ParseOptions, open_input

APPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;花子;;;\r\nFN:山田 花子\r\n"
    "TEL;type=CELL;type=VOICE:090-0000-5501\r\n"
    "item1.X-ABRELATEDNAMES:山田 太郎\r\nitem1.X-ABLabel:_$!<Spouse>!$_\r\n"
    "item2.X-ABRELATEDNAMES:山田 一郎\r\nitem2.X-ABLabel:_$!<Child>!$_\r\n"
    "item3.X-ABRELATEDNAMES:佐藤 次郎\r\nitem3.X-ABLabel:幼なじみ\r\n"
    "item4.X-ABRELATEDNAMES:鈴木 恵\r\nitem4.X-ABLabel:_$!<Assistant>!$_\r\n"
    "item5.URL;type=pref:https://hanako.example.org/\r\nitem5.X-ABLabel:_$!<HomePage>!$_\r\n"
    "URL;TYPE=WORK:https://work.example.com/hanako\r\n"
    "item6.URL:https://blog.example.net/hanako\r\nitem6.X-ABLabel:ブログ\r\n"
    "item7.X-ABDATE;type=pref:2010-06-01\r\nitem7.X-ABLabel:結婚記念日\r\n"
    "item8.X-ABDATE:2015-04-01\r\nitem8.X-ABLabel:長男の誕生日\r\n"
    "item9.X-ABDATE:2001-09-09\r\nitem9.X-ABLabel:_$!<Other>!$_\r\n"
    "CATEGORIES:家族\r\nEND:VCARD\r\n"
)
VCARD4 = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Example\r\nN:Example;Anna;;;\r\n"
    "TEL;TYPE=cell:+31 6 00000001\r\n"
    "RELATED;TYPE=spouse;VALUE=text:Bram Example\r\n"
    "RELATED;TYPE=sibling;VALUE=text:Cees Example\r\n"
    "URL;TYPE=home:https://anna.example.org/\r\nEND:VCARD\r\n"
)
# A feature phone's 2.1 card: the label in quoted-printable UTF-8, broken by a soft line
# break; and an AGENT card nested in it, whose own labelled related name is not the
# outer card's (the same name, unlabelled there).
FEATURE_PHONE = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Kato;Aya;;;\r\nFN:Aya Kato\r\nTEL;CELL:090-0000-5502\r\n"
    "item1.X-ABRELATEDNAMES:Kato Ren\r\n"
    "item1.X-ABLabel;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B9=BC=E3=81=AA=\r\n"
    "=E3=81=98=E3=81=BF\r\n"
    "X-ABRELATEDNAMES:Kato Mio\r\n"
    "AGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Kato Ken\r\nTEL;CELL:090-0000-5503\r\n"
    "item1.X-ABRELATEDNAMES:Kato Mio\r\nitem1.X-ABLabel:_$!<Child>!$_\r\nEND:VCARD\r\n"
    "END:VCARD\r\n"
)
CUSTOMER = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:高橋;誠;;;\r\nFN:高橋 誠\r\nORG:株式会社サンプル物産\r\n"
    "TEL;TYPE=WORK:03-5550-2001\r\nEMAIL;TYPE=WORK:makoto.takahashi@example.co.jp\r\n"
    "item1.X-ABRELATEDNAMES:高橋 由紀\r\nitem1.X-ABLabel:_$!<Spouse>!$_\r\n"
    "item2.URL:https://makoto.example.net/\r\nitem2.X-ABLabel:ブログ\r\n"
    "END:VCARD\r\n"
)


def _keep_private(tmp_path: Path, text: str, encoding: str = "utf-8") -> str:
    """``text`` as an export in ``encoding``, every card private (the fake engine's
    decision) and kept; the file written, as text."""
    source = tmp_path / "export.vcf"
    source.write_bytes(text.encode(encoding))
    engine = FakeEngine(dict.fromkeys(range(text.count("BEGIN:VCARD")), ContactClass.PRIVATE))
    plan = plan_minimize(
        str(source), engine, ParseOptions(), None, keep_private=True, keep_unknown=False
    )
    out = tmp_path / "kept.vcf"
    write_minimized(plan, out, force=False)
    return out.read_bytes().decode("utf-8")


def _labels(text: str) -> dict[str, dict[tuple[str, str], str]]:
    """Per card (by FN), each value's label as an importer reads it: its item's
    ``X-ABLabel``, else its TYPE values, else ""."""
    found: dict[str, dict[tuple[str, str], str]] = {}
    for card in vobject.readComponents(text):
        lines = list(card.getChildren())
        items = {line.group: line.value for line in lines if line.name == "X-ABLABEL"}
        found[card.fn.value] = {
            (line.name, line.value): items.get(line.group) or ",".join(line.params.get("TYPE", []))
            for line in lines
            if line.name in ("X-ABRELATEDNAMES", "URL", "X-ABDATE")
        }
    return found


def _read(text: str, tmp_path: Path, name: str) -> dict[str, Contact]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with open_input(str(path), ParseOptions()) as parsed:
        return {c.display_name(): c for c in parsed.contacts}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_iphone_card_keeps_every_label(tmp_path: Path, encoding: str) -> None:
    labels = _labels(_keep_private(tmp_path, APPLE, encoding))["山田 花子"]
    assert labels == {
        ("X-ABRELATEDNAMES", "山田 太郎"): "_$!<Spouse>!$_",
        ("X-ABRELATEDNAMES", "山田 一郎"): "_$!<Child>!$_",
        ("X-ABRELATEDNAMES", "佐藤 次郎"): "幼なじみ",
        ("X-ABRELATEDNAMES", "鈴木 恵"): "_$!<Assistant>!$_",  # was not written at all
        ("URL", "https://hanako.example.org/"): "_$!<HomePage>!$_",
        ("URL", "https://work.example.com/hanako"): "WORK",
        ("URL", "https://blog.example.net/hanako"): "ブログ",
        ("X-ABDATE", "2010-06-01"): "結婚記念日",  # the anniversary, as the owner named it
        ("X-ABDATE", "2015-04-01"): "長男の誕生日",
        ("X-ABDATE", "2001-09-09"): "_$!<Other>!$_",
    }


def test_the_kept_card_reads_back_as_the_original(tmp_path: Path) -> None:
    written = _keep_private(tmp_path, APPLE + VCARD4)
    before = _read(APPLE + VCARD4, tmp_path, "before.vcf")
    after = _read(written, tmp_path, "after.vcf")
    for name in ("山田 花子", "Anna Example"):
        assert after[name].related == before[name].related
        assert after[name].urls == before[name].urls
    hanako_before, hanako_after = before["山田 花子"], after["山田 花子"]
    assert hanako_after.anniversary == hanako_before.anniversary == "2010-06-01"
    assert hanako_after.other == hanako_before.other  # the assistant, the labelled dates


def test_a_vcard_4_relation_type_is_written_as_the_label_apple_reads(tmp_path: Path) -> None:
    labels = _labels(_keep_private(tmp_path, VCARD4))["Anna Example"]
    assert labels == {
        ("X-ABRELATEDNAMES", "Bram Example"): "_$!<Spouse>!$_",
        ("X-ABRELATEDNAMES", "Cees Example"): "sibling",
        ("URL", "https://anna.example.org/"): "HOME",
    }


def test_a_nested_card_keeps_its_own_labels_and_lends_none(tmp_path: Path) -> None:
    labels = _labels(_keep_private(tmp_path, FEATURE_PHONE))
    assert labels["Aya Kato"] == {
        ("X-ABRELATEDNAMES", "Kato Ren"): "幼なじみ",  # quoted-printable, over two lines
        ("X-ABRELATEDNAMES", "Kato Mio"): "",
    }
    assert labels["Kato Ken"] == {("X-ABRELATEDNAMES", "Kato Mio"): "_$!<Child>!$_"}


def test_the_company_file_carries_none_of_them(tmp_path: Path) -> None:
    # minimize through the command: the customer is business and is handed over
    # minimized, with no related name, URL or date; the private card is the owner's copy.
    export = tmp_path / "export.vcf"
    export.write_text(CUSTOMER + APPLE, encoding="utf-8")
    out = tmp_path / "kept.vcf"
    result = run_piiaudit("minimize", str(export), "-o", str(out), "--keep-private")
    assert result.exit_code == 0, result.output
    labels = _labels(out.read_text(encoding="utf-8"))
    assert labels["高橋 誠"] == {}
    assert labels["山田 花子"][("X-ABRELATEDNAMES", "山田 太郎")] == "_$!<Spouse>!$_"


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_labels_after_a_large_photo_in_any_line_ending(tmp_path: Path, newline: str) -> None:
    # The card is read again in 64 KiB chunks: a line break falls across chunk edges
    # (a CRLF cut between its CR and its LF too), and the photo is never joined whole.
    photo = "".join(f" {n:075d}\r\n" for n in range(3000))  # 3.0 folding, 234 KB
    first = "item1.X-ABRELATEDNAMES"
    card = APPLE.replace(first, "PHOTO;ENCODING=b;TYPE=JPEG:\r\n" + photo + first)
    labels = _labels(_keep_private(tmp_path, card.replace("\r\n", newline)))["山田 花子"]
    assert labels[("X-ABRELATEDNAMES", "山田 太郎")] == "_$!<Spouse>!$_"
    assert labels[("X-ABDATE", "2001-09-09")] == "_$!<Other>!$_"
    assert len(labels) == 10


class _CountingReads:
    """A file that counts the bytes read from it."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("rb")
        self.read_bytes = 0

    def __enter__(self) -> _CountingReads:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def seek(self, offset: int) -> int:
        return self.handle.seek(offset)

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.read_bytes += len(data)
        return data


def test_a_deep_chain_of_private_cards_is_read_again_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each 2.1 card's bytes hold every card nested in it: read card by card, a chain
    # 1,000 deep read the chain 1,000 times over (half a million card reads); read once,
    # each card still gets its own labels and no other's.
    depth = 1000
    text = "".join(
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Deep {n}\r\nAGENT:\r\n" for n in range(depth)
    ) + "".join(
        f"item1.X-ABRELATEDNAMES:Kin {n}\r\nitem1.X-ABLabel:_$!<Child>!$_\r\nEND:VCARD\r\n"
        for n in reversed(range(depth))
    )
    opened: list[_CountingReads] = []

    def counting(path: Path) -> _CountingReads:
        opened.append(_CountingReads(path))
        return opened[-1]

    monkeypatch.setattr("piiaudit.handover.card_labels.open_unblocked", counting)
    labels = _labels(_keep_private(tmp_path, text))
    assert len(labels) == depth
    assert all(
        labels[f"Deep {n}"] == {("X-ABRELATEDNAMES", f"Kin {n}"): "_$!<Child>!$_"}
        for n in range(depth)
    )
    assert sum(f.read_bytes for f in opened) <= len(text.encode())
