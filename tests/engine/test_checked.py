"""The record of shipped rule files that passed the schema: current, exact, not blindly trusted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import piiaudit.engine.checked as checked
import piiaudit.engine.loader as loader
from engine.packs import make_pack, rule
from piiaudit.engine.checked import (
    CACHE,
    RECORD,
    cache_text,
    cached_document,
    digest,
    record_text,
    recorded,
    shipped_files,
)
from piiaudit.engine.loader import load_or_raise, load_packs, schema_checked_problems
from piiaudit.engine.profile import Profile
from piiaudit.engine.schema import Problem
from piiaudit.engine.validate import validate_packs
from piiaudit.engine.yamlsafe import LineDict, LineList, load_yaml
from piiaudit.resources import packs_dir

REGENERATE = "run: .venv/bin/python scripts/record_checked.py"


@pytest.fixture
def schema_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader checks against the schema, in order."""
    calls: list[str] = []
    real = loader.schema_problems

    def spy(document: object, kind: str, path: str) -> list[Problem]:
        calls.append(path)
        return real(document, kind, path)

    monkeypatch.setattr(loader, "schema_problems", spy)
    return calls


def test_every_shipped_file_passes_the_schema_and_the_record_is_current() -> None:
    root = packs_dir()
    files = shipped_files(root)
    assert len(files) > 100  # the three shipped packs: pack files, rules, data lists
    problems = [str(p) for path, kind in files for p in schema_checked_problems(path, kind)]
    assert problems == []
    on_disk = (root / RECORD).read_text(encoding="ascii")
    assert on_disk == record_text(files, root), f"rules/{RECORD} is out of date; {REGENERATE}"


def test_an_engine_does_not_check_the_recorded_shipped_files_again(
    schema_calls: list[str],
) -> None:
    pack_dirs = loader.shipped_pack_dirs()
    loaded = load_or_raise(pack_dirs, Profile().lists())  # as Engine.from_profile loads them
    assert loaded.rules
    assert schema_calls == []


def test_rules_validate_checks_every_file_recorded_or_not(schema_calls: list[str]) -> None:
    # `rules validate` with no path validates the shipped packs: every file, anew.
    assert validate_packs(loader.shipped_pack_dirs()) == []
    assert sorted(schema_calls) == sorted(str(path) for path, _ in shipped_files(packs_dir()))


def test_validating_a_company_pack_checks_its_files_not_the_shipped_ones_again(
    schema_calls: list[str], tmp_path: Path
) -> None:
    # The shipped packs beneath it are read as a scan reads them (~2 s a run saved);
    # the company pack's own files are all checked.
    pack = make_pack(tmp_path / "acme", dict([rule()]))
    assert validate_packs([pack]) == []
    assert sorted(schema_calls) == sorted(str(p) for p in pack.iterdir() if p.suffix == ".yaml")


def test_a_copy_with_the_same_bytes_is_trusted_a_changed_one_is_checked(
    tmp_path: Path, schema_calls: list[str]
) -> None:
    core = packs_dir() / "core"
    copy = tmp_path / "core-copy"
    shutil.copytree(core, copy)
    rule_file = next(path for path, kind in loader.pack_files(copy) if kind == "rule")
    text = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(text + "colour: red\n", encoding="utf-8")  # not in the schema

    result = load_packs([copy], Profile().lists(), trust_recorded=True)

    assert schema_calls == [str(rule_file)]  # only the changed file was checked
    assert [(p.path, p.message) for p in result.problems] == [
        (str(rule_file), "unknown key 'colour'")
    ]


def test_without_trust_every_file_is_checked(schema_calls: list[str]) -> None:
    core = packs_dir() / "core"
    result = load_packs([core], Profile().lists())
    assert result.problems == []
    assert len(schema_calls) == len(loader.pack_files(core))


def test_the_digest_depends_on_the_kind_and_every_byte() -> None:
    data = b"id: X\n"
    assert digest("rule", data) != digest("list", data)
    assert digest("rule", data) != digest("rule", data + b" ")
    assert digest("rule", data) == digest("rule", bytes(data))


def test_the_record_holds_only_digests_of_shipped_files() -> None:
    files = shipped_files(packs_dir())
    assert recorded() == {digest(kind, path.read_bytes()) for path, kind in files}


