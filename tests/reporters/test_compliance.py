"""Issue 6, item 4: a compliance report counts private contacts but never points at one.

Private and unknown contacts (an unknown one may be a friend's) must not appear in
any form: raw values, masked values, last four digits of their numbers, their
``file:line``, their rule hits. Business contacts are still listed, masked.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.model import ContactClass
from reporters.factory import sample_case
from reporters.helpers import FORMATS, masked_forms, readable, render


@pytest.mark.parametrize("show_pii", [False, True])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_trace_of_private_contacts(fmt: str, lang: str, show_pii: bool) -> None:
    case = sample_case()
    output = render(
        fmt, case.result, audience="compliance", lang=lang, show_pii=show_pii, explain=True
    )
    text = readable(fmt, output)
    hidden = case.private_people()
    assert hidden, "the sample must hold private and unknown contacts"
    for person in hidden:
        forms = person.secrets + masked_forms(person)
        assert [f for f in forms if f in text] == [], person.result.contact.source


@pytest.mark.parametrize("fmt", FORMATS)
def test_business_contacts_still_listed(fmt: str) -> None:
    text = readable(fmt, render(fmt, sample_case().result, audience="compliance"))
    assert "山* 太*" in text
    assert "***-****-5678" in text


def test_counts_include_private_contacts_but_list_none() -> None:
    case = sample_case()
    report = json.loads(render("json", case.result, audience="compliance"))
    by_class = report["summary"]["by_classification"]
    assert by_class == {"business": 5, "private": 2, "unknown": 1}
    assert report["summary"]["unlisted_contacts"] == 3
    assert {c["classification"] for c in report["contacts"]} == {"business"}
    assert len(report["contacts"]) == 5


def test_parse_issue_inside_a_private_card_is_withheld() -> None:
    report = json.loads(render("json", sample_case().result, audience="compliance"))
    alice = report["files"][0]
    # The listed card's issue is shown, without its line (see the test below).
    assert [i["message"] for i in alice["parse_issues"]] == ["line folded with a tab; unfolded"]
    assert [i["line"] for i in alice["parse_issues"]] == [0]
    assert alice["withheld_parse_issues"] == 1
    owner = json.loads(render("json", sample_case().result))["files"][0]
    assert [i["line"] for i in owner["parse_issues"]] == [3, 33]


def test_no_position_of_a_listed_contact() -> None:
    """Exports are often sorted by name: with listed contacts at lines 40 and 90, the
    company would learn that hidden cards sit between them, how long they are, and
    so how their names begin. Compliance reports give no index or line."""
    case = sample_case()
    report = json.loads(render("json", case.result, audience="compliance"))
    assert report["contacts"]
    assert {(c["index"], c["line"]) for c in report["contacts"]} == {(None, None)}
    owner = json.loads(render("json", case.result))
    assert all(c["line"] >= 1 for c in owner["contacts"])
    lines = {f"{p.result.contact.source.path}:{p.result.contact.source.line}" for p in case.people}
    for fmt in ("terminal", "html"):
        text = readable(fmt, render(fmt, case.result, audience="compliance"))
        assert [where for where in lines if where in text] == []
        shown = readable(fmt, render(fmt, case.result))
        assert [where for where in lines if where in shown]
    output = render("csv", case.result, audience="compliance").removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(output, newline="")))
    assert rows
    assert {(r["contact index"], r["line"]) for r in rows} == {("", "")}
    sarif = json.loads(render("sarif", case.result, audience="compliance"))
    for result in sarif["runs"][0]["results"]:
        assert "region" not in result["locations"][0]["physicalLocation"]
        assert result["properties"]["contact_index"] is None


def test_sarif_has_no_result_for_a_private_contact() -> None:
    case = sample_case()
    sarif = json.loads(render("sarif", case.result, audience="compliance"))
    listed = {p.result.contact.source.path for p in case.people if p.label is ContactClass.BUSINESS}
    located = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert located <= listed
    business_findings = sum(
        len(p.result.findings) for p in case.people if p.label is ContactClass.BUSINESS
    )
    assert len(sarif["runs"][0]["results"]) == business_findings


def test_overall_risk_reflects_listed_contacts_only() -> None:
    """A private contact's My Number must not make the company's report critical by itself."""
    case = sample_case()
    for person in case.people:
        if person.result.contact.names.formatted == "Jane Smithson":
            case.result.files[1].contacts.remove(person.result)
    report = json.loads(render("json", case.result, audience="compliance"))
    assert report["summary"]["risk_level"] == "high"
    assert report["summary"]["risk_score"] == 82
    self_report = json.loads(render("json", case.result))
    assert self_report["summary"]["risk_level"] == "critical"


# --------------------------------------------------------------------------- exit code
# ``--fail-on`` follows what the report shows. A compliance run's exit code used to
# follow every contact, so a clean-looking report exited 1 and told the CI log that
# some employee's private contact (their mother, with a health note) held
# special-care data.

_MOTHER = """BEGIN:VCARD
VERSION:3.0
FN:母
TEL;TYPE=CELL:090-0000-1818
NOTE:持病 糖尿病 薬は毎朝
END:VCARD
"""
_CUSTOMER = """BEGIN:VCARD
VERSION:3.0
FN:山田 太郎
ORG:株式会社サンプル商事
EMAIL;TYPE=WORK:taro.yamada@example.com
NOTE:{note}
END:VCARD
"""


def _exit_code(tmp_path: Path, cards: str, audience: str) -> int:
    export = tmp_path / f"phone-{audience}.vcf"
    export.write_text(cards, encoding="utf-8")
    args = ["scan", str(export), "--audience", audience, "--fail-on", "critical", "--quiet"]
    return CliRunner().invoke(app, args).exit_code


def test_a_private_contacts_findings_do_not_fail_a_compliance_run(tmp_path: Path) -> None:
    cards = _MOTHER + _CUSTOMER.format(note="来週訪問")
    assert _exit_code(tmp_path, cards, "self") == 1  # the owner sees the health note
    assert _exit_code(tmp_path, cards, "compliance") == 0  # the company sees nothing of it


def test_a_listed_contacts_findings_still_fail_a_compliance_run(tmp_path: Path) -> None:
    cards = _MOTHER + _CUSTOMER.format(note="うつ病で休職中")
    assert _exit_code(tmp_path, cards, "compliance") == 1
