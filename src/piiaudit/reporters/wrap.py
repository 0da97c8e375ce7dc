"""Line wrapping that suits Japanese as well as English.

Rich wraps at spaces, which is right for English but breaks Japanese badly: a
sentence has no spaces, so a lone ``1`` or ``CRM`` is left at the end of a line
and the rest jumps to the next. :func:`fold` breaks between any two Japanese
characters, keeps ASCII words whole, and follows the basic kinsoku rules (no line
starts with 、。）」 and none ends with （「), which is how Japanese text is set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

_PIECES = re.compile(r"[\x21-\x7e]+|\s+|.", re.S)
NO_LINE_START = frozenset("、。，．・：；？！）」』】〕〉》ー～…")
NO_LINE_END = frozenset("（「『【〔〈《")


def _split_long(piece: str, width: int) -> list[str]:
    chunks, current = [], ""
    for ch in piece:
        if current and cell_len(current + ch) > width:
            chunks.append(current)
            current = ""
        current += ch
    return [*chunks, current] if current else chunks


def _pieces(text: str, width: int) -> Iterable[str]:
    for piece in _PIECES.findall(text):
        if piece.isspace():
            yield " "
        elif cell_len(piece) > width:
            yield from _split_long(piece, width)
        else:
            yield piece


def fold(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells (one line per ``\\n`` at least)."""
    if width < 2:
        return text.split("\n")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        for piece in _pieces(paragraph, width):
            if piece == " " and not line:
                continue
            if cell_len("".join(line) + piece) <= width:
                line.append(piece)
                continue
            carry: list[str] = []
            while line and line[-1] == " ":
                line.pop()
            # Kinsoku: pull the last character down rather than start with 。 or end with 「.
            if len(line) > 1 and piece[0] in NO_LINE_START:
                carry.insert(0, line.pop())
            while len(line) > 1 and line[-1][-1] in NO_LINE_END:
                carry.insert(0, line.pop())
            if carry and cell_len("".join(carry) + piece) > width:
                line += carry  # too narrow to move anything down: keep the line as it was
                carry = []
            lines.append("".join(line).rstrip())
            line = [*carry, piece] if piece != " " else carry
        lines.append("".join(line).rstrip())
    return lines


class Para:
    """A paragraph rich renders with :func:`fold` at whatever width it is given."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in fold(self.text, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="ignore")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(4, widest), widest)
