"""The CSV report, for people who live in Excel.

One row per finding (``csv_rows="findings"``) or one per contact (``"contacts"``).
UTF-8 with a byte-order mark, so Excel opens Japanese text correctly, and CRLF
line ends as RFC 4180 asks. Every cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (or a full-width ``＝＋－＠``) gets a leading
``'`` so a spreadsheet shows it as text instead of running it as a formula (CSV
injection); control characters (a lone carriage return, ESC, BEL, bidi overrides)
are written as escapes (``\x1b``), as the other formats write them. Headers and
labels follow the report language, and so does where a finding sits
(``メモ(1)``, "note 1", as the terminal names it; the engine's ``notes[0]`` is in
the JSON report); the checklist is not part of the CSV, because extra rows would
break the table (it is in every other format).

An input that could not be read (``FileInfo.error``: empty, binary, a refused
encoding...) has a row of its own, right below the header, in either layout:
its file and group, ``kind`` "unreadable", ``contact_level`` "not audited
(unreadable)", the reason in ``message`` (the sentence every other format gives,
in the report's language), every other cell empty (no score: "0" would read as
"no risk"). A reader of the CSV alone must not lose an export that was never
audited. The contacts layout ends with that ``message`` column for this reason;
it is empty on a contact's row. A file read but for some parts (a card in another
encoding, a value cut at a size limit: exit 3 too) has such a row as well, its kind
"not read in full", beside its contacts' rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any, TextIO

from piiaudit.gcpause import collector_paused
from piiaudit.model import AuditResult, Severity
from piiaudit.reporters.i18n import Messages, messages
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.parttypes import Assembled, Written, encoder
from piiaudit.reporters.textsafe import visible, visible_controls
from piiaudit.reporters.view import ContactView, ReportView, build
from piiaudit.reporters.viewtypes import FileView

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
    "findings", "worst", "categories", "message",
)  # fmt: skip


def neutralise(cell: str) -> str:
    """``=1+1`` -> ``'=1+1``: a cell a spreadsheet would evaluate becomes plain text."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def render(result: AuditResult | Assembled, out: TextIO, options: ReportOptions) -> None:
    """Write the CSV report for ``result`` to ``out`` (BOM first)."""
    if isinstance(result, Assembled):  # built in parts: see piiaudit.reporters.parts
        render_assembled(result, out, options)
        return
    with collector_paused():  # allocations only: see piiaudit.gcpause
        view = build(result, options)
        writer = _head(view, out, options)
        for contact in view.contacts:
            writer.writerows(_rows(contact, view.text, options))


def _head(view: ReportView, out: TextIO, options: ReportOptions) -> Any:
    """Write the BOM, the header row and the rows of the files that could not be read;
    return the writer for the contacts' rows."""
    columns = CONTACT_COLUMNS if options.csv_rows == "contacts" else FINDING_COLUMNS
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([view.text.t(f"csv.{c}") for c in columns])
    writer.writerows(unread_rows(view.files, view.text, columns))
    return writer


def unread_rows(files: Sequence[FileView], t: Messages, columns: Sequence[str]) -> list[list[str]]:
    """One row per file that could not be read, or not in full, in input order, every
    cell neutralised.

    The reason is :attr:`FileView.error`, already in the report's language (and a
    compliance report's file name already withheld where it names a contact), as
    the JSON, HTML, SARIF and terminal reports give it. The contact's columns stay
    empty, its score too: the file was never audited, which ``kind`` and
    ``contact_level`` say in words a filter or a pivot table shows.
    """
    rows = []
    for file in files:
        if file.error:
            cells = {
                "file": visible(file.path),
                "group": visible(file.group),
                "kind": t.t("files.unreadable"),
                "contact_level": t.t("groups.not_audited"),
                "message": file.error,
            }
        elif file.unread_parts:
            # Read but for some parts (exit 3 too): its contacts have rows of their own,
            # and this one says the audit of the file is incomplete, as the others do.
            count = file.unread_parts
            cells = {
                "file": visible(file.path),
                "group": visible(file.group),
                "kind": t.t("files.incomplete", count=count),
                "message": t.t("unreadable.partial", path=file.path, count=count),
            }
        else:
            continue
        rows.append(_neutralised([cells.get(column, "") for column in columns]))
    return rows


def _rows(contact: ContactView, t: Messages, options: ReportOptions) -> list[list[str]]:
    """The contact's rows, every cell already through :func:`neutralise`."""
    if options.csv_rows == "contacts":
        return [_neutralised(_contact_row(contact, t))]
    return _finding_rows(contact, t)


def _neutralised(cells: list[str]) -> list[str]:
    """:func:`neutralise` of each cell (written out: it runs for every cell of a report),
    its control characters written as escapes: ``cat report.csv`` ran a file name's
    escape sequences (retitled and recoloured the terminal) while every other format
    showed them as ``\x1b`` (compliance QA F6)."""
    out = []
    for cell in cells:
        cell = visible_controls(cell)
        out.append(f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell)
    return out


def contact_fragment(contact: ContactView, options: ReportOptions) -> str:
    """A contact's rows as text (none, in findings mode, for a contact without findings).

    The writer keeps nothing from row to row, so rows written apart and joined
    are the rows :func:`render` writes.
    """
    rows = _rows(contact, messages(options.lang), options)
    if not rows:
        return ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def render_assembled(run: Assembled, out: TextIO, options: ReportOptions) -> None:
    """Write the CSV report of a run built in parts: the same text as :func:`render`."""
    out.write(chunks_assembled(run, options).text())


def chunks_assembled(run: Assembled, options: ReportOptions) -> Written:
    """The CSV report of a run built in parts as UTF-8, in pieces."""
    run.require("csv")
    encode, strict = encoder(run.strict)
    with collector_paused():
        head = io.StringIO()
        _head(run.view, head, options)
        chunks = [encode(head.getvalue())]
        for part in run.listed:
            if part.csv is None:
                raise ValueError("the run was built without the CSV rows of its contacts")
            chunks.append(part.csv)
        return Written(chunks, strict())


def _contact_cells(contact: ContactView, t: Messages) -> list[str]:
    """The columns both CSV layouts start with: which contact, its class and risk."""
    return [
        visible(contact.file),
        visible(contact.group),
        "" if contact.index is None else str(contact.index),
        "" if contact.line is None else str(contact.line),
        contact.name,
        t.t(f"kind.{contact.classification}"),
        str(contact.risk_score),
        t.t(f"level.{contact.risk_level}"),
    ]


def _finding_rows(contact: ContactView, t: Messages) -> list[list[str]]:
    if not contact.findings:
        return []
    # The contact's cells are the same on each of its rows: neutralised once.
    cells = _neutralised(_contact_cells(contact, t))
    return [
        cells
        + _neutralised(
            [
                finding.rule,
                t.t(f"category.{finding.category}"),
                t.t(f"severity.{finding.severity}"),
                t.field(finding.field),
                finding.evidence,
                finding.message,
                finding.recommendation,
            ]
        )
        for finding in contact.findings
    ]


def _contact_row(contact: ContactView, t: Messages) -> list[str]:
    categories = dict.fromkeys(t.t(f"category.{f.category}") for f in contact.findings)
    worst = max((Severity.parse(f.severity) for f in contact.findings), default=None)
    return [
        *_contact_cells(contact, t),
        str(len(contact.findings)),
        t.t(f"severity.{worst.label}") if worst is not None else "",
        "; ".join(categories),
        "",  # message: said only on the row of a file that could not be read
    ]
