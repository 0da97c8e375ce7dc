"""The layer contract covers every module, so a new module cannot dodge it.

import-linter (run by .ci/run) checks the direction model <- stages <- cli, but only
for the modules its contract names. This test fails when a top-level module of
piiaudit is missing from the contract in pyproject.toml.
"""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import piiaudit

REPO = Path(__file__).resolve().parents[1]
ENTRY_POINTS = {"__main__"}  # runs the CLI; nothing imports it


def layered_modules() -> set[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    # The package-wide contract; others (``containers``) order the modules inside one package.
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers" and "containers" not in c]
    names: set[str] = set()
    for layer in layers:
        for part in layer.replace("|", ":").split(":"):
            names.add(part.strip().removeprefix("piiaudit."))
    return names


def test_every_top_level_module_is_in_a_layer() -> None:
    modules = {m.name for m in pkgutil.iter_modules(piiaudit.__path__)} - ENTRY_POINTS
    modules.discard("packs")  # rule-pack data, no code
    missing = sorted(modules - layered_modules())
    assert missing == [], f"add these modules to [tool.importlinter] layers: {missing}"
