"""File names that name a contact the report's reader may not see.

"Share contact" on an iPhone or an Android phone saves one person as a file named
after them: ``鬼塚 雅美.vcf``, ``Lisa Wong and 3 others.vcf``, or the number when the
card has no name. Copied into an employee's folder, such a file's path named an
employee's private contact in every compliance report and on stderr, although
the contact inside is only counted (issue 6: "no private contact's name, number
or note in any form").

So, for an audience that may not see some contacts (``AuditOptions.unlisted``),
once a file has been read, a file whose name holds the name or number of one of
its unlisted contacts is shown under a placeholder, ``<folder>/[name withheld
#n].vcf`` (``n``: the input's number in the run, so two such files stay two).
The decision is taken where the file is read, before any part of the report is
built from it, so every format and every line on stderr shows the same path.

A file of a few contacts (:data:`_FEW`) is looked at for any part of their names:
the family or given name alone (``鬼塚.vcf``), a word of the name, the reading
(``おにづか まさみ.vcf``), a nickname, an e-mail address or its local part. The
folders between the employee's folder and the file are looked at too
(``tanaka/鬼塚 雅美/card.vcf``), and a withheld file is shown directly in its
employee's folder, without them.

A file named after its employee's own folder (``exports/鈴木太郎/鈴木太郎.vcf``)
keeps its name: it names the employee, whose own card it may hold; only the employee's
folder and the folders above it count so (``exports/tanaka/鬼塚 雅美/鬼塚 雅美.vcf`` is
withheld). So does a whole export named after its employee (``exports/鈴木太郎.vcf``)
holding the employee's own card among many: a shared file is named after its first
contact, so only the first contact's full name counts in a file of more than a few.
A name of one character must stand alone: a kanji with no kanji beside it (``母.vcf``,
``母 2.vcf``, ``お母さん.vcf``, not ``母艦.vcf``), anything else between separators; a
Latin name must be a whole word (``Ann`` is not in ``annual-export.vcf``). Katakana
and hiragana are one: a reading stored as ごとう names ``ゴトウ.vcf``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from piiaudit.model import Contact, ContactClass, ContactResult, FileResult, ParseIssue
from piiaudit.resources import read_shipped_yaml
from piiaudit.textnorm import normalize

# What separates the words of a name or a file name: anything but letters and digits.
_SEPARATORS = re.compile(r"[\W_]+")
_DIGIT_RUNS = re.compile(r"\d[\d\s().\-+]*\d")
_NON_DIGITS = re.compile(r"\D+")
# Scripts written without spaces between words: a name in them may touch other
# letters in a file name (鬼塚雅美さん.vcf); a Latin name must be a whole word (Ann is
# not in annual-export.vcf).
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003ffff]"
)

_MIN_NAME = 2  # characters, separators not counted
_FEW = 5  # contacts a shared file may hold that are all looked for in its name
_MIN_NUMBER = 8  # trailing digits of a phone number that must appear in the name


WITHHELD = "the file's name is withheld: it names a contact this report does not list"
WITHHELD_UNREAD = (
    "the file's name is withheld: nothing was read from it that could tell whether it "
    "names a contact this report does not list"
)


def placeholder(path: str, number: int, employee: str | None = None) -> str:
    """What a withheld file is shown as: its ``employee``'s folder (by default its own
    folder), ``[name withheld #number]``, its extension (when it is a plain one,
    ``.vcf`` or ``.csv``). The folders between are left out: one may name the contact."""
    folder, name = os.path.split(path)
    if employee is not None and _inside(folder, employee):
        folder = employee
    extension = os.path.splitext(name)[1]
    if not (extension[1:].isascii() and extension[1:].isalnum()):
        extension = ""
    return os.path.join(folder, f"[name withheld #{number}]{extension}")


def withheld(
    result: FileResult,
    path: str,
    shown: str,
    unlisted: frozenset[ContactClass],
    *,
    notice: bool = True,
    employee: str | None = None,
) -> FileResult:
    """``result`` under the path ``shown`` when its file's name holds the name or
    number of one of its contacts of an ``unlisted`` class, or when nothing was read
    from it; else ``result`` itself.

    Every place the path sits is changed: the file's info, its group when the
    group is the file (``--group-by file``), and each contact's source. With
    ``notice`` (a whole file, or a file's first piece), the file's issues say why,
    so that the reader of the report is not left guessing. ``employee`` is the
    employee's folder (see :func:`names_one_of`)."""
    if not all(r.classification.label in unlisted and _blank(r.contact) for r in result.contacts):
        few = len(result.contacts) <= _FEW
        hidden = [
            r.contact
            for r in result.contacts
            if r.classification.label in unlisted and (few or r.contact.source.index == 0)
        ]
        if not hidden or not names_one_of(path, hidden, employee, partial=few):
            return result
        why = WITHHELD
    elif _export_name(path, employee):
        return result  # contacts.vcf, phone-07.vcf: an export's own name, kept
    else:
        # Nothing read (an empty file, a binary one, unlisted cards with no name, number or
        # e-mail address): a failed share of a private contact (Zorblatt Hanako.vcf, 0
        # bytes) is named after them, and nothing here tells whose it is; its folder and
        # the reason stay (compliance QA F2).
        why = WITHHELD_UNREAD
    result.info.path = shown
    if notice:
        result.info.issues.insert(0, ParseIssue(0, why))
    if result.group == path:
        result.group = shown
    result.contacts = [_moved(r, path, shown) for r in result.contacts]
    return result


def names_one_of(
    path: str, contacts: Sequence[Contact], employee: str | None = None, *, partial: bool = False
) -> bool:
    """Whether the name of ``path`` holds the name or a phone number of one of
    ``contacts`` (with ``partial``, any part of their names: see the module), and the
    ``employee``'s folder (by default the file's own folder) and the folders above it
    do not hold that name. The name of ``path`` is its file name and the folders
    between the employee's folder and the file."""
    tail, employee = _below(path, employee)
    above = _folded(employee)
    return any(_names_one_of(_folded(t), above, contacts, partial) for t in _readings(tail))


def _below(path: str, employee: str | None) -> tuple[str, str]:
    """What of ``path`` may name a contact: the folders between its ``employee``'s folder
    (by default its own folder) and the file, and the file's name without its extension;
    and that employee's folder."""
    folders, name = os.path.split(path)
    if employee is None or not _inside(folders, employee):
        employee = folders
    return folders[len(employee) :] + os.sep + os.path.splitext(name)[0], employee


# The encodings a name that is not UTF-8 may be in: unzipping a Windows archive on Linux
# leaves Japanese names in CP932 bytes (鯱尾崎 ミツ子.vcf read as \xe9͔\xf6...: compliance
# QA), older Unix systems in EUC-JP, Western Windows in CP1252.
_LEGACY_ENCODINGS = ("cp932", "euc_jp", "cp1252")


def _readings(text: str) -> list[str]:
    """``text`` as read (bytes that are not UTF-8 held as surrogate escapes), and, when
    it holds such bytes, each legacy reading of its bytes that decodes cleanly."""
    if text.isascii() or not any("\udc80" <= char <= "\udcff" for char in text):
        return [text]
    raw = os.fsencode(text)
    readings = [text]
    for encoding in _LEGACY_ENCODINGS:
        try:
            readings.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return readings


def _names_one_of(stem: str, above: str, contacts: Sequence[Contact], partial: bool) -> bool:
    """:func:`names_one_of` on one reading of the file's name (``stem``, folded)."""
    squashed = _SEPARATORS.sub("", stem)
    runs = [_NON_DIGITS.sub("", run) for run in _DIGIT_RUNS.findall(stem)]
    for contact in contacts:
        for words in _name_words(contact, partial=partial):
            # Most names are not in the file name at all: a substring test rules them
            # out before a pattern is compiled (a 10,000-contact export has ~5,000).
            joined = "".join(words)
            if joined not in squashed:
                continue
            if len(joined) < _MIN_NAME:  # 母.vcf names 母, 母艦.vcf does not
                if _alone(joined, stem) and not _alone(joined, above):
                    return True
                continue
            pattern = _pattern(words)
            if pattern.search(stem) and not pattern.search(above):
                return True
        if runs and any(number in run for number in _numbers(contact) for run in runs):
            return True
    return False


def _export_name(path: str, employee: str | None) -> bool:
    """Whether every word of the file's name, and of the folders between its employee's
    folder and it, is a word exports are named with (``export_words.yaml``) or a number
    too short to be a phone number (``phone-07``, ``2024-11-29``)."""
    tail = _folded(_below(path, employee)[0])
    if any(len(_NON_DIGITS.sub("", run)) > _MAX_EXPORT_DIGITS for run in _DIGIT_RUNS.findall(tail)):
        return False
    words = _export_words()
    return all(w in words or w.isdigit() for w in _SEPARATORS.split(tail) if w)


_MAX_EXPORT_DIGITS = 8  # a date (20241129); a phone number has more digits


@functools.cache
def _export_words() -> frozenset[str]:
    data = read_shipped_yaml(Path(__file__).resolve().parent / "export_words.yaml")
    return frozenset(_folded(str(word)) for word in data["words"])


def _blank(contact: Contact) -> bool:
    """Whether ``contact`` holds nothing a file's name could be compared with."""
    return not (contact.display_name().strip() or contact.phones or contact.emails)


def _moved(result: ContactResult, path: str, shown: str) -> ContactResult:
    source = result.contact.source
    if source.path != path:
        return result
    contact = replace(result.contact, source=replace(source, path=shown))
    return replace(result, contact=contact)


def _inside(folders: str, employee: str) -> bool:
    """Whether ``folders`` is the folder ``employee`` or lies inside it."""
    return folders == employee or folders.startswith(employee.rstrip("\\/") + os.sep)


def _alone(name: str, text: str) -> bool:
    """Whether the one-character ``name`` stands as a word of its own in ``text``: a
    kanji with no kanji beside it (母 in 母 2, 母さん, お母さん, 母と父, 母_父, but not in
    母艦 or 祖母: kana around a kanji are its honorifics and particles, another kanji
    makes another word; QA batch round: 母 2.vcf, the copy macOS names, was shown), any
    other character between separators."""
    ideograph = _IDEOGRAPH.match(name) is not None
    start = text.find(name)
    while start >= 0:
        around = text[start - 1 : start] + text[start + 1 : start + 2]
        if ideograph and not _IDEOGRAPH.search(around):
            return True
        if not ideograph and not _WORDISH.search(around):
            return True
        start = text.find(name, start + 1)
    return False


_IDEOGRAPH = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3005]")
_WORDISH = re.compile(r"[^\W_]")
# Katakana (ァ..ヶ, and the repeat marks ヽヾ) as hiragana: a reading stored as ごとう
# けんた names the file ゴトウ ケンタ.vcf, or ｺﾞﾄｳ.vcf once NFKC has widened it (QA batch round).
_KANA = str.maketrans({chr(c): chr(c - 0x60) for c in [*range(0x30A1, 0x30F7), 0x30FD, 0x30FE]})


