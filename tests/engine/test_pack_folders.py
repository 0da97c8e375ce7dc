"""--pack takes what `rules validate` and `rules test` take: a pack or a folder of packs."""

from __future__ import annotations

from pathlib import Path

import pytest
from packs import make_pack, rule
from tests.hostile.run import invoke


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A rule-pack repository: ``rules/`` holding one pack, as docs/ci.md lays it out."""
    name, text = rule()
    make_pack(tmp_path / "rules" / "acme", {name: text})
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 一郎\r\nNOTE:ACME-SECRET 42\r\nEND:VCARD\r\n"
    (tmp_path / "card.vcf").write_text(card, encoding="utf-8", newline="")
    return tmp_path


@pytest.mark.parametrize("where", ["rules", "rules/acme", "rules/acme/pack.yaml"])
def test_scan_reads_a_pack_however_it_is_named(repository: Path, where: str) -> None:
    assert invoke("rules", "validate", str(repository / where)).exit_code == 0
    run = invoke(
        "scan", str(repository / "card.vcf"), "--pack", str(repository / where), "-f", "json"
    )
    assert run.exit_code == 0, run.stderr
    rules = {f["rule"] for c in run.json["contacts"] for f in c["findings"]}
    assert "ACME-SECRET-001" in rules


def test_a_folder_without_packs_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "card.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n")
    run = invoke("scan", str(tmp_path / "card.vcf"), "--pack", str(tmp_path / "empty"))
    assert run.exit_code == 2
    assert "not a rule pack" in run.stderr and "empty" in run.stderr
