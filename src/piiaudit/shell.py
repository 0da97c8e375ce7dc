"""Words of a command line the user may paste into a shell.

The reports and the hand-over print commands that name the user's own files
(``piiaudit split 顧客 一覧.vcf --out-dir handover``). A printed command is only worth
pasting if it runs as printed, on the file it names:

- a name of letters (in any script), digits and ``@%+=:,./-`` is written as it is;
  any other is single-quoted (:func:`shlex.quote`);
- a relative name starting with ``-`` gets ``./`` before it, or the command takes it
  for an option (``--out-dir ./-out`` was printed as ``-out``: diff review);
- a name holding a line break, another control or format character (a right-to-left
  override) or a byte that is not UTF-8 is written in ANSI-C quotes (``$'caf\\xe9.vcf'``,
  bash and zsh): printed as it was, the report's own cleaning made it another name.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from pathlib import PurePath

__all__ = ["command_line", "shell_word"]

_PLAIN = re.compile(r"[\w@%+=:,./-]+")
_OPTION = re.compile(r"--?[A-Za-z][A-Za-z-]*")
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})  # categories a terminal does not show
_BYTE = range(0xDC80, 0xDD00)  # os.fsdecode's stand-ins for bytes that are not UTF-8


def shell_word(text: str | PurePath) -> str:
    """``text``, a file or folder name, as one shell word (see the module docstring)."""
    word = str(text)
    if word.startswith("-"):
        word = "./" + word
    if any(unicodedata.category(ch) in _HIDDEN for ch in word):
        return _ansi_c(word)
    if word and _PLAIN.fullmatch(word):
        return word
    return shlex.quote(word)


def command_line(*words: str | PurePath | None) -> str:
    """``piiaudit`` and ``words`` (``None`` left out) as one command line: an option
    (``--force``, ``-o``) as it is, every other word as a name (:func:`shell_word`)."""
    out = ["piiaudit"]
    for word in words:
        if word is None:
            continue
        if isinstance(word, str) and _OPTION.fullmatch(word):
            out.append(word)
        else:
            out.append(shell_word(word))
    return " ".join(out)


def _ansi_c(word: str) -> str:
    r"""``word`` in ANSI-C quotes: ``\xNN`` for a byte that is not UTF-8 and for each
    byte of a hidden character, ``\'`` and ``\\``."""
    out = []
    for ch in word:
        code = ord(ch)
        if code in _BYTE:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch in "'\\":
            out.append("\\" + ch)
        elif unicodedata.category(ch) in _HIDDEN:
            out.append(_escape(code))
        else:
            out.append(ch)
    return "$'" + "".join(out) + "'"


def _escape(code: int) -> str:
    """A hidden character as the ``\\xNN`` of its UTF-8 bytes (``\\u`` depends on the
    shell's locale)."""
    return "".join(f"\\x{byte:02x}" for byte in chr(code).encode("utf-8"))
