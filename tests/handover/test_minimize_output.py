"""minimize end to end: the output is re-read by piiaudit and by vobject, and what is
handed over keeps no finding above ``low`` (on every corpus file and the sample)."""

from __future__ import annotations

from pathlib import Path

import vobject

from piiaudit.engine import Engine
from piiaudit.handover.minimize_run import MINIMIZED, plan_minimize, write_minimized
from piiaudit.model import Severity
from piiaudit.parsers import ParseOptions, open_input

SAMPLE = Path(__file__).parent / "data" / "handover-sample.vcf"
OPTIONS = ParseOptions()


def check_minimized(source: Path, engine: Engine, out: Path) -> list[str]:
    """Minimize ``source`` (unknown contacts kept, so they are minimized too) and return
    what is wrong with the output."""
    plan = plan_minimize(str(source), engine, OPTIONS, None, keep_private=False, keep_unknown=True)
    minimized = [e for e in plan.entries if e.action == MINIMIZED]
    if not minimized:
        return []
    write_minimized(plan, out, force=False)
    problems = []
    text = out.read_text(encoding="utf-8")
    cards = list(vobject.readComponents(text))
    if len(cards) != len(minimized) or any(c.version.value != "3.0" for c in cards):
        problems.append(f"{source}: vobject reads {len(cards)} 3.0 cards, not {len(minimized)}")
    with open_input(str(out), OPTIONS) as parsed:
        reread = [engine.evaluate(c) for c in parsed.contacts]
        if parsed.info.error or parsed.info.issues:
            problems.append(f"{source}: {parsed.info.error or parsed.info.issues}")
    if len(reread) != len(minimized):
        problems.append(f"{source}: piiaudit reads {len(reread)} cards, not {len(minimized)}")
    for entry, result in zip(minimized, reread, strict=False):
        serious = [(f.rule, f.field) for f in result.findings if f.severity > Severity.LOW]
        if serious:
            problems.append(f"{source} #{entry.decision.result.contact.source.index}: {serious}")
        if result.contact.display_name() != entry.contact.display_name():  # type: ignore[union-attr]
            problems.append(f"{source}: name changed in writing")
    return problems


def test_every_corpus_file_minimizes_to_a_clean_readable_vcard(
    corpus_files: list[Path], engine: Engine, tmp_path: Path
) -> None:
    problems = []
    for number, path in enumerate(corpus_files):
        problems.extend(check_minimized(path, engine, tmp_path / f"{number}.vcf"))
    assert problems == []


def test_sample_customer_keeps_only_business_data(engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "handover.vcf"
    assert check_minimized(SAMPLE, engine, out) == []
    card = next(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert card.fn.value == "山田 太郎"
    assert [t.value for t in card.contents["tel"]] == ["03-3920-7943"]
    assert [e.value for e in card.contents["email"]] == ["taro.yamada@midorino-seiko.example.co.jp"]
    assert [a.value.street for a in card.contents["adr"]] == ["芝1-13-3"]
    assert card.title.value == "課長"
    for gone in ("bday", "note", "photo", "categories"):
        assert gone not in card.contents
