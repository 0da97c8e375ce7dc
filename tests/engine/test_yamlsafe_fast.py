"""The libyaml-parsed path of ``load_yaml`` reads exactly what the pure-Python one reads.

``load_yaml`` parses with libyaml when it can and falls back to the pure-Python
parser for any document that fails, so errors are unchanged by construction.
What must hold is the other direction: whenever the fast path accepts a text,
the pure-Python path accepts it too, with the same values, the same types and
the same line of every key and item. Checked on every YAML file in the
repository and on generated, often malformed, text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from piiaudit.engine import yamlsafe
from piiaudit.engine.yamlsafe import LineDict, LineList, load_yaml
from piiaudit.errors import RulePackError

REPO = Path(__file__).resolve().parents[2]
YAML_FILES = sorted(
    p
    for folder in ("rules", "src", "tests", "examples", "docs")
    for pattern in ("*.yaml", "*.yml")
    for p in (REPO / folder).rglob(pattern)
    if p.is_file()
)


def test_libyaml_is_there_to_be_compared() -> None:
    """PyYAML's wheels carry libyaml; without it every test here would compare the
    pure-Python parser with itself and prove nothing, so say so instead of skipping."""
    assert yamlsafe._FastLoader is not None, "PyYAML was installed without libyaml"


def _shape(value: Any) -> Any:
    """The value with its type and every recorded line, for an exact comparison."""
    if isinstance(value, LineDict):
        items = [(k, value.key_lines[k], _shape(v)) for k, v in value.items()]
        return ("map", value.line, items)
    if isinstance(value, LineList):
        return ("seq", value.line, value.item_lines, [_shape(v) for v in value])
    return (type(value).__name__, value)


def _read(text: str, loader: Any) -> tuple[str, Any]:
    try:
        return "ok", _shape(yamlsafe._one_document(text, "doc.yaml", loader))
    except Exception as exc:  # load_yaml falls back on any failure
        return "error", f"{type(exc).__name__}: {exc}"


def _agree(text: str) -> None:
    if not yamlsafe._fast_ok(text):  # load_yaml reads such text on the plain path only
        return
    fast = _read(text, yamlsafe._FastLoader)
    if fast[0] == "ok":  # a failure falls back to the plain path, so only success matters
        assert fast == _read(text, yaml.SafeLoader)


def test_the_repository_has_yaml_files_to_compare() -> None:
    assert len(YAML_FILES) > 200  # rule packs, cases, data lists, fixtures


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_repository_file_reads_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert yamlsafe._fast_ok(text)
    fast, plain = _read(text, yamlsafe._FastLoader), _read(text, yaml.SafeLoader)
    assert fast[0] == plain[0]
    if fast[0] == "ok":
        assert fast == plain


def test_load_yaml_takes_the_fast_path_for_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[Any] = []
    original = yamlsafe._one_document

    def spy(text: str, path: str, loader: Any) -> Any:
        used.append(loader)
        return original(text, path, loader)

    monkeypatch.setattr(yamlsafe, "_one_document", spy)
    path = tmp_path / "a.yaml"
    path.write_text("id: A\nwords: [株式会社, ㈱]\n", encoding="utf-8")
    assert load_yaml(path) == {"id": "A", "words": ["株式会社", "㈱"]}
    assert used == [yamlsafe._FastLoader]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: the converter's error
        "a: [1, 2\n",  # unclosed flow sequence
        "a: !custom 1\n",
        "a:\n\t- b\n",  # tab indentation
        "a: b\x07\n",  # a character the pure-Python reader refuses
        "a: b\u2028c: d\n",  # a Unicode line break
        "a: |#\n  b\n",  # libyaml accepts a comment glued to a block header, PyYAML does not
        "a: !\n",  # a bare tag: libyaml reads an empty string, PyYAML null
        "--- 1\n--- 2\n",
        "[" * 300 + "]" * 300,  # deeper than the composer's recursion allows
    ],
)
def test_errors_are_the_pure_python_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        got: tuple[str, Any] = ("ok", _shape(load_yaml(path)))
    except RulePackError as exc:
        got = ("error", str(exc))
    monkeypatch.setattr(yamlsafe, "_FastLoader", None)
    try:
        expected: tuple[str, Any] = ("ok", _shape(load_yaml(path)))
    except RulePackError as exc:
        expected = ("error", str(exc))
    assert got == expected


PIECES = [
    "a",
    "b",
    "id",
    "株式会社",
    ": ",
    ":",
    "- ",
    "-",
    "\n",
    "\n  ",
    "\n    ",
    " ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "'",
    '"',
    "#",
    "&x ",
    "*x",
    "!!str ",
    "!t ",
    "? ",
    "|",
    ">",
    "---",
    "...",
    "1",
    "0x1F",
    "1.5",
    "yes",
    "~",
    "2026-11-26",
    "\\",
    "%YAML 1.1\n",
    "<<: ",
    "@",
    "`",
    "\r\n",
    "\x85",
    "\ufeff",
    "\x00",
    "|-",
    ">+1",
    "!",
    "!!bool ",
    "!!int ",
    "%TAG ! tag:x,2000:\n",
    "- - ",
    '"\\x',
    " #c\n",
    "? a\n: b\n",
    "{a: }",
    "+.inf",
    "1_000",
    "x\n---\ny",
    "é",
    "\r",
    "\u00a0",
]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=30).map("".join))
@example("key: value\nlist:\n  - a\n  - {b: c, d: [e, f]}\nblock: |\n  line\n  line2\n")
@example("a: &x [1, 2]\nb: *x\nc: 'it''s'\nd: \"\\u00e9\"\n")
@example("|#")
@example("!")
def test_generated_text_reads_alike(text: str) -> None:
    _agree(text)
