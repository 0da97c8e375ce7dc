"""Phone-number normalisation through phonenumbers, shared by parsers and detectors.

Japanese numbers are written in many ways (``０９０ー１２３４ー５６７８``,
``+81 (0)90-...``, ``0081-90-...``, ``03-1234-5678 内線12``, ``tel:`` URIs, dial
pauses ``p``/``w``). :func:`classify` turns any of them into an E.164 string and
phonenumbers' number type, or ``(None, None)`` when the text is not a number.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType

from piiaudit.textnorm import normalize_number

DEFAULT_REGION = "JP"

_TYPE_NAMES: dict[int, str] = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.VOICEMAIL: "voicemail",
}

_EXTENSION = re.compile(r"[(\[]?\s*(?:内線|ext\.?|x)\s*(\d{1,6})\s*[)\]]?\s*$", re.IGNORECASE)
_DIAL_PAUSES = re.compile(r"[pPwW,;].*$")
_TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]\d]*[)\]]\s*$")  # "090-1234-5678 (夜)"


def clean(raw: str) -> str:
    """Strip what phonenumbers cannot read: URI scheme, extension words, dial pauses, notes."""
    text = normalize_number(raw).strip()
    low = text.lower()
    if low.startswith("tel:"):
        text = text[4:]
    text = _TRAILING_NOTE.sub("", text)
    text = _EXTENSION.sub(lambda m: f" ext. {m.group(1)}", text)
    if "ext." not in text:
        text = _DIAL_PAUSES.sub("", text)
    text = text.strip()
    if text.startswith("0081"):
        text = "+81" + text[4:]
    return text


@lru_cache(maxsize=65536)
def classify(raw: str, region: str = DEFAULT_REGION) -> tuple[str | None, str | None]:
    """Return ``(e164, number_type)`` for a written number, ``(None, None)`` if unparseable.

    ``number_type`` is ``"unknown"`` for a number that parses but that
    phonenumbers cannot place (an unallocated range, a typo).
    """
    text = clean(raw)
    if sum(ch.isdigit() for ch in text) < 5:
        return None, None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None, None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not phonenumbers.is_valid_number(number):
        return e164, "unknown"
    return e164, _TYPE_NAMES.get(phonenumbers.number_type(number), "unknown")
