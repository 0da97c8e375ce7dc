"""Placeholder digits: the substring test for ascending runs says what the digit loop says."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from piiaudit.engine.placeholders import PlaceholderGuard, _ascending, placeholder_digits
from piiaudit.model import ValueKind
from piiaudit.textnorm import normalize_number


def _ascending_by_values(digits: str) -> bool:
    return all((int(b) - int(a)) % 10 == 1 for a, b in itertools.pairwise(digits))


@given(st.text(alphabet="0123456789", max_size=40))
@example("1234567890123")
@example("7890123456")
@example("9")
@example("")
def test_ascending_ascii_runs_match_the_digit_loop(digits: str) -> None:
    assert _ascending(digits) == _ascending_by_values(digits)


@given(st.text(alphabet="0123456789", min_size=1, max_size=4))
def test_runs_cut_from_the_cycle_are_ascending(start: str) -> None:
    run = "0123456789" * 4
    at = int(start) % 10
    assert _ascending(run[at : at + 10 + len(start)])


def test_non_ascii_digits_are_compared_by_value() -> None:
    arabic_indic = "".join(chr(0x0660 + d) for d in (1, 2, 3, 4, 5, 6, 7))
    assert _ascending(arabic_indic)
    assert placeholder_digits(arabic_indic)
    assert not placeholder_digits("090-1234-5871")
    assert placeholder_digits("1234-5678-9012")
    assert not placeholder_digits("1234-5678-9012", labelled=True)


def _placeholder_digits_plainly(value: str, labelled: bool) -> bool:
    digits = "".join(filter(str.isdigit, normalize_number(value)))
    if len(digits) < 6:
        return False
    if len(set(digits)) == 1:
        return True
    if 10 <= len(digits) <= 11 and len(set(digits[3:])) == 1:
        return True
    return _ascending_by_values(digits) and not labelled


@given(
    st.text(alphabet="0123456789-() +０１２３ー－٣x", max_size=20) | st.text(max_size=12),
    st.booleans(),
)
@example("090-0000-0000", False)
@example("０９０ー１２３４ー５６７８", False)
@example("1234567890", True)
def test_placeholder_digits_as_spelled_out(value: str, labelled: bool) -> None:
    try:
        expected = _placeholder_digits_plainly(value, labelled)
    except ValueError:  # int() of a digit that is not decimal: must fail alike
        with pytest.raises(ValueError):
            placeholder_digits(value, labelled=labelled)
        return
    assert placeholder_digits(value, labelled=labelled) == expected


def _is_placeholder_plainly(
    guard: PlaceholderGuard, value: str, kind: ValueKind, labelled: bool
) -> bool:
    text = normalize_number(value).strip().lower()
    if text in guard.exact:
        return True
    if kind is ValueKind.EMAIL:
        local, _, domain = text.rpartition("@")
        return local in guard.locals and (domain.startswith("example.") or domain in guard.exact)
    return _placeholder_digits_plainly(text, labelled)


ASCENDING = st.builds(
    lambda start, n, sep: sep.join("0123456789"[(start + i) % 10] for i in range(n)),
    st.integers(0, 9),
    st.integers(0, 90),
    st.sampled_from(["", "-", " "]),
)


@given(
    st.sampled_from(["000-0000-0000", " Test@Example.com ", "ｔｅｓｔ@example.jp", "n/a"])
    | ASCENDING
    | st.text(alphabet="0123456789-() +０１２３ー－@.abtesx", max_size=20)
    | st.text(max_size=12),
    st.sampled_from([ValueKind.PHONE, ValueKind.EMAIL, ValueKind.IDENTIFIER]),
    st.booleans(),
)
@example("0123456789" * 7 + "0", ValueKind.PHONE, False)
@example("0123456789" * 7 + "01", ValueKind.PHONE, False)
@example("1234-5678-9012", ValueKind.IDENTIFIER, True)
def test_guard_as_spelled_out(value: str, kind: ValueKind, labelled: bool) -> None:
    # The guard's inlined ASCII case answers what the plain definition answers.
    guard = PlaceholderGuard(["000-0000-0000", "test@", "N/A", "dummy.invalid"])
    try:
        expected = _is_placeholder_plainly(guard, value, kind, labelled)
    except ValueError:
        with pytest.raises(ValueError):
            guard.is_placeholder(value, kind, labelled=labelled)
        return
    assert guard.is_placeholder(value, kind, labelled=labelled) == expected
