"""How a text that is not valid Unicode is written where only valid UTF-8 may go.

A file name on Linux is bytes: ``caf\\xe9.vcf`` (Latin-1, from an old archive or a
Windows share) is a legal name that is not UTF-8. Python keeps such a byte as a lone
surrogate (``os.fsdecode``: U+DCE9), which cannot be encoded: writing it to
``manifest.json``, an override file or a strict terminal fails. The hand-over writes
each such byte as the backslash escape ``\\xNN`` instead (the convention of Python's
``backslashreplace``): the result is valid UTF-8 and still names the file for a
person, and a name that is valid UTF-8 is written unchanged.
"""

from __future__ import annotations

import re

from piiaudit.textnorm import SURROGATE

_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # os.fsdecode's stand-ins for bytes 0x80-0xff


def readable(text: str) -> str:
    """``text`` with every lone surrogate written as a backslash escape: an undecodable
    byte (U+DC80..U+DCFF) as ``\\xNN``, the byte it stands for; any other lone
    surrogate (from a broken UTF-16 text) as ``\\uXXXX``."""
    if text.isascii() or SURROGATE.search(text) is None:
        return text
    return SURROGATE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in _ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"
