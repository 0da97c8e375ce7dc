"""Whether a file's numbers without a country code look like another country's.

A number written without its country code (``0151 23456789``) is read in one
region: ``--region``, the company profile's, else JP. A German phone's export read
as Japanese loses its mobiles silently: ``0151 ...`` is no valid Japanese number,
so it is neither classified nor reported as a personal mobile (QA round 5). The
locale hint (``cli.common.region_hint``) catches this when the machine's locale
names the country; a CI runner or a compliance officer's laptop often does not.

The file itself can tell: when most of its numbers without a country code are not
valid in the assumed region and most of its numbers with one name one other
country (``+49 ...``), at least a fifth as many as the numbers without one, the report
says so for the file, with the ``--region`` to
pass. The region is not switched by itself: plenty of numbers are valid in several
countries (``06 12345678`` is a French mobile and an Osaka landline), so the person
who knows where the phone is from decides.

Numbers labelled mobile tell it too, where every number is valid in both countries:
a French or Dutch ``06 12345678`` is an Osaka landline read as Japanese, so the card's
own "mobile" label is contradicted and the mobile finding is lost (blind EU QA: 4 of 6
Dutch mobiles, with no number written with its country code to give the first hint).
When two in three numbers labelled mobile are not mobile numbers where they were read
and most of them are mobile numbers in one to five of the regions address books name
(``parsers/data/country_regions.yaml``), the report says so, naming them. A number is
told by its shape, its first three digits and its length (``061/10``): the pieces of a
file count shapes, which add up whatever the cut (a first sample of numbers per piece
gave ``--jobs 2`` another hint than ``--jobs 1``: diff review), and each shape is tried
in the other regions once, ~1 ms, only when a file's totals call for it.

The hint is decided from counts that add up over a file's pieces
(:class:`~piiaudit.model.NumberCounts`), so a file read in pieces gets the hint a
single read gives (and no number travels to decide it). It concerns the whole
file, so it has line 0. A compliance report withholds it (only counts it): it is
made from private contacts' numbers too and names a country, which would tell the
company where the employee's family lives (security review, QA round 7).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

import phonenumbers

from piiaudit.model import Contact, NumberCounts, ParseIssue
from piiaudit.phones import classify
from piiaudit.resources import package_path, read_shipped_mapping

MIN_NATIONAL = 3  # fewer numbers without a country code say nothing...
# ... unless every one of them is invalid where it was read and at least as many name one
# other country: a small German Outlook CSV (030 ..., 0170 ... beside three +49 numbers)
# got no hint and its mobile went unreported (blind format QA, F8)
MIN_NATIONAL_ALL_INVALID = 2
MIN_INTERNATIONAL = 2  # numbers of the other country written with its code
# ... and at least a fifth as many as the numbers without a country code (see region_issue)

MESSAGE = (
    "{count} of {total} numbers without a country code are not valid {assumed} numbers, "
    "and most of this file's numbers with a country code are {region} numbers: if the "
    "phone is from there, pass --region {region} (or set region in piiaudit.yaml)"
)

SHAPE_DIGITS = (7, 15)  # numbers of digits a number may have to be told by its shape
MOBILE_TYPES = frozenset({"mobile", "fixed_line_or_mobile"})
# Regions the mobile-label hint may name: 06 1234 5678 is a mobile in FR, NL and TH, and
# 912 345 678 in PT, TW, TH and VN (a Portuguese phone got no hint with three: blind EU QA 2)
MAX_NAMED = 5

CELL_MESSAGE = (
    "{count} of {total} numbers labelled mobile and written without a country code are "
    "not {assumed} mobile numbers, but {region} mobile numbers: if the phone is from "
    "there, pass --region {region} (or set region in piiaudit.yaml)"
)
CELL_MESSAGE_SEVERAL = (
    "{count} of {total} numbers labelled mobile and written without a country code are "
    "not {assumed} mobile numbers, but mobile numbers in each of {regions}: if the phone "
    "is from one of these countries, pass --region with its code (e.g. --region {region}, "
    "or set region in piiaudit.yaml)"
)


def _bare(value: str) -> str:
    """A written number without what may come before its digits (blanks, a bracket,
    a ``tel:`` URI's scheme)."""
    text = value.lstrip(" \t(")
    return text[4:] if text[:4].lower() == "tel:" else text


def _international(value: str) -> bool:
    return _bare(value).startswith(("+", "＋", "00", "００"))


def _as_written(value: str, e164: str) -> str:
    """``e164``, or for a number written with 00 before its country code, the number
    those digits spell: read where the exit code is not 00 (Japan's is 010),
    ``0031 6 ...`` became +81 0031 6 ..., a Japanese number, and counted for JP."""
    text = _bare(value)
    if not text.startswith(("00", "００")):
        return e164
    digits = "".join(ch for ch in text[2:] if ch.isdigit())
    return f"+{digits}" if digits else e164


_COUNTRIES: dict[str, str] = {}  # the first three digits of an E.164 number -> its region


def _country(e164: str) -> str:
    """The main region of an E.164 number's country code ("ZZ" when none); country codes
    are prefix-free, so the first three digits decide it (remembered)."""
    head = e164[1:4]
    known = _COUNTRIES.get(head)
    if known is None:
        known = "ZZ"
        for size in (1, 2, 3):
            if head[:size].isdigit():
                region = phonenumbers.region_code_for_country_code(int(head[:size]))
                if region != "ZZ":
                    known = str(region)
                    break
        _COUNTRIES[head] = known  # at most 1,000 keys
    return known


def count_numbers(contacts: Iterable[Contact], counts: NumberCounts) -> None:
    """Add how ``contacts``' numbers are written to ``counts`` (every number of a file
    passes here: the usual forms, "0..." and "+...", are told apart at once). Called
    once for a file, or once for each piece of it: nothing here depends on where a
    piece starts, so the pieces' counts add up to a single read's."""
    countries = counts.countries
    shapes = counts.stray_shapes
    national = invalid = cells = strays = 0
    for contact in contacts:
        for phone in contact.phones:
            if phone.e164 is None:  # not a number at all: says nothing about a region
                continue
            value = phone.value
            first = value[:1]
            if first == "+" or (
                value[1:2] == "0" if first == "0" else first != "0" and _international(value)
            ):
                country = _country(_as_written(value, phone.e164))
                countries[country] = countries.get(country, 0) + 1
                continue
            national += 1
            if phone.number_type == "unknown":
                invalid += 1
            if "cell" in phone.labels:
                cells += 1
                if phone.number_type not in MOBILE_TYPES:
                    strays += 1
                    shape = _shape(value)
                    if shape:
                        shapes[shape] = shapes.get(shape, 0) + 1
    counts.national += national
    counts.invalid += invalid
    counts.cells += cells
    counts.stray_cells += strays


def _shape(value: str) -> str:
    """A number's first three digits and its number of digits (``061/10``): whether a
    number is a mobile in another plan is told by its leading digits and its length,
    and the shape is no one's number (it travels from the workers, and is kept)."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if not SHAPE_DIGITS[0] <= len(digits) <= SHAPE_DIGITS[1]:
        return ""
    return f"{digits[:3]}/{len(digits)}"


def _mostly_stray(strays: int, cells: int) -> bool:
    """Whether so many numbers labelled mobile are no mobiles where they were read that
    they may be another country's: two in three (a Dutch phone's are all; a Japanese
    phone's own landlines labelled mobile by mistake are a few)."""
    return cells >= MIN_NATIONAL and strays * 3 > cells * 2


@lru_cache(maxsize=4096)
def _mobile_in(shape: str, assumed: str) -> tuple[str, ...]:
    """The candidate regions (not ``assumed``) where a number of ``shape`` is a mobile,
    told by one number of that shape (its other digits 5): ~1 ms a shape."""
    head, _, length = shape.partition("/")
    number = head + "5" * (int(length) - len(head))
    return tuple(
        region
        for region in _candidate_regions()
        if region != assumed and classify(number, region)[1] in MOBILE_TYPES
    )


def _cell_regions(counts: NumberCounts) -> tuple[dict[str, int], int]:
    """For each candidate region, how many of the stray numbers are mobiles there, and
    how many stray numbers were told (those with a shape), from the shapes alone."""
    regions: dict[str, int] = {}
    told = 0
    for shape, count in sorted(counts.stray_shapes.items()):
        told += count
        for region in _mobile_in(shape, counts.assumed):
            regions[region] = regions.get(region, 0) + count
    return regions, told


@cache
def _candidate_regions() -> tuple[str, ...]:
    """The regions address books name in their country fields: where a phone whose
    numbers carry no country code is likely to be from."""
    data = read_shipped_mapping(package_path("parsers", "data", "country_regions.yaml"))
    return tuple(str(region) for region in data)


def is_region_issue(issue: ParseIssue) -> bool:
    """Whether ``issue`` is the hint :func:`region_issue` gives. It is made from every
    contact's numbers, private ones too, and names a country: a compliance report
    withholds it (the employee's family's country is theirs: security review, QA 7)."""
    return issue.line == 0 and any(words in issue.message for words in _HINT_WORDS)


_HINT_WORDS = (
    " numbers without a country code are not valid ",
    " numbers labelled mobile and written without a country code are not ",
)


def region_issue(counts: NumberCounts) -> ParseIssue | None:
    """The whole-file issue saying the numbers look like another country's, or
    ``None`` (see the module docstring)."""
    if not counts.assumed:
        return None
    return _coded_issue(counts) or _cell_issue(counts)


def _cell_issue(counts: NumberCounts) -> ParseIssue | None:
    """The hint from numbers labelled mobile: two in three are no mobile numbers
    where they were read, and one to five regions make most of those tried mobiles."""
    if not _mostly_stray(counts.stray_cells, counts.cells):
        return None
    cell_regions, tried = _cell_regions(counts)
    # Ties (a Dutch and a French 06 ... are both mobiles) go first to the region the
    # file's numbers with a country code name most.
    ranked = sorted(
        (-n, -counts.countries.get(r, 0), r) for r, n in cell_regions.items() if n * 2 > tried
    )
    if not ranked:
        return None
    regions = [r for n, _, r in ranked if n == ranked[0][0]]
    if len(regions) > MAX_NAMED:  # the numbers fit many plans: they name no country
        return None
    fields = {"count": counts.stray_cells, "total": counts.cells, "assumed": counts.assumed}
    if len(regions) == 1:
        return ParseIssue(0, CELL_MESSAGE.format(region=regions[0], **fields))
    text = CELL_MESSAGE_SEVERAL.format(regions=", ".join(regions), region=regions[0], **fields)
    return ParseIssue(0, text)


def _coded_issue(counts: NumberCounts) -> ParseIssue | None:
    """The hint from numbers written with a country code (see the module docstring)."""
    assumed = counts.assumed
    if counts.invalid * 2 < counts.national:
        return None
    others = sorted((-n, r) for r, n in counts.countries.items() if r not in (assumed, "ZZ"))
    if not others or -others[0][0] < MIN_INTERNATIONAL:
        return None
    if counts.national < MIN_NATIONAL and not (
        MIN_NATIONAL_ALL_INVALID <= counts.invalid == counts.national <= -others[0][0]
    ):
        return None
    international = sum(counts.countries.values())
    if -others[0][0] * 2 <= international:  # "most" of them
        return None
    if -others[0][0] * 5 < counts.national:
        # A Japanese phone whose local numbers lack their area code, with two foreign
        # customers: a country named by a few numbers among many says little (review 8).
        return None
    text = MESSAGE.format(
        count=counts.invalid, total=counts.national, assumed=assumed, region=others[0][1]
    )
    return ParseIssue(0, text)
