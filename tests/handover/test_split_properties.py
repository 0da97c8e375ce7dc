"""The split invariant on generated exports: whatever the cards, encodings, line endings
and classes, the three outputs hold every input card exactly once, byte-identical."""

from __future__ import annotations

import tempfile
from pathlib import Path

from handover_fakes import FakeEngine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from split_checks import split_and_check

from piiaudit.model import ContactClass

# Fictional values: letters (Latin, kana, kanji), digits, and the separators that
# need escaping in vCard text.
TEXT = (
    st.text(
        alphabet=st.sampled_from(list("abcXYZ山田太郎さくらアイウ 0123,;-.'")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
PHONE = st.from_regex(r"0[1-9]0-[0-9]{4}-[0-9]{4}", fullmatch=True)
CLASSES = st.sampled_from(list(ContactClass))


@st.composite
def vcard(draw: st.DrawFn, newline: str) -> str:
    version = draw(st.sampled_from(["2.1", "3.0", "4.0"]))
    name = draw(TEXT).replace(";", "\\;").replace(",", "\\,")
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{name}", f"N:{name};;;;"]
    for phone in draw(st.lists(PHONE, max_size=3)):
        kind = draw(st.sampled_from(["CELL", "WORK", "HOME", "VOICE"]))
        lines.append(f"TEL;TYPE={kind}:{phone}" if version != "2.1" else f"TEL;{kind}:{phone}")
    if draw(st.booleans()):
        note = draw(TEXT).replace(",", "\\,").replace(";", "\\;") * draw(st.integers(1, 6))
        folded = "NOTE:" + note
        if version != "2.1" and len(folded) > 60:
            folded = folded[:60] + newline + " " + folded[60:]
        lines.append(folded)
    if version == "2.1" and draw(st.booleans()):
        # 2.1 allows a card nested in a card; it must travel inside its parent.
        lines += ["BEGIN:VCARD", "VERSION:2.1", f"FN:{draw(TEXT)}", "END:VCARD"]
    lines.append("END:VCARD")
    return newline.join(lines) + newline


@st.composite
def export(draw: st.DrawFn) -> tuple[bytes, list[ContactClass]]:
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    cards = draw(st.lists(vcard(newline), min_size=1, max_size=6))
    parts = []
    for card in cards:
        parts.append(card)
        parts.append(draw(st.sampled_from(["", newline, newline * 2, "junk line" + newline])))
    text = "".join(parts)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # the last card without a final line break
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "shift_jis"]))
    labels = draw(st.lists(CLASSES, min_size=len(cards), max_size=len(cards)))
    return text.encode(encoding), labels


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(export())
def test_generated_vcard_exports_split_exactly(case: tuple[bytes, list[ContactClass]]) -> None:
    data, labels = case
    engine = FakeEngine(dict(enumerate(labels)))
    with tempfile.TemporaryDirectory() as directory:
        base = Path(directory)
        source = base / "export.vcf"
        source.write_bytes(data)
        out = base / "out"
        out.mkdir()
        plan = split_and_check(source, engine, out)
        assert len(plan.top_level()) == len(labels)


CSV_HEADER = "First Name,Last Name,Mobile Phone,E-mail Address,Notes"
NOTE = st.text(alphabet=st.sampled_from(list('abc山田さくら ,;"\n0123')), min_size=0, max_size=25)


@st.composite
def csv_export(draw: st.DrawFn) -> tuple[bytes, list[ContactClass]]:
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        note = draw(NOTE).replace("\n", newline)
        quoted = '"' + note.replace('"', '""') + '"'
        cells = [draw(TEXT).replace(",", " ").replace(";", " ") or "x", "Yamada", draw(PHONE)]
        rows.append(",".join([*cells, "someone@example.jp", quoted]))
    text = CSV_HEADER + newline + newline.join(rows) + newline
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp932"]))
    labels = draw(st.lists(CLASSES, min_size=len(rows), max_size=len(rows)))
    return text.encode(encoding), labels


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_export())
def test_generated_csv_exports_split_exactly(case: tuple[bytes, list[ContactClass]]) -> None:
    data, labels = case
    engine = FakeEngine(dict(enumerate(labels)))
    with tempfile.TemporaryDirectory() as directory:
        base = Path(directory)
        source = base / "contacts.csv"
        source.write_bytes(data)
        out = base / "out"
        out.mkdir()
        plan = split_and_check(source, engine, out)
        assert plan.extension == "csv"
        assert len(plan.top_level()) == len(labels)
        header_end = plan.prefix[1]
        assert (
            data[:header_end]
            .decode(plan.info.encoding or "utf-8")
            .lstrip("\ufeff")
            .startswith("First Name")
        )
