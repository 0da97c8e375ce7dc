"""Line wrapping that suits Japanese as well as English.

Rich wraps at spaces, which is right for English but breaks Japanese badly: a
sentence has no spaces, so a lone ``1`` or ``CRM`` is left at the end of a line
and the rest jumps to the next, and ``なし 36`` splits between label and count.
:func:`fold` breaks between any two Japanese characters, keeps ASCII words whole
and follows the basic kinsoku rules (no line starts with 、。）」 or a small kana
and none ends with （「), which is how Japanese text is set. :class:`Para` renders text that
way; :meth:`Para.atoms` takes pieces that must never be split (a label with its
count), each with its own style.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

Piece = tuple[str, str]  # (text, rich style)

# ASCII words and Latin words with accents (geschäftlich, privée) are never split; any other
# character (Japanese) may be a line of its own.
_PIECES = re.compile(r"[\x21-\x7e\u00c0-\u024f]+|\s+|.", re.S)
# Small kana too (メ／ッセージ read badly), as JIS X 4051's stricter rule has it.
NO_LINE_START = frozenset(
    "、。，．・：；？！）」』】〕〉》ー～…)]},.;:!?ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
NO_LINE_END = frozenset("（「『【〔〈《([{")
SPACE = " "


def _split_long(text: str, width: int) -> list[str]:
    chunks, current = [], ""
    for ch in text:
        if current and cell_len(current + ch) > width:
            chunks.append(current)
            current = ""
        current += ch
    return [*chunks, current] if current else chunks


def _cut(pieces: Iterable[Piece], width: int) -> Iterable[Piece]:
    """Pieces as given, whitespace as at most two spaces, over-wide pieces cut."""
    for text, style in pieces:
        if text.isspace():
            yield SPACE * max(1, min(cell_len(text), 2)), ""
        elif cell_len(text) > width:
            yield from ((chunk, style) for chunk in _split_long(text, width))
        else:
            yield text, style


def _width(line: Sequence[Piece]) -> int:
    return sum(cell_len(text) for text, _ in line)


def layout(pieces: Iterable[Piece], width: int) -> list[list[Piece]]:
    """Greedy line filling over unbreakable pieces, with kinsoku at the breaks."""
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    for piece in _cut(pieces, max(width, 2)):
        text = piece[0]
        if text.isspace() and not line:
            continue
        if _width(line) + cell_len(text) <= width:
            line.append(piece)
            continue
        while line and line[-1][0].isspace():
            line.pop()
        carry: list[Piece] = []
        if text[0] in NO_LINE_START:
            # Move down the piece before it, and more while the moved piece may not start a
            # line either: ...2号）。 broke as "号）" | "。", then as "2号" | "）。" (blind JP QA).
            while len(line) > 1:
                carry.insert(0, line.pop())
                if carry[0][0][0] not in NO_LINE_START:
                    break
        while len(line) > 1 and line[-1][0][-1] in NO_LINE_END:
            carry.insert(0, line.pop())
        if carry and _width(carry) + cell_len(text) > width:
            line += carry  # too narrow to move anything down: keep the line as it was
            carry = []
        lines.append(line)
        line = [*carry, piece] if not text.isspace() else carry
    while line and line[-1][0].isspace():
        line.pop()
    lines.append(line)
    return lines


# A command in a sentence (``piiaudit split エクスポート.vcf --out-dir handover``): from
# ``piiaudit`` on, each word holding some ASCII (an option, a file name, a value) or in
# shell quotes. Its words are never split: a line broke 「エクス／ポート.vcf」, which
# cannot be copied back into a shell. The command ends at the first word of Japanese
# text alone, or at Japanese punctuation (``--interactive、または``).
# A shell word: quoted runs and other characters joined (o'"'"'brien list.vcf is one
# word; cut at its quotes, it broke inside the quotes: diff review).
_QUOTED = r"'[^'\n]*'|\"[^\"\n]*\""
_SHELL_WORD = rf"(?:{_QUOTED}|[^\s'\"、。，（）「」『』])+"
_COMMAND = re.compile(rf"piiaudit(?:[ \t]+(?=[^\s]*[\x21-\x7e])(?:{_SHELL_WORD}))+")
_COMMAND_WORD = re.compile(_SHELL_WORD)


def pieces_of(text: str, style: str = "") -> list[Piece]:
    """Free text as pieces: each Japanese character alone, ASCII words whole, and each
    word of a command whole (:data:`_COMMAND`): a command breaks only at its spaces."""
    if "piiaudit" not in text:  # nearly every sentence: no command in it
        return [(p, "" if p.isspace() else style) for p in _PIECES.findall(text)]
    pieces: list[Piece] = []
    at = 0
    for command in _COMMAND.finditer(text):
        pieces += [
            (p, "" if p.isspace() else style) for p in _PIECES.findall(text[at : command.start()])
        ]
        word_at = command.start()
        for word in _COMMAND_WORD.finditer(command.group()):
            start = command.start() + word.start()
            if start > word_at:
                pieces.append((SPACE, ""))
            pieces.append((word.group(), style))
            word_at = command.start() + word.end()
        at = command.end()
    pieces += [(p, "" if p.isspace() else style) for p in _PIECES.findall(text[at:])]
    return pieces


def spaced(*atoms: Piece, gap: str = "  ") -> list[Piece]:
    """Atoms with ``gap`` between them (where a line may break)."""
    out: list[Piece] = []
    for atom in atoms:
        if not atom[0]:
            continue
        if out:
            out.append((gap, ""))
        out.append(atom)
    return out


def fold(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells; ``\\n`` always starts a new line."""
    return [
        "".join(t for t, _ in line)
        for paragraph in text.split("\n")
        for line in layout(pieces_of(paragraph), width)
    ]


class Para:
    """A paragraph rich renders with :func:`layout` at whatever width it is given."""

    def __init__(self, text: str = "", style: str = "") -> None:
        self.paragraphs = [pieces_of(p, style) for p in text.split("\n")]

    @classmethod
    def atoms(cls, pieces: Iterable[Piece]) -> Para:
        """A line made of pieces that are never split (unless wider than the line)."""
        para = cls()
        para.paragraphs = [list(pieces)]
        return para

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for paragraph in self.paragraphs:
            for line in layout(paragraph, options.max_width):
                text = Text(no_wrap=True, overflow="ignore")
                for piece, style in line:
                    text.append(piece, style=style)
                yield text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((_width(p) for p in self.paragraphs), default=0)
        return Measurement(min(4, widest), widest)
