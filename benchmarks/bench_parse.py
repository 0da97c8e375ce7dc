"""Benchmark: piiaudit's streaming vCard reader against vobject, and its memory.

Generates N fictional contacts (mixed vCard 2.1 quoted-printable UTF-8 and
3.0, Japanese and Latin names, 2-3 phones each), writes them to a temporary
file and prints, from one run:

* contacts/s for ``piiaudit.parsers.open_input`` (consuming every contact),
* contacts/s for ``vobject.readComponents`` on the same text,
* the ratio, and
* peak memory of the piiaudit reader (tracemalloc, in a child process) for
  10,000 contacts and for the requested size, to show it stays flat.

Usage: ``python benchmarks/bench_parse.py [--contacts N] [--vobject-contacts M]``.
vobject is slow, so it reads the first M contacts (default 20,000) and its
rate is compared per contact.
"""

from __future__ import annotations

import argparse
import quopri
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FAMILY_JA = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村"]
GIVEN_JA = ["太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔", "結衣"]
FAMILY_EN = ["Example", "Sample", "Testman", "Placeholder", "Fictional"]
GIVEN_EN = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank"]


def _phone(rng: random.Random) -> str:
    prefix = rng.choice(["090", "080", "070", "03", "06"])
    return f"{prefix}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def _qp(text: str) -> str:
    encoded = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    return encoded.replace("=\n", "=\r\n")


def card(rng: random.Random, number: int) -> str:
    """One fictional card; even numbers are 2.1 QP UTF-8, odd ones 3.0."""
    japanese = number % 3 != 0
    family = rng.choice(FAMILY_JA if japanese else FAMILY_EN)
    given = rng.choice(GIVEN_JA if japanese else GIVEN_EN)
    phones = [_phone(rng) for _ in range(rng.randint(2, 3))]
    lines = ["BEGIN:VCARD"]
    if number % 2 == 0:
        lines.append("VERSION:2.1")
        qp = "CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE"
        lines.append(f"N;{qp}:{_qp(family)};{_qp(given)};;;")
        lines.append(f"FN;{qp}:{_qp(f'{family} {given}')}")
        types = ["CELL", "HOME", "WORK;VOICE"]
        lines += [f"TEL;{types[i]}:{p}" for i, p in enumerate(phones)]
        lines.append(f"EMAIL;INTERNET:user{number}@example.com")
        lines.append(f"NOTE;{qp}:{_qp(f'Met at the fictional fair, {number}')}")
    else:
        lines.append("VERSION:3.0")
        lines.append(f"N:{family};{given};;;")
        lines.append(f"FN:{family} {given}")
        types = ["CELL", "HOME", "WORK,VOICE"]
        lines += [f"TEL;TYPE={types[i]}:{p}" for i, p in enumerate(phones)]
        lines.append(f"EMAIL;TYPE=INTERNET:user{number}@example.org")
        lines.append(f"ORG:Fictional Trading Co.;Sales {number % 7}")
        lines.append(f"NOTE:Customer since 20{number % 25:02d}\\, prefers mornings")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def write_file(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        for number in range(count):
            handle.write(card(rng, number))


def run_piiaudit(path: Path) -> tuple[int, float]:
    from piiaudit.parsers import ParseOptions, open_input

    start = time.process_time()
    with open_input(str(path), ParseOptions()) as parsed:
        count = sum(1 for _ in parsed.contacts)
    return count, time.process_time() - start


def run_vobject(path: Path, limit: int) -> tuple[int, float]:
    import vobject

    start = time.process_time()
    text = path.read_text(encoding="utf-8")
    count = 0
    for component in vobject.readComponents(text, allowQP=True):
        component.getChildren()
        count += 1
        if count >= limit:
            break
    return count, time.process_time() - start


def peak_memory(path: Path, *, stub_phones: bool = False) -> float:
    """Peak traced memory (MiB) of reading ``path`` in a fresh interpreter.

    ``stub_phones`` replaces the phone classifier, whose LRU cache (65,536
    entries in ``piiaudit.phones``) grows with the number of distinct numbers
    until it is full, so the reader's own memory can be seen on its own.
    """
    code = (
        "import tracemalloc,sys\n"
        "from piiaudit.parsers import open_input\n"
        "import piiaudit.parsers.vcard_build as vb, phonenumbers\n"
        "if sys.argv[2] == 'stub':\n"
        "    vb.classify = lambda value, region: (None, None)\n"
        "tracemalloc.start()\n"
        "with open_input(sys.argv[1]) as p:\n"
        "    n = sum(1 for _ in p.contacts)\n"
        "print(tracemalloc.get_traced_memory()[1])\n"
    )
    mode = "stub" if stub_phones else "real"
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), mode], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / (1024 * 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--vobject-contacts", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.vcf"
        small = Path(tmp) / "small.vcf"
        write_file(big, args.contacts)
        write_file(small, min(10_000, args.contacts))
        size_mib = big.stat().st_size / (1024 * 1024)
        print(f"file: {args.contacts:,} contacts, {size_mib:.1f} MiB")
        count, seconds = run_piiaudit(big)
        ours = count / seconds
        print(f"piiaudit: {count:,} contacts in {seconds:.2f} s = {ours:,.0f} contacts/s")
        v_count, v_seconds = run_vobject(big, args.vobject_contacts)
        theirs = v_count / v_seconds
        print(f"vobject:  {v_count:,} contacts in {v_seconds:.2f} s = {theirs:,.0f} contacts/s")
        print(f"ratio: piiaudit is {ours / theirs:.1f}x vobject")
        for label, stub in (("reader + phone cache", False), ("reader alone", True)):
            small_peak = peak_memory(small, stub_phones=stub)
            big_peak = peak_memory(big, stub_phones=stub)
            print(
                f"peak memory, {label} (tracemalloc): 10k contacts {small_peak:.1f} MiB, "
                f"{args.contacts:,} contacts {big_peak:.1f} MiB"
            )


if __name__ == "__main__":
    main()
