"""Loading rule packs: read, check against the schema, compile, merge.

A pack is a folder: ``pack.yaml`` (id, version, description, optional
``disable``), one rule per ``<ID>-<name>.yaml`` beside its ``.cases.yaml``,
data lists in ``data/*.yaml``, and fixture files in ``fixtures/``. The shipped
packs load first, then company packs; a later pack may replace a rule (same
id, ``override: true``) or switch one off (``disable``). Every problem is
collected with its file and line so ``rules validate`` can show them all; the
engine refuses to start on the first one.

"All" means in one pass: a rule file with a schema problem still has the
parts the schema found nothing wrong with compiled (each detector, the
hotwords), so an unknown key, a look-behind regex and an unknown data list
are three messages of one run, not three rounds of CI. What a problem already
reported makes meaningless is not reported again: a detector with a schema
problem is not compiled, a data list or rule whose file is broken is not
"unknown" to the rules, composites and ``disable`` entries that name it. Such a
file's name is its ``list:`` or ``id:`` as far as its text shows one, else what its
file name says (``data/<list>.yaml``, ``<ID>-<name>.yaml``): an empty file names
nothing itself.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from piiaudit.engine.checked import cached_document, digest, recorded
from piiaudit.engine.detectors import (
    CompositeDetector,
    Detector,
    DetectorConfigError,
    build_detector,
)
from piiaudit.engine.hotwords import Hotwords
from piiaudit.engine.listmerge import ORDER_HINT, merge_lists
from piiaudit.engine.packsearch import CASES_SUFFIX, PACK_FILE, is_shipped_pack, unread_files
from piiaudit.engine.rule import ALL_CLASSES, Evidence, Pack, Rule
from piiaudit.engine.rulechecks import (
    mail_domain_problems,
    own_disable_problems,
    pack_id_problem,
    settles_problems,
    silent_rule_problems,
    special_care_problems,
)
from piiaudit.engine.schema import Location, Problem, schema_problems
from piiaudit.engine.yamlsafe import MAX_FILE_BYTES, LineDict, line_at, load_yaml
from piiaudit.errors import RulePackError
from piiaudit.model import Category, ContactClass, Severity, Text
from piiaudit.resources import packs_dir

MAX_RULE_FILES = 2000


@dataclass(slots=True)
class RawPack:
    """A pack as read from disk, before its rules are compiled."""

    path: Path
    meta: LineDict | None = None
    rules: list[tuple[Path, LineDict]] = field(default_factory=list)
    lists: dict[str, tuple[Path, LineDict]] = field(default_factory=dict)
    # Rule files that failed the schema, with the places of their problems: the rest
    # of each is still checked (see the module docstring).
    rejected: list[tuple[Path, LineDict, tuple[Location, ...]]] = field(default_factory=list)
    broken_lists: set[str] = field(default_factory=set)  # names of lists that failed
    # Lists that read but failed the schema, by name: their other entries are still
    # checked as mail domains, so one run names every problem (rule-pack author's round).
    rejected_lists: dict[str, list[tuple[Path, LineDict]]] = field(default_factory=dict)
    # Ids of rules whose file does not even read (invalid YAML, not UTF-8, too large),
    # as far as the text shows them: reported already, so not "unknown" anywhere else.
    broken_rules: set[str] = field(default_factory=set)
    # Rule and list files trusted as recorded: they passed the schema and compiled
    # (checked.py).
    trusted: set[Path] = field(default_factory=set)


class RuleProblems(RulePackError):
    """Every problem compiling one rule; raised as the first, carrying them all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        first = problems[0]
        super().__init__(first.message, first.path, first.line)
        self.problems = list(problems)


