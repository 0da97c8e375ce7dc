"""``--explain`` must not print what the mask hides.

A keyword rule's trail named the word it matched (``keyword うつ病``) and the
context words that fired, beside evidence masked as ``[20 chars]``: the diagnosis
the mask was there to hide, in the terminal and JSON reports, for either audience.
The words are masked like text evidence unless the user asks for values.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.model import KEYWORD_HIT, Trail
from piiaudit.reporters.view import shown_trail
from reporters.helpers import FORMATS

runner = CliRunner()

# A customer (so both audiences list the contact) with a diagnosis in a note.
CARD = """BEGIN:VCARD
VERSION:3.0
FN:山田 太郎
ORG:株式会社サンプル商事
EMAIL;TYPE=WORK:taro.yamada@example.com
NOTE:うつ病で休職中、来月復帰予定
END:VCARD
"""
WORD = "うつ病"


def _scan(tmp_path: Path, fmt: str, *extra: str) -> str:
    source = tmp_path / "phone.vcf"
    source.write_text(CARD, encoding="utf-8")
    out = tmp_path / f"report-{len(list(tmp_path.iterdir()))}.{fmt}"
    result = runner.invoke(app, ["scan", str(source), "-f", fmt, "-o", str(out), *extra])
    assert result.exit_code in (0, 1), result.output
    return out.read_text(encoding="utf-8")


def _readable(fmt: str, text: str) -> str:
    """The report with JSON's \\u escapes undone (the word could hide behind them)."""
    if fmt in ("json", "sarif"):
        return text + json.dumps(json.loads(text), ensure_ascii=False)
    return text


@pytest.mark.parametrize("audience", ["self", "compliance"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_explain_does_not_print_the_masked_word(tmp_path: Path, fmt: str, audience: str) -> None:
    fired = json.loads(_scan(tmp_path, "json", "--explain", "--audience", audience))
    trails = [f["trail"] for c in fired["contacts"] for f in c["findings"]]
    assert {"detector": "keywords", "pattern": KEYWORD_HIT + "[3 chars]"}.items() <= trails[
        0
    ].items(), "the health rule's keyword trail must be there for the test to mean anything"
    report = _scan(tmp_path, fmt, "--explain", "--audience", audience)
    assert WORD not in _readable(fmt, report)


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_show_pii_still_names_the_keyword(tmp_path: Path, fmt: str) -> None:
    text = _readable(fmt, _scan(tmp_path, fmt, "--explain", "--show-pii"))
    assert f"{KEYWORD_HIT}{WORD}" in text


def test_shown_trail_masks_only_the_words_found_in_the_contact() -> None:
    trail = Trail("keywords", KEYWORD_HIT + WORD, ("+自宅", "-会社"), 0.7, 0.9, ("a note",))
    masked = shown_trail(trail, show_pii=False)
    assert masked.pattern == KEYWORD_HIT + "[3 chars]"
    assert masked.hotwords == ("+[2 chars]", "-[2 chars]")
    assert (masked.detector, masked.notes) == ("keywords", ("a note",))
    assert shown_trail(trail, show_pii=True).pattern == KEYWORD_HIT + WORD
    regex = Trail("regex", r"\d{4}-\d{4}")  # a rule's pattern is not the contact's text
    assert shown_trail(regex, show_pii=False).pattern == r"\d{4}-\d{4}"
