"""The terminal report: what a salesperson reads in ten seconds.

Overall level first, then counts, then the riskiest contacts (masked), findings by
category, problems reading the files, and the checklist. It prints to a
``rich.console.Console`` built for the stream it is given: colour only on a
terminal and never with ``NO_COLOR`` or ``color=False``; boxes only on a
terminal, so a redirected report is plain text. Contact data is printed as
``rich.text.Text`` (never as markup) after :func:`~piiaudit.reporters.textsafe.printable`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from piiaudit.clock import shown
from piiaudit.gcpause import collector_paused
from piiaudit.model import AuditResult, ContactClass
from piiaudit.reporters.i18n import Messages
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.parttypes import Assembled
from piiaudit.reporters.textsafe import printable, visible
from piiaudit.reporters.view import (
    ContactView,
    FindingView,
    ReportView,
    accepted_sentence,
    baseline_sentence,
    build,
    grouped,
    region_hint_sentence,
    repeated_sentences,
    unchecked_count,
)
from piiaudit.reporters.weighing import certainty, side_totals, weighed_reasons
from piiaudit.reporters.wrap import Para, Piece, spaced
from piiaudit.shell import shell_word

UNKNOWN = ContactClass.UNKNOWN.value
TOP_CONTACTS = 10
TOP_REVIEW = 20  # unknown contacts named for review; the HTML and JSON reports list all
MARKER_WIDTH = 40  # cells; half an 80-column terminal
LEVEL_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "none": "green",
    "info": "dim",
}


def render(result: AuditResult | Assembled, out: TextIO, options: ReportOptions) -> None:
    """Print the terminal report for ``result`` to ``out``.

    Rendered into a buffer first so trailing padding can be trimmed from each line
    (a redirected report then diffs and greps cleanly).
    """
    if isinstance(result, Assembled):  # built in parts: see piiaudit.reporters.parts
        render_assembled(result, out, options)
        return
    with collector_paused():  # allocations only: see piiaudit.gcpause
        view = build(result, options)
        risky = [c for c in view.contacts if c.findings]
        review = sorted((c for c in view.contacts if c.classification == UNKNOWN), key=_in_input)
        render_view(
            view, out, options, risky[:TOP_CONTACTS], len(risky), review[:TOP_REVIEW], len(review)
        )


def render_assembled(run: Assembled, out: TextIO, options: ReportOptions) -> None:
    """Print the report of a run built in parts (its view carries the contacts)."""
    run.require("terminal")
    with collector_paused():
        view = replace(run.view, options=options)
        render_view(view, out, options, view.contacts, run.risky, run.review, run.review_total)


def render_view(
    view: ReportView,
    out: TextIO,
    options: ReportOptions,
    top: Sequence[ContactView],
    risky: int,
    review: Sequence[ContactView] = (),
    review_total: int = 0,
) -> None:
    """Print ``view``; ``options`` decide colours and width for ``out``.

    ``top`` are the riskiest listed contacts with findings (at most
    :data:`TOP_CONTACTS`) and ``risky`` how many listed contacts have findings:
    the report lists those and counts the rest. ``review`` are the listed
    contacts piiaudit could not classify, in input order (at most
    :data:`TOP_REVIEW`), of ``review_total``: the owner must decide each one
    before a hand-over, so they are named even without findings.
    """
    tty = _isatty(out)
    buffer = io.StringIO()
    console = _console(buffer, options, tty)
    plain = not (tty or options.color)
    for part in _sections(view, plain, top, risky, (review, review_total)):
        console.print(part)
    out.write("\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n")))


def _isatty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def _console(buffer: TextIO, options: ReportOptions, tty: bool) -> Console:
    no_color = options.color is False or bool(os.environ.get("NO_COLOR"))
    return Console(
        file=buffer,
        width=options.width,
        force_terminal=bool(options.color) or tty,
        color_system=None if no_color else ("standard" if options.color else "auto"),
        no_color=no_color,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    )


def _heading(title: str, plain: bool) -> Text:
    if plain:
        return Text(f"\n== {title} ==")
    return Text(f"\n{title}", style="bold underline")


def _level(label: str, t: Messages, key: str = "level") -> Text:
    return Text(t.t(f"{key}.{label}"), style=LEVEL_STYLE.get(label, ""))


def _badge(label: str, t: Messages, key: str = "level", suffix: str = "") -> Piece:
    """A level or severity label (with e.g. its score) as one unbreakable, coloured piece."""
    return f"{t.t(f'{key}.{label}')}{suffix}", LEVEL_STYLE.get(label, "")


def _counts(t: Messages, title: str, group: str, counts: dict[str, int]) -> Para:
    """``title: a 1 · b 2 ...`` (``a 1、b 2`` in Japanese), never splitting a label from
    its count."""
    pieces: list[Piece] = [(f"{title}:", ""), (" ", "")]
    items = list(counts.items())
    mark, space = _separator(t)
    for i, (label, count) in enumerate(items):
        more = i < len(items) - 1
        text = f"{t.t(f'{group}.{label}')} {count}{mark if more else ''}"
        pieces.append((text, LEVEL_STYLE.get(label, "")))
        if more and space:
            pieces.append((space, ""))
    return Para.atoms(pieces)


def _separator(t: Messages) -> tuple[str, str]:
    """The list separator as the mark that ends an item and the space after it:
    (" ·", " ") in English, ("、", "") in Japanese."""
    separator = t.t("list_separator")
    mark = separator.rstrip()
    return mark, separator[len(mark) :]


def _sections(
    view: ReportView,
    plain: bool,
    top: Sequence[ContactView],
    risky: int,
    review: tuple[Sequence[ContactView], int] = ((), 0),
) -> list[RenderableType]:
    t = view.text
    s = view.summary
    overall = Text(t.t("title"), style="bold")
    level = t.t(f"level.{s.risk_level}")
    if view.nothing_read:
        headline = Text(t.t("overall_unread"), style="bold")
    elif not view.assessed:
        headline = Text(t.t("overall_unassessed"), style="bold")
    else:
        # scan --baseline: the risk is that of the new findings only, not of the phone
        overall_key = "overall_baseline" if s.baseline is not None else "overall"
        headline = Text(t.t(overall_key, level=level, score=s.risk_score))
        headline.stylize(LEVEL_STYLE.get(s.risk_level, ""))
    parts: list[RenderableType] = [overall]
    if view.generated:
        parts.append(Text(t.t("audited", time=shown(view.generated)), style="dim"))
    parts.append(headline)
    unchecked = unchecked_count(view)
    if unchecked:
        parts.append(Para(t.t("summary.unchecked", count=unchecked), style="bold"))
    if view.options.show_pii:
        parts.append(Text(t.t("summary.unmasked"), style="bold red"))
    mark, space = _separator(t)
    totals = [(f"{t.t('summary.files')} {s.files}{mark}", ""), (space, "")]
    totals.append((f"{t.t('summary.contacts')} {s.contacts}", ""))
    lines: list[RenderableType] = [
        Para.atoms(totals),
        _counts(t, t.t("summary.by_classification"), "kind", s.by_classification),
        _counts(t, t.t("summary.by_level"), "level", s.by_level),
        _counts(t, t.t("summary.by_severity"), "severity", s.by_severity),
    ]
    if s.baseline is not None:
        lines.append(Para(baseline_sentence(view)))
    if s.accepted:
        lines.append(Para(accepted_sentence(view)))
    lines += [Para(sentence) for sentence in repeated_sentences(view)]
    hint = region_hint_sentence(view)
    if hint:
        lines.append(Para(hint, style="bold"))
    if s.hidden and view.options.audience == "compliance":
        lines.append(Para(t.t("summary.hidden", count=s.hidden), style="dim"))
    if plain:
        parts += [_heading(t.t("summary.heading"), plain), *lines]
    else:
        parts.append(Panel(Group(*lines), title=t.t("summary.heading"), box=box.ROUNDED))
    if grouped(view):
        parts += _groups(view, plain)
    if len(view.files) > 1:
        parts += _files(view, plain)
    parts += _contacts(view, plain, top, risky)
    if review[1]:
        parts += _review(view, plain, *review)
    parts += _categories(view, plain)
    parts += _problems(view, plain)
    parts.append(_heading(t.t("checklist.heading"), plain))
    for key in view.checklist:
        parts.append(_item("[ ]", Para(view.step(key))))
    return parts


def _item(marker: str, body: RenderableType) -> Table:
    """``marker`` then ``body``, the body wrapping under itself (a hanging indent).

    A long marker (a deep file path before a parse issue) folds at
    :data:`MARKER_WIDTH` cells instead of pushing its message off the line.
    """
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(overflow="fold", max_width=MARKER_WIDTH)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(marker, body)
    return grid


#: Cells a problem's message keeps beside its marker; on a narrower terminal the marker
#: gets a line of its own.
_MIN_MESSAGE = 20


class _Marked:
    """A problem's marker (``path line 3:``, ``  line 31:``) with its message beside it,
    the marker never broken: in an :func:`_item` grid, a long message made rich narrow
    the marker column below the marker's width, and ``line`` / ``3:`` (``3`` / ``行目:``)
    fell on two lines, the number read as the start of the message (QA formats F9). The
    marker column is as wide as the marker; a terminal too narrow for it and
    :data:`_MIN_MESSAGE` cells of message puts the marker on a line of its own."""

    def __init__(self, marker: str, body: Para) -> None:
        self.marker = marker
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = cell_len(self.marker)
        if width + 1 + _MIN_MESSAGE <= options.max_width:
            grid = Table.grid(padding=(0, 1, 0, 0))
            grid.add_column(width=width, no_wrap=True)
            grid.add_column(ratio=1, overflow="fold")
            grid.add_row(Text(self.marker, no_wrap=True, overflow="ignore"), self.body)
            yield grid
        else:
            yield Para.atoms([(self.marker, "")])
            yield Padding(self.body, (0, 0, 0, 2))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(cell_len(self.marker), options.max_width), options.max_width)


def _files(view: ReportView, plain: bool) -> list[RenderableType]:
    """One line per file (per employee in a batch run), riskiest level shown first."""
    t = view.text
    parts: list[RenderableType] = [_heading(t.t("files.heading"), plain)]
    for file in view.files:
        if file.error:
            state: Piece = (t.t("files.unreadable"), "red")
        else:
            state = _badge(file.risk_level, t, suffix=f" {file.risk_score}")
        group = f"[{visible(file.group)}]" if file.group and file.group != file.path else ""
        details = ("", "")
        if not file.error:
            dialect = printable(file.dialect or file.format)
            details = (f"{dialect}  {t.t('files.contacts', count=file.contacts)}", "dim")
        incomplete: Piece = ("", "")
        if file.unread_parts and not file.error:
            incomplete = (t.t("files.incomplete", count=file.unread_parts), "red")
        path = (visible(file.path), "bold")
        parts.append(Para.atoms(spaced(state, path, (group, ""), details, incomplete)))
    return parts


def _groups(view: ReportView, plain: bool) -> list[RenderableType]:
    """One line per employee (``--group-by dir``): their files' counts together."""
    t = view.text
    parts: list[RenderableType] = [_heading(t.t("groups.heading"), plain)]
    for group in view.groups:
        if group.audited:
            state = _badge(group.risk_level, t, suffix=f" {group.risk_score}")
        else:  # "none 0" would read as "no risk" for an employee never audited
            state = (t.t("groups.not_audited"), "red")
        counts = [t.t("groups.files", count=group.files)]
        counts.append(t.t("files.contacts", count=group.contacts))
        counts += [f"{t.t(f'kind.{k}')} {n}" for k, n in group.by_classification.items()]
        counts.append(t.t("groups.findings", count=group.findings))
        details = (t.t("list_separator").join(counts), "dim")
        broken: Piece = ("", "")
        if group.unreadable:
            broken = (t.t("groups.unreadable", count=group.unreadable), "red")
        incomplete: Piece = ("", "")
        if group.incomplete:
            incomplete = (t.t("groups.incomplete", count=group.incomplete), "red")
        # A group is a folder or file name: written with its escapes (visible), as the
        # file list writes it; printable dropped them and showed another folder's name.
        name = (visible(group.group), "bold")
        # what the findings are: whom to act on first (QA round 11), one atom each
        found = [(f"{t.t(f'category.{c}')} {n}", "") for c, n in group.by_category.items()]
        parts.append(Para.atoms(spaced(state, name, details, *found, broken, incomplete)))
    return parts


