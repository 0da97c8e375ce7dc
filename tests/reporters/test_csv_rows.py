"""A contact's CSV rows are what the plain row-by-row writing gave.

The CSV reporter neutralises a contact's own cells once for all its finding
rows and writes the rows in one call; ``plain_rows`` below is the code that
replaced, neutralising every cell of every row, kept as the reference. Compared
for made-up contacts (cells that look like formulas included), both layouts,
both languages.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piiaudit.model import ContactResult, FileResult, Severity
from piiaudit.reporters import ReportOptions
from piiaudit.reporters.csv_report import FORMULA_STARTS, contact_fragment
from piiaudit.reporters.i18n import messages
from piiaudit.reporters.textsafe import visible, visible_controls
from piiaudit.reporters.view import ContactView, contact_view
from reporters.strategies import contact_results, file_results, texts


def plain_rows(contact: ContactView, options: ReportOptions) -> str:
    t = messages(options.lang)
    cells = [
        visible(contact.file),
        visible(contact.group),
        str(contact.index),
        str(contact.line),
        contact.name,
        t.t(f"kind.{contact.classification}"),
        str(contact.risk_score),
        t.t(f"level.{contact.risk_level}"),
    ]
    if options.csv_rows == "contacts":
        categories = dict.fromkeys(t.t(f"category.{f.category}") for f in contact.findings)
        worst = max((Severity.parse(f.severity) for f in contact.findings), default=None)
        rows = [
            [
                *cells,
                str(len(contact.findings)),
                t.t(f"severity.{worst.label}") if worst is not None else "",
                "; ".join(categories),
                "",  # message: a contact's row leaves it empty
            ]
        ]
    else:
        rows = [
            [
                *cells,
                f.rule,
                t.t(f"category.{f.category}"),
                t.t(f"severity.{f.severity}"),
                t.field(f.field),
                f.evidence,
                f.message,
                f.recommendation,
            ]
            for f in contact.findings
        ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        shown = [visible_controls(c) for c in row]
        writer.writerow([f"'{c}" if c.startswith(FORMULA_STARTS) else c for c in shown])
    return buffer.getvalue()


formulas = st.sampled_from(["=1+1", "+81", "-x", "@SUM(A1)", "\tx", "\rx", "＝1", "＠a"])
options = st.builds(
    ReportOptions,
    show_pii=st.booleans(),
    lang=st.sampled_from(["en", "ja"]),
    csv_rows=st.sampled_from(["findings", "contacts"]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_results, contact_results, options, texts | formulas, formulas)
def test_rows_match_the_plain_writing(
    file: FileResult, result: ContactResult, options: ReportOptions, name: str, group: str
) -> None:
    view = contact_view(file, result, 0, options)
    for candidate in (view, replace(view, name=name, group=group)):
        assert contact_fragment(candidate, options) == plain_rows(candidate, options)
