"""A profile entry that only the engine can judge (an unknown rule id under ``disable``
or ``severity``, a ``packs`` folder without ``pack.yaml``) still stops ``scan`` with
exit 2 and ``piiaudit.yaml:LINE: ...`` naming the entry's own line, as docs/rules.md
promises: in a long profile, a message without a line leaves the user searching."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()

VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 花子\r\nTEL;TYPE=CELL:090-0000-5678\r\nEND:VCARD\r\n"

# Valid keys first, so the offending entry is well below line 1.
HEADER = """company:
  names: [株式会社サンプル商事]
  domains: [sample-shoji.example.co.jp]
region: JP
"""


def _scan(tmp_path: Path, profile_text: str) -> tuple[Path, str]:
    """Run ``scan`` on a one-card export with ``profile_text``; it must fail as a usage error."""
    export = tmp_path / "phone.vcf"
    export.write_text(VCARD, encoding="utf-8")
    profile = tmp_path / "prof" / "piiaudit.yaml"
    profile.parent.mkdir()
    profile.write_text(HEADER + profile_text, encoding="utf-8")
    result = runner.invoke(app, ["scan", str(export), "--config", str(profile), "-f", "json"])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "Traceback" not in result.output
    return profile, result.output


def _line_after_header(offset: int) -> int:
    return HEADER.count("\n") + offset


def test_an_unknown_severity_rule_names_its_key_line(tmp_path: Path) -> None:
    text = "severity:\n  CORE-PHONE-001: high\n  CORE-BDAY-009: high\n"
    profile, output = _scan(tmp_path, text)
    line = _line_after_header(3)
    assert f"{profile}:{line}: severity: no rule CORE-BDAY-009" in output


def test_an_unknown_disabled_rule_in_a_block_list_names_its_item_line(tmp_path: Path) -> None:
    text = "disable:\n  - CORE-PHOTO-001\n  - CORE-PHOTO-009\n"
    profile, output = _scan(tmp_path, text)
    line = _line_after_header(3)
    assert f"{profile}:{line}: disable: no rule CORE-PHOTO-009" in output


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("disable: [CORE-PHOTO-001, CORE-PHOTO-009]\n", 1),
        ("disable: [CORE-PHOTO-001,\n          CORE-PHOTO-009]\n", 2),
    ],
    ids=["one-line", "wrapped"],
)
def test_an_unknown_disabled_rule_in_a_flow_list_names_its_line(
    tmp_path: Path, text: str, offset: int
) -> None:
    profile, output = _scan(tmp_path, "customer_domains: [customer-a.example.jp]\n" + text)
    line = _line_after_header(1 + offset)
    assert f"{profile}:{line}: disable: no rule CORE-PHOTO-009" in output


def test_a_pack_folder_without_pack_yaml_names_its_line_and_the_path_as_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "packs" / "acmee"
    folder.mkdir(parents=True)
    (folder / "rule.yaml").write_text("id: ACME-X-001\n", encoding="utf-8")
    text = "disable: [CORE-PHOTO-001]\npacks:\n  - ../packs/acmee\n"
    profile, output = _scan(tmp_path, text)
    line = _line_after_header(3)
    assert f"{profile}:{line}: packs: ../packs/acmee is not a rule pack" in output
    assert f"no pack.yaml in {folder.resolve()}" in output


def test_a_pack_written_as_its_absolute_path_is_not_named_twice(tmp_path: Path) -> None:
    folder = (tmp_path / "empty-pack").resolve()
    folder.mkdir()
    profile, output = _scan(tmp_path, f"packs: ['{folder}']\n")
    line = _line_after_header(1)
    assert f"{profile}:{line}: packs: {folder} is not a rule pack (no pack.yaml, nor in" in output
