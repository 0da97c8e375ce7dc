"""Checks a regex hit must pass before it counts (check digits, phone types).

Check digits come from python-stdnum, never hand-written: ``stdnum.jp.in_``
for the My Number (個人番号), ``stdnum.jp.cn`` for the Corporate Number
(法人番号), ``stdnum.luhn`` for card numbers, ``stdnum.iban`` for IBANs, and the
EU national numbers a GDPR audit meets most: ``stdnum.de.idnr`` (Steuer-ID),
``stdnum.fr.nir`` (numéro de sécurité sociale), ``stdnum.it.codicefiscale``,
``stdnum.es.dni`` and ``stdnum.es.nie`` (a foreign resident's DNI),
``stdnum.nl.bsn`` (burgerservicenummer) and ``stdnum.pl.pesel``; since the blind EU QA
round 2 also ``stdnum.pt.nif`` (a person's NIF only), ``stdnum.be.nn`` and ``stdnum.be.bis``
(Belgian national register and BIS numbers), ``stdnum.at.vnr`` (Austrian SVNR),
``stdnum.ch.ssn`` (Swiss AHV number), ``stdnum.ie.pps`` (an individual's PPSN),
``stdnum.se.personnummer`` and ``stdnum.dk.cpr``. python-stdnum has no
German identity card (Personalausweis) number: ``de_id_card`` checks the ICAO 9303
7-3-1 check digit of the machine-readable zone itself (the one check here not from
stdnum; the card's own standard defines it, see ``_icao_check_digit``).
They are imported when a hit of the right length is first checked: importing
stdnum pulls in ``pydoc`` and ``ssl``, about 35 ms of every start, and most
exports hold no such number.
"""

from __future__ import annotations

from collections.abc import Callable

from piiaudit.phones import classify


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _luhn(value: str, region: str) -> bool:
    digits = _digits(value)
    if not 13 <= len(digits) <= 19:
        return False
    from stdnum import luhn

    return bool(luhn.is_valid(digits))


def _luhn_any(value: str, region: str) -> bool:
    """The Luhn check on a number of any length: an employee, member or customer number
    a company gives a Luhn check digit. ``luhn`` is for payment cards and also wants
    their 13 to 19 digits, so an 8-digit number passing the check was rejected without
    a word about length (rule-pack author QA)."""
    digits = _digits(value)
    if len(digits) < 2:
        return False
    from stdnum import luhn

    return bool(luhn.is_valid(digits))


def _my_number(value: str, region: str) -> bool:
    digits = _digits(value)
    if len(digits) != 12:
        return False
    from stdnum.jp import in_

    return bool(in_.is_valid(digits))


def _corporate(value: str, region: str) -> bool:
    digits = _digits(value)
    if len(digits) != 13:
        return False
    from stdnum.jp import cn

    return bool(cn.is_valid(digits))


def _iban(value: str, region: str) -> bool:
    from stdnum import iban

    return bool(iban.is_valid(value.replace(" ", "")))


_LONGEST_ID = 64  # characters: no number checked here is longer (an IBAN has 34)


def _compact(value: str) -> str:
    """``value``'s letters and digits, upper case; "" (valid for no validator) when it is
    longer than any identifier: stdnum converts digits to an int, and Python refuses
    one of over 4,300 digits with a ValueError, a crash in a custom pattern's match."""
    if len(value) > 4 * _LONGEST_ID:
        return ""
    compact = "".join(ch for ch in value if ch.isalnum()).upper()
    return compact if len(compact) <= _LONGEST_ID else ""


def _de_idnr(value: str, region: str) -> bool:
    from stdnum.de import idnr

    return bool(idnr.is_valid(_compact(value)))


def _fr_nir(value: str, region: str) -> bool:
    from stdnum.fr import nir

    return bool(nir.is_valid(_compact(value)))


def _it_codicefiscale(value: str, region: str) -> bool:
    from stdnum.it import codicefiscale

    return bool(codicefiscale.is_valid(_compact(value)))


def _es_dni(value: str, region: str) -> bool:
    from stdnum.es import dni

    return bool(dni.is_valid(_compact(value)))


def _es_nie(value: str, region: str) -> bool:
    from stdnum.es import nie

    return bool(nie.is_valid(_compact(value)))


def _nl_bsn(value: str, region: str) -> bool:
    from stdnum.nl import bsn

    return bool(bsn.is_valid(_compact(value)))


def _pl_pesel(value: str, region: str) -> bool:
    from stdnum.pl import pesel

    return bool(pesel.is_valid(_compact(value)))


# Blind EU QA round 2: the national numbers of Portugal, Belgium, Austria, Switzerland,
# Ireland, Sweden and Denmark. Each is python-stdnum's check; the rules bind every one to a
# word naming it, since a check digit alone passes one number in ten or eleven.

# A Portuguese NIF is a person's only when it starts with 1, 2 or 3 (residents) or 45
# (non-resident individuals). 5 (companies: the NIPC), 6 (public bodies), 7 (estates, funds,
# other entities), 8 (the former sole-trader series) and 9 (irregular companies,
# non-resident entities) number organisations: a customer's company number is no
# personal data, so stdnum.pt.nif, which accepts them all, is narrowed here.
_PT_NIF_PERSON_PREFIXES = ("1", "2", "3", "45")


def _pt_nif_person(value: str, region: str) -> bool:
    from stdnum.pt import nif

    number = _compact(value).removeprefix("PT")  # the VAT form, PT 123 456 789
    return bool(nif.is_valid(number)) and number.startswith(_PT_NIF_PERSON_PREFIXES)


