"""Benchmark: piiaudit's streaming vCard reader against vobject, and its memory.

Generates N fictional contacts (mixed vCard 2.1 quoted-printable UTF-8 and
3.0, Japanese and Latin names, 2-3 phones each), writes them to a temporary
file and prints:

* CPU seconds and contacts/s for ``piiaudit.parsers.open_input`` (consuming
  every contact, phone numbers classified as part of reading),
* the same for ``vobject.readComponents`` on the same text, alone and with
  each TEL put through ``phonenumbers`` (parse, validity, type), which is the
  work piiaudit's reader does for every number,
* the ratios, from the medians, with the spread over ``--repeat`` runs, and
* peak memory of the piiaudit reader (tracemalloc, in a child process) for
  10,000 contacts and for the requested size, to show it stays flat.

Every timed run is a fresh interpreter (no warm caches), timed in CPU
seconds (``time.process_time``) because the machine may be shared; runs of
the readers alternate so a change in load hits all of them alike.

Usage: ``python benchmarks/bench_parse.py [--contacts N] [--vobject-contacts M] [--repeat R]
[--memory-contacts K]``. vobject is slow, so it reads the first M contacts
(default 20,000) and its rate is compared per contact. ``--memory-contacts``
adds the peak memory of reading a file of K contacts (e.g. 1,000,000: about
300 MB in the temporary directory, a few minutes) to the flat-memory figures.
"""

from __future__ import annotations

import argparse
import quopri
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


def run_piiaudit(path: Path, limit: int) -> tuple[int, float]:
    """Read the whole file (``limit`` is for the slower readers)."""
    from piiaudit.parsers import ParseOptions, open_input

    start = time.process_time()
    with open_input(str(path), ParseOptions()) as parsed:
        count = sum(1 for _ in parsed.contacts)
    return count, time.process_time() - start


def run_vobject(path: Path, limit: int, *, phones: bool = False) -> tuple[int, float]:
    import phonenumbers
    import vobject

    start = time.process_time()
    text = path.read_text(encoding="utf-8")
    count = 0
    for component in vobject.readComponents(text, allowQP=True):
        component.getChildren()
        if phones:
            for tel in component.contents.get("tel", ()):
                number = phonenumbers.parse(tel.value, "JP")
                if phonenumbers.is_valid_number(number):
                    phonenumbers.number_type(number)
        count += 1
        if count >= limit:
            break
    return count, time.process_time() - start


def run_vobject_phones(path: Path, limit: int) -> tuple[int, float]:
    return run_vobject(path, limit, phones=True)


READERS: dict[str, Callable[[Path, int], tuple[int, float]]] = {
    "piiaudit": run_piiaudit,
    "vobject": run_vobject,
    "vobject+phonenumbers": run_vobject_phones,
}


def timed(reader: str, path: Path, limit: int) -> tuple[int, float]:
    """Contacts read and CPU seconds of one run of ``reader``, in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", reader, str(path), str(limit)],
        capture_output=True,
        text=True,
        check=True,
    )
    count, seconds = out.stdout.split()
    return int(count), float(seconds)


def peak_memory(path: Path, *, stub_phones: bool = False) -> float:
    """Peak traced memory (MiB) of reading ``path`` in a fresh interpreter.

    ``stub_phones`` replaces the phone classifier (whose cache of unusually
    written numbers, up to 16,384 entries in ``piiaudit.phones``, would grow
    with a file that has many), so the reader's own memory can be seen alone.
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
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-contacts", type=int, default=0)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        reader, path, limit = args.child
        count, seconds = READERS[reader](Path(path), int(limit))
        print(count, seconds)
        return
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.vcf"
        small = Path(tmp) / "small.vcf"
        write_file(big, args.contacts)
        write_file(small, min(10_000, args.contacts))
        size_mib = big.stat().st_size / (1024 * 1024)
        print(f"file: {args.contacts:,} contacts, {size_mib:.1f} MiB; {args.repeat} runs each")
        rates: dict[str, list[float]] = {name: [] for name in READERS}
        for _ in range(args.repeat):
            for name in READERS:
                limit = args.contacts if name == "piiaudit" else args.vobject_contacts
                count, seconds = timed(name, big, limit)
                rates[name].append(count / seconds)
        for name, values in rates.items():
            low, mid, high = min(values), statistics.median(values), max(values)
            print(f"{name:>21}: {mid:9,.0f} contacts/s (median; runs {low:,.0f} .. {high:,.0f})")
        ours = rates["piiaudit"]
        for name in ("vobject", "vobject+phonenumbers"):
            theirs = rates[name]
            ratio = statistics.median(ours) / statistics.median(theirs)
            print(
                f"ratio vs {name}: {ratio:.1f}x (worst pairing {min(ours) / max(theirs):.1f}x, "
                f"best {max(ours) / min(theirs):.1f}x)"
            )
        for label, stub in (("reader + phone classification", False), ("reader alone", True)):
            small_peak = peak_memory(small, stub_phones=stub)
            big_peak = peak_memory(big, stub_phones=stub)
            print(
                f"peak memory, {label} (tracemalloc): 10k contacts {small_peak:.1f} MiB, "
                f"{args.contacts:,} contacts {big_peak:.1f} MiB"
            )
        if args.memory_contacts:
            huge = Path(tmp) / "huge.vcf"
            write_file(huge, args.memory_contacts)
            for label, stub in (("reader + phone classification", False), ("reader alone", True)):
                peak = peak_memory(huge, stub_phones=stub)
                print(
                    f"peak memory, {label} (tracemalloc): "
                    f"{args.memory_contacts:,} contacts {peak:.1f} MiB"
                )


if __name__ == "__main__":
    main()
