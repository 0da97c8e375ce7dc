"""Which text encoding a contact export is in, guessed from its first bytes.

Phones write contacts in whatever their platform used: UTF-8 (Apple, Google,
Android), UTF-8 with a BOM (Windows tools), UTF-16 with or without a BOM
(Thunderbird CSV, old Apple Address Book), Shift_JIS/CP932 (Japanese feature
phones and Windows), Windows-1252/Latin-1 (European Outlook). Python only
decodes what it is told, so :func:`detect` decides once per file, in this
order: BOM, UTF-16 NUL pattern, strict UTF-8, a declared ``CHARSET=`` in the
head, a plausible CP932 decode, charset-normalizer, and finally Windows-1252
(which never fails). The vCard reader still honours a per-property
``CHARSET=`` over this file default.

Names are normalised to Python codec names in lower case (``utf-8``,
``utf-8-sig``, ``utf-16-le``, ``utf-16-be``, ``cp932``, ``windows-1252`` ...)
so reports show one spelling for one encoding.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer

#: How many bytes callers should hand to :func:`detect`.
HEAD_BYTES = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_FOLD = re.compile(rb"\r?\n[ \t]")  # a vCard fold may split a UTF-8 character
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_DECLARED = re.compile(rb"CHARSET=\"?([A-Za-z0-9_.-]+)", re.IGNORECASE)

# Spellings seen in exports -> the codec we decode them with. Shift_JIS is read
# as CP932, its Microsoft superset, because phones write CP932-only characters
# (①, ㈱, NEC/IBM kanji) and call it Shift_JIS anyway.
_ALIASES: dict[str, str] = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "s_jis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "ms932": "cp932",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf_8": "utf-8",
    "utf-8-sig": "utf-8",  # a BOM is no property's (review 15: it became "unknown")
    "utf_8_sig": "utf-8",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "iso-8859-1": "windows-1252",
    "latin-1": "windows-1252",
    "latin1": "windows-1252",
    "iso8859-1": "windows-1252",
    "cp1252": "windows-1252",
    "windows-1252": "windows-1252",
    "gbk": "gbk",
    "gb2312": "gbk",
    "euc-jp": "euc-jp",
    "iso-2022-jp": "iso-2022-jp",
}


@dataclass(frozen=True, slots=True)
class Detected:
    """A file's encoding and how many leading bytes are its byte-order mark."""

    encoding: str
    bom_length: int = 0


@lru_cache(maxsize=256)
def normalize_name(name: str) -> str | None:
    """A charset label as written (``SHIFT_JIS``, ``utf8``) -> our codec name, or ``None``.

    ``None`` means Python has no such codec, so the caller must fall back.
    """
    low = name.strip().strip('"').lower().replace("_", "-")
    alias = _ALIASES.get(low) or _ALIASES.get(low.replace("-", "_"))
    if alias:
        return alias
    try:
        info = codecs.lookup(low)
        b"a".decode(info.name)  # rot13, hex, zlib ... are codecs but not text encodings
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return None
    if not _ascii_compatible(info.name):
        return None
    return _ALIASES.get(info.name, info.name.replace("_", "-"))


# The characters a vCard's structure is written in. A codec that writes them otherwise
# (EBCDIC cp037/cp500, UTF-16, UTF-7, punycode, idna) cannot be a vCard line's charset:
# one card's CHARSET=cp037 made the whole file EBCDIC and hid every contact, punycode
# stopped the file with an internal error (QA round 16). Such a label is unknown.
# Backslashes too: raw_unicode_escape reads the text \ud83d as a lone surrogate, which no
# hand-over file can be written with (hostile QA F1: minimize ended in an internal error).
_STRUCTURE = "BEGIN:VCARD;TYPE=WORK,CELL\r\nEND:vcard=+-./0123456789 \\ud83d\\x41\\n"


