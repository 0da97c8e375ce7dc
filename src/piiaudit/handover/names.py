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

from piiaudit.textnorm import readable

__all__ = ["readable"]
