"""The one contact model every stage shares.

Parsers turn bytes into :class:`Contact` objects, the engine turns contacts into
:class:`ContactResult` objects, reporters turn an :class:`AuditResult` into text.
Nothing here imports any other piiaudit module, so every stage can depend on it
and on nothing else (checked by import-linter, see ``pyproject.toml``).

Raw personal values live in these objects in memory only. Masking happens at the
edge, in :mod:`piiaudit.masking`, when a reporter renders a value.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar


class _Level(enum.IntEnum):
    """An ordered level with a lower-case label, so ``max()`` and ``>=`` work."""

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``"high"`` (any case) into the member; raise ``ValueError`` otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(member.label for member in cls)
            kind = cls.__name__.lower().replace("risklevel", "risk level")
            raise ValueError(f"unknown {kind} {text!r} (expected one of: {names})") from None


class Severity(_Level):
    """How bad one finding is."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


class RiskLevel(_Level):
    """The level a risk score falls in, for a contact, a file or a whole run."""

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


class Category(enum.StrEnum):
    """The fixed finding taxonomy. Reports, rule packs and tests rely on these names."""

    MOBILE_PHONE = "mobile_phone"
    HOME_PHONE = "home_phone"
    PERSONAL_EMAIL = "personal_email"
    HOME_ADDRESS = "home_address"
    BIRTHDAY = "birthday"
    FAMILY_INFO = "family_info"
    NATIONAL_ID = "national_id"
    PAYMENT_CARD = "payment_card"
    BANK_ACCOUNT = "bank_account"
    CREDENTIAL = "credential"
    SPECIAL_CARE = "special_care"
    PHOTO = "photo"
    OTHER_PII = "other_pii"


class ContactClass(enum.StrEnum):
    """Whose contact this is: the company's customer or colleague, or the owner's own."""

    BUSINESS = "business"
    PRIVATE = "private"
    UNKNOWN = "unknown"


# Kana, CJK ideographs (with extensions and compatibility forms), Hangul, half-width
# kana: a name part in one of these scripts puts the family name first.
_EAST_ASIAN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff66-\uff9f\U00020000-\U0003134f]"
)


class ValueKind(enum.StrEnum):
    """What kind of personal value a string is; decides how it is masked."""

    PHONE = "phone"
    EMAIL = "email"
    NAME = "name"
    ADDRESS = "address"
    DATE = "date"
    TEXT = "text"
    IDENTIFIER = "identifier"
    URL = "url"
    NONE = "none"  # not personal (a rule id, a label): shown as is


