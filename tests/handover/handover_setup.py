"""Setup and read-back steps shared by the hand-over tests: writing a fictional export or
override file, running ``split``/``minimize`` through typer's runner, and reading back
what they wrote. Kept in one place so every module sets up and checks a hand-over the
same way, and a change to the CLI or the file layout is made once."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import typer
import vobject
from cli_app import app as handover_app
from typer.testing import CliRunner, Result

from piiaudit.cli import app as piiaudit_app

SAMPLE_EXPORT = Path(__file__).parent / "data" / "handover-sample.vcf"
# A fictional customer's card that every classification reads as business (company,
# title, work phone and mail): the business side of the hand-over tests' exports.
CUSTOMER = """BEGIN:VCARD
VERSION:3.0
N:高橋;誠;;;
FN:高橋 誠
ORG:株式会社サンプル物産
TITLE:部長
TEL;TYPE=WORK:03-5550-2001
EMAIL;TYPE=WORK:makoto.takahashi@example.co.jp
END:VCARD
"""


def run_handover(*args: str, input: str | None = None) -> Result:
    """Run ``split`` or ``minimize`` on the app of :mod:`cli_app`, which carries only the
    two hand-over commands, so their help text, options and exit codes are tested alone."""
    return _invoke(handover_app, args, input)


def run_piiaudit(*args: str, input: str | None = None) -> Result:
    """Run any command on the real ``piiaudit`` app, for tests that compare the hand-over
    commands with ``scan`` or check that users reach them as registered."""
    return _invoke(piiaudit_app, args, input)


def _invoke(app: typer.Typer, args: tuple[str, ...], input: str | None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def write_export(folder: Path, content: str, name: str = "export.vcf") -> Path:
    """Write a fictional export as UTF-8 and return its path: most tests build their
    input from card texts in the test module, so the data stays next to its assertions."""
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def copy_sample_export(folder: Path) -> Path:
    """Copy the fictional sample export (data/handover-sample.vcf) into ``folder`` as
    ``export.vcf``, so a test may write beside it and the checked-in file is never touched."""
    path = folder / "export.vcf"
    shutil.copyfile(SAMPLE_EXPORT, path)
    return path


def write_overrides(folder: Path, text: str, name: str = "overrides.yaml") -> Path:
    """Write an override file (the YAML the user edits to correct a class) and return its
    path, for tests that pin classes or check how override files are read."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def card_names(path: Path) -> list[str]:
    """The FN of every card in ``path`` as vobject reads it: an independent reader, so a
    test sees what an importer would, not what piiaudit's own parser makes of its output."""
    return [c.fn.value for c in vobject.readComponents(path.read_text(encoding="utf-8"))]


def read_manifest(folder: Path) -> dict[str, Any]:
    """The ``manifest.json`` that ``split`` wrote into ``folder``, parsed."""
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return manifest


def sha256_hex(path: Path) -> str:
    """The SHA-256 of ``path`` as the manifest and override files record it, to check that
    a record names exactly this file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
