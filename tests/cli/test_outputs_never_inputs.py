"""No command writes over what it reads, whatever --force says (security review, QA 7).

``contacts export.vcf -o export.vcf --force`` replaced the export with its masked JSON,
``baseline create`` did the same through a hard link, and ``rules test --junit`` wrote
XML over a rule file of the pack it tested (tests/engine/test_cli_rules.py). All data
fictional.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app

CARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mihon Taro\r\nTEL;TYPE=CELL:090-0000-1111\r\nEND:VCARD\r\n"
)
KEY = "fictional-test-key-0123456789abcdef"


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"PIIAUDIT_BASELINE_KEY": KEY})
    return result.exit_code, result.stderr


@pytest.mark.parametrize("command", [("contacts",), ("baseline", "create")])
@pytest.mark.parametrize("link", [False, True])
def test_the_output_is_never_the_input(
    tmp_path: Path, command: tuple[str, ...], link: bool
) -> None:
    export = tmp_path / "export.vcf"
    export.write_bytes(CARD)
    target = export
    if link:
        target = tmp_path / "other-name.vcf"
        os.link(export, target)
    code, err = _invoke(*command, str(export), "-o", str(target), "--force")
    assert code == 2
    assert "over an input file" in err
    assert export.read_bytes() == CARD
