"""One vCard content line -> group, name, parameters and decoded text.

The order of operations is what makes Japanese exports come out right:
transfer encoding first (quoted-printable, base64), then the character set
(``CHARSET=`` or the file's encoding), and only then backslash-unescaping and
splitting on ``;``. Unescaping bytes would read the second byte of a Shift_JIS
character such as 能 (``94 5C``) as a backslash and eat the ``;`` after it.

vCard 2.1 knows no comma escaping, so a comma is always literal here: nothing
is ever cut at a comma (vobject cuts NOTE, TEL, EMAIL ... at the first one).
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from piiaudit.parsers.encoding import (
    damaged_utf8,
    decode_legacy,
    half_width_kana,
    normalize_name,
    reads_like_japanese,
)
from piiaudit.parsers.vcard_data import group_label, normalize_label

Params = Mapping[str, tuple[str, ...]]

#: The "file encoding" of a UTF-16 file after the reader re-encoded its lines as
#: UTF-8: values are UTF-8 whatever their ``CHARSET=`` says.
TRANSCODED = "utf-8-transcoded"

_TRANSFER_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "7BIT", "8BIT"}
_VALUE_KINDS = {"URL", "URI", "INLINE", "CONTENT-ID", "CID"}
_CARET = re.compile(r"\^([n'^])")
_CARET_MAP = {"n": "\n", "'": '"', "^": "^"}
_ESCAPE_21 = re.compile(r"\\([\\;:,])")
_ESCAPE_30 = re.compile(r"\\([\\;:,nN])")
_ESCAPE_TOKEN = re.compile(r"\\.|;", re.DOTALL)
_COMMA_TOKEN = re.compile(r"\\.|,", re.DOTALL)
#: A Samsung custom label, a bare parameter ``X-CUSTOM(...)``: what opens it, what the
#: parameters hold it under (no written parameter name can be this), and the
#: declarations that may lead its text.
_CUSTOM_OPEN = "X-CUSTOM("
_CUSTOM = "X-CUSTOM()"
_CUSTOM_OPTIONS = frozenset({"CHARSET", "ENCODING"})
UNREADABLE_CUSTOM = "its custom label X-CUSTOM(...) could not be read in full"


@dataclass(frozen=True, slots=True)
class Head:
    """The part of a content line before its value: ``group.NAME;PARAM=x``."""

    group: str
    name: str
    params: Params
    labels: tuple[str, ...] = ()
    #: What could not be read as written in the head (an unreadable Samsung
    #: ``X-CUSTOM(...)`` label, a stray double quote), for the caller to report at each
    #: line that has this head; empty when all is well.
    problems: tuple[str, ...] = ()


#: A line that starts a property of its own: a vCard property name in capitals (or an
#: ``X-`` name), perhaps after a group, then its parameters or value. After a
#: quoted-printable soft line break such a line is no continuation of the value: the
#: ``=`` was a writer's bug, and joined, the next property became text of the value
#: (hostile QA F10: a home address read as a note's words). The continuations phones
#: write start with an escape (``=E3=81=82``) or go on with the value's own text.
NEW_PROPERTY = re.compile(
    rb"(?:[A-Za-z0-9-]+\.)?(?:BEGIN|END|VERSION|FN|N|TEL|EMAIL|ADR|LABEL|ORG|TITLE|ROLE|NOTE"
    rb"|BDAY|URL|PHOTO|LOGO|NICKNAME|CATEGORIES|UID|REV|PRODID|SORT-STRING|SOUND|GEO|TZ|KEY"
    rb"|IMPP|KIND|GENDER|LANG|RELATED|MEMBER|ANNIVERSARY|CLASS|MAILER|AGENT|X-[A-Z0-9-]+)[;:]"
)


def starts_property(line: bytes) -> bool:
    """Whether ``line``, after a quoted-printable soft line break, starts a property of
    its own instead of continuing the value (see :data:`NEW_PROPERTY`)."""
    return line[:1] != b"=" and NEW_PROPERTY.match(line) is not None


#: What may follow the ``=`` of a quoted-printable soft line break (see :func:`soft_break`).
TRANSPORT_PADDING = b" \t"


def soft_break(line: bytes) -> bool:
    """Whether a quoted-printable ``line`` ends in a soft line break: ``=``, then possibly
    spaces and tabs.

    RFC 2045 6.7 calls white space after that ``=`` transport padding, which a mail relay
    or a text editor adds and a reader must accept (Android's own reader trims it). Read
    as data, the value lost its continuation: a name became mojibake and its rest a note.
    """
    last = line[-1:]
    if last == b"=":
        return True
    return bool(last) and last in TRANSPORT_PADDING and line.rstrip(TRANSPORT_PADDING)[-1:] == b"="


def without_soft_break(line: bytes) -> bytes:
    """``line`` (for which :func:`soft_break` holds) without its ``=`` and padding."""
    return line.rstrip(TRANSPORT_PADDING)[:-1]


def split_line(line: bytes) -> tuple[bytes, bytes] | None:
    """``head`` and ``value`` bytes of a logical line, or ``None`` without a colon.

    A colon inside a double-quoted parameter value does not end the head
    (``TEL;TYPE="A:B":1``). Only a quote that opens a parameter value (right after its
    ``=`` or a ``,``) and is closed where the value ends quotes anything: a stray one
    (``CHARSET=utf-8":``, hostile QA F6) is a character like any other, as it is to
    :func:`parse_head`.
    """
    colon = line.find(b":")
    if colon < 0:
        return None
    quote = line.find(b'"', 0, colon)
    while quote >= 0:
        close = _closing_quote(line, quote)
        if close < 0:
            quote = line.find(b'"', quote + 1, colon)
            continue
        if close > colon:
            colon = line.find(b":", close + 1)
            if colon < 0:  # no colon after the quoted value: the first one ends the head
                colon = line.find(b":")
                break
        quote = line.find(b'"', close + 1, colon)
    return line[:colon], line[colon + 1 :]


def _closing_quote(line: bytes, quote: int) -> int:
    """Where the quoted parameter value that ``line[quote]`` opens is closed, or -1 when
    that quote opens none (see :func:`split_line`)."""
    if quote == 0 or line[quote - 1] not in b"=,":
        return -1
    close = line.find(b'"', quote + 1)
    while close >= 0 and line[close + 1 : close + 2] not in _AFTER_QUOTE:
        close = line.find(b'"', close + 1)
    return close


# What may follow the quote that closes a parameter value: the next parameter, the next
# value of a list, the end of the head, or the end of the text.
_AFTER_QUOTE = (b"", b";", b",", b":")


# A property name (RFC 6350 §3.3: letters, digits, hyphens; underscores and slashes as
# some exporters write them: KDE's X-messaging/aim-All), after an optional group.
_PROPERTY_NAME = re.compile(rb"\s*(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_/+-]+\s*")


@lru_cache(maxsize=8192)
def is_property_name(head: bytes) -> bool:
    """Whether ``head`` starts with a property name. A line of a note broken without
    folding (``Wife HIV positive, private mobile: 090-…``) has words there instead, and
    read as a property its words became a field name, shown unmasked in every report
    (security review, QA round 7)."""
    return _PROPERTY_NAME.fullmatch(head.split(b";", 1)[0]) is not None


@lru_cache(maxsize=4096)
def name_of(head: bytes) -> bytes:
    """``item1.TEL;TYPE=CELL`` -> ``TEL`` (cached: heads repeat)."""
    return head.split(b";", 1)[0].rsplit(b".", 1)[-1].strip().upper()


@lru_cache(maxsize=8192)
def parse_head(head: bytes) -> Head:
    """Group, upper-case name and parameters of a line head, tolerant of every real-world form.

    Bare 2.1 parameters (``TEL;CELL;PREF``) become ``TYPE`` values, except
    encodings (``QUOTED-PRINTABLE``, ``BASE64``) and value kinds (``URL``).
    Empty parameters (``NOPARAM;:``) are ignored. Parameter names are upper
    case; values keep their case. ``labels`` are the TYPE values normalised
    (``CELL`` -> ``cell``) plus ``pref`` for a ``PREF=`` parameter.

    Cached: exports repeat the same few heads (``TEL;CELL``) thousands of
    times, and the result is immutable.
    """
    text = head.decode("utf-8", "replace") if not head.isascii() else head.decode("ascii")
    if ";" not in text:
        group, _, name = text.rpartition(".")
        return Head(group.strip(), name.strip().upper(), {})
    params, stray = _params(text)
    group, _, name = text.partition(";")[0].rpartition(".")
    labels = _labels(params)
    problems = (STRAY_QUOTE,) if stray else ()
    customs = params.get(_CUSTOM)
    if customs is None:
        return Head(group.strip(), name.strip().upper(), params, labels, problems)
    labels, problem = _with_custom_labels(labels, customs)
    if problem:
        problems = (problem, *problems)
    return Head(group.strip(), name.strip().upper(), params, labels, problems)


#: A double quote in a line's parameters that opens no quoted value, or opens one never
#: closed: read as a character, so that it does not take the parameters after it (hostile
#: QA F6: ``NOTE;CHARSET=utf-8";ENCODING=QUOTED-PRINTABLE:`` hid the ENCODING, and a
#: health note stayed ``=E6=8C=81...``, silently).
STRAY_QUOTE = 'a stray double quote (") in its parameters was passed over'


def _params(text: str) -> tuple[Params, bool]:
    """The parameters of a head's text, and whether it holds a stray double quote."""
    stray = False
    if '"' in text:
        parts, stray = _split_outside_quotes(text, ";")
    else:
        parts = text.split(";")
    custom = "(" in text  # only a Samsung X-CUSTOM(...) label needs a second look
    if custom:
        parts = _custom_rejoined(parts)
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        part = part.strip()
        if not part:
            continue
        if custom and part[: len(_CUSTOM_OPEN)].upper() == _CUSTOM_OPEN:
            params.setdefault(_CUSTOM, []).append(part[len(_CUSTOM_OPEN) :])
            continue
        key, eq, raw = part.partition("=")
        if not eq:
            upper = key.upper()
            if upper in _TRANSFER_ENCODINGS:
                params.setdefault("ENCODING", []).append(upper)
            elif upper in _VALUE_KINDS:
                params.setdefault("VALUE", []).append(upper)
            else:
                params.setdefault("TYPE", []).append(key)
            continue
        name = key.strip().upper()
        params.setdefault(name, []).extend(_param_values(raw, split_quoted=name == "TYPE"))
    return {key: tuple(values) for key, values in params.items()}, stray


def _custom_rejoined(parts: list[str]) -> list[str]:
    """The parameters again, with an ``X-CUSTOM(...)`` label whole that held a ``;``.

    The label is joined up to the next parameter that closes its parenthesis; with
    none, it is left cut (then unreadable) rather than swallow the real parameters
    after it (``CHARSET=``, ``ENCODING=`` of the value).
    """
    joined: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        index += 1
        stripped = part.strip()
        if stripped[: len(_CUSTOM_OPEN)].upper() == _CUSTOM_OPEN and not stripped.endswith(")"):
            close = next(
                (i for i in range(index, len(parts)) if parts[i].rstrip().endswith(")")), None
            )
            if close is not None:
                part = ";".join(parts[index - 1 : close + 1])
                index = close + 1
        joined.append(part)
    return joined


def _with_custom_labels(
    labels: tuple[str, ...], customs: tuple[str, ...]
) -> tuple[tuple[str, ...], str | None]:
    """``labels`` plus those of the head's ``X-CUSTOM(...)`` parameters, each given as an
    Apple ``X-ABLabel`` custom label is (:func:`.group_label`), so that ``自宅`` or
    ``Work mobile`` mean the same from a Samsung as from an iPhone; and the problem
    to report when one of them could not be read (its text then kept as far as it
    could be read: a label is never dropped without a word)."""
    found = list(labels)
    problem = None
    for inner in customs:
        text, readable = _custom_label(inner)
        if not readable:
            problem = UNREADABLE_CUSTOM
        for label in group_label(text):
            if label not in found:
                found.append(label)
    return tuple(found), problem


def _custom_label(inner: str) -> tuple[str, bool]:
    """The text of a Samsung custom label from what follows ``X-CUSTOM(``, and whether
    it was read cleanly.

    Samsung's contacts app writes ``X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,
    =E8=87=AA=E5=AE=85)`` (自宅): the label quoted-printable, in the charset named
    before it; and ``X-CUSTOM(Work mobile)`` as it is. Unclosed, an unknown charset or
    encoding, or bytes that are not text in the charset: not clean.
    """
    closed = inner.endswith(")")
    declared, body = _custom_declarations(inner[:-1] if closed else inner)
    data = body.encode("utf-8")
    readable = closed and "\ufffd" not in body  # U+FFFD: the head's bytes were not UTF-8
    encoding = declared.get("ENCODING", "").upper()
    if encoding == "QUOTED-PRINTABLE":
        data = binascii.a2b_qp(data)
    elif encoding in ("BASE64", "B"):
        try:
            data = binascii.a2b_base64(b"".join(data.split()))
        except binascii.Error:
            readable = False
    elif encoding not in ("", "7BIT", "8BIT"):
        readable = False
    if data.isascii():
        return data.decode("ascii"), readable
    codec = normalize_name(declared.get("CHARSET") or "utf-8")
    if codec is not None:
        try:
            return data.decode(codec), readable
        except UnicodeError:
            pass
    return data.decode("utf-8", "replace"), False


def _custom_declarations(body: str) -> tuple[dict[str, str], str]:
    """``CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,label`` -> the declarations and the label.

    Only ``CHARSET=`` and ``ENCODING=`` may lead the label, so a comma or an ``=``
    inside the label itself (``=E3=80=81``) is never taken for one.
    """
    declared: dict[str, str] = {}
    while True:
        key, eq, rest = body.partition("=")
        name = key.strip().upper()
        value, comma, after = rest.partition(",")
        if not eq or not comma or name not in _CUSTOM_OPTIONS:
            return declared, body
        declared[name] = value.strip()
        body = after


def _labels(params: Params) -> tuple[str, ...]:
    found: list[str] = []
    for raw in params.get("TYPE", ()):
        label = normalize_label(raw)
        if label and label not in found:
            found.append(label)
    if "PREF" in params and "pref" not in found:
        found.append("pref")
    return tuple(found)


def _param_values(raw: str, *, split_quoted: bool = False) -> list[str]:
    """``a,b`` / ``"a,b"`` / ``a\\,b`` -> values; RFC 6868 carets decoded; empties dropped.

    A comma inside quotes separates values only when ``split_quoted``: RFC 6350
    itself writes ``TYPE="voice,home"`` for two types.
    """
    raw = raw.replace("\\,", ",")
    quoted = '"' in raw and not split_quoted
    pieces = _split_outside_quotes(raw, ",")[0] if quoted else raw.replace('"', "").split(",")
    values = []
    for piece in pieces:
        piece = piece.strip().strip('"')
        if "^" in piece:
            piece = _CARET.sub(lambda m: _CARET_MAP[m.group(1)], piece)
        if piece:
            values.append(piece)
    return values


def _split_outside_quotes(text: str, sep: str) -> tuple[list[str], bool]:
    """``text`` split at each ``sep`` outside a quoted value, and whether it holds a stray
    quote. A quote opens a value only at the value's start (the text's first character,
    or right after ``=`` or ``,``) and only if a quote closes it where the value ends
    (before ``;``, ``,``, ``:`` or the end); any other quote is a character (see
    :data:`STRAY_QUOTE`). The quotes stay in the parts."""
    parts: list[str] = []
    current: list[str] = []
    stray = False
    index, size = 0, len(text)
    while index < size:
        ch = text[index]
        if ch == '"':
            close = _closing_text_quote(text, index)
            if close > 0:
                current.append(text[index : close + 1])
                index = close + 1
                continue
            stray = True
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        index += 1
    parts.append("".join(current))
    return parts, stray


def _closing_text_quote(text: str, quote: int) -> int:
    """:func:`_closing_quote` on text: where the value ``text[quote]`` opens is closed."""
    if quote and text[quote - 1] not in "=,":
        return -1
    close = text.find('"', quote + 1)
    while close >= 0 and text[close + 1 : close + 2] not in ("", ";", ",", ":"):
        close = text.find('"', close + 1)
    return close


def transfer_decode(raw: bytes, params: Params) -> bytes:
    """Undo ``ENCODING=QUOTED-PRINTABLE`` or ``BASE64``/``b``; other values pass through."""
    return transfer_decoded(raw, params)[0]


NOT_BASE64 = "value is marked BASE64 but is not base64; it is read as written"
#: Characters outside base64 in a value that still decodes: passed over, as most readers
#: do, but said (hostile QA F10: ``NOTE;ENCODING=B:QUJD=RA==x`` was read silently).
BASE64_STRAY = (
    "value is marked BASE64 but holds characters that are not base64; they were passed over"
)
#: ``=`` that starts no escape (``=ZZ``, ``=4``) in a quoted-printable value: kept as
#: written, as every decoder does, and said (hostile QA F10).
QP_INVALID = (
    "value is marked QUOTED-PRINTABLE but holds an '=' that starts no escape; it is read as written"
)
#: A quoted-printable value that ends inside its last escape (``...=E4=B8=A``): the file
#: was cut there. The escape's half is dropped, so the text before it is read as the text
#: it is (hostile QA F7: the whole note became Latin-1 mojibake, and its health word was
#: not found).
QP_CUT = (
    "quoted-printable value ends inside an escape (cut short?); the incomplete escape was dropped"
)
_QP_BAD_ESCAPE = re.compile(rb"=(?![0-9A-Fa-f]{2})")
_QP_CUT_ESCAPE = re.compile(rb"=[0-9A-Fa-f]\Z")
_QP_SOFT_END = re.compile(rb"=[ \t]*\Z")  # a soft break, perhaps padded, ending the value


def transfer_decoded(raw: bytes, params: Params) -> tuple[bytes, str | None]:
    """:func:`transfer_decode`, and the problem when a value does not decode cleanly
    (a BASE64 value that is not base64 is then kept as written, and the reader says so)."""
    encodings = params.get("ENCODING")
    if not encodings:
        return raw, None
    encoding = encodings[-1].upper()
    if encoding == "QUOTED-PRINTABLE":
        data = binascii.a2b_qp(raw)
        if b"=" not in data:  # a2b_qp keeps every = that starts no escape: none here
            return data, None
        return _qp_flaws(raw, data)
    if encoding in ("BASE64", "B"):
        packed = b"".join(raw.split())
        try:
            return binascii.a2b_base64(packed, strict_mode=True), None
        except binascii.Error:
            pass
        try:  # stray characters are passed over, as most readers do
            return binascii.a2b_base64(packed), BASE64_STRAY
        except binascii.Error:
            return raw, NOT_BASE64
    return raw, None


def _qp_flaws(raw: bytes, data: bytes) -> tuple[bytes, str | None]:
    """A quoted-printable value whose decoding ``data`` holds an ``=``: an escaped one
    (``=3D``, clean), an escape cut off at the value's end after encoded text (dropped,
    :data:`QP_CUT`), or an ``=`` that starts no escape (kept, :data:`QP_INVALID`). A soft
    line break that ends the value (the file ends there) holds no data."""
    soft = _QP_SOFT_END.search(raw)
    if soft is not None:
        raw = raw[: soft.start()]
        data = binascii.a2b_qp(raw)
    cut = _QP_CUT_ESCAPE.search(raw)
    if cut is not None and b"=" in raw[: cut.start()]:
        before = binascii.a2b_qp(raw[: cut.start()])
        if not before.isascii():  # encoded text, cut inside its last escape
            return before, QP_CUT
    return data, None if _QP_BAD_ESCAPE.search(raw) is None else QP_INVALID


CUT_CHARACTER = "its last character was cut off and dropped"


def _without_cut_character(data: bytes, codec: str) -> str | None:
    """``data`` decoded without the incomplete character it ends with, if that is its
    only flaw; else ``None``.

    A value longer than the reader's limit is cut at a byte count, which can fall
    inside a character (a Japanese note is three bytes a character in UTF-8, two in
    Shift_JIS): without this, the whole value failed to decode and was read as
    windows-1252, a megabyte of mojibake. Only the last one to three bytes may go,
    and only after text that holds characters of that encoding: ``caf\xe9`` is a
    Latin-1 café, not UTF-8 cut after ``caf``.
    """
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end < len(data) or exc.start < len(data) - 3 or data[: exc.start].isascii():
            return None
        try:
            return data[: exc.start].decode(codec)
        except UnicodeDecodeError:
            return None
    except UnicodeError:
        return None
    return None


def to_text(
    data: bytes, params: Params, file_encoding: str, likely: str | None = None
) -> tuple[str, str | None]:
    """Bytes -> text by ``CHARSET``, else UTF-8, else the file's encoding.

    Returns the text and a problem description (``None`` when clean). A
    declared charset wins when the bytes decode in it; when they do not, or
    the charset is unknown, UTF-8 and then the file default are tried and the
    caller reports the mismatch. Without a declaration, valid UTF-8 wins over a
    legacy file default: Android and docomo write UTF-8 values into files whose
    other cards are Shift_JIS, and legacy text is almost never valid UTF-8.
    ``likely`` is the legacy encoding the value's card as a whole reads in, if the
    caller knows one (:func:`.encoding.decode_legacy`).
    """
    declared = params.get("CHARSET")
    if data.isascii():
        if declared and _ESC in data:  # ISO-2022-JP: Japanese in 7-bit bytes, by escapes
            return _iso2022(data, declared[-1])
        return data.decode("ascii"), None
    problem = None
    codec = None
    if declared and file_encoding != TRANSCODED:
        codec = normalize_name(declared[-1])
        if codec is None:
            problem = f"unknown CHARSET {declared[-1]!r}"
        else:
            try:
                return data.decode(codec), None
            except UnicodeError:  # UnicodeDecodeError, or idna/punycode's own errors
                text = _without_cut_character(data, codec)
                if text is not None:
                    return text, CUT_CHARACTER
                problem = f"value is not valid {declared[-1]}"
    fallback = "utf-8" if file_encoding == TRANSCODED else file_encoding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        cut = _without_cut_character(data, "utf-8")
        if cut is not None and not _whole_in(data, fallback):
            return cut, problem or CUT_CHARACTER
    else:
        kana = None if declared else half_width_kana(data, text, fallback)
        return (text if kana is None else kana), problem
    for expected, name in ((codec, declared[-1] if declared else ""), (fallback, fallback)):
        text = _mostly(data, expected) if expected and _MULTIBYTE.search(expected) else None
        if text is not None:
            return text, f"value is not valid {name}; what could not be read is shown as U+FFFD"
    if "utf-8" in (codec, fallback):
        # UTF-8 text with a stray byte or three (a damaged file, one Latin-1 letter typed
        # into it) is UTF-8 still; read whole as Windows-1252 or CP932, a note's health
        # words were mojibake. A Latin-1 word among ASCII ones is no such text.
        text = damaged_utf8(data)
        if text is not None:
            if problem and codec != "utf-8":  # the declared charset is the news
                return text, problem
            name = declared[-1] if declared and codec == "utf-8" else "utf-8"
            return text, f"value is not valid {name}; what could not be read is shown as U+FFFD"
    text, used = decode_legacy(data, fallback, likely)
    if used != fallback and problem is None:
        problem = f"value is not valid {fallback}; read as {used}"
    return text, problem


_ESC = 0x1B
# ISO-2022-JP and its extensions (half-width katakana, JIS X 0212/0213), most common first.
_ISO2022_CODECS = ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004")
# At most this many characters of a value, and this share of it, may be unreadable in the
# encoding it is in for the rest to be read in it (see _mostly).
_MOST_BAD, _MOST_BAD_SHARE = 3, 0.25


def _iso2022(data: bytes, declared: str) -> tuple[str, str | None]:
    """A 7-bit value with escape sequences in its declared charset (Japanese mailers
    wrote ``CHARSET=ISO-2022-JP``; the plan sends such heads here, see ``vcard_build``),
    or in the ISO-2022-JP codec that reads it. Bytes none reads are kept, and said so."""
    codec = normalize_name(declared)
    for name in (codec, *_ISO2022_CODECS) if codec else _ISO2022_CODECS:
        try:
            return data.decode(name), None
        except (UnicodeError, LookupError):
            continue
    return data.decode("ascii"), f"value is not valid {declared}"


def _whole_in(data: bytes, codec: str) -> bool:
    """Whether ``data`` reads without a flaw in ``codec``, a multi-byte legacy encoding.

    Half-width katakana without ``CHARSET`` in a feature phone's Shift_JIS file can be
    valid UTF-8 but for a last lead byte (``ﾃｽﾄ`` is C3 BD C4: ``ý`` and a cut
    character), and a company name went to the hand-over as ``ý``: a value its own
    file's encoding reads whole was never cut. A single-byte encoding reads almost any
    bytes, so it is no evidence, and a UTF-8 value cut at the size limit stays UTF-8.
    """
    if not _MULTIBYTE.search(codec):
        return False
    try:
        data.decode(codec)
    except (UnicodeError, LookupError):
        return False
    return True


def _mostly(data: bytes, codec: str) -> str | None:
    """``data`` in ``codec`` with its few undecodable bytes as U+FFFD, or ``None`` when more
    than a few are.

    One bad byte pair in a Shift_JIS name (a phone's own pictograph, a damaged file)
    made the whole value fail and be read as Windows-1252 mojibake, so 黒田 was lost
    and a home address in the note went unseen. A value that is right but for a
    character or three is read in its encoding instead, and the issue says so.
    """
    try:
        text = data.decode(codec, "replace")
    except (UnicodeError, LookupError):
        return None
    bad = text.count("\ufffd")
    if not bad or bad > _MOST_BAD or bad > len(text) * _MOST_BAD_SHARE:
        return None  # clean text is read strictly, without an issue (decode_legacy)
    # Only a value that reads as that encoding besides the bad bytes is in it:
    # "caf\xe9 cr\xe8me" in a Shift_JIS file is Latin-1, though "\xe8m" is a kanji.
    rest = text.replace("\ufffd", "")
    if rest.isascii() or (_JAPANESE.search(codec) and not reads_like_japanese(rest)):
        return None
    return text


_JAPANESE = re.compile(r"jis|932|jp", re.IGNORECASE)  # the codecs reads_like_japanese can judge
# East Asian multibyte codecs, where one bad byte pair made a whole value undecodable.
# (UTF-8 is not among them: its damaged text is judged by encoding.damaged_utf8, which
# asks more of it; a Latin-1 value in a UTF-8 file is read as Windows-1252.)
_MULTIBYTE = re.compile(r"jis|932|jp|euc|gb|big5|936|949|950|hz|johab|kr", re.IGNORECASE)


def unescape(text: str, version: str) -> str:
    """Backslash escapes: 2.1 knows ``\\\\ \\; \\: \\,``; 3.0/4.0 add ``\\n``."""
    if "\\" not in text:
        return text
    if version == "2.1":
        return _ESCAPE_21.sub(r"\1", text)
    return _ESCAPE_30.sub(_escape_30, text)


def _escape_30(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char in "nN" else char


def split_name_components(text: str, version: str) -> list[str]:
    """N's components, each of several values (3.0 and 4.0 write ``N:Doe;John,Paul;;;``
    for two given names) with its values joined by a space: ``["Doe", "John Paul"]``.

    Read as one text, ``John,Paul`` was written back to the company's copy as
    ``John\\,Paul``, one given name with a comma in it. An escaped comma stays a comma
    (``N:Example\\, Inc.;;;;``); vCard 2.1 has no lists, its commas are text."""
    if version == "2.1" or "," not in text:
        return split_components(text, version)
    return [
        " ".join(v.strip() for v in split_components(part, version, ",") if v.strip())
        for part in _escaped_parts(text, ";")
    ]


def split_components(text: str, version: str, sep: str = ";") -> list[str]:
    """Split a structured value (N, ADR, ORG ...) on unescaped ``sep`` and unescape each part."""
    if "\\" not in text:
        return text.split(sep)
    return [unescape(part, version) for part in _escaped_parts(text, sep)]


def _escaped_parts(text: str, sep: str) -> list[str]:
    """``text`` split on each ``sep`` (``;`` or ``,``) that no backslash escapes; the
    parts keep their escapes."""
    token = _ESCAPE_TOKEN if sep == ";" else _COMMA_TOKEN
    parts: list[str] = []
    start = 0
    for match in token.finditer(text):
        if match.group() == sep:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts
