"""The properties of one card -> one :class:`~piiaudit.model.Contact`.

The reader collects a card's raw properties and hands them over at ``END``;
decoding waits until then because VERSION may come last (old Netscape
exports) and decides how backslashes are read, and because an Apple
``itemN.X-ABLabel`` may come after the property it labels.

Every property that has no field of its own goes to ``Contact.other`` with
its decoded value: unknown fields can hold personal data too.
"""

from __future__ import annotations

import binascii
import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from piiaudit.model import (
    Address,
    Contact,
    Email,
    MessagingId,
    OrgParts,
    ParseIssue,
    Phone,
    Photo,
    SourceRef,
    new_contact,
    new_email,
    new_messaging_id,
    new_names,
    new_org_parts,
    new_phone,
    new_source,
)
from piiaudit.parsers.address_region import in_region, region_of_countries
from piiaudit.parsers.date_labels import date_field, labelled_date, no_date
from piiaudit.parsers.encoding import normalize_name, plausible_cp932, shift_jis_family
from piiaudit.parsers.vcard_data import group_label, service_name, tables
from piiaudit.parsers.vcard_values import (
    CUT_CHARACTER,
    QP_CUT,
    TRANSCODED,
    Head,
    Params,
    is_property_name,
    name_of,
    parse_head,
    split_components,
    split_name_components,
    to_text,
    transfer_decoded,
    unescape,
)
from piiaudit.phones import SHARED_FIELD_MIN, classify, numbers_in

#: ``(line, head bytes, value bytes, binary size or -1)`` as the reader collects them.
RawProperty = tuple[int, bytes, bytes, int]

#: The year iOS writes for a date whose year is unknown, and a whole date in either form.
_APPLE_NO_YEAR = "1604"
_FULL_DATE = re.compile(r"([0-9]{4})(-?)([0-9]{2})\2([0-9]{2})")
_ADR_FIELDS = ("po_box", "extended", "street", "locality", "region", "postal_code", "country")
#: First four characters of a card reference (``urn:uuid:``, ``uuid:``): a cheap test first.
_REFERENCE_STARTS = frozenset({"urn:", "uuid"})
_N_FIELDS = ("family", "given", "middle", "prefix", "suffix")
_NO_PHOTO = Photo()  # immutable, so every card without a photo can share it


