"""Hostile configuration files: a company profile or override file made to break YAML reading.

Both are read with safe YAML loading; a file nested deeper than Python's stack,
holding a control character or a Python tag must be a usage error (exit 2)
naming the file, never an internal error, and never run anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.run import invoke

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iphone-export.vcf"

BODIES = {
    "deep-nesting": "[" * 20_000 + "]" * 20_000,
    "control-character": "\x1f []",
    "python-tag": '!!python/object/apply:os.system ["touch {marker}"]',
}


@pytest.mark.parametrize("attack", list(BODIES))
def test_hostile_override_file_is_a_clear_usage_error(attack: str, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    override = tmp_path / "overrides.yaml"
    override.write_text("overrides: " + BODIES[attack].format(marker=marker) + "\n")

    run = invoke(
        "split", str(EXAMPLE), "--out-dir", str(tmp_path / "out"), "--override", str(override)
    )

    assert run.exit_code == 2
    assert f"piiaudit: error: {override}" in run.stderr
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("attack", list(BODIES))
def test_hostile_company_profile_is_a_clear_usage_error(attack: str, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("region: " + BODIES[attack].format(marker=marker) + "\n")

    run = invoke("scan", str(EXAMPLE), "--config", str(profile))

    assert run.exit_code == 2
    assert f"piiaudit: error: {profile}" in run.stderr
    assert not marker.exists()
