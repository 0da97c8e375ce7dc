"""Which files a batch run reads: order, recursion, filters, hidden entries, link loops."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from piiaudit.discovery import (
    NOT_A_FILE,
    Discovered,
    Filters,
    GlobError,
    check_glob,
    discover,
    identical_files,
    matches,
    nothing_found,
)


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("BEGIN:VCARD\nEND:VCARD\n", encoding="utf-8")


def _paths(found: list[Discovered]) -> list[str]:
    return [d.path for d in found]


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    _touch(tmp_path, "b.vcf", "a/z.csv", "a/b/c.vcf", "c.csv")
    found = discover([str(tmp_path)])
    rel = [os.path.relpath(p, tmp_path) for p in _paths(found)]
    assert rel == ["a/b/c.vcf", "a/z.csv", "b.vcf", "c.csv"]
    assert all(d.error is None for d in found)


def test_paths_keep_the_directory_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _touch(tmp_path, "exports/tanaka/phone.vcf")
    monkeypatch.chdir(tmp_path)
    assert _paths(discover(["exports/"])) == ["exports/tanaka/phone.vcf"]
    assert _paths(discover(["exports"])) == ["exports/tanaka/phone.vcf"]


def test_inputs_keep_the_order_given(tmp_path: Path) -> None:
    _touch(tmp_path, "one.vcf", "dir/two.vcf", "three.vcf")
    given = [str(tmp_path / "three.vcf"), str(tmp_path / "dir"), str(tmp_path / "one.vcf")]
    assert _paths(discover(given)) == [
        str(tmp_path / "three.vcf"),
        str(tmp_path / "dir" / "two.vcf"),
        str(tmp_path / "one.vcf"),
    ]


def test_hidden_entries_are_skipped_in_walks_but_read_when_named(tmp_path: Path) -> None:
    _touch(tmp_path, ".git/config", ".DS_Store", "visible.vcf", ".hidden.vcf")
    assert _paths(discover([str(tmp_path)])) == [str(tmp_path / "visible.vcf")]
    explicit = str(tmp_path / ".hidden.vcf")
    assert _paths(discover([explicit])) == [explicit]
    assert _paths(discover([str(tmp_path / ".git")])) == [str(tmp_path / ".git" / "config")]


def test_include_and_exclude_match_relative_paths(tmp_path: Path) -> None:
    _touch(tmp_path, "a.vcf", "a.csv", "sales/b.vcf", "sales/old/c.vcf", "hr/d.vcf")
    root = str(tmp_path)

    def rel(filters: Filters) -> list[str]:
        return [os.path.relpath(p, tmp_path) for p in _paths(discover([root], filters))]

    assert rel(Filters(include=("*.vcf",))) == [
        "a.vcf",
        "hr/d.vcf",
        "sales/b.vcf",
        "sales/old/c.vcf",
    ]
    assert rel(Filters(include=("sales/*.vcf",))) == ["sales/b.vcf"]
    assert rel(Filters(include=("sales/**",))) == ["sales/b.vcf", "sales/old/c.vcf"]
    assert rel(Filters(exclude=("old",))) == ["a.csv", "a.vcf", "hr/d.vcf", "sales/b.vcf"]
    assert rel(Filters(include=("*.vcf",), exclude=("**/old/*", "hr/*"))) == [
        "a.vcf",
        "sales/b.vcf",
    ]


def test_a_file_given_explicitly_ignores_the_filters(tmp_path: Path) -> None:
    _touch(tmp_path, "notes.txt")
    explicit = str(tmp_path / "notes.txt")
    assert _paths(discover([explicit], Filters(include=("*.vcf",), exclude=("*.txt",)))) == [
        explicit
    ]


def test_missing_paths_and_stdin_pass_through_for_the_reader_to_report(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.vcf")
    assert _paths(discover(["-", missing])) == ["-", missing]


def test_symlink_loops_are_walked_once(tmp_path: Path) -> None:
    _touch(tmp_path, "a/x.vcf")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "b").symlink_to(tmp_path / "a", target_is_directory=True)
    found = _paths(discover([str(tmp_path)]))
    assert found == [str(tmp_path / "a" / "x.vcf")]


def test_a_link_to_a_colleagues_folder_leaves_the_export_with_its_owner(tmp_path: Path) -> None:
    # QA round 11: exports/abe/team_share -> ../zaizen filed zaizen's export under abe
    # (abe sorts first) and reported zaizen's own folder as holding no export.
    exports = tmp_path / "exports"
    _touch(exports, "abe/contacts.vcf", "zaizen/contacts.csv")
    (exports / "abe" / "team_share").symlink_to("../zaizen", target_is_directory=True)
    (exports / "abe" / "copy.csv").symlink_to("../zaizen/contacts.csv")
    found = discover([str(exports)], empty_folders="children")
    assert [(d.path, d.error) for d in found] == [
        (str(exports / "abe" / "contacts.vcf"), None),
        (str(exports / "zaizen" / "contacts.csv"), None),
    ]


def test_a_link_up_the_tree_leaves_each_colleague_in_their_own_folder(tmp_path: Path) -> None:
    # QA batch round: with "scan exports/*", exports/abe/up -> .. walked kimura's and
    # zaizen's folders under abe's name before their own turn came, so they vanished
    # from the per-employee table; "scan exports/abe" alone audited all three as abe's.
    exports = tmp_path / "exports"
    _touch(exports, "abe/a.vcf", "kimura/k.vcf", "zaizen/z.vcf")
    (exports / "abe" / "up").symlink_to("..", target_is_directory=True)
    (exports / "abe" / "root").symlink_to(tmp_path, target_is_directory=True)
    given = [str(exports / name) for name in ("abe", "kimura", "zaizen")]
    assert _paths(discover(given, empty_folders="given")) == [
        str(exports / "abe" / "a.vcf"),
        str(exports / "kimura" / "k.vcf"),
        str(exports / "zaizen" / "z.vcf"),
    ]
    assert _paths(discover([str(exports / "abe")])) == [str(exports / "abe" / "a.vcf")]


def test_a_link_back_up_in_two_steps_is_not_followed(tmp_path: Path) -> None:
    # Review: abe/ext -> ../../other, whose back -> ../exports led up again: the real
    # path of "other" does not lie in abe, so comparing paths missed it.
    exports = tmp_path / "exports"
    _touch(exports, "abe/a.vcf", "kimura/k.vcf")
    (tmp_path / "other").mkdir()
    (exports / "abe" / "ext").symlink_to("../../other", target_is_directory=True)
    (tmp_path / "other" / "back").symlink_to("../exports", target_is_directory=True)
    assert _paths(discover([str(exports / "abe")])) == [str(exports / "abe" / "a.vcf")]


def test_a_link_to_a_folder_holding_a_colleagues_leaves_it_with_its_owner(
    tmp_path: Path,
) -> None:
    # abe/team -> ../team, which holds kimura's folder, a given input of its own.
    exports = tmp_path / "exports"
    _touch(exports, "abe/a.vcf", "team/kimura/k.vcf", "team/notes/shared.vcf")
    (exports / "abe" / "team").symlink_to("../team", target_is_directory=True)
    given = [str(exports / "abe"), str(exports / "team" / "kimura")]
    assert _paths(discover(given, empty_folders="given")) == [
        str(exports / "abe" / "a.vcf"),
        # what only the link reaches is still filed with the folder holding the link
        str(exports / "abe" / "team" / "notes" / "shared.vcf"),
        str(exports / "team" / "kimura" / "k.vcf"),
    ]


def test_a_link_to_a_folder_outside_the_inputs_is_still_followed(tmp_path: Path) -> None:
    _touch(tmp_path, "nas/abe/old.vcf", "exports/abe/new.vcf")
    (tmp_path / "exports" / "abe" / "archive").symlink_to(
        tmp_path / "nas" / "abe", target_is_directory=True
    )
    found = _paths(discover([str(tmp_path / "exports")], empty_folders="children"))
    assert found == [
        str(tmp_path / "exports" / "abe" / "archive" / "old.vcf"),
        str(tmp_path / "exports" / "abe" / "new.vcf"),
    ]


def test_the_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    _touch(tmp_path, "x.vcf")
    path = str(tmp_path / "x.vcf")
    assert _paths(discover([path, str(tmp_path), path])) == [path]


def test_standard_input_named_twice_is_read_once(tmp_path: Path) -> None:
    # The second read found it empty and the run ended with exit 3 (QA round 6).
    assert _paths(discover(["-", "-"])) == ["-"]


def test_a_pipe_named_like_an_export_is_named_not_read(tmp_path: Path) -> None:
    _touch(tmp_path, "a.vcf")
    os.mkfifo(tmp_path / "pipe.vcf")
    os.mkfifo(tmp_path / "control.fifo")  # not named like an export: passed over
    found = discover([str(tmp_path)])
    assert [(d.path, d.error) for d in found] == [
        (str(tmp_path / "a.vcf"), None),
        (str(tmp_path / "pipe.vcf"), NOT_A_FILE),
    ]


def test_unlistable_folder_is_reported_not_dropped(
    tmp_path: Path, lock: Callable[[Path], None]
) -> None:
    _touch(tmp_path, "ok.vcf", "locked/secret.vcf")
    locked = tmp_path / "locked"
    lock(locked)
    found = discover([str(tmp_path)])
    assert [d.path for d in found] == [str(locked), str(tmp_path / "ok.vcf")]
    assert found[0].error == "cannot list this folder: Permission denied"
    assert found[1].error is None


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.vcf", "deep/down/x.vcf", True),
        ("*.vcf", "x.csv", False),
        ("a/*.vcf", "a/b/x.vcf", False),
        ("a/**/*.vcf", "a/x.vcf", True),
        ("a/**/*.vcf", "a/b/c/x.vcf", True),
        ("[!x]*.vcf", "y.vcf", True),
        ("[!x]*.vcf", "x.vcf", False),
        ("?.csv", "a.csv", True),
        ("./a/*.csv", "a/b.csv", True),
        # Characters a regex would read as syntax are literals in a glob.
        ("社員 (1)/*.vcf", "社員 (1)/x.vcf", True),
        ("a+b.vcf", "aab.vcf", False),
        ("a.b", "axb", False),
        ("[.]vcf", ".vcf", True),
        ("[a-]x", "-x", True),
        ("[z-a", "[z-a", True),  # an unclosed bracket is a literal
        ("[^_]*.vcf", "山田.vcf", True),  # ^ negates, as ! does (review 9)
        ("[^_]*.vcf", "_tmp.vcf", False),
        ("*.vcf", "caf\udcff.vcf", True),  # a name that is not UTF-8
        ("caf?.vcf", "caf\udcff.vcf", True),
    ],
)
def test_glob_rules(pattern: str, path: str, expected: bool) -> None:
    assert matches(pattern, path) is expected


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.vcf", "UPPER.VCF", True),
        ("*.VCF", "lower.vcf", True),
        ("*.csv", "Google.Csv", True),
        ("sales/*.vcf", "Sales/Tanaka.VCF", True),
        ("[a-c]*.vcf", "Bob.vcf", True),
        ("[!x]*.vcf", "X.vcf", False),
        ("*.vcf", "UPPER.VCF.bak", False),
    ],
)
def test_globs_ignore_case(pattern: str, path: str, expected: bool) -> None:
    """Android and Windows exports are often CONTACTS.VCF: '*.vcf' must not skip them."""
    assert matches(pattern, path) is expected


def test_a_glob_of_many_stars_over_a_long_name_answers_at_once() -> None:
    # Security review F15: Python's re backtracked for 27 s on five stars and 250
    # dashes, each '*-' more multiplying it; with twelve this test would not end.
    pattern = "-".join(["*"] * 12) + ".vcf"
    assert matches(pattern, "-" * 400 + ".vcs") is False
    assert matches(pattern, "-" * 4000 + ".vcf") is True


def test_a_glob_that_is_no_glob_is_a_clear_error() -> None:
    with pytest.raises(GlobError, match=r"'\[z-a\]\.vcf' is not a valid glob"):
        check_glob("[z-a].vcf")


def test_filters_ignore_case_in_a_walk_whatever_the_file_system(tmp_path: Path) -> None:
    _touch(tmp_path, "UPPER.VCF", "lower.vcf", "Mixed.Csv", "notes.TXT", "OLD/a.vcf")
    root = str(tmp_path)
    found = discover([root], Filters(include=("*.vcf", "*.csv"), exclude=("old",)))
    rel = [os.path.relpath(p, tmp_path) for p in _paths(found)]
    assert rel == ["Mixed.Csv", "UPPER.VCF", "lower.vcf"]


def test_folders_left_with_nothing_to_read_are_nothing_to_audit(
    tmp_path: Path, lock: Callable[[Path], None]
) -> None:
    """QA H3: with every employee's folder left empty by --include, the walk listed one
    "no file matches" row per folder and the run wrote a report of nothing (exit 3).
    Only beside a folder with something to read are such rows kept; a folder that
    cannot be listed may hold exports, and stays an input that failed."""
    _touch(tmp_path, "sato/phone.vcf", "tanaka/phone.vcf")
    nomatch = Filters(include=("*.nomatch",))
    assert discover([str(tmp_path)], nomatch, empty_folders="children") == []
    folders = [str(tmp_path / "sato"), str(tmp_path / "tanaka")]
    assert discover(folders, nomatch, empty_folders="given") == []
    assert discover(folders, nomatch) == []
    (tmp_path / "kimura").mkdir()
    kept = discover([str(tmp_path)], empty_folders="children")
    assert _paths(kept)[0] == str(tmp_path / "kimura")  # beside sato and tanaka
    lock(tmp_path / "tanaka")
    locked = discover([str(tmp_path)], nomatch, empty_folders="children")
    assert [(d.path, d.error is not None) for d in locked] == [
        (str(tmp_path / "kimura"), True),
        (str(tmp_path / "sato"), True),
        (str(tmp_path / "tanaka"), True),
    ]
    assert "cannot list" in (locked[2].error or "")


def test_nothing_found_names_the_inputs_and_the_filters() -> None:
    text = nothing_found(["exports/", "more dir"], Filters(("*.vcf",), ("old dir",)))
    assert text == (
        "no contact export found in exports/, more dir with --include '*.vcf' --exclude 'old dir'"
    )
    assert nothing_found(["exports/"]) == "no contact export found in exports/"


def test_identical_files_are_named_in_the_order_given(tmp_path: Path) -> None:
    # QA round 4 B9: "phone.vcf" and "phone (copy).vcf" doubled an employee's counts
    # without a word. Same size, other bytes, and empty files are not "identical".
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Beispiel\r\nEND:VCARD\r\n"
    files = {
        "b/phone.vcf": card,
        "a/phone (copy).vcf": card,
        "a/other.vcf": card.replace(b"Anna", b"Anja"),  # same size, other bytes
        "c/empty1.vcf": b"",
        "c/empty2.vcf": b"",
        "c/third copy.vcf": card,
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in files] + [str(tmp_path / "missing.vcf")]
    assert identical_files(paths) == [
        (paths[0], paths[1], paths[5]),
    ]
    assert identical_files(paths[2:5]) == []
