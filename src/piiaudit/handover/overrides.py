"""Corrections to the engine's classification, kept in a reusable YAML file.

The engine can only guess whose contact a card is. Before an employee hands the
company's contacts over, a person confirms the doubtful ones; those answers live
in an override file so the next run (or a colleague's review) gives the same
split. The file names contacts by index, UID or display name::

    input:                           # the export it was made for (split writes this)
      file: export.vcf
      sha256: 9e6375f8...
    overrides:
      - contact: "index:12"          # the index shown in manifest.json
        class: business
        reason: "customer of the Osaka branch"
      - contact: "uid:4f0c-..."
        class: private
        reason: "my dentist"

Every problem is a :class:`~piiaudit.errors.ConfigError` naming the file and line,
because an override silently ignored would send a contact to the wrong file.

An ``index:`` entry is a position, meaningful only in the export it was made for:
applied to another file (``business.vcf``, next week's export) it selects somebody
else, and every index still matches *someone*, so nothing looks wrong. The ``input:``
record (:class:`MadeFor`) lets a run refuse that (:func:`index_check`); ``uid:`` and
``name:`` entries name the contact by its own data and apply to any file.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

import yaml

from piiaudit.errors import ConfigError
from piiaudit.masking import mask
from piiaudit.model import Contact, ContactClass, ValueKind
from piiaudit.textnorm import nfkc

SELECTOR_KINDS = ("index", "uid", "name")
OVERRIDE_CLASSES = (ContactClass.BUSINESS, ContactClass.PRIVATE)
_ITEM_KEYS = ("contact", "class", "reason")
_TOP_KEYS = ("version", "input", "overrides")
_INPUT_KEYS = ("file", "sha256")
_SHA256 = re.compile(r"[0-9a-f]{64}")
FILE_VERSION = 1


@dataclass(frozen=True, slots=True)
class MadeFor:
    """The export an override file was made for: the SHA-256 of its bytes (what is
    checked) and its file name (what a person recognises)."""

    sha256: str
    file: str = ""


class IndexCheck(enum.Enum):
    """Whether an override file's ``index:`` entries may be applied to an input."""

    NO_INDEX = "no_index"  # only uid:/name: entries: they apply to any file
    SAME_EXPORT = "same_export"  # the recorded export is this input
    OTHER_EXPORT = "other_export"  # recorded for another file: refuse
    UNRECORDED = "unrecorded"  # an old or hand-written file: warn
    UNCHECKABLE = "uncheckable"  # recorded, but the input is standard input: refuse


@dataclass(frozen=True, slots=True)
class Override:
    """One correction: the contact it selects, the class it forces, and why."""

    kind: str  # "index" | "uid" | "name"
    key: str  # the index as text, the UID, or the NFKC-normalised display name
    label: ContactClass
    reason: str
    origin: str = ""  # "file:line" for messages and the manifest; "" for new answers

    @property
    def selector(self) -> str:
        """The ``contact:`` value as written in the file, e.g. ``index:12``."""
        return f"{self.kind}:{self.key}"

    def shown(self, *, show_pii: bool = False) -> str:
        """The selector as it may be displayed: a name is masked, and so is a UID that
        is really an email address (some exporters use one)."""
        if self.kind == "name":
            return f"name:{mask(self.key, ValueKind.NAME, show_pii=show_pii)}"
        if self.kind == "uid" and "@" in self.key:
            return f"uid:{mask(self.key, ValueKind.EMAIL, show_pii=show_pii)}"
        return self.selector


def match_key(kind: str, key: str) -> tuple[str, str]:
    """How a selector is compared: a name without its spaces and case (``name:佐藤彩``
    names the card ``佐藤 彩``, as people type names both ways), NFKC-normalised
    (full-width letters, half-width kana); an index or UID exactly."""
    if kind == "name":
        return kind, "".join(nfkc(key).split()).casefold()
    return kind, key


