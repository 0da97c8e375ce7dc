"""The commands the hand-over suggests, written so that they can be pasted into a shell.

A hint that names the user's own files (``piiaudit split 顧客 一覧.vcf``) is only worth
pasting if it runs: a file name with a space or a quote is quoted, one of letters (in
any script), digits and ``@%+=:,./-`` is written as it is. A placeholder such as
``EXPORT.vcf`` where the file is known made the user retype it (QA hand-over).
"""

from __future__ import annotations

import re
import shlex
from pathlib import PurePath

from piiaudit.textnorm import readable

# shlex.quote's safe characters, with letters of any script: 顧客.vcf needs no quotes.
_UNSAFE = re.compile(r"[^\w@%+=:,./-]")


def shell_word(text: str | PurePath) -> str:
    """``text`` as one shell word: as it is when it holds nothing a shell reads
    specially, else single-quoted (:func:`shlex.quote`)."""
    word = readable(str(text))
    if word and not _UNSAFE.search(word):
        return word
    return shlex.quote(word)


def command(*words: str | PurePath | None) -> str:
    """``piiaudit`` and ``words`` (``None`` left out) as one command line, each word
    quoted as needed (:func:`shell_word`; an option such as ``--force`` needs none)."""
    return " ".join(["piiaudit", *(shell_word(w) for w in words if w is not None)])
