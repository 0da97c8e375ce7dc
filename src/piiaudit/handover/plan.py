"""The split plan: which byte ranges of the input go to which output file.

A split must lose nothing and invent nothing, so it never re-encodes a card: it
copies the exact bytes the reader located (``Contact.source.start/end``). This
module turns the reader's spans and the decisions into a plan and checks that
the spans make sense (inside the file, in order, not overlapping) before a
single byte is written.

What is *not* a contact is not copied: blank lines and junk between vCards, and
bytes after the last CSV record. They are counted (``gaps``) so the manifest and
the terminal can say so; non-blank ones trigger a warning.

One thing is added: a card the reader had to close itself (no ``END:VCARD`` before
the next ``BEGIN:VCARD`` or the end of the file) is followed by the ``END:VCARD``
line it lacks (``missing_ends``). Copied as it is, it would leave an unterminated
card, or one nested in the next, which importers refuse: the outputs would no
longer give back the contacts that were read. Likewise a card the reader read without
its first lines (``missing_begins``): one that starts at its ``VERSION`` gets the
``BEGIN:VCARD`` before it, one cut off at the top of the file (no ``BEGIN`` nor
``VERSION``) both, with the version of the file's other cards; copied bare, its lines
were junk between cards to every importer, and a contact handed over was lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from piiaudit.errors import InputError
from piiaudit.handover.decide import DESTINATIONS, Decision, Evaluator, decide
from piiaudit.handover.overrides import OverrideSet
from piiaudit.model import Contact, ContactClass, FileInfo
from piiaudit.parsers.vcard_cut import CUT_CARD

BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BLANK = frozenset(b" \t\r\n\x00\x0b\x0c")
_CHUNK = 1 << 20
ORDER = tuple(DESTINATIONS.values())  # business, private, review
GROUPS_TO = DESTINATIONS[ContactClass.PRIVATE]  # where address-book group cards are copied
# How the vCard reader's issue begins when it closed a card itself ("...; closed at the
# next BEGIN:VCARD" or "...; closed at end of file"); the issue is on the innermost card.
NO_END = "card has no END:VCARD"
# How the vCard reader's issues begin when a card lacked its first line, or lines.
NO_BEGIN = "card has no BEGIN:VCARD"
# How the CSV reader's issue begins when a cell opened a quote it never closed.
UNBALANCED = "unbalanced quote"


@dataclass(frozen=True, slots=True)
class Gap:
    """Bytes of the input that belong to no contact: not copied, except address-book
    group cards (``groups``: how many; they go to the private file)."""

    start: int
    end: int
    line: int
    blank: bool
    groups: int = 0

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class SplitPlan:
    """Everything needed to write the outputs and the manifest, decided up front.

    ``prefix`` is copied at the head of every output: the CSV header (with any
    BOM), or a vCard file's byte-order mark, so each output decodes like the input.
    """

    path: Path
    info: FileInfo
    size: int
    decisions: list[Decision]
    prefix: tuple[int, int] = (0, 0)
    gaps: list[Gap] = field(default_factory=list)
    stamp: tuple[int, int] = (0, 0)  # (size, mtime_ns) when read: the input must not change
    # Top-level contact index -> END:VCARD lines to write after its bytes (the reader
    # closed the card itself; a 2.1 card left open inside it needs its own END too).
    missing_ends: dict[int, int] = field(default_factory=dict)
    # Top-level contact index -> lines to write before its bytes (BEGIN:VCARD, VERSION).
    missing_begins: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # Top-level CSV record start -> its bytes written again (parsers.csv_rewrite): a record
    # with a quote never closed, copied as it is, makes standard readers swallow the
    # records after it in the output file (the company's import lost contacts).
    rewrites: dict[int, bytes] = field(default_factory=dict)
    # The phone region numbers without +country were read in, and whether someone chose it
    # (--region, the company profile) or it was the default: recorded in the manifest, so
    # that minimize reads the business file's numbers as split read them (a Dutch
    # 06-12345678 read as Japanese is a landline, and was handed over, QA hand-over).
    region: str = "JP"
    region_chosen: bool = False
    # The decisions by their contact's index, and each contact's outermost card (see
    # destination); rebuilt by redecide.
    _index: dict[int, Decision] | None = field(default=None, repr=False, compare=False)
    _outer: dict[int, tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    @property
    def extension(self) -> str:
        return "csv" if self.info.format == "csv" else "vcf"

    def file_name(self, destination: str) -> str:
        return f"{destination}.{self.extension}"

    def top_level(self) -> list[Decision]:
        """Contacts that own their bytes (nested 2.1 cards travel inside their parent)."""
        return [d for d in self.decisions if d.result.contact.source.parent is None]

    def destination(self, decision: Decision) -> str:
        """Where a contact's bytes end up: its own class, or its outermost card's.

        Every contact's outermost card is found once, in one pass over the plan
        (:func:`_outermost`), not by a walk up the parents per call: nested 2.1 cards
        can be tens of thousands deep (a hostile file, QA round 6), and ``counts``,
        the manifest and the dry run ask about every card, which walked the whole
        chain each time (50,000 levels never finished, QA hostile F3)."""
        if self._index is None or self._outer is None:
            self._index = {d.result.contact.source.index: d for d in self.decisions}
            self._outer = _outermost({i: d.result.contact for i, d in self._index.items()})
        own = decision.result.contact.source.index
        top = self._outer.get(own, (own, 1))[0]
        return decision.destination if top == own else self._index[top].destination

    def spans(self, destination: str) -> list[tuple[int, int]]:
        """The byte ranges of ``destination``'s file, in input order."""
        return [_span(d.result.contact) for d in self.top_level() if d.destination == destination]

    def pieces(self, destination: str) -> list[tuple[int, int, int, tuple[str, ...]]]:
        """``spans`` with the number of ``END:VCARD`` lines to add after each and the
        lines to add before it, in input order; the private file also takes the
        address-book group cards (vCard 4.0 ``KIND:group``): the owner's own way of
        filing people, never the company's."""
        pieces = [
            (
                *_span(d.result.contact),
                self.missing_ends.get(d.result.contact.source.index, 0),
                self.missing_begins.get(d.result.contact.source.index, ()),
            )
            for d in self.top_level()
            if d.destination == destination
        ]
        if destination == GROUPS_TO:
            groups = ((g.start, g.end, 0, ()) for g in self.gaps if g.groups)
            pieces = sorted([*pieces, *groups])
        return pieces

    def requoted(self) -> list[Decision]:
        """Top-level CSV records written again with their quotes closed, in input order."""
        return [d for d in self.top_level() if d.result.contact.source.start in self.rewrites]

    def unbalanced(self) -> list[Decision]:
        """Top-level CSV records the reader found a quote never closed in."""
        if self.info.format != "csv":
            return []
        return [
            d
            for d in self.top_level()
            if any(i.message.startswith(UNBALANCED) for i in d.result.contact.issues)
        ]

    def closed_by_reader(self) -> list[Decision]:
        """Top-level contacts that get an added ``END:VCARD``, in input order."""
        return [d for d in self.top_level() if d.result.contact.source.index in self.missing_ends]

    def opened_by_split(self) -> list[Decision]:
        """Top-level contacts that get their missing ``BEGIN:VCARD`` lines, in input order."""
        return [d for d in self.top_level() if d.result.contact.source.index in self.missing_begins]

    def counts(self) -> dict[str, int]:
        """Contacts per output, nested cards counted where their parent goes."""
        counts = dict.fromkeys(ORDER, 0)
        for decision in self.decisions:
            counts[self.destination(decision)] += 1
        return counts

    def review(self) -> list[Decision]:
        """Top-level contacts still undecided, in input order (what ``--interactive`` asks)."""
        return [d for d in self.top_level() if d.label is ContactClass.UNKNOWN]

    def redecide(self, overrides: OverrideSet) -> None:
        """Apply ``overrides`` again, after new answers were added to it."""
        self.decisions = _hold_mixed([decide(d.result, overrides) for d in self.decisions])
        self._index = self._outer = None


