"""The texts a report carries about a rule hold no identifier a scanner would take for
real: a rule's description, message, recommendation and references go into every
SARIF and JSON report, and a company's data-loss scanners flagged reports quoting
CPR 070761-4285 or PESEL 44051401359 from the rules' own notes (compliance QA). Rule
texts describe a number's form (DDMMYY-NNNN) instead; test values live in the cases
files, which no report holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from piiaudit.engine.validators import VALIDATORS

REPO = Path(__file__).resolve().parents[2]
RULE_FILES = sorted(
    p
    for p in (REPO / "rules").glob("*/*.yaml")
    if p.name != "pack.yaml" and not p.name.endswith(".cases.yaml")
)
# The checks of a person's identifiers: not the phone types (a rule text may name 0120),
# nor Luhn alone (one digit run in ten passes it), nor a company's number.
NOT_PERSONAL = {"not_phone", "luhn", "luhn_any", "corporate_number"}
ID_CHECKS = {
    name: check
    for name, check in VALIDATORS.items()
    if not name.startswith("phone") and name not in NOT_PERSONAL
}
CANDIDATE = re.compile(r"[0-9A-Z][0-9A-Z .\-/]{5,}[0-9A-Z]")


def _report_texts(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = [str(r) for r in data.get("references") or []]
    for key in ("description", "message", "recommendation"):
        value = data.get(key)
        if isinstance(value, dict):
            texts += [str(v) for v in value.values()]
    return texts


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_no_rule_text_quotes_a_valid_identifier(path: Path) -> None:
    found = [
        (name, candidate)
        for text in _report_texts(path)
        for candidate in CANDIDATE.findall(text)
        if sum(ch.isdigit() for ch in candidate) >= 6
        for name, check in ID_CHECKS.items()
        if check(candidate, "JP")
    ]
    assert found == [], f"{path.name} quotes identifiers a report would carry: {found}"
