"""Escaping and line folding shared by the vCard writers."""

from __future__ import annotations

import base64

FOLD_OCTETS = 75


def escape_text(value: str) -> str:
    """vCard 3.0 TEXT escaping: backslash, comma, semicolon and newline."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def compound(*parts: str) -> str:
    """A structured value (N, ORG, ADR): components escaped, joined by ``;``."""
    return ";".join(escape_text(part) for part in parts)


def fold(line: str, indent: str = " ") -> list[str]:
    """Split one logical line into physical lines of at most 75 octets.

    Cuts only between characters, never inside a UTF-8 sequence (RFC 6350 §3.2
    asks for that and iOS does it), and starts every continuation with
    ``indent``.
    """
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = FOLD_OCTETS - (len(indent) if out else 0)
        if size + width > limit:
            out.append(current if not out else indent + current)
            current, size = "", 0
        current += char
        size += width
    out.append(current if not out else indent + current)
    return out


def base64_lines(prefix: str, data: bytes, indent: str) -> list[str]:
    """A base64 property folded the way Apple writes photos."""
    return fold(prefix + base64.b64encode(data).decode("ascii"), indent)
