"""The HTML page lists at most ``html.MAX_CONTACTS`` contacts, riskiest first, and says so.

A compliance run over 200 employees listed ~100,000 business contacts in an 87 MB page
that no browser opened in reasonable time. The page keeps its summary, employee table
and categories whole, lists the riskiest contacts and names where every contact is
(the JSON and CSV reports). All data fictional.
"""

from __future__ import annotations

import html as html_text
import json
import re

import pytest

from piiaudit.reporters import ReportOptions, html
from piiaudit.reporters.parts import PartPlan, digest
from reporters.helpers import render
from reporters.test_parts import in_parts, many_case, whole

_ROW = re.compile(r'<tbody class="contact"[^>]*data-score="(\d+)"')


@pytest.mark.parametrize("audience", ["self", "compliance"])
def test_a_page_with_more_contacts_lists_the_riskiest_and_says_so(
    monkeypatch: pytest.MonkeyPatch, audience: str
) -> None:
    result = many_case(3)
    listed = json.loads(render("json", result, audience=audience))["contacts"]
    monkeypatch.setattr(html, "MAX_CONTACTS", 10)  # many_case lists 75 (self), ~25 (compliance)
    page = whole(result, ("html",), audience=audience)["html"]
    scores = [int(s) for s in _ROW.findall(page)]
    assert len(scores) == 10 < len(listed)
    assert scores == sorted((c["risk_score"] for c in listed), reverse=True)[:10]
    note = f"The {len(listed)} listed contacts are too many for one page: the 10 riskiest"
    assert note in html_text.unescape(page)
    # Built in parts (what scan runs), the page is the same, byte for byte.
    assert in_parts(result, ("html",), audience=audience)["html"] == page


def test_a_page_within_the_limit_lists_every_contact_without_a_note() -> None:
    result = many_case(3)
    page = whole(result, ("html",))["html"]
    assert len(_ROW.findall(page)) == 75 <= html.MAX_CONTACTS
    assert "too many for one page" not in page


def test_a_files_part_renders_rows_only_for_contacts_that_may_be_on_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each file renders the rows of its own riskiest contacts only: a run of 100,000
    contacts rendered every one's rows in its workers for a page of 5,000."""
    monkeypatch.setattr(html, "MAX_CONTACTS", 10)
    file = many_case(5).files[0]
    part = digest(PartPlan(ReportOptions(), ("html",)), file)
    rendered = [p.risk_score for p in part.listed if p.html is not None]
    assert len(rendered) == 10 < len(part.listed)
    assert (
        sorted(rendered, reverse=True)
        == sorted((p.risk_score for p in part.listed), reverse=True)[:10]
    )
