"""Errors and warnings in the user's language (``cli/localize.py``, ``cli/messages.yaml``).

An employee who reads the report in Japanese must be able to read why nothing was
written too. The first test holds the catalog to the code: every error raised with
a literal message in the modules a user's run reaches has a Japanese entry, so a
new error without one fails here, not in front of a user. All data is fictional.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.cli.localize import catalog, localized, translated
from piiaudit.discovery import Filters, nothing_found
from piiaudit.errors import ConfigError, InputError, OutputError
from piiaudit.exitcodes import ExitCode
from piiaudit.handover import safety

SRC = Path(__file__).resolve().parents[2] / "src" / "piiaudit"
# What a user's scan, split, minimize, contacts or baseline run reaches. Rule-pack
# validation (engine/validate.py, engine/loader.py) and the profile's schema speak
# to rule-pack authors in English, as the rule DSL does.
USER_FACING = (
    *sorted((SRC / "cli").glob("*.py")),
    *sorted((SRC / "handover").glob("*.py")),
    SRC / "safeio.py",
    SRC / "baseline.py",
    SRC / "discovery.py",
    SRC / "reporters" / "options.py",
    SRC / "reporters" / "__init__.py",
)
ERRORS = {"ConfigError": 0, "OutputError": 0, "InputError": 1}  # class -> message argument
# Values a formatted part stands for when the sample sentence is built.
CALLS = {"nothing_found": nothing_found(["exports/"], Filters(include=("*.vcf",)))}

runner = CliRunner()
CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nTEL;TYPE=CELL:090-0000-1234\r\nEND:VCARD\r\n"


def _sample(node: ast.expr) -> str | None:
    """The sentence a literal or f-string message makes, each variable part a stand-in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.JoinedStr):
        return None  # a sentence made elsewhere (say(), a reader's reason): not literal
    parts = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            parts.append(str(part.value))
            continue
        assert isinstance(part, ast.FormattedValue)
        call = part.value
        name = (
            call.func.id if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) else ""
        )
        parts.append(CALLS.get(name, "7"))
    return "".join(parts)


def _raised_messages() -> Iterator[tuple[str, str]]:
    for path in USER_FACING:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            position = ERRORS.get(node.func.id)
            if position is None or len(node.args) <= position:
                continue
            sample = _sample(node.args[position])
            if sample is not None:
                yield f"{path.relative_to(SRC)}:{node.lineno}", sample


def test_the_sweep_finds_the_errors_it_is_meant_to_check() -> None:
    where = {site.split(":")[0] for site, _ in _raised_messages()}
    samples = {sample for _, sample in _raised_messages()}
    assert {"safeio.py", "cli/output.py", "handover/overrides.py", "baseline.py"} <= where
    assert "7: already exists (use --force to replace it)" in samples


def test_every_error_a_user_can_meet_has_japanese_words() -> None:
    unknown = [
        f"{site}: {sample!r}"
        for site, sample in _raised_messages()
        if catalog().find(sample, "ja") is None
    ]
    assert not unknown, "add these to src/piiaudit/cli/messages.yaml:\n" + "\n".join(unknown)


@pytest.mark.parametrize(
    "not_done", sorted(set(safety._NOT_DONE.values()) | {"nothing was written"})
)
def test_what_the_hand_over_did_not_do_is_translated(not_done: str) -> None:
    sentence = f"a.vcf: no such file or directory: {not_done}"
    shown = translated(sentence, "ja")
    assert shown.startswith("a.vcf: ファイルまたはフォルダがありません")
    assert not any(word in shown for word in ("nothing", "written")), shown


def test_the_file_and_line_in_front_of_an_error_stay_as_they_are() -> None:
    config = ConfigError("reason must say why (it is kept in the manifest)", "o.yaml", 4)
    said = "reason には理由を書いてください（マニフェストに記録されます）"
    assert localized(config, "ja") == f"o.yaml:4: {said}"
    reading = InputError("社員/export.vcf", "cannot read: cannot be opened (Permission denied)")
    said = "読み取れません: 開けません（権限がありません）"
    assert localized(reading, "ja") == f"社員/export.vcf: {said}"
    assert localized(reading, "en") == str(reading)


def test_a_sentence_no_catalog_knows_is_kept_whole() -> None:
    odd = OutputError("x: something no catalog has words for")
    assert localized(odd, "ja") == "x: something no catalog has words for"


def _invoke(*args: str, lang_env: str = "C.UTF-8") -> tuple[int, str]:
    env = {"LANG": lang_env, "LC_ALL": "", "LC_MESSAGES": ""}
    result = runner.invoke(app, list(args), env=env)
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result.exit_code, result.stderr


def test_scan_says_a_missing_input_in_japanese(tmp_path: Path) -> None:
    code, stderr = _invoke("scan", str(tmp_path / "なし.vcf"), "--lang", "ja")
    assert code == ExitCode.USAGE
    assert stderr.startswith("piiaudit: エラー: ")
    assert "ファイルまたはフォルダがありません" in stderr
    assert "no such file" not in stderr