@pytest.fixture
def yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader reads as YAML, in order."""
    reads: list[str] = []
    real = loader.load_yaml

    def spy(path: Path) -> object:
        reads.append(str(path))
        return real(path)

    monkeypatch.setattr(loader, "load_yaml", spy)
    return reads


def _same(cached: object, read: object, where: str) -> None:
    """Equal values of the same types, with the same lines, all the way down."""
    assert type(cached) is type(read), where
    if isinstance(read, LineDict):
        assert isinstance(cached, LineDict)
        assert (cached.line, cached.key_lines, list(cached)) == (
            read.line,
            read.key_lines,
            list(read),
        ), where
        for key in read:
            _same(cached[key], read[key], f"{where}.{key}")
    elif isinstance(read, LineList):
        assert isinstance(cached, LineList)
        assert (cached.line, cached.item_lines, len(cached)) == (
            read.line,
            read.item_lines,
            len(read),
        ), where
        for index, (a, b) in enumerate(zip(cached, read, strict=True)):
            _same(a, b, f"{where}[{index}]")
    else:
        assert cached == read, where


def test_the_cache_is_current_and_holds_what_reading_each_file_gives() -> None:
    root = packs_dir()
    files = shipped_files(root)
    on_disk = (root / CACHE).read_text(encoding="utf-8")
    assert on_disk == cache_text(files, root), f"rules/{CACHE} is out of date; {REGENERATE}"
    for path, kind in files:
        cached = cached_document(digest(kind, path.read_bytes()))
        assert cached is not None, path
        _same(cached, load_yaml(path), str(path))


def test_an_engine_reads_no_yaml_for_the_recorded_files(yaml_reads: list[str]) -> None:
    loaded = load_or_raise(loader.shipped_pack_dirs(), Profile().lists())
    assert loaded.rules
    assert yaml_reads == []


def test_each_read_gives_a_fresh_document() -> None:
    """The loader may keep and change what it is given: no two reads share objects."""
    path, kind = shipped_files(packs_dir())[0]
    first = cached_document(digest(kind, path.read_bytes()))
    second = cached_document(digest(kind, path.read_bytes()))
    assert first is not None and second is not None
    assert first == second and first is not second


def test_a_changed_file_is_read_from_its_yaml(tmp_path: Path, yaml_reads: list[str]) -> None:
    copy = tmp_path / "core-copy"
    shutil.copytree(packs_dir() / "core", copy)
    rule_file = next(path for path, kind in loader.pack_files(copy) if kind == "rule")
    rule_file.write_text(rule_file.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = load_packs([copy], Profile().lists(), trust_recorded=True)
    assert result.problems == []
    assert yaml_reads == [str(rule_file)]


def test_without_the_cache_the_yaml_is_read_and_the_rules_are_the_same(
    monkeypatch: pytest.MonkeyPatch, yaml_reads: list[str]
) -> None:
    pack_dirs = loader.shipped_pack_dirs()
    with_cache = load_or_raise(pack_dirs, Profile().lists())
    monkeypatch.setattr(checked, "_cached", dict)  # a missing or unreadable cache
    without = load_or_raise(pack_dirs, Profile().lists())
    assert len(yaml_reads) == len(shipped_files(packs_dir()))
    assert [r.info() for r in without.rules] == [r.info() for r in with_cache.rules]


def test_the_cache_reads_no_file_over_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Profile and --packs files are looked up too: an oversized one is left to
    load_yaml, which refuses it without reading it."""
    path, kind = next((p, k) for p, k in shipped_files(packs_dir()) if k == "rule")
    assert loader._recorded_digest(path, kind) is not None
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", path.stat().st_size - 1)
    assert loader._recorded_digest(path, kind) is None


def _copy_with_broken_pattern(root: Path) -> Path:
    """A copy of the core pack whose payment-card pattern passes the schema but
    not re2 (look-ahead), as a hand edit of a shipped rule might leave it."""
    copy = root / "core"
    shutil.copytree(packs_dir() / "core", copy)
    rule_file = copy / "CORE-CARD-001-payment-card.yaml"
    text = rule_file.read_text(encoding="utf-8")
    assert "pattern: '" in text
    rule_file.write_text(text.replace("pattern: '", "pattern: '(?=x)", 1), "utf-8")
    return rule_file


def test_recording_refuses_a_pattern_that_does_not_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The engine compiles a recorded rule's patterns when first used, so the
    # record must only ever hold rules whose patterns compile.
    rule_file = _copy_with_broken_pattern(tmp_path)
    monkeypatch.setattr(checked, "packs_dir", lambda: tmp_path)

    with pytest.raises(SystemExit, match=r"CORE-CARD-001.*does not compile"):
        checked.main()

    assert not (tmp_path / RECORD).exists()
    assert rule_file.exists()


def test_a_changed_pattern_is_compiled_while_the_pack_loads(tmp_path: Path) -> None:
    rule_file = _copy_with_broken_pattern(tmp_path)

    result = load_packs([tmp_path / "core"], Profile().lists(), trust_recorded=True)

    lines = rule_file.read_text(encoding="utf-8").splitlines()
    pattern_line = next(i for i, line in enumerate(lines, 1) if "pattern:" in line)
    assert [(p.path, p.line) for p in result.problems] == [(str(rule_file), pattern_line)]
    assert "does not compile" in result.problems[0].message
