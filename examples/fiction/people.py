"""The address book of one fictional salesperson, in a writer-neutral shape.

The writers (``ios``, ``android``, ``csvs``) render these same people the way
each exporter would, which is what makes the example files overlap like real
exports of one phone do.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Name:
    kanji: str
    kana: str
    romaji: str
    female: bool = False


@dataclass(frozen=True, slots=True)
class PhoneEntry:
    """``kind`` is the standard type (cell/home/work/fax); ``label`` a custom label."""

    number: str
    kind: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class EmailEntry:
    address: str
    kind: str  # "work" | "home" | "cell"


@dataclass(frozen=True, slots=True)
class AddressEntry:
    kind: str  # "home" | "work"
    postal: str
    region: str
    locality: str
    street: str

    def one_line(self) -> str:
        return f"〒{self.postal} {self.region}{self.locality}{self.street}"


@dataclass(slots=True)
class Person:
    """One contact. ``role`` says who it is to the owner (customer, family ...)."""

    role: str
    family: Name | None = None
    given: Name | None = None
    display: str = ""
    org: str = ""
    org_en: str = ""
    dept: str = ""
    title: str = ""
    phones: list[PhoneEntry] = field(default_factory=list)
    emails: list[EmailEntry] = field(default_factory=list)
    addresses: list[AddressEntry] = field(default_factory=list)
    birthday: str = ""
    note: str = ""
    categories: list[str] = field(default_factory=list)
    photo: bytes = b""

    def full_name(self) -> str:
        """FN as a Japanese phone shows it: family first, a space, given."""
        if self.display:
            return self.display
        parts = [n.kanji for n in (self.family, self.given) if n is not None]
        return " ".join(parts) if parts else self.org

    def phones_of(self, kind: str) -> list[PhoneEntry]:
        return [p for p in self.phones if p.kind == kind]

    def emails_of(self, kind: str) -> list[EmailEntry]:
        return [e for e in self.emails if e.kind == kind]

    def address_of(self, kind: str) -> AddressEntry | None:
        return next((a for a in self.addresses if a.kind == kind), None)
