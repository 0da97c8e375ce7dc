"""Line wrapping for Japanese and English terminal text."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from piiaudit.reporters.wrap import NO_LINE_END, NO_LINE_START, fold

JA = (
    "端末には推測されにくいパスコードでロックをかけ、遠隔消去（「探す」機能など）を"
    "有効にしましょう。クレジットカード番号や口座番号が見つかりました。1人分でも報告の対象です。"
)
EN = "Move business contacts into the company's CRM or address book; they do not belong here."


@pytest.mark.parametrize("width", [8, 11, 20, 21, 33, 60])
def test_japanese_fills_lines_and_keeps_every_character(width: int) -> None:
    lines = fold(JA, width)
    assert "".join(lines) == JA
    assert all(cell_len(line) <= width for line in lines)
    assert all(cell_len(line) >= width - 6 for line in lines[:-1])


@pytest.mark.parametrize("width", [8, 11, 20, 21, 33, 60])
def test_kinsoku_no_line_starts_with_closing_or_ends_with_opening(width: int) -> None:
    lines = fold(JA, width)
    assert not any(line[0] in NO_LINE_START for line in lines[1:])
    assert not any(line[-1] in NO_LINE_END for line in lines[:-1])


def test_english_breaks_between_words_only() -> None:
    lines = fold(EN, 30)
    assert " ".join(lines) == EN
    assert all(cell_len(line) <= 30 for line in lines)
    assert lines[0] == "Move business contacts into"


def test_ascii_word_inside_japanese_stays_whole() -> None:
    lines = fold("取引先の連絡先は会社のCRMや共有アドレス帳に移しましょう。", 13)
    assert any("CRM" in line for line in lines)


def test_word_longer_than_the_line_is_cut() -> None:
    assert fold("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


def test_explicit_line_breaks_are_kept() -> None:
    assert fold("one\ntwo", 40) == ["one", "two"]


def test_ascii_bracket_before_japanese_does_not_end_a_line() -> None:
    text = "a leak may have to be reported to the PPC (個人情報保護委員会)."
    for width in range(20, 60):
        lines = fold(text, width)
        assert not any(line.endswith("(") for line in lines), (width, lines)
        assert not any(line.startswith((")", ".")) for line in lines), (width, lines)


def test_a_latin_word_with_accents_inside_japanese_stays_whole() -> None:
    # QA round 8: the Japanese --explain text broke "gesch" / "äftlich" at a line end.
    text = "ラベル " + "、".join(["geschäftlich", "privée", "büro"] * 4) + " のいずれでもない"
    for width in range(14, 40):
        lines = fold(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for word in ("geschäftlich", "privée", "büro"):  # every one whole on some line
            assert sum(line.count(word) for line in lines) == text.count(word)


ENDING = "本人への通知が必要です（施行規則7条2号）。アプリのメッセージ、ショップ、チャット。"


@pytest.mark.parametrize("width", range(8, 60))
def test_a_closing_bracket_moved_down_takes_its_word_along(width: int) -> None:
    # "）" fitted the line and "。" did not: kinsoku moved "）" down alone, so the next
    # line began with "）。" (blind JP QA, round 2). Small kana may not start a line
    # either: メ／ッセージ.
    lines = fold(ENDING, width)
    assert "".join(lines) == ENDING
    assert all(line[0] not in NO_LINE_START for line in lines[1:]), lines


@pytest.mark.parametrize("width", range(20, 70))
def test_a_quoted_file_name_in_a_command_is_never_cut(width: int) -> None:
    # Diff review: o'brien list of customers.vcf, quoted for the shell, broke at its
    # inner quotes and between its words, and pasted a newline into the name.
    word = "'o'\"'\"'brien list of customers.vcf'"
    text = f"次の連絡先を決めてください（piiaudit split {word} --out-dir handover --interactive）。"
    lines = fold(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    if cell_len(word) <= width:
        assert sum(word in line for line in lines) == 1, lines
