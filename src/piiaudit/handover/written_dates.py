"""Dates as importers read them: ISO 8601 (``1991-02-03``).

An export keeps a birthday as its app wrote it: Outlook's CSV ``1991/2/3``, a hand-made
list's ``1991年2月3日``, a card app's ``昭和60年4月1日`` or ``S60.4.1``. Written into ``BDAY``
so, Google Contacts and iOS drop it, and the employee's own copy of a private contact
(``minimize --keep-private``, which promises every field) lost the birthday. A form that
names one day for certain becomes ISO 8601; anything else (``--0401``, Apple's
``1604-04-01``, ``2/3/1991``, which is February or March by locale) is written as it came.
"""

from __future__ import annotations

import re
from datetime import date

from piiaudit.handover.output_data import output_data
from piiaudit.textnorm import nfkc

_SEP = r"\s*[-/.年]\s*"
_MONTH_SEP = r"\s*[-/.月]\s*"
_YEAR_FIRST = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_MONTH_SEP}(\d{{1,2}})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ERA = re.compile(rf"([^\d\s.]+?)\s*(\d{{1,2}}|元){_SEP}(\d{{1,2}}){_MONTH_SEP}(\d{{1,2}})\s*日?")


def written_date(value: str) -> str:
    """``value`` as an ISO 8601 date when it names one day for certain, else as it is."""
    text = nfkc(value).strip()
    found = _YEAR_FIRST.fullmatch(text) or _COMPACT.fullmatch(text)
    if found is not None:
        return _iso(int(found[1]), int(found[2]), int(found[3])) or value
    found = _ERA.fullmatch(text)
    if found is not None:
        era = output_data().eras.get(found[1].upper())  # 昭和 is its own upper case; s is S
        number = 1 if found[2] == "元" else int(found[2])
        if era is not None and number >= 1 and (era.years is None or number <= era.years):
            return _iso(era.first + number - 1, int(found[3]), int(found[4])) or value
    return value


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 1991/2/30: not a day; written as it came
        return None