def labels_of(head: Head, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The head's labels plus those of its Apple group label, without duplicates."""
    if not extra:
        return head.labels
    return head.labels + tuple(label for label in extra if label not in head.labels)


class CardBuilder:
    """Accumulates one card's raw properties; :meth:`build` turns them into a Contact."""

    __slots__ = (
        "cut", "index", "issues", "line", "overflow", "parent", "properties", "start", "version",
    )  # fmt: skip

    def __init__(self, index: int, line: int, start: int, parent: int | None) -> None:
        self.index = index
        self.line = line
        self.start = start
        self.parent = parent
        self.version = ""
        self.overflow = False  # more than max_properties_per_card: reported once
        self.cut = False  # opened by a line of contact data outside any card (vcard_cut)
        self.properties: list[RawProperty] = []
        self.issues: list[ParseIssue] = []

    def build(self, path: str, end: int, encoding: str, region: str) -> Contact:
        source = new_source(path, self.index, self.line, self.start, end, self.parent)
        return _Assembly(self, encoding, region).contact(source)


class _Assembly:
    """The decoding pass over one card (kept apart so the builder stays a plain record)."""

    __slots__ = (
        "addresses",
        "binaries",
        "card",
        "date_from",
        "dates",
        "emails",
        "encoding",
        "kana_file",
        "labels",
        "legacy",
        "lines",
        "lists",
        "messaging",
        "names",
        "nicknames",
        "org_parts",
        "orgs",
        "other",
        "phones",
        "photo_bytes",
        "photo_present",
        "region",
        "uid",
        "version",
    )
    # Set only where needed (see _likely), so that a plain card pays nothing for them.
    legacy: str
    lines: list[bytes]

    def __init__(self, card: CardBuilder, encoding: str, region: str) -> None:
        self.card = card
        self.encoding = encoding
        # A Shift_JIS file: a value that declares no charset may be half-width katakana
        # that also reads as UTF-8 (encoding.half_width_kana), so to_text decides.
        self.kana_file = shift_jis_family(encoding)
        self.region = region
        self.version = card.version
        self.names: dict[str, str] = {}
        self.nicknames: list[str] = []
        self.orgs: list[str] = []
        self.org_parts: list[OrgParts] = []
        self.phones: list[Phone] = []
        self.emails: list[Email] = []
        self.messaging: list[MessagingId] = []
        self.addresses: list[Address] = []
        self.labels: list[tuple[tuple[str, ...], str]] = []
        self.dates: dict[str, str] = {}
        self.date_from: dict[str, str] = {}  # the property each date came from
        self.lists: dict[str, list[str]] = defaultdict(list)
        self.photo_bytes = 0
        self.photo_present = False
        self.uid: str | None = None
        self.other: dict[str, list[str]] = defaultdict(list)
        # Binary bodies other than PHOTO, kept apart until the end so that they
        # come first in ``other`` whether or not the card was placed as decoded.
        self.binaries: dict[str, list[str]] = {}

    def contact(self, source: SourceRef) -> Contact:
        """Decode and place every property, then build the Contact.

        A property in an Apple group (``item1.TEL``) waits until the whole card
        is read, because its ``item1.X-ABLabel`` may come later; so does every
        property after it, to keep the card's order. Cards without groups are
        placed as they are decoded.
        """
        deferred: list[_Deferred] = []
        group_labels: dict[str, tuple[str, ...]] = {}
        plans = _PLANS
        if len(plans) > _MAX_PLANS:
            plans.clear()
        for line, head_bytes, value, size in self.card.properties:
            plan = plans.get(head_bytes)
            if plan is None:
                plan = plans[head_bytes] = _plan_of(head_bytes)
            head, handler, unusual, transfer, charset = plan
            if unusual:
                if unusual == _STRUCTURAL:
                    continue
                self._head_problem(line, head)
            if size >= 0:
                self._binary(head, value, size)
                continue
            if transfer == _PLAIN and value.isascii():  # nothing to decode
                text = value.decode("ascii")
            else:
                text = self._decoded(line, head, transfer, charset, value)
            if head.group:
                if head.name == "X-ABLABEL":
                    group_labels[head.group.lower()] = group_label(unescape(text, self.version))
                    continue
                deferred.append((head, handler, text))
            elif deferred:
                deferred.append((head, handler, text))
            elif handler is None or not handler(self, head, text, ()):
                self._rest(head, text, ())
        return self._complete(source, deferred, group_labels)

    def simple(
        self,
        source: SourceRef,
        lines: list[bytes],
        plans: dict[bytes, _SimplePlan],
        special: frozenset[bytes],
    ) -> Contact | None:
        """Check and place, in one pass, a card whose lines are each one property.

        What :func:`.vcard_fast._simple` checks and collects, and the loop of
        :meth:`contact` does with it, done together for the card of physical lines
        ``lines`` (BEGIN and END left out): no tuple per property, one lookup per
        head. The card's VERSION, which decides how backslashes read, must then be
        its first line and its only one. Returns ``None`` for anything else;
        the assembly is then thrown away and the card read the two-pass way.
        """
        deferred: list[_Deferred] = []
        group_labels: dict[str, tuple[str, ...]] = {}
        self.lines = lines  # for _likely
        first = self.card.line + 1
        not_first, not_last = NOT_FIRST, NOT_LAST
        transcoded = self.encoding == TRANSCODED
        for number, raw in enumerate(lines, first):
            head_bytes, colon, value = raw.partition(b":")
            if not colon or not head_bytes or raw[0] in not_first or raw[-1] in not_last:
                return None  # no colon (a blank line too), or continued, a comment, or continuing
            plan = plans.get(head_bytes)
            if plan is None:
                plan = plans[head_bytes] = _simple_plan(head_bytes, special)
            head, handler, unusual, transfer, charset, kind = plan
            if kind:
                if kind == DECLINE or number != first:
                    return None
                self.version = self.card.version = value.strip().decode("ascii", "replace")
            elif number == first:
                return None
            if unusual:
                if unusual == _STRUCTURAL:
                    continue
                self._head_problem(number, head)
            if transfer != _PLAIN or charset is None or transcoded:
                text = self._decoded(number, head, transfer, charset, value)
            elif value.isascii():  # nothing to decode
                text = value.decode("ascii")
            elif charset == UNDECLARED and self.kana_file:
                text = self._text(number, head, value)
            else:  # what _decoded does for a value without transfer encoding
                try:
                    text = value.decode(charset)
                except UnicodeError:
                    text = self._text(number, head, value)
            if head.group:
                if head.name == "X-ABLABEL":
                    group_labels[head.group.lower()] = group_label(unescape(text, self.version))
                    continue
                deferred.append((head, handler, text))
            elif deferred:
                deferred.append((head, handler, text))
            elif handler is None or not handler(self, head, text, ()):
                self._rest(head, text, ())
        return self._complete(source, deferred, group_labels)

    def _complete(
        self,
        source: SourceRef,
        deferred: list[_Deferred],
        group_labels: dict[str, tuple[str, ...]],
    ) -> Contact:
        """After the last property: what waited for group labels, then the Contact."""
        if deferred:
            self._place_deferred(deferred, group_labels)
        elif group_labels:
            for labels in group_labels.values():  # labels without their properties: still data
                self.other["X-ABLABEL"].extend(labels)
        if self.binaries:
            for name, values in self.other.items():
                self.binaries.setdefault(name, []).extend(values)
            self.other = self.binaries
        return self._finish(source)

    def _place_deferred(
        self, deferred: list[_Deferred], group_labels: dict[str, tuple[str, ...]]
    ) -> None:
        """Place the properties held back for their group labels, in the card's order."""
        used: set[str] = set()
        for head, handler, text in deferred:
            extra: tuple[str, ...] = ()
            if head.group:
                group = head.group.lower()
                extra = group_labels.get(group, ())
                used.add(group)
            if handler is None or not handler(self, head, text, extra):
                self._rest(head, text, extra)
        for group, labels in group_labels.items():
            if group not in used:  # a label without its property: still data, keep it
                self.other["X-ABLABEL"].extend(labels)

    def _decoded(
        self, line: int, head: Head, transfer: int, charset: str | None, value: bytes
    ) -> str:
        """:meth:`_text`, cut short where the plan says how: quoted-printable or no transfer
        encoding, then the declared charset (or UTF-8) when the bytes decode in it; anything
        else, and any failure, goes the whole way, which then decides what to report."""
        if (
            transfer == _OTHER
            or charset is None
            or self.encoding == TRANSCODED
            or (charset == UNDECLARED and self.kana_file)
        ):
            return self._text(line, head, value)
        if transfer == _QP:
            data = binascii.a2b_qp(value)
            if b"=" in data:  # an escaped =, or an escape a2b_qp kept as written: judged
                return self._text(line, head, value)
        else:
            data = value
        if data.isascii():
            return data.decode("ascii")
        try:
            return data.decode(charset)
        except UnicodeError:
            return self._text(line, head, value)

    def _head_problem(self, line: int, head: Head) -> None:
        """What the head could not give as written (a label, a stray quote), reported at
        each line with that head."""
        for problem in head.problems:
            self.card.issues.append(ParseIssue(line, f"{head.name}: {problem}"))

    def _text(self, line: int, head: Head, value: bytes) -> str:
        data, undecoded = transfer_decoded(value, head.params)
        if undecoded:
            self.card.issues.append(ParseIssue(line, f"{head.name}: {undecoded}"))
        likely = None
        if self.encoding == "utf-8" and not data.isascii() and "CHARSET" not in head.params:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                likely = self._likely()
        text, problem = to_text(data, head.params, self.encoding, likely)
        if problem and not (undecoded == QP_CUT and problem == CUT_CHARACTER):
            # (a character cut with its escape: the escape's issue says it)
            self.card.issues.append(ParseIssue(line, f"{head.name}: {problem}"))
        return text

    def _likely(self) -> str | None:
        """The legacy encoding this card's values that are not UTF-8 read in together,
        in a UTF-8 file: CP932 when, all of them together, they read as Japanese.

        A file merged from several phones' exports is read as UTF-8 with a card of
        another encoding here and there (:func:`.encoding.mixed_utf8`). Each value that
        is not UTF-8 was judged alone, and a short one (a family name of one kanji,
        two bytes) says too little: judged with the rest of its card it is read in
        the card's encoding. Worked out once per card, and only for a card that has
        such a value (``""``: none found)."""
        try:  # set here, not for every card: this is the unusual path
            legacy = self.legacy
        except AttributeError:
            pieces: list[bytes] = []
            lines: list[bytes] = getattr(self, "lines", [])  # a card read in one pass
            properties = self.card.properties or [
                (0, line.partition(b":")[0], line.partition(b":")[2], -1) for line in lines
            ]
            for _, head_bytes, value, size in properties:
                plan = _PLANS.get(head_bytes) or _plan_of(head_bytes)
                transfer, charset = plan[3], plan[4]
                if size >= 0 or transfer == _OTHER or charset != UNDECLARED:
                    continue
                data = binascii.a2b_qp(value) if transfer == _QP else value
                if not data.isascii():
                    try:
                        data.decode("utf-8")
                    except UnicodeDecodeError:
                        pieces.append(data)
            legacy = self.legacy = "cp932" if plausible_cp932(b"\n".join(pieces)) else ""
        return legacy or None

    def _binary(self, head: Head, value: bytes, size: int) -> None:
        if head.name == "PHOTO":
            self.photo_present = self.photo_present or size > 0
            self.photo_bytes += size
        else:
            self.binaries.setdefault(head.name, []).append(f"<binary {size} bytes>")

    # The handlers of the properties with a field of their own. Each returns
    # whether it took the property; one that did not leaves it to :meth:`_rest`.

    def _tel(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        value = (unescape(text, self.version) if "\\" in text else text).strip()
        if value:
            labels = labels_of(head, extra) if extra else head.labels
            if len(value) <= SHARED_FIELD_MIN:  # one number at most: the usual value
                self.phones.append(new_phone(value, labels, *classify(value, self.region)))
            else:
                for number, e164, kind in numbers_in(value, self.region):
                    self.phones.append(new_phone(number, labels, e164, kind))
        return True

    def _email(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        value = unescape(text, self.version).strip()
        if value:
            self.emails.append(new_email(value, labels_of(head, extra) if extra else head.labels))
        return True

    def _im(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        """A chat handle, labelled with its service so rules can tell LINE from work Skype."""
        value = unescape(text, self.version).strip()
        if value:
            labels = labels_of(head, extra) if extra else head.labels
            service = _service(head, value)
            if service and service not in labels:
                labels = (*labels, service)
            self.messaging.append(new_messaging_id(value, labels))
        return True

    def _member(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        """A group's member given by number or address (``MEMBER:tel:...``,
        ``MEMBER:mailto:...``, RFC 6350 6.6.5) is data about a person who may have no
        card of their own: read as one of the card's phones or e-mails, so the rules see
        it and the group card stays a contact. A member given as a reference to another
        card (``urn:uuid:...``), or by any other URI, is left in ``other``."""
        scheme = text[:7].lower()
        if scheme.startswith("tel:"):
            return self._tel(head, text, extra)
        if scheme == "mailto:":  # the address without its scheme, as EMAIL holds it
            return self._email(head, text[7:], extra)
        return False

    def _fn(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        self._first_or_other("formatted", head.name, unescape(text, self.version))
        return True

    def _label(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        self.labels.append((labels_of(head, extra), unescape(text, self.version)))
        return True

    def _org(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        """One text for rules and reports (the components joined by a space), and the
        components themselves (company, then units) for a hand-over to write back."""
        parts = [p.strip() for p in split_components(text, self.version)]
        org = " ".join(p for p in parts if p)
        if org:
            while not parts[-1]:  # trailing empty units say nothing
                parts.pop()
            self.orgs.append(org)
            self.org_parts.append(new_org_parts(tuple(parts), False))
        return True

    def _nickname(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        self.nicknames.extend(p.strip() for p in split_components(text, self.version, ","))
        return True

    def _phonetic(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        key = "phonetic_family" if head.name.endswith("LAST-NAME") else "phonetic_given"
        self._first_or_other(key, head.name, unescape(text, self.version))
        return True

    def _sound(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        if not _has_type(head, "X-IRMC-N"):
            return False
        self._reading(text)
        return True

    def _bday(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        value = unescape(text, self.version).strip()
        self._date("birthday", head.name, without_apple_year(value, head.params))
        return True

    def _note(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        """A property of the notes table that :meth:`_rest` would hand to :meth:`_listed`."""
        value = unescape(text, self.version)
        if value.strip():
            self.lists["notes"].append(value)
        return True

    def _title(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        return self._stripped("titles", text)

    def _url(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        return self._stripped("urls", text)

    def _related(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        """A related person's name; a reference to another card (``urn:uuid:...``) names
        nobody, so it is kept in ``other`` under the property's name instead."""
        value = unescape(text, self.version).strip()
        if value[:4].lower() in _REFERENCE_STARTS and value.lower().startswith(
            tables().related_references
        ):
            self.other[head.name].append(value)
        elif value and (work := self._work_relation(head, extra)):
            # A colleague: business, not family; kept under the property and its type
            # (X-ABRELATEDNAMES;assistant), apart from the related people.
            self.other[f"{head.name};{work}"].append(value)
        elif value:
            self.lists["related"].append(value)
        return True

    @staticmethod
    def _work_relation(head: Head, extra: tuple[str, ...]) -> str:
        """The work relation a related person is labelled with (assistant, co-worker ...),
        or "" for anyone else: a label that is no work relation as well (co-worker and
        crush) keeps the person among the related people."""
        labels = [label.lower() for label in (labels_of(head, extra) if extra else head.labels)]
        kinds = [label for label in labels if label != "pref"]
        work = tables().work_relations
        return kinds[0] if kinds and all(kind in work for kind in kinds) else ""

    def _stripped(self, field: str, text: str) -> bool:
        value = unescape(text, self.version).strip()
        if value:
            self.lists[field].append(value)
        return True

    def _rest(self, head: Head, text: str, extra: tuple[str, ...]) -> None:
        name = head.name
        version = self.version
        if name in tables().anniversary:
            value = unescape(text, version).strip()
            self._date("anniversary", name, without_apple_year(value, head.params))
        elif name == "UID" and self.uid is None:
            self.uid = unescape(text, version).strip()
        elif name == "PHOTO":
            self._photo_reference(unescape(text, version).strip())
        else:
            self._listed(head, text, extra)

    def _listed(self, head: Head, text: str, extra: tuple[str, ...]) -> None:
        name = head.name
        table = tables()
        value = unescape(text, self.version)
        for field, names in (
            ("titles", table.titles),
            ("notes", table.notes),
            ("urls", table.urls),
            ("related", table.related),
        ):
            if name in names:
                if value.strip():
                    self.lists[field].append(value.strip() if field != "notes" else value)
                return
        if name in table.categories:
            parts = split_components(text, self.version, ",")
            self.lists["categories"].extend(p.strip() for p in parts if p.strip())
            return
        if name == "X-ANDROID-CUSTOM":
            self._android(split_components(text, self.version))
        elif name == "X-ABDATE":
            own = "anniversary" if "anniversary" in extra else _own_date(extra)
            if own is not None:
                self._date(own, name, without_apple_year(value.strip(), head.params))
            else:
                value = _with_custom_label(value, extra)
        self.other[name].append(value)

    def _first_or_other(self, key: str, name: str, value: str) -> None:
        stripped = value.strip()
        if not stripped:
            return
        if key not in self.names:
            self.names[key] = stripped
        else:
            self.other[name].append(value)

    def _date(self, key: str, name: str, value: str) -> None:
        if not value or no_date(value):  # BDAY:0000-00-00, a month or day of 0: no date
            return
        also_in_other = tables().also_in_other
        if key in self.dates:
            if name in also_in_other:
                return  # a labelled date (X-ABDATE ...) is in "other" already
            if self.date_from.get(key) not in also_in_other:
                self.other[name].append(value)
                return
            # The card's own BDAY after a date the owner labelled 誕生日: the BDAY is the
            # birthday (the labelled one stays in "other", as every such date does).
        self.dates[key] = value
        self.date_from[key] = name

    def _n(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        parts = split_name_components(text, self.version)
        if _is_phonetic(head):
            self._set_reading(parts, "N")
            return True
        if "family" in self.names or "given" in self.names or "n" in self.names:
            self.other["N"].append(";".join(parts))
            return True
        names = self.names
        names["n"] = "1"
        for key, part in zip(_N_FIELDS, parts, strict=False):
            stripped = part.strip()
            if stripped:
                names[key] = stripped
        # RFC 6350 writes SORT-AS="family,given"; Android writes "family;given".
        if "SORT-AS" not in head.params:
            return True
        sort_as = [p for value in head.params["SORT-AS"] for p in value.split(";")]
        if sort_as:
            for key, part in zip(("phonetic_family", "phonetic_given"), sort_as, strict=False):
                self.names.setdefault(f"sort_{key}", part.strip())
        return True

    def _reading(self, text: str) -> None:
        """``SOUND;X-IRMC-N:<family reading>;<given reading>;;;`` (docomo, Japanese phones)."""
        self._set_reading(split_components(text, self.version), "SOUND")

    def _set_reading(self, components: list[str], name: str) -> None:
        """The name's reading from N-shaped ``components`` (family first); a card's
        second reading stays in ``other`` under ``name``."""
        parts = [p.strip() for p in components]
        if "phonetic_family" in self.names or "phonetic_given" in self.names:
            self.other[name].append(";".join(parts))
            return
        if parts and parts[0]:
            self.names["phonetic_family"] = parts[0]
        if len(parts) > 1 and parts[1]:
            self.names["phonetic_given"] = parts[1]

    def _adr(self, head: Head, text: str, extra: tuple[str, ...]) -> bool:
        parts = _unquoted(split_components(text, self.version))
        fields = {key: part.strip() for key, part in zip(_ADR_FIELDS, parts, strict=False)}
        label = head.params.get("LABEL")
        formatted = unescape(label[-1], self.version) if label else ""
        if any(fields.values()) or formatted:
            self.addresses.append(
                Address(labels=labels_of(head, extra), formatted=formatted, **fields)
            )
        return True

    def _android(self, parts: list[str]) -> None:
        """Take what X-ANDROID-CUSTOM rows mean; the raw row also stays in ``other``."""
        taken = android_row_meaning(parts)
        if taken is None:
            return
        field, value = taken
        if field == "nickname":
            self.nicknames.append(value)
        elif field == "related":
            self.lists["related"].append(value)
        else:
            self._date(field, "X-ANDROID-CUSTOM", value)

    def _photo_reference(self, value: str) -> None:
        """A PHOTO that is a link, not a body: present, size unknown, link kept in ``other``."""
        if value:
            self.photo_present = True
            self.other["PHOTO"].append(value)

    def _finish(self, source: SourceRef) -> Contact:
        for labels, formatted in self.labels:
            if formatted.strip():
                self._attach_label(labels, formatted)
        if self.addresses and self.phones:
            abroad = region_of_countries((a.country for a in self.addresses), self.region)
            if abroad is not None:  # a foreign customer's national numbers
                self.phones = list(in_region(self.phones, abroad))
        names = self.names.get
        lists = self.lists
        if lists:
            titles = tuple(lists.get("titles", ()))
            notes = tuple(lists.get("notes", ()))
            urls = tuple(lists.get("urls", ()))
            categories = tuple(lists.get("categories", ()))
            related = tuple(lists.get("related", ()))
        else:
            titles = notes = urls = categories = related = ()
        dates = self.dates
        photo = (
            Photo(self.photo_present, self.photo_bytes)
            if self.photo_present or self.photo_bytes
            else _NO_PHOTO
        )
        return new_contact(
            source,
            self.version,
            new_names(
                names("formatted", ""),
                names("family", ""),
                names("given", ""),
                names("middle", ""),
                names("prefix", ""),
                names("suffix", ""),
                names("phonetic_family") or names("sort_phonetic_family", ""),
                names("phonetic_given") or names("sort_phonetic_given", ""),
                tuple(n for n in self.nicknames if n) if self.nicknames else (),
            ),
            tuple(self.orgs),
            titles,
            tuple(self.phones),
            tuple(self.emails),
            tuple(self.addresses),
            dates.get("birthday") if dates else None,
            dates.get("anniversary") if dates else None,
            notes,
            urls,
            categories,
            related,
            photo,
            self.uid,
            {name: tuple(values) for name, values in self.other.items()} if self.other else {},
            tuple(self.card.issues),
            tuple(self.org_parts),
            tuple(self.messaging),
        )

    def _attach_label(self, labels: tuple[str, ...], formatted: str) -> None:
        """A 2.1/3.0 LABEL is the printable form of the ADR with the same types, if any."""
        for index, address in enumerate(self.addresses):
            if not address.formatted and set(address.labels) == set(labels):
                fields = {key: getattr(address, key) for key in _ADR_FIELDS}
                self.addresses[index] = Address(
                    labels=address.labels, formatted=formatted.strip(), **fields
                )
                return
        self.addresses.append(Address(labels=labels, formatted=formatted.strip()))


def without_apple_year(value: str, params: Params) -> str:
    """A date Apple wrote for "year unknown" in the year-less form ``--MM-DD`` (``--MMDD``)
    that a vCard 4.0 or Android export writes, so that reports and rules take it as a
    day and month, not as a date of birth in 1604.

    iOS writes such a birthday as ``BDAY;VALUE=date:1604-05-06``, or with
    ``X-APPLE-OMIT-YEAR=1604``: 1604 is its sentinel year, and an ``X-APPLE-OMIT-YEAR``
    that names the date's own year says the same. Any other date stays as written.
    """
    if value[:4] != _APPLE_NO_YEAR and "X-APPLE-OMIT-YEAR" not in params:
        return value
    match = _FULL_DATE.fullmatch(value)
    if match is None:
        return value
    year, separator, month, day = match.groups()
    omitted = params.get("X-APPLE-OMIT-YEAR", ())
    if year != _APPLE_NO_YEAR and year not in (y.strip() for y in omitted):
        return value
    return f"--{month}{separator}{day}"


def group_card(contact: Contact) -> bool:
    """Whether a card is an address-book group (``KIND:group``, Apple's
    ``X-ADDRESSBOOKSERVER-KIND:group``) that holds nothing but the group's name and
    members: it is then no contact. A group card that carries anything more is a
    contact still, so that none of its data goes unseen."""
    other = contact.other
    table = tables()
    if not other or other.keys().isdisjoint(table.group_kind):  # most cards: one test
        return False
    kinds = [value for name in table.group_kind for value in other.get(name, ())]
    if not any(kind.strip().lower() == "group" for kind in kinds):
        return False
    return _only_group_data(contact, table.group_only) and _members_are_references(
        contact, table.group_members, table.related_references
    )


def _members_are_references(
    contact: Contact, members: frozenset[str], references: tuple[str, ...]
) -> bool:
    """Whether every member the group lists is a reference to another card: a member
    given by a ``sip:`` or other address is data about someone, seen only if the card
    stays a contact."""
    other = contact.other
    return all(
        value.strip().lower().startswith(references)
        for name in members
        for value in other.get(name, ())
    )


def _only_group_data(contact: Contact, allowed: frozenset[str]) -> bool:
    names = contact.names
    own_name = names.formatted or names.family
    if (
        not set(contact.other) <= allowed
        or names.family not in ("", own_name)
        or (names.given, names.middle, names.prefix, names.suffix) != ("", "", "", "")
        or names.phonetic_family
        or names.phonetic_given
        or names.nicknames
        or contact.photo.present
        or contact.birthday is not None
        or contact.anniversary is not None
    ):
        return False
    return not any(
        (
            contact.organizations,
            contact.titles,
            contact.phones,
            contact.emails,
            contact.addresses,
            contact.notes,
            contact.urls,
            contact.categories,
            contact.related,
        )
    )


def _custom_labels(labels: tuple[str, ...]) -> str:
    return " ".join(label for label in labels if label not in ("other", "pref"))


def _own_date(labels: tuple[str, ...]) -> str | None:
    """The contact's own date a label the owner typed names (``結婚記念日``), if any."""
    return date_field(_custom_labels(labels)) if labels else None


def _with_custom_label(value: str, labels: tuple[str, ...]) -> str:
    """An Apple date the owner labelled (``長男の誕生日``), as ``label: date``: the label
    says whose date it is, and the rules read the two together."""
    return labelled_date(_custom_labels(labels), value)


def _service(head: Head, value: str) -> str:
    """The chat service of a handle: the property's own (``X-SKYPE``), Apple's
    ``X-SERVICE-TYPE``, else the IMPP URI's scheme (``xmpp:`` is jabber)."""
    table = tables()
    own = table.messaging.get(head.name, "")
    if own:
        return own
    if table.messaging_prefix and head.name.startswith(table.messaging_prefix):
        return service_name(head.name[len(table.messaging_prefix) :].removesuffix("-ALL"))
    declared = head.params.get("X-SERVICE-TYPE")
    if declared and declared[-1].strip():
        return service_name(declared[-1])
    scheme, colon, _ = value.partition(":")
    return table.messaging_schemes.get(scheme.strip().lower(), "") if colon else ""


def _unquoted(parts: list[str]) -> list[str]:
    """An address whose every component is in double quotes, as Japanese feature phones
    write one (``"";"";"栄1-1";"名古屋市";...``), without them: the quotes were kept in
    each part, so reports and rules read ``"名古屋市"``. Quotes inside one part stay."""
    stripped = [part.strip() for part in parts]
    if not all(len(part) >= 2 and part[0] == part[-1] == '"' for part in stripped if part):
        return parts
    if not any(stripped):
        return parts
    return [part[1:-1] if part else part for part in stripped]


def _is_phonetic(head: Head) -> bool:
    """Whether an ``N`` is the name's reading, not the name: RFC 9554's ``PHONETIC``
    parameter (``N;ALTID=1;PHONETIC=script;SCRIPT=Kana:ヤマダ;タロウ;;;``), or a
    language tag in a kana script (``LANGUAGE=ja-Hrkt``, ``ja-Kana``, ``ja-Hira``),
    the RFC 6350 way of giving the same name again in another script. Read as the
    name, the reading replaced it when it came first, or was lost in ``other``."""
    params = head.params
    if "PHONETIC" in params:
        return True
    return any(
        subtag.lower() in _KANA_SCRIPTS
        for tag in params.get("LANGUAGE", ())
        for subtag in tag.split("-")[1:]
    )


_KANA_SCRIPTS = frozenset({"hrkt", "kana", "hira"})  # ISO 15924, in BCP 47 language tags


def _has_type(head: Head, wanted: str) -> bool:
    return any(value.upper() == wanted for value in head.params.get("TYPE", ()))


_Handler = Callable[[_Assembly, Head, str, tuple[str, ...]], bool]

#: Property name -> handler, in place of a chain of comparisons per property.
_HANDLERS: dict[str, _Handler] = {
    "TEL": _Assembly._tel,
    "EMAIL": _Assembly._email,
    "FN": _Assembly._fn,
    "N": _Assembly._n,
    "ADR": _Assembly._adr,
    "LABEL": _Assembly._label,
    "ORG": _Assembly._org,
    "NICKNAME": _Assembly._nickname,
    "X-PHONETIC-LAST-NAME": _Assembly._phonetic,
    "X-PHONETIC-FIRST-NAME": _Assembly._phonetic,
    "SOUND": _Assembly._sound,
    "BDAY": _Assembly._bday,
    "MEMBER": _Assembly._member,
}


#: A property held back until the card's group labels are known: head, handler, text.
_Deferred = tuple[Head, "_Handler | None", str]

#: How a value is transfer-encoded, as far as the plan is concerned.
_PLAIN, _QP, _OTHER = 0, 1, 2
#: The codec of a value that declares no charset: UTF-8, in Python's other spelling so
#: that it is told apart from a declared ``utf-8`` (see :meth:`_Assembly._decoded`).
UNDECLARED = "utf_8"

#: What a head's bytes mean to :meth:`_Assembly.contact`, worked out once per distinct head:
#: the parsed head; its handler (``None``: :meth:`_Assembly._rest`); whether it is
#: unusual (0: no; :data:`_STRUCTURAL`: skipped; :data:`_FLAWED`: its ``Head.problems`` are
#: reported, one flag so that ordinary lines pay one test for both); its transfer encoding
#: (:data:`_PLAIN`: none, :data:`_QP`, :data:`_OTHER`: anything else); and the codec its
#: non-ASCII bytes are read in first: the declared ``CHARSET``, ``utf-8`` without one,
#: ``None`` for a charset Python does not know (then :func:`.to_text` decides, and reports it).
_Plan = tuple[Head, _Handler | None, int, int, str | None]
_STRUCTURAL, _FLAWED = 1, 2
# By head bytes: exports repeat a few heads. Cleared when a hostile file invents too many.
_PLANS: dict[bytes, _Plan] = {}
_MAX_PLANS = 8192

#: The list fields :meth:`_Assembly._listed` fills, in the order it tries them.
_LISTED: tuple[tuple[str, _Handler], ...] = (
    ("titles", _Assembly._title),
    ("notes", _Assembly._note),
    ("urls", _Assembly._url),
    ("related", _Assembly._related),
)


def _plan_of(head_bytes: bytes) -> _Plan:
    head = parse_head(head_bytes)
    table = tables()
    name = head.name
    encodings = head.params.get("ENCODING")
    if not encodings:
        transfer = _PLAIN
    elif encodings[-1].upper() == "QUOTED-PRINTABLE":
        transfer = _QP
    else:
        transfer = _OTHER
    declared = head.params.get("CHARSET")
    charset = normalize_name(declared[-1]) if declared else UNDECLARED
    if charset is not None and "2022" in charset:
        # 7-bit Japanese: ASCII bytes that still need decoding, so no shortcut applies.
        transfer = _OTHER
    unusual = _STRUCTURAL if name in table.structural else _FLAWED if head.problems else 0
    return head, _handler_of(name), unusual, transfer, charset


def _handler_of(name: str) -> _Handler | None:
    """The handler of property ``name``: its own, or the list field :meth:`_Assembly._rest`
    would put it in (decided by the name alone), else ``None``."""
    handler = _HANDLERS.get(name)
    if handler is not None:
        return handler
    table = tables()
    if name in table.messaging or (
        table.messaging_prefix and name.startswith(table.messaging_prefix)
    ):
        return _Assembly._im
    if name in table.anniversary or name in ("UID", "PHOTO"):
        return None
    members = {
        "titles": table.titles,
        "notes": table.notes,
        "urls": table.urls,
        "related": table.related,
    }
    for field, listed in _LISTED:
        if name in members[field]:
            return listed
    return None


# ------------------------------------------------------------------ one-pass simple cards

#: What a line of a simple card is to the fast path: an ordinary property, the VERSION
#: line, or something it leaves to the general reader (a quoted parameter, BEGIN/END,
#: a binary body, a VERSION with parameters).
ORDINARY, VERSION_KIND, DECLINE = 0, 1, 2
#: First bytes of a line that is not a property line of its own (a fold, a comment), and
#: last bytes of one that the next line continues (quoted-printable, 2.1 backslash), or
#: may (white space: a soft break's transport padding, ``= ``); such a line is left to
#: the general reader, so an ordinary line pays nothing for the rare padded one.
NOT_FIRST = frozenset(b" \t#")
NOT_LAST = frozenset(b"=\\ \t")
_VERSION = b"VERSION"

#: A :data:`_Plan` plus the line kind (:data:`ORDINARY`, :data:`VERSION_KIND`,
#: :data:`DECLINE`), which depends on the reader's special names too.
_SimplePlan = tuple[Head, _Handler | None, int, int, str | None, int]
_SIMPLE_PLANS: dict[frozenset[bytes], dict[bytes, _SimplePlan]] = {}


def line_kind(head: bytes, special: frozenset[bytes]) -> int:
    """Whether the fast path takes a property with this head (``special``: the names the
    general reader treats specially, structure and binary properties)."""
    name = name_of(head)
    if b'"' in head or (name in special and (name != _VERSION or b";" in head)):
        return DECLINE
    if not is_property_name(head):  # a broken line of a value: the general reader says so
        return DECLINE
    return VERSION_KIND if name == _VERSION else ORDINARY


def _simple_plan(head_bytes: bytes, special: frozenset[bytes]) -> _SimplePlan:
    return (*_plan_of(head_bytes), line_kind(head_bytes, special))


def build_simple(
    card: CardBuilder,
    lines: list[bytes],
    special: frozenset[bytes],
    *,
    path: str,
    end: int,
    encoding: str,
    region: str,
) -> Contact | None:
    """The contact of a card of one property per physical line (``lines``, BEGIN and END
    left out), read in one pass; ``None`` when it needs the two-pass way (see
    :meth:`_Assembly.simple`). ``card`` gives index, line, start and parent."""
    plans = _SIMPLE_PLANS.get(special)
    if plans is None or len(plans) > _MAX_PLANS:
        if len(_SIMPLE_PLANS) > 8:  # only readers' own sets come here: one in practice
            _SIMPLE_PLANS.clear()
        plans = _SIMPLE_PLANS[special] = {}
    source = new_source(path, card.index, card.line, card.start, end, card.parent)
    return _Assembly(card, encoding, region).simple(source, lines, plans, special)


def android_row_meaning(parts: Sequence[str]) -> tuple[str, str] | None:
    """What an X-ANDROID-CUSTOM row (its ``;`` components) gives the contact: a
    ``(field, value)`` of ``nickname``, ``related``, ``birthday`` or ``anniversary``, or
    ``None`` for a row kept in ``other`` only (a colleague's relation row, another kind).
    The hand-over writes a row that gives a field as that field, not again as the row."""
    kind = parts[0].rsplit("/", 1)[-1] if parts else ""
    data = [p.strip() for p in parts[1:]]
    if kind == "contact_event" and len(data) >= 2 and data[0]:
        field = tables().android_event_types.get(data[1])
        return (field, data[0]) if field else None
    if kind == "nickname" and data and data[0]:
        return ("nickname", data[0])
    if (
        kind == "relation"
        and data
        and data[0]
        and (len(data) < 2 or data[1] not in tables().android_work_relations)
    ):
        return ("related", data[0])
    return None
