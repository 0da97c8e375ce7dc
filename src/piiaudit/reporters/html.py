"""The HTML report: one self-contained file a compliance officer can hand on.

No external URL of any kind: CSS, JavaScript and the SVG charts are inline, so it
works offline and from a USB stick. Jinja2 autoescaping is on for everything;
contact data reaches the page only as escaped text and attributes, never inside
the script, which reads the rows' ``data-*`` attributes to filter and sort.
A Content-Security-Policy allows only the page's own style and script blocks,
by their SHA-256 hashes, so an injected ``<script>`` could not run even if one
got through.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TextIO

from markupsafe import Markup

from piiaudit.clock import shown
from piiaudit.gcpause import collector_paused
from piiaudit.model import AuditResult, RiskLevel, Severity
from piiaudit.reporters.i18n import messages
from piiaudit.reporters.options import ReportOptions
from piiaudit.reporters.parttypes import Assembled, Written, encoder
from piiaudit.reporters.textsafe import visible_controls
from piiaudit.reporters.view import (
    ContactView,
    ReportView,
    RuleView,
    accepted_sentence,
    baseline_sentence,
    build,
    grouped,
    region_hint_sentence,
    repeated_sentences,
    unchecked_count,
)
from piiaudit.reporters.weighing import certainty, side_totals, weighed_reasons
from piiaudit.resources import package_path

if TYPE_CHECKING:
    import jinja2

BAR_AREA = 340
ROW_HEIGHT = 26
LABEL_WIDTH = 210


@dataclass(frozen=True)
class Segment:
    css: str
    x: int
    width: int
    count: int
    label: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    total: int
    segments: tuple[Segment, ...]


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2  # only when an HTML report is written: ~30 ms of every start otherwise

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(package_path("templates"))),
        autoescape=True,
        finalize=_no_controls,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _no_controls(value: object) -> object:
    """Every value a template writes, with control characters as visible escapes
    (``\x1b``): a file name holding ESC or BEL went into the page raw, invalid in HTML
    and acted on by ``cat report.html`` (QA round 16). Our own markup is left alone."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible_controls(value)
    return value


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline block."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# The contacts one page lists, riskiest first. A compliance run over 200 employees lists
# ~100,000 business contacts: an 87 MB page no browser opens in reasonable time, when
# what the page is for is the employee table, the categories and the worst contacts.
# The page says when it stops short; the JSON and CSV reports list every contact.
MAX_CONTACTS = 5000


def render(result: AuditResult | Assembled, out: TextIO, options: ReportOptions) -> None:
    """Write the HTML report for ``result`` to ``out``."""
    if isinstance(result, Assembled):  # built in parts: see piiaudit.reporters.parts
        render_assembled(result, out, options)
        return
    with collector_paused():  # allocations only: see piiaudit.gcpause
        view = build(result, options)
        page, _ = _templates()
        rows = view.contacts[:MAX_CONTACTS]
        out.write(
            page.render(
                **_page(view),
                rows=rows,
                contact_count=len(rows),
                contact_total=len(view.contacts),
                kinds=sorted({c.classification for c in view.contacts}),
                rules_used=_rules_used(view, {f.rule for c in view.contacts for f in c.findings}),
            )
        )


def _page(view: ReportView) -> dict[str, Any]:
    """What the page around the contact rows is rendered from."""
    css = (package_path("templates") / "report.css").read_text(encoding="utf-8")
    js = (package_path("templates") / "report.js").read_text(encoding="utf-8")
    return {
        "view": view,
        "t": view.text.t,
        "field": view.text.field,
        "how": view.text.how,
        "weighed": lambda signals: weighed_reasons(signals, view.text.t),
        "totals": lambda signals: side_totals(signals, view.text.t),
        "certainty": lambda c: certainty(c.classification, c.confidence, view.text.t),
        "css": Markup(css),  # noqa: S704 - our own static file, not data
        "js": Markup(js),  # noqa: S704 - our own static file, not data
        "style_hash": csp_hash(css),
        "script_hash": csp_hash(js),
        "grouped": grouped(view),
        "category_bars": category_bars(view),
        "level_bars": level_bars(view),
        "label_width": LABEL_WIDTH,
        "levels": [lv.label for lv in sorted(RiskLevel, reverse=True)],
        "settings": [
            (view.text.get(f"settings.{k}", k), _setting(k, v, view))
            for k, v in view.settings.items()
        ],
        "baseline_line": baseline_sentence(view),
        "accepted_line": accepted_sentence(view),
        "repeated_lines": repeated_sentences(view),
        "region_line": region_hint_sentence(view),
        "unchecked": unchecked_count(view),
        "audited_at": shown(view.generated),
    }


# --------------------------------------------------------------------------- in parts
# A run built in parts (:mod:`piiaudit.reporters.parts`) renders each contact's
# rows where the contact was audited, with ``contact_rows.html.j2``, the template
# ``report.html.j2`` includes once per contact; the page is then rendered with the
# rows' text in their place. So the bytes are the same as :func:`render` writes
# (``tests/reporters/test_parts.py``).

# A contact's number among the listed ones is known only when the run is put
# together; a row is rendered with this one and cut there. Only the contact's
# class, level and score (never contact data) come before it in the row.
_UNNUMBERED = -1
_ORDER_ATTRIBUTE = f'data-order="{_UNNUMBERED}"'


