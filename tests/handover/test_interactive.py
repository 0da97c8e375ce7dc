"""--interactive on hand-built contacts: masked questions, answers become overrides."""

from __future__ import annotations

import io
from pathlib import Path

from handover_fakes import FakeEngine, contact

from piiaudit.handover.interactive import ask_review
from piiaudit.handover.overrides import OverrideSet
from piiaudit.handover.plan import SplitPlan, build_plan
from piiaudit.model import ContactClass, Email, FileInfo, Names, Phone

UNKNOWN = ContactClass.UNKNOWN


def review_plan(n: int) -> SplitPlan:
    contacts = [
        contact(
            i,
            start=i * 10,
            end=i * 10 + 10,
            line=i * 4 + 1,
            names=Names(formatted=f"山田 太郎{i}"),
            organizations=("Example Trading",),
            phones=(
                Phone("090-1234-5678", ("cell",), number_type="mobile"),
                Phone("03-1234-5678", ("Hanako",), number_type="fixed_line"),
            ),
            emails=(Email("taro@gmail.com"),),
            uid="u-1" if i == 0 else None,
        )
        for i in range(n)
    ]
    engine = FakeEngine(dict.fromkeys(range(n), UNKNOWN))
    info = FileInfo(path="t.vcf", format="vcard")
    return build_plan(Path("t.vcf"), info, contacts, engine, None, n * 10, b"BEGI")


def run(plan: SplitPlan, answers: str, *, show_pii: bool = False) -> tuple[OverrideSet, str]:
    overrides = OverrideSet()
    out = io.StringIO()
    ask_review(plan, overrides, io.StringIO(answers), out, lang="en", show_pii=show_pii)
    return overrides, out.getvalue()


def test_answers_become_overrides_and_move_contacts() -> None:
    plan = review_plan(3)
    overrides, out = run(plan, "b\nprivate\nr\n")
    assert [(o.selector, o.label) for o in overrides.items()] == [
        ("uid:u-1", ContactClass.BUSINESS),
        ("index:1", ContactClass.PRIVATE),
    ]
    assert plan.counts() == {"business": 1, "private": 1, "review": 1}
    assert "2 answered, 1 left unclassified." in out


def test_questions_are_masked_unless_show_pii() -> None:
    _, out = run(review_plan(1), "r\n")
    assert "山* 太**" in out and "山田" not in out
    assert "t***@gmail.com" in out and "1234" not in out
    # a custom label is left out (it may name someone), the number types in words
    assert "phones: cell (mobile), landline" in out and "Hanako" not in out
    assert "custom" not in out and "fixed_line" not in out
    assert "organisation: E*** T***" in out
    _, shown = run(review_plan(1), "r\n", show_pii=True)
    assert "山田 太郎0" in shown and "taro@gmail.com" in shown and "Hanako" in shown
    assert "phones: cell (mobile), Hanako (landline)" in shown


def test_invalid_answers_are_asked_again() -> None:
    plan = review_plan(1)
    overrides, out = run(plan, "x\n\nyes\np\n")
    assert out.count("Please answer b, p, r or q.") == 3
    assert overrides.items()[0].label is ContactClass.PRIVATE


def test_full_width_answers_count_as_typed() -> None:
    """A Japanese input method left on types ｂ or Ｐ (full-width): asked again and
    again, the user took the question for broken (handover QA)."""
    plan = review_plan(3)
    overrides, out = run(plan, "ｂ\n\u3000Ｐ\nｒ\n")
    assert "Please answer" not in out
    assert [o.label for o in overrides.items()] == [ContactClass.BUSINESS, ContactClass.PRIVATE]
    assert plan.counts() == {"business": 1, "private": 1, "review": 1}


def test_quit_and_end_of_input_leave_the_rest_in_review() -> None:
    plan = review_plan(3)
    overrides, _ = run(plan, "b\nq\np\n")
    assert len(overrides) == 1 and plan.counts()["review"] == 2
    plan = review_plan(2)
    overrides, _ = run(plan, "p\n")  # input ends before the second question
    assert len(overrides) == 1 and plan.counts()["review"] == 1


