"""Batch-audit benchmark: prints figures, asserts nothing (issue 6, item 7).

Builds a folder of synthetic exports (fictional names, random numbers; mixed
vCard 3.0 and Google CSV) and prints, from one run on this machine:

1. one large vCard file: the full audit (parse, classify, score, JSON report)
   against a bare ``vobject.readComponents`` + ``phonenumbers.parse`` loop over
   the same file, in contacts per second, and their ratio (target: >= 4x), with
   ``--jobs 1`` (one process) and ``--jobs 2`` (two workers read the file in
   pieces of whole cards, as ``scan`` does by default on two cores);
2. the folder with ``--jobs 1`` and ``--jobs 2`` (audit plus JSON report), in
   contacts per second, and the speed-up (target: >= 1.7x on 2 cores); then the
   same as ``scan --baseline`` runs it in CI once the baseline is in place (it
   accepts every finding: each file screened where it is audited, none again);
3. the peak RSS of a worker process for two run sizes (target: flat in the
   number of contacts of the run), each measured in a fresh process.

Defaults are small so it runs in a minute; ``--files 200 --contacts 2000`` is the
issue's full size. Usage::

    .venv/bin/python benchmarks/bench_batch.py [--files N] [--contacts N] [--large N] [--repeat R]
        [--large-repeat R] [--only-large]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FAMILY = ["架空", "試験", "仮名", "見本", "Sample", "Example", "Dummy", "Fiction"]
GIVEN = ["花子", "太郎", "次郎", "一郎", "Alex", "Robin", "Sam", "Kim"]
ORGS = ["", "", "Example Trading KK", "見本商事株式会社", "Fiction Works Ltd"]
NOTES = ["", "", "", "誕生日は家族で祝う", "Met at a trade fair", "長男が通院中", "PIN 0000"]
MAILS = ["example.com", "example.jp", "docomo.ne.jp", "gmail.com", "example.co.jp"]


def _phone(rng: random.Random) -> str:
    """A random, well-formed Japanese number: mobile, Tokyo/Osaka or Yokohama landline."""
    kind = rng.randrange(4)
    if kind < 2:
        prefix = rng.choice(["090", "080", "070"])
        return f"{prefix}-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
    if kind == 2:
        return f"{rng.choice(['03', '06'])}-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
    return f"045-{rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}"


def _person(rng: random.Random, i: int) -> dict[str, str]:
    family, given = rng.choice(FAMILY), rng.choice(GIVEN)
    return {
        "family": family,
        "given": f"{given}{i}",
        "org": rng.choice(ORGS),
        "cell": _phone(rng),
        "home": _phone(rng) if rng.random() < 0.4 else "",
        "email": f"user{i}@{rng.choice(MAILS)}",
        "bday": f"19{rng.randrange(50, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}"
        if rng.random() < 0.3
        else "",
        "note": rng.choice(NOTES),
    }


def write_vcard(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        p = _person(rng, i)
        card = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{p['family']};{p['given']};;;",
            f"FN:{p['family']} {p['given']}",
            f"TEL;TYPE=CELL:{p['cell']}",
            f"EMAIL;TYPE=INTERNET:{p['email']}",
        ]
        if p["org"]:
            card.append(f"ORG:{p['org']}")
        if p["home"]:
            card.append(f"TEL;TYPE=HOME:{p['home']}")
        if p["bday"]:
            card.append(f"BDAY:{p['bday']}")
        if p["note"]:
            card.append(f"NOTE:{p['note']}")
        card.append("END:VCARD")
        out.append("\r\n".join(card))
    path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8")


def write_google_csv(path: Path, count: int, seed: int) -> None:
    import csv

    rng = random.Random(seed)
    header = [
        "Name",
        "Given Name",
        "Family Name",
        "Birthday",
        "Notes",
        "E-mail 1 - Type",
        "E-mail 1 - Value",
        "Phone 1 - Type",
        "Phone 1 - Value",
        "Phone 2 - Type",
        "Phone 2 - Value",
        "Organization 1 - Name",
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(count):
            p = _person(rng, i)
            writer.writerow(
                [
                    f"{p['family']} {p['given']}",
                    p["given"],
                    p["family"],
                    p["bday"],
                    p["note"],
                    "* Home",
                    p["email"],
                    "Mobile",
                    p["cell"],
                    "Home" if p["home"] else "",
                    p["home"],
                    p["org"],
                ]
            )


def build_folder(root: Path, files: int, contacts: int, *, corrupt: bool = False) -> int:
    """One folder per employee, every third export a Google CSV; returns the contact count.

    With ``corrupt``, the last export is a ZIP header instead (issue 6's "one corrupt").
    """
    for n in range(files):
        employee = root / f"employee{n:04d}"
        employee.mkdir(parents=True, exist_ok=True)
        if corrupt and n == files - 1:
            (employee / "contacts.vcf").write_bytes(b"PK\x03\x04" + bytes(64))
            return (files - 1) * contacts
        if n % 3 == 2:
            write_google_csv(employee / "contacts.csv", contacts, seed=n)
        else:
            write_vcard(employee / "contacts.vcf", contacts, seed=n)
    return files * contacts


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bare_loop(path: Path) -> int:
    """The baseline the issue names: vobject parse plus phonenumbers on every TEL."""
    import phonenumbers
    import vobject

    count = 0
    with path.open(encoding="utf-8") as handle:
        for card in vobject.readComponents(handle):
            for tel in card.contents.get("tel", []):
                with contextlib.suppress(phonenumbers.NumberParseException):
                    phonenumbers.parse(tel.value, "JP")
            count += 1
    return count


@dataclass
class Timing:
    """Seconds spent in each part of one run (engine set-up, audit, JSON report)."""

    setup: float
    audit: float
    report: float
    contacts: int
    cpu: float  # CPU seconds of this process and its workers, for the whole run
    main_cpu: float = 0.0  # of which this (the main) process: the part workers cannot share

    @property
    def total(self) -> float:
        return self.setup + self.audit + self.report


def full_audit(paths: list[str], jobs: int, *, screen: Any = None) -> Timing:
    """The whole pipeline as ``piiaudit scan -f json`` runs it, timed part by part.

    ``scan`` builds each file's share of the report where the file is audited
    (``audit_report``: "audit" then includes masking and rendering the contacts,
    "report" is stitching them and writing the report file as ``scan -f json -o FILE``
    does). With a ``screen`` (:func:`baseline_screen`), as ``scan --baseline`` runs:
    each file is screened where it is audited.
    """
    from piiaudit.audit import AuditOptions, audit_report
    from piiaudit.cli.common import load_engine, parse_options
    from piiaudit.cli.output import Destination, emit_assembled
    from piiaudit.engine.gate import forget_compiled_sets
    from piiaudit.reporters import ReportOptions
    from piiaudit.reporters.parts import PartPlan

    # A scan compiles the gate's pattern sets once; a run here must pay that too.
    forget_compiled_sets()
    start, cpu_start, main_start = time.perf_counter(), _cpu(), time.process_time()
    profile, engine = load_engine(None, (), start=Path(tempfile.gettempdir()))
    options = AuditOptions(parse=parse_options(profile), jobs=jobs, profile=profile)
    set_up = time.perf_counter()
    plan = PartPlan(ReportOptions(), ("json",))
    run = audit_report(paths, engine, options, plan, None, screen)
    audited = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="piiaudit-bench-report-") as out:
        # What ``scan -f json -o FILE`` does: the workers' UTF-8 written as it came.
        report = Destination("json", Path(out) / "report.json")
        emit_assembled(run, [report], ReportOptions(), force=False)
    contacts = run.view.summary.contacts
    unreadable = [(f.path, f.error) for f in run.view.files if f.error]
    reported = time.perf_counter()
    cpu, main_cpu = _cpu() - cpu_start, time.process_time() - main_start
    for path, error in unreadable:
        if path in _ANNOUNCED:
            continue
        _ANNOUNCED.add(path)
        print(f"   (unreadable, as expected: {'/'.join(Path(path).parts[-2:])}: {error})")
    return Timing(set_up - start, audited - set_up, reported - audited, contacts, cpu, main_cpu)


_ANNOUNCED: set[str] = set()  # unreadable files already named (runs repeat)


def baseline_screen(paths: list[str]) -> Any:
    """A baseline accepting every finding of ``paths`` (with a fictional key), as
    ``scan --baseline`` screens with it; made outside the timed runs."""
    from piiaudit import baseline
    from piiaudit.audit import AuditOptions, audit_paths
    from piiaudit.cli.common import load_engine, parse_options

    profile, engine = load_engine(None, (), start=Path(tempfile.gettempdir()))
    options = AuditOptions(parse=parse_options(profile), jobs=2, profile=profile)
    key = b"fictional-benchmark-key-0123456789"
    accepted = baseline.create(audit_paths(paths, engine, options), key)
    return baseline.screen_for(accepted, key)


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def rss_probe(folder: str) -> None:
    """Run in a fresh process: audit ``folder`` with 2 workers, print the workers' peak RSS."""
    full_audit([folder], jobs=2)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KiB on Linux


def worker_rss(folder: Path) -> int:
    out = subprocess.run(
        [sys.executable, __file__, "--rss-probe", str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40, help="files in the batch folder")
    parser.add_argument("--contacts", type=int, default=500, help="contacts per batch file")
    parser.add_argument("--large", type=int, default=10_000, help="contacts in the single file")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of runs of part 2 (median)")
    parser.add_argument(
        "--large-repeat",
        type=int,
        default=5,
        help="runs of part 1 (median; a round is a few seconds, and the spread is wide)",
    )
    parser.add_argument(
        "--only-large", action="store_true", help="part 1 only (the one-file comparison)"
    )
    parser.add_argument("--rss-probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_probe:
        rss_probe(args.rss_probe)
        return

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {_load()}")
    with tempfile.TemporaryDirectory(prefix="piiaudit-bench-") as tmp:
        root = Path(tmp)
        large = root / "large.vcf"
        write_vcard(large, args.large, seed=1)
        # Alternate the three runs, so a change in load hits them alike; medians.
        bare_runs, ones, twos = [], [], []
        for _ in range(args.large_repeat):
            bare_runs.append(timed(lambda: bare_loop(large)))
            ones.append(full_audit([str(large)], jobs=1))
            twos.append(full_audit([str(large)], jobs=2))
        bare_rate = args.large / statistics.median(bare_runs)
        print(f"\n1. one vCard file, {args.large:,} contacts (median of {args.large_repeat} runs)")
        print(f"   vobject.readComponents + phonenumbers.parse : {bare_rate:10,.0f} contacts/s")
        for jobs, runs in ((1, ones), (2, twos)):
            run = sorted(runs, key=lambda t: t.total)[len(runs) // 2]
            rate = args.large / run.total
            how = "one process" if jobs == 1 else "two workers read it in pieces"
            print(f"   piiaudit full audit + JSON report, --jobs {jobs}: {rate:10,.0f} contacts/s")
            print(f"      ({how})")
            print(f"      ratio to vobject + phonenumbers (target >= 4x): {rate / bare_rate:6.2f}x")
            # Each round's own ratio (its bare loop against its audit): the spread.
            rounds = sorted(bare / run.total for bare, run in zip(bare_runs, runs, strict=True))
            print(f"      ratio round by round: {' '.join(f'{r:.2f}x' for r in rounds)}")
            # A round times its bare loop and its audit side by side, so the host's drift
            # within a run moves both: the median of the rounds' own ratios.
            print(f"      median of the rounds' own ratios: {statistics.median(rounds):.2f}x")
            print(
                f"      time: engine set-up {run.setup:.2f} s, parse+classify+score "
                f"{run.audit:.2f} s, JSON report {run.report:.2f} s; CPU {run.cpu:.2f} s"
            )

        if args.only_large:
            print(f"\nload at the end: {_load()}")
            return
        folder = root / "batch"
        total = build_folder(folder, args.files, args.contacts, corrupt=True)
        print(
            f"\n2. batch: {args.files} files (one corrupt) x {args.contacts:,} contacts "
            f"= {total:,} contacts"
        )
        screen = baseline_screen([str(folder)])
        for screened in (None, screen):
            if screened is None:
                print("   as scan runs: each file's share of the report built where it is audited")
            else:
                print("   as scan --baseline runs, with a baseline accepting every finding:")
                print("   each file screened where it is audited")
            # Alternating --jobs 1 and --jobs 2 runs; the pair with the median speed-up is
            # shown, with the spread of all pairs (the machine's own noise is ~10%).
            pairs = [
                {jobs: full_audit([str(folder)], jobs=jobs, screen=screened) for jobs in (1, 2)}
                for _ in range(args.repeat)
            ]
            pairs.sort(key=lambda pair: pair[1].total / pair[2].total)
            runs = pairs[len(pairs) // 2]
            spread = [pair[1].total / pair[2].total for pair in pairs]
            print(
                f"   median of {len(pairs)} pairs of runs (speed-ups {spread[0]:.2f}x .. "
                f"{spread[-1]:.2f}x end to end)"
            )
            for jobs, run in runs.items():
                print(
                    f"   --jobs {jobs}: {total / run.total:8,.0f} contacts/s end to end "
                    f"({run.total:6.2f} s); audit alone {total / run.audit:8,.0f} contacts/s "
                    f"({run.audit:6.2f} s); report {run.report:5.2f} s; {run.cpu:6.2f} CPU s, "
                    f"{run.main_cpu:5.2f} in the main process"
                )
            end_to_end = runs[1].total / runs[2].total
            audit_only = runs[1].audit / runs[2].audit
            print(
                f"   speed-up --jobs 2 / --jobs 1 (target >= 1.7x): {end_to_end:.2f}x end to end,"
            )
            print(
                f"   {audit_only:.2f}x for the audit alone "
                "(the JSON report is stitched by one process)"
            )
            print(
                f"   CPU cost of parallelism: --jobs 2 used {runs[2].cpu / runs[1].cpu:.2f}x "
                "the CPU time of --jobs 1"
            )
            print("   (a wall-clock speed-up needs two idle cores; see the load)\n")

        small = root / "rss-small"
        big = root / "rss-big"
        small_total = build_folder(small, 4, args.contacts)
        big_total = build_folder(big, 16, args.contacts)
        print("\n3. peak RSS of a worker (--jobs 2), fresh process per size")
        print(f"   {small_total:8,} contacts in the run: {worker_rss(small) / 1024:8.1f} MiB")
        print(f"   {big_total:8,} contacts in the run: {worker_rss(big) / 1024:8.1f} MiB")
    print(f"\nload at the end: {_load()}")


def _load() -> str:
    """The 1/5/15-minute load averages: figures from a busy machine are not comparable."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
