"""The report formats, by name. ``--format`` choices come from :data:`REPORTERS`.

Every reporter is ``render(result, out, options) -> None``: a pure function of the
:class:`~piiaudit.model.AuditResult` that writes to the stream it is given. They all
render the same :mod:`~piiaudit.reporters.view`, so their numbers agree.
"""

from __future__ import annotations

from piiaudit.errors import ConfigError
from piiaudit.reporters import csv_report, html, json_report, sarif, terminal
from piiaudit.reporters.options import Reporter, ReportOptions

REPORTERS: dict[str, Reporter] = {
    "terminal": terminal.render,
    "json": json_report.render,
    "html": html.render,
    "sarif": sarif.render,
    "csv": csv_report.render,
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter", "get"]


def get(name: str) -> Reporter:
    """The reporter called ``name``; a :class:`ConfigError` naming the choices otherwise."""
    try:
        return REPORTERS[name.strip().lower()]
    except KeyError:
        choices = ", ".join(REPORTERS)
        raise ConfigError(f"unknown report format {name!r} (choose from: {choices})") from None