def _contacts(
    view: ReportView, plain: bool, top: Sequence[ContactView], risky: int
) -> list[RenderableType]:
    t = view.text
    parts: list[RenderableType] = [_heading(t.t("contacts.heading"), plain)]
    if not risky:
        # Nothing read: "no contact has a finding" would pass for a clean audit.
        none = "contacts.none_unchecked" if unchecked_count(view) else "contacts.none"
        parts.append(Text(t.t(none if view.assessed else "contacts.unassessed")))
    for number, contact in enumerate(top[:TOP_CONTACTS], start=1):
        parts += _contact(view, number, contact)
    if risky > TOP_CONTACTS:
        parts.append(Text(t.t("contacts.more", count=risky - TOP_CONTACTS), style="dim"))
    return parts


def _review(
    view: ReportView, plain: bool, review: Sequence[ContactView], total: int
) -> list[RenderableType]:
    """The contacts to decide by hand: business or private could not be told."""
    t = view.text
    parts: list[RenderableType] = [_heading(t.t("review.heading"), plain)]
    export = export_name(view)
    parts.append(Para(t.t("review.intro", count=total, export=export), style="dim"))
    for contact in review:
        found = t.t("review.findings", count=len(contact.findings)) if contact.findings else ""
        line = spaced(
            (printable(contact.name) or t.t("contacts.no_name"), "bold"),
            (_where(contact), "dim"),
            (found, ""),
        )
        parts.append(_item("-", Para.atoms(line)))
        if view.options.explain:  # what little tipped it, or that nothing did (QA round 15)
            parts.append(_why(view, contact))
    if total > len(review):
        more = t.t("review.more", count=total - len(review), export=export)
        parts.append(Text(more, style="dim"))
    return parts