def test_japanese_questions() -> None:
    plan = review_plan(1)
    out = io.StringIO()
    ask_review(plan, OverrideSet(), io.StringIO("q\n"), out, lang="ja")
    assert "業務（b）、私用（p）" in out.getvalue()


def test_an_answers_reason_is_in_the_runs_language() -> None:
    """The reason goes into the plan, overrides.yaml and the manifest: with --lang ja it
    stayed English (QA round 15)."""
    for lang, reason in (("ja", "対話で回答"), ("en", "answered interactively")):
        overrides = OverrideSet()
        ask_review(review_plan(1), overrides, io.StringIO("b\n"), io.StringIO(), lang=lang)
        (answer,) = overrides.items()
        assert answer.reason.startswith(reason)


def test_an_answer_never_moves_another_card_that_shares_the_uid() -> None:
    contacts = [
        contact(0, start=0, end=10, uid="dup", names=Names(formatted="A")),
        contact(1, start=10, end=20, uid="dup", names=Names(formatted="B")),
    ]
    engine = FakeEngine({0: ContactClass.BUSINESS, 1: UNKNOWN})
    info = FileInfo(path="t.vcf", format="vcard")
    plan = build_plan(Path("t.vcf"), info, contacts, engine, None, 20, b"BEGI")
    overrides, _ = run(plan, "p\n")
    assert [o.selector for o in overrides.items()] == ["index:1"]
    assert plan.counts() == {"business": 1, "private": 1, "review": 0}


def test_japanese_summary_shows_phones_without_vcard_noise() -> None:
    """``携帯/音声/優先/携帯番号`` and ``勤務先/独自ラベル/固定電話`` meant nothing to a
    salesperson (native editor's review), ``統一番号`` neither; and every list is
    joined with 、 (所属 had ", " beside 検出's 、)."""
    phones = (
        Phone("090-1234-5678", ("cell", "voice", "pref"), number_type="mobile"),
        Phone("03-1234-5678", ("work", "Hanako"), number_type="fixed_line"),
        Phone("0570-000-123", ("voice",), number_type="uan"),
        Phone("050-1234-5678", (), number_type="voip"),
    )
    person = contact(
        0,
        start=0,
        end=10,
        line=1,
        names=Names(formatted="山田 太郎"),
        organizations=("Example Trading", "Example Logistics"),
        phones=phones,
        emails=(Email("taro@gmail.com"), Email("taro@example.com")),
    )
    info = FileInfo(path="t.vcf", format="vcard")
    engine = FakeEngine({0: UNKNOWN})
    plan = build_plan(Path("t.vcf"), info, [person], engine, None, 10, b"BEGI")
    out = io.StringIO()
    ask_review(plan, OverrideSet(), io.StringIO("r\n"), out, lang="ja", show_pii=False)
    lines = {line.split(":")[0].strip(): line for line in out.getvalue().splitlines()}
    assert lines["電話"] == (
        "  電話: 携帯（携帯番号）、勤務先（固定電話）、全国共通番号（ナビダイヤル等）、IP電話"
    )
    assert lines["所属"] == "  所属: E*** T***、E*** L***"
    assert lines["メール"].count("、") == 1 and ", " not in lines["メール"]


def test_an_unclassified_card_without_findings_is_not_called_clean() -> None:
    # The engine reports no contact details on an unknown card, so "findings: none"
    # read as nothing to worry about (Japanese review, A1).
    plain = contact(0, start=0, end=10, line=1, names=Names(formatted="山田 太郎"))
    engine = FakeEngine({0: UNKNOWN}, findings=lambda c: ())
    info = FileInfo(path="t.vcf", format="vcard")
    plan = build_plan(Path("t.vcf"), info, [plain], engine, None, 10, b"BEGI")
    _, out = run(plan, "r\n")
    assert "findings: not reported while it is unclassified" in out
    assert "findings: none" not in out
