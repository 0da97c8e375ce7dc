"""QA2 A7: what reports say when some files could not be read.

A report must not say the files were read without problems right above a list
of files that could not be read, and an employee (a group of files) none of
whose files could be read was never audited: shown as risk "none 0", a
compliance reader takes it for "no risk". Both ways of building a report (whole
and in parts) must say the same. Every person here is fictional.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import jsonschema
import pytest

from piiaudit.model import AuditResult, FileInfo, FileResult, RiskLevel
from piiaudit.resources import schemas_dir
from reporters.factory import sample_case
from reporters.helpers import FORMATS, render
from reporters.test_parts import in_parts, whole

READ_CLEANLY = {
    "en": "The files were read without problems.",
    "ja": "ファイルは問題なく読み取れました。",
}
READ_FILES_CLEAN = {
    "en": "No problems in the files that were read.",
    "ja": "読み取れたファイルには問題はありませんでした。",
}
NOT_AUDITED = {"en": "not audited (unreadable)", "ja": "未監査（読み取れず）"}

SALES = "exports/sales/yamada"  # a vCard, a Google CSV and a corrupt file
BROKEN_ONLY = "exports/sales/corrupt"  # only a corrupt file


def _without_issues(result: AuditResult) -> AuditResult:
    """The sample with no parse issue left (its photo.jpg still unreadable)."""
    files = [replace(f, info=replace(f.info, issues=[])) for f in result.files]
    return replace(result, files=files)


def _only_readable(result: AuditResult) -> AuditResult:
    return replace(result, files=[f for f in result.files if not f.info.error])


def _grouped() -> AuditResult:
    """Two employees: one with two readable exports and a corrupt file, one whose
    only export is corrupt."""
    alice, bob, photo = sample_case().result.files
    corrupt = FileInfo(path=f"{SALES}/old.vcf", error="contains binary data; not a contact export")
    files = [
        replace(alice, group=SALES),
        replace(bob, group=SALES),
        FileResult(corrupt, SALES, [], 0, RiskLevel.NONE),
        replace(photo, group=BROKEN_ONLY),
    ]
    return replace(sample_case().result, files=files)


def _line_of(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads((schemas_dir() / "report.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


# ------------------------------------------------------------------ "read without problems"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_clean_read_claim_beside_unreadable_files(lang: str) -> None:
    result = _without_issues(sample_case().result)
    terminal = render("terminal", result, lang=lang)
    html = render("html", result, lang=lang)
    for report in (terminal, html):
        assert READ_CLEANLY[lang] not in report
        assert READ_FILES_CLEAN[lang] in report
    # The sentence comes before the list of the files that could not be read.
    assert terminal.index(READ_FILES_CLEAN[lang]) < terminal.index("exports/photo.jpg:")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_file_read_without_issues_still_says_so(lang: str) -> None:
    result = _only_readable(_without_issues(sample_case().result))
    for fmt in ("terminal", "html"):
        report = render(fmt, result, lang=lang)
        assert READ_CLEANLY[lang] in report
        assert READ_FILES_CLEAN[lang] not in report


def test_parse_issues_with_unreadable_files_claim_nothing() -> None:
    terminal = render("terminal", sample_case().result)
    assert READ_CLEANLY["en"] not in terminal and READ_FILES_CLEAN["en"] not in terminal
    assert "line folded with a tab" in terminal


def test_a_long_unreadable_path_is_not_broken_at_its_spaces() -> None:
    """QA2: ``exports/営業部/corrupt 社員/iPhone連絡先.vcf`` wrapped at its space and
    could not be copied from the report."""
    path = "exports/営業部/corrupt 社員/iPhone連絡先.vcf"
    info = FileInfo(path=path, error="not a contact export")
    result = replace(sample_case().result, files=[FileResult(info, path, [], 0, RiskLevel.NONE)])
    for lang in ("en", "ja"):
        terminal = render("terminal", result, lang=lang)
        assert f"{path}:" in terminal.splitlines()


# ------------------------------------------------------------------ a group never audited


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_terminal_shows_a_group_without_a_readable_file_as_not_audited(lang: str) -> None:
    terminal = render("terminal", _grouped(), lang=lang)
    section = terminal.split("\n== ", 3)[2]  # the per-employee table follows the summary
    broken = _line_of(section, BROKEN_ONLY)
    assert broken.startswith(NOT_AUDITED[lang])
    assert "none" not in broken and "なし" not in broken
    sales = _line_of(section, SALES)
    assert sales.startswith("critical 99" if lang == "en" else "重大 99")
    unreadable = {"en": "1 unreadable", "ja": "読み取り不可 1 件"}[lang]
    assert unreadable in section.split(SALES, 1)[1].split(BROKEN_ONLY, 1)[0]


def test_html_shows_a_group_without_a_readable_file_as_not_audited() -> None:
    html = render("html", _grouped())
    table = html.split('<table id="groups">', 1)[1].split("</table>", 1)[0]
    rows = {row.split("</td>", 1)[0]: row for row in table.split("<tr><td>")[1:]}
    assert NOT_AUDITED["en"] in rows[BROKEN_ONLY]
    assert "lv-none" not in rows[BROKEN_ONLY]
    assert 'class="badge lv-critical"' in rows[SALES]
    assert "(1 unreadable)" in rows[SALES]


def test_json_gives_a_group_without_a_readable_file_no_risk(validator: Any) -> None:
    """A consumer that reads only the risk must not see "none": it is null."""
    report = json.loads(render("json", _grouped()))
    assert [e.message for e in validator.iter_errors(report)] == []
    groups = {g["group"]: g for g in report["groups"]}
    broken = groups[BROKEN_ONLY]
    assert (broken["audited"], broken["risk_score"], broken["risk_level"]) == (False, None, None)
    assert (broken["files"], broken["unreadable_files"], broken["contacts"]) == (1, 1, 0)
    sales = groups[SALES]
    assert (sales["audited"], sales["risk_score"], sales["risk_level"]) == (True, 99, "critical")
    assert sales["unreadable_files"] == 1


def test_the_schema_refuses_a_risk_for_a_group_never_audited(validator: Any) -> None:
    report = json.loads(render("json", _grouped()))
    broken = next(g for g in report["groups"] if not g["audited"])
    broken.update(risk_score=0, risk_level="none")
    assert list(validator.iter_errors(report))
    audited = next(g for g in report["groups"] if g["audited"])
    audited.update(risk_score=None, risk_level=None)
    broken.update(risk_score=None, risk_level=None)
    assert list(validator.iter_errors(report))


@pytest.mark.parametrize(
    "options",
    [{}, {"lang": "ja"}, {"audience": "compliance"}, {"audience": "compliance", "lang": "ja"}],
    ids=["en", "ja", "compliance", "compliance-ja"],
)
@pytest.mark.parametrize("case", [_grouped, lambda: _without_issues(sample_case().result)])
def test_reports_in_parts_say_the_same(case: Any, options: dict[str, Any]) -> None:
    result = case()
    assert in_parts(result, FORMATS, **options) == whole(result, FORMATS, **options)