# How the rules' advice names the export in a command (the engine's private advice:
# "piiaudit split EXPORT.vcf --out-dir handover --interactive").
_ADVICE_EXPORTS = ("piiaudit split EXPORT.vcf", "piiaudit split エクスポート.vcf")


def export_name(view: ReportView) -> str:
    """The export the report's commands name (``piiaudit split {export} ...``): the run's
    one input file, quoted for a shell where it must be, else a placeholder. The
    placeholder ``エクスポート.vcf`` was given for a run of ``google.csv`` alone (blind JP
    QA); the file's name is in the report already, so naming it leaks nothing. Quoted
    as the hand-over quotes names (:func:`piiaudit.shell.shell_word`)."""
    if len(view.files) != 1 or view.files[0].path == "-":  # split reads no standard input
        return view.text.t("review.export")
    return shell_word(view.files[0].path)


def _advice(view: ReportView, recommendation: str) -> str:
    """A finding's advice as the terminal prints it: a command naming the export's
    placeholder names the run's one input file instead (:func:`export_name`)."""
    if "piiaudit split " not in recommendation or len(view.files) != 1:
        return recommendation
    for placeholder in _ADVICE_EXPORTS:
        recommendation = recommendation.replace(placeholder, f"piiaudit split {export_name(view)}")
    return recommendation


