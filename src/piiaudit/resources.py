"""Where the data shipped inside the package lives.

Rule packs are kept at the top of the repository in ``rules/`` (beside their tests);
``src/piiaudit/packs`` is a link to it, so the same files are found from a source
checkout, an editable install and a built wheel (hatchling follows the link).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader where PyYAML was built with it (the wheels are): it reads the
# shipped data files about eight times faster than the pure-Python loader (the
# CSV exporters' tables took 0.11 s, in every worker process that met a CSV file).
_SHIPPED_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)


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


def read_shipped_yaml(path: Path) -> Any:
    """The data of one YAML file shipped with the package (exporters' tables, wording).

    For our own, trusted files only: a user's files (rule packs, profiles, overrides)
    go through :mod:`piiaudit.engine.yamlsafe` or their own checked readers, which
    bound what a file may hold and report lines. Both loaders give the same data
    for every shipped file (``tests/test_shipped_yaml.py``)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SHIPPED_LOADER)  # noqa: S506


def read_shipped_mapping(path: Path) -> dict[str, Any]:
    """:func:`read_shipped_yaml` for the tables that are one mapping (every reader's
    data file): anything else is a packaging mistake, named with the file."""
    data = read_shipped_yaml(path)
    if not isinstance(data, dict):
        raise TypeError(f"{path.name}: expected a mapping at the top level")
    return data