@dataclass(frozen=True)
class _RowContext:
    """The part of the view a contact's rows read (``view.options``)."""

    options: ReportOptions


@functools.cache
def _templates() -> tuple[jinja2.Template, jinja2.Template]:
    """``(page, rows)``: the report's page and one contact's rows (loaded once)."""
    env = _environment()
    return env.get_template("report.html.j2"), env.get_template("contact_rows.html.j2")


def contact_fragment(contact: ContactView, options: ReportOptions) -> tuple[str, str]:
    """A contact's rows, cut where its number goes: ``head + str(order) + tail``."""
    _, rows = _templates()
    if contact.order != _UNNUMBERED:  # parts.digest builds its views unnumbered already
        contact = replace(contact, order=_UNNUMBERED)
    t = messages(options.lang).t
    text = rows.render(
        c=contact,
        view=_RowContext(options),
        t=t,
        field=messages(options.lang).field,
        how=messages(options.lang).how,
        weighed=lambda signals: weighed_reasons(signals, t),
        totals=lambda signals: side_totals(signals, t),
        certainty=lambda c: certainty(c.classification, c.confidence, t),
    )
    cut = text.index(_ORDER_ATTRIBUTE)
    return text[:cut] + 'data-order="', '"' + text[cut + len(_ORDER_ATTRIBUTE) :]


def render_assembled(run: Assembled, out: TextIO, options: ReportOptions) -> None:
    """Write the report of a run built in parts: the same page as :func:`render`."""
    out.write(chunks_assembled(run, options).text())


# Where the rows go in the page, so they can be written as they came, without
# decoding; page text cannot hold it (NUL is neither in paths nor in messages),
# and should it occur all the same, the rows go into the page as text instead.
_ROWS_MARK = "\x00piiaudit-contact-rows\x00"


def chunks_assembled(run: Assembled, options: ReportOptions) -> Written:
    """The page of a run built in parts as UTF-8, in pieces (the rows as they came)."""
    run.require("html")
    encode, strict = encoder(run.strict)
    with collector_paused():
        rows: list[bytes] = []
        shown = run.listed[:MAX_CONTACTS]  # riskiest first, as render's view.contacts
        for order, part in zip(run.orders[:MAX_CONTACTS], shown, strict=True):
            if part.html is None:
                raise ValueError("the run was built without the HTML rows of its contacts")
            head, tail = part.html
            rows += (head, str(order).encode("ascii"), tail)
        page, _ = _templates()
        context = {
            **_page(run.view),
            "kinds": sorted(run.kinds),
            "rules_used": _rules_used(run.view, set(run.rules)),
            "contact_count": len(shown),
            "contact_total": len(run.listed),
        }
        text = page.render(**context, contact_rows=Markup(_ROWS_MARK))  # noqa: S704 - ours
        if text.count(_ROWS_MARK) != 1:
            rows_text = Markup(Written(rows, True).text())  # noqa: S704 - autoescaped templates
            return Written([encode(page.render(**context, contact_rows=rows_text))], strict())
        before, after = text.split(_ROWS_MARK)
        return Written([encode(before), *rows, encode(after)], strict())


def _rules_used(view: ReportView, used: set[str]) -> list[RuleView]:
    """The rules behind the listed findings (the packs may hold dozens more)."""
    return [r for r in view.rules if r.id in used]


# Settings whose value is a word of piiaudit's own (``--audience self``), not a path.
_WORDED_SETTINGS = frozenset({"audience", "group_by"})


def _setting(key: str, value: object, view: ReportView) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return view.text.t("html.flag_yes" if value else "html.flag_no")
    if value == "":  # no --fail-on, no profile: an empty cell said nothing
        return view.text.t("settings.value.none")
    if key in _WORDED_SETTINGS:
        return view.text.get(f"settings.value.{value}", str(value))
    return str(value)


def _scale(count: int, biggest: int) -> int:
    return max(1, round(BAR_AREA * count / biggest)) if count else 0


def category_bars(view: ReportView) -> list[Bar]:
    """Stacked bars, one per category, segments by severity (worst first)."""
    biggest = max((c.count for c in view.categories), default=0)
    bars = []
    for row, cat in enumerate(view.categories):
        x = LABEL_WIDTH
        segments = []
        for severity in sorted(Severity, reverse=True):
            count = cat.by_severity.get(severity.label, 0)
            if not count:
                continue
            width = _scale(count, biggest)
            label = view.text.t(f"severity.{severity.label}")
            segments.append(Segment(f"sev-{severity.label}", x, width, count, label))
            x += width
        label = view.text.t(f"category.{cat.category}")
        bars.append(Bar(label, row * ROW_HEIGHT, cat.count, tuple(segments)))
    return bars


def level_bars(view: ReportView) -> list[Bar]:
    """One bar per risk level: how many listed contacts sit at it."""
    counts = view.summary.by_level
    biggest = max(counts.values(), default=0)
    bars = []
    for row, level in enumerate(sorted(RiskLevel, reverse=True)):
        count = counts.get(level.label, 0)
        label = view.text.t(f"level.{level.label}")
        width = _scale(count, biggest) if biggest else 0
        segment = Segment(f"lv-{level.label}", LABEL_WIDTH, width, count, label)
        bars.append(Bar(label, row * ROW_HEIGHT, count, (segment,) if count else ()))
    return bars
