"""The split invariant on every real-world export of the public corpus, and the round
trip split -> outputs -> scan giving the same contacts and findings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from handover_fakes import FakeEngine
from split_checks import OPTIONS, split_and_check

from piiaudit.engine import Engine
from piiaudit.handover.plan import ORDER
from piiaudit.model import ContactResult
from piiaudit.parsers import open_input


def _fingerprint(result: ContactResult) -> tuple[object, ...]:
    c = result.contact
    findings = tuple(sorted((f.rule, f.category.value, f.field) for f in result.findings))
    return (
        c.display_name(),
        tuple(p.value for p in c.phones),
        tuple(e.value for e in c.emails),
        findings,
    )


def _scan(path: Path, engine: Engine) -> list[tuple[object, ...]]:
    with open_input(str(path), OPTIONS) as parsed:
        return [_fingerprint(engine.evaluate(c)) for c in parsed.contacts]


def test_every_corpus_file_splits_into_its_exact_cards(
    corpus_files: list[Path], tmp_path: Path
) -> None:
    """Contacts are spread over the three outputs by index, so every output file and
    every position of a card (first, middle, last) is exercised."""
    engine = FakeEngine(rotate=True)
    problems = []
    for number, path in enumerate(corpus_files):
        out = tmp_path / str(number)
        out.mkdir()
        try:
            split_and_check(path, engine, out)
        except Exception as exc:  # collect every failing file, not only the first
            problems.append(f"{path.relative_to(path.parents[1])}: {type(exc).__name__}: {exc}")
    assert problems == []


def test_round_trip_gives_the_same_contacts_and_findings(
    corpus_files: list[Path], engine: Engine, tmp_path: Path
) -> None:
    """Importing the three outputs gives back the original contacts: the same names,
    phones, emails and findings as scanning the input (outputs read one by one, as an
    import would; for vCards also concatenated into one file)."""
    problems = []
    for number, path in enumerate(corpus_files):
        out = tmp_path / str(number)
        out.mkdir()
        plan = split_and_check(path, engine, out)
        original = Counter(_scan(path, engine))
        outputs = [out / plan.file_name(dest) for dest in ORDER]
        parts: Counter[tuple[object, ...]] = Counter()
        for output in outputs:
            if plan.spans(output.stem):
                parts.update(_scan(output, engine))
        if parts != original:
            problems.append(f"{path}: outputs read one by one differ")
        if plan.extension == "vcf":
            joined = out / "joined.vcf"
            prefix = plan.prefix[1] - plan.prefix[0]  # the BOM: once, at the head
            bodies = [o.read_bytes() for o in outputs]
            joined.write_bytes(bodies[0] + b"".join(b[prefix:] for b in bodies[1:]))
            if Counter(_scan(joined, engine)) != original:
                problems.append(f"{path}: concatenated outputs differ")
    assert problems == []
