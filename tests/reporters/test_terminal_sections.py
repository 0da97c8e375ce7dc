"""Terminal report sections: the contacts to review, and parse issues of long paths.

The terminal report names the contacts piiaudit could not classify.

Before a hand-over the owner must decide each unknown contact (business or
private); the summary counted them, but only the HTML and JSON reports named
them. The compliance report never names them: an unknown contact may be a
friend's. All data is fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.reporters import terminal

runner = CliRunner()


def _card(name: str, extra: str = "") -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{extra}END:VCARD\r\n"


BUSINESS = _card(
    "青木 健", "ORG:架空商事株式会社\r\nTITLE:営業部長\r\nTEL;TYPE=CELL:090-3141-5926\r\n"
)
PRIVATE = _card("母", "TEL;TYPE=CELL:090-2718-2818\r\nNOTE:実家\r\n")
UNKNOWN = [_card(name, "TEL:03-3141-5926\r\n") for name in ("Quill Example", "Rowan Sample")]
EXPORT = BUSINESS + UNKNOWN[0] + PRIVATE + UNKNOWN[1]
# Where each unknown card begins (its BEGIN:VCARD line), as the report points at it.
FIRST, SECOND = (EXPORT[: EXPORT.index(card)].count("\n") + 1 for card in UNKNOWN)


def _scan(tmp_path: Path, *args: str) -> str:
    export = tmp_path / "export.vcf"
    export.write_text(EXPORT, encoding="utf-8")
    # Wide enough that no line wraps: a contact's file:line stays on its line.
    result = runner.invoke(app, ["scan", str(export), "--no-color", *args], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_owner_sees_each_unknown_contact_to_decide(tmp_path: Path) -> None:
    out = _scan(tmp_path, "--lang", "en")
    section = out.split("== Unclassified contacts ==")[1].split("==")[0]
    assert "could not tell whether these 2 contacts are business or private" in section
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(lines) == 2
    assert lines[0].endswith(f"export.vcf:{FIRST}") and lines[1].endswith(f"export.vcf:{SECOND}")
    assert "Quill" not in section and "- Q*** E***" in section  # names masked


def test_the_japanese_report_names_them_too(tmp_path: Path) -> None:
    out = _scan(tmp_path, "--lang", "ja")
    assert "== 未分類の連絡先 ==" in out
    assert "次の 2 件は業務か私用か判断できませんでした" in out


def test_the_compliance_report_does_not_name_them(tmp_path: Path) -> None:
    out = _scan(tmp_path, "--lang", "en", "--audience", "compliance")
    assert "Unclassified contacts" not in out
    assert f"export.vcf:{FIRST}" not in out and f"export.vcf:{SECOND}" not in out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_long_list_is_cut_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setattr(terminal, "TOP_REVIEW", 1)
    out = _scan(tmp_path, "--lang", "en", "--jobs", jobs)
    section = out.split("== Unclassified contacts ==")[1].split("==")[0]
    assert [line for line in section.splitlines() if line.startswith("- ")] == [
        line for line in section.splitlines() if line.endswith(f"export.vcf:{FIRST}")
    ]
    assert "and 1 more" in section


def test_a_long_path_in_the_problems_section_keeps_its_line_number_apart(tmp_path: Path) -> None:
    """The marker column folds at 40 cells: a long path used to push "line 5" into
    the message. The path now gets a line of its own, each problem its line number."""
    folder = tmp_path / ("社員フォルダ" * 6)
    folder.mkdir()
    export = folder / "連絡先エクスポート.vcf"
    export.write_text(BUSINESS.replace("END:VCARD\r\n", "") + BUSINESS, encoding="utf-8")
    result = runner.invoke(
        app, ["scan", str(export), "--no-color", "--lang", "en"], env={"COLUMNS": "400"}
    )
    lines = result.stdout.split("== Parse issues ==")[1].splitlines()
    path_line = lines.index(str(export))
    assert lines[path_line + 1].startswith("  line ")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("columns", ["80", "60", "45"])
def test_a_line_label_is_never_broken_whatever_the_path_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, columns: str
) -> None:
    """QA formats F9: at some lengths of the path the marker column was narrowed below
    the marker, and "line" / "3:" (ja "3" / "行目:") fell on two lines, the number in the
    message column. Each marker width around the column's 40 cells, at several widths."""
    monkeypatch.chdir(tmp_path)
    export = BUSINESS * 2 + BUSINESS.replace("END:VCARD\r\n", "") + BUSINESS
    line = export.count("\n") - BUSINESS.count("\n") + 1  # the last BEGIN: the END is missing
    label = f"line {line}:" if lang == "en" else f"{line} 行目:"
    for width in range(28, 46):
        name = "x" * (width - len(f" {label}") - len(".vcf") - 1) + ".vcf"  # marker `width`
        Path(name).write_text(export, encoding="utf-8")
        result = runner.invoke(
            app, ["scan", name, "--no-color", "--lang", lang], env={"COLUMNS": columns}
        )
        assert result.exit_code == 0, result.output
        section = result.stdout.split("\n==")[-2]  # the parse issues, before the checklist
        assert sum(label in text for text in section.splitlines()) == 1, (width, section)
        Path(name).unlink()
