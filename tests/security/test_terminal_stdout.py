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
from piiaudit.reporters.textsafe import visible, visible_controls

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
    output.stdout_stream(fmt).write(HOSTILE)
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
    output.stdout_stream(fmt).write(HOSTILE)
    assert terminal.getvalue() == HOSTILE


def test_plain_text_is_returned_as_it_is() -> None:
    text = '<td>山田 太郎</td>\r\n\'=HYPERLINK("x")\t2\n'
    assert visible_controls(text) is text


def test_file_names_show_their_controls_instead_of_losing_them() -> None:
    # Dropped, "evil<ESC>]0;PWNED<BEL>.vcf" showed as "evil]0;PWNED.vcf" and
    # "bidi<U+202E>gpj.vcf" as "bidigpj.vcf": another, possibly existing, file's name.
    assert visible("evil\x1b]0;PWNED\x07.vcf") == "evil\\x1b]0;PWNED\\x07.vcf"
    assert visible("bidi\u202egpj.vcf") == "bidi\\u202egpj.vcf"
    assert visible("bad\udcff\udcfeutf8.vcf") == "bad\\xff\\xfeutf8.vcf"  # the bytes on disk
    assert visible("a\nb\tc") == "a\\x0ab\\x09c"  # one line per name
    assert visible("連絡先 2024.vcf") == "連絡先 2024.vcf"
