"""The long fuzz campaign: one target, a large budget, figures at the end.

    python fuzz/run_campaign.py --target vcard --examples 20000
    python fuzz/run_campaign.py --target all --examples 5000 --seed 7

Targets: ``vcard`` and ``csv`` (the readers, then the rule engine on every
contact read), ``bytes`` (arbitrary bytes through sniffing and both readers)
and ``rules`` (the rule-pack loader on mangled rule documents). The inputs and
invariants are those of the bounded suite in ``tests/fuzz`` (same strategies,
same checks), only many more of them, with a fresh random seed per run.

Prints one JSON line per target: inputs tried, seconds, and the crash (the
shrunk failing input and the error) if one was found. Hypothesis stops a
target at its first failure; fix it, add it as a regression test, rerun.
Exit status 1 when any target crashed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as fix_seed
from hypothesis import strategies as st

from fuzz.strategies import csv_exports, rule_documents, vcard_exports
from fuzz.targets import check_export, check_rule

TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], object]]] = {
    "vcard": (vcard_exports(), lambda data: check_export(data, "input.vcf")),
    "csv": (csv_exports(), lambda data: check_export(data, "input.csv")),
    "bytes": (st.binary(max_size=4096), lambda data: check_export(data, "input.dat")),
    "rules": (rule_documents(), check_rule),
}


def run(target: str, examples: int, seed: int | None) -> dict[str, object]:
    strategy, check = TARGETS[target]
    tried = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(strategy)
    def campaign(value: Any) -> None:
        nonlocal tried
        tried += 1
        check(value)

    if seed is not None:
        campaign = fix_seed(seed)(campaign)
    started = time.monotonic()
    crash = None
    try:
        campaign()
    except Exception as exc:  # the campaign's finding, reported below
        crash = {"error": f"{type(exc).__name__}: {exc}"[:2000], "trace": traceback.format_exc()}
    return {
        "target": target,
        "inputs_tried": tried,
        "seconds": round(time.monotonic() - started, 1),
        "crash": crash,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=[*TARGETS, "all"], required=True)
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    crashed = False
    for target in TARGETS if args.target == "all" else [args.target]:
        summary = run(target, args.examples, args.seed)
        crashed = crashed or summary["crash"] is not None
        print(json.dumps(summary, ensure_ascii=False), flush=True)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
