"""Finding rule packs on disk, one search for every command.

``rules validate``, ``rules test``, ``scan --pack``, the profile's ``packs:`` and the
pre-commit hooks (which run ``rules validate .`` and ``rules test .``) all name packs
the same ways: a pack folder, a folder of packs (a rule-pack repository's ``rules/``),
or a file in a pack. They all go through :func:`pack_dirs_under`, so a pack that one of
them finds is found by all of them; a pack that one silently skipped (QA round 12: a
subsidiary's pack inside the parent's folder) ran in none of the checks and in no scan.

Order is the order packs load in, which decides what ``override: true`` replaces: the
folders in name order, each pack followed by the packs inside it (so a nested pack
builds on the pack around it and may override its rules and lists).

The files of a pack that nothing reads (a rule saved as ``.yml`` or moved into a
subfolder) are listed by :func:`unread_files`; the loader reports them, so a pack with
one is refused by every command, not only by ``rules validate``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from piiaudit.engine.profile import Profile
from piiaudit.engine.schema import Problem
from piiaudit.errors import ConfigError
from piiaudit.resources import packs_dir

PACK_FILE = "pack.yaml"
CASES_SUFFIX = ".cases.yaml"

#: How deep below a folder packs are looked for: a pack repository's root holds
#: ``rules/<pack>/`` (depth 2); a virtualenv's copy of the shipped packs sits far deeper.
#: The count starts again at each pack found, for the packs inside it, so naming a
#: repository, its ``rules/`` or the outer pack finds the same nested packs.
PACK_SEARCH_DEPTH = 3
# Folders of installed software, where a copy of the shipped packs may sit: never searched.
_NOT_PACK_TREES = frozenset({"site-packages", "node_modules", "__pycache__"})
# A virtualenv in a pack repository holds pip's copy of the shipped packs: searched, it
# gave "move it up" errors, and the walk for unread files went through all of it on
# every scan (review 13). It is known by its pyvenv.cfg, not by a name a company's own
# folder may have (env/, build/: review 14).
_VENV_MARK = "pyvenv.cfg"


def _skipped(folder: Path) -> bool:
    """Whether a folder is installed software, never searched for packs."""
    return folder.name in _NOT_PACK_TREES or (folder / _VENV_MARK).is_file()


def pack_dirs_under(path: Path, depth: int = PACK_SEARCH_DEPTH) -> list[Path]:
    """The packs at and below ``path``, in load order (see the module docstring).

    ``path`` itself when it is a pack, followed by the packs inside it; else the packs
    in its subfolders, at most ``depth`` levels down. ``path`` may be a link (the
    package's ``packs`` is one); below it hidden folders and links are skipped."""
    if (path / PACK_FILE).is_file():
        return [path, *_packs_below(path, PACK_SEARCH_DEPTH)]
    if depth == 0 or path.name in _NOT_PACK_TREES or not path.is_dir():
        return []
    return _packs_below(path, depth)


def _packs_below(path: Path, depth: int) -> list[Path]:
    try:
        children = sorted(
            p
            for p in path.iterdir()
            if p.is_dir() and not p.is_symlink() and not p.name.startswith(".") and not _skipped(p)
        )
    except OSError:
        return []
    return [pack for child in children for pack in pack_dirs_under(child, depth - 1)]


def resolve_pack_dirs(paths: Sequence[Path]) -> list[Path]:
    """Pack folders named by ``paths`` (a pack, a folder of packs, or a file in a pack),
    each once, in the order named."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise ConfigError("no such file or directory", str(path))
        target = path.parent if path.is_file() else path
        dirs = pack_dirs_under(target)
        if not dirs:
            _refuse_too_deep(target, dirs)  # a pack.yaml further down: name it
            raise ConfigError(
                f"not a rule pack (no {PACK_FILE} here or in its subfolders, "
                f"{PACK_SEARCH_DEPTH} levels down)",
                str(path),
            )
        _refuse_too_deep(target, dirs)
        _add_new(found, dirs)
    return found


def _refuse_too_deep(target: Path, dirs: Sequence[Path]) -> None:
    """Stop at a pack below ``target`` that the search does not reach: one more than
    :data:`PACK_SEARCH_DEPTH` levels below a folder of packs, beside packs it does
    reach (``rules/vendor/acme/2024/pack/`` next to ``rules/core/``), was skipped without
    a word, its rules missing from CI and from every scan (QA round 15). A pack too deep
    below another pack is that pack's problem (:func:`unread_files`)."""
    if (target / PACK_FILE).is_file():
        return
    reached = [d.resolve() for d in dirs]
    for pack_file in _pack_files(target):
        folder = pack_file.parent.resolve()
        if folder in reached or any(folder.is_relative_to(pack) for pack in reached):
            continue
        if folder.parent.name == "packs" and folder.parent.parent.name == "piiaudit":
            continue  # a built or vendored copy of piiaudit itself (build/lib/piiaudit/packs)
        raise ConfigError(
            f"not read: this pack sits more than {PACK_SEARCH_DEPTH} folder levels below "
            f"{target}, where packs are not looked for; move it up or name it",
            str(pack_file),
        )


def profile_pack_dirs(profile: Profile) -> list[Path]:
    """The packs a profile's ``packs:`` names, found as ``--pack`` finds them (a pack or
    a folder of packs); an entry with no pack stops the run at its line, in the words
    the user wrote it (relative to the profile), with the folder it resolved to."""
    where = str(profile.source) if profile.source else None
    found: list[Path] = []
    for directory in profile.packs:
        dirs = pack_dirs_under(directory) if directory.is_dir() else []
        if not dirs:
            if directory.is_dir():
                _refuse_too_deep(directory, dirs)  # a pack.yaml further down: name it
            entry = profile.pack_entries.get(directory)
            written = entry.written if entry else str(directory)
            resolved = "" if written == str(directory) else f" in {directory}"
            raise ConfigError(
                f"packs: {written} is not a rule pack (no {PACK_FILE}{resolved}, nor in "
                f"its subfolders {PACK_SEARCH_DEPTH} levels down)",
                where,
                entry.line if entry else None,
            )
        _refuse_too_deep(directory, dirs)
        _add_new(found, dirs)
    return found


def is_shipped_pack(directory: Path) -> bool:
    """Whether ``directory`` is one of the packs inside the package."""
    try:
        return directory.resolve().parent == packs_dir().resolve()
    except OSError:
        return False


def unique_dirs(dirs: Sequence[Path]) -> list[Path]:
    """``dirs`` with each folder once, where it first comes (a link to one is the same)."""
    found: list[Path] = []
    _add_new(found, dirs)
    return found


def _add_new(found: list[Path], dirs: Sequence[Path]) -> None:
    """Append the folders of ``dirs`` not in ``found`` yet (a link to one is the same)."""
    seen = {f.resolve() for f in found}
    for directory in dirs:
        if directory.resolve() not in seen:
            seen.add(directory.resolve())
            found.append(directory)


_READ_FOLDERS = ("data", "fixtures")  # a pack's subfolders the loader and rules test read
# A rule file's or cases file's name: <ID>-<name>.yaml, the ID ending in three digits.
_RULE_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[0-9]{3}-[^/]+?(?:\.cases)?\.ya?ml$")


def unread_files(directory: Path) -> list[Problem]:
    """YAML files of the pack that nothing reads: a rule saved as ``.yml``, or moved into
    a subfolder, would silently not run (QA round 6). A subfolder holding its own
    ``pack.yaml`` is a pack of its own, found and checked on its own; one too deep to be
    found (:data:`PACK_SEARCH_DEPTH`) is named once, at its ``pack.yaml``."""
    problems: list[Problem] = []
    nested = {p.resolve() for p in pack_dirs_under(directory)[1:]}
    too_deep: set[Path] = set()
    for path in _pack_yaml_files(directory):
        inside = path.relative_to(directory).parts
        folders = inside[:-1]
        owner = _innermost_pack(directory, folders)
        if owner is not None:
            if owner.resolve() not in nested and owner not in too_deep:
                too_deep.add(owner)
                problems.append(
                    Problem(
                        f"not read: this pack sits more than {PACK_SEARCH_DEPTH} folder "
                        f"levels below the pack {directory}, where packs are not looked "
                        "for; move it up",
                        str(owner / PACK_FILE),
                    )
                )
            continue
        reason = _unread_reason(directory, path, folders)
        if reason:
            problems.append(Problem(reason, str(path)))
    return problems


def _pack_files(directory: Path) -> list[Path]:
    """The ``pack.yaml`` files below ``directory``, walked as :func:`_pack_yaml_files` does."""
    return [p for p in _pack_yaml_files(directory) if p.name == PACK_FILE]


def _pack_yaml_files(directory: Path) -> list[Path]:
    """The YAML files below ``directory``, in path order, without hidden folders and
    the trees of installed or built software (:data:`_NOT_PACK_TREES`), never entered."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = [
            d for d in subfolders if not d.startswith(".") and not _skipped(Path(folder, d))
        ]
        found.extend(
            Path(folder, name)
            for name in files
            if not name.startswith(".") and name.endswith((".yaml", ".yml"))
        )
    return sorted(found)


def _innermost_pack(directory: Path, folders: Sequence[str]) -> Path | None:
    """The deepest of ``folders`` (below ``directory``) that holds its own pack."""
    for n in range(len(folders), 0, -1):
        candidate = directory.joinpath(*folders[:n])
        if (candidate / PACK_FILE).exists():
            return candidate
    return None


def _unread_reason(directory: Path, path: Path, folders: Sequence[str]) -> str:
    """Why the pack file ``path`` is not read, or ``""`` when it is (or is no pack file)."""
    in_data = bool(folders) and folders[0] == "data"
    if not in_data and not _RULE_NAME.match(path.name):
        return ""  # mkdocs.yml, a CI file...: not a pack file, nothing to say (review 8)
    if path.suffix == ".yml":
        return f"not read: pack files end in .yaml; rename it to {path.stem}.yaml"
    if folders and folders[0] not in _READ_FOLDERS:
        return (
            "not read: a pack's rules sit in its folder (its lists in data/, its "
            f"fixtures in fixtures/); move it to {directory}"
        )
    if len(folders) > 1:
        return f"not read: nothing is read from subfolders of {folders[0]}/"
    return ""
