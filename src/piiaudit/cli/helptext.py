"""``--help`` in the user's language.

Reports, errors and warnings follow the run's language (``--lang``, else the locale);
the help was English only, so a Japanese employee checking their own phone before
leaving read ``piiaudit scan --help`` in English. The English help stays where it is
written (docstrings, ``help=``, epilogs): it is the source, and English runs use the
command tree typer builds, untouched. For another language, :func:`localize` puts the
catalog's texts into that tree before it runs.

The wording is data: ``cli/help.yaml``, keyed by the English text as click shows it.
Click's own words on the help screen ("Usage:", "Options", "[required]", the help
option's help) are translated by a help formatter of the command's context, which
also wraps Japanese by display width (click counts characters and breaks only at
spaces: a Japanese paragraph ran twice as wide as the terminal). A text the catalog
does not know is shown in English: help must never be lost over its wording.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer
from rich.cells import cell_len

from piiaudit.reporters.problems import Catalog, compile_catalog
from piiaudit.reporters.wrap import fold
from piiaudit.resources import package_path, read_shipped_yaml

if TYPE_CHECKING:  # typer's click (its own copy since 0.2x, click itself before)
    from typer._click.formatting import HelpFormatter
else:
    HelpFormatter = typer.Context.formatter_class

__all__ = [
    "CATALOG",
    "SOURCE_LANG",
    "LocalizedFormatter",
    "PlainArgumentsFormatter",
    "catalog_entries",
    "help_key",
    "help_texts",
    "localize",
]

CATALOG = package_path("cli", "help.yaml")
SOURCE_LANG = "en"
NO_REWRAP = "\b"  # click: the paragraph after a line holding only this is printed as written
_NO_REWRAP_IN_CATALOG = "\\b"  # the same line as the catalog writes it (YAML shows no \x08)
_NOTES = re.compile(r"(?P<help>.*?)(?P<gap> *)\[(?P<notes>[^\[\]]+)\]", re.DOTALL)
_SENTENCE_END = "。"
_ARGUMENT_TYPE = re.compile(r"(?P<name>\S+) <(?P<type>[^<>]*)>")  # typer's "PATH <list[str]>"


def help_key(text: str) -> str:
    """The catalog's key for a help text: the text as click shows it (``inspect.cleandoc``),
    its ``\\b`` marker lines written as ``\\b``."""
    return inspect.cleandoc(text).replace(NO_REWRAP, _NO_REWRAP_IN_CATALOG)


def help_texts(command: Any, name: str = "") -> Iterator[tuple[str, str]]:
    """Each help text of ``command`` and its sub-commands, with where it is (``scan
    --jobs``): command help, short help, epilog, and every option's and argument's."""
    for where, text in (
        (name, command.help),
        (f"{name} (short help)", command.short_help),
        (f"{name} (epilog)", command.epilog),
    ):
        if text:
            yield where.strip(), text
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            yield f"{name} {param.opts[0] if param.opts else param.name}".strip(), text
    for sub_name, sub in getattr(command, "commands", {}).items():
        yield from help_texts(sub, f"{name} {sub_name}".strip())


def localize(command: Any, lang: str, keep: Mapping[str, str] | None = None) -> Any:
    """``command`` (the click tree of ``typer.main.get_command``) with its help in
    ``lang``: each command's help, short help and epilog, each parameter's help, and
    click's own words. The tree is changed in place and returned; in English only its
    help formatter is set (:class:`PlainArgumentsFormatter`).

    ``keep`` names sub-commands of the root that speak a language of their own (the
    ``rules`` commands: English): their help is left as it is when that is not
    ``lang``."""
    context_class = _context_class(lang)
    if lang == SOURCE_LANG:
        _set_context_class(command, context_class)
        return command
    texts = _catalog().texts.get(lang, {})

    def walk(cmd: Any) -> None:
        cmd.context_class = context_class
        translated = _translated(cmd.help, texts)
        if cmd.short_help:
            cmd.short_help = _translated(cmd.short_help, texts)
        elif translated != cmd.help:
            cmd.short_help = _first_sentence(translated)
        cmd.help = translated
        cmd.epilog = _translated(cmd.epilog, texts)
        for param in cmd.params:
            if getattr(param, "help", None):
                param.help = _translated(param.help, texts)
        for name, sub in getattr(cmd, "commands", {}).items():
            if cmd is command and keep and keep.get(name, lang) != lang:
                _set_context_class(sub, _context_class(keep[name]))  # its own language
                continue
            walk(sub)

    walk(command)
    return command


def _set_context_class(command: Any, context_class: type[typer.Context]) -> None:
    command.context_class = context_class
    for sub in getattr(command, "commands", {}).values():
        _set_context_class(sub, context_class)


def _translated(text: str | None, texts: Mapping[str, str]) -> str | None:
    """``text`` from the catalog, its ``\\b`` lines made click's marker again; as it is
    when the catalog does not know it."""
    if not text:
        return text
    found = texts.get(help_key(text))
    if found is None:
        return text
    return "\n".join(
        NO_REWRAP if line == _NO_REWRAP_IN_CATALOG else line for line in found.split("\n")
    )


def _first_sentence(text: str | None) -> str | None:
    """A command's short help in the root's command list: the first sentence of its help.
    Click shortens the help at a space after a "." (none in Japanese), else at a width."""
    if not text:
        return text
    first = inspect.cleandoc(text).split("\n\n")[0].replace("\n", " ")
    head, end, _ = first.partition(_SENTENCE_END)
    return head + end


@dataclass(frozen=True)
class _HelpCatalog:
    """``help.yaml`` read: help texts by language and English key, and click's words."""

    texts: Mapping[str, Mapping[str, str]]
    words: Catalog


