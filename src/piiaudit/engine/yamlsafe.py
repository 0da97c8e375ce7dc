"""Safe YAML reading that remembers where every value came from.

Rule packs and company profiles are written by people, and sometimes by people
who mean harm. This reader composes the YAML with a :class:`yaml.SafeLoader`
(no Python object tags), refuses files over a size cap, refuses non-standard
tags, counts nodes as aliases are expanded (so a "billion laughs" document stops
early instead of eating memory) and records the line of every mapping key and
sequence item, so that every later error can name ``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import yaml

from piiaudit.errors import RulePackError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
# Characters of all scalars as aliases expand them. Nodes alone let 2,000 aliases of one
# 1 MB string through: validating and normalising 2 GB of text took 2.1 GB of memory
# (security review, QA round 7). No document within the size limit needs more.
MAX_EXPANDED_CHARS = 32 * 1024 * 1024
MAX_DEPTH = 100  # reported when PyYAML's recursive composer runs out of stack

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class LineDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _Converter:
    """Turns composed nodes into plain values, bounded in size and free of cycles."""

    def __init__(self, path: str, constructor: yaml.constructor.SafeConstructor) -> None:
        self.path = path
        self.constructor = constructor
        self.nodes = 0
        self.chars = 0
        self.stack: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> RulePackError:
        return RulePackError(message, self.path, node.start_mark.line + 1)

    def convert(self, node: yaml.Node) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"document too large after alias expansion (> {MAX_NODES} nodes)")
        if id(node) in self.stack:
            raise self.fail(node, "recursive alias: a node contains itself")
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
            if self.chars > MAX_EXPANDED_CHARS:
                raise self.fail(
                    node,
                    f"document too large after alias expansion (> {MAX_EXPANDED_CHARS} characters)",
                )
            if node.tag not in _SCALAR_TAGS:
                raise self.fail(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
            value = self.constructor.construct_object(node)
            if not isinstance(value, (str, int, float, bool)) and value is not None:
                return str(value)  # timestamps: keep the text, rules read dates as text
            return value
        self.stack.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node)
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node)
        finally:
            self.stack.discard(id(node))
        raise self.fail(node, "unsupported YAML node")

    def _sequence(self, node: yaml.SequenceNode) -> LineList:
        if node.tag != _SEQ_TAG:
            raise self.fail(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
        out = LineList(self.convert(item) for item in node.value)
        out.line = node.start_mark.line + 1
        out.item_lines = [item.start_mark.line + 1 for item in node.value]
        return out

    def _mapping(self, node: yaml.MappingNode) -> LineDict:
        if node.tag != _MAP_TAG:
            raise self.fail(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "merge keys (<<) are not supported")
            key = self.convert(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise self.fail(key_node, f"duplicate key {key!r}")
            out[key] = self.convert(value_node)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out


_Loader = yaml.SafeLoader | yaml.CSafeLoader
_LoaderClass = type[yaml.SafeLoader] | type[yaml.CSafeLoader]
# Text the two scanners may read differently, always left to the pure-Python
# path: characters its reader refuses, tabs, Unicode line breaks and byte-order
# marks, a block scalar header running into a comment (``|#``, which libyaml
# accepts and PyYAML refuses) and anything that may be a tag (a bare ``!`` is
# an empty string to libyaml, null to PyYAML; the converter refuses tags anyway).
# Found by tests/engine/test_yamlsafe_fast.py.
_SLOW_TEXT = re.compile(
    f"{yaml.reader.Reader.NON_PRINTABLE.pattern}|[\t\x85\u2028\u2029\ufeff]"
    r"|[|>][-+0-9]*#|(?<![^\s\[\]{},:?-])!"
)


def _fast_ok(text: str) -> bool:
    return _SLOW_TEXT.search(text) is None


_FastLoader: _LoaderClass | None = None
if yaml.__with_libyaml__:  # PyYAML built with libyaml (the wheels are)
    import yaml._yaml

    class _CParsedLoader(
        yaml.composer.Composer,
        yaml._yaml.CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """libyaml's parser with PyYAML's own composer, safe constructor and resolver.

        Only scanning and parsing move to C. Composing stays in Python: libyaml's
        composer recurses in C without a depth limit, while Python's raises
        ``RecursionError``, which :func:`load_yaml` reports with a line."""

        def __init__(self, stream: str) -> None:
            yaml._yaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastLoader = cast("_LoaderClass", _CParsedLoader)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RulePackError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    if size > MAX_FILE_BYTES:
        raise RulePackError(
            f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit for YAML files",
            str(path),
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        data = path.read_bytes()
        line = data.count(b"\n", 0, exc.start) + 1
        raise RulePackError(
            "not UTF-8 text (save the file as UTF-8; Windows editors may have saved it "
            "as Shift_JIS or UTF-16)",
            str(path),
            line,
        ) from None
    except OSError as exc:
        raise RulePackError(f"cannot read: {exc.strerror or exc}", str(path)) from None


def _nodes(text: str, path: str, loader_class: _LoaderClass) -> Iterator[tuple[yaml.Node, _Loader]]:
    try:
        loader = loader_class(text)  # checks the characters first: may raise ReaderError
    except yaml.reader.ReaderError as exc:
        where = text.count("\n", 0, exc.position) + 1
        raise RulePackError(
            f"invalid YAML: character #x{exc.character:04x} is not allowed", path, where
        ) from None
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                yield node, loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = f"{exc.problem or exc}"
        # Not over PyYAML's own tab problem (the tab hint is exact): review 8.
        typed = _full_width_at(text, line) if line and "'\\t'" not in problem else None
        if typed is not None:  # PyYAML trips a line later, on what the IME typed before
            line, hint = typed
            raise RulePackError(f"invalid YAML: {problem} ({hint})", path, line) from None
        raise RulePackError(f"invalid YAML: {problem}{_hint(problem)}", path, line) from None
    except yaml.YAMLError as exc:
        raise RulePackError(f"invalid YAML: {exc}", path) from None
    finally:
        loader.dispose()


_FULL_WIDTH_COLON = re.compile(r"^[ \t]*[^\s:#：][^:#：]*：")
_FULL_WIDTH_INDENT = re.compile(r"^ *\u3000")


def _full_width_at(text: str, line: int) -> tuple[int, str] | None:
    """The line, at or up to two above PyYAML's, where a Japanese IME typed YAML's syntax
    full-width: ``severity： low`` (no key: PyYAML complains on the next line) or a
    full-width space in the indentation; with what to type instead."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(0, line - 3), -1):
        content = lines[number - 1]
        if _FULL_WIDTH_INDENT.match(content):
            return number, "indent with half-width spaces, not the full-width space"
        if _FULL_WIDTH_COLON.match(content):
            return number, "a key ends with a half-width ':', not the full-width '：'"
    return None


