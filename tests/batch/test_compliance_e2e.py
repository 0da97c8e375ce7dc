"""``--audience compliance`` on a batch run leaks nothing private, from every reporter.

Issue 6: private contacts are only counted, never listed or described, not even
masked. Each report is searched for every trace of every private and unknown
contact: the raw values, their normalised forms and their masked forms. The same
search on the owner's (``self``) report must find the masked forms, which proves
the search would catch a leak.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.masking import mask_email, mask_name, mask_phone
from piiaudit.reporters import REPORTERS

runner = CliRunner()
_SPACE_OR_BORDER = re.compile(r"[\s│┃|─━┄]+")


def _report(batch: Any, out: Path, fmt: str, *extra: str) -> str:
    result = runner.invoke(
        app, ["scan", str(batch.root), "-f", fmt, "-o", str(out), "-j", "1", "--quiet", *extra]
    )
    assert not isinstance(result.exception, Exception), repr(result.exception)
    assert result.exit_code == 3  # the corrupt file
    return _readable(out.read_text(encoding="utf-8-sig"), fmt)


def _readable(text: str, fmt: str) -> str:
    """The report as a person would read it: JSON unescaped, HTML entities decoded."""
    if fmt in ("json", "sarif"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    if fmt == "html":
        text = html.unescape(text)
    return text


def _traces(hidden: Any) -> list[str]:
    """Every form in which a hidden contact could show up in a report."""
    digits = re.sub(r"\D", "", hidden.phone)
    local = hidden.email.split("@")[0]
    return [
        hidden.name,
        hidden.family,
        hidden.given,
        mask_name(hidden.name),
        f"{hidden.given} {hidden.family}",
        hidden.phone,
        digits,
        "+81" + digits[1:],
        mask_phone(hidden.phone),
        hidden.email,
        local,
        mask_email(hidden.email),
        hidden.note,
        *([hidden.street] if hidden.street else []),
        *([hidden.birthday] if hidden.birthday else []),
    ]


def _leaks(report: str, batch: Any) -> list[str]:
    squeezed = _SPACE_OR_BORDER.sub("", report)
    found = []
    for hidden in batch.hidden:
        for trace in _traces(hidden):
            if trace in report or _SPACE_OR_BORDER.sub("", trace) in squeezed:
                found.append(trace)
    return found


@pytest.mark.parametrize("show_pii", [False, True], ids=["masked", "show-pii"])
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_compliance_report_holds_no_trace_of_private_contacts(
    batch: Any, tmp_path: Path, fmt: str, show_pii: bool
) -> None:
    extra = ["--audience", "compliance", *(["--show-pii"] if show_pii else [])]
    report = _report(batch, tmp_path / f"report.{fmt}", fmt, *extra)
    assert _leaks(report, batch) == []
    # business contacts are still there (masked unless --show-pii), so the report is not empty
    shown = (lambda n: n) if show_pii else mask_name
    assert sum(shown(name) in report for name in batch.business_names) >= 5


@pytest.mark.parametrize("fmt", ["json", "csv", "html"])
def test_the_leak_search_finds_private_contacts_in_the_owners_report(
    batch: Any, tmp_path: Path, fmt: str
) -> None:
    report = _report(batch, tmp_path / f"self.{fmt}", fmt, "--audience", "self")
    masked_names = {mask_name(h.name) for h in batch.hidden}
    assert masked_names & set(_leaks(report, batch))


def test_compliance_counts_what_it_does_not_list(batch: Any, tmp_path: Path) -> None:
    report = json.loads(
        _report(batch, tmp_path / "r.json", "json", "--audience", "compliance", "--group-by", "dir")
    )
    summary = report["summary"]
    assert summary["unlisted_contacts"] == len(batch.hidden)
    assert summary["listed_contacts"] == len(batch.business_names)
    assert {c["classification"] for c in report["contacts"]} == {"business"}
    assert summary["by_classification"]["private"] + summary["by_classification"]["unknown"] == len(
        batch.hidden
    )
