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


def test_a_dash_as_output_is_standard_output_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # UX review: "-o -" created a file named "-". scan and contacts write to standard
    # output, as without -o; minimize and baseline create need a file and say so.
    export = tmp_path / "export.vcf"
    export.write_bytes(CARD)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    env = {"PIIAUDIT_BASELINE_KEY": KEY}
    scanned = runner.invoke(app, ["scan", str(export), "-f", "json", "-o", "-"], env=env)
    assert scanned.exit_code == 0 and scanned.stdout.startswith("{")
    listed = runner.invoke(app, ["contacts", str(export), "-o", "-"], env=env)
    assert listed.exit_code == 0 and listed.stdout.startswith("[")
    for command in (["minimize", str(export)], ["baseline", "create", str(export)]):
        result = runner.invoke(app, [*command, "-o", "-"], env=env)
        assert result.exit_code == 2, result.output
        assert "-: cannot write this output to standard output; name a file" in result.stderr
    assert not (tmp_path / "-").exists()
