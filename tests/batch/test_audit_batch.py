"""Batch orchestration with a stand-in reader and engine: order, groups, isolation, jobs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from piiaudit.audit import (
    AuditOptions,
    audit_paths,
    group_of,
    result_has_unreadable,
    unreadable_files,
)
from piiaudit.engine import Profile
from piiaudit.model import FileInfo, FileResult

# ``fake_stages`` (conftest.py) patches in a one-name-per-line reader and a tiny engine.

EXPORTS = {
    "tanaka/phone.vcf": "Customer Alpha\nFriend 1\nFriend 22\n",
    "tanaka/old.csv": "Customer Beta\n",
    "suzuki/phone.vcf": "Mother 333\nCustomer Gamma\n",
    "yamada/broken.vcf": "BINARY\x00\x01",
    "yamada/phone.vcf": "Customer Delta\nCRASH\nnever read\n",
    "zz/phone.vcf": "Neighbour 4444\n",
}


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def start(self, files: int) -> None:
        self.events.append(("start", files))

    def contacts_read(self, count: int) -> None:
        self.events.append(("contacts", count))

    def file_done(self, info: FileInfo, contacts: int) -> None:
        self.events.append(("file", info.path))

    def finish(self) -> None:
        self.events.append(("finish", None))


def _write(root: Path, contents: dict[str, str]) -> None:
    for name, text in contents.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _options(**kwargs: object) -> AuditOptions:
    return AuditOptions(profile=Profile(), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    _write(tmp_path, EXPORTS)
    return tmp_path


def _summary(files: list[FileResult]) -> list[tuple[str, str, int, int, str | None]]:
    return [(f.info.path, f.group, len(f.contacts), f.risk_score, f.info.error) for f in files]


def test_sequential_run_reports_every_file_in_order(exports: Path, fake_stages: Any) -> None:
    result = audit_paths([str(exports)], fake_stages, _options())
    root = str(exports)
    assert _summary(result.files) == [
        (f"{root}/suzuki/phone.vcf", f"{root}/suzuki/phone.vcf", 2, 3, None),
        (f"{root}/tanaka/old.csv", f"{root}/tanaka/old.csv", 1, 0, None),
        (f"{root}/tanaka/phone.vcf", f"{root}/tanaka/phone.vcf", 3, 3, None),
        (
            f"{root}/yamada/broken.vcf",
            f"{root}/yamada/broken.vcf",
            0,
            0,
            "not a contact export (binary data)",
        ),
        (
            f"{root}/yamada/phone.vcf",
            f"{root}/yamada/phone.vcf",
            0,
            0,
            "internal error while reading: RuntimeError",
        ),
        (f"{root}/zz/phone.vcf", f"{root}/zz/phone.vcf", 1, 4, None),
    ]
    assert result.risk_score == 10
    assert result_has_unreadable(result)
    assert [i.path for i in unreadable_files(result)] == [
        f"{root}/yamada/broken.vcf",
        f"{root}/yamada/phone.vcf",
    ]


def test_crash_reason_never_quotes_the_file(exports: Path, fake_stages: Any) -> None:
    result = audit_paths([str(exports / "yamada" / "phone.vcf")], fake_stages, _options())
    assert result.files[0].info.error == "internal error while reading: RuntimeError"
    assert "CRASH" not in str(result.files[0].info)


def test_group_by_dir_uses_the_folder_as_given(
    exports: Path, fake_stages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(exports)
    result = audit_paths(["tanaka", "zz/phone.vcf"], fake_stages, _options(group_by="dir"))
    assert [(f.info.path, f.group) for f in result.files] == [
        ("tanaka/old.csv", "tanaka"),
        ("tanaka/phone.vcf", "tanaka"),
        ("zz/phone.vcf", "zz"),
    ]
    assert group_of("phone.vcf", "dir") == "."
    assert group_of("-", "dir") == "-"


def test_group_by_dir_keeps_an_employees_subfolders_with_the_employee(
    exports: Path, fake_stages: Any, lock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA round 5 (EU B4): exports/tanaka/old-phone/backup.vcf was an employee of its own,
    'exports/tanaka/old-phone'. Each folder directly inside a given one is one employee,
    however deep a file lies in it; an unlistable folder inside it is still theirs."""
    (exports / "tanaka" / "old-phone" / "2019").mkdir(parents=True)
    (exports / "tanaka" / "old-phone" / "2019" / "backup.vcf").write_bytes(
        (exports / "tanaka" / "phone.vcf").read_bytes()
    )
    (exports / "tanaka" / "locked").mkdir()
    lock(exports / "tanaka" / "locked")
    monkeypatch.chdir(exports.parent)
    root = exports.name
    result = audit_paths([root + "/"], fake_stages, _options(group_by="dir"))
    tanaka = [f.info.path for f in result.files if f.group == f"{root}/tanaka"]
    assert tanaka == [
        f"{root}/tanaka/locked",
        f"{root}/tanaka/old-phone/2019/backup.vcf",
        f"{root}/tanaka/old.csv",
        f"{root}/tanaka/phone.vcf",
    ]
    assert {f.group for f in result.files} == {
        f"{root}/{name}" for name in ("suzuki", "tanaka", "yamada", "zz")
    }
    # A file lying in the given folder itself is that folder's.
    assert group_of(f"{root}/loose.vcf", "dir", [root]) == root
    assert group_of("a/b/c/x.vcf", "dir", ["a", "a/b"]) == "a/b/c"  # the deepest given folder


