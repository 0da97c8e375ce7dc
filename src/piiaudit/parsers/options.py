"""Options every reader takes. Built by the CLI from flags and the company profile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """How to read inputs.

    ``region`` is the default phone region for numbers without a country code;
    ``region_given`` is true when someone chose it (``--region``, the company
    profile), false when it is only the default: then a file whose numbers look
    like another country's says so (``audit.region_hint``).
    ``csv_columns`` maps a CSV header (exactly as written) to a model field name
    (see ``docs/architecture.md``, "CSV column mapping") for exporters piiaudit
    does not know. The size limits bound memory on hostile input: a longer
    logical line or property value is cut, reported as a parse issue, and the
    rest of the card is still read.
    """

    region: str = "JP"
    region_given: bool = False
    csv_columns: Mapping[str, str] = field(default_factory=dict)
    max_value_bytes: int = 1 * MiB
    max_properties_per_card: int = 10_000
    max_csv_columns: int = 2_000
