"""``--explain`` says how a finding was decided in the report's language.

Each detector describes what it looks for in English clauses (``describe()``);
terminal and HTML reports translate them clause by clause (``messages/trail.yaml``).
These tests hold the catalog to every clause a shipped rule can show, and check
that no Python list repr (``['home', ...]``) reaches a reader. All data is fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.engine import Engine, Profile
from piiaudit.model import KEYWORD_HIT
from piiaudit.reporters.i18n import _trail_catalog, messages

runner = CliRunner()
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:青木 健\r\nN:青木;健;;;\r\nORG:架空商事株式会社\r\n"
    "TEL;TYPE=HOME:03-0000-1234\r\nEMAIL;TYPE=HOME:ken.fiction@gmail.com\r\n"
    "ADR;TYPE=HOME:;;架空町1-2-3;横浜市;神奈川県;220-0000;日本\r\n"
    "NOTE:通院中 糖尿病\r\nEND:VCARD\r\n"
)


def _shown_clauses() -> list[tuple[str, str]]:
    """(rule, clause) for every clause a shipped rule's finding can carry in its trail:
    the describing detectors' clauses, and a keyword hit. A regex trail shows the
    expression itself, and a keyword detector's own description is for ``rules test``."""
    engine = Engine.from_profile(Profile())
    shown = [("any keyword rule", f"{KEYWORD_HIT}[2文字]")]
    for rule in engine.rules:
        for detector in rule.detectors:
            if detector.name in ("regex", "keywords"):
                continue
            shown += [(rule.id, clause) for clause in detector.describe().split("; ")]
    return shown


def test_every_clause_a_shipped_rule_shows_has_japanese_words() -> None:
    clauses = _shown_clauses()
    assert len({rule for rule, _ in clauses}) > 10  # the sweep sees the shipped rules
    words = messages("ja").word  # a phone type's or category's words, each known
    unknown = sorted(
        {c for _, c in clauses if _trail_catalog().find(c, "ja", strict=True, words=words) is None}
    )
    assert not unknown, "add to reporters/messages/trail.yaml:\n" + "\n".join(unknown)


def test_no_description_is_a_python_repr() -> None:
    for rule, clause in _shown_clauses():
        assert "['" not in clause and "{'" not in clause, (rule, clause)


@pytest.mark.parametrize("detector", ["present", "phone", "email_domain", "composite"])
def test_each_detector_kind_is_named_in_japanese(detector: str) -> None:
    line = messages("ja").how(detector, "any number", 1.0, 1.0)
    assert line.startswith("判定: ") and "(すべての番号)" in line
    assert detector not in line, line


def test_a_regular_expression_is_not_shown_to_a_reader() -> None:
    """A reader learns that a pattern matched; the expression is for rule authors
    (JSON ``trail.pattern``), and is not read as clauses."""
    line = messages("ja").how("regex", "[0-9]{4}; types x", 0.6, 0.95)
    assert line == "判定: 正規表現（パターン一致）、確度 0.60 → 0.95"
    line = messages("en").how("regex", "(?:^|[^+0-9])([0-9]{4})", 0.6, 0.95)
    assert line == "how: a pattern, confidence 0.60 -> 0.95"


def test_phone_types_and_categories_are_named_in_the_report_words() -> None:
    ja, en = messages("ja"), messages("en")
    assert ja.how("phone", "types fixed_line, voip", 1.0, 1.0) == (
        "判定: 電話番号 (番号の種類 固定電話、IP電話)、確度 1.00 → 1.00"
    )
    assert ja.how("phone", "types unknown, unparsed", 1.0, 1.0) == (
        "判定: 電話番号 (番号の種類 種類不明、読み取れない番号)、確度 1.00 → 1.00"
    )
    combined = ja.how("composite", "categories birthday, home_address, mobile_phone", 1, 1)
    assert "(カテゴリ 誕生日、自宅住所、個人の携帯電話番号)" in combined
    assert en.how("phone", "types mobile; labels any of home, 自宅", 1.0, 1.0) == (
        "how: phone number (number type: mobile; labelled home, 自宅), confidence 1.00 -> 1.00"
    )
    assert "(categories: Birthday, Mobile phone)" in en.how(
        "composite", "categories birthday, mobile_phone", 1, 1
    )
    # a type the wording does not know is shown as written, beside the known ones
    assert "(番号の種類 携帯番号、satellite)" in ja.how("phone", "types mobile, satellite", 1, 1)


def test_label_samples_put_the_readers_script_first() -> None:
    """An English reader's samples began with 宅, 家, 〜家: each language's own first,
    the order within a script and the count of the others unchanged."""
    clause = "field addresses; labelled 宅, 家, 〜家, casa, home, perso … (+37)"
    assert "(field addresses; labelled casa, home, perso, 宅, 家, 〜家 … (+37))" in (
        messages("en").how("present", clause, 1.0, 1.0)
    )
    assert "ラベル 宅, 家, 〜家, casa, home, perso … (+37) のいずれか" in (
        messages("ja").how("present", clause, 1.0, 1.0)
    )
    short = "types mobile; labels any of 自宅, home"  # a short list, listed whole
    assert "labelled home, 自宅)" in messages("en").how("phone", short, 1.0, 1.0)
    assert "ラベル 自宅, home のいずれか" in messages("ja").how("phone", short, 1.0, 1.0)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_clause_a_shipped_rule_shows_has_no_engine_code(lang: str) -> None:
    """No ``fixed_line``, ``home_address`` nor ``labels any of`` reaches a reader."""
    t = messages(lang)
    codes = ("types ", "labels any of", "labels none of", "categories ", "mobile_phone")
    codes += ("fixed_line", "home_address", "unparsed", "premium_rate", "voip", "uan")
    for rule, clause in _shown_clauses():
        line = t.how("phone", clause, 1.0, 1.0)
        for code in codes:
            assert code not in line, (rule, line)


def _explained(tmp_path: Path, lang: str, fmt: str = "terminal") -> str:
    export = tmp_path / "export.vcf"
    export.write_text(CARD, encoding="utf-8")
    args = ["scan", str(export), "--explain", "--lang", lang, "-f", fmt, "--no-color"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_terminal_explains_in_japanese(tmp_path: Path) -> None:
    out = _explained(tmp_path, "ja")
    assert "判定: 項目の有無 (項目 住所; ラベル " in out
    assert "判定: メールのドメイン (ドメインが一覧 " in out
    assert "判定: キーワード (キーワード [" in out  # the word itself stays masked
    for english in ("labelled", "domain in", "types ", "['", "[0-9]", "(?:", "fixed_line"):
        assert english not in out, english


def test_the_html_report_explains_in_japanese(tmp_path: Path) -> None:
    out = _explained(tmp_path, "ja", "html")
    assert "判定: 項目の有無 (項目 住所; ラベル " in out
    assert "糖尿病" not in out  # the keyword that fired is masked like the note


def test_english_explains_without_reprs(tmp_path: Path) -> None:
    out = _explained(tmp_path, "en")
    assert "how: field present (field addresses; labelled " in out
    assert "['" not in out
    for code in ("types ", "labels any of", "fixed_line", "(?:", "[0-9]"):
        assert code not in out, code
