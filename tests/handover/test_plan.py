"""The split plan: spans checked before anything is written, prefixes, gaps."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from handover_fakes import FakeEngine, contact

from piiaudit.errors import InputError
from piiaudit.handover.overrides import Override, OverrideSet
from piiaudit.handover.plan import build_plan, find_gaps
from piiaudit.model import ContactClass, FileInfo

CARD_A = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n"
CARD_B = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nEND:VCARD\r\n"


def vcard_info() -> FileInfo:
    return FileInfo(path="test.vcf", format="vcard", dialect="vcard-3.0", encoding="utf-8")


def plan_for(
    data: bytes, contacts: list, engine: FakeEngine, info: FileInfo | None = None, overrides=None
):  # type: ignore[no-untyped-def]
    plan = build_plan(
        Path("test.vcf"), info or vcard_info(), contacts, engine, overrides, len(data), data[:4]
    )
    plan.gaps = find_gaps(plan, io.BytesIO(data))
    return plan


def test_spans_go_to_their_class_in_input_order() -> None:
    data = CARD_A + b"\r\n" + CARD_B + CARD_A
    a, b = len(CARD_A), len(CARD_B)
    contacts = [
        contact(0, start=0, end=a),
        contact(1, start=a + 2, end=a + 2 + b),
        contact(2, start=a + 2 + b, end=len(data)),
    ]
    engine = FakeEngine({1: ContactClass.PRIVATE, 2: ContactClass.UNKNOWN})
    plan = plan_for(data, contacts, engine)
    assert plan.spans("business") == [(0, a)]
    assert plan.spans("private") == [(a + 2, a + 2 + b)]
    assert plan.spans("review") == [(a + 2 + b, len(data))]
    assert plan.counts() == {"business": 1, "private": 1, "review": 1}
    assert [(g.start, g.end, g.line, g.blank) for g in plan.gaps] == [(a, a + 2, 5, True)]


def test_nested_cards_follow_their_parent() -> None:
    data = CARD_A
    contacts = [contact(0, start=0, end=len(data)), contact(1, parent=0)]
    plan = plan_for(data, contacts, FakeEngine({0: ContactClass.PRIVATE, 1: ContactClass.BUSINESS}))
    assert plan.spans("private") == [(0, len(data))]
    assert plan.spans("business") == []
    assert plan.counts()["private"] == 2
    assert plan.destination(plan.decisions[1]) == "private"


@pytest.mark.parametrize("inner", [ContactClass.PRIVATE, ContactClass.UNKNOWN])
def test_a_business_card_carrying_another_class_inside_goes_to_review(inner: ContactClass) -> None:
    # Security review, QA round 7: a private card nested in a 2.1 business card rode
    # in business.vcf to the company, with its health note.
    data = CARD_A
    contacts = [contact(0, start=0, end=len(data)), contact(1, parent=0), contact(2, parent=1)]
    engine = FakeEngine({0: ContactClass.BUSINESS, 1: ContactClass.BUSINESS, 2: inner})
    plan = plan_for(data, contacts, engine)
    assert plan.spans("business") == []
    assert plan.spans("review") == [(0, len(data))]
    assert plan.counts()["business"] == 0
    assert [plan.destination(d) for d in plan.decisions] == ["review"] * 3


def test_nested_business_cards_stay_business_and_an_override_is_kept() -> None:
    data = CARD_A
    contacts = [contact(0, start=0, end=len(data)), contact(1, parent=0)]
    business = FakeEngine({0: ContactClass.BUSINESS, 1: ContactClass.BUSINESS})
    assert plan_for(data, contacts, business).spans("business") == [(0, len(data))]
    mixed = FakeEngine({0: ContactClass.BUSINESS, 1: ContactClass.PRIVATE})
    overrides = OverrideSet([Override("index", "0", ContactClass.BUSINESS, "checked by hand")])
    plan = plan_for(data, contacts, mixed, overrides=overrides)
    assert plan.spans("business") == [(0, len(data))]


def test_override_changes_the_destination() -> None:
    data = CARD_A
    overrides = OverrideSet([Override("index", "0", ContactClass.PRIVATE, "my cousin")])
    plan = plan_for(data, [contact(0, start=0, end=len(data))], FakeEngine(), overrides=overrides)
    assert plan.decisions[0].engine_label is ContactClass.BUSINESS
    assert plan.spans("private") == [(0, len(data))]
    assert plan.decisions[0].reasons == ("override:index:0",)


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([(0, 0)], "no usable byte range"),
        ([(0, 10_000)], "no usable byte range"),
        ([(5, 3)], "no usable byte range"),
        ([(0, 30), (20, 40)], "overlap"),
    ],
)
def test_untrustworthy_spans_refuse_the_split(spans: list[tuple[int, int]], message: str) -> None:
    data = CARD_A + CARD_B
    contacts = [contact(i, start=s, end=e, line=7) for i, (s, e) in enumerate(spans)]
    with pytest.raises(InputError, match=message) as caught:
        plan_for(data, contacts, FakeEngine())
    assert caught.value.path == "test.vcf"


def test_csv_prefix_is_everything_before_the_first_record() -> None:
    header = b"\xef\xbb\xbfName,Phone\r\n"
    data = header + b"A,1\r\nB,2\r\n"
    info = FileInfo(path="t.csv", format="csv", dialect="google-csv", encoding="utf-8-sig")
    contacts = [
        contact(0, start=len(header), end=len(header) + 5),
        contact(1, start=len(header) + 5, end=len(data)),
    ]
    plan = plan_for(data, contacts, FakeEngine(), info)
    assert plan.prefix == (0, len(header))
    assert plan.extension == "csv"
    assert plan.gaps == []


def test_header_only_csv_is_all_prefix() -> None:
    data = b"Name,Phone\r\n"
    info = FileInfo(path="t.csv", format="csv")
    plan = plan_for(data, [], FakeEngine(), info)
    assert plan.prefix == (0, len(data))


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])
def test_vcard_bom_is_copied_to_every_output(bom: bytes) -> None:
    data = bom + CARD_A
    plan = plan_for(data, [contact(0, start=len(bom), end=len(data))], FakeEngine())
    assert plan.prefix == (0, len(bom))


def test_vcard_without_bom_has_no_prefix() -> None:
    plan = plan_for(CARD_A, [contact(0, start=0, end=len(CARD_A))], FakeEngine())
    assert plan.prefix == (0, 0)


def test_junk_outside_cards_is_reported_with_its_line() -> None:
    data = b"junk line\n" + CARD_A + b"\n\ntrailer"
    start = 10
    plan = plan_for(data, [contact(0, start=start, end=start + len(CARD_A))], FakeEngine())
    assert [(g.line, g.size, g.blank) for g in plan.gaps] == [(1, 10, False), (6, 9, False)]


def test_a_file_changed_after_reading_is_not_split(tmp_path: Path) -> None:
    from piiaudit.handover.split import write_split

    source = tmp_path / "export.vcf"
    source.write_bytes(CARD_A)
    plan = build_plan(
        source,
        vcard_info(),
        [contact(0, start=0, end=len(CARD_A))],
        FakeEngine(),
        None,
        len(CARD_A),
        CARD_A[:4],
    )
    stat = source.stat()
    plan.stamp = (stat.st_size, stat.st_mtime_ns)
    source.write_bytes(CARD_B + CARD_A)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError, match="changed while being split"):
        write_split(plan, out, force=False, overrides=None)
    assert list(out.iterdir()) == []
