"""``piiaudit split``: business / private / review files, each card copied byte for byte.

The promise is that the three outputs together hold every input card exactly
once, byte-identical, so importing them gives back exactly the original contacts
(same encoding, line endings and version). The one addition is the ``END:VCARD``
line of a card that had none (the reader closed it at the next card or the end of
the file): without it the card would run into the next one in its output file, or
stay unterminated, and importers refuse both. The workflow is: read and decide
everything (:func:`read_plan`), let a person correct the doubtful ones
(:mod:`piiaudit.handover.interactive`), check every target, then write all files
through temporary owner-only files that are renamed into place together at the
end (:func:`write_split`): a failure leaves no partial hand-over.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, cast

from piiaudit.errors import InputError
from piiaudit.handover.decide import Evaluator
from piiaudit.handover.digest import stream_sha256
from piiaudit.handover.manifest import (
    MANIFEST_NAME,
    OutputSummary,
    build_manifest,
    render_manifest,
)
from piiaudit.handover.overrides import MadeFor, Override, OverrideSet, render_overrides
from piiaudit.handover.plan import ORDER, SplitPlan, build_plan, find_gaps
from piiaudit.handover.safety import os_errors
from piiaudit.model import ParseIssue
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.csv_rewrite import rewritten
from piiaudit.parsers.vcard_reader import MIXED_ENCODING
from piiaudit.safeio import private_file
from piiaudit.textnorm import readable

_HEAD = 4


@dataclass(frozen=True, slots=True)
class SavedOverrides:
    """An override file to write beside the outputs (the ``--interactive`` answers).

    It is rendered when the outputs are written, with the SHA-256 of the input then
    read, so the file records the export its ``index:`` entries belong to.
    """

    path: Path
    overrides: tuple[Override, ...]
    header: tuple[str, ...] = ()

    def text(self, input_name: str, input_sha256: str) -> str:
        made_for = MadeFor(sha256=input_sha256, file=input_name)
        return render_overrides(self.overrides, self.header, made_for)


def read_plan(
    path: Path, evaluator: Evaluator, options: ParseOptions, overrides: OverrideSet | None
) -> SplitPlan:
    """Parse and decide every contact of ``path``; raise :class:`InputError` when the
    file cannot be read or its cards cannot be copied safely."""
    with os_errors(reading=path):
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            # split reads the file three times and copies byte ranges out of it; a pipe
            # waited forever for a writer (security review, QA round 7).
            raise InputError(str(path), NOT_REGULAR)
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    with open_input(str(path), options) as parsed:
        plan = build_plan(
            path, parsed.info, parsed.contacts, evaluator, overrides, before.st_size, head
        )
    if plan.info.error:
        raise InputError(str(path), plan.info.error)
    if not plan.info.format:
        raise InputError(str(path), "not a vCard or CSV contact export")
    if any(issue.message == MIXED_ENCODING for issue in _all_issues(plan)):
        # Its bytes would be left out as "not contacts": a customer lost in the hand-over.
        raise InputError(str(path), MIXED_ENCODING)
    plan.stamp = (before.st_size, before.st_mtime_ns)
    plan.region, plan.region_chosen = options.region, options.region_given
    with os_errors(reading=path), path.open("rb") as handle:
        plan.gaps = find_gaps(plan, handle)
        plan.rewrites = _rewrites(plan, handle)
    return plan


def _rewrites(plan: SplitPlan, handle: BinaryIO) -> dict[int, bytes]:
    """The records with a quote never closed, written again as the reader read them (a
    record whose bytes cannot be so written is copied as it is, and not listed)."""
    found: dict[int, bytes] = {}
    for decision in plan.unbalanced():
        source = decision.result.contact.source
        again = rewritten(
            _read_range(plan, handle, source.start, source.end),
            plan.info.encoding,
            plan.info.delimiter,
        )
        if again is not None:
            found[source.start] = again
    return found


NOT_REGULAR = "not a regular file: split copies byte ranges out of it (save it as a file first)"


def _all_issues(plan: SplitPlan) -> list[ParseIssue]:
    return [*plan.info.issues, *(i for d in plan.decisions for i in d.result.contact.issues)]


def output_paths(plan: SplitPlan, out_dir: Path) -> dict[str, Path]:
    """The three contact files and the manifest, by role."""
    paths = {dest: out_dir / plan.file_name(dest) for dest in ORDER}
    paths["manifest"] = out_dir / MANIFEST_NAME
    return paths


def write_split(
    plan: SplitPlan,
    out_dir: Path,
    *,
    force: bool,
    overrides: OverrideSet | None,
    save: SavedOverrides | None = None,
    lang: str = "en",
) -> dict[str, OutputSummary]:
    """Write every output (always all three, an empty file being a clear answer), the
    manifest and the saved answers; all appear together or not at all."""
    paths = output_paths(plan, out_dir)
    counts = plan.counts()
    outputs: dict[str, OutputSummary] = {}
    with (
        os_errors(reading=plan.path, writing=out_dir),
        plan.path.open("rb") as source,
        contextlib.ExitStack() as stack,
    ):
        _check_unchanged(plan, source)
        input_sha256 = stream_sha256(source)
        for dest in ORDER:
            handle = _binary(
                stack.enter_context(private_file(paths[dest], force=force, binary=True))
            )
            digest = hashlib.sha256()
            size = 0
            for chunk in _slices(plan, dest, source):
                handle.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            outputs[dest] = OutputSummary(paths[dest].name, counts[dest], size, digest.hexdigest())
        manifest = build_manifest(plan, outputs, input_sha256, overrides, lang)
        stack.enter_context(private_file(paths["manifest"], force=force)).write(
            render_manifest(manifest)
        )
        if save is not None:
            text = save.text(readable(plan.path.name), input_sha256)
            stack.enter_context(private_file(save.path, force=force)).write(text)
    return outputs


def _slices(plan: SplitPlan, dest: str, source: BinaryIO) -> Iterator[bytes]:
    """The prefix, then each card of ``dest`` in input order, read by offset, with the
    ``END:VCARD`` lines a card lacked after it (and the line break it lacked, when it
    shared its last line with the next card)."""
    if plan.prefix[1] > plan.prefix[0]:
        yield _read_range(plan, source, *plan.prefix)
    for start, end, missing_ends, begins in plan.pieces(dest):
        again = plan.rewrites.get(start)
        chunk = again if again is not None else _read_range(plan, source, start, end)
        if begins:
            yield opening_lines(chunk, begins, plan.info.encoding)
        yield chunk
        # A card cut from a joined line (END:VCARDBEGIN:VCARD) ends without a line
        # break: it gets one, else it would run into the next card written after it.
        joined = end < plan.size and not _ends_a_line(chunk, plan.info.encoding)
        if missing_ends or joined:
            yield closing_lines(chunk, missing_ends, plan.info.encoding)


def _read_range(plan: SplitPlan, source: BinaryIO, start: int, end: int) -> bytes:
    source.seek(start)
    chunk = source.read(end - start)
    if len(chunk) != end - start:
        raise InputError(str(plan.path), "the file got shorter while being split")
    return chunk


def _ends_a_line(chunk: bytes, encoding: str) -> bool:
    """Whether ``chunk`` ends with a line break, from its last character only: every
    card is checked, and decoding a card with a 50 MB photo to look at its end would
    cost as much as the copy."""
    wide = encoding.lower().startswith("utf-16")
    tail = chunk[-2:] if wide else chunk[-1:]
    text = tail.decode(encoding if wide else "latin-1", errors="replace")
    return text.endswith(("\n", "\r"))


def closing_lines(card: bytes, count: int, encoding: str) -> bytes:
    """``count`` ``END:VCARD`` lines to follow ``card``, written as the card is: in its
    own line ending (its first one: exports joined from several phones mix them) and
    its file's encoding (two bytes a character in UTF-16), after a line break when the
    card's last line has none (a file cut short)."""
    codec = encoding if encoding.lower().startswith("utf-16") else "latin-1"
    text = card.decode(codec, errors="replace")
    newline = _first_line_ending(text)
    lead = "" if text.endswith(("\n", "\r")) else newline
    return (lead + f"END:VCARD{newline}" * count).encode(codec)


