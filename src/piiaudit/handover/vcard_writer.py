"""Write contacts as vCard 3.0 through vobject, which gets escaping and folding right.

``minimize`` produces new cards (a business contact with fields removed), so it
cannot copy bytes the way ``split`` does; it rebuilds each card from the model.
vCard 3.0 is what every phone and mail program imports. A photo is never
written: the model keeps only its size, and a hand-over copy has no use for it.

Labels, related people and the anniversary are written in the forms iOS, macOS and
Google Contacts import (``vcard_output.yaml`` says which and why): standard TYPE
values as ``TYPE=``, any other label as an Apple item label (``item1.TEL`` +
``item1.X-ABLABEL``; vobject writes property names in upper case, which readers
match without regard to case, and sorts properties by name, so an item's lines
need not be adjacent: they are joined by their group name). piiaudit's reader
reads every one of them back to the same labels, people and date. The labels of a
kept private card's related names, URLs and dates, which the model does not hold, come
with it from :mod:`piiaudit.handover.card_labels` (:func:`serialize_labelled`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import vobject

from piiaudit.handover.addresses import street_from_formatted
from piiaudit.handover.card_labels import NO_LABELS, CardLabels, Pending, anniversary_labels
from piiaudit.handover.output_data import output_data
from piiaudit.handover.written_dates import written_date
from piiaudit.model import Address, Contact, MessagingId
from piiaudit.parsers import android_row_meaning, messaging_services
from piiaudit.parsers.vcard_data import tables
from piiaudit.textnorm import nfkc

_TOKEN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
# C0 controls, DEL and the C1 controls (U+0080-U+009F: a legacy code page's byte with no
# character, 0x81 in Windows-1252, is read as Latin-1 and comes out as one of them).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WRITTEN_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
FOLD_OCTETS = 75
_UNFOLDED = 1 << 30  # vobject's line length when this module folds instead
_SHOW_AS = "X-ABSHOWAS"
# Properties the model maps to its own fields, or that describe the card itself
# (PROFILE:VCARD makes vobject refuse the card): never copied again from ``other``.
_OWN = {
    "BEGIN", "END", "VERSION", "PROFILE", "FN", "N", "NICKNAME", "ORG", "TITLE", "TEL",
    "EMAIL", "ADR", "BDAY", "ANNIVERSARY", "NOTE", "URL", "CATEGORIES", "RELATED", "PHOTO", "UID",
    "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME",
}  # fmt: skip
# The reader keeps an Apple date row in ``other`` besides the anniversary it gives.
_APPLE_DATE = "X-ABDATE"


def serialize_cards(contacts: Iterable[Contact]) -> str:
    """Every contact as one vCard 3.0 text, CRLF line endings, folded at 75 octets
    (:func:`fold_octets`), without control characters (:func:`without_controls`)."""
    return serialize_labelled((c, NO_LABELS) for c in contacts)


def serialize_labelled(cards: Iterable[tuple[Contact, CardLabels]]) -> str:
    """:func:`serialize_cards`, each contact with the labels its card gave the values the
    model keeps without them (its related names, URLs and dates)."""
    return "".join(serialize_card(contact_to_vcard(c, labels)) for c, labels in cards)


def serialize_card(card: vobject.base.Component) -> str:
    """One vobject card as text. vobject folds a line only when it has 75 *characters*,
    so a Japanese line of 40 characters (120 octets) stayed whole (QA round 10): the
    card is serialised unfolded and folded here by octets."""
    text = card.serialize(lineLength=_UNFOLDED)
    lines = text.split("\r\n")
    return "".join(fold_octets(without_controls(line)) for line in lines if line)


def fold_octets(line: str, limit: int = FOLD_OCTETS) -> str:
    """``line`` folded as RFC 2425 5.8.1 asks: no physical line longer than ``limit``
    octets in UTF-8 (CRLF not counted), each continuation starting with one space, and
    never inside a character's UTF-8 sequence (a reader decoding line by line would
    break it). Each physical line ends with CRLF."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "".join(f"{physical}\r\n" for physical in out)


