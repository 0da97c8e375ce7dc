"""An address with a formatted text and some components but no street (QA A7): the part
of the formatted text the components do not hold becomes the street, so ``minimize``
never hands over an address without its street, and the checks that decide what is
handed over read that street too. All data fictional."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from piiaudit.engine import Engine
from piiaudit.handover.addresses import street_from_formatted
from piiaudit.handover.minimize_run import plan_minimize, write_minimized
from piiaudit.model import Address
from piiaudit.parsers import ParseOptions, open_input


@pytest.mark.parametrize(
    ("address", "street"),
    [
        (
            Address(
                formatted="大阪府大阪市北区梅田1-1-1 梅田ビル10F",
                locality="大阪市北区",
                region="大阪府",
            ),
            "梅田1-1-1 梅田ビル10F",
        ),
        (
            Address(
                formatted="日本\n〒100-0005 東京都千代田区丸の内2-2-2",
                postal_code="100-0005",
                region="東京都",
                locality="千代田区",
                country="日本",
            ),
            "丸の内2-2-2",
        ),
        (
            Address(
                formatted="1 Main St\nSpringfield, IL 62701\nUSA",
                locality="Springfield",
                region="IL",
                postal_code="62701",
                country="USA",
            ),
            "1 Main St",
        ),
        # A component only in the middle stays: written twice rather than lost.
        (
            Address(formatted="Hafen 1, Hamburg, Block B", locality="Hamburg"),
            "Hafen 1, Hamburg, Block B",
        ),
        # A component is taken off only as a whole word.
        (Address(formatted="Springfield Road 5", locality="Spring"), "Springfield Road 5"),
        (Address(formatted="梅田1-1-1", locality="大阪市北区"), "梅田1-1-1"),
        (Address(formatted="大阪市北区", locality="大阪市北区"), ""),
    ],
)
def test_the_street_is_the_formatted_text_the_components_do_not_hold(
    address: Address, street: str
) -> None:
    assert street_from_formatted(address) == street


GOOGLE = (
    "First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - City,Address 1 - Region\n"
    "達也,岡田,株式会社オカダ,Work,tatsuya@okada.example.co.jp,Work,"
    '"大阪府大阪市北区梅田1-1-1 梅田ビル10F",大阪市北区,大阪府\n'
)


def _minimize(
    engine: Engine, tmp_path: Path, name: str, data: str, *, keep_private: bool = True
) -> Path:
    source = tmp_path / name
    source.write_text(data, encoding="utf-8")
    plan = plan_minimize(
        str(source), engine, ParseOptions(), None, keep_private=keep_private, keep_unknown=True
    )
    out = tmp_path / f"{source.stem}.out.vcf"
    write_minimized(plan, out, force=False)
    return out


def test_google_csv_formatted_address_keeps_its_street(engine: Engine, tmp_path: Path) -> None:
    out = _minimize(engine, tmp_path, "google.csv", GOOGLE)
    card = vobject.readOne(out.read_text(encoding="utf-8"))
    assert card.adr.value.street == "梅田1-1-1 梅田ビル10F"
    assert (card.adr.value.city, card.adr.value.region) == ("大阪市北区", "大阪府")
    with open_input(str(out), ParseOptions()) as parsed:
        (back,) = list(parsed.contacts)
    assert back.addresses[0].street == "梅田1-1-1 梅田ビル10F"


def test_a_street_only_in_the_formatted_text_is_checked_like_a_street_column(
    engine: Engine, tmp_path: Path
) -> None:
    """The same unlabelled flat address, once in a Street column and once only in the
    formatted text: minimize must decide the same for both (before, the engine never saw
    the second street, and the writer dropped it)."""
    head = "First Name,Last Name,Organization Name,E-mail 1 - Value,Address 1 - {},"
    head += "Address 1 - City,Address 1 - Region\n"
    row = '翼,岡田,株式会社オカダ,tsubasa@okada.example.co.jp,"{}",港区,東京都\n'
    flat = "芝公園9-9-9 サンプルマンション 305号室"
    decided = []
    for column, text in (("Street", flat), ("Formatted", f"東京都港区{flat}")):
        data = head.format(column) + row.format(text)
        out = _minimize(engine, tmp_path, f"{column}.csv", data, keep_private=False)
        card = vobject.readOne(out.read_text(encoding="utf-8"))  # minimized, not left out
        decided.append([a.value.street for a in card.contents.get("adr", [])])
    assert decided[0] == decided[1]
