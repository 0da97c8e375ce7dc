"""Report files written from a run built in parts hold the same bytes as before.

``output.emit_assembled`` writes JSON, HTML and CSV files from the UTF-8 pieces
the workers made, without one big string; the files must be byte-identical to
what ``output.emit`` writes from the whole result, and text that strict UTF-8
refuses (a lone surrogate, from a file name that is not UTF-8) must be written the
same way: valid UTF-8, the surrogate shown as U+FFFD (it used to crash the write).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from piiaudit.cli import output
from piiaudit.model import AuditResult, Names
from piiaudit.reporters import REPORTERS, ReportOptions
from piiaudit.reporters.parts import Assembled, PartPlan
from reporters.assembly import assembled
from reporters.factory import Case, empty_case, sample_case

FORMATS = list(REPORTERS)


def _in_parts(result: AuditResult, options: ReportOptions) -> Assembled:
    plan = PartPlan(options, tuple(FORMATS))
    return assembled(result, plan)


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("case", [sample_case, empty_case], ids=["sample", "empty"])
@pytest.mark.parametrize(
    "options",
    [ReportOptions(), ReportOptions(lang="ja", audience="compliance", explain=True)],
    ids=["self", "compliance"],
)
def test_files_from_parts_are_the_files_from_the_whole_result(
    tmp_path: Path, case: Callable[[], Case], options: ReportOptions
) -> None:
    result = case().result
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    whole.mkdir()
    parts.mkdir()
    output.emit(result, output.plan(FORMATS, None, whole), options, force=False)
    run = _in_parts(result, options)
    assert run.strict
    output.emit_assembled(run, output.plan(FORMATS, None, parts), options, force=False)
    assert _files(parts) == _files(whole)
    assert len(_files(parts)) == len(FORMATS)


def _with_a_lone_surrogate() -> AuditResult:
    result = sample_case().result
    first = result.files[0]
    contact = first.contacts[0]
    odd = dataclasses.replace(
        contact,
        contact=dataclasses.replace(contact.contact, names=Names(formatted="\udcff Example")),
    )
    first.contacts = [odd, *first.contacts[1:]]
    return result


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_utf8_refuses_is_written_valid_and_the_same_both_ways(
    tmp_path: Path, fmt: str
) -> None:
    result = _with_a_lone_surrogate()
    options = ReportOptions(show_pii=True)
    run = _in_parts(result, options)
    assert not run.strict
    written = {}
    for how in ("whole", "parts"):
        target = tmp_path / f"{how}.{fmt}"
        destinations = output.plan([fmt], target, None)
        if how == "whole":
            output.emit(result, destinations, options, force=False)
        else:
            output.emit_assembled(run, destinations, options, force=False)
        written[how] = target.read_bytes()
    assert written["parts"] == written["whole"]
    text = written["whole"].decode("utf-8")  # strict: valid UTF-8
    # the byte the lone surrogate stands for, as an escape (escaped again inside JSON)
    assert ("\\\\xff Example" if fmt in ("json", "sarif") else "\\xff Example") in text


def test_a_run_with_a_lone_surrogate_still_renders_the_same_text() -> None:
    """Only writing it changes it: the text itself comes back exactly as rendered."""
    import io

    from piiaudit.reporters import get
    from piiaudit.reporters.parts import RENDERERS

    result = _with_a_lone_surrogate()
    options = ReportOptions(show_pii=True, width=100)
    run = _in_parts(result, options)
    for fmt in FORMATS:
        whole, parts = io.StringIO(), io.StringIO()
        get(fmt)(result, whole, options)
        RENDERERS[fmt](run, parts, options)
        assert parts.getvalue() == whole.getvalue(), fmt
        if fmt in ("json", "html", "csv"):
            assert "\udcff" in parts.getvalue()


def test_a_page_that_holds_the_rows_mark_itself_still_comes_out_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML page is cut where the rows go at a mark no path or message holds (its NUL
    characters are written as escapes, as every control character from data is); should
    one hold it all the same, the rows go into the page as text instead. The mark is made
    printable here, so that a file's path can hold it."""
    from piiaudit.reporters import html

    monkeypatch.setattr(html, "_ROWS_MARK", "piiaudit-contact-rows-mark")
    result = sample_case().result
    odd = result.files[0]
    odd.info = dataclasses.replace(odd.info, path=f"exports/{html._ROWS_MARK}.vcf")
    options = ReportOptions()
    whole, parts = tmp_path / "whole.html", tmp_path / "parts.html"
    output.emit(result, output.plan(["html"], whole, None), options, force=False)
    run = _in_parts(result, options)
    output.emit_assembled(run, output.plan(["html"], parts, None), options, force=False)
    assert html._ROWS_MARK in whole.read_text(encoding="utf-8")
    assert parts.read_bytes() == whole.read_bytes()
