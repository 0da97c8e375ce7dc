"""File names with control characters, a line break or a bidi override, in what the
hand-over commands print (QA hostile F13).

``split``, ``minimize`` and ``verify`` deleted such characters from a file's name, as
from a contact's text: ``ansi<ESC>[2J<ESC>]0;PWN<BEL>.vcf`` was shown as ``ansi[2J]0;PWN.vcf``,
``rtl<U+202E>gpj.vcf`` as ``rtlgpj.vcf``, ``new<LF>line.vcf`` as ``new line.vcf``:
safe for the terminal, but the name of another file, which may exist. They now show a
name as ``scan`` does, each such character as a visible escape. All data fictional."""

from __future__ import annotations

from pathlib import Path

import pytest
from handover_setup import run_piiaudit

HOSTILE = {
    "ansi": ("ansi\x1b[2J\x1b]0;PWN\x07.vcf", "ansi\\x1b[2J\\x1b]0;PWN\\x07.vcf"),
    "bidi": ("rtl\u202egpj.vcf", "rtl\\u202egpj.vcf"),
    "newline": ("new\nline.vcf", "new\\x0aline.vcf"),
    "all": ("a\x1bb\x07c\nd\u202ee.vcf", "a\\x1bb\\x07c\\x0ad\\u202ee.vcf"),
}
# A customer with a personal mobile and a birthday (scan lists the card, by file and
# line) and a friend: one card for each side of the hand-over.
CUSTOMER = """BEGIN:VCARD
VERSION:3.0
N:高橋;誠;;;
FN:高橋 誠
ORG:株式会社サンプル物産
TITLE:部長
TEL;TYPE=WORK:03-5550-2001
TEL;TYPE=CELL:090-0000-3303
EMAIL;TYPE=WORK:makoto.takahashi@example.co.jp
BDAY:1975-03-04
END:VCARD
"""
FRIEND = """BEGIN:VCARD
VERSION:3.0
N:小林;真紀;;;
FN:小林 真紀
TEL;TYPE=CELL:090-0000-7702
EMAIL;TYPE=HOME:maki.k@example.net
CATEGORIES:友人
END:VCARD
"""
# What a terminal would act on, or show as something else, if it reached the output.
RAW = ("\x1b", "\x07", "\u202e")


def _export(tmp_path: Path, name: str, text: str = CUSTOMER + FRIEND) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _as_scan_shows(path: Path) -> str:
    """How ``scan``'s terminal report names ``path``: the form every command should use
    (the report wraps a long path over lines: compared without the white space)."""
    result = run_piiaudit("scan", str(path))
    shown = str(path.parent) + "/" + next(e for n, e in HOSTILE.values() if n == path.name)
    assert f"{shown}:1" in "".join(result.output.split()), result.output
    return shown


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_split_names_the_input_as_scan_does(tmp_path: Path, kind: str) -> None:
    export = _export(tmp_path, HOSTILE[kind][0])
    shown = _as_scan_shows(export)
    for args in (["--dry-run"], []):
        result = run_piiaudit("split", str(export), "--out-dir", str(tmp_path / "out"), *args)
        assert result.exit_code == 0, result.output
        assert f"2 contacts read from {shown}: 1 business, 1 private, 0 to review." in (
            result.output
        )
        assert not any(char in result.output for char in RAW)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_minimize_names_input_and_output_as_scan_does(tmp_path: Path, kind: str) -> None:
    name, escaped = HOSTILE[kind]
    export = _export(tmp_path, name)
    shown = _as_scan_shows(export)
    out = tmp_path / f"company-{name}"
    result = run_piiaudit("minimize", str(export), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"{shown} -> {tmp_path}/company-{escaped}: " in result.output
    assert not any(char in result.output for char in RAW)
    assert out.exists()  # the file written is the one named, under its real name


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_verify_names_the_new_export_as_scan_does(tmp_path: Path, kind: str) -> None:
    name, escaped = HOSTILE[kind]
    export = _export(tmp_path, "export.vcf")
    handover = tmp_path / "handover"
    assert run_piiaudit("split", str(export), "--out-dir", str(handover)).exit_code == 0
    (tmp_path / "new").mkdir()
    # The friend's number changed; the customer was not deleted.
    new = _export(tmp_path / "new", name, CUSTOMER + FRIEND.replace("7702", "7703"))
    shown = _as_scan_shows(new)
    result = run_piiaudit("verify", str(new), "--handover", str(handover))
    assert result.exit_code == 1, result.output  # the customer is still on the phone
    assert f"{shown}:1  " in result.output  # the card to delete, by file and line
    assert not any(char in result.output for char in RAW)
    assert escaped in result.output
