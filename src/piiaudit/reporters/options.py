"""What the user asked of a report: language, audience, masking, layout.

Kept apart from the registry so every reporter module can import it without
importing the registry (which imports every reporter).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from piiaudit.errors import ConfigError
from piiaudit.model import AuditResult

if TYPE_CHECKING:
    from piiaudit.reporters.parttypes import Assembled

LANGS = ("en", "ja")
AUDIENCES = ("self", "compliance")
CSV_ROWS = ("findings", "contacts")


@dataclass(frozen=True)
class ReportOptions:
    """How to render one report.

    ``audience="self"`` is the phone owner, who sees every contact (masked).
    ``audience="compliance"`` is someone else (the company): private and unknown
    contacts are only counted, never listed. ``color=None`` means "decide from the
    stream and ``NO_COLOR``"; ``width=None`` means "the stream's width or 80".
    """

    show_pii: bool = False
    lang: str = "en"
    audience: str = "self"
    explain: bool = False
    color: bool | None = None
    width: int | None = None
    csv_rows: str = "findings"


# A reporter renders a whole audit, or a run built in parts (reporters.parts).
Reporter = Callable[["AuditResult | Assembled", TextIO, ReportOptions], None]


def check(options: ReportOptions) -> None:
    """Refuse options no reporter knows, naming the choices.

    An unknown audience must not quietly fall back to listing every contact.
    """
    for name, value, choices in (
        ("lang", options.lang, LANGS),
        ("audience", options.audience, AUDIENCES),
        ("csv_rows", options.csv_rows, CSV_ROWS),
    ):
        if value not in choices:
            raise ConfigError(f"report {name} must be one of {', '.join(choices)}, not {value!r}")
    if options.width is not None and options.width < 20:
        raise ConfigError(f"report width must be at least 20 columns, not {options.width}")
