"""minimize end to end: the output is re-read by piiaudit and by vobject, and what is
handed over keeps no finding above ``low`` (on every corpus file and the sample)."""

from __future__ import annotations

from pathlib import Path

import vobject
from handover_fakes import ROTATION, FakeEngine
from handover_setup import SAMPLE_EXPORT

from piiaudit.engine import Engine
from piiaudit.handover.minimize_run import MINIMIZED, plan_minimize, write_minimized
from piiaudit.handover.vcard_writer import without_controls, written_name
from piiaudit.model import Contact, Severity
from piiaudit.parsers import ParseOptions, open_input

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
        if result.contact.display_name() != shown_name(entry.contact):  # type: ignore[arg-type]
            problems.append(f"{source}: name changed in writing")
    return problems


def shown_name(contact: Contact) -> str:
    """The name a written card is read back with: its FN (a nameless card's is its
    organisation, e-mail or number), without the control characters never written."""
    return without_controls(written_name(contact))


def test_every_corpus_file_minimizes_to_a_clean_readable_vcard(
    corpus_files: list[Path], engine: Engine, tmp_path: Path
) -> None:
    problems = []
    for number, path in enumerate(corpus_files):
        problems.extend(check_minimized(path, engine, tmp_path / f"{number}.vcf"))
    assert problems == []


def test_sample_customer_keeps_only_business_data(engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "handover.vcf"
    assert check_minimized(SAMPLE_EXPORT, engine, out) == []
    card = next(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert card.fn.value == "山田 太郎"
    assert [t.value for t in card.contents["tel"]] == ["03-3920-7943"]
    assert [e.value for e in card.contents["email"]] == ["taro.yamada@midorino-seiko.example.co.jp"]
    assert [a.value.street for a in card.contents["adr"]] == ["芝1-13-3"]
    assert card.title.value == "課長"
    for gone in ("bday", "note", "photo", "categories"):
        assert gone not in card.contents


def test_complete_and_minimized_cards_of_every_corpus_file_read_back(
    corpus_files: list[Path], tmp_path: Path
) -> None:
    """With --keep-private --keep-unknown every contact is written, private ones complete.
    Three passes shift the classes so each contact is written once complete and once
    minimized: the writer must produce cards both readers accept, whatever odd
    properties the exports carried (PROFILE, X- fields, nested cards)."""
    problems = []
    for shift in range(3):
        engine = FakeEngine({i: ROTATION[(i + shift) % 3] for i in range(1000)})
        for number, path in enumerate(corpus_files):
            out = tmp_path / f"{shift}-{number}.vcf"
            problems.extend(_written_cards_read_back(path, engine, out))
    assert problems == []


def _written_cards_read_back(path: Path, engine: FakeEngine, out: Path) -> list[str]:
    plan = plan_minimize(str(path), engine, OPTIONS, None, keep_private=True, keep_unknown=True)
    write_minimized(plan, out, force=False)
    try:
        cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    except Exception as exc:  # any vobject failure is a finding of this test
        return [f"{path}: vobject: {type(exc).__name__}: {exc}"]
    with open_input(str(out), OPTIONS) as parsed:
        names = [c.display_name() for c in parsed.contacts]
        issues = list(parsed.info.issues)
    expected = [shown_name(c) for c in plan.written()]
    if len(cards) != len(expected) or names != expected or issues:
        return [f"{path}: {len(cards)} vobject cards, names {names} != {expected}, {issues}"]
    return []