def opening_lines(card: bytes, lines: tuple[str, ...], encoding: str) -> bytes:
    """The ``BEGIN:VCARD`` (and ``VERSION``) lines a card lacked, to go before ``card``,
    in its own line ending and its file's encoding, as :func:`closing_lines`."""
    codec = encoding if encoding.lower().startswith("utf-16") else "latin-1"
    newline = _first_line_ending(card.decode(codec, errors="replace"))
    return "".join(f"{line}{newline}" for line in lines).encode(codec)


def _first_line_ending(text: str) -> str:
    """CRLF, LF or a lone CR, whichever ends the first line; CRLF (the vCard
    standard's) for a card of one line."""
    cr, lf = text.find("\r"), text.find("\n")
    if cr < 0 and lf < 0:
        return "\r\n"
    if cr < 0 or 0 <= lf < cr:
        return "\n"
    return "\r\n" if text[cr + 1 : cr + 2] == "\n" else "\r"


def _check_unchanged(plan: SplitPlan, source: BinaryIO) -> None:
    """Copying offsets from a file that changed since it was read would corrupt cards."""
    now = os.fstat(source.fileno())
    if (now.st_size, now.st_mtime_ns) != plan.stamp:
        raise InputError(str(plan.path), "the file changed while being split; run split again")


def _binary(handle: IO[str]) -> BinaryIO:
    """``safeio.private_file(binary=True)`` yields a binary stream typed as text."""
    return cast(BinaryIO, handle)