class OverrideSet:
    """Overrides by selector; looks a contact up by index first, then UID, then name.

    The most specific selector wins, so ``index:3`` can correct one of two
    contacts that share a ``name:`` override.
    """

    def __init__(self, overrides: Iterable[Override] = (), made_for: MadeFor | None = None) -> None:
        self._by_selector: dict[tuple[str, str], Override] = {}
        self._used: set[tuple[str, str]] = set()
        # Entries that matched a contact a more specific entry decided (a name: beside
        # that contact's index:), with the entry that won: they are no typo (QA round 15).
        self._outranked: dict[tuple[str, str], Override] = {}
        self.made_for = made_for
        for item in overrides:
            self.add(item)

    def add(self, item: Override) -> None:
        """Add or replace the override for ``item``'s selector (a later answer wins)."""
        self._by_selector[match_key(item.kind, item.key)] = item

    def __len__(self) -> int:
        return len(self._by_selector)

    def items(self) -> list[Override]:
        """Every override, in the order first added (the order a saved file keeps)."""
        return list(self._by_selector.values())

    def find(self, contact: Contact) -> Override | None:
        """The override for ``contact``, if any; remembers it was used."""
        candidates = [("index", str(contact.source.index))]
        if contact.uid and contact.uid.strip():
            candidates.append(("uid", contact.uid.strip()))
        name = contact.display_name()
        if name:
            candidates.append(match_key("name", name))
        found: Override | None = None
        for candidate in candidates:
            entry = self._by_selector.get(candidate)
            if entry is None:
                continue
            if found is None:
                self._used.add(candidate)
                found = entry
            else:
                self._outranked.setdefault(candidate, found)
        return found

    def unused(self) -> list[Override]:
        """Overrides that matched no contact: almost always a stale or mistyped file."""
        return [
            o
            for sel, o in self._by_selector.items()
            if sel not in self._used and sel not in self._outranked
        ]

    def outranked(self) -> list[tuple[Override, Override]]:
        """Overrides that matched only contacts a more specific entry decided, each with
        the entry that won (``index:`` before ``uid:`` before ``name:``)."""
        return [
            (o, self._outranked[sel])
            for sel, o in self._by_selector.items()
            if sel in self._outranked and sel not in self._used
        ]

    def index_entries(self) -> list[Override]:
        """The ``index:`` entries: positions, right only in the export they were made for."""
        return [o for o in self._by_selector.values() if o.kind == "index"]


def index_check(overrides: OverrideSet, input_sha256: Callable[[], str | None]) -> IndexCheck:
    """May ``overrides``' ``index:`` entries be applied to the input whose SHA-256
    ``input_sha256`` gives (``None``: standard input, which cannot be hashed
    beforehand)? The input is hashed only when the answer depends on it."""
    if not overrides.index_entries():
        return IndexCheck.NO_INDEX
    if overrides.made_for is None:
        return IndexCheck.UNRECORDED
    digest = input_sha256()
    if digest is None:
        return IndexCheck.UNCHECKABLE
    if overrides.made_for.sha256 == digest.lower():
        return IndexCheck.SAME_EXPORT
    return IndexCheck.OTHER_EXPORT


def selector_for(contact: Contact, shared_uids: Set[str] = frozenset()) -> tuple[str, str]:
    """The most stable selector for a new answer: the UID when the card has one that no
    other card of the file shares (an answer must not move another contact), else its
    index (stable for the same export file)."""
    uid = (contact.uid or "").strip()
    if uid and uid not in shared_uids:
        return "uid", uid
    return "index", str(contact.source.index)


def shared_uids(contacts: Iterable[Contact]) -> frozenset[str]:
    """UIDs that more than one contact carries (duplicated cards, careless exporters)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for contact in contacts:
        uid = (contact.uid or "").strip()
        if uid:
            (shared if uid in seen else seen).add(uid)
    return frozenset(shared)


def load_overrides(path: Path) -> OverrideSet:
    """Read and validate an override file; every error names ``path`` and the line."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("override file not found", where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read override file: {exc}", where) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        line = _yaml_error_line(exc)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigError(f"not valid YAML: {problem}", where, line) from None
    except RecursionError:  # PyYAML composes nested collections recursively
        raise ConfigError("not valid YAML: nested too deeply", where) from None
    return _read_root(root, where)


def _read_root(root: yaml.Node | None, where: str) -> OverrideSet:
    if not isinstance(root, yaml.MappingNode):
        line = _line(root) if root is not None else 1
        raise ConfigError("expected a mapping with an 'overrides:' list", where, line)
    fields = _mapping(root, where, _TOP_KEYS)
    version = fields.get("version")
    if version is not None and _scalar(version, where, "version") != str(FILE_VERSION):
        raise ConfigError(
            f"unsupported override file version (expected {FILE_VERSION})", where, _line(version)
        )
    made_for = _made_for(fields["input"], where) if "input" in fields else None
    return OverrideSet(_read_items(root, fields, where), made_for)