def _be_nn(value: str, region: str) -> bool:
    """The Belgian national register number (Rijksregisternummer, numéro national, INSZ/NISS)
    or, for people not in the register, the BIS number (month plus 20 or 40), which
    stdnum.be.nn refuses: both number a person the same way."""
    from stdnum.be import bis, nn

    number = _compact(value)
    return bool(nn.is_valid(number)) or bool(bis.is_valid(number))


def _at_vnr(value: str, region: str) -> bool:
    from stdnum.at import vnr

    return bool(vnr.is_valid(_compact(value)))


def _ch_ahv(value: str, region: str) -> bool:
    """The Swiss AHV/AVS number (756 and ten digits, EAN-13 check: stdnum.ch.ssn)."""
    from stdnum.ch import ssn

    return bool(ssn.is_valid(_compact(value)))


def _ie_pps(value: str, region: str) -> bool:
    """An individual's Irish PPSN. A second letter H marks a non-individual (a company, a
    trust, a partnership), which is no personal data."""
    from stdnum.ie import pps

    number = _compact(value)
    return bool(pps.is_valid(number)) and not (len(number) == 9 and number[8] == "H")


def _se_personnummer(value: str, region: str) -> bool:
    """A Swedish personnummer (YYMMDD-NNNN or YYYYMMDD-NNNN: the birth date, a serial and a
    Luhn digit). stdnum reads the separator ("+" at 100 years), so it is kept."""
    from stdnum.se import personnummer

    return bool(personnummer.is_valid(value.strip()))


def _dk_cpr(value: str, region: str) -> bool:
    """A Danish CPR number (DDMMYY-SSSS). The modulus-11 check was given up in 2007, so
    stdnum.dk.cpr checks only the birth date (and that it is not in the future)."""
    from stdnum.dk import cpr

    return bool(cpr.is_valid(_compact(value)))


# The German identity card number (since November 2010): nine characters from the digits
# and the consonants below (no vowels, nor B, D, Q, S, which read like digits), the first
# a letter. The machine-readable zone adds a tenth, the ICAO 9303 check digit; the number
# printed on the card's front (the one people copy) has only the nine.
_DE_ID_ALPHABET = frozenset("0123456789CFGHJKLMNPRTVWXYZ")
_DIGITS = frozenset("0123456789")  # str.isdigit() is true of ² and other scripts' digits


def _icao_check_digit(text: str) -> int:
    """ICAO Doc 9303 Part 3, 4.9: digits count as themselves, A-Z as 10-35, weights 7, 3, 1."""
    total = 0
    for i, ch in enumerate(text):
        value = int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10
        total += value * (7, 3, 1)[i % 3]
    return total % 10


def _de_id_card(value: str, region: str) -> bool:
    """Nine characters of the card's alphabet with at least one digit (a rule binds them
    to a word naming the card); with a tenth, that one must be the ICAO check digit."""
    text = _compact(value)
    if len(text) not in (9, 10) or not text[0].isalpha():
        return False
    number = text[:9]
    if not set(number) <= _DE_ID_ALPHABET or not any(ch.isdigit() for ch in number):
        return False
    return len(text) == 9 or (text[9] in _DIGITS and int(text[9]) == _icao_check_digit(number))


def _phone_type(value: str, region: str) -> str | None:
    return classify(value, region)[1]


def _phone_mobile(value: str, region: str) -> bool:
    return _phone_type(value, region) == "mobile"


def _phone_mobile_outside_japan(value: str, region: str) -> bool:
    """A mobile number of any country but Japan (JP-PHONE-001 reads Japan's own). A
    leading 00 is the international prefix of most of the world (0033 6 ..., 0049 171
    ...); Japan's is 010, so phonenumbers, reading in Japan's plan, would not see it."""
    text = value.strip()
    if text.startswith("00") and text[2:3].isdigit() and text[2] != "0":
        text = "+" + text[2:]
    e164, kind = classify(text, region)
    return kind == "mobile" and e164 is not None and not e164.startswith("+81")


def _phone_fixed(value: str, region: str) -> bool:
    return _phone_type(value, region) in ("fixed_line", "fixed_line_or_mobile")


def _phone_any(value: str, region: str) -> bool:
    return _phone_type(value, region) not in (None, "unknown")


def _not_phone(value: str, region: str) -> bool:
    return not _phone_any(value, region)


VALIDATORS: dict[str, Callable[[str, str], bool]] = {
    "luhn": _luhn,
    "luhn_any": _luhn_any,
    "my_number": _my_number,
    "corporate_number": _corporate,
    "iban": _iban,
    "de_idnr": _de_idnr,
    "fr_nir": _fr_nir,
    "it_codicefiscale": _it_codicefiscale,
    "es_dni": _es_dni,
    "es_nie": _es_nie,
    "nl_bsn": _nl_bsn,
    "pl_pesel": _pl_pesel,
    "pt_nif_person": _pt_nif_person,
    "be_nn": _be_nn,
    "at_vnr": _at_vnr,
    "ch_ahv": _ch_ahv,
    "ie_pps": _ie_pps,
    "se_personnummer": _se_personnummer,
    "dk_cpr": _dk_cpr,
    "de_id_card": _de_id_card,
    "phone_mobile": _phone_mobile,
    "phone_mobile_outside_japan": _phone_mobile_outside_japan,
    "phone_fixed": _phone_fixed,
    "phone_any": _phone_any,
    "not_phone": _not_phone,
}
