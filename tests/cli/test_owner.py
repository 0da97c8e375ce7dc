"""``--owner``: the phone owner's own card stays private on every command that classifies.

Phones export the owner's own card (the iPhone's "My Card", Android's profile) with
the employer in ORG, a title, work mail, the private mobile and home address: without
``--owner`` it is a business contact, handed over and listed for compliance. All
names, numbers and addresses here are fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from piiaudit.cli import app
from piiaudit.exitcodes import ExitCode

runner = CliRunner()


def _card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


OWN = _card(
    "FN:山田 太郎",
    "N:山田;太郎;;;",
    "ORG:株式会社見本商事;営業部",
    "TITLE:課長",
    "TEL;TYPE=WORK:03-5555-0100",
    "TEL;TYPE=CELL:090-5550-1234",
    "EMAIL;TYPE=WORK:t.yamada@mihon-shoji.example.co.jp",
    "ADR;TYPE=HOME:;;見本町1-2-3;千代田区;東京都;100-0001;日本",
)
OWN_LATIN = _card(
    "FN:Taro Yamada",
    "N:Yamada;Taro;;;",
    "ORG:Mihon Trading Co.\\, Ltd.",
    "TITLE:Sales Manager",
    "TEL;TYPE=CELL:+81 90 5550 1234",
    "EMAIL;TYPE=WORK:t.yamada@mihon-trading.example.com",
)
CUSTOMER = _card(
    "FN:佐藤 一郎",
    "N:佐藤;一郎;;;",
    "ORG:株式会社テスト物産",
    "TITLE:部長",
    "TEL;TYPE=CELL:090-0000-2201",
    "EMAIL;TYPE=WORK:ichiro.sato@test-bussan.example.co.jp",
)
# An owner whose name no rule's text holds (山田 is in JP-CLASS-003's examples), and
# their values in every form a report could show them unmasked.
OWN_RARE = _card(
    "FN:柊 澄人",
    "N:柊;澄人;;;",
    "ORG:株式会社見本商事;営業部",
    "TITLE:課長",
    "TEL;TYPE=CELL:090-6284-7319",
    "EMAIL;TYPE=WORK:s.hiiragi@mihon-shoji.example.co.jp",
    "ADR;TYPE=HOME:;;見本町1-2-3;千代田区;東京都;100-0001;日本",
)
RARE_VALUES = ("柊 澄人", "090-6284-7319", "s.hiiragi@mihon-shoji.example.co.jp")
SECRETS = ("柊", "澄人", "090-6284-7319", "6284", "s.hiiragi")


def _export(tmp_path: Path, *cards: str, name: str = "export.vcf") -> Path:
    path = tmp_path / name
    path.write_text("".join(cards), encoding="utf-8")
    return path


def _run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def _classes(export: Path, *extra: str) -> dict[int, str]:
    """Each listed contact's class by its line, from scan's JSON report."""
    result = _run("scan", str(export), "-f", "json", *extra)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    return {c["line"]: c["classification"] for c in report["contacts"]}


def test_scan_json_the_owners_card_flips_from_business_to_private(tmp_path: Path) -> None:
    export = _export(tmp_path, OWN, CUSTOMER)
    assert _classes(export) == {1: "business", 12: "business"}
    assert _classes(export, "--owner", "山田 太郎") == {1: "private", 12: "business"}
    result = _run("scan", str(export), "-f", "json", "--owner", "山田 太郎")
    summary = json.loads(result.stdout)["summary"]["by_classification"]
    assert summary == {"business": 1, "private": 1, "unknown": 0}


@pytest.mark.parametrize("value", ["山田 太郎", "山田太郎", "太郎 山田", "090-5550-1234"])
def test_scan_matches_kanji_names_in_either_order_and_the_mobile(
    tmp_path: Path, value: str
) -> None:
    export = _export(tmp_path, OWN, CUSTOMER)
    assert _classes(export, "--owner", value)[1] == "private"


@pytest.mark.parametrize(
    "value",
    [
        "Yamada Taro",
        "Taro Yamada",
        "YAMADA, Taro",
        "+81-90-5550-1234",
        "０９０－５５５０－１２３４",
        "T.Yamada@Mihon-Trading.example.com",
    ],
)
def test_scan_matches_latin_names_numbers_and_addresses(tmp_path: Path, value: str) -> None:
    export = _export(tmp_path, OWN_LATIN, CUSTOMER)
    before = _classes(export)
    assert before[1] == "business"
    assert _classes(export, "--owner", value) == {**before, 1: "private"}


def test_a_similar_name_changes_nothing(tmp_path: Path) -> None:
    export = _export(tmp_path, OWN, CUSTOMER)
    assert _classes(export, "--owner", "山田 太一", "--owner", "090-5550-1235") == _classes(export)


def test_scan_text_explains_the_owner_in_english_and_japanese(tmp_path: Path) -> None:
    export = _export(tmp_path, OWN, CUSTOMER)
    for lang, said in (("en", "gave with --owner"), ("ja", "--owner で指定した")):
        result = _run("scan", str(export), "-f", "json", "--explain", "--lang", lang)
        (own,) = [c for c in json.loads(result.stdout)["contacts"] if c["line"] == 1]
        assert "CORE-OWNER-001" not in {s["rule"] for s in own["classification_signals"]}
        result = _run(
            "scan", str(export), "-f", "json", "--explain", "--lang", lang, "--owner", "山田 太郎"
        )
        (own,) = [c for c in json.loads(result.stdout)["contacts"] if c["line"] == 1]
        signal = own["classification_signals"][0]
        assert (signal["rule"], signal["towards"]) == ("CORE-OWNER-001", "private")
        assert said in signal["description"]
    # the terminal report counts the card as private
    text = _run("scan", str(export), "--no-color", "--lang", "en", "--owner", "山田 太郎")
    assert "Contacts by kind: business 1 · private 1 · unknown 0" in text.stdout


@pytest.mark.parametrize("fmt", ["terminal", "json", "html", "sarif", "csv"])
def test_masked_reports_never_show_the_owners_value(tmp_path: Path, fmt: str) -> None:
    export = _export(tmp_path, OWN_RARE, CUSTOMER)
    out = tmp_path / f"report.{fmt}"
    for value in RARE_VALUES:
        result = _run(
            "scan",
            str(export),
            "-f",
            fmt,
            "-o",
            str(out),
            "--force",
            "--explain",
            "--csv-rows",
            "contacts",
            "--owner",
            value,
        )
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8-sig")
        if fmt in ("json", "html"):  # the others list findings, and the card has none now
            assert "CORE-OWNER-001" in text
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} in the {fmt} report (--owner {value})"


def test_compliance_counts_the_owners_card_as_private(tmp_path: Path) -> None:
    export = _export(tmp_path, OWN, CUSTOMER)
    result = _run(
        "scan", str(export), "-f", "json", "--audience", "compliance", "--owner", "山田 太郎"
    )
    report = json.loads(result.stdout)
    assert report["summary"]["by_classification"] == {"business": 1, "private": 1, "unknown": 0}
    assert [c["name"] for c in report["contacts"]] == ["佐* 一*"]  # the customer alone


def test_worker_processes_know_the_owner(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    _export(folder, OWN, CUSTOMER, name="a.vcf")
    _export(folder, CUSTOMER, OWN_LATIN, name="b.vcf")
    result = _run(
        "scan",
        str(folder),
        "-f",
        "json",
        "--jobs",
        "2",
        "--owner",
        "山田 太郎",
        "--owner",
        "Taro Yamada",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    classes = sorted(
        (Path(c["file"]).name, c["line"], c["classification"]) for c in report["contacts"]
    )
    assert classes == [
        ("a.vcf", 1, "private"),
        ("a.vcf", 12, "business"),
        ("b.vcf", 1, "business"),
        ("b.vcf", 10, "private"),
    ]


def test_split_keeps_the_owners_card_private(tmp_path: Path) -> None:
    export = _export(tmp_path, OWN, CUSTOMER)
    without = tmp_path / "without"
    assert _run("split", str(export), "--out-dir", str(without)).exit_code == 0
    assert "FN:山田 太郎" in (without / "business.vcf").read_text(encoding="utf-8")
    out = tmp_path / "handover"
    result = _run("split", str(export), "--out-dir", str(out), "--owner", "090-5550-1234")
    assert result.exit_code == 0, result.output
    business = (out / "business.vcf").read_text(encoding="utf-8")
    assert "FN:山田 太郎" not in business and "FN:佐藤 一郎" in business
    assert (out / "private.vcf").read_bytes() == OWN.encode()  # byte for byte
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    for secret in ("山田", "太郎", "5550"):
        assert secret not in manifest


def test_minimize_leaves_the_owners_card_out(tmp_path: Path) -> None:
    export = _export(tmp_path, OWN, CUSTOMER)
    out = tmp_path / "for-company.vcf"
    result = _run("minimize", str(export), "-o", str(out), "--owner", "山田太郎")
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "佐藤" in written and "山田" not in written


def test_verify_classifies_a_new_own_card_as_the_owners(tmp_path: Path) -> None:
    export = _export(tmp_path, CUSTOMER)
    out = tmp_path / "handover"
    assert _run("split", str(export), "--out-dir", str(out)).exit_code == 0
    # The customer was deleted; the owner's card was on the phone all along, or added.
    new = _export(tmp_path, OWN, name="new.vcf")
    looks_business = _run("verify", str(new), "-d", str(out), "--lang", "en")
    assert looks_business.exit_code == ExitCode.FINDINGS
    clean = _run("verify", str(new), "-d", str(out), "--lang", "en", "--owner", "山田 太郎")
    assert clean.exit_code == ExitCode.OK, clean.output


def test_baseline_create_reads_the_owner(tmp_path: Path) -> None:
    export = _export(tmp_path, OWN, CUSTOMER)
    key = tmp_path / "org.key"
    key.write_text("0123456789abcdef0123456789abcdef\n", encoding="utf-8")
    key.chmod(0o600)
    counts = []
    for extra in ((), ("--owner", "山田 太郎")):
        base = tmp_path / f"baseline{len(counts)}.json"
        result = _run(
            "baseline",
            "create",
            str(export),
            "-o",
            str(base),
            "--baseline-key-file",
            str(key),
            "--audience",
            "compliance",
            *extra,
        )
        assert result.exit_code == 0, result.output
        counts.append(len(json.loads(base.read_text(encoding="utf-8"))["findings"]))
    # The owner's home address and mobile are a business contact's findings only without it.
    assert counts[0] > counts[1] > 0


@pytest.mark.parametrize(
    "value", ["0171 2345678", "yamada@", "・"], ids=["foreign-number", "bad-mail", "no-name"]
)
def test_a_value_that_names_no_card_is_a_usage_error(tmp_path: Path, value: str) -> None:
    export = _export(tmp_path, OWN)
    out = tmp_path / "handover"
    result = _run("split", str(export), "--out-dir", str(out), "--owner", value, "--lang", "ja")
    assert result.exit_code == ExitCode.USAGE
    assert "--owner:" in result.stderr and "エラー" in result.stderr
    assert value not in result.stderr
    assert not out.exists()  # nothing written
