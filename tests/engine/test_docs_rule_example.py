"""The model rule of docs/rules.md validates as authors copy it (QA round 12, F14).

Authors paste the "A rule" block and rename it; it carried ``special_care: health`` and
business ``evidence`` on a My Number rule, and both came along unnoticed."""

from __future__ import annotations

import re
from pathlib import Path

from engine.packs import make_pack
from piiaudit.engine.validate import validate_packs

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def _model_rule() -> str:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## A rule", 1)[1]
    found = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert found is not None
    return found.group(1)


def test_the_model_rule_validates_once_renamed(tmp_path: Path) -> None:
    rule = _model_rule().replace("JP-MYNUM-001", "ACME-MYNUM-001")
    assert "special_care:" not in rule and "evidence:" not in rule
    pack = make_pack(tmp_path / "acme", {"ACME-MYNUM-001-my-number.yaml": rule})
    assert [str(p) for p in validate_packs([pack])] == []
