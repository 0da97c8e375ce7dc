"""An override file records the export it was made for (``input:``), and its ``index:``
entries are applied only to that export (QA2 A2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from handover_setup import write_overrides

from piiaudit.errors import ConfigError
from piiaudit.handover.overrides import (
    IndexCheck,
    MadeFor,
    Override,
    OverrideSet,
    index_check,
    load_overrides,
    render_overrides,
)
from piiaudit.model import ContactClass

DIGEST = "0123456789abcdef" * 4
OTHER = "f" * 64
BY_INDEX = Override("index", "2", ContactClass.PRIVATE, "brother")
BY_NAME = Override("name", "森 由美", ContactClass.BUSINESS, "teacher")


def test_the_record_reads_back(tmp_path: Path) -> None:
    made_for = MadeFor(sha256=DIGEST, file="連絡先 export.vcf")
    path = write_overrides(tmp_path, render_overrides([BY_INDEX, BY_NAME], ["header"], made_for))
    loaded = load_overrides(path)
    assert loaded.made_for == made_for
    assert [(o.kind, o.key) for o in loaded.items()] == [("index", "2"), ("name", "森 由美")]


def test_a_file_without_the_record_still_reads(tmp_path: Path) -> None:
    path = write_overrides(tmp_path, render_overrides([BY_INDEX]))
    assert "input:" not in path.read_text(encoding="utf-8")
    assert load_overrides(path).made_for is None


def test_an_upper_case_digest_is_accepted(tmp_path: Path) -> None:
    text = f"input:\n  sha256: {DIGEST.upper()}\noverrides: []\n"
    assert load_overrides(write_overrides(tmp_path, text)).made_for == MadeFor(sha256=DIGEST)


@pytest.mark.parametrize(
    ("record", "line", "message"),
    [
        ("input:\n  sha256: abc\n", 2, "64 hexadecimal digits"),
        ("input:\n  file: e.vcf\n", 2, "missing 'sha256:'"),
        ("input: e.vcf\n", 1, "'input' must be a mapping"),
        (f"input:\n  sha256: {DIGEST}\n  size: 3\n", 3, "unknown key 'size'"),
    ],
)
def test_a_malformed_record_is_an_error_with_its_line(
    tmp_path: Path, record: str, line: int, message: str
) -> None:
    path = write_overrides(tmp_path, record + "overrides: []\n")
    with pytest.raises(ConfigError, match=message) as caught:
        load_overrides(path)
    assert caught.value.line == line


@pytest.mark.parametrize(
    ("items", "made_for", "digest", "expected"),
    [
        ([BY_NAME], MadeFor(OTHER), DIGEST, IndexCheck.NO_INDEX),
        ([BY_INDEX], MadeFor(DIGEST), DIGEST, IndexCheck.SAME_EXPORT),
        ([BY_INDEX], MadeFor(DIGEST), OTHER, IndexCheck.OTHER_EXPORT),
        ([BY_INDEX, BY_NAME], None, OTHER, IndexCheck.UNRECORDED),
        ([BY_INDEX], MadeFor(DIGEST), None, IndexCheck.UNCHECKABLE),
    ],
)
def test_index_entries_apply_only_to_the_recorded_export(
    items: list[Override], made_for: MadeFor | None, digest: str | None, expected: IndexCheck
) -> None:
    assert index_check(OverrideSet(items, made_for), lambda: digest) is expected


def test_the_input_is_hashed_only_when_the_answer_depends_on_it() -> None:
    def never() -> str:
        raise AssertionError("hashed for nothing")

    assert index_check(OverrideSet([BY_NAME], MadeFor(DIGEST)), never) is IndexCheck.NO_INDEX
    assert index_check(OverrideSet([BY_INDEX]), never) is IndexCheck.UNRECORDED
