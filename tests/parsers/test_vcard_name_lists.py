"""N components holding several values (vCard 3.0 and 4.0 lists), read as one name each.

``N:Doe;John,Paul;Q.,R.;Dr.;Jr.`` holds two given names and two middle initials. Read
as the text ``John,Paul``, the hand-over wrote ``N:Doe;John\\,Paul;...``: one given name
with a comma in it. All data fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.model import Names
from piiaudit.parsers import ParseOptions, open_input


def _names(tmp_path: Path, version: str, n: str) -> Names:
    path = tmp_path / "card.vcf"
    card = f"BEGIN:VCARD\r\nVERSION:{version}\r\nN:{n}\r\nTEL:+81-3-1234-5678\r\nEND:VCARD\r\n"
    path.write_bytes(card.encode("utf-8"))
    with open_input(str(path), ParseOptions()) as parsed:
        (contact,) = list(parsed.contacts)
    return contact.names


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_list_values_are_one_name_each(tmp_path: Path, version: str) -> None:
    names = _names(tmp_path, version, "Doe;John,Paul;Q.,R.;Dr.,Prof.;Jr.")
    assert (names.family, names.given, names.middle) == ("Doe", "John Paul", "Q. R.")
    assert (names.prefix, names.suffix) == ("Dr. Prof.", "Jr.")
    assert names.display() == "John Paul Q. R. Doe"


def test_an_escaped_comma_is_part_of_the_name(tmp_path: Path) -> None:
    assert _names(tmp_path, "3.0", "Example\\, Inc.;;;;").family == "Example, Inc."


def test_vcard_21_has_no_lists(tmp_path: Path) -> None:
    assert _names(tmp_path, "2.1", "Doe;John,Paul;;;").given == "John,Paul"


def test_the_company_copy_keeps_both_given_names(tmp_path: Path) -> None:
    source = tmp_path / "in.vcf"
    source.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John,Paul;;;\r\nFN:John Paul Doe\r\n"
        b"ORG:Example Corp\r\nTEL;TYPE=WORK:+81-3-1234-5678\r\nEND:VCARD\r\n"
    )
    out = tmp_path / "company.vcf"
    result = CliRunner().invoke(app, ["minimize", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "N:Doe;John Paul;;;" in written
    assert "\\," not in written
