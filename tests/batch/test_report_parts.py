"""``audit_report`` (what ``scan`` runs) against ``audit_paths`` + ``render`` (the whole way).

Real audits, with the shipped rule packs: the public corpus, the examples, both
evaluation sets and the batch folder, with one job and with worker processes.
Every format must come out byte-identical to the report rendered from the
whole :class:`~piiaudit.model.AuditResult`, and with ``--audience compliance``
nothing a worker sends back may hold a trace of a private or unknown contact.
"""

from __future__ import annotations

import io
import os
import re
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Any

import pytest

from piiaudit.audit import AuditOptions, audit_paths, audit_report, pool, run_risk
from piiaudit.engine import Engine, Profile, load_profile
from piiaudit.model import AuditResult, FileInfo
from piiaudit.reporters import REPORTERS, ReportOptions, get, json_report
from piiaudit.reporters.parts import RENDERERS, PartPlan

FORMATS = tuple(REPORTERS)
EVAL = Path(__file__).resolve().parents[1] / "eval"
SETTINGS: dict[str, object] = {"inputs": ["somewhere"], "audience": "self"}


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Profile:
    return load_profile(None, tmp_path_factory.mktemp("no-profile"))


@pytest.fixture(scope="module")
def engine(profile: Profile) -> Engine:
    return Engine.from_profile(profile)


def _whole(result: AuditResult, options: ReportOptions) -> dict[str, str]:
    texts = {}
    for fmt in FORMATS:
        out = io.StringIO()
        get(fmt)(result, out, options)
        texts[fmt] = out.getvalue()
    return texts


def _in_parts(
    paths: list[str], engine: Engine, options: AuditOptions, report: ReportOptions
) -> dict[str, str]:
    run = audit_report(paths, engine, options, PartPlan(report, FORMATS))
    texts = {}
    for fmt in FORMATS:
        out = io.StringIO()
        RENDERERS[fmt](run, out, report)
        texts[fmt] = out.getvalue()
    return texts


REPORTS = [
    ReportOptions(width=100),
    ReportOptions(width=100, audience="compliance", lang="ja"),
    ReportOptions(width=100, explain=True, show_pii=True, csv_rows="contacts"),
]


def _sources(name: str, corpus_dir: Path, examples_dir: Path) -> list[str]:
    if name == "corpus":
        return [str(corpus_dir)]
    if name == "examples":
        return sorted(
            str(p)
            for p in examples_dir.rglob("*")
            if p.suffix.lower() in {".vcf", ".csv"} and "/data/" not in str(p)
        )
    if name == "eval":
        return sorted(str(p) for p in EVAL.glob("eval-*"))
    return sorted(str(p) for p in (EVAL / "holdout").glob("holdout-*") if p.suffix != ".yaml")


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("source", ["corpus", "examples", "eval", "holdout"])
def test_real_audits_give_the_same_reports_in_parts(
    source: str,
    jobs: int,
    engine: Engine,
    profile: Profile,
    corpus_dir: Path,
    examples_dir: Path,
) -> None:
    paths = _sources(source, corpus_dir, examples_dir)
    assert paths
    base = AuditOptions(settings=SETTINGS, profile=profile)
    result = audit_paths(paths, engine, base)
    assert result.contact_results(), "nothing audited: the comparison would mean little"
    options = AuditOptions(settings=SETTINGS, profile=profile, jobs=jobs)
    for report in REPORTS:
        assert _in_parts(paths, engine, options, report) == _whole(result, report), report


def test_the_batch_folder_gives_the_same_reports_in_parts(
    batch: Any, engine: Engine, profile: Profile
) -> None:
    paths = [str(batch.root)]
    result = audit_paths(paths, engine, AuditOptions(profile=profile, group_by="dir"))
    options = AuditOptions(profile=profile, group_by="dir", jobs=2)
    for report in REPORTS:
        assert _in_parts(paths, engine, options, report) == _whole(result, report)


