"""``person``: the contact is one of the people a list names (``--owner``: the owner).

Phones keep the owner's own card (the iPhone's "My Card", Android's profile) and
exports include it, with nothing to mark it. Only the owner can say who they are,
in the words they have at hand: their name as the card shows it, their mobile
number, their e-mail address (``CORE-OWNER-001`` reads the ``profile:owner`` list,
filled by ``--owner``). Each listed value is one of those three, told apart the way
a person writes them: an e-mail address holds ``@``, a phone number five digits
or more, anything else is a name.

- A name matches when it is the card's name with NFKC, case, blanks, middle dots
  and commas set aside (``山田太郎``, ``Yamada, Taro``, ``ＴＡＲＯ　ＹＡＭＡＤＡ``), in
  either order: the formatted name read from its last word as well as its first
  (``Taro Yamada`` is ``Yamada Taro``), the structured name family first and given
  first, and the phonetic name the same way, katakana read as hiragana
  (``ヤマダ タロウ`` is ``やまだ たろう``). A remark in brackets after the card's name
  (``山田 太郎（営業部）``) is set aside too. Only the whole name counts: ``山田 太一``
  is someone else.
- A phone number matches by its E.164 form, read in the run's region as the card's
  numbers are (:func:`piiaudit.phones.classify`), so ``090-1234-5678``,
  ``+81 90 1234 5678`` and ``０９０１２３４５６７８`` are one number.
- An e-mail address matches whatever its case (and a ``mailto:`` before it).

The values themselves never reach a report: a match names the card's own field,
which reports mask like any other value, and :meth:`PersonDetector.describe`
names the lists, never what they hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from piiaudit.engine.detectors.base import EvalContext, Match, new_match
from piiaudit.engine.detectors.keywords import gather_words
from piiaudit.engine.view import ContactView, FieldText
from piiaudit.phones import classify
from piiaudit.textnorm import nfkc, split_remark

Kind = Literal["email", "phone", "name"]

# A value with this many digits is a phone number: no name holds five, and phonenumbers
# itself reads nothing shorter (piiaudit.phones).
PHONE_DIGITS_MIN = 5
# Set aside in a name: blanks, middle dots (・ between the parts of a name written in
# katakana, · ‧ • in Latin ones), the double hyphen ゠ of katakana names, and the commas
# and full stops of "Yamada, Taro" and "Taro Q. Yamada".
_NAME_GAPS = re.compile(r"[\s・·‧•∙゠,、.。]+")
_KATAKANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}  # ァ..ヶ -> ぁ..ゖ
_NAME_GROUPS = ("names.formatted", "names.family", "names.given", "names.middle")
_PHONETIC = "names.phonetic"
_MAILTO = "mailto:"


def kind_of(value: str) -> Kind:
    """What a listed value is: an e-mail address, a phone number or a name."""
    text = nfkc(value)
    if "@" in text:
        return "email"
    if sum(ch.isdigit() for ch in text) >= PHONE_DIGITS_MIN:
        return "phone"
    return "name"


def name_key(text: str) -> str:
    """A name as it is compared: NFKC, case-folded, without blanks, middle dots and
    commas, katakana as hiragana."""
    return _NAME_GAPS.sub("", nfkc(text).casefold()).translate(_KATAKANA)


def email_key(text: str) -> str:
    """An address as it is compared: NFKC, case-folded, without ``mailto:`` and the
    angle brackets some exports keep around it."""
    folded = nfkc(text).strip().strip("<>").strip().casefold()
    return folded[len(_MAILTO) :] if folded.startswith(_MAILTO) else folded


def phone_key(text: str, region: str) -> str | None:
    """A number's E.164 form read in ``region``; ``None`` when it is no number."""
    e164, _ = classify(text, region)
    return e164


def _words(text: str) -> list[str]:
    """A written name's words, split where :func:`name_key` sets characters aside."""
    return [word for word in _NAME_GAPS.split(nfkc(text)) if word]


def _orders(parts: Iterable[str]) -> set[str]:
    """The keys of a name given in parts (blank parts left out): in the order given, with
    the last part first and with the first part last, so family-first and given-first
    both match (``Taro Q. Yamada`` is ``Yamada Taro Q.``)."""
    kept = [name_key(part) for part in parts]
    kept = [part for part in kept if part]
    if not kept:
        return set()
    return {"".join(kept), "".join(kept[-1:] + kept[:-1]), "".join(kept[1:] + kept[:1])}


