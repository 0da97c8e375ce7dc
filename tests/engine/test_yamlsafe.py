"""Rule and profile files are read safely: no Python objects, bounded size, lines kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from piiaudit.engine import yamlsafe
from piiaudit.engine.yamlsafe import LineDict, line_at, load_yaml
from piiaudit.errors import RulePackError


def write(tmp_path: Path, text: str, name: str = "rule.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lines_of_keys_and_items_are_recorded(tmp_path: Path) -> None:
    doc = load_yaml(write(tmp_path, "id: X\nlist:\n  - a\n  - b\nmap:\n  inner: 1\n"))
    assert isinstance(doc, LineDict)
    assert doc.line_of("list") == 2
    assert line_at(doc, ("list", 1)) == 4
    assert line_at(doc, ("map", "inner")) == 6
    assert line_at(doc, ("map", "missing")) == 5  # nearest parent


def test_python_object_tags_are_refused_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "id: X\nbad: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(RulePackError) as err:
        load_yaml(path)
    assert err.value.line == 2
    assert str(path) in str(err.value)
    assert "not allowed" in str(err.value)


def test_custom_tags_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="not allowed"):
        load_yaml(write(tmp_path, "x: !custom 3\n"))


def test_billion_laughs_stops_early(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        refs = ",".join([f"*{prev}"] * 9)
        lines.append(f"{cur}: &{cur} [{refs}]")
    with pytest.raises(RulePackError, match="too large after alias expansion"):
        load_yaml(write(tmp_path, "\n".join(lines) + "\n"))


def test_aliases_of_one_long_string_stop_early(tmp_path: Path) -> None:
    # Security review, QA round 7: few nodes, but 2,000 aliases of a 1 MB string made
    # 2 GB of text to validate (2.1 GB of memory). Characters are counted too.
    big = "x" * 1_000_000
    text = f"names: [&a {big}]\ndomains: [" + ", ".join(["*a"] * 2000) + "]\n"
    with pytest.raises(RulePackError, match="characters"):
        load_yaml(write(tmp_path, text))


def test_oversized_file_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_FILE_BYTES", 1000)
    path = write(tmp_path, "items: [" + ", ".join(["word"] * 400) + "]\n")
    with pytest.raises(RulePackError, match="over the 1000-byte limit"):
        load_yaml(path)


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    with pytest.raises(RulePackError) as err:
        load_yaml(write(tmp_path, "id: A\nname: x\nid: B\n"))
    assert err.value.line == 3
    assert "duplicate key 'id'" in str(err.value)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(RulePackError) as err:
        load_yaml(write(tmp_path, "id: A\nlist: [a, b\nname: c\n"))
    assert err.value.line is not None
    assert "invalid YAML" in str(err.value)


def test_non_utf8_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "rule.yaml"
    path.write_bytes("id: 株式会社\n".encode("cp932"))
    with pytest.raises(RulePackError, match="not UTF-8"):
        load_yaml(path)
