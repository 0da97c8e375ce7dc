"""Fictional contacts for engine tests, built straight from ``piiaudit.model``."""

from __future__ import annotations

from typing import Any

from piiaudit.model import Address, Contact, Email, Names, Phone, Photo, SourceRef
from piiaudit.phones import classify


def phone(value: str, *labels: str, region: str = "JP") -> Phone:
    e164, number_type = classify(value, region)
    return Phone(value, tuple(labels), e164, number_type)


def email(value: str, *labels: str) -> Email:
    return Email(value, tuple(labels))


def address(text: str, *labels: str) -> Address:
    return Address(labels=tuple(labels), formatted=text)


def contact(
    name: str = "山田 太郎",
    *,
    index: int = 0,
    path: str = "test.vcf",
    org: tuple[str, ...] = (),
    titles: tuple[str, ...] = (),
    phones: tuple[Phone, ...] = (),
    emails: tuple[Email, ...] = (),
    addresses: tuple[Address, ...] = (),
    birthday: str | None = None,
    notes: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
    photo: bool = False,
    uid: str | None = None,
    **other: Any,
) -> Contact:
    """A contact with only what the test names; everything else empty."""
    return Contact(
        source=SourceRef(path=path, index=index, line=1),
        names=Names(formatted=name),
        organizations=org,
        titles=titles,
        phones=phones,
        emails=emails,
        addresses=addresses,
        birthday=birthday,
        notes=notes,
        categories=categories,
        photo=Photo(present=photo, bytes=2048 if photo else 0),
        uid=uid,
        other={k.upper(): tuple(v) for k, v in other.items()},
    )


def customer(**kwargs: Any) -> Contact:
    """A contact every classifier calls business: a company, an honorific, a work line."""
    kwargs.setdefault("org", ("株式会社カスタマーA",))
    base = tuple(kwargs.pop("phones", ()))
    return contact(
        kwargs.pop("name", "山田 太郎様"), phones=(phone("03-1234-5678", "work"), *base), **kwargs
    )