def build_plan(
    path: Path,
    info: FileInfo,
    contacts: Iterable[Contact],
    evaluator: Evaluator,
    overrides: OverrideSet | None,
    data_size: int,
    head: bytes,
) -> SplitPlan:
    """Evaluate and decide every contact, then check the spans against the file.

    ``head`` is the first few bytes of the file (for the BOM); ``data_size`` its
    length in bytes. Raises :class:`InputError` when a span cannot be trusted:
    copying it would lose or duplicate data.
    """
    decisions = _hold_mixed([decide(evaluator.evaluate(c), overrides) for c in contacts])
    plan = SplitPlan(path=path, info=info, size=data_size, decisions=decisions)
    plan.missing_ends = _missing_ends(decisions)
    plan.missing_begins = _missing_begins(decisions)
    spans = _checked_spans(plan)
    plan.prefix = _prefix(info, spans, data_size, head)
    return plan


def find_gaps(plan: SplitPlan, handle: BinaryIO) -> list[Gap]:
    """Ranges outside the prefix and every card, with their line and whether they are blank.

    Reads only the gaps themselves plus one streaming pass to number lines, so a
    large export with photos is never held in memory.
    """
    covered = sorted([plan.prefix, *(_span(d.result.contact) for d in plan.top_level())])
    ranges = []
    position = 0
    for start, end in covered:
        if start > position:
            ranges.append((position, start))
        position = max(position, end)
    if position < plan.size:
        ranges.append((position, plan.size))
    lines = _lines_at(handle, [start for start, _ in ranges])
    gaps = []
    for (start, end), line in zip(ranges, lines, strict=True):
        handle.seek(start)
        chunk = handle.read(end - start)
        gaps.append(Gap(start, end, line, all(b in _BLANK for b in chunk), _group_cards(chunk)))
    return gaps