def _folded(text: str) -> str:
    return normalize(text).casefold().translate(_KANA)


def _name_words(contact: Contact, *, partial: bool = False) -> Iterable[list[str]]:
    """Each way the contact's name may be written in a file name: as shown, and its
    family and given names in either order, with any separators between words. With
    ``partial``, also each part: a word of the name, the family or given name alone,
    the reading (whole, in either order, or a part), each nickname, each e-mail
    address and its local part."""
    names = contact.names
    seen: set[str] = set()
    candidates = [contact.display_name(), names.formatted]
    pairs = [(names.family, names.given)]
    if partial:
        pairs.append((names.phonetic_family, names.phonetic_given))
    for family, given in pairs:
        if family.strip() and given.strip():
            candidates += [f"{family} {given}", f"{given} {family}"]
    if partial:
        for candidate in list(candidates):
            candidates += _SEPARATORS.split(candidate)
        candidates += [names.family, names.given, names.phonetic_family, names.phonetic_given]
        candidates += names.nicknames
        for email in contact.emails:
            candidates += [email.value, email.value.partition("@")[0]]
    for candidate in candidates:
        words = [w for w in _SEPARATORS.split(_folded(candidate)) if w]
        key = " ".join(words)
        if not words or key in seen:
            continue
        seen.add(key)
        yield words


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    body = r"[\W_]*".join(re.escape(word) for word in words)
    before = "" if _UNSPACED.match(words[0][0]) else r"(?<![^\W_])"
    after = "" if _UNSPACED.match(words[-1][-1]) else r"(?![^\W_])"
    return re.compile(before + body + after)


def _numbers(contact: Contact) -> Iterable[str]:
    """The last digits of each of the contact's numbers, long enough to be the number."""
    for phone in contact.phones:
        digits = _NON_DIGITS.sub("", normalize(phone.value))
        if len(digits) >= _MIN_NUMBER:
            yield digits[-_MIN_NUMBER:]