def _formatted_keys(text: str) -> set[str]:
    """The keys of a formatted name: its words in either order, with and without a
    bracketed remark after the name."""
    keys = _orders(_words(text))
    cut = split_remark(text)
    if cut is not None and cut[0]:
        keys |= _orders(_words(cut[0]))
    return keys


def name_keys(view: ContactView) -> set[str]:
    """Every way the card's name may be written, as :func:`name_key` gives it."""
    groups = view.groups
    keys: set[str] = set()
    formatted = groups.get("names.formatted")
    if formatted:
        keys |= _formatted_keys(formatted[0].text)
    parts = [
        groups[g][0].text for g in ("names.family", "names.given", "names.middle") if g in groups
    ]
    keys |= _orders(parts)
    phonetic = groups.get(_PHONETIC)
    if phonetic:
        keys |= _orders(item.text for item in phonetic)
    return keys


class PersonDetector:
    """Fires on a contact whose name, phone number or e-mail address is a listed one."""

    name = "person"

    def __init__(self, params: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> None:
        self.lists = tuple(str(name) for name in params.get("lists", ()))
        values = [v for v in gather_words(params, lists, "") if v.strip()]
        # Each listed name in its word orders too: ``太郎 山田`` is the card ``山田太郎``.
        self.names = frozenset(
            key for v in values if kind_of(v) == "name" for key in _orders(_words(v))
        )
        self.emails = frozenset(email_key(v) for v in values if kind_of(v) == "email")
        self._written_phones = tuple(v for v in values if kind_of(v) == "phone")
        self._phones: dict[str, frozenset[str]] = {}  # per region: the numbers' E.164 forms
        self._description = self._describe()

    @property
    def groups(self) -> tuple[str, ...]:
        """The contact's groups a match can be in (none when nothing is listed: the
        prefilter then never runs the rule, ``engine/gate.py``)."""
        wanted: list[str] = []
        if self.names:
            wanted += [*_NAME_GROUPS, _PHONETIC]
        if self._written_phones:
            wanted.append("phones")
        if self.emails:
            wanted.append("emails")
        return tuple(wanted)

    def describe(self) -> str:
        return self._description

    def _describe(self) -> str:
        # The lists' names only: their values are the owner's own data.
        source = ", ".join(self.lists) if self.lists else "the rule's words"
        return f"the name, a phone number or an e-mail address listed in {source}"

    def phones(self, region: str) -> frozenset[str]:
        """The listed numbers' E.164 forms in ``region`` (each region read once)."""
        known = self._phones.get(region)
        if known is None:
            found = (phone_key(v, region) for v in self._written_phones)
            known = self._phones[region] = frozenset(e for e in found if e)
        return known

    def find(self, view: ContactView, ctx: EvalContext) -> list[Match]:
        groups = view.groups
        named = self.names and any(g in groups for g in (*_NAME_GROUPS, _PHONETIC))
        if named and not self.names.isdisjoint(name_keys(view)):
            return [self._match(_name_item(view))]
        if self._written_phones and "phones" in groups:
            wanted = self.phones(ctx.region)
            phones = view.contact.phones
            for item in groups["phones"]:
                e164 = phones[item.index].e164 if item.index < len(phones) else None
                if e164 is None:  # a number the reader could not place: read it here
                    e164 = phone_key(item.text, ctx.region)
                if e164 is not None and e164 in wanted:
                    return [self._match(item)]
        if self.emails and "emails" in groups:
            for item in groups["emails"]:
                if email_key(item.text) in self.emails:
                    return [self._match(item)]
        return []

    def _match(self, item: FieldText) -> Match:
        return new_match(item.field, item.raw, item.kind, item, -1, -1, self._description, ())


def _name_item(view: ContactView) -> FieldText:
    """The field a name match is reported in: the formatted name, else a name part."""
    for group in (*_NAME_GROUPS, _PHONETIC):
        items = view.groups.get(group)
        if items:
            return items[0]
    raise AssertionError("a name matched on a contact without a name")  # pragma: no cover
