"""``rules validate``: every problem in the given packs, each with file and line.

The packs are checked on top of the shipped ones, as the engine would load
them, so a company pack that reuses a shipped id without ``override: true``,
or names a list that does not exist, is caught here and not at audit time.
Case files and fixture sidecars are checked against their schemas too. Which
packs a path names is :mod:`piiaudit.engine.packsearch`'s to say, the same for
every command.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from pathlib import Path

from piiaudit.engine.loader import bare_message, load_packs, shipped_pack_dirs
from piiaudit.engine.packsearch import CASES_SUFFIX
from piiaudit.engine.profile import Profile
from piiaudit.engine.schema import Problem, schema_problems
from piiaudit.engine.yamlsafe import line_at, load_yaml
from piiaudit.errors import RulePackError


def _side_files(directory: Path, known: Set[str]) -> list[Problem]:
    """Problems of a pack's cases and fixture expectations; ``known`` are the rule ids
    the packs define (disabled ones included)."""
    problems: list[Problem] = []
    checks = [(p, "cases") for p in sorted(directory.glob(f"*{CASES_SUFFIX}"))]
    checks += [(p, "expect") for p in sorted((directory / "fixtures").glob("*.expect.yaml"))]
    for path, kind in checks:
        try:
            document = load_yaml(path)
        except RulePackError as exc:
            problems.append(Problem(bare_message(exc), str(path), exc.line))
            continue
        found = schema_problems(document, kind, str(path))
        problems.extend(found)
        if kind == "cases" and not found:
            problems.extend(_cases_owner(path, document))
        elif kind == "expect" and not found:
            problems.extend(_fixture_exists(path, document))
            problems.extend(_fixture_rules(path, document, known))
    return problems


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
        for key in ("fire", "not_fire", "todo"):
            names = entry.get(key) if isinstance(entry, dict) else None
            for i, rule_id in enumerate(names if isinstance(names, list) else ()):
                if rule_id not in known:
                    line = line_at(document, ("contacts", n, key, i))
                    problems.append(Problem(f"{key}: no rule {rule_id}", str(path), line))
    return problems


def _cases_owner(path: Path, document: object) -> list[Problem]:
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
    profile = profile or Profile()
    shipped = shipped_pack_dirs()
    wanted = [d for d in pack_dirs if d.resolve() not in {s.resolve() for s in shipped}]
    order = [*shipped, *wanted]
    result = load_packs(order, profile.lists())
    problems = list(result.problems)
    # Rules whose problem is reported already are known too: an expectation naming one
    # is not also "no rule" (QA round 12).
    known = {r.id for r in result.rules} | {i for p in result.packs for i in p.disable}
    known |= result.broken
    for directory in pack_dirs:
        problems.extend(_side_files(directory, known))
    # Found in passes (schema, lists, compiling, composites): shown file by file, by line.
    return sorted(problems, key=lambda p: (p.path, p.line or 0))