def test_scan_follows_a_japanese_locale_without_lang(tmp_path: Path) -> None:
    export = tmp_path / "export.vcf"
    export.write_text(CARD, encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("{}", encoding="utf-8")
    args = ("scan", str(export), "-f", "json", "-o", str(report))
    code, stderr = _invoke(*args, lang_env="ja_JP.UTF-8")
    assert code == ExitCode.USAGE
    assert f"{report}: すでに存在します（置き換えるには --force を指定してください）" in stderr
    code, stderr = _invoke(*args)  # the same run in an English locale
    assert f"{report}: already exists (use --force to replace it)" in stderr


def test_an_invalid_lang_is_said_in_the_locale_language(tmp_path: Path) -> None:
    code, stderr = _invoke("scan", str(tmp_path), "--lang", "xx", lang_env="ja_JP.UTF-8")
    assert code == ExitCode.USAGE
    assert "--lang には en, ja のいずれかを指定してください（'xx' は使えません）" in stderr


def test_english_errors_are_unchanged(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    code, stderr = _invoke("split", str(tmp_path / "none.vcf"), "-d", out, "--lang", "en")
    assert code == ExitCode.USAGE
    assert stderr.strip() == (
        f"piiaudit: error: {tmp_path / 'none.vcf'}: no such file or directory: "
        "nothing was split and no file was written"
    )


def test_an_override_file_error_keeps_its_line_and_speaks_japanese(tmp_path: Path) -> None:
    export = tmp_path / "export.vcf"
    export.write_text(CARD, encoding="utf-8")
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(
        "overrides:\n  - contact: index:1\n    class: friend\n    reason: 私の友人\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, stderr = _invoke(
        "split", str(export), "--out-dir", str(out), "--override", str(overrides), "--lang", "ja"
    )
    assert code == ExitCode.USAGE
    assert f"{overrides}:3: class には " in stderr
    assert "（'friend' は使えません）" in stderr
    assert not out.exists()


def test_an_empty_folder_is_named_in_japanese(tmp_path: Path) -> None:
    code, stderr = _invoke("scan", str(tmp_path), "--include", "*.vcf", "--lang", "ja")
    assert code == ExitCode.USAGE
    assert f"{tmp_path} に --include '*.vcf' に合う連絡先のエクスポートが見つかりません" in stderr


def test_scan_warnings_and_verbose_lines_speak_japanese(tmp_path: Path) -> None:
    export = tmp_path / "export.vcf"
    export.write_text(CARD, encoding="utf-8")
    (tmp_path / "photo.vcf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    code, stderr = _invoke("scan", str(tmp_path), "--lang", "ja")
    assert code == ExitCode.INPUT
    assert f"piiaudit: 警告: {tmp_path / 'photo.vcf'}: 読み取れませんでした" in stderr
    code, stderr = _invoke("scan", str(export), "--verbose", "--lang", "ja")
    assert f"piiaudit: {export}: 連絡先 1 件（vcard-3.0）" in stderr
    assert " contacts (" not in stderr and "warning:" not in stderr


def test_split_warnings_speak_japanese(tmp_path: Path) -> None:
    export = tmp_path / "export.vcf"
    export.write_text(CARD.replace("END:VCARD\r\n", "") + CARD, encoding="utf-8")
    code, stderr = _invoke("split", str(export), "-d", str(tmp_path / "out"), "--lang", "ja")
    assert code == ExitCode.OK
    assert "piiaudit: 警告: " in stderr and "END:VCARD がありません" in stderr
    assert "warning:" not in stderr and "card has no" not in stderr


def test_pack_and_profile_path_errors_speak_japanese(tmp_path: Path) -> None:
    export = tmp_path / "export.vcf"
    export.write_text(CARD, encoding="utf-8")
    code, stderr = _invoke("scan", str(export), "--pack", str(tmp_path / "none"), "--lang", "ja")
    assert code == ExitCode.USAGE
    assert f"{tmp_path / 'none'}: ファイルまたはフォルダがありません" in stderr
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("region: [\n", encoding="utf-8")
    code, stderr = _invoke("scan", str(export), "--config", str(profile), "--lang", "ja")
    assert code == ExitCode.USAGE
    assert f"{profile}:2: YAML の書き方が正しくありません" in stderr


@pytest.mark.parametrize(
    ("profile", "japanese"),
    [
        ("regoin: JP\n", "1: 不明なキー 'regoin' です（'region' の書き間違いではありませんか）"),
        ("company:\n  names: Foo\n", "2: company.names: 'Foo' はリストではありません"),
        ("region: 5\n", "1: region: 5 は文字列ではありません（YAML は引用符のない数字を"),
        ("- a\n", "1: プロファイルは「キー: 値」の形で書いてください"),
        ("disable: [x]\n", "1: disable.0: 'x' はルール ID（例: CORE-PHONE-001）ではありません"),
        (
            "severity:\n  CORE-PHONE-001: no\n",
            "2: severity.CORE-PHONE-001: False は次のいずれでもありません: info, low",
        ),
    ],
)
def test_profile_schema_errors_speak_japanese(tmp_path: Path, profile: str, japanese: str) -> None:
    """A Japanese employee whose company profile has a typo read "unknown key" and
    "is not of type 'array'" in English (a leftover of the i18n QA)."""
    export = tmp_path / "export.vcf"
    export.write_text(CARD, encoding="utf-8")
    config = tmp_path / "piiaudit.yaml"
    config.write_text(profile, encoding="utf-8")
    code, stderr = _invoke("scan", str(export), "--config", str(config), "--lang", "ja")
    assert code == ExitCode.USAGE
    assert f"{config}:{japanese}" in stderr
    for english in ("unknown key", "is not", "did you mean", "YAML reads", "must be"):
        assert english not in stderr, english
    code, stderr = _invoke("scan", str(export), "--config", str(config), "--lang", "en")
    assert code == ExitCode.USAGE and f"{config}:" in stderr
    assert not any("\u3040" <= char <= "\u30ff" for char in stderr), stderr  # as raised