@functools.cache
def _catalog() -> _HelpCatalog:
    data = read_shipped_yaml(CATALOG)
    texts: dict[str, dict[str, str]] = {}
    for entry in data["help"]:
        source = entry[SOURCE_LANG]
        for lang, text in entry.items():
            if lang != SOURCE_LANG:
                texts.setdefault(lang, {})[source] = text
    words = compile_catalog({"messages": data["words"]}, str(CATALOG))
    return _HelpCatalog(texts, words)


def catalog_entries() -> list[dict[str, str]]:
    """The catalog's help entries as written (for the tests that hold it to the code)."""
    entries: list[dict[str, str]] = read_shipped_yaml(CATALOG)["help"]
    return entries


@functools.cache
def _context_class(lang: str) -> type[typer.Context]:
    """A click context whose help formatter speaks ``lang``: click builds every help
    screen and usage line with ``ctx.make_formatter()``, so the help option's, the usage
    error's and the no-argument help's are in ``lang`` too."""
    base = PlainArgumentsFormatter if lang == SOURCE_LANG else LocalizedFormatter
    formatter = type(f"HelpFormatter_{lang}", (base,), {"lang": lang})
    context: type[typer.Context] = type(
        f"Context_{lang}", (typer.Context,), {"formatter_class": formatter}
    )
    return context


class PlainArgumentsFormatter(HelpFormatter):
    """Click's help formatter, with the arguments named as the usage line names them.

    Recent typer versions list an argument with its Python type (``PATH <list[str]>``,
    ``INPUT <str>``): words a user of a command line has no use for. The Arguments
    section shows ``PATH...`` and ``INPUT``, as click writes them in the usage line."""

    lang = SOURCE_LANG
    _in_arguments = False  # the section being written is "Arguments"

    def word(self, text: str) -> str:
        """One of click's words in :attr:`lang` (here: English, as click writes it)."""
        return text

    def write_heading(self, heading: str) -> None:
        self._in_arguments = heading == "Arguments"
        super().write_heading(self.word(heading))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl(self._plain_terms(rows), col_max, col_spacing)

    def _plain_terms(self, rows: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        if not self._in_arguments:
            return list(rows)
        return [(_plain_argument(term), text) for term, text in rows]


def _plain_argument(term: str) -> str:
    """``PATH <list[str]>`` -> ``PATH...``; ``INPUT <str>`` -> ``INPUT``."""
    match = _ARGUMENT_TYPE.fullmatch(term)
    if match is None:
        return term
    many = match["type"].startswith(("list[", "tuple[")) and not match["name"].endswith("...")
    return match["name"] + ("..." if many else "")


class LocalizedFormatter(PlainArgumentsFormatter):
    """Click's help formatter with click's own words in :attr:`lang` and text wrapped by
    display width, breaking between Japanese characters (:func:`piiaudit.reporters.wrap.fold`).
    Only the localized command tree uses it: English help is click's own (with
    :class:`PlainArgumentsFormatter`'s argument names)."""

    def word(self, text: str) -> str:
        """One of click's words in :attr:`lang`; as it is when the catalog lacks it."""
        found = _catalog().words.find(text, self.lang)
        return text if found is None else found

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{self.word('Usage:')} " if prefix is None else prefix)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in _fill(text, self.width - self.current_indent):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Click's definition list (options, commands), measured in display cells."""
        rows = [(term, self._described(text)) for term, text in self._plain_terms(rows)]
        first_col = min(max((cell_len(term) for term, _ in rows), default=0), col_max)
        first_col += col_spacing
        indent = " " * self.current_indent
        for term, text in rows:
            self.write(f"{indent}{term}")
            if not text:
                self.write("\n")
                continue
            if cell_len(term) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(term)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = _fill(text, max(self.width - first_col - 2, 10)) or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first_col}{line}\n" if line else "\n")

    def _described(self, text: str) -> str:
        """A definition's text with click's words in :attr:`lang`: the help option's own
        help, and the notes typer appends ("  [default: self]", "[required]")."""
        if not text:
            return text
        whole = self.word(text)
        if whole != text:
            return whole
        match = _NOTES.fullmatch(text)
        if match is None:
            return text
        notes = match["notes"].split("; ")
        translated = [self.word(note) for note in notes]
        if translated == notes:
            return text  # brackets of the help itself, not click's notes
        return f"{match['help']}{match['gap']}[{'; '.join(translated)}]"


def _fill(text: str, width: int) -> list[str]:
    """``text`` as click's ``wrap_text`` lays out help paragraphs (blank lines between
    them; a paragraph after a ``\\b`` line as written, indented alike), other paragraphs
    folded to ``width`` display cells, breaking between Japanese characters."""
    lines: list[str] = []
    for paragraph in _paragraphs(text):
        if lines:
            lines.append("")
        if paragraph[0].strip() == NO_REWRAP:
            lines.extend(paragraph[1:])
            continue
        stripped = paragraph[0].lstrip()
        extra = " " * (len(paragraph[0]) - len(stripped))
        joined = _joined([stripped, *(line.strip() for line in paragraph[1:])])
        lines.extend(extra + line for line in fold(joined, max(width - len(extra), 2)))
    return lines


def _paragraphs(text: str) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _joined(lines: list[str]) -> str:
    """A paragraph's lines as one: a space between them, as click joins them, but none
    between two Japanese characters (a line break in Japanese is no space)."""
    out = ""
    for line in lines:
        if out and not (cell_len(out[-1]) == 2 and cell_len(line[0]) == 2):
            out += " "
        out += line
    return out
