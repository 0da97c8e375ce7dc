"""A piiaudit.yaml found on the way up is used only if nobody else could have put it there.

A profile decides which contacts a compliance report lists, which rules run and which
findings are accepted; one planted by another user in a shared exports folder moved an
employee's family into the compliance listing (security review, QA round 7). As git does
with another user's repository, a found profile must be the user's (or root's) and
not writable by everyone; ``--config`` still names any profile explicitly.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.engine.profile import untrusted

PROFILE = "company:\n  names: [Example Trading]\n"
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mihon Taro\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("owner", "mode", "why"),
    [
        (1000, 0o644, ""),  # the user's own
        (0, 0o644, ""),  # root's (a system-wide profile)
        (1001, 0o644, "belongs to another user"),
        (1000, 0o664, ""),  # the user's own group (umask 002, a user-private group)
        (1000, 0o646, "can be changed by other users"),
        (0, 0o666, "can be changed by other users"),
    ],
)
def test_whose_profile_is_trusted(owner: int, mode: int, why: str) -> None:
    assert untrusted(owner, stat.S_IFREG | mode, 1000) == why


def test_a_profile_others_can_change_is_refused_unless_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "exports"
    shared.mkdir()
    (shared / "a.vcf").write_bytes(CARD)
    profile = shared / "piiaudit.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    profile.chmod(0o666)
    monkeypatch.chdir(shared)
    runner = CliRunner()
    result = runner.invoke(app, ["scan", "a.vcf", "--lang", "en"])
    assert result.exit_code == 2
    assert "piiaudit.yaml: found piiaudit.yaml can be changed by other users" in result.stderr
    named = runner.invoke(app, ["scan", "a.vcf", "--config", str(profile), "--lang", "en"])
    assert named.exit_code == 0, named.output
    profile.chmod(0o644)
    assert runner.invoke(app, ["scan", "a.vcf", "--lang", "en"]).exit_code == 0
