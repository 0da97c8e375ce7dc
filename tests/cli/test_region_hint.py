"""A hint when the locale names another country than the phone region assumed.

Numbers without a country code are read as JP numbers unless ``--region`` or the
company profile says otherwise; a German ``0151 ...`` mobile is then no valid
number, so it is neither classified nor reported as a mobile, without a word (QA
round 5, EU A3). When the locale names another country, every command that reads
exports says so on stderr, in the user's language.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.cli.common import region_hint

runner = CliRunner()
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kurt Beispiel\r\nTEL:0151 5550 1202\r\nEND:VCARD\r\n"
HINT = "phone numbers without a country code are read as JP numbers; the locale names DE"


@pytest.mark.parametrize(
    ("env", "hinted"),
    [
        ({"LANG": "de_DE.UTF-8"}, "DE"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "ja_JP.UTF-8"}, "FR"),  # LC_ALL wins
        ({"LC_TELEPHONE": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}, "GB"),
        ({"LANG": "ja_JP.UTF-8"}, ""),  # the assumed region itself
        ({"LANG": "C.UTF-8"}, ""),  # no country
        ({"LANG": "de_XX.UTF-8"}, ""),  # no country phonenumbers knows
        ({}, ""),
    ],
)
def test_the_locale_country_is_named_when_it_differs(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], hinted: str
) -> None:
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    hint = region_hint("JP")
    if hinted:
        assert f"the locale names {hinted}" in hint and f"--region {hinted}" in hint
    else:
        assert hint == ""


@pytest.fixture
def export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A German phone's export, read on a machine whose locale names Germany."""
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    path = tmp_path / "phone.vcf"
    path.write_bytes(CARD)
    return path


@pytest.mark.parametrize("command", ["scan", "contacts"])
def test_commands_say_it_unless_a_region_is_given(export: Path, command: str) -> None:
    assert HINT in runner.invoke(app, [command, str(export)]).stderr
    assert HINT not in runner.invoke(app, [command, str(export), "--region", "DE"]).stderr


def test_the_hint_is_said_in_japanese(export: Path) -> None:
    result = runner.invoke(app, ["scan", str(export), "--lang", "ja"])
    assert "国番号のない電話番号は JP の番号として読み取ります。ロケールは DE" in result.stderr


@pytest.mark.parametrize("command", ["contacts", "minimize", "split"])
def test_quiet_silences_the_hint_and_other_warnings_but_not_show_pii(
    export: Path, tmp_path: Path, command: str
) -> None:
    # UX review: only scan and baseline create had --quiet; every LANG=de_DE run of these
    # repeated the hint with no way to silence it.
    target = {
        "contacts": [],
        "minimize": ["-o", str(tmp_path / "out.vcf")],
        "split": ["--out-dir", str(tmp_path / "handover")],
    }[command]
    loud = runner.invoke(app, [command, str(export), *target])
    assert HINT in loud.stderr
    quiet = runner.invoke(app, [command, str(export), *target, "--quiet", "--force"])
    assert quiet.exit_code == 0, quiet.output
    assert "warning" not in quiet.stderr
    if command == "contacts":  # the safety warning stays
        shown = runner.invoke(app, [command, str(export), "-q", "--show-pii"])
        assert "--show-pii: the output contains unmasked personal data" in shown.stderr
