"""Report-stage benchmark: prints figures, asserts nothing.

The report is written by the main process alone, after every worker is done,
so its cost is paid in full by ``--jobs 2`` too and caps the speed-up. This
script audits one synthetic vCard once (fictional contacts, from
``bench_batch.write_vcard``) and then times, several times each:

1. building the shared view (``reporters.view.build``),
2. the JSON report as a whole, with and without ``--explain``,
3. the other formats (terminal, SARIF, CSV, HTML) for comparison,
4. each format built in parts, as ``scan`` builds it
   (:mod:`piiaudit.reporters.parts`): ``digest`` is the share of the work done
   where each file is audited (in the workers with ``--jobs N``), ``stitch``
   the share left to the main process (``assemble`` and ``render_assembled``);
   the JSON digest also with ``--explain``,

in CPU seconds of this process (the machine is shared, so wall time is noisy;
both are printed with their spread), plus a SHA-256 of each JSON report so
two versions of the code can be checked for byte-identical output. Usage::

    .venv/bin/python benchmarks/bench_report.py [--contacts N] [--repeat N]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_batch import write_vcard  # a sibling script, not a package


def _measure(action: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``repeat`` runs of ``action``."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def _spread(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"median {statistics.median(values):6.3f} s (min {low:.3f}, max {high:.3f})"


def main() -> None:
    from piiaudit.audit import AuditOptions, audit_paths
    from piiaudit.cli.common import load_engine, parse_options
    from piiaudit.reporters import ReportOptions, get
    from piiaudit.reporters.view import build

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000, help="contacts in the vCard")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement")
    args = parser.parse_args()

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {_load()}")
    with tempfile.TemporaryDirectory(prefix="piiaudit-bench-") as tmp:
        path = Path(tmp) / "large.vcf"
        write_vcard(path, args.contacts, seed=1)
        profile, engine = load_engine(None, (), start=Path(tmp))
        # A relative path, so the report (and its digest) is the same from run to run.
        here = os.getcwd()
        os.chdir(tmp)
        try:
            options = AuditOptions(parse=parse_options(profile))
            result = audit_paths([path.name], engine, options)
        finally:
            os.chdir(here)

    findings = sum(len(c.findings) for c in result.contact_results())
    print(f"{args.contacts:,} contacts, {findings:,} findings; {args.repeat} runs each\n")
    plain, explain = ReportOptions(), ReportOptions(explain=True)
    print(f"{'what':34} {'CPU':44} wall")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("view.build", lambda: build(result, plain)),
        ("view.build --explain", lambda: build(result, explain)),
    ]
    for name in ("json", "terminal", "sarif", "csv", "html"):
        cases.append((f"{name} report", _renderer(get(name), result, plain)))
    cases.append(("json report --explain", _renderer(get("json"), result, explain)))
    for label, action in cases:
        walls, cpus = _measure(action, args.repeat)
        per = statistics.median(cpus) / args.contacts * 1e6
        print(f"{label:34} {_spread(cpus)} {per:5.0f} us/contact   {_spread(walls)}")

    parts_cases = _parts_cases(result, engine)
    for label, action in parts_cases:
        walls, cpus = _measure(action, args.repeat)
        per = statistics.median(cpus) / args.contacts * 1e6
        print(f"{label:34} {_spread(cpus)} {per:5.0f} us/contact   {_spread(walls)}")

    for label, options in (("json", plain), ("json --explain", explain)):
        out = io.StringIO()
        get("json")(result, out, options)
        digest = hashlib.sha256(out.getvalue().encode()).hexdigest()
        print(f"sha256 of the {label} report: {digest}")
    for label, digest in SHAS.items():
        print(f"sha256 of the {label} report: {digest}")
    print(f"load at the end: {_load()}")


SHAS: dict[str, str] = {}  # JSON reports built in parts, by case


def _parts_cases(result: Any, engine: Any) -> list[tuple[str, Callable[[], object]]]:
    """``digest`` and ``stitch`` per format: the two shares of a report built in parts."""
    from piiaudit.audit import run_risk
    from piiaudit.reporters import ReportOptions
    from piiaudit.reporters.parts import RENDERERS, PartPlan, assemble, digest

    cases: list[tuple[str, Callable[[], object]]] = []
    rules = engine.rule_infos()
    explain = ReportOptions(explain=True)
    for name, options in (
        ("json", ReportOptions()),
        ("json --explain", explain),
        ("terminal", ReportOptions()),
        ("sarif", ReportOptions()),
        ("csv", ReportOptions()),
        ("html", ReportOptions()),
    ):
        fmt = name.split()[0]
        plan = PartPlan(options, (fmt,), frozenset(r.id for r in rules))
        parts = [digest(plan, f) for f in result.files]

        def stitch(plan: PartPlan = plan, parts: list[Any] = parts, name: str = fmt) -> io.StringIO:
            run = assemble(
                plan,
                parts,
                rules=rules,
                settings=result.settings,
                tool_version=result.tool_version,
                generated=result.generated,
                run_risk=lambda scores: run_risk(engine, scores),
            )
            out = io.StringIO()
            RENDERERS[name](run, out, plan.options)
            return out

        if fmt == "json":  # the report scan writes, for checking two versions give the same bytes
            text = stitch().getvalue().encode("utf-8", "surrogatepass")
            SHAS[f"{name} in parts"] = hashlib.sha256(text).hexdigest()

        cases.append(
            (f"{name} in parts: digest", lambda plan=plan: [digest(plan, f) for f in result.files])
        )
        cases.append((f"{name} in parts: stitch", stitch))
    return cases


def _renderer(render: Callable[..., None], result: object, options: object) -> Callable[[], None]:
    return lambda: render(result, io.StringIO(), options)


def _load() -> str:
    """The 1/5/15-minute load averages: figures from a busy machine are not comparable."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
