"""``rules validate``: every problem in the given packs, each with file and line.

The packs are checked on top of the shipped ones, as the engine would load
them, so a company pack that reuses a shipped id without ``override: true``,
or names a list that does not exist, is caught here and not at audit time.
Case files and fixture sidecars are checked against their schemas too, and a
fixture folder for files nothing reads. Which packs a path names is
:mod:`piiaudit.engine.packsearch`'s to say, the same for every command.
``rules test`` reads case files and fixtures through the same checks
(:func:`read_side_file`, :func:`cases_owner_problems`, :func:`fixture_problems`),
so both commands say the same about them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from piiaudit.engine.evaluate import check_profile_rules
from piiaudit.engine.loader import bare_message, load_packs, shipped_pack_dirs
from piiaudit.engine.packsearch import CASES_SUFFIX, profile_pack_dirs, unique_dirs
from piiaudit.engine.profile import Profile
from piiaudit.engine.schema import Problem, schema_problems
from piiaudit.engine.yamlsafe import LineDict, line_at, load_yaml
from piiaudit.errors import ConfigError, RulePackError

EXPECT_SUFFIX = ".expect.yaml"
FIXTURES = "fixtures"
# What a fixture export may be: the files piiaudit reads as contact exports.
EXPORT_SUFFIXES = (".vcf", ".vcard", ".csv")
NOT_A_MAPPING = "expected a mapping at the top of the file"


@dataclass(slots=True)
class Validation:
    """What :func:`check_packs` found: the packs' problems, and the profile's error
    (``disable:``, ``severity:`` or ``suppress:`` naming no rule), which stops
    ``scan`` and ``rules test`` as a configuration error."""

    problems: list[Problem] = field(default_factory=list)
    profile_error: ConfigError | None = None


def read_side_file(path: Path, kind: str) -> tuple[LineDict | None, list[Problem], str]:
    """A case file (``kind`` ``cases``) or fixture expectation (``expect``), its
    problems and the step that found them (``load`` or ``schema``; ``""`` when there
    are none): the document only when it reads and passes its schema. An empty or
    comment-only file is "expected a mapping" at line 1, as a rule file is (it gave
    "document: None is not of type 'object'", at line None: QA round 19)."""
    try:
        document = load_yaml(path)
    except RulePackError as exc:
        return None, [Problem(bare_message(exc), str(path), exc.line)], "load"
    if not isinstance(document, LineDict):
        return None, [Problem(NOT_A_MAPPING, str(path), 1)], "load"
    found = schema_problems(document, kind, str(path))
    return (None, found, "schema") if found else (document, [], "")


def _side_files(directory: Path, known: Set[str]) -> list[Problem]:
    """Problems of a pack's cases and fixture expectations; ``known`` are the rule ids
    the packs define (disabled ones included)."""
    problems: list[Problem] = []
    checks = [(p, "cases") for p in sorted(directory.glob(f"*{CASES_SUFFIX}"))]
    checks += [(p, "expect") for p in sorted((directory / FIXTURES).glob(f"*{EXPECT_SUFFIX}"))]
    for path, kind in checks:
        document, found, _ = read_side_file(path, kind)
        problems.extend(found)
        if document is None:
            continue
        if kind == "cases":
            problems.extend(cases_owner_problems(path, document))
        else:
            problems.extend(_fixture_exists(path, document))
            problems.extend(_fixture_rules(path, document, known))
    return problems


def fixture_problems(directory: Path) -> list[Problem]:
    """Files in the pack's ``fixtures/`` that nothing reads or checks, which passed
    without a word while a ``.cases.yml`` was an error (QA round 19): an expectation
    not named ``<file>.expect.yaml`` (``.expect.yml``), one in a subfolder, and an
    export (``.vcf``, ``.csv``) no expectation names, beside it or in its ``file:``."""
    folder = directory / FIXTURES
    if not folder.is_dir():
        return []
    named: set[Path] = set()
    unsure = False  # an expectation that does not read may name any export
    for expect in sorted(folder.glob(f"*{EXPECT_SUFFIX}")):
        try:
            document = load_yaml(expect)
        except RulePackError:
            unsure = True
            continue
        name = document.get("file") if isinstance(document, dict) else None
        if isinstance(name, str):
            named.add(_resolved(folder / name))
        else:
            unsure = True
    problems: list[Problem] = []
    for path in _files_below(folder):
        nested = len(path.relative_to(folder).parts) > 1
        reason = _fixture_reason(folder, path, nested, named, unsure)
        if reason:
            problems.append(Problem(reason, str(path)))
    return problems


def _fixture_reason(folder: Path, path: Path, nested: bool, named: Set[Path], unsure: bool) -> str:
    """Why the file ``path`` of ``folder`` (a pack's fixtures) is never read, or ``""``."""
    lower = path.name.lower()
    elsewhere = f"nothing is read from subfolders of {FIXTURES}/; move it to {folder}"
    if lower.endswith((".expect.yaml", ".expect.yml")):
        if nested:
            return f"not read: {elsewhere}"
        if path.name.endswith(EXPECT_SUFFIX):
            return ""
        base = path.name[: -len(".expect.yml" if lower.endswith(".yml") else EXPECT_SUFFIX)]
        return (
            f"not read: fixture expectations end in {EXPECT_SUFFIX}; "
            f"rename it to {base}{EXPECT_SUFFIX}"
        )
    if lower.endswith(EXPORT_SUFFIXES):
        if unsure or _resolved(path) in named:
            return ""  # an expectation names it (or may: one that does not read)
        if nested:
            return f"not read: {elsewhere}"
        if any(_is_expectation_of(path, sibling) for sibling in path.parent.iterdir()):
            return ""  # a misnamed expectation: its own problem says so
        return (
            f"not tested: no {path.name}{EXPECT_SUFFIX} beside it says what must happen "
            "to its contacts"
        )
    if lower.endswith((".yaml", ".yml")):
        if nested:
            return f"not read: {elsewhere}"
        return f"not read: only <file>{EXPECT_SUFFIX} files are read in {FIXTURES}/"
    return ""


def _is_expectation_of(export: Path, candidate: Path) -> bool:
    """Whether ``candidate`` is named as ``export``'s expectation, however misspelt."""
    rest = candidate.name[len(export.name) :].lower()
    return candidate.name.startswith(export.name) and rest in (".expect.yaml", ".expect.yml")


def _files_below(folder: Path) -> list[Path]:
    """The files below ``folder``, in path order, without hidden files and folders."""
    found: list[Path] = []
    for parent, subfolders, files in os.walk(folder):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        found.extend(Path(parent, name) for name in files if not name.startswith("."))
    return sorted(found)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL in a fixture's file:
        return path


def _fixture_exists(path: Path, document: object) -> list[Problem]:
    """An expectation names its export in ``file:``; a missing one would only show up in
    ``rules test`` as "the file has only 0 contacts", which points at the wrong thing."""
    name = document.get("file") if isinstance(document, dict) else None
    if not isinstance(name, str) or (path.parent / name).is_file():
        return []
    return [
        Problem(
            f"file: {name!r} does not exist in {path.parent}",
            str(path),
            line_at(document, ("file",)),
        )
    ]


def _fixture_rules(path: Path, document: object, known: Set[str]) -> list[Problem]:
    """Rule ids an expectation names must exist: a misspelt ``not_fire`` or ``todo`` can
    never fail, and a misspelt ``fire`` fails only in ``rules test``."""
    contacts = document.get("contacts") if isinstance(document, dict) else None
    problems: list[Problem] = []
    for n, entry in enumerate(contacts if isinstance(contacts, list) else ()):
        named: dict[str, str] = {}  # rule id -> the first key that names it
        for key in ("fire", "not_fire", "todo"):
            names = entry.get(key) if isinstance(entry, dict) else None
            for i, rule_id in enumerate(names if isinstance(names, list) else ()):
                line = line_at(document, ("contacts", n, key, i))
                if rule_id not in known:
                    problems.append(Problem(f"{key}: no rule {rule_id}", str(path), line))
                elif isinstance(rule_id, str) and named.get(rule_id, key) != key:
                    problems.append(_contradiction(named[rule_id], key, rule_id, path, line))
                elif isinstance(rule_id, str):
                    named[rule_id] = key
    return problems


def _contradiction(first: str, then: str, rule_id: str, path: Path, line: int | None) -> Problem:
    """One contact's expectation naming a rule under two keys: ``fire`` and ``todo``
    passed (the todo only said "now fires"), and a rule cannot both fire and not
    (rule-pack author's round)."""
    meaning = {
        "fire": "must fire",
        "not_fire": "must not fire",
        "todo": "should fire but does not yet",
    }
    return Problem(
        f"{then}: {rule_id} is also under {first} for this contact: it {meaning[first]} "
        f"there and {meaning[then]} here; keep one",
        str(path),
        line,
    )


def cases_owner_problems(path: Path, document: object) -> list[Problem]:
    """A ``<ID>-<name>.cases.yaml`` must test the rule beside it, ``<ID>-<name>.yaml``:
    cases naming another rule would be run against it (or against nothing) and only
    ``rules test`` would notice, as a confusing failure."""
    stem = path.name[: -len(CASES_SUFFIX)]
    rule_id = document.get("rule") if isinstance(document, dict) else None
    line = line_at(document, ("rule",))
    if not (path.parent / f"{stem}.yaml").is_file():
        return [Problem(f"no rule file {stem}.yaml beside these cases", str(path), line)]
    if not isinstance(rule_id, str) or not stem.startswith(f"{rule_id}-"):
        return [
            Problem(
                f"the cases name rule {rule_id!r}, but the file beside them is {stem}.yaml",
                str(path),
                line,
            )
        ]
    return []


def validate_packs(pack_dirs: Sequence[Path], profile: Profile | None = None) -> list[Problem]:
    """Problems in ``pack_dirs`` (loaded after the shipped packs); empty when all is well."""
    return check_packs(pack_dirs, profile).problems


def check_packs(pack_dirs: Sequence[Path], profile: Profile | None = None) -> Validation:
    """Problems in ``pack_dirs``, loaded as ``scan`` loads them: after the shipped packs
    and the profile's ``packs:``; and whether the profile's ``disable:``, ``severity:``
    and ``suppress:`` name rules that exist. A profile naming no rule passed
    ``rules validate --config`` and then stopped ``rules test``, ``rules list`` and
    ``scan`` with exit 2 (QA round 19)."""
    profile = profile or Profile()
    shipped = shipped_pack_dirs()
    order = unique_dirs([*shipped, *profile_pack_dirs(profile), *pack_dirs])
    # The shipped packs beneath a company's packs are read as a scan reads them (files
    # recorded as checked are trusted); when they are what is validated, in full.
    validated = {d.resolve() for d in pack_dirs}
    beneath = [d for d in shipped if d.resolve() not in validated]
    result = load_packs(order, profile.lists(), trusted_packs=beneath)
    problems = list(result.problems)
    # Rules whose problem is reported already are known too: an expectation naming one
    # is not also "no rule" (QA round 12).
    known = {r.id for r in result.rules} | {i for p in result.packs for i in p.disable}
    known |= result.broken
    reported = {p.path for p in problems}
    for directory in pack_dirs:
        problems.extend(_side_files(directory, known))
        # A rule-named YAML file in a subfolder of fixtures/ is reported by the loader.
        problems.extend(p for p in fixture_problems(directory) if p.path not in reported)
    profile_error = None
    try:
        check_profile_rules(profile, result.defined | result.broken)
    except ConfigError as exc:
        profile_error = exc
    # Found in passes (schema, lists, compiling, composites): shown file by file, by line.
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return Validation(problems, profile_error)