def _group_cards(chunk: bytes) -> int:
    """How many address-book group cards a gap is, if it is nothing else (the reader
    skips them: they are no contacts): each ``BEGIN:VCARD`` ... ``END:VCARD`` with a
    ``KIND:group`` (Apple's ``X-ADDRESSBOOKSERVER-KIND:group`` too); 0 for anything
    else between cards, which stays junk. Consecutive group cards make one gap."""
    text = chunk.strip().upper()
    if not (text.startswith(b"BEGIN:VCARD") and text.endswith(b"END:VCARD")):
        return 0
    cards = text.count(b"BEGIN:VCARD")
    return cards if cards == text.count(b"END:VCARD") == text.count(b"KIND:GROUP") else 0


def _lines_at(handle: BinaryIO, offsets: list[int]) -> list[int]:
    """The 1-based line number at each of the sorted ``offsets``, in one pass."""
    lines = []
    handle.seek(0)
    position = 0
    newlines = 0
    for offset in offsets:
        while position < offset:
            chunk = handle.read(min(_CHUNK, offset - position))
            if not chunk:
                break
            newlines += chunk.count(b"\n")
            position += len(chunk)
        lines.append(newlines + 1)
    return lines


def _hold_mixed(decisions: list[Decision]) -> list[Decision]:
    """The decisions, with a business card that carries a card of another class inside
    it (a vCard 2.1 card nested in it) sent to review instead.

    A nested card's bytes travel inside its outermost card, so such a card in
    ``business.vcf`` handed the owner's mother, with her health note, to the company
    (security review, QA round 7). A card the user decided with an override stays as
    decided: the manifest lists what it carries."""
    by_index = {d.result.contact.source.index: d for d in decisions}
    top_of: dict[int, int] = {}  # a parent comes before its cards: one pass, linear
    mixed: set[int] = set()
    for decision in decisions:
        source = decision.result.contact.source
        parent = source.parent
        top = top_of.get(parent, source.index) if parent is not None else source.index
        top_of[source.index] = top
        outer = by_index[top]
        if (
            top != source.index
            and decision.label is not ContactClass.BUSINESS
            and outer.label is ContactClass.BUSINESS
            and outer.override is None
        ):
            mixed.add(top)
    if not mixed:
        return decisions
    return [
        replace(d, label=ContactClass.UNKNOWN) if d.result.contact.source.index in mixed else d
        for d in decisions
    ]


