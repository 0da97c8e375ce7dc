"""An input that is a symbolic-link loop is an input that cannot be opened, for every
hand-over command as for scan: minimize's "is the output the input?" check raised
RuntimeError on it, an internal error (exit 70) with no hand-over (hostile QA F2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handover.handover_setup import run_piiaudit
from piiaudit.exitcodes import ExitCode


@pytest.mark.parametrize("command", ["minimize", "split"])
def test_a_link_loop_is_named_not_a_crash(tmp_path: Path, command: str) -> None:
    first, second = tmp_path / "a.vcf", tmp_path / "b.vcf"
    first.symlink_to(second)
    second.symlink_to(first)
    where = (
        ["-o", str(tmp_path / "out.vcf")]
        if command == "minimize"
        else ["--out-dir", str(tmp_path / "h")]
    )
    result = run_piiaudit(command, str(first), *where)
    assert result.exit_code in (ExitCode.USAGE, ExitCode.INPUT), result.output
    assert "internal error" not in result.output
    assert "symbolic links" in result.output
