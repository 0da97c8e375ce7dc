"""Birthdays and anniversaries are written as importers read them (ISO 8601) when the
export's form names one day for certain (QA, hand-over): Outlook CSV's ``1991/2/3`` or a
card app's ``昭和60年4月1日`` went into ``BDAY`` as written, and Google Contacts and iOS
dropped the birthday from the employee's own copy. All data fictional."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from handover_fakes import FakeEngine

from piiaudit.handover.minimize_run import plan_minimize, write_minimized
from piiaudit.handover.written_dates import written_date
from piiaudit.model import ContactClass
from piiaudit.parsers import ParseOptions


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("1991/2/3", "1991-02-03"),
        ("1991-2-3", "1991-02-03"),
        ("1991.02.03", "1991-02-03"),
        ("1991年2月3日", "1991-02-03"),
        ("１９９１年２月３日", "1991-02-03"),  # full-width, as a Japanese IME types it
        ("19910203", "1991-02-03"),
        ("昭和60年4月1日", "1985-04-01"),
        ("S60.4.1", "1985-04-01"),
        ("s60/4/1", "1985-04-01"),
        ("H2/5/3", "1990-05-03"),
        ("平成元年5月3日", "1989-05-03"),
        ("令和3年1月2日", "2021-01-02"),
        ("大正15年12月1日", "1926-12-01"),
    ],
)
def test_a_date_that_names_one_day_is_written_in_iso_8601(written: str, iso: str) -> None:
    assert written_date(written) == iso


@pytest.mark.parametrize(
    "written",
    [
        "1985-04-01",  # ISO already
        "--0401",  # no year (vCard 4.0)
        "1604-04-01",  # Apple's year-less birthday: its reader knows the sentinel
        "2/3/1991",  # February or March, by the exporter's locale
        "1991/2/30",  # no such day
        "昭和65年1月1日",  # 昭和 ended in its 64th year
        "X60.4.1",  # no such era
        "4月1日",  # no year
        "",
    ],
)
def test_anything_else_is_written_as_it_came(written: str) -> None:
    assert written_date(written) == written


def test_keep_private_writes_an_outlook_csv_birthday_in_iso(tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text(
        "姓,名,携帯電話,誕生日\r\n架空,花子,090-0000-1201,1991/2/3\r\n"
        "架空,太郎,090-0000-1202,S60.4.1\r\n",
        encoding="cp932",
    )
    engine = FakeEngine({0: ContactClass.PRIVATE, 1: ContactClass.PRIVATE})
    plan = plan_minimize(
        str(source), engine, ParseOptions(), None, keep_private=True, keep_unknown=False
    )
    out = tmp_path / "kept.vcf"
    write_minimized(plan, out, force=False)
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert [card.bday.value for card in cards] == ["1991-02-03", "1985-04-01"]