def test_group_by_dir_shows_an_employee_who_delivered_no_export(
    exports: Path, fake_stages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA round 5 (EU B4): an empty employee folder vanished from the per-employee table,
    the row that tells a compliance officer who has not delivered. It is listed as an
    input that could not be read (the run exits 3); without --group-by dir, not at all."""
    (exports / "kimura").mkdir()
    (exports / "kimura" / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # passed over
    (exports / "suzuki" / "empty").mkdir()  # not directly inside: nobody's row
    monkeypatch.chdir(exports.parent)
    root = exports.name
    result = audit_paths([root], fake_stages, _options(group_by="dir"))
    kimura = [(f.info.path, f.info.error) for f in result.files if f.group == f"{root}/kimura"]
    assert kimura == [(f"{root}/kimura", "no contact export found in this folder")]
    assert not any("empty" in f.info.path for f in result.files)
    assert result_has_unreadable(result)
    by_file = audit_paths([root], fake_stages, _options())
    assert not any(f.info.path == f"{root}/kimura" for f in by_file.files)


def test_group_by_dir_with_several_folders_given_makes_each_one_employee(
    exports: Path, fake_stages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 7 (B6): ``scan exports/*`` gave each folder's subfolders employees of their
    own, and an empty folder no row. With several folders given, each is one employee,
    however deep its files lie; one with nothing to read gets its row."""
    (exports / "tanaka" / "old-phone").mkdir()
    (exports / "tanaka" / "old-phone" / "backup.vcf").write_text("Customer Alpha\n")
    (exports / "kimura").mkdir()
    monkeypatch.chdir(exports)
    given = ["kimura", "suzuki", "tanaka"]
    result = audit_paths(given, fake_stages, _options(group_by="dir"))
    assert [(f.info.path, f.group) for f in result.files] == [
        ("kimura", "kimura"),
        ("suzuki/phone.vcf", "suzuki"),
        ("tanaka/old-phone/backup.vcf", "tanaka"),
        ("tanaka/old.csv", "tanaka"),
        ("tanaka/phone.vcf", "tanaka"),
    ]
    assert result.files[0].info.error == "no contact export found in this folder"
    # An --include that leaves a folder nothing is said as such.
    only_csv = audit_paths(given, fake_stages, _options(group_by="dir", include=("*.csv",)))
    suzuki = [f.info.error for f in only_csv.files if f.group == "suzuki"]
    assert suzuki == ["no file in this folder matches the --include patterns"]
    # ... and with an --exclude beside it, both are named (QA round 11)
    filtered = _options(group_by="dir", include=("*.vcf",), exclude=("phone.vcf",))
    suzuki = [f.info.error for f in audit_paths(given, fake_stages, filtered).files]
    assert "no file in this folder is left by the --include and --exclude patterns" in suzuki


def test_group_by_dir_files_an_unlistable_folder_as_its_own_employee(
    exports: Path, fake_stages: Any, lock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA round 4 A7: the locked folder was filed under its parent, a phantom employee
    # "exports", and the employee whose folder it was never appeared.
    lock(exports / "tanaka")
    monkeypatch.chdir(exports.parent)
    result = audit_paths([exports.name], fake_stages, _options(group_by="dir"))
    unlisted = [f for f in result.files if "cannot list" in (f.info.error or "")]
    assert [(f.info.path, f.group) for f in unlisted] == [
        (f"{exports.name}/tanaka", f"{exports.name}/tanaka")
    ]
    assert result_has_unreadable(result)


def test_a_clean_run_has_no_unreadable_input(exports: Path, fake_stages: Any) -> None:
    result = audit_paths([str(exports)], fake_stages, _options(include=("tanaka/*",)))
    assert len(result.files) == 2
    assert not result_has_unreadable(result)


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_result_equals_sequential(exports: Path, fake_stages: Any, jobs: int) -> None:
    sequential = audit_paths([str(exports)], fake_stages, _options(jobs=1))
    parallel = audit_paths([str(exports)], fake_stages, _options(jobs=jobs))
    assert parallel == sequential
    assert _summary(parallel.files)[4][4] == "internal error while reading: RuntimeError"


def test_a_dying_worker_costs_only_its_own_file(exports: Path, fake_stages: Any) -> None:
    _write(exports, {"killer/phone.vcf": "Friend 5\nDIE\n"})
    result = audit_paths([str(exports)], fake_stages, _options(jobs=2))
    errors = {Path(f.info.path).relative_to(exports).as_posix(): f.info.error for f in result.files}
    assert errors["killer/phone.vcf"] == "internal error while reading: the worker process died"
    assert errors["tanaka/phone.vcf"] is None
    assert errors["zz/phone.vcf"] is None
    assert len(result.files) == len(EXPORTS) + 1
    assert sum(len(f.contacts) for f in result.files) == 7


def test_parallel_needs_a_profile(exports: Path, fake_stages: Any) -> None:
    with pytest.raises(ValueError, match="profile"):
        audit_paths([str(exports)], fake_stages, AuditOptions(jobs=2))


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_hears_every_file_and_contact(exports: Path, fake_stages: Any, jobs: int) -> None:
    recorder = Recorder()
    # the crashing file is left out: contacts read before a crash count as read only with jobs=1
    options = _options(jobs=jobs, exclude=("yamada/phone.vcf",))
    result = audit_paths([str(exports)], fake_stages, options, recorder)
    events = recorder.events
    assert events[0] == ("start", 5)
    assert events[-1] == ("finish", None)
    read = [n for kind, n in events if kind == "contacts"]
    assert sum(n for n in read if isinstance(n, int)) == 7 == len(result.contact_results())
    done = sorted(str(p) for kind, p in events if kind == "file")
    assert done == sorted(f.info.path for f in result.files)
    assert len(done) == 5


def test_progress_is_finished_when_the_run_stops(
    exports: Path, fake_stages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: object, contact: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(type(fake_stages), "evaluate", interrupted)
    recorder = Recorder()
    with pytest.raises(KeyboardInterrupt):
        audit_paths([str(exports)], fake_stages, _options(), recorder)
    assert recorder.events[-1] == ("finish", None)


def test_an_interrupt_in_a_worker_stops_the_parallel_run(
    exports: Path, fake_stages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: object, contact: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(type(fake_stages), "evaluate", interrupted)
    recorder = Recorder()
    with pytest.raises(KeyboardInterrupt):
        audit_paths([str(exports)], fake_stages, _options(jobs=2), recorder)
    assert recorder.events[-1] == ("finish", None)


def test_the_run_leaves_the_garbage_collector_as_it_found_it(
    exports: Path, fake_stages: Any
) -> None:
    import gc

    audit_paths([str(exports)], fake_stages, _options(jobs=1))
    assert gc.get_freeze_count() == 0
    audit_paths([str(exports)], fake_stages, _options(jobs=2))
    assert gc.get_freeze_count() == 0


def test_contacts_are_evaluated_with_the_collector_paused_and_it_comes_back(
    exports: Path, fake_stages: Any, monkeypatch: pytest.MonkeyPatch, restore_gc: None
) -> None:
    """Results pile up without cycles while a file is read: collections would only re-walk
    them. After the file, and after a file whose evaluation crashed, it runs again."""
    import gc

    seen: list[bool] = []
    evaluate = fake_stages.evaluate

    def spy(contact: Any) -> Any:
        seen.append(gc.isenabled())
        if contact.names.formatted.startswith("Crash"):
            raise RuntimeError("engine bug")
        return evaluate(contact)

    monkeypatch.setattr(fake_stages, "evaluate", spy)
    gc.enable()
    audit_paths([str(exports)], fake_stages, _options(jobs=1))
    assert seen and not any(seen)
    assert gc.isenabled()

    crash = exports / "crash.vcf"
    crash.write_text("Alice\nCrash Test\n", encoding="utf-8")  # the fake format: a name a line
    result = audit_paths([str(crash)], fake_stages, _options(jobs=1))
    assert result.files[0].info.error == "internal error while reading: RuntimeError"
    assert gc.isenabled()
    gc.disable()  # left as it was found: a caller that paused it keeps it paused
    audit_paths([str(crash)], fake_stages, _options(jobs=1))
    assert not gc.isenabled()


def test_workers_get_the_largest_files_first(tmp_path: Path) -> None:
    """So a run does not end with one worker on a big file; ties keep input order."""
    from piiaudit.audit.plan import largest_first
    from piiaudit.discovery import Discovered

    sizes = {"a.vcf": 10, "b.vcf": 300, "c.vcf": 10, "d.vcf": 5000}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    inputs = [Discovered(str(tmp_path / n)) for n in [*sizes, "gone.vcf"]]
    order = largest_first(inputs, [(4, None), (0, None), (1, None), (2, None), (3, None)])
    assert [Path(inputs[i].path).name for i, _ in order] == [
        "d.vcf",
        "b.vcf",
        "a.vcf",
        "c.vcf",
        "gone.vcf",
    ]


def test_pieces_of_a_large_file_are_handed_out_by_their_own_size(tmp_path: Path) -> None:
    from piiaudit.audit.plan import largest_first
    from piiaudit.discovery import Discovered
    from piiaudit.parsers import Piece

    (tmp_path / "small.vcf").write_bytes(b"x" * 400)
    (tmp_path / "large.vcf").write_bytes(b"x" * 1000)
    inputs = [Discovered(str(tmp_path / "small.vcf")), Discovered(str(tmp_path / "large.vcf"))]
    halves = [(1, Piece(0, 500, 1, 0)), (1, Piece(500, 1000, 40, 9))]
    order = largest_first(inputs, [(0, None), *halves])
    assert order == [*halves, (0, None)]


def test_parallel_results_keep_input_order_whatever_finishes_first(
    exports: Path, fake_stages: Any
) -> None:
    (exports / "aaa").mkdir()
    (exports / "aaa" / "big.vcf").write_text("Customer\n" * 500, encoding="utf-8")
    sequential = audit_paths([str(exports)], fake_stages, _options())
    parallel = audit_paths([str(exports)], fake_stages, _options(jobs=2))
    assert _summary(parallel.files) == _summary(sequential.files)
    assert parallel.files[0].info.path.endswith("aaa/big.vcf")


def test_a_named_folder_with_nothing_to_read_is_listed_beside_other_inputs(
    exports: Path, fake_stages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """UX review: ``scan exps/tanaka exps/kimura`` with kimura empty passed with exit 0 and
    no word of kimura. Named beside other inputs, it is listed as not read, whatever
    --group-by says; named alone, it stays the usage error ``scan`` raises."""
    (exports / "kimura").mkdir()
    monkeypatch.chdir(exports)
    result = audit_paths(["tanaka", "kimura"], fake_stages, _options())
    assert ("kimura", "no contact export found in this folder") in [
        (f.info.path, f.info.error) for f in result.files
    ]
    assert audit_paths(["kimura"], fake_stages, _options()).files == []
