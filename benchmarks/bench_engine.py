"""Rule-engine benchmark: prints figures, asserts nothing.

Times ``Engine.evaluate`` alone (no parsing, no report) in CPU time
(``time.process_time``, so other work on a shared machine counts less), on

1. a synthetic vCard file of N fictional contacts (the generator of
   ``bench_batch.py``: names, a phone, an e-mail, sometimes a company or a note);
2. every contact of ``examples/`` (richer cards: labels, addresses, notes);
3. every contact of the evaluation sets (``tests/eval``, with the hold-out set):
   fictional exports whose notes are each written once, as in a real phone, where
   the synthetic file's notes repeat a few phrases.

Each input is evaluated ``--repeat`` times; the figures are the median and the
spread (min..max) of those runs, in microseconds per contact and contacts per
second. The engine remembers answers that depend only on a value (a note's
keyword hits, a domain's verdict, a free text's gate scan), so repeated runs
over the same contacts are its best case; the "first pass" line times one pass
per run on a fresh engine with those memos empty and the gate's pattern sets
compiled anew (re2 builds a set's automaton as texts come, so a set that has seen
the texts before would look quicker), as a one-off audit sees it.
``--reference`` also times ``Engine.evaluate_reference`` (every rule on re2, no
prefilter), the path the fast one is tested against. ``--profile K`` adds a
cProfile of one first pass over the synthetic file (the K functions with the
most time of their own; the profiler inflates small functions, so read it for
where, not for how much). Usage::

    .venv/bin/python benchmarks/bench_engine.py [--contacts N] [--repeat R] [--reference]
        [--profile K]
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from piiaudit.engine import Engine, Profile, classify, view
from piiaudit.engine.gate import forget_compiled_sets
from piiaudit.model import Contact, ContactResult
from piiaudit.parsers import ParseOptions, open_input

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
EVAL = HERE.parent / "tests" / "eval"


def _bench_batch() -> ModuleType:
    """The synthetic-file generator lives in bench_batch.py; reuse it, do not copy it."""
    spec = importlib.util.spec_from_file_location("bench_batch", HERE / "bench_batch.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def read_contacts(paths: list[Path]) -> list[Contact]:
    contacts: list[Contact] = []
    for path in paths:
        with open_input(str(path), ParseOptions(region="JP")) as parsed:
            contacts.extend(parsed.contacts)
    return contacts


def per_contact_us(
    evaluate: Callable[[Contact], ContactResult], contacts: list[Contact], repeat: int
) -> list[float]:
    """CPU microseconds per contact, one figure per run over all contacts."""
    for item in contacts[:50]:  # warm caches the way a long run would
        evaluate(item)
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        for item in contacts:
            evaluate(item)
        runs.append((time.process_time() - start) / len(contacts) * 1e6)
    return runs


def first_pass_us(contacts: list[Contact], repeat: int) -> list[float]:
    """CPU microseconds per contact of one pass on a fresh engine, per run."""
    runs = []
    for _ in range(repeat):
        forget_compiled_sets()
        engine = Engine.from_profile(Profile())
        for memo in (classify._known, view._forms_known, view._labels_known):
            memo.clear()  # module-level memos outlive an engine
        start = time.process_time()
        for item in contacts:
            engine.evaluate(item)
        runs.append((time.process_time() - start) / len(contacts) * 1e6)
    return runs


def profile_first_pass(contacts: list[Contact], top: int) -> None:
    """cProfile of one pass on a fresh engine (memos empty), the top functions."""
    forget_compiled_sets()
    engine = Engine.from_profile(Profile())
    for memo in (classify._known, view._forms_known, view._labels_known):
        memo.clear()
    profiler = cProfile.Profile()
    profiler.enable()
    for item in contacts:
        engine.evaluate(item)
    profiler.disable()
    print(f"\ncProfile, one first pass over {len(contacts)} contacts (own time):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


def report(label: str, runs: list[float], count: int) -> None:
    median = statistics.median(runs)
    print(
        f"{label:<34} {count:>6} contacts  {median:8.1f} us/contact "
        f"(spread {min(runs):.1f}..{max(runs):.1f})  {1e6 / median:10,.0f} contacts/s"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reference", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="K")
    args = parser.parse_args(argv)

    engine = Engine.from_profile(Profile())
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "synthetic.vcf"
        _bench_batch().write_vcard(synthetic, args.contacts, seed=1)
        inputs = {
            f"synthetic vCard ({args.contacts})": read_contacts([synthetic]),
            "examples/": read_contacts(
                sorted(EXAMPLES.glob("*.vcf")) + sorted(EXAMPLES.glob("*.csv"))
            ),
            "evaluation sets": read_contacts(
                sorted(p for p in EVAL.rglob("*") if p.suffix in (".vcf", ".csv"))
            ),
        }
    print(f"Engine.evaluate, CPU time, median of {args.repeat} runs")
    for label, contacts in inputs.items():
        report(label, per_contact_us(engine.evaluate, contacts, args.repeat), len(contacts))
        report(f"  first pass, {label}", first_pass_us(contacts, args.repeat), len(contacts))
        if args.reference:
            runs = per_contact_us(engine.evaluate_reference, contacts, args.repeat)
            report(f"  reference path, {label}", runs, len(contacts))
    if args.profile:
        profile_first_pass(next(iter(inputs.values())), args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