def _ascii_compatible(codec: str) -> bool:
    """Whether ``codec`` writes and reads ASCII text as ASCII bytes, and reads any bytes
    with ``errors="replace"`` without raising (idna ignores the error handler)."""
    try:
        bytes(range(256)).decode(codec, "replace")
        return (
            _STRUCTURE.encode(codec) == _STRUCTURE.encode("ascii")
            and _STRUCTURE.encode("ascii").decode(codec) == _STRUCTURE
        )
    except (UnicodeError, ValueError, LookupError):
        return False


def detect(head: bytes) -> Detected:
    """Guess the encoding of a file from its first bytes (ideally :data:`HEAD_BYTES`).

    Never raises. ``bom_length`` is 3 for a UTF-8 BOM, 2 for a UTF-16 BOM,
    else 0; the BOM is part of the file's bytes (and of its byte offsets) but
    not of its text.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return Detected(name, len(bom))
    utf16 = _utf16_without_bom(head)
    if utf16:
        return Detected(utf16)
    # A line folded inside a character (some writers fold at 75 bytes) is UTF-8 unfolded.
    text = head if is_utf8(head) else _FOLD.sub(b"", head)
    if is_utf8(text):
        # A feature phone's Shift_JIS file whose only non-ASCII text is half-width
        # katakana can be valid UTF-8 as a whole (ﾕｷ is Armenian շ): see half_width_kana.
        # Judged unfolded: folded, ¦ (C2 A6) lost both bytes to "ignore" and left
        # nothing but ﾂｦ, so such a file was read as Shift_JIS.
        utf8 = not text.isascii() and max(text) < 0xE0 and text.decode("utf-8", "ignore")
        if utf8 and half_width_kana(text, utf8, "cp932") is not None:
            return Detected("cp932")
        return Detected("utf-8")
    declared = _declared_legacy_charset(head)
    if declared:
        return Detected(declared)
    if plausible_cp932(head) or plausible_cp932(_non_utf8_lines(head)):
        return Detected("cp932")
    return Detected(_normalizer_guess(head))


def mixed_utf8(head: bytes) -> bool:
    """Whether a vCard head that is not UTF-8 as a whole is a UTF-8 export with cards of
    other exports merged in (``cat`` of several phones' files), or with a stray byte: it
    holds UTF-8 text, and each card's lines that are not UTF-8 read plausibly, together,
    as Japanese in CP932, or each as a Western language in Windows-1252 or as UTF-8 but
    for a byte or three, at least one card's being of the latter kinds.

    Read in one legacy encoding, such a file was guessed Windows-1251 as a whole: every
    card came out mojibake, a Shift_JIS health note unfound, and no word said (hostile QA
    F5; two Latin-1 bytes in one card did it). Read as UTF-8, each value that is not
    UTF-8 goes its own way (:func:`decode_legacy`, the vCard reader's per-value
    fallback, which judges a value with its card too), and the reader names its line. A
    head whose every other card is CP932 stays CP932 (:func:`detect`: valid UTF-8 values
    are read as UTF-8 there, silently); a declared legacy ``CHARSET=``, a Mac Roman file,
    or a line no reading explains (Cyrillic, Polish, binary) keeps the file to
    :func:`detect`'s guess.
    """
    if _declared_legacy_charset(head) or _mac_roman(head):
        return False
    utf8 = other = False
    card: list[bytes] = []  # the current card's lines that are not UTF-8
    for line in [*_FOLD.sub(b"", head).split(b"\n")[:-1], b"BEGIN:VCARD"]:  # last may be cut
        if line.isascii():
            if line.lstrip()[:11].upper() == b"BEGIN:VCARD" and card:
                kind = _legacy_card(card)
                if kind is None:
                    return False
                utf8 = utf8 or kind == "damaged"
                other = other or kind != "cp932"
                card = []
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            card.append(line)
        else:
            utf8 = utf8 or half_width_kana(line, text, "cp932") is None
    return utf8 and other


def _legacy_card(lines: list[bytes]) -> str | None:
    """What a card's lines that are not UTF-8 are: ``"cp932"`` when together they read as
    Japanese, ``"damaged"`` when each is UTF-8 but for a stray byte, ``"western"`` when
    each is that or reads as a Western language, one at least with an accented word
    (Müller, März); ``None`` when nothing explains them."""
    if plausible_cp932(b"\n".join(lines)):
        return "cp932"
    western = words = False
    for line in lines:
        if damaged_utf8(line) is not None:
            continue
        if not _looks_western(line) or _central_european(line):
            return None
        western = True
        words = words or _LATIN_WORD.search(line.decode("windows-1252")) is not None
    if not western:
        return "damaged"
    return "western" if words else None  # a dash alone proves nothing (様 is 97 6C: "—l")


def damaged_utf8(data: bytes) -> str | None:
    """``data`` read as UTF-8 with its few bad bytes as U+FFFD, when it is UTF-8 text with a
    stray byte or three (a damaged file, one Latin-1 letter typed into UTF-8 text): at
    least two valid non-ASCII characters for each bad byte. ``None`` otherwise: a Latin-1
    or Shift_JIS text has no such characters, or more bad bytes than that."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    if not 0 < bad <= 3:
        return None
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return text if good >= 2 * bad else None


def shift_jis_family(codec: str) -> bool:
    """Whether ``codec`` is Shift_JIS or one of its Windows and phone variants."""
    return _SHIFT_JIS.search(codec) is not None


_SHIFT_JIS = re.compile(r"shift|sjis|932", re.IGNORECASE)


def half_width_kana(data: bytes, utf8: str, codec: str) -> str | None:
    """``data`` read in ``codec`` when a value that declares no charset, valid UTF-8 as
    ``utf8``, is half-width katakana in a Shift_JIS file; else ``None``.

    A feature phone writes names in half-width katakana without ``CHARSET``, and a
    pair of them can be a valid two-byte UTF-8 character: ﾕｷ (D5 B7) is Armenian շ,
    ﾏｷ Ϸ, ﾃｽ ý. Such a contact was listed as ``շ``. Bytes whose UTF-8 reading has no
    character of three bytes (no kana, no kanji) and whose Shift_JIS reading is all
    half-width katakana (and ASCII) are Shift_JIS, unless the UTF-8 reading has words:
    an accented letter inside a word of ASCII letters (café, Müller), or two letters of
    one script side by side (βγδ and иван read as half-width katakana too, ﾎｲﾎｳﾎｴ), or
    a sign (© is ﾂｩ). Read as UTF-8, half-width katakana gives lone letters of
    scattered scripts.
    """
    if not shift_jis_family(codec) or max(data) >= 0xE0:  # a 3-byte UTF-8 lead: real UTF-8
        return None
    try:
        kana = data.decode(codec)
    except (UnicodeError, LookupError):
        return None
    if not all(c.isascii() or "\uff66" <= c <= "\uff9f" for c in kana):  # kana, not ｡｢｣､･
        return None
    return None if _LATIN_WORD.search(utf8) or _has_words(utf8) else kana


def _has_words(text: str) -> bool:
    """Whether two non-ASCII letters of one script stand side by side in ``text``, or a
    non-ASCII character is no letter (¡ © ° ±: punctuation and signs are real text)."""
    previous = ""
    for ch in text:
        if ch.isascii():
            previous = ""
            continue
        if not ch.isalpha():
            return True
        script = _script(ch)
        if script == previous:
            return True
        previous = script
    return False


def _script(ch: str) -> str:
    """The script a letter's Unicode name starts with (GREEK, CYRILLIC, LATIN ...)."""
    return unicodedata.name(ch, "?").split(" ", 1)[0]


# An accented Latin letter next to an ASCII letter: a word of a Latin-script language.
_LATIN_WORD = re.compile(r"[A-Za-z][\u00c0-\u024f]|[\u00c0-\u024f][A-Za-z]")


def _non_utf8_lines(head: bytes) -> bytes:
    """The complete lines of ``head`` that are not UTF-8.

    A file merged from two phones can hold UTF-8 cards and CP932 cards; the
    UTF-8 ones make the whole head fail a CP932 decode, so the legacy encoding
    is judged on the other lines alone (values are still tried as UTF-8 first).
    The last line is left out: the head may end inside one of its characters.
    """
    lines = head.split(b"\n")[:-1]
    return b"\n".join(line for line in lines if not is_utf8(line))


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text written without a BOM shows NULs at every other byte (ASCII-heavy text)."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if even_nuls > half * 0.4 and odd_nuls < half * 0.05:
        codec = "utf-16-be"
    elif odd_nuls > half * 0.4 and even_nuls < half * 0.05:
        codec = "utf-16-le"
    else:
        return None
    # Binary data can show the same pattern; UTF-16 text decodes to printable text.
    text = sample[: len(sample) // 2 * 2].decode(codec, "replace")
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return codec if printable * 10 >= len(text) * 9 else None


def is_utf8(head: bytes) -> bool:
    """Strict UTF-8, forgiving only a multi-byte character cut by the end of the head."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.start >= len(head) - 3
    return True


def _declared_legacy_charset(head: bytes) -> str | None:
    """The most frequent non-UTF-8 ``CHARSET=`` in a vCard head, if any.

    Undeclared properties of such a file are usually in the same charset
    (Japanese phones declare it on some properties only).
    """
    counts: dict[str, int] = {}
    for match in _DECLARED.finditer(head):
        name = normalize_name(match.group(1).decode("ascii", "replace"))
        if name and name != "utf-8":
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda key: counts[key])


def plausible_cp932(data: bytes) -> bool:
    """True when ``data`` decodes as CP932 *and* reads like Japanese.

    Latin-1 text also often decodes as CP932 (``è`` + ``l`` is a kanji, a lone ``ß``
    is the half-width kana ``ﾟ``), so a decode alone proves little: require
    full-width kana, or non-ASCII characters mostly in runs, and no private-use or
    control characters.
    """
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return False
    return reads_like_japanese(text)


def reads_like_japanese(text: str) -> bool:
    """The test of :func:`plausible_cp932` on text already decoded (from a Japanese
    legacy encoding): full-width kana, or non-ASCII characters mostly in runs, and no
    private-use or control characters."""
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    if not non_ascii:
        return False
    for ch in non_ascii:
        if unicodedata.category(ch) in ("Co", "Cn", "Cc"):
            return False
    if any(_is_full_width_kana(ch) for ch in non_ascii) or _KANA_CORPORATE.search(text):
        return True
    # Japanese words are runs of kanji or half-width kana (ﾔﾏﾀﾞ); a Latin-1 accent read
    # as CP932 gives one lone character between ASCII letters ("Ad\u8d63e" for "Adèle",
    # "Weiﾟ" for "Weiß", "w\u81e7lt" for "wählt").
    in_runs = sum(len(run) for run in _NON_ASCII_RUN.findall(text) if len(run) > 1)
    return in_runs * 2 > len(non_ascii)


# Bank-style company names abbreviate the legal form to one half-width kana in brackets:
# ｶ) or (ｶ for 株式会社, ﾕ) for 有限会社, ﾄﾞ) for 合同会社. A Latin-1 letter before ")" is rare.
_KANA_CORPORATE = re.compile(r"[\uff66-\uff9f]\)|\([\uff66-\uff9f]")


def _is_full_width_kana(ch: str) -> bool:
    """Hiragana or katakana: two CP932 bytes whose Windows-1252 reading (``‚`` or ``ƒ``
    and a letter) Western text does not produce. Half-width kana are single bytes that
    Latin-1 letters (``ß``, ``Û``) share, so they count only in runs."""
    return 0x3040 <= ord(ch) <= 0x30FF


# Legacy encodings contact exports are actually written in. Letting
# charset-normalizer pick among all code pages turns a short Latin-1 name into
# DOS Turkish (cp857); among these, with Windows-1252 winning ties, it does not.
_LEGACY_CANDIDATES = [
    "cp1252", "cp1250", "cp1251", "cp1253", "iso8859_2", "koi8_r",
    "gbk", "big5", "euc_jp", "euc_kr",
]  # fmt: skip


# Windows-1252 characters that Western European contact data plausibly holds
# besides Latin letters: typographic quotes, dashes, bullets, the euro sign.
_ACCENTED_WORD = re.compile(r"(?<![A-Za-z])[À-ÖØ-öø-ÿŠšŽžŒœŸ]{3,}(?![A-Za-z])")
_WESTERN_PUNCTUATION = frozenset("€‚„…†‡•–—‘’“”™ ¡¢£¤¥¦§¨©ª«¬­®¯°±²³´µ¶·¸¹º»¼½¾¿×÷")


def _looks_western(head: bytes) -> bool:
    """True when the bytes read as Windows-1252 give only Latin letters and common
    punctuation: the overwhelmingly likely reading for a non-UTF-8, non-Japanese
    export (German, French, Spanish Outlook). Statistical detectors misread such
    short files as Cyrillic or Baltic code pages (tine20's German Outlook CSVs came
    back as cp1251 and cp775), so this prior is checked first."""
    try:
        text = head.decode("windows-1252")
    except UnicodeDecodeError:
        return False
    # Cyrillic or Greek read as Windows-1252 also gives Latin letters, but whole
    # words of them ("Èâàí"); Western words mix accented letters with ASCII ones.
    if _ACCENTED_WORD.search(text):
        return False
    for char in set("".join(_NON_ASCII_RUN.findall(text))):
        if char in _WESTERN_PUNCTUATION:
            continue
        if not (char.isalpha() and "LATIN" in unicodedata.name(char, "")):
            return False
    return True


def _central_european(head: bytes) -> bool:
    """Whether bytes that read as Windows-1252 hold Windows-1250 letters: a symbol of
    Windows-1252 inside a word, where Windows-1250 has a letter (``Micha³`` is Michał,
    ``£ukasz`` Łukasz, ``¯ó³kiewski`` Żółkiewski, ``D¹browski`` Dąbrowski, ``mo¿e`` może).
    Outlook writes its CSV in the system's code page, Windows-1250 in Poland, Czechia,
    Slovakia and Hungary; read as Windows-1252, such a file's names came out garbled
    with no word said (QA formats). ``£20``, ``m³``, ``¿Qué`` and ``¼`` stay Western."""
    try:
        text = head.decode("windows-1252")
        head.decode("cp1250")
    except UnicodeDecodeError:
        return False
    if _ACCENTED_WORD.search(text):  # Cyrillic or Greek: whole words of accents (Èâàí)
        return False
    if _CP1250_PAIRS.search(text):
        return True
    return any(
        _in_word(text, match.start(), match.group()) for match in _CP1250_LETTERS.finditer(text)
    )


# Windows-1252 symbols at the bytes of Windows-1250 letters: Ł Ą Ż ł ą Ľ ľ ż.
_CP1250_LETTERS = re.compile("[£¥¯³¹¼¾¿]")
# Windows-1252 letters where Windows-1250 has Czech or Hungarian ones, in places the
# Western languages do not put them: ří, ěs, ůž (Jiøí, Mìsto, Rùžena), ő before a
# consonant (Gyõr; Portuguese õ comes before e: ações). Italian ì, ù end words; French ù
# is in où only; Danish ø comes before r, n, d, e (Søren, Bjørn).
_CP1250_PAIRS = re.compile("ø[íáì]|[ìù][a-zá-ž]|õ[bcdfghjklmnpqrstvwxz]")


def _in_word(text: str, at: int, sign: str) -> bool:
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if sign == "¿":  # ¿Qué opens a Spanish question; może, żona are Polish
        return before.isalpha() or after.islower()
    if sign in "£¯":  # capitals: Łukasz, Żółkiewski (£20 is money)
        return after.isalpha()
    if sign == "³":  # łódka, Michał (3 m³ is a unit: one letter before it, none after)
        return after.isalpha() or (at >= 2 and text[at - 2 : at].isalpha())
    return before.isalpha() or after.isalpha()


def _mac_roman(head: bytes) -> bool:
    """Whether the bytes are a classic Mac text file: lines ending in CR alone, and
    8-bit bytes (Excel for Mac's "CSV (Macintosh)", Mac OS Roman). Read as
    Windows-1250, René came out RenŽ and a note's health word went unfound (QA formats)."""
    return b"\r" in head and b"\n" not in head and not head.isascii()


def _normalizer_guess(head: bytes) -> str:
    """Windows-1252 when it reads plausibly, else charset-normalizer's best guess among
    :data:`_LEGACY_CANDIDATES`; Windows-1252 by default. Before those, two shapes no
    statistics tell apart on a short file: a classic Mac file (:func:`_mac_roman`) and
    Windows-1250 letters read as Windows-1252 (:func:`_central_european`)."""
    if _mac_roman(head):
        return "mac-roman"
    if _central_european(head):
        return "cp1250"
    if _looks_western(head):
        return "windows-1252"
    results = charset_normalizer.from_bytes(head[:16384], cp_isolation=_LEGACY_CANDIDATES)
    best = results.best()
    if best is None:
        return "windows-1252"
    if any(r.encoding == "cp1252" and r.chaos <= best.chaos + 0.01 for r in results):
        return "windows-1252"
    return normalize_name(best.encoding) or "windows-1252"


def decode_line(raw: bytes, codec: str) -> tuple[str, str | None]:
    """One line of a text file whose encoding is ``codec`` (byte-oriented, ASCII-compatible):
    its text and the codec that read it, ``None`` when invalid bytes were replaced.

    A file merged from two exports (``cat`` or ``copy /b`` of a UTF-8 file and a CP932
    one) holds lines in both, and one encoding for the whole file turned the other's
    lines into mojibake. So, as the vCard reader does for values, a line that is valid
    UTF-8 is read as UTF-8 in a legacy file (legacy text is almost never valid UTF-8, but
    for half-width katakana: :func:`half_width_kana`),
    and a line of a UTF-8 file that is not UTF-8 is read as CP932 when it reads as
    Japanese there (:func:`plausible_cp932`).
    """
    if codec != "utf-8" and not raw.isascii():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # unless it is half-width katakana that happens to be valid UTF-8 too
            kana = half_width_kana(raw, text, codec)
            return (text, "utf-8") if kana is None else (kana, codec)
    try:
        return raw.decode(codec), codec
    except UnicodeDecodeError:
        pass
    if codec == "utf-8" and plausible_cp932(raw):
        return raw.decode("cp932"), "cp932"
    return raw.decode(codec, errors="replace"), None


def decode_legacy(data: bytes, preferred: str, likely: str | None = None) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: ``preferred``, else ``likely`` (the encoding the
    rest of the value's card reads in, when the caller knows it), else plausible CP932,
    else Windows-1252.

    Returns the text and the codec that decoded it, so the caller can report
    when it was not ``preferred``. Windows-1252 leaves five bytes undefined;
    Latin-1 covers them, so the last step never loses a byte.
    """
    for codec in (preferred, likely) if likely else (preferred,):
        try:
            return data.decode(codec), codec
        except (UnicodeError, LookupError):
            pass
    if preferred != "cp932" and plausible_cp932(data):
        return data.decode("cp932"), "cp932"
    try:
        return data.decode("windows-1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