# --------------------------------------------------------------------------- contacts


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a contact came from.

    ``start``/``end`` are byte offsets into the original file, so the hand-over
    can copy the card or CSV record byte for byte. ``parent`` is the index of
    the enclosing card for vCard 2.1 nested cards (``None`` at top level).
    """

    path: str
    index: int
    line: int
    start: int = 0
    end: int = 0
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class Names:
    formatted: str = ""
    family: str = ""
    given: str = ""
    middle: str = ""
    prefix: str = ""
    suffix: str = ""
    phonetic_family: str = ""
    phonetic_given: str = ""
    nicknames: tuple[str, ...] = ()

    def display(self) -> str:
        """A human name for the contact: FN, else its N parts in the name's own order.

        Japanese, Chinese and Korean names read family name first (山田 太郎);
        others given name first (Lisa Wong), as the people themselves write them.
        CSV exports carry no FN, so without this a report listed "Wong Lisa" and a
        hand-over wrote that as the card's FN.
        """
        if self.formatted.strip():
            return self.formatted.strip()
        parts = [self.family, self.given, self.middle]
        if not any(_EAST_ASIAN.search(p) for p in parts):
            parts = [self.given, self.middle, self.family]
        return " ".join(p for p in parts if p.strip())

    def family_first(self) -> str:
        """FN, else the N parts family name first whatever the script: an identity
        for fingerprints that must not move when the way names are shown changes."""
        if self.formatted.strip():
            return self.formatted.strip()
        parts = [self.family, self.given, self.middle]
        return " ".join(p for p in parts if p.strip())


# The one-text parts of a name, in field order (every field of Names but the
# nicknames): what a CSV reader fills by column and what a hand-over can blank.
# Derived, so a part added to Names reaches both without a list to keep in step.
NAME_PARTS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Names) if f.name != "nicknames"
)


@dataclass(frozen=True, slots=True)
class Phone:
    """A telephone number as written, with what we can tell about it.

    ``labels`` are lower-case standard types (``cell``, ``home``, ``work``,
    ``fax``, ``voice``, ``pref``, ``pager``, ``main``, ``other`` ...) plus custom
    labels verbatim (``得意先``, ``自宅``). ``number_type`` is phonenumbers'
    type in lower case (``mobile``, ``fixed_line``, ``voip``, ``toll_free``,
    ``uan``, ``premium_rate``, ``pager``, ``personal_number``,
    ``fixed_line_or_mobile``, ``unknown``) or ``None`` when it did not parse.
    """

    value: str
    labels: tuple[str, ...] = ()
    e164: str | None = None
    number_type: str | None = None


@dataclass(frozen=True, slots=True)
class Email:
    value: str
    labels: tuple[str, ...] = ()

    @property
    def domain(self) -> str:
        """Lower-case domain after the last ``@`` (empty when there is none)."""
        _, at, domain = self.value.strip().rpartition("@")
        return domain.strip().strip(">").lower() if at else ""


@dataclass(frozen=True, slots=True)
class MessagingId:
    """A messenger or chat handle (LINE, Skype, WhatsApp, XMPP, ...).

    Kept apart from ``other`` because it is an online identifier that reaches the
    person directly, like a mobile number. ``labels`` are the value's types
    (``home``, ``work`` ...) plus the service in lower case (``skype``, ``line``),
    so a rule can leave work accounts alone.
    """

    value: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Address:
    labels: tuple[str, ...] = ()
    po_box: str = ""
    extended: str = ""
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    formatted: str = ""

    def text(self) -> str:
        """All components on one line, for detectors and masking.

        The one-line form wins whenever the components lack the street: Google's CSV
        and Thunderbird give a formatted address beside a city and region only, and
        the street (where 号室 or マンション says "a home") was otherwise left out."""
        if self.formatted.strip() and not self.street.strip():
            return self.formatted.strip()
        parts = (
            self.postal_code,
            self.country,
            self.region,
            self.locality,
            self.street,
            self.extended,
            self.po_box,
        )
        return " ".join(p.strip() for p in parts if p.strip())


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo's presence and decoded size. The bytes are never kept."""

    present: bool = False
    bytes: int = 0


@dataclass(frozen=True, slots=True)
class OrgParts:
    """How one entry of ``Contact.organizations`` was structured where it was read.

    The entry itself stays one text (what rules, reports and fingerprints read);
    this keeps what a hand-over needs to write it back as a vCard ``ORG``:
    ``components`` are the company, then its units, as the source had them (empty
    ones included, so ``ORG:;Sales`` stays a unit without a company). ``unit`` marks
    an entry that is a unit of the organisation entry before it (a CSV department
    column next to a company column): it is written in that organisation's ``ORG``.
    """

    components: tuple[str, ...]
    unit: bool = False


@dataclass(frozen=True, slots=True)
class ParseIssue:
    """Something the reader could not take as it was. ``line`` is 1-based."""

    line: int
    message: str
    severity: str = "warning"  # "warning": data kept or repaired; "error": data lost
    # The reader itself left data of the file unread (a card in another encoding, a value
    # cut at a limit, reading stopped early), or a contact is known to lack part of its
    # data (a card cut off at the top: its first lines are not in the file), as against
    # an export broken in a way that loses nothing known (a card without its END): the
    # audit of the file is incomplete.
    lost: bool = False


@dataclass(frozen=True, slots=True)
class Contact:
    """One contact as read from one export, in one normalised shape.

    ``version`` is the vCard version (``"2.1"``, ``"3.0"``, ``"4.0"``) or the
    CSV dialect (``"google-csv"``, ``"outlook-csv"`` ...). ``other`` keeps
    every property the model has no field for, by upper-case name, because
    unknown fields can hold personal data too. ``organization_parts`` is parallel
    to ``organizations`` (one :class:`OrgParts` per entry) when the reader knew the
    structure, empty otherwise. It and ``messaging`` (chat handles) come last, with
    defaults, so that contacts built by keyword without them stay valid.
    """

    source: SourceRef
    version: str = ""
    names: Names = field(default_factory=Names)
    organizations: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    addresses: tuple[Address, ...] = ()
    birthday: str | None = None
    anniversary: str | None = None
    notes: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    photo: Photo = field(default_factory=Photo)
    uid: str | None = None
    other: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    issues: tuple[ParseIssue, ...] = ()
    organization_parts: tuple[OrgParts, ...] = ()
    messaging: tuple[MessagingId, ...] = ()

    def display_name(self) -> str:
        """The best name we have: FN/N, else the first organisation, else empty."""
        name = self.names.display()
        if name:
            return name
        return self.organizations[0].strip() if self.organizations else ""