def _hint(problem: str) -> str:
    """What PyYAML's own words mean for someone editing a rule file by hand."""
    if "'\\t'" in problem:
        return " (indent with spaces, not tabs)"
    if "expected <block end>" in problem or "mapping values are not allowed" in problem:
        return " (check the indentation of this line and the one above it)"
    return ""


def load_yaml(path: Path) -> Any:
    """Read one YAML document from ``path`` with line information (``None`` if empty).

    Scanning and parsing run in libyaml when PyYAML has it (about five times
    faster than the pure-Python scanner, most of an engine's set-up time); the
    nodes are still composed in Python, so the same limits apply and the same
    lines are recorded. Text the two scanners might read differently (characters
    the pure-Python reader refuses, Unicode line breaks) and every document that
    fails in any way go through the pure-Python path, so accepted files and error
    messages are exactly what they were (``tests/engine/test_yamlsafe_fast.py``)."""
    text = _read_text(path)
    if _FastLoader is not None and _fast_ok(text):
        try:
            return _one_document(text, str(path), _FastLoader)
        except Exception:
            # Reported as it always was: the pure-Python path meets it again.
            return _one_document(text, str(path), yaml.SafeLoader)
    return _one_document(text, str(path), yaml.SafeLoader)


def _one_document(text: str, path: str, loader_class: _LoaderClass) -> Any:
    documents = []
    try:
        for node, loader in _nodes(text, path, loader_class):
            documents.append(_Converter(path, loader).convert(node))
    except RecursionError:  # PyYAML composes nested collections recursively
        raise RulePackError(
            f"nested too deeply (more than {MAX_DEPTH} levels of lists or mappings)",
            path,
            _too_deep_at(text),
        ) from None
    if len(documents) > 1:
        raise RulePackError("expected one YAML document, found several", path)
    return documents[0] if documents else None


def _too_deep_at(text: str) -> int | None:
    """The line where nesting first passes :data:`MAX_DEPTH`, found without recursion."""
    loader = yaml.SafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return int(mark.line) + 1 if mark is not None else None
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def line_at(document: Any, location: tuple[str | int, ...]) -> int | None:
    """The line of the value at ``location`` (a JSON path), or of its nearest parent."""
    line: int | None = getattr(document, "line", None)
    current = document
    for step in location:
        if isinstance(current, LineDict) and isinstance(step, str) and step in current:
            line, current = current.line_of(step), current[step]
            continue
        if isinstance(current, LineList) and isinstance(step, int) and step < len(current):
            line, current = current.line_of(step), current[step]
            continue
        break
    return line
