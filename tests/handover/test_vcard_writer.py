"""minimize's writer: vCard 3.0 that vobject reads back with the same values."""

from __future__ import annotations

import vobject
from handover_fakes import contact

from piiaudit.handover.vcard_writer import label_parts, serialize_cards
from piiaudit.model import Address, Email, Names, Phone


def test_values_with_special_characters_survive_a_vobject_round_trip() -> None:
    c = contact(
        0,
        names=Names(formatted="Doe, John; Jr.", family="Doe;x", given="John"),
        organizations=("Example; Inc, Ltd",),
        titles=("Head of Sales, East",),
        phones=(Phone("+81 3-1234-5678", ("work", "voice")),),
        emails=(Email("john@example.com", ("work",)),),
        addresses=(
            Address(labels=("work",), street="1-2-3 Marunouchi, Chiyoda", locality="Tokyo"),
        ),
        uid="urn:uuid:0000-1",
    )
    text = serialize_cards([c])
    card = vobject.readOne(text)
    assert card.version.value == "3.0"
    assert card.fn.value == "Doe, John; Jr."
    assert card.n.value.family == "Doe;x"
    assert card.org.value == ["Example; Inc, Ltd"]
    assert card.title.value == "Head of Sales, East"
    assert card.tel.value == "+81 3-1234-5678"
    assert card.tel.type_paramlist == ["WORK", "VOICE"]
    assert card.adr.value.street == "1-2-3 Marunouchi, Chiyoda"
    assert card.uid.value == "urn:uuid:0000-1"
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")


def test_long_lines_are_folded_at_75_octets() -> None:
    c = contact(0, names=Names(formatted="名" * 100), titles=("営業部長 " * 30,))
    text = serialize_cards([c])
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    card = vobject.readOne(text)
    assert card.fn.value == "名" * 100


def test_several_cards_and_an_empty_one_read_back() -> None:
    cards = [contact(0, names=Names(formatted="A")), contact(1), contact(2, organizations=("Org",))]
    back = list(vobject.readComponents(serialize_cards(cards)))
    assert [b.fn.value for b in back] == ["A", "", "Org"]


def test_only_standard_labels_become_types_and_custom_ones_one_apple_label() -> None:
    # Changed with QA A14: custom labels used to be written as TYPE values, which iOS
    # and Google drop; they now travel as the one X-ABLabel of an item.
    assert label_parts(["cell", "得意先", "a,b", 'q"', "work", "WORK", "line\nbreak"]) == (
        ["CELL", "WORK"],
        '得意先, a,b, q"',
    )
    assert label_parts(["main", "pref"]) == (["PREF"], "_$!<Main>!$_")
    assert label_parts(["other", "社用"]) == ([], "社用")


def _read_back(text: str):  # type: ignore[no-untyped-def]
    import io

    from piiaudit.model import FileInfo
    from piiaudit.parsers import ParseOptions
    from piiaudit.parsers.encoding import detect
    from piiaudit.parsers.vcard_stream import read_vcard

    data = text.encode("utf-8")
    (card,) = list(
        read_vcard(io.BytesIO(data), FileInfo(path="out.vcf"), detect(data), ParseOptions())
    )
    return card


def test_chat_handles_and_labelled_dates_are_written_back_as_they_were_read() -> None:
    # Review of the messaging change: --keep-private dropped IMPP/X-SKYPE handles,
    # wrote "X-ABDATE:長男の誕生日: 2015-04-01" as one text, and the birthday twice.
    from piiaudit.model import MessagingId

    original = contact(
        0,
        names=Names(formatted="母"),
        birthday="1955-03-03",
        anniversary="1980-06-01",
        messaging=(
            MessagingId("x-apple:haha_line", ("home", "line")),
            MessagingId("haha.skype", ("skype", "社用")),
        ),
        other={"X-ABDATE": ("1955-03-03", "1980-06-01", "長男の誕生日: 2015-04-01")},
    )
    text = serialize_cards([original])
    assert "長男の誕生日: " not in text
    assert text.count("1955-03-03") == 1 and text.count("1980-06-01") == 1
    back = _read_back(text)
    assert [(h.value, set(h.labels)) for h in back.messaging] == [
        (h.value, set(h.labels)) for h in original.messaging
    ]
    assert (back.birthday, back.anniversary) == ("1955-03-03", "1980-06-01")
    assert "長男の誕生日: 2015-04-01" in back.other["X-ABDATE"]


def test_a_name_given_whole_stays_in_n_unsplit() -> None:
    """A CSV's 氏名 column gives the name whole: it was written as 'N:;;;;', which some
    phones import as a nameless contact (QA round 5, JA B5). It goes into N as one
    part, as Android writes an unsplit name; a split name is written as it is."""
    whole = vobject.readOne(serialize_cards([contact(0, names=Names(formatted="見本 花子"))]))
    assert (whole.fn.value, whole.n.value.family, whole.n.value.given) == (
        "見本 花子",
        "見本 花子",
        "",
    )
    split = contact(0, names=Names(formatted="見本 花子", family="見本", given="花子"))
    card = vobject.readOne(serialize_cards([split]))
    assert (card.n.value.family, card.n.value.given) == ("見本", "花子")


def test_half_width_readings_are_written_full_width() -> None:
    """Feature phones wrote readings in half-width katakana; phones sort and search by
    full-width ones (QA round 5, JA C5)."""
    c = contact(0, names=Names(formatted="山田 太郎", phonetic_family="ﾔﾏﾀﾞ", phonetic_given="ﾀﾛｳ"))
    card = vobject.readOne(serialize_cards([c]))
    assert card.x_phonetic_last_name.value == "ヤマダ"
    assert card.x_phonetic_first_name.value == "タロウ"