def _why(view: ReportView, contact: ContactView) -> RenderableType:
    """The signals behind a contact's class, for ``--explain``."""
    t = view.text
    conf = certainty(contact.classification, contact.confidence, t.t)
    if contact.signals:  # each reason on a line, with the side it weighed on (weighing.py)
        totals = side_totals(contact.signals, t.t)
        head = t.t("contacts.reasons_weighed", totals=totals, confidence=conf)
        lines: list[RenderableType] = [Para(head, style="dim")]
        for side, weight, reason in weighed_reasons(contact.signals, t.t):
            line = f"{side} +{weight}  {printable(reason)}"
            lines.append(Padding(Para(line, style="dim"), (0, 0, 0, 2)))
        return Padding(Group(*lines), (0, 0, 0, 4))
    # Nothing tipped an unknown contact either way: say so, not "Why:  (confidence 1.00)";
    # and without a confidence, which read as sure of nothing (blind JP QA, round 2).
    why = _sentences(printable(r) for r in contact.reasons)
    if not why:
        return Padding(
            Para(f"{t.t('contacts.reasons')}: {t.t('contacts.no_reasons')}", style="dim"),
            (0, 0, 0, 4),
        )
    line = t.t("contacts.reasons_listed", reasons=why, confidence=conf)
    return Padding(Para(line, style="dim"), (0, 0, 0, 4))


