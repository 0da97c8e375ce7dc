"""The YAML data shipped with the package reads the same with either of PyYAML's loaders.

``resources.read_shipped_yaml`` uses libyaml's loader where PyYAML has it (eight
times faster; a worker reading its first CSV file loads seven exporters' tables)
and the pure-Python loader elsewhere. The two must agree on every shipped file,
or a machine without libyaml would classify columns or word reports differently.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from piiaudit import resources

SHIPPED = sorted(
    path
    for path in resources.package_path().rglob("*.yaml")
    if "packs" not in path.relative_to(resources.package_path()).parts  # rules: yamlsafe
)


def test_the_shipped_data_files_are_found() -> None:
    names = {path.name for path in SHIPPED}
    assert {"csv_google.yaml", "vcard_labels.yaml", "en.yaml", "ja.yaml"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_both_loaders_read_the_same_data(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = resources.read_shipped_yaml(path)
    monkeypatch.setattr(resources, "_SHIPPED_LOADER", yaml.SafeLoader)
    assert resources.read_shipped_yaml(path) == fast
    assert fast  # a mapping with content: each file is read whole


def test_libyaml_is_used_where_pyyaml_has_it() -> None:
    if yaml.__with_libyaml__:
        assert resources._SHIPPED_LOADER is yaml.CSafeLoader
    else:
        assert resources._SHIPPED_LOADER is yaml.SafeLoader
