"""An HTML or CSV report printed on a terminal cannot drive it.

Those formats write a contact's text as it is (markup and formula escaping only): a
name or e-mail domain holding ESC [2J, an OSC title sequence or U+202E cleared the
screen or reordered the line when the report went to a terminal (QA round 6). On a
terminal, their control characters are written as visible escapes; piped or written
to a file, the report is unchanged. All data fictional."""

from __future__ import annotations

import io

import pytest

from piiaudit.cli import output
from piiaudit.reporters.textsafe import visible_controls

HOSTILE = "max@evil\x1b[2J\x1b]0;PWNED\x07\u202e.example\x9b31m\rover\r\nnext\tcell\n"


class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_on_a_terminal_controls_are_shown_not_obeyed(
    monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    terminal = _Terminal(tty=True)
    monkeypatch.setattr(output.sys, "stdout", terminal)
    output._stdout(fmt).write(HOSTILE)
    written = terminal.getvalue()
    assert written == (
        "max@evil\\x1b[2J\\x1b]0;PWNED\\x07\\u202e.example\\x9b31m\\x0dover\r\nnext\tcell\n"
    )


@pytest.mark.parametrize(("fmt", "tty"), [("html", False), ("csv", False), ("json", True)])
def test_piped_or_escaped_elsewhere_the_text_is_unchanged(
    monkeypatch: pytest.MonkeyPatch, fmt: str, tty: bool
) -> None:
    terminal = _Terminal(tty=tty)
    monkeypatch.setattr(output.sys, "stdout", terminal)
    output._stdout(fmt).write(HOSTILE)
    assert terminal.getvalue() == HOSTILE


def test_plain_text_is_returned_as_it_is() -> None:
    text = '<td>山田 太郎</td>\r\n\'=HYPERLINK("x")\t2\n'
    assert visible_controls(text) is text
