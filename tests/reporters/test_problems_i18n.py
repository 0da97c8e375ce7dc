"""The readers' problems (why a file was not read, what a line lost) in a Japanese report.

The readers write English; ``reporters/problems.py`` and ``messages/problems.yaml``
translate it where the report view is built. These tests hold the catalog to its
templates, check that every sentence the readers really produce (on the public
corpus and on hostile files made here) is known to it, and run ``scan --lang ja``
end to end.
"""

from __future__ import annotations

import errno
import json
import os
import re
import string
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from piiaudit import discovery
from piiaudit.audit import AuditOptions, audit_paths
from piiaudit.cli import app
from piiaudit.engine import Engine, load_profile
from piiaudit.errors import ConfigError
from piiaudit.model import AuditResult
from piiaudit.parsers import ParseOptions
from piiaudit.parsers.csv_reader import FIRST_ROW_IS_CONTACT
from piiaudit.reporters import ReportOptions, problems
from piiaudit.reporters.view import build
from piiaudit.resources import read_shipped_yaml

CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
DATA = read_shipped_yaml(problems.CATALOG_PATH)

# A value for each placeholder, as the readers would fill it in; a placeholder that
# is translated itself gets an English sentence or word and its expected Japanese.
SAMPLES: dict[str, str] = {
    "count": "5",
    "width": "4",
    "column": "3",
    "columns": "2, 5",
    "limit": "1048576",
    "property": "TEL",
    "exception": "UnicodeDecodeError",
    "charset": "SHIFT_JIS",
    "used": "cp932",
    "encoding": "'x-unknown'",
    "header": "'電話'",
    "target": "'telephone'",
    "allowed": "email, phone",
    "part": "'zip'",
    "role": "'address.zip'",
    "total": "7",
    "assumed": "JP",
    "region": "DE",
    "regions": "FR, NL, TH",
    "first": "12",
    "last": "19",
}
NESTED: dict[str, tuple[str, str]] = {
    "reason": ("Too many levels of symbolic links", "シンボリックリンクの階層が深すぎます"),
    "problem": ("value is not valid utf-8; read as windows-1252", "として正しくないため"),
    "delimiter": ("TAB", "タブ"),
}


