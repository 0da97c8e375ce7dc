"""What every command pays before it starts: the modules only some commands need
stay unloaded until then (each costs 30-40 ms of a start, measured with
``python -X importtime``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# The HTML report's templates, the vCard writer of ``minimize``, check-digit
# validators, and the JSON Schema checker of ``rules validate``.
ON_DEMAND = ("jinja2", "vobject", "stdnum", "jsonschema")


def _loaded_after(code: str, cwd: Path) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=cwd
    )
    return {name.split(".")[0] for name in out.stdout.split()}


def _command(args: list[str]) -> str:
    """Probe code running ``piiaudit ARGS`` and failing unless it exits 0 or 1 (findings)."""
    return (
        "import contextlib, io\n"
        "from piiaudit.cli import app\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        f"        app({args!r})\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, 1), done.code\n"
    )


def test_starting_the_cli_loads_none_of_them(tmp_path: Path) -> None:
    assert _loaded_after("import piiaudit.cli", tmp_path).isdisjoint(ON_DEMAND)


def test_a_terminal_scan_loads_none_of_them(examples_dir: Path, tmp_path: Path) -> None:
    """Scanning the iPhone example and printing the report. (It holds a 12-digit
    number, whose My Number check digit stdnum checks: that one is loaded.)"""
    code = _command(["scan", str(examples_dir / "iphone-export.vcf")])
    loaded = _loaded_after(code, tmp_path)
    assert loaded.isdisjoint({"jinja2", "vobject", "jsonschema"})
    assert "stdnum" in loaded


def test_an_html_report_loads_jinja2(examples_dir: Path, tmp_path: Path) -> None:
    """The probe sees what a command loads: here the module it must load."""
    out = tmp_path / "r.html"
    code = _command(["scan", str(examples_dir / "iphone-export.vcf"), "-f", "html", "-o", str(out)])
    assert "jinja2" in _loaded_after(code, tmp_path)
    assert out.stat().st_size > 0