def _where(contact: ContactView) -> str:
    """file:line, or the file alone where the report gives no line (compliance)."""
    where = visible(contact.file)
    return f"{where}:{contact.line}" if contact.line else where


def _in_input(contact: ContactView) -> int:
    return contact.order


def _contact(view: ReportView, number: int, contact: ContactView) -> list[RenderableType]:
    t = view.text
    kind = t.t(f"kind.{contact.classification}")
    title = spaced(
        _badge(contact.risk_level, t, suffix=f" {contact.risk_score}"),
        (printable(contact.name) or t.t("contacts.no_name"), "bold"),
        (t.t("contacts.kind", kind=kind), ""),
        (_where(contact), "dim"),
    )
    parts: list[RenderableType] = [_item(f"{number}.", Para.atoms(title))]
    if view.options.explain:
        parts.append(_why(view, contact))
    shown: set[str] = set()
    previous = ""  # the rule of the finding above
    for finding, evidence in _merged(contact.findings, t.t("list.separator")):
        line = spaced(
            _badge(finding.severity, t, "severity"),
            (t.t(f"category.{finding.category}"), ""),
            (t.field(finding.field), ""),
            (printable(evidence), ""),
        )
        parts.append(Padding(_item("-", Para.atoms(line)), (0, 0, 0, 4)))
        parts.append(Padding(Para(printable(finding.message)), (0, 0, 0, 6)))
        advice = None
        if finding.recommendation not in shown:
            shown.add(finding.recommendation)
            advice = Para(printable(_advice(view, finding.recommendation)), style="green")
        elif finding.rule != previous:
            # Another rule's finding with the advice given above (a private contact's
            # findings all have the same): said so, or it read as a finding without
            # advice. The same rule's findings in a row read as one group.
            advice = Para(t.t("contacts.same_advice"), style="green")
        if advice is not None:
            parts.append(Padding(_item("→", advice), (0, 0, 0, 6)))
        previous = finding.rule
        if finding.trail is not None:
            tr = finding.trail
            how = t.how(
                printable(tr.detector),
                printable(tr.pattern),
                tr.confidence_before,
                tr.confidence_after,
            )
            parts.append(Padding(Para(how, style="dim"), (0, 0, 0, 6)))
            if tr.hotwords:
                hot = Para(_hotwords(tr.hotwords, t.t), style="dim")
                parts.append(Padding(hot, (0, 0, 0, 6)))
    return parts


def _hotwords(words: Sequence[str], t: Callable[..., str]) -> str:
    """The context words that moved a finding's confidence, by the way they moved it.
    "hot words: +[6 chars], -[2 chars]" (手がかり語) was rule-author jargon a
    salesperson could not read (blind JP QA round 4)."""
    raised = ", ".join(printable(w.removeprefix("+")) for w in words if not w.startswith("-"))
    lowered = ", ".join(printable(w[1:]) for w in words if w.startswith("-"))
    if raised and lowered:
        return t("findings.hotwords_both", raised=raised, lowered=lowered)
    if raised:
        return t("findings.hotwords_raised", words=raised)
    return t("findings.hotwords_lowered", words=lowered)