def test_contacts_joined_in_groups_give_the_same_json(
    examples_dir: Path,
    corpus_dir: Path,
    engine: Engine,
    profile: Profile,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The JSON report of a run in parts joins its contacts a group at a time: groups
    of two and three (odd and even counts, a group left short) change no byte."""
    paths = _sources("examples", corpus_dir, examples_dir)
    result = audit_paths(paths, engine, AuditOptions(settings=SETTINGS, profile=profile))
    contacts = len(result.contact_results())
    assert contacts > 6
    whole = _whole(result, REPORTS[0])["json"]
    for size in (1, 2, 3, contacts - 1):
        monkeypatch.setattr(json_report, "_JOINED_AT_ONCE", size)
        options = AuditOptions(settings=SETTINGS, profile=profile, jobs=2)
        assert _in_parts(paths, engine, options, REPORTS[0])["json"] == whole, size


def test_the_run_score_is_the_engines_aggregate(engine: Engine, corpus_dir: Path) -> None:
    results = audit_paths([str(corpus_dir)], engine, AuditOptions()).contact_results()
    assert len({r.risk_score for r in results}) > 3
    scores = [r.risk_score for r in results]
    assert run_risk(engine, scores) == engine.aggregate(results)
    assert run_risk(engine, []) == engine.aggregate([])


def _traces(hidden: Any) -> list[str]:
    digits = re.sub(r"\D", "", hidden.phone)
    return [
        hidden.name,
        hidden.family,
        hidden.given,
        hidden.phone,
        digits,
        "+81" + digits[1:],
        hidden.email,
        hidden.email.split("@")[0],
        hidden.note,
        *([hidden.street] if hidden.street else []),
        *([hidden.birthday] if hidden.birthday else []),
    ]


@pytest.mark.parametrize("audience", ["compliance", "self"])
def test_workers_send_back_no_trace_of_hidden_contacts(
    batch: Any,
    engine: Engine,
    profile: Profile,
    monkeypatch: pytest.MonkeyPatch,
    audience: str,
) -> None:
    """The bytes each worker hands back (what the pool pickles), searched for every
    raw value of every private and unknown contact; for the owner's report the same
    search finds them, which shows it would catch a leak."""
    sent: list[bytes] = []
    original = pool.from_wire

    def record(data: object) -> Any:
        sent.append(ForkingPickler.dumps(data).tobytes())
        return original(data)

    monkeypatch.setattr(pool, "from_wire", record)
    report = ReportOptions(audience=audience, show_pii=True)
    options = AuditOptions(profile=profile, jobs=2)
    audit_report([str(batch.root)], engine, options, PartPlan(report, FORMATS))
    assert len(sent) == len(batch.files)
    wire = b"".join(sent)
    found = [t for h in batch.hidden for t in _traces(h) if t.encode("utf-8") in wire]
    if audience == "compliance":
        assert found == []
    else:
        assert len(found) > len(batch.hidden)


class Recorder:
    def __init__(self) -> None:
        self.done: list[tuple[str, int, bool]] = []
        self.read = 0

    def start(self, files: int) -> None:
        pass

    def contacts_read(self, count: int) -> None:
        self.read += count

    def file_done(self, info: FileInfo, contacts: int) -> None:
        self.done.append((info.path, contacts, bool(info.issues)))

    def finish(self) -> None:
        pass


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_hears_each_file_and_its_contacts(
    batch: Any, engine: Engine, profile: Profile, jobs: int
) -> None:
    recorder = Recorder()
    plan = PartPlan(ReportOptions(), ("json",))
    options = AuditOptions(profile=profile, jobs=jobs)
    run = audit_report([str(batch.root)], engine, options, plan, recorder)
    counts = {f.path: f.contacts for f in run.view.files}
    assert sorted((p, n) for p, n, _ in recorder.done) == sorted(counts.items())
    assert recorder.read == sum(counts.values()) == run.view.summary.contacts
    if jobs > 1:  # parse issues stay in the worker: a hidden card's issue must not travel
        assert not any(has_issues for _, _, has_issues in recorder.done)


def test_a_file_name_that_is_not_utf8_gives_the_same_reports_in_parts(
    batch: Any, engine: Engine, profile: Profile, tmp_path: Path
) -> None:
    """A file name that is not UTF-8 reaches the reporters as a lone surrogate. SARIF
    used to fail quoting it (in parts, in the worker); now its URI encodes the name's
    bytes, and every format renders the same text whole and in parts, whatever --jobs."""
    root = tmp_path / "odd"
    root.mkdir()
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sample;Taro;;;\r\nFN:Sample Taro\r\n"
        "TEL;TYPE=CELL:090-8123-6123\r\nEMAIL;TYPE=HOME:sample.home@gmail.com\r\n"
        "BDAY:1981-02-13\r\nNOTE:母の通院先メモ 心療内科\r\nCATEGORIES:家族\r\nEND:VCARD\r\n"
    )
    for name in (b"plain.vcf", b"odd-\xff.vcf"):
        (root / os.fsdecode(name)).write_text(card, encoding="utf-8")
    paths = [str(root)]
    result = audit_paths(paths, engine, AuditOptions(profile=profile))
    assert all(c.findings for c in result.contact_results())
    whole = _whole(result, ReportOptions())
    assert f"{root.as_posix()}/odd-%FF.vcf" in whole["sarif"]
    for jobs in (1, 2):
        options = AuditOptions(profile=profile, jobs=jobs)
        assert _in_parts(paths, engine, options, ReportOptions()) == whole