def _made_for(node: yaml.Node, where: str) -> MadeFor:
    """The ``input:`` record; a malformed one is an error, not a missing one (a file
    that seems to certify its export must really do so)."""
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError("'input' must be a mapping (file, sha256)", where, _line(node))
    fields = _mapping(node, where, _INPUT_KEYS)
    if "sha256" not in fields:
        raise ConfigError("'input' is missing 'sha256:'", where, _line(node))
    digest = _scalar(fields["sha256"], where, "sha256").strip().lower()
    if not _SHA256.fullmatch(digest):
        raise ConfigError(
            "input sha256 must be 64 hexadecimal digits (the export's SHA-256)",
            where,
            _line(fields["sha256"]),
        )
    name = _scalar(fields["file"], where, "file").strip() if "file" in fields else ""
    return MadeFor(sha256=digest, file=name)


def _read_items(root: yaml.MappingNode, fields: dict[str, yaml.Node], where: str) -> list[Override]:
    items = fields.get("overrides")
    if items is None:
        raise ConfigError("missing 'overrides:' list", where, _line(root))
    if not isinstance(items, yaml.SequenceNode):
        raise ConfigError("'overrides' must be a list", where, _line(items))
    seen: dict[tuple[str, str], int] = {}
    result = []
    for node in items.value:
        item = _read_item(node, where)
        selector = match_key(item.kind, item.key)
        if selector in seen:
            raise ConfigError(
                f"contact {item.selector!r} is overridden twice (first at line {seen[selector]})",
                where,
                _line(node),
            )
        seen[selector] = _line(node)
        result.append(item)
    return result


def _read_item(node: yaml.Node, where: str) -> Override:
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(
            "each override must be a mapping (contact, class, reason)", where, _line(node)
        )
    fields = _mapping(node, where, _ITEM_KEYS)
    for key in _ITEM_KEYS:
        if key not in fields:
            raise ConfigError(f"override is missing '{key}:'", where, _line(node))
    kind, key = _selector(fields["contact"], where)
    label_text = _scalar(fields["class"], where, "class").strip().lower()
    if label_text not in {c.value for c in OVERRIDE_CLASSES}:
        choices = ", ".join(c.value for c in OVERRIDE_CLASSES)
        raise ConfigError(
            f"class must be one of {choices}, not {label_text!r}", where, _line(fields["class"])
        )
    reason = _scalar(fields["reason"], where, "reason").strip()
    if not reason:
        raise ConfigError("reason must say why (it is kept in the manifest)", where, _line(node))
    return Override(kind, key, ContactClass(label_text), reason, f"{where}:{_line(node)}")


def _selector(node: yaml.Node, where: str) -> tuple[str, str]:
    text = _scalar(node, where, "contact").strip()
    kind, sep, key = text.partition(":")
    kind = kind.strip().lower()
    key = key.strip()
    if not sep or kind not in SELECTOR_KINDS or not key:
        raise ConfigError(
            f"contact must be 'index:N', 'uid:UID' or 'name:NAME', not {text!r}", where, _line(node)
        )
    if kind == "index":
        if not key.isascii() or not key.isdigit():
            raise ConfigError(f"index must be a whole number, not {key!r}", where, _line(node))
        key = str(int(key))
    elif kind == "name":
        key = nfkc(key).strip()
    return kind, key


def _mapping(node: yaml.MappingNode, where: str, allowed: Sequence[str]) -> dict[str, yaml.Node]:
    """Keys to value nodes; unknown and repeated keys are errors (a typo must not pass)."""
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, where, "key")
        if key not in allowed:
            raise ConfigError(
                f"unknown key {key!r} (allowed: {', '.join(allowed)})", where, _line(key_node)
            )
        if key in fields:
            raise ConfigError(f"key {key!r} given twice", where, _line(key_node))
        fields[key] = value_node
    return fields


def _scalar(node: yaml.Node, where: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise ConfigError(f"{what} must be a single value", where, _line(node))
    return str(node.value)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _yaml_error_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return int(mark.line) + 1 if mark is not None else None


def render_overrides(
    overrides: Sequence[Override], header: Sequence[str] = (), made_for: MadeFor | None = None
) -> str:
    """The YAML text of an override file that :func:`load_overrides` reads back.

    ``header`` lines become comments at the top (what the file is). ``made_for`` is
    recorded as ``input:``, so the file's ``index:`` entries are never applied to
    another export. Values go through ``yaml.safe_dump`` so quoting is always right.
    """
    body: dict[str, object] = {"version": FILE_VERSION}
    if made_for is not None:
        body["input"] = {"file": made_for.file, "sha256": made_for.sha256}
    body["overrides"] = [
        {"contact": o.selector, "class": o.label.value, "reason": o.reason} for o in overrides
    ]
    comments = "".join(f"# {line}\n" for line in header)
    dumped = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return comments + dumped
