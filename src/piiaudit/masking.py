"""Masking of personal values for display. Every reporter goes through :func:`mask`.

The promise (README, "Privacy"): a phone keeps at most its last 4 digits, an email
at most the first character of its local part plus the domain, a name at most the
first character of each part; free text and addresses keep only their length, dates
and identifiers only their shape (a number of 10 digits or more keeps its last 4).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import yaml

from piiaudit.model import ValueKind
from piiaudit.textnorm import split_remark

MASK = "*"
# How masked free text reads: only its length. Reports in another language pass
# their own wording (``reporters/messages/<lang>.yaml``, ``mask.text``).
TEXT_SHAPE = "[{length} chars]"
_NAME_SPLIT = re.compile(r"(\s+|[・,、;])")
# A name part shows its first character and one to three stars: at least one, so a
# one-character name (森 隆, common in Japanese) is never shown whole, and at most
# three, so the stars do not tell a part's length.
_NAME_STARS = (MASK, MASK, MASK * 2, MASK * 3)
_DIGIT = re.compile(r"\d")
# In ASCII text, str.isdigit() holds for 0-9 only, so these tables mask exactly its digits
# (on bytes: str.translate with a mapping costs ~1 us a call, bytes.translate a few ns).
_ASCII_STARS = bytes.maketrans(b"0123456789", MASK.encode("ascii") * 10)
_ASCII_DIGITS = b"0123456789"
# What a written phone number holds besides digits. Anything else in a phone field is
# text someone typed there (090-0000-0000（奥様・透析中）, "call Anna after 9pm"): starred
# like the digits, or the masked report would print it (QA round 7).
_PHONE_ASCII = b"0123456789 \t+-().,/#*"
PHONE_MARKS = frozenset(" \t+-().,/#*\u3000＋－（）．，／＃＊・‐‑‒–—―ー−")


def mask_phone(value: str) -> str:
    """``090-1234-5678`` -> ``***-****-5678``: digits but the last four become ``*``.

    A value with four digits or fewer keeps none of them. Letters and any other text
    in the value become ``*`` too: only the number's punctuation is kept.
    """
    if value.isascii() and not value.encode("ascii").translate(None, _PHONE_ASCII):
        # nearly every number: two table look-ups instead of a loop per character
        data = value.encode("ascii")
        digits = len(data) - len(data.translate(None, _ASCII_DIGITS))
        if digits <= 4:
            return data.translate(_ASCII_STARS).decode("ascii")
        cut = len(value)  # back to the fourth digit from the end, which is kept
        for _ in range(4):
            cut -= 1
            while not "0" <= value[cut] <= "9":
                cut -= 1
        return data[:cut].translate(_ASCII_STARS).decode("ascii") + value[cut:]
    if value[:4].lower() == "tel:":  # a vCard 4.0 URI: its scheme is no typed text
        return value[:4] + mask_phone(value[4:])
    places = [i for i, ch in enumerate(value) if ch.isdigit()]
    keep = set(places[-4:]) if len(places) > 4 else set()
    return "".join(ch if i in keep or ch in PHONE_MARKS else MASK for i, ch in enumerate(value))


# A domain as an address ends in one: ASCII (or punycode) labels joined by dots.
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def mask_email(value: str, shape: str = TEXT_SHAPE) -> str:
    """``taro.yamada@docomo.ne.jp`` -> ``t***@docomo.ne.jp``; without an ``@`` and a
    domain, free text. Text after the domain (``… (mum, dialysis)``) becomes ``***``."""
    local, at, rest = value.strip().rpartition("@")
    domain = _DOMAIN.match(rest) if at else None
    if domain is None:
        return mask_text(value, shape)
    first = local[:1] if local else ""
    tail = " ***" if rest[domain.end() :].strip() else ""
    return f"{first}***@{domain.group()}{tail}"


def _honorifics() -> tuple[str, ...]:
    """The honorifics a masked name keeps at its end (``honorifics.yaml``), longest
    first. Read here, not through :mod:`piiaudit.resources`: masking is a base-layer
    module and imports none of its siblings (pyproject.toml, import-linter)."""
    data = yaml.safe_load((Path(__file__).parent / "honorifics.yaml").read_text(encoding="utf-8"))
    suffixes = data["suffixes"] if isinstance(data, dict) else None
    if not isinstance(suffixes, list) or not all(isinstance(s, str) and s for s in suffixes):
        raise TypeError("honorifics.yaml: expected a list of words under 'suffixes'")
    return tuple(sorted(set(suffixes), key=len, reverse=True))


HONORIFICS = _honorifics()
# The last characters of the honorifics: a name ending in none of them (nearly every
# name) is masked without looking for one.
_HONORIFIC_ENDS = frozenset(h[-1] for h in HONORIFICS)


def mask_name(value: str) -> str:
    """``山田 太郎`` -> ``山* 太*``, ``Jane Roe`` -> ``J*** R**``: the first character of
    each part, then stars. A part of one character would be shown whole that way
    (``原 真一`` gave ``原* 真*``: the whole family name, one-character names being
    common in Japanese), so it is a star alone: ``* 真*``, ``森 隆`` -> ``* *``.

    A remark in brackets is hidden whole: ``田中 一郎（糖尿病で透析中・前科あり）`` showed
    ``田* 一***・前***``, the first character of each word of the remark, and ``前``
    before stars reads as 前科 (a criminal record). It is now ``田* 一* (***)``: everything
    from the first opening bracket on, nested brackets included.

    An honorific ending the name (``honorifics.yaml``: 様, さん, 先生 ...) is kept, as
    its last part or attached to it: ``田中 一郎 様`` -> ``田* 一* 様``, ``田中様`` ->
    ``田*様``, ``林様`` -> ``*様``. It is no one's personal data and tells the owner
    which card is meant; it was masked as a name part (``田* 一* *``, ``田**``)."""
    split = split_remark(value)
    if split is not None:
        return f"{mask_name(split[0])} (***)" if split[0] else "(***)"
    words = value.split()
    # The usual name: parts between single spaces, nothing to strip, none of the other
    # separators _NAME_SPLIT knows.
    # (str.split and the pattern's \s agree on what whitespace is.)
    if (
        " ".join(words) == value
        and "・" not in value
        and "," not in value
        and "、" not in value
        and ";" not in value
    ):
        if not words or words[-1][-1] not in _HONORIFIC_ENDS:
            return " ".join([_masked_part(w) for w in words])
        return " ".join([*(_masked_part(w) for w in words[:-1]), _last_part(words[-1], words)])
    parts = _NAME_SPLIT.split(value.strip())
    named = [i for i, part in enumerate(parts) if part and not _NAME_SPLIT.fullmatch(part)]
    out = []
    for i, part in enumerate(parts):
        if not part or _NAME_SPLIT.fullmatch(part):
            out.append(part)
        elif named and i == named[-1]:
            out.append(_last_part(part, named))
        else:
            out.append(_masked_part(part))
    return "".join(out)


def _last_part(part: str, parts: Sequence[object]) -> str:
    """A name's last part (of ``parts``), keeping an honorific that ends it: alone
    (``様`` after ``田中 一郎``; a name's only part is masked, 君 may be a given name) or
    attached (``田中様`` -> ``田*様``: what is before it is masked like any part)."""
    if part[-1] in _HONORIFIC_ENDS:
        for honorific in HONORIFICS:
            if part == honorific:
                return part if len(parts) > 1 else _masked_part(part)
            if part.endswith(honorific):
                return _masked_part(part[: -len(honorific)]) + honorific
    return _masked_part(part)


def _masked_part(part: str) -> str:
    """One part of a name: its first character and a star per hidden one (at most
    three); a one-character part is a star alone. A part that opens with a symbol (an
    emoji: ``Emma ❤️``, ``Lena 👶``) is stars alone: the first character of a word tells
    which card is meant, an emoji tells how the owner feels about the person (``❤*``
    kept a partner's heart in masked reports: blind EU QA round 3)."""
    if len(part) == 1 or unicodedata.category(part[0])[0] == "S":
        return MASK if len(part) == 1 else MASK + _NAME_STARS[min(len(part) - 1, 3)]
    return part[0] + _NAME_STARS[min(len(part) - 1, 3)]


def mask_text(value: str, shape: str = TEXT_SHAPE) -> str:
    """Free text keeps only its length: ``[12 chars]`` (``[12文字]`` in Japanese)."""
    return shape.format(length=len(value))


_RECEIPT_DIGITS = 10  # a number this long keeps its last 4 digits
_ID_SEPARATORS = frozenset(" -./")


def mask_date(value: str) -> str:
    """A birthday keeps nothing: ``****-**-**``. Words beside the date (``(Mum's 60th)``)
    are starred as well."""
    if not value:
        return value
    if value.isascii() and not any(ch.isalpha() for ch in value):
        return _DIGIT.sub(MASK, value)
    return "".join(MASK if ch.isalnum() else ch for ch in value)


def mask_identifier(value: str) -> str:
    """An identifier keeps only its shape: every letter and digit becomes ``*``.

    A long number of digits alone (My Number, a card, a licence: at least 10 digits)
    keeps its last 4, as on a receipt, so its owner can tell which one was found. A
    password, a door code or a passport (letters among the digits) keeps nothing: the
    phone masker used before hid digits only and printed ``sakuranbo`` as it was.
    """
    digits = sum(ch.isdigit() for ch in value)
    if digits >= _RECEIPT_DIGITS and all(ch.isdigit() or ch in _ID_SEPARATORS for ch in value):
        return mask_phone(value)
    if digits >= _RECEIPT_DIGITS and _is_iban(value):
        return _keep_last(value, 4)
    return "".join(MASK if ch.isalnum() else ch for ch in value)


_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")


def _is_iban(value: str) -> bool:
    """Whether ``value`` is an IBAN by its shape and ISO 13616 check (mod 97 = 1): an
    account number like a card's, which keeps its last 4 as on a statement, where a
    password with letters and digits keeps nothing (the IBAN was masked whole, against
    what the README promises for long numbers: blind EU QA, round 2)."""
    compact = "".join(ch for ch in value if ch not in _ID_SEPARATORS).upper()
    if not _IBAN.fullmatch(compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _keep_last(value: str, keep: int) -> str:
    """Every letter and digit masked but the last ``keep``."""
    total = sum(ch.isalnum() for ch in value)
    out, seen = [], 0
    for ch in value:
        if ch.isalnum():
            seen += 1
            out.append(ch if seen > total - keep else MASK)
        else:
            out.append(ch)
    return "".join(out)


def mask_address(value: str, shape: str = TEXT_SHAPE) -> str:
    """An address keeps nothing but its length, like free text."""
    return mask_text(value, shape)


_URL = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*://)(?:[^/@\s]*@)?([^/@\s?#]+)")


def mask_url(value: str, shape: str = TEXT_SHAPE) -> str:
    """``https://example.com/u/taro`` -> ``https://example.com/***``; a user name and
    password before the host (``https://taro:secret@nas.example.com``) are dropped."""
    match = _URL.match(value.strip())
    return f"{match.group(1)}{match.group(2)}/***" if match else mask_text(value, shape)


_MASKERS = {
    ValueKind.DATE: mask_date,
    ValueKind.IDENTIFIER: mask_identifier,
}
# The kinds that may be masked as free text, in the report's wording.
_SHAPED_MASKERS = {
    ValueKind.ADDRESS: mask_address,
    ValueKind.TEXT: mask_text,
    ValueKind.URL: mask_url,
}


def mask(
    value: str, kind: ValueKind, *, show_pii: bool = False, text_shape: str = TEXT_SHAPE
) -> str:
    """The one entry point: ``value`` as it may be shown, given the user's choice.

    ``text_shape`` words what is left of masked free text (see :data:`TEXT_SHAPE`)."""
    if show_pii or kind is ValueKind.NONE:
        return value
    # The kinds reports mask most often first: a look-up by kind hashes the member in Python.
    if kind is ValueKind.PHONE:
        return mask_phone(value)
    if kind is ValueKind.NAME:
        return mask_name(value)
    if kind is ValueKind.EMAIL:
        return mask_email(value, text_shape)
    shaped = _SHAPED_MASKERS.get(kind)
    if shaped is not None:
        return shaped(value, text_shape)
    return _MASKERS[kind](value)
