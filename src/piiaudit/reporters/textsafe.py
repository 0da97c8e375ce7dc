"""Make contact data safe to print on a terminal.

A contact's name or note is attacker-controlled text: ``\\x1b]0;pwned\\x07`` would
retitle the window, ``\\x1b[2J`` would clear the screen, and bidi overrides can
make ``exe.txt`` read as ``txt.exe``. Everything from a contact goes through
:func:`printable` before the terminal reporter shows it.
"""

from __future__ import annotations

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), then any other two-byte escape.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?", re.S)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """``text`` without escape sequences, control characters or bidi overrides.

    Line breaks and tabs become a space, so a multi-line note stays on its line.
    """
    text = _ESCAPES.sub("", text)
    out = []
    for ch in text:
        if ch in "\n\r\t":
            out.append(" ")
        elif ch in _BIDI or unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


_INVISIBLE = re.compile("[\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")


# A lone CR too: on a terminal it returns to the line's start and text overwrites it.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]|\r(?!\n)"
)


def visible_controls(text: str) -> str:
    """``text`` with control characters (but tab, LF and CRLF) and bidi overrides
    written as visible escapes (``\\x1b``, ``\\u202e``): for an HTML or CSV report sent
    to a terminal, where they would act (QA round 6), while every other character,
    markup included, stays as it is."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(_shown, text)


_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(_BIDI)) + "]")


def visible(text: str) -> str:
    """``text`` for one terminal line with every control character, bidi override and
    lone surrogate written as a visible escape (``\\x1b``, ``\\u202e``, ``\\xff`` for a
    byte that was not UTF-8), for file names and the tool's own messages.

    :func:`printable` drops such characters, fine for a contact's note but not for a
    file's name: ``evil<ESC>.vcf`` then showed as ``evil.vcf``, another file's name
    (QA round 6), and an undecodable byte as a literal ``\\udcff``."""
    if _UNSEEN.search(text) is None:
        return text
    return _UNSEEN.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte surrogateescape kept: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_safe(document: str) -> str:
    """JSON text with DEL, C1 controls and bidi overrides written as ``\\uXXXX`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` escapes only C0 controls, so ``\\x9b``
    (a one-byte CSI) or U+202E would reach a terminal that shows the JSON. These
    characters only occur inside JSON strings, where an escape means the same.
    """
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