def without_controls(line: str) -> str:
    """``line`` without C0 control characters (tab excepted), DEL and C1 controls. A NUL typed or
    carried into a name (``Nul\\x00Byte``) was written into the card as it was: some
    importers stop reading the card there, others show it. Line breaks inside a value
    are not affected: vobject has escaped them as ``\\n`` already."""
    return _WRITTEN_CONTROL.sub("", line)


def written_name(contact: Contact) -> str:
    """The card's FN: the contact's name, else its organisation, else its first e-mail
    address, else its first phone number. RFC 2426 requires a FN, and a card with an
    empty one imports as "No Name" (iOS), which tells the company nothing."""
    candidates = (
        contact.display_name(),
        *(e.value for e in contact.emails),
        *(written_number(p.value) for p in contact.phones),
    )
    return next((c.strip() for c in candidates if without_controls(c).strip()), "")


def is_company_card(contact: Contact) -> bool:
    """A card that names a company, not a person: Apple's ``X-ABShowAs:COMPANY``, or no
    name of its own but the organisation's (a Google CSV company row)."""
    shows_as = contact.other.get(_SHOW_AS, ())
    if any(v.strip().upper() == "COMPANY" for v in shows_as):
        return True
    names = contact.names
    orgs = {o.strip() for o in contact.organizations}
    return not names.display() or names.formatted.strip() in orgs


def contact_to_vcard(contact: Contact, labels: CardLabels = NO_LABELS) -> vobject.base.Component:
    """A vobject vCard holding every field ``contact`` still has; ``labels``, those its
    card gave its related names, URLs and dates (:mod:`piiaudit.handover.card_labels`)."""
    card = vobject.vCard()
    data = output_data()
    items = _item_groups()
    names = contact.names
    card.add("fn").value = written_name(contact)
    # A name given whole only (a CSV's 氏名 or "Full name" column) keeps it in N too, as
    # Android writes an unsplit name: an empty N imports as a nameless contact on some
    # phones. Which part is the family name is not known, so it is not split. A company
    # card's name is the company's: written as a family name, iOS would file the company
    # as a person, so its N stays empty (its FN and X-ABShowAs say what it is).
    unsplit = not any((names.family, names.given, names.middle, names.prefix, names.suffix))
    person = unsplit and not is_company_card(contact)
    card.add("n").value = vobject.vcard.Name(
        family=names.formatted.strip() if person else names.family,
        given=names.given,
        additional=names.middle,
        prefix=names.prefix,
        suffix=names.suffix,
    )
    # Feature phones wrote readings in half-width katakana (ﾔﾏﾀﾞ); phones sort and
    # search by full-width ones (ヤマダ), which NFKC gives.
    _text(card, "x-phonetic-last-name", [nfkc(names.phonetic_family)])
    _text(card, "x-phonetic-first-name", [nfkc(names.phonetic_given)])
    _text(card, "nickname", names.nicknames)
    for components in org_lines(contact):
        card.add("org").value = components
    _text(card, "title", contact.titles)
    for phone in contact.phones:
        _typed(card, items, "tel", written_number(phone.value), phone.labels)
    for email in contact.emails:
        _typed(card, items, "email", email.value, email.labels)
    for handle in contact.messaging:
        _handle(card, items, handle)
    for address in contact.addresses:
        _address(card, items, address)
    _text(card, "bday", [written_date(contact.birthday or "")])
    anniversary = contact.anniversary or ""
    _anniversary(card, items, written_date(anniversary), anniversary_labels(labels, anniversary))
    _text(card, "note", contact.notes)
    urls = Pending(labels.urls)
    for url in contact.urls:
        _typed(card, items, "url", url, urls.take(url), data.url_labels)
    if any(c.strip() for c in contact.categories):
        card.add("categories").value = [c for c in contact.categories if c.strip()]
    related = Pending(labels.related)
    for name in contact.related:
        _related(card, items, name, related.take(name))
    _text(card, "uid", [contact.uid or ""])
    dates = Pending((row.raw, row.labels) for row in labels.dates)
    for prop, values in sorted(contact.other.items()):
        if prop.upper() == _APPLE_DATE:
            _apple_dates(card, items, values, _own_dates(contact), dates)
        elif prop.upper() in data.compound_properties:
            _compound(card, prop.lower(), values)
        elif _TOKEN.match(prop) and prop.upper() not in _OWN:
            _text(card, prop.lower(), values)
        elif relation := _work_relation(prop):
            for name in values:
                _related(card, items, name, (relation,))
    return card