def _missing_ends(decisions: list[Decision]) -> dict[int, int]:
    """Top-level index -> END lines the reader found missing. The reader puts its issue
    on the innermost open card and closes every card around it, so a card at nesting
    depth ``d`` (1 at top level) stands for ``d`` missing ends."""
    contacts = {d.result.contact.source.index: d.result.contact for d in decisions}
    outer = _outermost(contacts)
    missing: dict[int, int] = {}
    for index, contact in contacts.items():
        if not any(issue.message.startswith(NO_END) for issue in contact.issues):
            continue
        top, depth = outer[index]
        missing[top] = max(missing.get(top, 0), depth)
    return missing


def _outermost(contacts: Mapping[int, Contact]) -> dict[int, tuple[int, int]]:
    """Each contact's outermost card and its nesting depth in it (1 at top level), by
    index; a parent that is not among ``contacts`` ends the chain.

    Each card is placed once: a walk up the parents stops at the first card already
    placed, and the cards it passed are placed on the way back. The time is linear in
    the cards however deep they nest; a walk to the top per card was quadratic: 20,000
    cards deep took minutes, a crafted 3 MB export 50,000 deep did not finish (QA
    hostile F3). A parent chain that
    came back to a card on the walk (no reader makes one) is cut there."""
    found: dict[int, tuple[int, int]] = {}
    for contact in contacts.values():
        path: list[int] = []
        on_path: set[int] = set()
        node = contact
        while True:
            index = node.source.index
            if index in found:
                top, depth = found[index]
                break
            path.append(index)
            on_path.add(index)
            parent = node.source.parent
            if parent is None or parent not in contacts or parent in on_path:
                top, depth = index, 0
                break
            node = contacts[parent]
        for index in reversed(path):
            depth += 1
            found[index] = (top, depth)
    return found


def _missing_begins(decisions: list[Decision]) -> dict[int, tuple[str, ...]]:
    """Top-level index -> the opening lines its card lacked (see the module docstring)."""
    contacts = [d.result.contact for d in decisions if d.result.contact.source.parent is None]
    versions = Counter(c.version for c in contacts if c.version in ("2.1", "3.0", "4.0"))
    version = versions.most_common(1)[0][0] if versions else "3.0"
    missing: dict[int, tuple[str, ...]] = {}
    for contact in contacts:
        for issue in contact.issues:
            if issue.message.startswith(CUT_CARD):
                missing[contact.source.index] = ("BEGIN:VCARD", f"VERSION:{version}")
            elif issue.message.startswith(NO_BEGIN):
                missing[contact.source.index] = ("BEGIN:VCARD",)
    return missing


def _span(contact: Contact) -> tuple[int, int]:
    return contact.source.start, contact.source.end


def _checked_spans(plan: SplitPlan) -> list[tuple[int, int]]:
    """Top-level spans in order; refuse empty, out-of-file or overlapping ones."""
    spans = []
    previous_end = 0
    for decision in plan.top_level():
        source = decision.result.contact.source
        start, end = source.start, source.end
        if not 0 <= start < end <= plan.size:
            raise InputError(
                str(plan.path),
                f"contact {source.index}: the reader gave no usable byte range "
                f"({start}..{end} in a {plan.size}-byte file); refusing to split",
                source.line or None,
            )
        if start < previous_end:
            raise InputError(
                str(plan.path),
                f"contact {source.index}: its bytes overlap the previous contact; "
                "refusing to split",
                source.line or None,
            )
        previous_end = end
        spans.append((start, end))
    return spans


def _prefix(
    info: FileInfo, spans: list[tuple[int, int]], size: int, head: bytes
) -> tuple[int, int]:
    """CSV: everything before the first record (header, BOM); a header-only file is all
    prefix. vCard: the byte-order mark, when the first card starts after it."""
    first = spans[0][0] if spans else size
    if info.format == "csv":
        return 0, first
    for bom in BOMS:
        if head.startswith(bom) and first >= len(bom):
            return 0, len(bom)
    return 0, 0