def _names(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _entries() -> list[dict[str, str]]:
    return list(DATA["messages"])


# ----------------------------------------------------------------- the catalog


@pytest.mark.parametrize("entry", _entries(), ids=lambda e: e["en"][:50])
def test_every_template_round_trips_with_its_values(entry: dict[str, str]) -> None:
    """An English sentence with values in it comes out as its Japanese, values kept."""
    values = {
        name: NESTED[name][0] if name in NESTED else SAMPLES[name] for name in _names(entry["en"])
    }
    english = entry["en"].format(**values)
    japanese = problems.translate(english, "ja")
    assert CJK.search(japanese), japanese
    for name, value in values.items():
        if name in NESTED:
            assert NESTED[name][1] in japanese, (name, japanese)
            assert value not in japanese, japanese
        else:
            assert value in japanese, (name, japanese)
    if not set(values) & set(NESTED):  # the whole sentence, exactly
        assert japanese == entry["ja"].format(**values)
    assert problems.covers(english, "ja"), english
    assert problems.translate(english, "en") == english


def test_japanese_and_english_use_the_same_placeholders() -> None:
    for entry in _entries():
        assert sorted(_names(entry["ja"])) == sorted(_names(entry["en"])), entry["en"]
        assert set(_names(entry["en"])) <= set(SAMPLES) | set(NESTED), entry["en"]


def test_every_term_is_japanese() -> None:
    for term in DATA["terms"]:
        assert CJK.search(term["ja"]), term["en"]


def test_the_most_specific_template_wins() -> None:
    """The longer template is tried first: the shorter one would swallow its tail."""
    assert (
        problems.translate("value is not valid utf-8; read as windows-1252", "ja")
        == "値が utf-8 として正しくないため、windows-1252 として読み取りました"
    )
    assert problems.translate("value is not valid GBK", "ja") == "値が GBK として正しくありません"
    assert (
        problems.translate("NOTE: value is not valid GBK", "ja")
        == "NOTE: 値が GBK として正しくありません"
    )


def test_an_unknown_sentence_passes_through_unchanged() -> None:
    for message in ("a sentence nobody wrote", "", "3 lines outside any vCard skipped!", "{x}"):
        assert problems.translate(message, "ja") == message
    assert not problems.covers("a sentence nobody wrote", "ja")
    # An OS error text the catalog lacks stays as it was, inside the translation.
    assert problems.translate("cannot be opened (Exec format error)", "ja") == (
        "開けません（Exec format error）"
    )
    assert not problems.covers("cannot be opened (Exec format error)", "ja")
    assert problems.covers("this row is split by ';', unlike the rest of the file", "ja")


def test_the_memo_is_bounded_and_gives_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(problems, "MEMO_MAX", 3)
    problems.forget()
    cold = [problems.translate(f"{n} lines outside any vCard skipped", "ja") for n in range(10)]
    warm = [problems.translate(f"{n} lines outside any vCard skipped", "ja") for n in range(10)]
    assert cold == warm == [f"vCard の外にある {n} 行を読み飛ばしました" for n in range(10)]
    assert len(problems._memo) <= 3


def test_a_huge_hostile_sentence_is_translated_and_not_remembered() -> None:
    """A CHARSET parameter is the file's text: quoted whole, it may be a megabyte."""
    problems.forget()
    charset = repr("; read as x" * 100_000)
    japanese = problems.translate(f"N: unknown CHARSET {charset}", "ja")
    assert japanese == f"N: 不明な CHARSET {charset} です"
    assert problems._memo == {}


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ([], "not a mapping"),
        ({"messages": [{"ja": "x"}]}, "not a map of language"),
        ({"messages": [{"en": "a {n}", "ja": "{m}"}]}, "placeholder the English lacks"),
        ({"messages": [{"en": "a", "ja": "x"}, {"en": "a", "ja": "y"}]}, "listed twice"),
        ({"messages": [{"en": "a {0}", "ja": "x"}]}, "must be names"),
    ],
)
def test_a_broken_catalog_is_a_clear_error(data: object, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        problems.compile_catalog(data, "problems.yaml")


# ------------------------------------------------------ what the readers produce

SMALL = ParseOptions(
    max_value_bytes=64,
    max_properties_per_card=6,
    max_csv_columns=8,
    csv_columns={"Telefon": "telephone"},
)


def _vcard(*lines: str) -> bytes:
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


def make_hostile(folder: Path) -> Path:
    """Files that make the readers complain, one complaint each where possible."""
    folder.mkdir()
    files: dict[str, bytes] = {
        "empty.vcf": b"",
        "blank.vcf": b"  \r\n\t\r\n",
        "binary.vcf": bytes(range(256)) * 8,
        "archive.vcf": b"PK\x03\x04" + b"\x00" * 60,
        "photo.vcf": b"\x89PNG\r\n\x1a\n" + b"\x00" * 60,
        "scan.vcf": b"%PDF-1.7\n" + b"\x00" * 60,
        "notes.txt": "買い物メモ\n".encode() * 3,
        "no_end.vcf": _vcard("BEGIN:VCARD", "VERSION:3.0", "FN:山田太郎", "TEL:090-0000-1111"),
        "no_end_next.vcf": _vcard(
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:山田太郎",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:佐藤花子",
            "END:VCARD",
        ),
        "no_begin.vcf": _vcard("VERSION:3.0", "FN:山田太郎", "END:VCARD", "END:VCARD"),
        "junk.vcf": _vcard(
            "junk one",
            "junk two",
            "junk three",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:山田太郎",
            "not a property",
            "END:VCARD",
            "stray",
        ),
        "long.vcf": _vcard(
            "BEGIN:VCARD", "VERSION:3.0", "FN:山田太郎", "NOTE:" + "x" * 100, "END:VCARD"
        ),
        "many.vcf": _vcard(
            "BEGIN:VCARD",
            "VERSION:3.0",
            *[f"EMAIL:t{n}@example.com" for n in range(8)],
            "END:VCARD",
        ),
        # Exports from two phones pasted together: CRLF lines, then old-Mac CR-only lines.
        "mixed_eol.vcf": _vcard("BEGIN:VCARD", "VERSION:3.0", "FN:山田太郎", "END:VCARD")
        + "BEGIN:VCARD\rVERSION:3.0\rFN:佐藤花子\rEND:VCARD\r".encode(),
        "charsets.vcf": b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=X-NOPE:\xe5\xb1\xb1\r\n"
        b"ORG;CHARSET=UTF-8:\x82\xa0\x82\xa2\r\nFN:Taro\r\nNOTE:caf\xe9\r\nEND:VCARD\r\n",
        "ragged.csv": "Name,Phone,Email,Note\r\n山田太郎,090-0000-1111,taro@example.com,a,b\r\n"
        "佐藤花子,090-0000-2222\r\n".encode(),
        "unclosed.csv": 'Name,Phone\r\n"山田太郎,090-0000-1111\r\n'
        "佐藤花子,090-0000-2222\r\n".encode(),
        "after_quote.csv": 'Name,Phone\r\n"山田"太郎,090-0000-1111\r\n'.encode(),
        "mixed.csv": "Name,Phone,Email\r\n山田太郎,090-0000-1111,taro@example.com\r\n"
        "佐藤花子;090-0000-2222;hanako@example.com\r\n".encode(),
        "tabbed.csv": "Name,Phone,Email\r\n山田太郎,090-0000-1111,taro@example.com\r\n"
        "佐藤花子\t090-0000-2222\thanako@example.com\r\n".encode(),
        "long.csv": (
            "Name,Note\r\n山田太郎," + "x" * 100 + "\r\n佐藤花子," + "y" * 300 + "\r\n"
        ).encode(),
        "unclosed_long.csv": (
            'Name,Note\r\n山田太郎,"' + "x" * 40 + "\r\n" + "y" * 40 + "\r\n"
        ).encode(),
        "wide.csv": "Name,Phone,Email,Note,Company,Title,Address,Birthday,URL,Nickname\r\n"
        "山田太郎,090-0000-1111,taro@example.com,メモ,例株式会社,部長,東京都,1980-01-01,"
        "https://example.com,たろう\r\n".encode(),
        # Valid UTF-8 for the first 64 KiB the encoding is guessed from, then a bad byte.
        "badbytes.csv": "名前,電話\r\n山田太郎,090-0000-1111\r\n".encode()
        + b"\r\n" * 40_000
        + b"Sato\xff,090-0000-2222\r\n",
        # A Samsung custom label in a charset nobody knows.
        "samsung.vcf": b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Sample;Taro;;;\r\n"
        b"TEL;X-CUSTOM(CHARSET=X-NOPE,ENCODING=QUOTED-PRINTABLE,=E8=87=AA):03-5555-0101\r\n"
        b"END:VCARD\r\n",
        # LinkedIn's Connections.csv: a note before the table; two exports joined.
        "preamble.csv": b'Notes:\r\n"Exported from a fictional network."\r\n\r\n'
        b"First Name,Last Name,Email Address,Company\r\n"
        b"Taro,Yamada,taro@example.com,Example KK\r\n",
        "preamble_one.csv": b"Contacts of the sales team\r\n"
        b"First Name,Last Name,Email Address,Company\r\n"
        b"Taro,Yamada,taro@example.com,Example KK\r\n",
        "joined.csv": b"First Name,Last Name,Email Address\r\nTaro,Yamada,taro@example.com\r\n"
        b"First Name,Last Name,Email Address\r\nHanako,Sato,hanako@example.com\r\n",
        "wordsfirst.csv": b"Kanariendorf,Ostviertel,Private\r\nHanako,hanako@example.com,Work\r\n"
        b"Jiro,jiro@example.com,Private\r\n",
        "noheader.csv": "山田太郎,090-0000-1111,taro@example.com\r\n"
        "佐藤花子,090-0000-2222,hanako@example.com\r\n"
        "鈴木一郎,090-0000-3333,ichiro@example.com\r\n".encode(),
        # A row without a delimiter in a header-less file (QA round 16).
        "noheader_odd.csv": "山田太郎,090-0000-1111,taro@example.com\r\n"
        "佐藤花子,090-0000-2222,hanako@example.com\r\n"
        "=1+1\r\n"
        "鈴木一郎,090-0000-3333,ichiro@example.com\r\n".encode(),
        # Saved again by Excel: phones in scientific notation, dates as serial day numbers
        # (two rows in one column, one row in the other: both wordings).
        "excel.csv": "Name,Mobile Phone,Home Phone,Birthday,Anniversary\r\n"
        "山田太郎,9.06E+09,4.26E+08,29341,38000\r\n"
        "佐藤花子,9.07E+09,03-5555-0101,29346,\r\n".encode(),
        # Address-book groups (vCard 4.0 KIND, Apple's 3.0 kind): one, and two.
        "group.vcf": _vcard(
            "BEGIN:VCARD", "VERSION:4.0", "KIND:group", "FN:ゴルフ仲間", "END:VCARD"
        ),
        "groups.vcf": _vcard(
            "BEGIN:VCARD",
            "VERSION:4.0",
            "KIND:group",
            "FN:ゴルフ仲間",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:家族",
            "X-ADDRESSBOOKSERVER-KIND:group",
            "END:VCARD",
        ),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "loop.vcf").symlink_to("loop.vcf")  # a link to itself: ELOOP
    (folder / "gone.vcf").symlink_to("nowhere.vcf")  # dangling
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to("..")  # a folder loop: walked once, silently
    return folder


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine.from_profile(load_profile(None, tmp_path_factory.mktemp("no-profile")))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile(tmp_path_factory.mktemp("qa") / "corrupt")


def _sentences(result: AuditResult) -> list[str]:
    said = [f.info.error for f in result.files if f.info.error]
    return said + [issue.message for f in result.files for issue in f.info.issues]


def _assert_all_japanese(result: AuditResult) -> None:
    """Every reader sentence is in the catalog, and the ja view shows none in English."""
    sentences = _sentences(result)
    assert sentences
    assert [s for s in sentences if not problems.covers(s, "ja")] == []
    view = build(result, ReportOptions(lang="ja"))
    shown = [f.error for f in view.files if f.error]
    shown += [issue.message for f in view.files for issue in f.issues]
    assert len(shown) == len(sentences)
    assert [s for s in shown if not CJK.search(s) or s in sentences] == []


def test_every_hostile_file_problem_is_japanese(engine: Engine, hostile: Path) -> None:
    paths = [str(hostile), str(hostile / "missing.vcf")]
    result = audit_paths(paths, engine, AuditOptions(parse=SMALL))
    said = _sentences(result)
    # The inputs do reach the complaints they were made for.
    for expected in (
        "is empty",
        "contains only whitespace",
        "contains binary data, not a contact export",
        "is a ZIP archive: extract it and scan the exports inside",
        "does not exist",
        "cannot be opened (Too many levels of symbolic links)",
        "card has no END:VCARD; closed at end of file",
        "card has no END:VCARD; closed at the next BEGIN:VCARD",
        "card has no BEGIN:VCARD; read from its VERSION line",
        "3 lines outside any vCard skipped",
        "1 line outside any vCard skipped",
        "NOTE value longer than 64 bytes was cut",
        "too many properties in this card; the rest were not read",
        "row has 5 cells, the header has 4; the cells were read by position",
        "row has 10 cells; only the first 8 were read",
        "value in column 2 is longer than 64 characters and was cut",
        "line too long; only its beginning was read",
        "this row is split by ';', unlike the rest of the file",
        "text after a closing quote was kept in the cell",
        "no header row found; columns were mapped by what their cells contain",
        FIRST_ROW_IS_CONTACT,
        "csv.columns was not applied: the file has no header row",
        "is a PNG image, not a contact export",
        "is a PDF document, not a contact export",
        "no vCard or CSV contacts found",
        "END:VCARD without BEGIN:VCARD; skipped",
        "line without ':' is not a property (a line break inside a value?); read as a note",
        "N: unknown CHARSET 'X-NOPE'",
        "ORG: value is not valid UTF-8",
        "a quote opened here is never closed; the rest of the file was read as one cell",
        "unbalanced quote: the cell starting here was read as unquoted text",
        "this row is split by TAB, unlike the rest of the file",
        "bytes not valid in the file's encoding were replaced",
    ):
        assert expected in said, expected
    assert any(s.startswith("csv.columns['Telefon']: unknown CSV column target") for s in said)
    _assert_all_japanese(result)


def test_open_input_refusals_are_japanese(engine: Engine, tmp_path: Path) -> None:
    """What ``open_input`` says of a folder given as a file (discovery walks folders)."""
    from piiaudit.audit.one_file import audit_file

    folder = tmp_path / "folder.vcf"
    folder.mkdir()
    result = AuditResult(files=[audit_file(str(folder), engine, AuditOptions())])
    assert _sentences(result) == ["is a directory, not a contact export"]
    _assert_all_japanese(result)


def test_a_folder_that_cannot_be_listed_is_japanese(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Discovery's own error (tests run as root here, so a chmod would not refuse)."""
    locked = tmp_path / "locked"
    locked.mkdir()
    scandir = os.scandir

    def refuse(path: str) -> Any:
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return scandir(path)

    monkeypatch.setattr(discovery.os, "scandir", refuse)
    result = audit_paths([str(tmp_path)], engine, AuditOptions())
    assert _sentences(result) == ["cannot list this folder: Permission denied"]
    _assert_all_japanese(result)
    assert build(result, ReportOptions(lang="ja")).files[0].error == (
        "このフォルダの中身を一覧できません（権限がありません）"
    )


def test_every_corpus_problem_is_japanese(engine: Engine, corpus_dir: Path) -> None:
    paths = sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    _assert_all_japanese(audit_paths(paths, engine, AuditOptions()))


# ------------------------------------------------------------------ end to end

runner = CliRunner()


@pytest.fixture
def corrupt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Like QA's ``/tmp/qa/corrupt/``: files that cannot be read and files with issues."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "corrupt"
    folder.mkdir()
    (folder / "empty.vcf").write_bytes(b"")
    (folder / "archive.vcf").write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    (folder / "junk.vcf").write_bytes(
        _vcard(
            "junk", "junk", "junk", "BEGIN:VCARD", "VERSION:3.0", "FN:山田太郎", "TEL:090-0000-1111"
        )
    )
    (folder / "ragged.csv").write_bytes(
        "Name,Phone,Email,Note\r\n山田太郎,090-0000-1111,taro@example.com,a,b\r\n".encode()
    )
    return folder


JAPANESE = (
    "空のファイルです",
    "ZIP アーカイブです。展開して、中のファイルを指定してください",
    "vCard の外にある 3 行を読み飛ばしました",
    "カードに END:VCARD がありません。ファイルの終わりで閉じました",
    "この行のセルは 5 個で、見出し行の 4 個と合いません。セルは位置の順に読み取りました",
)
ENGLISH = (
    "is empty",
    "is a ZIP archive",
    "outside any vCard skipped",
    "closed at end of file",
    "the cells were read by position",
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _scan(folder: Path, out: Path, fmt: str, *extra: str, lang: str = "ja") -> str:
    """The report of ``scan`` on ``folder`` (the working directory is its parent: short
    paths keep the terminal report's path column narrow)."""
    assert Path.cwd() == folder.parent
    result = runner.invoke(
        app, ["scan", folder.name, "-f", fmt, "-o", str(out), "--lang", lang, "-q", *extra]
    )
    assert result.exit_code in (0, 1, 3), result.output
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["terminal", "html", "json"])
def test_scan_lang_ja_shows_the_problems_in_japanese(
    corrupt: Path, tmp_path: Path, fmt: str
) -> None:
    text = _scan(corrupt, tmp_path / f"report.{fmt}", fmt, "--no-color", "--jobs", "1")
    if fmt == "json":
        report = json.loads(text)
        said = [f["error"] for f in report["files"] if f["error"]]
        said += [i["message"] for f in report["files"] for i in f["parse_issues"]]
        text = "\n".join(said)
    elif fmt == "html":
        import html

        text = html.unescape(text)
    flat = _flat(text)  # the terminal report wraps long lines
    for words in JAPANESE:
        assert _flat(words) in flat, (fmt, words)
    for words in ENGLISH:
        assert _flat(words) not in flat, (fmt, words)


@pytest.mark.parametrize("fmt", ["json", "html", "terminal"])
def test_scan_lang_ja_is_the_same_with_one_or_two_workers(
    corrupt: Path, tmp_path: Path, fmt: str
) -> None:
    """Each worker builds its files' share of the report: it translates the same way."""
    one = _scan(corrupt, tmp_path / f"one.{fmt}", fmt, "--no-color", "--jobs", "1")
    two = _scan(corrupt, tmp_path / f"two.{fmt}", fmt, "--no-color", "--jobs", "2")
    assert one == two
    assert _flat("vCard の外にある 3 行を読み飛ばしました") in _flat(two)


def test_english_reports_keep_the_readers_words(corrupt: Path, tmp_path: Path) -> None:
    report = json.loads(_scan(corrupt, tmp_path / "en.json", "json", lang="en"))
    said = [f["error"] for f in report["files"] if f["error"]]
    assert sorted(said) == [
        "is a ZIP archive: extract it and scan the exports inside",
        "is empty",
    ]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("ja", "読み取れませんでした: ZIP アーカイブ"), ("en", "not read: is a ZIP archive")],
)
def test_the_warning_on_stderr_speaks_the_reports_language(
    corrupt: Path, lang: str, said: str
) -> None:
    """Not an English frame around a Japanese reason."""
    result = runner.invoke(app, ["scan", corrupt.name, "--lang", lang])
    assert said in result.stderr