def _related(
    card: vobject.base.Component, items: Iterator[str], name: str, labels: Sequence[str]
) -> None:
    """A related person as Apple writes one, labelled with the relation (``spouse``,
    ``assistant``, ``幼なじみ``) when the card gave it."""
    data = output_data()
    _typed(card, items, data.related_property.lower(), name, labels, data.related_labels)


def _work_relation(prop: str) -> str:
    """The relation of a colleague the reader keeps in ``other`` under the property and
    the relation (``X-ABRELATEDNAMES;assistant``), or "" for any other key. Such a key
    is no property name, so the colleague was not written at all."""
    name, _, relation = prop.partition(";")
    return relation.strip() if relation.strip() and name.upper() in tables().related else ""


def written_number(value: str) -> str:
    """A vCard 4.0 ``tel:`` URI (``tel:+81-3-5555-0103;ext=245``) as the number a 3.0
    ``TEL`` holds (``+81-3-5555-0103 ext. 245``): written as it came, the company's
    address book would get numbers starting ``tel:`` and an escaped ``\\;ext=``."""
    if value[:4].lower() != "tel:":
        return value
    number, *params = value[4:].split(";")
    extension = next((p[4:] for p in params if p[:4].lower() == "ext="), "")
    return f"{number} ext. {extension}" if extension else number


def org_lines(contact: Contact) -> list[list[str]]:
    """The contact's ``ORG`` values, each the company then its units.

    The components come from ``organization_parts`` (vobject escapes ``;`` ``,`` and
    ``\\`` inside each); a unit entry (a CSV department) joins the organisation before
    it. A contact whose structure is not known writes each organisation as one text.
    """
    parts = contact.organization_parts
    if len(parts) != len(contact.organizations):
        return [[org] for org in contact.organizations if org.strip()]
    lines: list[list[str]] = []
    for part in parts:
        if part.unit and lines:
            lines[-1].extend(part.components)
        else:
            lines.append(list(part.components))
    return [line for line in lines if any(c.strip() for c in line)]


def _text(card: vobject.base.Component, name: str, values: Sequence[str]) -> None:
    for value in values:
        if value and value.strip():
            card.add(name).value = value


def _compound(card: vobject.base.Component, name: str, values: Sequence[str]) -> None:
    """A value whose ``;`` separate its components (``vcard_output.yaml``): escaped as
    text but for the semicolons, and marked encoded so vobject leaves it so. An Android
    row the reader took as a field (a relation, a nickname, a date) is written as that
    field already: written again, it came back twice."""
    for value in values:
        if name.upper() == "X-ANDROID-CUSTOM" and android_row_meaning(value.split(";")):
            continue
        if value and value.strip():
            line = card.add(name)
            line.value = value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            line.encoded = True


def _item_groups() -> Iterator[str]:
    """``item1``, ``item2`` ...: the groups that tie a value to its Apple label."""
    return (f"item{n}" for n in itertools.count(1))


def _typed(
    card: vobject.base.Component,
    items: Iterator[str],
    name: str,
    value: str,
    labels: Sequence[str],
    builtins: Mapping[str, str] | None = None,
) -> None:
    if not value.strip():
        return
    types, label = label_parts(labels, builtins)
    group = next(items) if label else None
    line = card.add(name, group)
    line.value = value
    _labelled(card, line, group, types, label)


def _labelled(
    card: vobject.base.Component,
    line: vobject.base.ContentLine,
    group: str | None,
    types: list[str],
    label: str,
) -> None:
    if types:
        line.type_param = types
    if group is not None:
        card.add("x-ablabel", group).value = label


