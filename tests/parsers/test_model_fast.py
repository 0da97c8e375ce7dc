"""``model.fast_constructor`` makes the very objects the dataclass constructors make.

The readers build every Contact, Names, SourceRef, Phone and Email through it,
so anything a later stage could observe (type, fields, equality, hash, repr,
pickling, immutability) must be the same (all values fictional).
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.model import (
    Address,
    Contact,
    Email,
    MessagingId,
    Names,
    OrgParts,
    ParseIssue,
    Phone,
    Photo,
    SourceRef,
    fast_constructor,
)

SOURCE = SourceRef("export.vcf", 3, 12, 100, 250, None)
NAMES = Names("Taro Example", "Example", "Taro", "", "", "", "エグザンプル", "タロウ", ("Taro",))
PHONE = Phone("090-0000-0001", ("cell",), "+819000000001", "mobile")
EMAIL = Email("taro@example.com", ("home",))
CONTACT_FIELDS: tuple[Any, ...] = (
    SOURCE,
    "3.0",
    NAMES,
    ("Example Trading",),
    ("Manager",),
    (PHONE,),
    (EMAIL,),
    (Address(("home",), street="1 Example St"),),
    "1990-01-01",
    None,
    ("a note",),
    ("https://example.com",),
    ("friends",),
    ("Hanako Example",),
    Photo(True, 1234),
    "uid-1",
    {"X-CUSTOM": ("value",)},
    (ParseIssue(14, "NOTE: unknown CHARSET 'X'"),),
    (OrgParts(("Example Trading",)),),
    (MessagingId("taro_example", ("line",)),),
)
EXAMPLES: list[tuple[type[Any], tuple[Any, ...]]] = [
    (Contact, CONTACT_FIELDS),
    (Names, dataclasses.astuple(NAMES)),
    (SourceRef, (SOURCE.path, 3, 12, 100, 250, 1)),
    (Phone, ("03-0000-0002", (), None, None)),
    (Email, ("hanako@example.org", ("work", "pref"))),
    (Photo, (False, 0)),
    (ParseIssue, (1, "message", "error", True)),
    (OrgParts, (("Example Trading", "", "Sales"), True)),
    (MessagingId, ("skype:taro.example", ("home", "skype"))),
]


def assert_identical(made: object, expected: object) -> None:
    assert type(made) is type(expected)
    assert made == expected and expected == made
    assert repr(made) == repr(expected)
    fields = dataclasses.fields(expected)  # type: ignore[arg-type]
    for field in fields:
        assert getattr(made, field.name) is getattr(expected, field.name)
    if all(f.name != "other" for f in fields):  # Contact holds a dict: unhashable either way
        assert hash(made) == hash(expected)
    assert pickle.loads(pickle.dumps(made)) == expected
    assert copy.deepcopy(made) == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, None)
    with pytest.raises((AttributeError, TypeError)):
        made.__dict__  # noqa: B018 - slotted: no instance dict, as with the constructor


@pytest.mark.parametrize(("cls", "values"), EXAMPLES, ids=lambda x: getattr(x, "__name__", ""))
def test_fast_constructor_gives_the_constructors_object(
    cls: type[Any], values: tuple[Any, ...]
) -> None:
    assert_identical(fast_constructor(cls)(*values), cls(*values))


@settings(max_examples=200, deadline=None)
@given(
    value=st.text(max_size=20),
    labels=st.lists(st.text(max_size=5), max_size=3).map(tuple),
    e164=st.none() | st.text(max_size=15),
    kind=st.none() | st.sampled_from(["mobile", "fixed_line", "unknown"]),
)
def test_fast_phones_equal_constructed_ones(
    value: str, labels: tuple[str, ...], e164: str | None, kind: str | None
) -> None:
    assert_identical(
        fast_constructor(Phone)(value, labels, e164, kind), Phone(value, labels, e164, kind)
    )


def test_fast_contacts_compare_and_hash_inside_containers() -> None:
    fast = fast_constructor(Contact)(*CONTACT_FIELDS)
    slow = Contact(*CONTACT_FIELDS)
    assert [fast] == [slow]
    names = fast_constructor(Names)(*dataclasses.astuple(NAMES))
    assert {names: 1}[NAMES] == 1
    assert dataclasses.replace(fast, uid="uid-2") == dataclasses.replace(slow, uid="uid-2")
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)


def test_classes_a_fast_constructor_would_get_wrong_are_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError(self.value)

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        value: int

    class Plain:
        __slots__ = ("value",)

    for cls in (Checked, Unslotted, Plain):
        with pytest.raises(TypeError):
            fast_constructor(cls)
