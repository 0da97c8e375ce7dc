"""What the user asked of a report: language, audience, masking, layout.

Kept apart from the registry so every reporter module can import it without
importing the registry (which imports every reporter).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from piiaudit.model import AuditResult

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


Reporter = Callable[[AuditResult, TextIO, ReportOptions], None]
