"""Issue 5, item 1: no reporter shows a personal value unless ``show_pii`` is set.

Every reporter renders the fictional sample; its output, decoded the way a reader
would read it, is searched for every name, number, address, email and note of the
input. The same search on a ``show_pii`` report must find them, which proves the
search itself can fail.
"""

from __future__ import annotations

import pytest

from reporters.factory import sample_case
from reporters.helpers import FORMATS, readable, render

LANGS = ("en", "ja")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_masked_report_shows_no_personal_value(fmt: str, lang: str) -> None:
    case = sample_case()
    text = readable(fmt, render(fmt, case.result, lang=lang, explain=True))
    leaks = [s for p in case.people for s in p.secrets if s in text]
    assert leaks == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_csv_contact_rows_are_masked_too(fmt: str) -> None:
    case = sample_case()
    text = readable(fmt, render(fmt, case.result, csv_rows="contacts"))
    assert [s for p in case.people for s in p.secrets if s in text] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_pii_reveals_the_values(fmt: str) -> None:
    """The negative control: the values the search looks for really are reachable."""
    case = sample_case()
    text = readable(fmt, render(fmt, case.result, show_pii=True))
    for value in ("山田 太郎", "090-1234-5678", "taro.yamada@docomo.ne.jp", "Jane Smithson"):
        assert value in text, value


@pytest.mark.parametrize("fmt", FORMATS)
def test_masked_report_keeps_only_what_masking_allows(fmt: str) -> None:
    """The last four digits and the email domain survive; that is the documented promise."""
    case = sample_case()
    text = readable(fmt, render(fmt, case.result))
    assert "***-****-5678" in text
    assert "t***@docomo.ne.jp" in text
