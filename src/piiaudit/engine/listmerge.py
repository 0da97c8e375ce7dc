"""Merging the data lists of packs in load order: define, ``override``, ``extend``.

A list name is defined once; a later pack may replace it (``override: true``) or add
items to it (``extend: true``). ``extend`` exists because ``override`` means copying
the earlier list whole: the copy silently keeps the old items when piiaudit ships new
ones (QA round 12). An extension names only its own items, so upgrades still reach it.

An ``override`` or ``extend`` whose base loads *after* it is named as a load-order
problem, with the file that holds the base: the plain "no earlier list" and "set
override: true" messages sent authors to mark the base as the override (QA round 12).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from piiaudit.engine.schema import Problem
from piiaudit.engine.yamlsafe import LineDict

#: Said with every problem that load order explains (lists and rules alike).
ORDER_HINT = (
    "packs load in name order, each pack's nested packs right after it: rename or nest "
    "the packs so that the one built on loads first"
)

PackLists = Mapping[str, tuple[Path, LineDict]]  # one pack's lists: name -> (file, document)


@dataclass(slots=True)
class MergedLists:
    """The effective lists, and the files each one's items come from (for checks that
    name an item's own line, such as the mail-domain check)."""

    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources: dict[str, list[tuple[Path, LineDict]]] = field(default_factory=dict)


def merge_lists(
    packs: Sequence[PackLists],
    broken: Iterable[str],
    extra: Mapping[str, tuple[str, ...]],
    problems: list[Problem],
) -> MergedLists:
    """The lists of ``packs`` (in load order) on top of ``extra`` (the profile's);
    ``broken`` names lists whose file is broken (reported already): they are known,
    empty, so the rules naming them are not reported as naming an unknown list."""
    merged = MergedLists(lists=dict(extra))
    origin: dict[str, Path] = {}
    dangling: set[str] = set()  # an override or extend that found no earlier list
    for index, pack in enumerate(packs):
        for name, (path, doc) in pack.items():
            override, extend = bool(doc.get("override", False)), bool(doc.get("extend", False))
            items = tuple(str(item) for item in doc["items"])
            if override and extend:
                problems.append(
                    Problem(
                        "override: true and extend: true together: override replaces the "
                        "earlier list, extend adds to it; keep one",
                        str(path),
                        doc.line_of("extend"),
                    )
                )
            if name in origin and not (override or extend):
                problems.append(_already(name, origin[name], path, doc, name in dangling))
                continue
            if name not in origin and (override or extend):
                key = "extend" if extend and not override else "override"
                later = _defined_later(name, packs[index + 1 :])
                problems.append(_nothing_to(key, name, path, doc, later))
                dangling.add(name)
            if extend and not override and name in origin:
                known = set(merged.lists[name])
                added = tuple(dict.fromkeys(i for i in items if i not in known))
                merged.lists[name] = merged.lists[name] + added
                merged.sources[name].append((path, doc))
                continue
            origin[name] = path
            merged.lists[name] = items
            merged.sources[name] = [(path, doc)]
    for name in broken:  # reported already: the rules naming them are not wrong too
        merged.lists.setdefault(name, ())
    return merged


def _defined_later(name: str, packs: Sequence[PackLists]) -> Path | None:
    """The file of a later pack that defines ``name`` itself (not as override or extend)."""
    for pack in packs:
        if name in pack:
            path, doc = pack[name]
            if not doc.get("override", False) and not doc.get("extend", False):
                return path
    return None


def _nothing_to(key: str, name: str, path: Path, doc: LineDict, later: Path | None) -> Problem:
    """``override``/``extend`` with no earlier list: a misspelt name, or the load order."""
    message = f"{key}: true but no earlier data list {name!r} to {key}"
    if later is not None:
        message += f": it is defined in {later}, whose pack loads after this one ({ORDER_HINT})"
    return Problem(message, str(path), doc.line_of(key))


def _already(name: str, first: Path, path: Path, doc: LineDict, first_dangled: bool) -> Problem:
    """A second plain definition; when the first was meant to override or extend this
    one, the fix is the load order, not another ``override: true``."""
    if first_dangled:
        hint = f"that file loads first and meant to build on this one; {ORDER_HINT}"
    else:
        hint = "set override: true to replace it, or extend: true to add to it"
    return Problem(
        f"data list {name!r} already defined in {first} ({hint})", str(path), doc.line_of("list")
    )
