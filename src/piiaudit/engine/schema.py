"""JSON Schema checks for rule packs and profiles, with errors that name file and line.

The schemas ship in ``piiaudit/schemas`` so editors can validate rule files
too. Here each document is checked against one definition of the schema
(``rule``, ``pack``, ``list``, ``cases``, ``expect``, or the profile) and the
first problems are turned into errors pointing at the offending line; an
unknown key is reported at that key's own line.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from piiaudit.engine.yamlsafe import LineDict, line_at
from piiaudit.errors import ConfigError, RulePackError
from piiaudit.resources import schemas_dir

if TYPE_CHECKING:  # imported where a document is checked (see _validator)
    import jsonschema

SCHEMA_FILES = {"profile": "profile.schema.json"}
RULE_PACK_SCHEMA = "rule-pack.schema.json"


@lru_cache(maxsize=8)
def load_schema(name: str) -> dict[str, Any]:
    """The parsed JSON Schema ``name`` (a file in ``piiaudit/schemas``)."""
    data: dict[str, Any] = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=16)
def _validator(kind: str) -> jsonschema.protocols.Validator:
    # Imported on first use: a scan that loads only the shipped packs, whose files are
    # recorded as checked (engine/checked.py), never needs it (~40 ms of start-up).
    import jsonschema

    if kind in SCHEMA_FILES:
        schema = load_schema(SCHEMA_FILES[kind])
    else:
        base = load_schema(RULE_PACK_SCHEMA)
        schema = {"$defs": base["$defs"], "$ref": f"#/$defs/{kind}"}
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


Location = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a rule or profile file, with where it is.

    ``location`` is the JSON path of the offending value when a schema check
    found it: the loader skips the further checks of that part of a document
    (a detector with a schema problem is not compiled too), so one mistake
    gives one message.
    """

    message: str
    path: str
    line: int | None = None
    location: Location = field(default=(), compare=False)

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )

    def error(self, cls: type[ConfigError] = RulePackError) -> ConfigError:
        return cls(self.message, self.path, self.line)


def schema_problems(document: Any, kind: str, path: str) -> list[Problem]:
    """Every schema problem of ``document`` with file and line (empty if valid)."""
    problems: list[Problem] = []
    errors = sorted(_validator(kind).iter_errors(document), key=lambda e: list(e.absolute_path))
    # A misspelt key (severty) is also a missing one (severity): "did you mean" says both,
    # so the "required property" message of that key is left out.
    meant: set[tuple[tuple[Any, ...], str]] = set()
    for err in errors:
        location = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = (
                set(err.schema.get("properties", {})) if isinstance(err.schema, dict) else set()
            )
            for key in err.instance:
                if key not in allowed:
                    line = line_at(document, (*location, key))
                    close = _close(str(key).strip("\u3000 "), allowed)
                    hint = f" (did you mean {close!r}?)" if close else ""
                    if str(key).startswith("\u3000"):  # YAML took the line for a key of its own
                        hint = " (indented with full-width spaces: indent with half-width ones)"
                    problems.append(
                        Problem(f"unknown key {key!r}{hint}", path, line, (*location, key))
                    )
                    if close:
                        meant.add((location, close))
    for err in errors:
        location = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            continue
        if err.validator == "required" and any(
            (location, key) in meant and err.message == f"{key!r} is a required property"
            for key in err.validator_value  # type: ignore[union-attr]
        ):
            continue
        where = ".".join(str(p) for p in location) or "document"
        line = line_at(document, location)
        problems.append(Problem(f"{where}: {_describe(err)}", path, line, location))
    return problems


def _close(key: object, allowed: set[str]) -> str:
    """A near miss of an allowed key (``severty``), named so the typo is found at once."""
    close = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.75)
    return close[0] if close else ""


MESSAGE_MAX = 300  # characters of a problem's message: a 120,000-item list is not quoted whole
_BOUNDS = {
    "maxItems": "at most {} allowed",
    "minItems": "at least {} required",
    "maxLength": "at most {} allowed",
    "minLength": "at least {} required",
}


def _describe(err: jsonschema.ValidationError) -> str:
    """A short message; for enums list the allowed values (categories, severities), for
    sizes the size and the limit, never a whole oversized value (it flooded CI logs)."""
    import jsonschema

    bound = _BOUNDS.get(str(err.validator))
    if bound and isinstance(err.instance, list):
        return f"{len(err.instance)} entries, {bound.format(err.validator_value)}"
    if bound and isinstance(err.instance, str):
        return (
            f"{_shown(err.instance)} has {len(err.instance)} characters, "
            f"{bound.format(err.validator_value)}"
        )
    if err.validator == "enum":
        allowed = ", ".join(str(v) for v in err.validator_value)  # type: ignore[union-attr]
        return f"{_shown(err.instance)} is not one of: {allowed}{_unquoted_hint(err)}"
    if err.validator == "pattern" and isinstance(err.schema, dict) and "description" in err.schema:
        return f"{_shown(err.instance)} is not {err.schema['description']}"
    if err.validator in ("oneOf", "anyOf") and err.context:
        best = jsonschema.exceptions.best_match(err.context)
        # Text that fits none of several shapes (a profile's reason): what is wanted.
        schema = err.schema
        wanted = schema.get("description") if isinstance(schema, dict) else None
        if wanted and best.validator in ("minLength", "pattern"):
            return f"{_shown(err.instance)} is not {wanted}"
        return _capped(str(best.message))
    return _capped(err.message) + _unquoted_hint(err)


def _unquoted_hint(err: jsonschema.ValidationError) -> str:
    """Why a word the author typed as text is not text: YAML 1.1 reads an unquoted
    ``no``, ``off`` or ``yes`` as a boolean, ``~`` or nothing as null and ``010`` as the
    number 8, so ``severity: no`` said only "False is not one of" and ``words: [on]``
    "True is not of type 'string'" (QA round 18). Said where the schema wants text."""
    value = err.instance
    if isinstance(value, str) or not isinstance(value, (bool, int, float, type(None), dict)):
        return ""
    wanted = err.validator_value if err.validator == "type" else None
    if err.validator == "enum":
        allowed = err.validator_value
        if not isinstance(allowed, list) or not all(isinstance(v, str) for v in allowed):
            return ""
    elif wanted != "string" and not (isinstance(wanted, list) and "string" in wanted):
        return ""
    if isinstance(value, dict) and len(value) == 1 and wanted == "string":
        # [保守点検:] or [納品先: 東京]: a colon and a blank make a mapping (rule-pack QA)
        return " (YAML reads a word followed by ': ' as a key: quote it, e.g. '納品先: 東京')"
    if isinstance(value, bool):
        return " (YAML reads unquoted yes/no/on/off as true/false: quote the word, e.g. 'no')"
    if value is None:
        return " (YAML reads an empty value, ~ or null as null: fill it in, or quote it: 'null')"
    return " (YAML reads an unquoted number as a number, 010 as 8: quote it as written: '010')"


def _shown(value: object) -> str:
    return _capped(repr(value), 60)


def _capped(text: str, limit: int = MESSAGE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validate_document(
    document: Any, kind: str, path: str, *, error: type[ConfigError] = RulePackError
) -> None:
    """Raise the first schema problem of ``document`` as ``error`` (file and line)."""
    if kind == "profile" and not isinstance(document, LineDict):
        raise error("the profile must be a mapping of keys", path, getattr(document, "line", 1))
    problems = schema_problems(document, kind, path)
    if problems:
        raise problems[0].error(error)