def label_parts(
    labels: Iterable[str], builtins: Mapping[str, str] | None = None
) -> tuple[list[str], str]:
    """Labels as vCard 3.0 TYPE values (standard ones, upper case) and the one Apple
    item label for the rest: the custom labels a person gave, joined, else Apple's
    built-in label for a value vCard 3.0 has no type for (``main``, ``other``; for a
    related name, a URL or a date, ``builtins`` says which: ``spouse``, ``homepage``).
    Empty labels and labels with control characters are left off."""
    data = output_data()
    known = data.apple_labels if builtins is None else builtins
    types: list[str] = []
    custom: list[str] = []
    builtin = ""
    for label in labels:
        text = label.strip()
        low = text.lower()
        if not text or _CONTROL.search(text):
            continue
        if low in data.type_values:
            if text.upper() not in types:
                types.append(text.upper())
        elif low in known:
            builtin = builtin or known[low]
        elif text not in custom:
            custom.append(text)
    return types, data.label_joiner.join(custom) or builtin


def _anniversary(
    card: vobject.base.Component, items: Iterator[str], date: str, labels: Sequence[str] = ()
) -> None:
    """The anniversary as Apple and Gmail write it (``vcard_output.yaml``), under the
    label the owner gave it, when it came from a labelled date (``結婚記念日``, which
    piiaudit reads back as the anniversary)."""
    if not date.strip():
        return
    data = output_data()
    types, label = label_parts(labels, data.date_labels)
    group = next(items)
    line = card.add(_APPLE_DATE.lower(), group)
    line.value = date.strip()
    _labelled(card, line, group, types, label or data.anniversary_label)


def _own_dates(contact: Contact) -> set[str]:
    """The anniversary and the birthday, which are written once, in their own fields:
    the Apple date rows they came from are not written again."""
    return {d.strip() for d in (contact.anniversary, contact.birthday) if d and d.strip()}


def _apple_dates(
    card: vobject.base.Component,
    items: Iterator[str],
    values: Sequence[str],
    own: set[str],
    labels: Pending,
) -> None:
    """Apple date rows as Apple writes them. The reader keeps a date the owner labelled
    as ``label: date`` (so rules read the label with it); it goes back as the date with
    its label (``item1.X-ABDATE`` + ``item1.X-ABLABEL``), never as one text. A date the
    reader keeps without its label (Apple's ``_$!<Other>!$_``) takes the one its card
    gave it (``labels``, claimed row by row, in the card's order, so that each row
    keeps its own)."""
    for value in values:
        label, sep, date = value.rpartition(": ")
        custom = bool(sep and label.strip() and not _CONTROL.search(label))
        given = labels.take(date if custom else value)
        if value.strip() in own:
            continue
        if custom:
            group = next(items)
            card.add(_APPLE_DATE.lower(), group).value = date.strip()
            card.add("x-ablabel", group).value = label.strip()
        elif value.strip():
            builtins = output_data().date_labels
            _typed(card, items, _APPLE_DATE.lower(), value.strip(), given, builtins)


def _handle(card: vobject.base.Component, items: Iterator[str], handle: MessagingId) -> None:
    """A chat handle as iOS writes one: ``IMPP;X-SERVICE-TYPE=<service>``, its types and
    any custom label as usual; the reader takes the service back from the parameter."""
    if not handle.value.strip():
        return
    services = messaging_services()
    service = next((label for label in handle.labels if label in services), "")
    types, label = label_parts([label for label in handle.labels if label != service])
    group = next(items) if label else None
    line = card.add("impp", group)
    line.value = handle.value
    if service:
        line.params["X-SERVICE-TYPE"] = [service]
    _labelled(card, line, group, types, label)


def _address(card: vobject.base.Component, items: Iterator[str], address: Address) -> None:
    street = address.street
    if not street.strip() and address.formatted.strip():
        street = street_from_formatted(address)  # see handover.addresses
    parts = (
        address.po_box,
        address.extended,
        street,
        address.locality,
        address.region,
        address.postal_code,
        address.country,
    )
    if not any(p.strip() for p in parts):
        return
    types, label = label_parts(address.labels)
    group = next(items) if label else None
    line = card.add("adr", group)
    line.value = vobject.vcard.Address(
        box=address.po_box,
        extended=address.extended,
        street=street,
        city=address.locality,
        region=address.region,
        code=address.postal_code,
        country=address.country,
    )
    _labelled(card, line, group, types, label)