@dataclass(slots=True)
class LoadResult:
    packs: list[Pack] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)  # effective, in evaluation order
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Ids of rules with a problem reported (they are not loaded, and not "unknown" to
    # what names them either).
    broken: set[str] = field(default_factory=set)
    # Ids of every rule a pack defines, also those a pack disables: a profile may name
    # one a pack switched off already (disable: twice is no typo, QA round 15).
    defined: set[str] = field(default_factory=set)


def shipped_pack_dirs() -> list[Path]:
    """The packs inside the package, in a stable order."""
    root = packs_dir()
    return sorted(p for p in root.iterdir() if (p / PACK_FILE).is_file())


def _read(
    path: Path, kind: str, problems: list[Problem], *, trust_recorded: bool = False
) -> LineDict | None:
    """The document in ``path`` if it reads and passes the schema for ``kind``."""
    document, found, _ = _read_checked(path, kind, problems, trust_recorded=trust_recorded)
    return None if found else document


def _read_checked(
    path: Path, kind: str, problems: list[Problem], *, trust_recorded: bool = False
) -> tuple[LineDict | None, list[Problem], bool]:
    """The document in ``path`` (``None`` if it does not read as a mapping), its
    schema problems, which are added to ``problems`` too, and whether it was trusted.

    With ``trust_recorded``, a file whose exact bytes are recorded as having
    passed (:mod:`piiaudit.engine.checked`: the shipped packs) is not checked again,
    and its document comes from the record's cache instead of its YAML.
    """
    known = _recorded_digest(path, kind) if trust_recorded else None
    if known is not None:
        cached = cached_document(known)
        if cached is not None:
            return cached, [], True
    try:
        document = load_yaml(path)
    except RulePackError as exc:
        problems.append(Problem(bare_message(exc), str(path), exc.line))
        return None, [], False
    if not isinstance(document, LineDict):
        problems.append(Problem("expected a mapping at the top of the file", str(path), 1))
        return None, [], False
    if known is not None:
        return document, [], True
    stray = _not_a_rule(document) if kind == "rule" else None
    if stray is not None:  # one clear problem instead of a schema error per missing key
        problems.append(Problem(stray, str(path), 1))
        return None, [], False
    found = schema_problems(document, kind, str(path))
    problems.extend(found)
    return document, found, False


def _not_a_rule(document: LineDict) -> str | None:
    """Why a YAML file in a pack folder, read as a rule, is plainly something else: a
    cases file misnamed (``.case.yaml``) or a stray file. Read as a rule, each gave a
    dozen schema errors and no word about its name (rule-pack author QA)."""
    if "id" in document or "detect" in document:
        return None
    if "rule" in document and ("match" in document or "no_match" in document):
        return (
            f"this is a cases file (it tests rule {document['rule']!s:.40}), read as a rule "
            f"by its name: name it <ID>-<name>{CASES_SUFFIX}, beside the rule it tests"
        )
    if "list" in document and "items" in document:
        return (
            "this is a data list, read as a rule where it is: move it into the pack's data/ folder"
        )
    return (
        "not a rule (no 'id', no 'detect'): every .yaml file in a pack folder is read as a "
        "rule; move other files out of it (data lists go in its data/ folder)"
    )


def _recorded_digest(path: Path, kind: str) -> str | None:
    """The digest of ``path`` if its bytes are recorded, read once for both the cache and
    the schema check; ``None`` sends it to :func:`load_yaml` and the schema, which report
    anything wrong with it as they always did. Profile and ``--packs`` files come here
    too, so only a regular file within the size cap is read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        found = digest(kind, path.read_bytes())
    except OSError:
        return None
    return found if found in recorded() else None


def schema_checked_problems(path: Path, kind: str) -> list[Problem]:
    """Every problem reading ``path`` as ``kind`` and checking it against the schema."""
    problems: list[Problem] = []
    _read(path, kind, problems)
    return problems


def bare_message(exc: RulePackError) -> str:
    """The message of ``exc`` without its ``file:line:`` prefix."""
    text = str(exc)
    prefix = f"{exc.path}:{exc.line}: " if exc.line else f"{exc.path}: "
    return text.removeprefix(prefix)


def _rule_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.glob("*.yaml")
        if p.name != PACK_FILE and not p.name.endswith(CASES_SUFFIX)
    )


def _list_files(directory: Path) -> list[Path]:
    return sorted((directory / "data").glob("*.yaml"))


def pack_files(directory: Path) -> list[tuple[Path, str]]:
    """Every file :func:`read_pack` reads from ``directory``, with the kind it reads it as."""
    return [
        (directory / PACK_FILE, "pack"),
        *((path, "rule") for path in _rule_files(directory)),
        *((path, "list") for path in _list_files(directory)),
    ]


def read_pack(directory: Path, problems: list[Problem], *, trust_recorded: bool = False) -> RawPack:
    """Read the pack in ``directory``; ``trust_recorded`` as in :func:`load_packs`."""
    raw = RawPack(directory)
    trust = trust_recorded  # (keeps the three calls below on one line each)
    raw.meta = _read(directory / PACK_FILE, "pack", problems, trust_recorded=trust)
    files = _rule_files(directory)
    if len(files) > MAX_RULE_FILES:
        problems.append(Problem(f"more than {MAX_RULE_FILES} rule files", str(directory)))
        files = files[:MAX_RULE_FILES]
    for path in files:
        document, found, trusted = _read_checked(path, "rule", problems, trust_recorded=trust)
        if document is None:
            raw.broken_rules.update(_written_name(path, "id") | _id_of_file_name(path))
            continue
        if trusted:
            raw.trusted.add(path)
        places = tuple(p.location for p in found)
        _check_file_name(path, document, places, problems)
        if found:
            raw.rejected.append((path, document, places))
        else:
            raw.rules.append((path, document))
    for path in _list_files(directory):
        document, found, trusted = _read_checked(path, "list", problems, trust_recorded=trust)
        if document is None:
            raw.broken_lists.update(_written_name(path, "list") or {path.stem})
            continue
        if trusted:
            raw.trusted.add(path)
        if not found:
            name = str(document["list"])
            if name in raw.lists:  # a copied list file: the later one would win unseen
                problems.append(
                    Problem(
                        f"data list {name!r} is defined twice in this pack, also in "
                        f"{raw.lists[name][0]}; rename one, or merge them",
                        str(path),
                        document.line_of("list"),
                    )
                )
                continue
            raw.lists[name] = (path, document)
        else:
            written = document.get("list")
            name = written if isinstance(written, str) else path.stem
            raw.broken_lists.add(name)
            raw.rejected_lists.setdefault(name, []).append((path, document))
    return raw


_NAME_SCAN_BYTES = 65536  # how much of an unreadable file is searched for its name
# The id a rule file's name starts with (``<ID>-<name>.yaml``, checked for every rule).
_ID_IN_FILE_NAME = re.compile(r"^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[0-9]{3})-")


def _written_name(path: Path, key: str) -> set[str]:
    """The name a file that does not read as YAML gives itself (its ``key:`` line), if
    its text shows one: the rules, composites, ``disable`` entries and fixture
    expectations naming it are then not also told it is unknown (QA round 12: the
    follow-up error came first and sent the author to the wrong file). A UTF-16 file
    (refused: not UTF-8) is searched as UTF-16."""
    try:
        with path.open("rb") as handle:
            head = _head_text(handle.read(_NAME_SCAN_BYTES))
    except OSError:
        return set()
    found = re.search(rf"(?m)^{key}[ \t]*:[ \t]*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)", head)
    return {found.group(1)} if found else set()


def _head_text(head: bytes) -> str:
    """The text of a file's first bytes: UTF-16 when a BOM or NUL bytes say so."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if head[1:2] == b"\x00":
        return head.decode("utf-16-le", errors="replace")
    if head[:1] == b"\x00":
        return head.decode("utf-16-be", errors="replace")
    return head.decode("utf-8", errors="replace")


def _id_of_file_name(path: Path) -> set[str]:
    """The rule id a rule file's name gives (``ACME-CUST-001-customer-id.yaml``): an
    empty or comment-only file, or one whose text shows no ``id:``, still names its
    rule, so what names that rule is not also told it is unknown (QA round 19)."""
    found = _ID_IN_FILE_NAME.match(path.name)
    return {found.group(1)} if found else set()


def _check_file_name(
    path: Path, doc: LineDict, places: Sequence[Location], problems: list[Problem]
) -> None:
    """A rule file is named ``<id>-<name>.yaml`` (when both read well)."""
    rule_id, name = doc.get("id"), doc.get("name")
    if not isinstance(rule_id, str) or not isinstance(name, str):
        return
    if _touched(places, ("id",)) or _touched(places, ("name",)):
        return
    expected = f"{rule_id}-{name}"
    if path.stem != expected:
        problems.append(Problem(f"file name should be {expected}.yaml (id-name)", str(path), 1))


def _touched(places: Sequence[Location], part: Location) -> bool:
    """Whether a schema problem sits in ``part`` of a document, or in what holds it
    (a problem about the whole document, such as a missing key, does not count)."""
    return any(
        place and (place[: len(part)] == part or part[: len(place)] == place) for place in places
    )


def _text(value: Mapping[str, str]) -> Text:
    return Text(en=str(value["en"]), ja=str(value["ja"]))


def _compiled_parts(
    path: Path,
    doc: LineDict,
    lists: Mapping[str, tuple[str, ...]],
    skip: Callable[[Location], bool],
    *,
    trusted: bool = False,
) -> tuple[list[Detector], Hotwords | None, list[Problem]]:
    """Each detector and the hotwords of ``doc`` compiled on their own, so one bad
    detector does not hide the next; parts for which ``skip`` is true (a schema
    problem sits there) are left out. ``trusted`` (a recorded shipped file, which
    compiled when it was recorded) lets patterns compile when first used."""
    owner = doc.get("id") if isinstance(doc.get("id"), str) else path.name
    detectors: list[Detector] = []
    problems: list[Problem] = []
    entries = doc.get("detect")
    for i, entry in enumerate(entries if isinstance(entries, list) else ()):
        if skip(("detect", i)) or not isinstance(entry, Mapping) or len(entry) != 1:
            continue
        ((name, params),) = entry.items()
        try:
            detectors.append(build_detector(name, params, lists, trusted=trusted))
        except DetectorConfigError as exc:
            location = ("detect", i, name, *exc.path)
            problems.append(Problem(f"{owner}: {exc}", str(path), line_at(doc, location)))
        except ValueError as exc:  # a word list re2 cannot hold (words.WordMatcher)
            location = ("detect", i, name)
            problems.append(Problem(f"{owner}: {exc}", str(path), line_at(doc, location)))
    hotwords = None
    if "hotwords" in doc and not skip(("hotwords",)):
        try:
            hotwords = Hotwords(doc["hotwords"], lists)
        except DetectorConfigError as exc:
            line = line_at(doc, ("hotwords", *exc.path))
            problems.append(Problem(f"{owner}: {exc}", str(path), line))
        except ValueError as exc:
            problems.append(Problem(f"{owner}: {exc}", str(path), line_at(doc, ("hotwords",))))
    return detectors, hotwords, problems


def _nothing_skipped(_: Location) -> bool:
    return False


def compile_rule(
    path: Path,
    doc: LineDict,
    pack: str,
    lists: Mapping[str, tuple[str, ...]],
    *,
    trusted: bool = False,
) -> Rule:
    """One rule document to a :class:`Rule`; bad detector parameters raise
    :class:`RuleProblems`, each with its line. ``trusted`` as in :func:`_compiled_parts`."""
    detectors, hotwords, problems = _compiled_parts(
        path, doc, lists, _nothing_skipped, trusted=trusted
    )
    if problems:
        raise RuleProblems(problems)
    applies = frozenset(ContactClass(c) for c in doc["applies_to"] if c != "any")
    evidence = doc.get("evidence")
    return Rule(
        id=str(doc["id"]),
        name=str(doc["name"]),
        pack=pack,
        path=path,
        line=doc.line,
        description=_text(doc["description"]),
        category=Category(doc["category"]),
        severity=Severity.parse(doc["severity"]),
        applies_to=ALL_CLASSES if "any" in doc["applies_to"] else applies,
        detectors=tuple(detectors),
        message=_text(doc["message"]),
        recommendation=_text(doc["recommendation"]),
        references=tuple(str(r) for r in doc["references"]),
        match_all=doc.get("match", "all") == "all",
        confidence=float(doc.get("confidence", 1.0)),
        min_confidence=float(doc.get("min_confidence", 0.5)),
        hotwords=hotwords,
        evidence=Evidence(
            ContactClass(evidence["towards"]),
            float(evidence["weight"]),
            bool(evidence.get("veto", False)),
            bool(evidence.get("settles", False)),
        )
        if evidence
        else None,
        report=bool(doc.get("report", True)),
        placeholder_guard=bool(doc.get("placeholder_guard", True)),
        examples=dict(doc["examples"]),
        special_care=str(doc.get("special_care", "")),
    )


def load_packs(
    directories: Iterable[Path],
    extra_lists: Mapping[str, tuple[str, ...]] = {},
    *,
    trust_recorded: bool = False,
    trusted_packs: Collection[Path] = (),
) -> LoadResult:
    """Read, check and compile packs in order; later packs override earlier ones.

    ``trust_recorded`` skips the schema check of files recorded as having passed
    it (:mod:`piiaudit.engine.checked`); the engine's start-up sets it,
    ``rules validate`` does not. ``trusted_packs`` are read so although the others are
    not: ``rules validate`` of a company's packs reads the shipped packs beneath them
    that way (checking all of them anew cost ~2 s a run, every run reporting nothing
    new), and checks the shipped packs in full when they are what it validates.
    """
    result = LoadResult()
    directories = list(directories)
    beneath = {d.resolve() for d in trusted_packs}
    trusting = [trust_recorded or d.resolve() in beneath for d in directories]
    raws = [
        read_pack(d, result.problems, trust_recorded=trust)
        for d, trust in zip(directories, trusting, strict=True)
    ]
    for raw, trust in zip(raws, trusting, strict=True):
        # A rule file nothing reads would silently not run (QA rounds 6, 12).
        if not (trust and is_shipped_pack(raw.path)):  # the suite checks those
            result.problems.extend(unread_files(raw.path))
    merged = merge_lists(
        [raw.lists for raw in raws],
        [name for raw in raws for name in raw.broken_lists],
        extra_lists,
        result.problems,
    )
    result.lists = merged.lists
    by_id: dict[str, Rule] = {}
    broken: set[str] = {i for raw in raws for i in raw.broken_rules}  # problem reported
    disabled: set[str] = set()
    dangling: set[str] = set()  # ids whose override: true found no earlier rule
    pack_ids: dict[str, Path] = {}
    said: set[tuple[str, int]] = set()  # mail-domain entries reported already
    rejected_lists: dict[str, list[tuple[Path, LineDict]]] = {}
    for raw in raws:
        for name, documents in raw.rejected_lists.items():
            rejected_lists.setdefault(name, []).extend(documents)
    trusted_files = {path for raw in raws for path in raw.trusted}  # recorded as passing
    for index, raw in enumerate(raws):
        pack = _pack(raw)
        for path, doc, places in raw.rejected:
            written = doc.get("id")
            broken.update({written} if isinstance(written, str) else _id_of_file_name(path))
            result.problems.extend(_other_problems(path, doc, places, result.lists))
        for path, doc in raw.rules:
            rule_id = str(doc["id"])
            if not trusting[index]:  # rules validate: a counting hint missing stops no scan
                result.problems.extend(special_care_problems(path, doc))
            result.problems.extend(settles_problems(path, doc))
            result.problems.extend(
                mail_domain_problems(path, doc, merged, trusted_files, said, rejected_lists)
            )
            if rule_id in by_id and by_id[rule_id].path.parent == path.parent:
                # override replaces an earlier pack's rule; within one pack, one file wins
                # silently by name order, so it is a mistake either way.
                first = by_id[rule_id]
                result.problems.append(
                    Problem(
                        f"duplicate rule id {rule_id} in this pack (first in "
                        f"{first.path}:{first.line}); give one of them another id",
                        str(path),
                        doc.line_of("id"),
                    )
                )
                continue
            if rule_id in by_id and not doc.get("override", False):
                result.problems.append(_duplicate(rule_id, by_id[rule_id], path, doc, dangling))
                continue
            if doc.get("override", False) and rule_id not in by_id:
                later = _defined_later(rule_id, raws[index + 1 :])
                result.problems.append(_nothing_to_override(rule_id, path, doc, later))
                dangling.add(rule_id)
            try:
                trusted = path in raw.trusted
                rule = compile_rule(path, doc, pack.id, result.lists, trusted=trusted)
            except RuleProblems as exc:
                result.problems.extend(exc.problems)
                broken.add(rule_id)
                continue
            by_id[rule_id] = rule
            pack.rules.append(rule)
        if raw.meta is not None:
            pack_file = raw.path / PACK_FILE
            reused = pack_id_problem(pack.id, pack_file, raw.meta, pack_ids)
            result.problems.extend([reused] if reused else [])
            own = [str(doc.get("id")) for _, doc in raw.rules]
            own += [str(doc.get("id")) for _, doc, _ in raw.rejected]
            result.problems.extend(own_disable_problems(raw.meta, pack_file, pack.disable, own))
        for rule_id in pack.disable:
            if rule_id not in by_id and rule_id not in broken and raw.meta is not None:
                line = line_at(raw.meta, ("disable", list(raw.meta["disable"]).index(rule_id)))
                result.problems.append(
                    Problem(f"disable: no rule {rule_id}", str(raw.path / PACK_FILE), line)
                )
            disabled.add(rule_id)
        if raw.meta is not None:
            result.packs.append(pack)
    result.broken = broken
    result.defined = set(by_id)
    effective = [r for r in by_id.values() if r.id not in disabled]
    _check_composites(effective, by_id.keys() | broken, result.problems)
    result.problems.extend(silent_rule_problems(by_id.values()))
    plain = [r for r in effective if not r.is_composite]
    result.rules = plain + _order_composites([r for r in effective if r.is_composite])
    return result


def _defined_later(rule_id: str, raws: Sequence[RawPack]) -> Path | None:
    """The file of a later pack that defines ``rule_id`` without ``override``."""
    for raw in raws:
        for path, doc in raw.rules:
            if doc.get("id") == rule_id and not doc.get("override", False):
                return path
    return None


def _nothing_to_override(rule_id: str, path: Path, doc: LineDict, later: Path | None) -> Problem:
    """``override: true`` with no earlier rule: a misspelt id, or the load order."""
    message = f"override: true but no earlier rule {rule_id} to override"
    if later is not None:
        message += f": it is defined in {later}, whose pack loads after this one ({ORDER_HINT})"
    return Problem(message, str(path), doc.line_of("override"))


def _duplicate(rule_id: str, first: Rule, path: Path, doc: LineDict, dangling: set[str]) -> Problem:
    """A second definition of an id; when the first one was meant to override this one,
    the fix is the load order, not ``override: true`` here (QA round 12)."""
    if rule_id in dangling:
        hint = f"that file loads first and meant to override this one; {ORDER_HINT}"
    else:
        hint = "set override: true to replace it"
    return Problem(
        f"duplicate rule id {rule_id} (first in {first.path}:{first.line}; {hint})",
        str(path),
        doc.line_of("id"),
    )


def _pack(raw: RawPack) -> Pack:
    """The pack of ``raw``; when its ``pack.yaml`` is unusable (reported already), a
    stand-in named after the folder, so its rules are still checked."""
    if raw.meta is None:
        return Pack(raw.path.name, "", Text(en="", ja=""), raw.path)
    return Pack(
        str(raw.meta["id"]),
        str(raw.meta["version"]),
        _text(raw.meta["description"]),
        raw.path,
        disable=tuple(raw.meta.get("disable", ())),
    )


def _other_problems(
    path: Path,
    doc: LineDict,
    places: Sequence[Location],
    lists: Mapping[str, tuple[str, ...]],
) -> list[Problem]:
    """What compiling a rule that failed the schema finds besides: each detector and
    the hotwords where the schema found nothing wrong (a bad regex, an unknown list)."""

    def skip(part: Location) -> bool:
        return _touched(places, part)

    return _compiled_parts(path, doc, lists, skip)[2]


def _check_composites(rules: Sequence[Rule], known: Iterable[str], problems: list[Problem]) -> None:
    """Composites that can never fire: one naming an unknown rule, rules that need each
    other (a cycle: none of them ever fires), ``min_any`` above the rules ``any`` names."""
    known = set(known)
    for rule in rules:
        for needed in rule.requires:
            if needed not in known:
                problems.append(
                    Problem(
                        f"{rule.id}: composite needs unknown rule {needed}",
                        str(rule.path),
                        rule.line,
                    )
                )
        for detector in rule.detectors:
            if isinstance(detector, CompositeDetector) and 0 < len(detector.any) < detector.min_any:
                problems.append(
                    Problem(
                        f"{rule.id}: min_any is {detector.min_any} but any names "
                        f"{len(detector.any)} rules, so it can never fire",
                        str(rule.path),
                        rule.line,
                    )
                )
    composites = {rule.id: rule for rule in rules if rule.is_composite}
    for cycle in _cycles(composites):
        first = composites[cycle[0]]
        shown = " -> ".join(cycle)
        problems.append(
            Problem(
                f"{first.id}: composite rules need each other ({shown}), so none of them "
                "ever fires",
                str(first.path),
                first.line,
            )
        )


def _needs(rule: Rule) -> tuple[str, ...]:
    """The rules ``rule`` cannot fire without: every ``all`` name, and the ``any`` names
    when ``min_any`` asks for all of them (with fewer, a cycle through one of them can
    be bypassed by the others, and the rule may fire: review 8)."""
    needed: list[str] = []
    for detector in rule.detectors:
        if isinstance(detector, CompositeDetector):
            needed.extend(detector.all)
            if detector.any and detector.min_any >= len(detector.any):
                needed.extend(detector.any)
    return tuple(needed)


def _cycles(composites: Mapping[str, Rule]) -> list[list[str]]:
    """Each cycle among what the composites need (:func:`_needs`), once, as ``[a, ..., a]``."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    finished: set[str] = set()

    def visit(path: list[str]) -> None:
        for needed in _needs(composites[path[-1]]):
            if needed not in composites or needed in finished:
                continue
            if needed in path:
                cycle = [*path[path.index(needed) :], needed]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    found.append(cycle)
                continue
            visit([*path, needed])
        finished.add(path[-1])

    for rule_id in composites:
        if rule_id not in finished:
            visit([rule_id])
    return found


def _order_composites(rules: list[Rule]) -> list[Rule]:
    """Composites that need other composites run after them (file order otherwise)."""
    ordered: list[Rule] = []
    pending = list(rules)
    while pending:
        done = {r.id for r in ordered}
        ready = [
            r
            for r in pending
            if all(n in done or n not in {p.id for p in pending} for n in r.requires)
        ]
        if not ready:  # a cycle: keep file order, the cycle simply never fires
            ordered.extend(pending)
            break
        ordered.extend(ready)
        pending = [r for r in pending if r not in ready]
    return ordered


def load_or_raise(
    directories: Iterable[Path], extra_lists: Mapping[str, tuple[str, ...]] = {}
) -> LoadResult:
    """:func:`load_packs` for an engine (files recorded as checked are trusted),
    raising the first problem as :class:`RulePackError`."""
    result = load_packs(directories, extra_lists, trust_recorded=True)
    if result.problems:
        first = result.problems[0]
        more = (
            f" (and {len(result.problems) - 1} more; run 'piiaudit rules validate')"
            if len(result.problems) > 1
            else ""
        )
        raise RulePackError(first.message + more, first.path, first.line)
    return result