@dataclass(slots=True)
class FileInfo:
    """What a parser learned about one input file while reading it.

    Mutable on purpose: a streaming parser appends issues as it meets them and
    sets ``contacts`` when it is done. ``error`` is set when the file could not
    be read at all (binary, empty, missing ...); then it has no contacts.
    """

    path: str
    format: str = ""  # "vcard" | "csv" | "" when unknown
    dialect: str = ""  # "vcard-3.0", "google-csv" ...
    encoding: str = ""
    contacts: int = 0
    issues: list[ParseIssue] = field(default_factory=list)
    error: str | None = None
    delimiter: str = ""  # CSV: the cell delimiter read (split writes a damaged record with it)
    unmapped_columns: list[str] = field(default_factory=list)
    numbers: NumberCounts = field(default_factory=lambda: NumberCounts())

    def read_in_part(self) -> int:
        """How many parts of the file the reader left unread (issues marked ``lost``: a
        card in another encoding, a value cut, reading stopped early). A report on such
        a file is incomplete, and a run says so in its exit code as for a file not read."""
        return sum(1 for issue in self.issues if issue.lost)


@dataclass(slots=True)
class NumberCounts:
    """How a file's phone numbers are written: counts only, so they travel with the
    file's info and add up over the pieces of a file read in pieces. They tell
    whether its numbers without a country code look like another country's than
    the one they were read in (``audit.region_hint``).

    ``assumed`` is the region numbers without a country code were read in when
    nobody chose it (``--region``, the company profile), else ``""``: no hint then.
    """

    assumed: str = ""
    national: int = 0  # numbers written without a country code (that parse as numbers)
    invalid: int = 0  # of which not valid numbers of the region they were read in
    countries: dict[str, int] = field(default_factory=dict)  # the others, per region
    # Numbers labelled mobile and written without a country code; of which not mobile
    # numbers where they were read; and those by their shape: the first three digits and
    # the number of digits ("061/10"), which is what tells another plan's mobiles.
    cells: int = 0
    stray_cells: int = 0
    stray_shapes: dict[str, int] = field(default_factory=dict)

    def add(self, other: NumberCounts) -> None:
        self.assumed = self.assumed or other.assumed
        self.national += other.national
        self.invalid += other.invalid
        for region, count in other.countries.items():
            self.countries[region] = self.countries.get(region, 0) + count
        self.cells += other.cells
        self.stray_cells += other.stray_cells
        for shape, count in other.stray_shapes.items():
            self.stray_shapes[shape] = self.stray_shapes.get(shape, 0) + count


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True, slots=True)
class Text:
    """A message in the two languages piiaudit reports in."""

    en: str
    ja: str

    def get(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


# How a keyword detector's trail pattern starts; the matched word follows.
KEYWORD_HIT = "keyword "


@dataclass(frozen=True, slots=True)
class Trail:
    """How a finding was decided, for ``--explain``. Values here are never raw PII,
    but two parts are words found in the contact's own text: a keyword hit's word
    (``pattern`` is :data:`KEYWORD_HIT` then the word) and the context words that
    fired (``hotwords``, each ``+word`` or ``-word``). A diagnosis in a note is such
    a word, so reports mask them as they mask the evidence (``reporters.view.shown_trail``).
    """

    detector: str
    pattern: str = ""
    hotwords: tuple[str, ...] = ()
    confidence_before: float = 1.0
    confidence_after: float = 1.0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of exposed personal data on one contact.

    ``value`` is the raw matched value (kept in memory only; reporters mask it
    by ``kind``). ``field`` names where it sits, e.g. ``phones[1]``, ``notes[0]``.
    """

    rule: str
    category: Category
    severity: Severity
    field: str
    value: str
    kind: ValueKind
    message: Text
    recommendation: Text
    confidence: float = 1.0
    references: tuple[str, ...] = ()
    trail: Trail | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """One signal behind a contact's classification."""

    rule: str
    towards: ContactClass
    weight: float
    field: str = ""
    value: str = ""
    kind: ValueKind = ValueKind.NONE
    description: Text | None = None
    # The evidence holds the contact back from the other class: see engine.classify.
    veto: bool = False


@dataclass(frozen=True, slots=True)
class Classification:
    label: ContactClass
    confidence: float
    reasons: tuple[Reason, ...] = ()
    business_score: float = 0.0
    private_score: float = 0.0


@dataclass(frozen=True, slots=True)
class ContactResult:
    contact: Contact
    classification: Classification
    findings: tuple[Finding, ...]
    risk_score: int
    risk_level: RiskLevel
    suppressed: tuple[Finding, ...] = ()
    # How many of ``suppressed`` a baseline moved there: the rest are the company
    # profile's, which a report counts apart, and only on the contacts its audience
    # may see (a count over hidden contacts told a compliance report about them).
    baselined: int = 0


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's metadata as reports need it (SARIF rule table, explanations)."""

    id: str
    pack: str
    category: Category
    severity: Severity
    description: Text
    recommendation: Text
    references: tuple[str, ...] = ()
    name: str = ""


@dataclass(slots=True)
class FileResult:
    """Everything the audit learned about one input file.

    ``group`` is the per-employee key for batch reports (the file, or its
    directory with ``--group-by dir``).
    """

    info: FileInfo
    group: str = ""
    contacts: list[ContactResult] = field(default_factory=list)
    risk_score: int = 0
    risk_level: RiskLevel = RiskLevel.NONE


@dataclass(slots=True)
class AuditResult:
    """One run: every file, in the order given, and the run's settings."""

    files: list[FileResult] = field(default_factory=list)
    risk_score: int = 0
    risk_level: RiskLevel = RiskLevel.NONE
    settings: dict[str, object] = field(default_factory=dict)
    rules: list[RuleInfo] = field(default_factory=list)
    tool_version: str = ""
    #: When the run started, RFC 3339 (``piiaudit.clock``); empty for a result built by hand.
    generated: str = ""

    def contact_results(self) -> list[ContactResult]:
        return [c for f in self.files for c in f.contacts]


# --------------------------------------------------------------------------- fast construction

_T = TypeVar("_T")


def fast_constructor(cls: type[_T]) -> Callable[..., _T]:
    """A function that builds ``cls(*values)`` (every field, positionally) about 5x faster.

    A frozen dataclass sets each field through ``object.__setattr__`` (~0.25 µs
    a field: ~5 µs for a :class:`Contact`), which the readers pay for every
    contact, name and phone. The function made here fills a plain slotted twin
    of the class (same slots, same order, so the same memory layout) with
    ordinary attribute stores, then makes the object an instance of ``cls``.
    The result is exactly what the class's own constructor gives: same type,
    fields, equality, hash, repr, pickling and immutability
    (``tests/parsers/test_model_fast.py``). Only for readers that pass every field;
    defaults and validation are the caller's business, so classes with a
    ``__post_init__`` are refused.
    """
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__}: not a slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: has a __post_init__ that a fast constructor would skip")
    names = [f.name for f in dataclasses.fields(cls)]
    if tuple(names) != tuple(cls.__dict__["__slots__"]):
        raise TypeError(f"{cls.__name__}: slots differ from fields")
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": tuple(names)})
    params = ", ".join(names)
    stores = "".join(f"    obj.{name} = {name}\n" for name in names)
    body = f"    obj = new(twin)\n{stores}    obj.__class__ = cls\n    return obj\n"
    source = f"def make({params}):\n{body}"
    scope: dict[str, Any] = {"new": object.__new__, "twin": twin, "cls": cls}
    exec(source, scope)  # noqa: S102 - field names come from the dataclass, not from input
    make: Callable[..., _T] = scope["make"]
    make.__qualname__ = make.__name__ = f"new_{cls.__name__.lower()}"
    make.__doc__ = f"``{cls.__name__}(*fields)``, built without the frozen dataclass's setattr."
    return make


# The readers build every contact from these, each field given in order (see above).
new_contact = fast_constructor(Contact)
new_names = fast_constructor(Names)
new_source = fast_constructor(SourceRef)
new_phone = fast_constructor(Phone)
new_email = fast_constructor(Email)
new_messaging_id = fast_constructor(MessagingId)
new_org_parts = fast_constructor(OrgParts)
