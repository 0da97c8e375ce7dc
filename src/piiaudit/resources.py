"""Where the data shipped inside the package lives.

Rule packs are kept at the top of the repository in ``rules/`` (beside their tests);
``src/piiaudit/packs`` is a link to it, so the same files are found from a source
checkout, an editable install and a built wheel (hatchling follows the link).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_path(*parts: str) -> Path:
    """A path inside the installed ``piiaudit`` package (a real directory on disk)."""
    base = resources.files("piiaudit")
    for part in parts:
        base = base / part
    return Path(str(base))


def packs_dir() -> Path:
    """The directory holding the shipped rule packs (one folder per pack)."""
    return package_path("packs")


def schemas_dir() -> Path:
    """JSON Schemas shipped with the package (report, rule pack, profile)."""
    return package_path("schemas")
