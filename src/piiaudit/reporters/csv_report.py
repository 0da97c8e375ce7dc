"""The CSV report, for people who live in Excel.

One row per finding (``csv_rows="findings"``) or one per contact (``"contacts"``).
UTF-8 with a byte-order mark, so Excel opens Japanese text correctly, and CRLF
line ends as RFC 4180 asks. Every cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (or a full-width ``＝＋－＠``) gets a leading
``'`` so a spreadsheet shows it as text instead of running it as a formula (CSV
injection). Headers and labels
follow the report language; the checklist is not part of the CSV, because extra
rows would break the table (it is in every other format).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

from piiaudit.model import AuditResult, Severity
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.view import ReportView, build

BOM = "\ufeff"
# The full-width forms too: Japanese input methods type them, and a spreadsheet
# may normalise them into the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

FINDING_COLUMNS = (
    "file", "group", "index", "line", "name", "kind", "contact_score", "contact_level",
    "rule", "category", "severity", "field", "evidence", "message", "recommendation",
)  # fmt: skip
CONTACT_COLUMNS = (
    "file", "group", "index", "line", "name", "kind", "contact_score", "contact_level",
    "findings", "worst", "categories",
)  # fmt: skip


def neutralise(cell: str) -> str:
    """``=1+1`` -> ``'=1+1``: a cell a spreadsheet would evaluate becomes plain text."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def render(result: AuditResult, out: TextIO, options: ReportOptions) -> None:
    """Write the CSV report for ``result`` to ``out`` (BOM first)."""
    view = build(result, options)
    rows = _contact_rows(view) if options.csv_rows == "contacts" else _finding_rows(view)
    columns = CONTACT_COLUMNS if options.csv_rows == "contacts" else FINDING_COLUMNS
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([view.text.t(f"csv.{c}") for c in columns])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])


def _finding_rows(view: ReportView) -> Iterator[list[str]]:
    t = view.text
    for contact in view.contacts:
        for finding in contact.findings:
            yield [
                contact.file,
                contact.group,
                str(contact.index),
                str(contact.line),
                contact.name,
                t.t(f"kind.{contact.classification}"),
                str(contact.risk_score),
                t.t(f"level.{contact.risk_level}"),
                finding.rule,
                t.t(f"category.{finding.category}"),
                t.t(f"severity.{finding.severity}"),
                finding.field,
                finding.evidence,
                finding.message,
                finding.recommendation,
            ]


def _contact_rows(view: ReportView) -> Iterator[list[str]]:
    t = view.text
    for contact in view.contacts:
        categories = dict.fromkeys(t.t(f"category.{f.category}") for f in contact.findings)
        worst = max((Severity.parse(f.severity) for f in contact.findings), default=None)
        yield [
            contact.file,
            contact.group,
            str(contact.index),
            str(contact.line),
            contact.name,
            t.t(f"kind.{contact.classification}"),
            str(contact.risk_score),
            t.t(f"level.{contact.risk_level}"),
            str(len(contact.findings)),
            t.t(f"severity.{worst.label}") if worst is not None else "",
            "; ".join(categories),
        ]
