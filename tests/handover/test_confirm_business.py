"""``split --confirm-business``: the owner checks each contact before the company gets it.

The engine's "business" is a judgement; a brother whose card names his employer was
handed over (QA round 18). With this option each business contact is asked about too,
and the answers are overrides like any other. All data fictional.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from handover_setup import CUSTOMER, card_names, run_handover, write_export

# A brother whose card is his business card: the owner wrote nothing to say he is kin.
BROTHER_AT_WORK = """BEGIN:VCARD
VERSION:3.0
N:森;健二;;;
FN:森 健二
ORG:株式会社アオバ精機
TITLE:課長
TEL;TYPE=WORK:03-5555-0199
END:VCARD
"""


def _split(
    tmp_path: Path, answers: str, cards: str = CUSTOMER + BROTHER_AT_WORK
) -> tuple[Path, str]:
    export = write_export(tmp_path, cards)
    out = tmp_path / "handover"
    result = run_handover(
        "split",
        str(export),
        "--out-dir",
        str(out),
        "--confirm-business",
        "--lang",
        "en",
        input=answers,
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def test_the_owner_takes_a_business_contact_back_before_the_hand_over(tmp_path: Path) -> None:
    out, said = _split(tmp_path, "b\np\n")
    assert said.count("Goes to the company as business") == 2
    assert card_names(out / "business.vcf") == ["高橋 誠"]
    assert card_names(out / "private.vcf") == ["森 健二"]
    saved = yaml.safe_load((out / "overrides.yaml").read_text(encoding="utf-8"))
    classes = sorted(o["class"] for o in saved["overrides"])
    assert classes == ["business", "private"]  # a confirmation is recorded too
    assert "2 business contacts answered." in said  # no "0 left as piiaudit classified them"
    # nothing was left for review, so no review round is reported (it opened the run)
    assert "left unclassified" not in said


def test_quitting_leaves_the_rest_as_piiaudit_classified_them(tmp_path: Path) -> None:
    out, said = _split(tmp_path, "q\n")
    assert card_names(out / "business.vcf") == ["高橋 誠", "森 健二"]
    assert "0 business contacts answered, 2 left as piiaudit classified them" in said


def test_without_the_option_business_contacts_are_not_asked_about(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + BROTHER_AT_WORK)
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out), "--interactive")
    assert result.exit_code == 0, result.output
    assert "Goes to the company" not in result.output and "業務として会社" not in result.output
    assert card_names(out / "business.vcf") == ["高橋 誠", "森 健二"]


def test_questions_are_numbered_among_those_still_to_ask(tmp_path: Path) -> None:
    """QA hand-over: a review contact answered "business" in --interactive was counted
    again among the business questions, which went [1/3], then [3/3]."""
    undecided = "BEGIN:VCARD\nVERSION:3.0\nFN:氷室 琴\nTEL;TYPE=CELL:090-0000-3003\nEND:VCARD\n"
    export = write_export(tmp_path, CUSTOMER + BROTHER_AT_WORK + undecided)
    out = tmp_path / "handover"
    args = ["split", str(export), "--out-dir", str(out), "--lang", "en"]
    result = run_handover(*args, "--interactive", "--confirm-business", input="b\nb\np\n")
    assert result.exit_code == 0, result.output
    headers = re.findall(r"\[\d+/\d+\](?= contact #)", result.output)
    assert headers == ["[1/1]", "[1/2]", "[2/2]"]
    assert card_names(out / "business.vcf") == ["高橋 誠", "氷室 琴"]


def test_input_that_runs_out_during_the_review_asks_nothing_more(tmp_path: Path) -> None:
    # QA docs walk: with input gone in the review round, the first business question was
    # still printed before the run stopped asking.
    undecided = "BEGIN:VCARD\nVERSION:3.0\nFN:架空 三郎\nTEL:090-0000-3333\nEND:VCARD\n"
    cards = CUSTOMER + undecided + undecided.replace("三郎", "四郎")
    out, said = _split(tmp_path, "p\n", cards)
    assert "Goes to the company as business" not in said
    assert card_names(out / "business.vcf") == ["高橋 誠"]
