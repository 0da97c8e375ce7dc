"""Checks of packs and rules that the schema cannot make alone (QA round 12).

Each catches a pack that validated and tested green while doing something else than
its author meant:

- a pack id used twice (a company pack calling itself ``jp``: reports then credit
  its rules to the shipped pack);
- ``disable`` naming the pack's own rule (``disable`` switches off rules of earlier
  packs; the rule then failed its own cases with "no rule is loaded");
- a ``report: false`` rule without ``evidence`` that no composite names: it can
  never show anywhere;
- ``category: special_care`` without its ``special_care`` kind, or a kind on a rule
  of another category (reports count one special-care finding per value and kind);
- a mail-domain entry that can never match (:mod:`piiaudit.engine.domains`);
- ``settles: true`` on a rule that guesses: only the user's own statement for the run
  (a ``person`` detector, ``--owner``) is sure enough to outweigh every other signal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from piiaudit.engine.domains import domain_problem
from piiaudit.engine.listmerge import MergedLists
from piiaudit.engine.packsearch import is_shipped_pack
from piiaudit.engine.rule import Rule
from piiaudit.engine.schema import Problem
from piiaudit.engine.yamlsafe import LineDict, LineList, line_at

_SPECIAL_CARE = "special_care"


def pack_id_problem(
    pack_id: str, pack_file: Path, meta: LineDict, seen: dict[str, Path]
) -> Problem | None:
    """A pack id already taken by an earlier pack (``seen``: id -> its ``pack.yaml``);
    records this one in ``seen`` otherwise."""
    first = seen.get(pack_id)
    if first is None:
        seen[pack_id] = pack_file
        return None
    owner = "the shipped pack" if is_shipped_pack(first.parent) else "the pack"
    return Problem(
        f"pack id {pack_id!r} is already used by {owner} in {first.parent}; give this pack "
        "its own id (reports and rules list name each rule's pack by it)",
        str(pack_file),
        meta.line_of("id"),
    )


def own_disable_problems(
    meta: LineDict, pack_file: Path, disable: Sequence[str], own: Iterable[str]
) -> list[Problem]:
    """``disable`` entries naming a rule of the same pack."""
    mine = set(own)
    return [
        Problem(
            f"disable: {rule_id} is a rule of this pack; disable switches off rules of "
            "earlier packs: delete the rule's file (and its cases) instead",
            str(pack_file),
            line_at(meta, ("disable", index)),
        )
        for index, rule_id in enumerate(disable)
        if rule_id in mine
    ]


def silent_rule_problems(rules: Iterable[Rule]) -> list[Problem]:
    """``report: false`` rules without evidence that no composite rule names."""
    rules = list(rules)
    named = {needed for rule in rules for needed in rule.requires}
    return [
        Problem(
            f"{rule.id}: report: false and no evidence, and no composite rule names it, "
            "so it never shows anywhere; give it evidence (a classification signal) or "
            "remove report: false",
            str(rule.path),
            rule.line,
        )
        for rule in rules
        if not rule.report and rule.evidence is None and rule.id not in named
    ]


def special_care_problems(path: Path, doc: LineDict) -> list[Problem]:
    """``category: special_care`` and the ``special_care`` kind go together."""
    category, kind = doc.get("category"), doc.get(_SPECIAL_CARE)
    owner = doc.get("id", path.name)
    if category == _SPECIAL_CARE and not kind:
        return [
            Problem(
                f"{owner}: category special_care needs special_care: the kind it finds "
                "(health, beliefs, sex_life, origin, criminal or victim)",
                str(path),
                doc.line_of("category"),
            )
        ]
    if kind and isinstance(category, str) and category != _SPECIAL_CARE:
        return [
            Problem(
                f"{owner}: special_care: {kind} is for category special_care rules, and "
                f"this one is {category}; remove it, or change the category",
                str(path),
                doc.line_of(_SPECIAL_CARE),
            )
        ]
    return []


def settles_problems(path: Path, doc: LineDict) -> list[Problem]:
    """``evidence: {settles: true}`` on a rule with a detector other than ``person``.

    A settling signal decides the class against any weight of evidence, so it is kept
    to what the user states about the run (their own card, ``--owner``): a word or a
    pattern that settled a class would hide a customer's card from the hand-over
    whatever else it holds."""
    evidence = doc.get("evidence")
    if not isinstance(evidence, LineDict) or evidence.get("settles") is not True:
        return []
    detect = doc.get("detect")
    kinds = [
        name
        for entry in (detect if isinstance(detect, list) else ())
        if isinstance(entry, Mapping)
        for name in entry
    ]
    if kinds and all(kind == "person" for kind in kinds):
        return []
    owner = doc.get("id", path.name)
    return [
        Problem(
            f"{owner}: settles: true is only for rules whose detectors are all person "
            "detectors (the owner's own statement, --owner); use veto: true to keep a "
            "contact from the other class",
            str(path),
            evidence.line_of("settles"),
        )
    ]


def mail_domain_problems(
    path: Path,
    doc: LineDict,
    merged: MergedLists,
    skip_files: Iterable[Path],
    reported: set[tuple[str, int]],
    rejected_lists: Mapping[str, Sequence[tuple[Path, LineDict]]] = MappingProxyType({}),
) -> list[Problem]:
    """Entries of ``email_domain`` detectors (inline ``domains`` and the items of the
    lists in ``lists``/``except_lists``) that can never match a mail domain, each at its
    own line and once (``reported`` holds file and item index of those said already).
    Lists read only from ``skip_files`` (recorded shipped files) are not read again.
    A list that failed the schema (``rejected_lists``, by name) is read too: an
    unquoted ``yes`` in it hid an ``@domain`` entry until the next run."""
    problems: list[Problem] = []
    skip = set(skip_files)
    entries = doc.get("detect")
    for i, entry in enumerate(entries if isinstance(entries, list) else ()):
        params = entry.get("email_domain") if isinstance(entry, Mapping) else None
        if not isinstance(params, Mapping):
            continue
        if path not in skip:
            inline = params.get("domains")
            for j, item in enumerate(inline if isinstance(inline, list) else ()):
                where = line_at(doc, ("detect", i, "email_domain", "domains", j))
                problems.extend(_entry(item, path, where, (f"{path}#{i}", j), reported))
        for key in ("lists", "except_lists"):
            names = params.get(key)
            for name in names if isinstance(names, list) else ():
                found = (*merged.sources.get(str(name), ()), *rejected_lists.get(str(name), ()))
                for source, list_doc in found:
                    if source not in skip:
                        problems.extend(_list_entries(source, list_doc, reported))
    return problems


def _list_entries(
    source: Path, list_doc: LineDict, reported: set[tuple[str, int]]
) -> list[Problem]:
    items = list_doc.get("items")
    problems: list[Problem] = []
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(item, str):  # the schema says what is wrong with it
            continue
        line = items.line_of(index) if isinstance(items, LineList) else list_doc.line
        problems.extend(_entry(item, source, line, (str(source), index), reported))
    return problems


def _entry(
    item: object, path: Path, line: int | None, key: tuple[str, int], seen: set[tuple[str, int]]
) -> list[Problem]:
    """The problem of one entry, unless it was said already (``key`` names its place)."""
    problem = domain_problem(str(item))
    if problem is None or key in seen:
        return []
    seen.add(key)
    return [Problem(problem, str(path), line)]
