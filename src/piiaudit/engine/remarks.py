"""What the owner wrote beside a name, a number or an address: the ``remarks`` group.

An address book without a notes field in sight (older phones, a spreadsheet
kept by hand) gets its notes written into the other fields: ``田中 一郎（糖尿病で
透析中・前科あり）``, ``N:Otter;Karl;;;(wife has breast cancer)``,
``03-5555-0102 うつ病で休職中``. The special-care rules read notes, titles and
the like; they did not read these, so such a card was reported clean and handed
over as it was (security review F4). Reading whole names would flag every clinic
a medical rep stores by its name (さくら透析クリニック), so only the remark is
read, and only by the health and criminal-record rules with lists of a person's
states (透析中, 前科あり): brackets after a name hold a department far more often
(鈴木 一郎（見本病院 精神科）, review 9). The remarks are:

* in a name part, the text from its first opening bracket on (nested and later
  brackets included), or from the word holding a phone number typed without brackets
  (ABC商事 田中部長 携帯090-…: QA round 9), and the whole honorific suffix, which holds
  no name;
* in a phone number, the text besides the number (and its ``tel:``) when it holds
  letters;
* in an e-mail address, the value without the address;
* in an organisation, only when it holds a phone number: its bracket or the word
  holding the number on.

Each remark keeps the field it came from (``names.formatted``, ``phones[0]``), so
a finding names that field: ``minimize`` removes a name's remark (keeping the name
before it) and a phone or e-mail value whole.
"""

from __future__ import annotations

import re

from piiaudit.model import Contact
from piiaudit.textnorm import FIRST_BRACKET as _FIRST_BRACKET
from piiaudit.textnorm import NUMBER_RUN as _NUMBER_RUN
from piiaudit.textnorm import split_remark

GROUP = "remarks"
#: The name parts whose brackets hold remarks (the suffix is one as a whole).
_NAME_PARTS = tuple(
    (part, f"names.{part}")
    for part in (
        "formatted",
        "family",
        "given",
        "middle",
        "prefix",
        # the readings too: minimize keeps them whole, and a number typed there (ななみ
        # 090-…) went to the company unseen (QA round 10)
        "phonetic_family",
        "phonetic_given",
    )
)
_REMARKS_PER_PART = 4  # remarks read from one name part (a hostile name holds many)
_LETTER = re.compile(r"[^\W\d_]")
_ADDRESS = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+")
# A number as written in a phone value (with its tel: scheme): what is left besides it is
# the remark. The whole value was the remark, and the number-in-text rules then found the
# card's own number in it a second time (a vCard 4.0 tel: URI has letters).
_NUMBER = re.compile(r"(?:\btel:)?[+(]?[0-9][0-9 ()./-]{4,}[0-9]", re.IGNORECASE)


def remarks(contact: Contact) -> list[tuple[str, str]]:
    """``(field, remark)`` for every remark of ``contact``, in the fields' order.

    Run on every contact, so the usual one (plain name parts, numbers of digits,
    bare addresses) is answered with a few string tests."""
    found: list[tuple[str, str]] = []
    names = contact.names
    # One search over the parts joined: a third of asking each (the common name has none).
    parts = (
        f"{names.formatted}{names.family}{names.given}{names.middle}{names.prefix}"
        f"{names.phonetic_family}{names.phonetic_given}"
    )
    if _FIRST_BRACKET.search(parts) or _NUMBER_RUN.search(parts):
        for part, field in _NAME_PARTS:
            text = getattr(names, part)
            # A number's words are cut out and the rest may hold a bracket (山田 太郎
            # 090-… (奥様): review 12), so the rest is read again, a few times at most.
            for _ in range(_REMARKS_PER_PART):
                split = split_remark(text)
                if split is None or not split[1]:
                    break
                found.append((field, split[1]))
                text = split[0]
    if names.suffix and not names.suffix.isspace():
        found.append(("names.suffix", names.suffix.strip()))
    # An organisation's brackets name a department far more often than a state, so only
    # one holding a phone number gives a remark (株式会社テスト（自宅 03-…）: QA round 9,
    # where 会社 in 株式会社 kept the number-in-text rule below its threshold).
    for i, organization in enumerate(contact.organizations):
        if _NUMBER_RUN.search(organization):
            split = split_remark(organization)
            if split is not None and split[1]:
                found.append((f"organizations[{i}]", split[1]))
    for i, phone in enumerate(contact.phones):
        value = phone.value
        # An ASCII value has a letter exactly when upper and lower case differ.
        if (not value.isascii() or value.upper() != value.lower()) and _LETTER.search(value):
            rest = _NUMBER.sub(" ", value).strip()
            if rest and _LETTER.search(rest):
                found.append((f"phones[{i}]", rest))
    for i, email in enumerate(contact.emails):
        value = email.value
        if value.isascii() and " " not in value and "(" not in value:
            continue  # a bare address, or a comment only in letters glued to it
        rest = _ADDRESS.sub(" ", value).strip()
        if rest and _LETTER.search(rest):
            found.append((f"emails[{i}]", rest))
    return found
