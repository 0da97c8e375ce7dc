"""What a CSV column holds: the small role language the header maps are written in.

Header maps live in YAML (``parsers/data/csv_*.yaml``), one role string per
header, so adding an exporter never needs Python. The syntax:

``given`` ``family`` ``middle`` ``prefix`` ``suffix`` ``name`` (the display
name) ``phonetic_given`` ``phonetic_family`` ``nickname``
    name parts.
``organization`` ``department`` ``title``
    work. A department is kept as its own entry in ``Contact.organizations``
    after the company (vCard writes ``ORG:Company;Department``; both are the
    organisation, and a title is a job, not a unit).
``phone`` / ``phone:cell`` / ``phone:fax,work``
    a phone number with model labels.
``email`` / ``email:home``
    an email address with labels.
``messaging`` / ``messaging:skype``
    a chat handle with labels (the service, a type).
``address:home.street`` / ``address.postal_code`` / ``address:work``
    one component of the address with those labels (no component: the whole
    address, into ``formatted``). Components: street, extended, locality,
    region, postal_code, country, po_box, formatted.
``birthday`` ``anniversary`` ``birth_year`` ``birth_month`` ``birth_day``
    dates (Thunderbird splits the birthday into three columns).
``note`` ``url`` ``category`` ``related``
    free text, web pages, groups, relatives and assistants.
``photo``
    a photo's link (Google's ``Photo`` column): the contact has a photo, as a vCard
    ``PHOTO;VALUE=URI`` says; the link itself is not kept.
``other``
    known column without a model field: kept in ``Contact.other``.
``ignore``
    known column holding nothing personal (``E-mail Type = SMTP``): dropped.

The user's ``csv.columns`` mapping (``ParseOptions.csv_columns``) may use the
names documented in ``docs/architecture.md`` only: :func:`parse_user_role`.
"""

from __future__ import annotations

from dataclasses import dataclass

SIMPLE = frozenset(
    {
        "given",
        "family",
        "middle",
        "prefix",
        "suffix",
        "name",
        "phonetic_given",
        "phonetic_family",
        "nickname",
        "organization",
        "department",
        "title",
        "birthday",
        "anniversary",
        "birth_year",
        "birth_month",
        "birth_day",
        "note",
        "url",
        "category",
        "related",
        "photo",
        "other",
        "ignore",
    }
)
LABELLED = frozenset({"phone", "email", "address", "messaging"})
ADDRESS_PARTS = frozenset(
    {"street", "extended", "locality", "region", "postal_code", "country", "po_box", "formatted"}
)

#: Targets a user may name in ``csv.columns`` (docs/architecture.md, "CSV column mapping").
USER_TARGETS = frozenset(
    {
        "name",
        "family",
        "given",
        "middle",
        "prefix",
        "suffix",
        "phonetic_family",
        "phonetic_given",
        "nickname",
        "organization",
        "title",
        "phone",
        "phone:cell",
        "phone:home",
        "phone:work",
        "phone:fax",
        "email",
        "email:home",
        "email:work",
        "address",
        "address:home",
        "address:work",
        "messaging",
        "birthday",
        "anniversary",
        "note",
        "url",
        "category",
        "related",
        "ignore",
    }
)


@dataclass(frozen=True, slots=True)
class ColumnRole:
    """The meaning of one column.

    ``target`` is a role name from the module docstring, or ``"group"`` for a
    column of a repeating group (Google's ``Phone 1 - Value``): then ``kind``
    is the group kind (``phone``), ``index`` its number and ``part`` the
    part's role inside the group (``value``, ``label``, ``street`` ...).
    """

    target: str
    labels: tuple[str, ...] = ()
    part: str = ""
    kind: str = ""
    index: int = 0


OTHER = ColumnRole("other")


def parse_role(spec: str) -> ColumnRole:
    """Read a role string from a header map; ``ValueError`` names what is wrong."""
    text = spec.strip()
    base, dot, part = text.partition(".")
    target, colon, label_text = base.partition(":")
    labels = tuple(x.strip() for x in label_text.split(",") if x.strip()) if colon else ()
    if target in SIMPLE and not colon and not dot:
        return ColumnRole(target)
    if target in LABELLED:
        if dot and (target != "address" or part not in ADDRESS_PARTS):
            raise ValueError(f"unknown part {part!r} in role {spec!r}")
        if colon and not labels:
            raise ValueError(f"empty label list in role {spec!r}")
        if target == "address":
            return ColumnRole(target, labels, part or "formatted")
        return ColumnRole(target, labels)
    raise ValueError(f"unknown role {spec!r}")


def parse_user_role(spec: str) -> ColumnRole:
    """Read a target from the user's ``csv.columns``; ``ValueError`` lists the allowed names."""
    text = spec.strip().lower()
    if text not in USER_TARGETS:
        allowed = ", ".join(sorted(USER_TARGETS))
        raise ValueError(f"unknown CSV column target {spec!r} (expected one of: {allowed})")
    return parse_role(text)
