"""``split`` of vCard 2.1 cards nested thousands deep (AGENT in AGENT in AGENT ..., QA
hostile F3): where a nested card goes is its outermost card's class, and that was found
by a walk up the parents for every card, every time a count, the manifest or the dry run
asked: quadratic, so a 3 MB export 50,000 cards deep never finished. Each card's
outermost card is now found once per plan. All data fictional."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, ClassVar

from handover_fakes import FakeEngine
from handover_setup import run_handover

from piiaudit.handover.overrides import Override, OverrideSet
from piiaudit.handover.plan import SplitPlan, build_plan, find_gaps
from piiaudit.model import Contact, ContactClass, FileInfo, SourceRef


class _CountedContact(Contact):
    """A contact that counts how often anything reads its ``source``: the walk up the
    parents reads one per step, so the count is the work done, with no clock."""

    reads: ClassVar[int] = 0

    def __getattribute__(self, name: str) -> Any:
        if name == "source":
            _CountedContact.reads += 1
        return super().__getattribute__(name)


def _chain(depth: int, size: int) -> list[Contact]:
    """One top-level card spanning the file and ``depth - 1`` cards each nested in the
    one before, as the reader gives an AGENT chain (a parent before its cards)."""
    top = _CountedContact(source=SourceRef("deep.vcf", 0, 1, 0, size, None))
    nested = [
        _CountedContact(source=SourceRef("deep.vcf", i, i + 1, i, i + 1, i - 1))
        for i in range(1, depth)
    ]
    return [top, *nested]


def _plan(depth: int, labels: dict[int, ContactClass]) -> SplitPlan:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Deep\r\nEND:VCARD\r\n"
    info = FileInfo(path="deep.vcf", format="vcard", dialect="vcard-2.1", encoding="utf-8")
    engine = FakeEngine(labels)
    plan = build_plan(
        Path("deep.vcf"), info, _chain(depth, len(data)), engine, None, len(data), b""
    )
    plan.gaps = find_gaps(plan, io.BytesIO(data))
    return plan


def test_every_card_of_a_deep_chain_is_placed_with_a_bounded_number_of_reads() -> None:
    depth = 3000
    plan = _plan(depth, dict.fromkeys(range(depth), ContactClass.PRIVATE))
    _CountedContact.reads = 0
    counts = plan.counts()
    places = {plan.destination(d) for d in plan.decisions}
    assert counts == {"business": 0, "private": depth, "review": 0}
    assert places == {"private"}
    # A walk to the top per card read about depth**2 / 2 sources (4.5 million here);
    # placing each card once reads a few per card.
    assert _CountedContact.reads <= 10 * depth


def test_an_answer_on_the_outermost_card_moves_the_whole_chain() -> None:
    # The places are found again after new answers (split --interactive): a stale
    # answer would leave 2,999 cards where the engine had put them.
    depth = 3000
    plan = _plan(depth, dict.fromkeys(range(depth), ContactClass.UNKNOWN))
    assert plan.counts() == {"business": 0, "private": 0, "review": depth}
    plan.redecide(OverrideSet([Override("index", "0", ContactClass.PRIVATE, "mine")]))
    assert plan.counts() == {"business": 0, "private": depth, "review": 0}
    assert {plan.destination(d) for d in plan.decisions} == {"private"}


def _agent_chain(depth: int, *, ends: bool = True) -> str:
    """Sentinel customers around one card whose AGENT holds a card whose AGENT holds a
    card ... ``depth`` deep (``gen_extra.py`` section 17's shape, smaller)."""
    sentinel = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Sentinel;Ken{n};;;\r\nFN:Ken{n} Sentinel\r\n"
        "ORG:Example Trading KK\r\nTITLE:Manager\r\nTEL;WORK:03-5550-{n:04d}\r\n"
        "EMAIL;WORK:ken{n}@example-trading.example.com\r\nEND:VCARD\r\n"
    )
    opening = "".join(
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Deep{level}\r\nAGENT:\r\n" for level in range(depth)
    )
    closing = "END:VCARD\r\n" * depth if ends else ""
    return sentinel.format(n=1) + opening + closing + (sentinel.format(n=2) if ends else "")


def test_the_dry_run_lists_every_nested_card_where_its_outermost_card_goes(tmp_path: Path) -> None:
    depth = 400
    export = tmp_path / "agents.vcf"
    export.write_text(_agent_chain(depth), encoding="utf-8")
    result = run_handover("split", str(export), "--out-dir", str(tmp_path / "out"), "--dry-run")
    assert result.exit_code == 0, result.output
    summary = f"{depth + 2} contacts read from {export}: 2 business, 0 private, {depth} to review."
    assert summary in result.output
    listed = [row for row in result.output.splitlines() if row.startswith("  #")]
    assert len(listed) == depth + 2
    assert sum("-> review.vcf (" in row for row in listed) == depth
    assert not (tmp_path / "out").exists()


def test_a_deep_chain_cut_off_at_the_end_gets_every_end_line_back(tmp_path: Path) -> None:
    # The reader closes every open card at the end of the file; split adds one END:VCARD
    # per level, counted from the innermost card's depth in its outermost card.
    depth = 500
    text = _agent_chain(depth, ends=False)
    export = tmp_path / "cut.vcf"
    export.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_handover("split", str(export), "--out-dir", str(out))
    assert result.exit_code == 0, result.output
    chain = text[text.index("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Deep0") :]
    assert (out / "review.vcf").read_bytes() == (chain + "END:VCARD\r\n" * depth).encode()
