"""Every crafted hostile input in :mod:`hostile.cases` meets its documented outcome.

For each case: no traceback; exit 0 when the file is readable and 3 when it is
not; the unreadable file's reason printed after its name; every readable
contact still reported; each expected parse issue reported with its line (in
the JSON report and, as ``file line N``, in the terminal report); the input's
bytes unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.cases import ALL_CASES, Case
from hostile.run import contacts_names, invoke, scan_json, sha256_tree, subprocess_run


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_hostile_input_meets_its_documented_outcome(case: Case, tmp_path: Path) -> None:
    source = case.build(tmp_path)
    before = sha256_tree(source)

    run, entry = scan_json(source)

    assert run.exit_code == case.exit_code, run.stderr
    assert entry["path"] == str(source)
    assert entry["contacts"] == case.contacts
    assert len(run.json["contacts"]) == case.contacts
    if case.error is None:
        assert entry["error"] is None
    else:
        assert case.error in entry["error"]
        assert f"{source}: not read: {entry['error']}" in run.stderr
    if case.issue is not None:
        line, phrase = case.issue
        messages = [i["message"] for i in entry["parse_issues"] if i["line"] == line]
        assert any(phrase in m for m in messages), entry["parse_issues"]
    if case.names is not None:
        names = contacts_names(source)
        assert len(names) == len(case.names)
        for got, want in zip(names, case.names, strict=True):
            if want is not None:
                assert got == want
    assert sha256_tree(source) == before


def test_terminal_report_names_file_and_line_of_every_issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One batch run over every case with an issue: each shows as ``path line N: ...``."""
    monkeypatch.chdir(tmp_path)
    with_issue = [c for c in ALL_CASES if c.issue is not None]
    paths = []
    for index, case in enumerate(with_issue):
        folder = Path(f"{index:02d}")
        folder.mkdir()
        paths.append(case.build(folder))
    before = sha256_tree(Path())

    run = invoke("scan", ".", "--no-color")

    assert run.exit_code == (3 if any(c.exit_code == 3 for c in with_issue) else 0), run.stderr
    for case, path in zip(with_issue, paths, strict=True):
        assert case.issue is not None
        line, phrase = case.issue
        where = f"./{path} line {line}:"
        shown = [row for row in _unwrapped(run.stdout) if row.startswith(where)]
        assert any(phrase in row for row in shown), (case.name, shown)
    assert sha256_tree(Path()) == before


def _unwrapped(text: str) -> list[str]:
    """Report lines with the terminal's hanging-indent continuations joined back on."""
    rows: list[str] = []
    for row in text.splitlines():
        if row.startswith(" ") and rows:
            rows[-1] += " " + row.strip()
        else:
            rows.append(row)
    return rows


def test_real_process_reads_the_good_and_names_the_bad(tmp_path: Path) -> None:
    """The same promises through ``python -m piiaudit``, the way users run it."""
    chosen = {c.name: c for c in ALL_CASES}
    picked = [chosen[n] for n in ("truncated-mid-card", "zip-archive", "csv-unbalanced-quote")]
    paths = []
    for index, case in enumerate(picked):
        folder = tmp_path / f"{index}"
        folder.mkdir()
        paths.append(case.build(folder))
    before = sha256_tree(tmp_path)

    run = subprocess_run("scan", str(tmp_path), "-f", "json", "--jobs", "2")

    assert run.exit_code == 3
    entries = {e["path"]: e for e in run.json["files"]}
    for case, path in zip(picked, paths, strict=True):
        assert entries[str(path)]["contacts"] == case.contacts
    assert f"{paths[1]}: not read: is a ZIP archive" in run.stderr
    assert sha256_tree(tmp_path) == before
