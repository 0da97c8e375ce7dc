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


def json_safe(document: str) -> str:
    """JSON text with DEL, C1 controls and bidi overrides written as ``\\uXXXX`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` escapes only C0 controls, so ``\\x9b``
    (a one-byte CSI) or U+202E would reach a terminal that shows the JSON. These
    characters only occur inside JSON strings, where an escape means the same.
    """
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