def _merged(findings: Sequence[FindingView], separator: str) -> list[tuple[FindingView, str]]:
    """The contact's findings as the terminal lists them, each with the evidence it
    shows: findings of one rule in one field (one note matched twice, its keyword and
    its pattern: ``[44 chars]`` and ``[19 chars]``, EU QA) are one line, their evidence
    side by side, under one message and one advice; before, the second came without
    advice. Findings with a trail (``--explain``) stay apart: each says how it was found.
    ``findings`` are in report order, so such findings are next to each other."""
    merged: list[tuple[FindingView, str]] = []
    for finding in findings:
        if merged and finding.trail is None:
            last, evidence = merged[-1]
            if last.trail is None and _same_finding(last, finding):
                if finding.evidence != evidence and finding.evidence not in evidence.split(
                    separator
                ):
                    evidence += separator + finding.evidence
                merged[-1] = (last, evidence)
                continue
        merged.append((finding, finding.evidence))
    return merged


def _same_finding(a: FindingView, b: FindingView) -> bool:
    return (
        a.rule == b.rule
        and a.field == b.field
        and a.severity == b.severity
        and a.message == b.message
        and a.recommendation == b.recommendation
    )


def _categories(view: ReportView, plain: bool) -> list[RenderableType]:
    t = view.text
    parts: list[RenderableType] = [_heading(t.t("findings.heading"), plain)]
    if not view.categories:
        parts.append(Text(t.t("findings.none" if view.assessed else "findings.unassessed")))
        return parts
    table = Table(box=None if plain else box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(t.t("findings.category"))
    table.add_column(t.t("findings.count"), justify="right")
    table.add_column(t.t("findings.worst"))
    for cat in view.categories:
        table.add_row(
            t.t(f"category.{cat.category}"), str(cat.count), _level(cat.worst, t, "severity")
        )
    parts.append(table)
    return parts


def _problems(view: ReportView, plain: bool) -> list[RenderableType]:
    t = view.text
    parts: list[RenderableType] = [_heading(t.t("issues.heading"), plain)]
    issues = [(f, i) for f in view.files for i in f.issues]
    withheld = sum(f.withheld_issues for f in view.files)
    broken = [f for f in view.files if f.error]
    if not issues and not withheld:
        # Right above the unreadable files, "read without problems" would contradict them.
        key = "issues.unread" if view.nothing_read else "issues.none_read"
        parts.append(Text(t.t(key if broken else "issues.none")))
    shown_path = None
    for file, issue in issues:
        # Line 0: an issue of the whole file (the phone region hint), at no line.
        line = t.t("issues.line", line=issue.line) if issue.line else ""
        marker = f"{visible(file.path)} {line}".rstrip() + ":"
        if cell_len(marker) >= MARKER_WIDTH:  # the marker and a cell of padding: > 40
            # A long path would fold inside the marker column and its line number would
            # read as part of the message: the path gets its own line, once per file.
            if shown_path != file.path:
                parts.append(Text(visible(file.path) + ("" if line else ":")))
                shown_path = file.path
            if not line:  # the message of the whole file, under its path
                parts.append(Padding(Para(printable(issue.message)), (0, 0, 0, 2)))
                continue
            marker = f"  {line}:"
        parts.append(_Marked(marker, Para(printable(issue.message))))
    if withheld:
        parts.append(Para(t.t("issues.withheld", count=withheld), style="dim"))
    if broken:
        parts.append(_heading(t.t("unreadable.heading"), plain))
        for file in broken:
            parts += _unreadable(file.path, file.error or "")
    return parts


def _unreadable(path: str, error: str) -> list[RenderableType]:
    """An unreadable file and why. A path too long for the marker column gets a line of
    its own, broken only where the line ends: folded at its spaces (``corrupt 社員/``),
    it could not be copied from the report."""
    marker = f"{visible(path)}:"
    message = Para(printable(error), style="red")
    if cell_len(marker) <= MARKER_WIDTH:
        return [_item(marker, message)]
    return [Para.atoms([(marker, "")]), Padding(message, (0, 0, 0, 4))]


def _sentences(texts: Iterable[str]) -> str:
    """Reasons in a row: each is a sentence, so it is followed by a space, not "; " (which
    read ".;" after every one); one without its full stop still gets "; "."""
    out = ""
    for text in texts:
        if out:
            out += " " if out.endswith((".", "。", "!", "?")) else "; "
        out += text
    return out
