"""Unclassified contacts get no contact-detail findings (docs/rules.md, "Who a rule
applies to"), so a report must not read as all clear while they hold a home address.

Japanese review, A1: an export whose one card was unclassified, its note holding a
home address and its phone a mobile, read "Overall risk: none (0/100)" and "No contact
has a finding." An employee checking before leaving takes that as done.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app

runner = CliRunner()

# Fictional. Nothing says whose contact this is: no organisation, title, group or note
# naming a relation.
CSV = "姓,名,携帯電話,メモ\n架空,一郎,090-0000-4444,自宅は見本市見本町9-9-9\n"


def _scan(tmp_path: Path, *args: str) -> str:
    export = tmp_path / "export.csv"
    export.write_text(CSV, encoding="utf-8")
    result = runner.invoke(app, ["scan", str(export), *args], env={"LANG": "C.UTF-8"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("lang", "says", "instead_of"),
    [
        ("en", "1 contact is unclassified: its mobile", "No contact has a finding."),
        ("ja", "未分類の連絡先: 1 件。", "検出のある連絡先はありません。"),
    ],
)
def test_the_terminal_report_says_what_it_left_unchecked(
    tmp_path: Path, lang: str, says: str, instead_of: str
) -> None:
    out = _scan(tmp_path, "--lang", lang)
    flat = " ".join(out.split())
    assert says in flat
    assert instead_of not in flat
    # said beside the overall risk, before the summary
    assert flat.index(says) < flat.index("==")


def test_the_html_report_says_it_too(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    _scan(tmp_path, "-f", "html", "-o", str(page))
    assert "1 contact is unclassified" in page.read_text(encoding="utf-8")


def test_a_report_without_unclassified_contacts_says_nothing_of_them(tmp_path: Path) -> None:
    export = tmp_path / "export.vcf"
    export.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:母\r\nTEL;TYPE=CELL:090-0000-4444\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scan", str(export)], env={"LANG": "C.UTF-8"})
    assert "unclassified" not in result.stdout
    assert "No contact has a finding." in " ".join(result.stdout.split())
