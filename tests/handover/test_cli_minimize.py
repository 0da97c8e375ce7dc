"""``piiaudit minimize`` through the command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import vobject
from cli_app import app
from handover_setup import SAMPLE_EXPORT, card_names, copy_sample_export, run_handover
from typer.testing import CliRunner, Result


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return copy_sample_export(tmp_path)


@pytest.fixture
def pinned(tmp_path: Path) -> Path:
    """Classes fixed by an override file, so these tests do not move when the rule packs
    learn more; the name-only card (index 2) stays unknown: nothing can classify it."""
    path = tmp_path / "pinned.yaml"
    path.write_text(
        "overrides:\n"
        "  - {contact: 'index:0', class: business, reason: customer}\n"
        "  - {contact: 'index:1', class: private, reason: my mother}\n",
        encoding="utf-8",
    )
    return path


def minimize(*args: str) -> Result:
    return run_handover("minimize", *args)


def test_writes_business_contacts_only_and_summarises_removals(
    export: Path, pinned: Path, tmp_path: Path
) -> None:
    out = tmp_path / "handover.vcf"
    result = minimize(str(export), "-o", str(out), "--lang", "en", "--override", str(pinned))
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600
    assert card_names(out) == ["山田 太郎"]
    assert "1 business minimized" in result.output
    assert "Removed from the contacts written:" in result.output
    assert "personal mobile numbers: 1" in result.output
    assert "(mobile_phone)" not in result.output  # no internal key in the summary
    assert "birthdays: 1" in result.output
    assert "Left out: 1 private contact." in result.output
    assert "Left out: 1 unknown contact;" in result.output  # "1 contact", singular
    # the command to decide it names the export itself, not a placeholder
    assert f"decide it (or list it in an --override file): piiaudit split {export}" in (
        result.output
    )
    assert "Private contacts are not for the company" in result.output
    assert "use --keep-private" not in result.output  # it would hand over the full card


def test_keep_unknown_adds_unknown_contacts(export: Path, pinned: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover.vcf"
    result = minimize(str(export), "-o", str(out), "--keep-unknown", "--override", str(pinned))
    assert result.exit_code == 0, result.output
    assert card_names(out) == ["山田 太郎", "Kowalski"]
    assert "1 unknown minimized" in result.output


def test_personal_data_of_a_business_contact_is_not_written(export: Path, tmp_path: Path) -> None:
    everyone = tmp_path / "all-business.yaml"
    everyone.write_text(
        "overrides:\n"
        + "".join(
            f"  - {{contact: 'index:{i}', class: business, reason: test}}\n" for i in range(3)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "handover.vcf"
    result = minimize(str(export), "-o", str(out), "--override", str(everyone))
    assert result.exit_code == 0, result.output
    assert card_names(out) == ["山田 太郎", "お母さん", "Kowalski"]
    text = out.read_text(encoding="utf-8")
    for personal in (
        "BDAY",
        "NOTE",
        "CATEGORIES",
        "gmail",
        "docomo",
        "090-1234",
        "080-2222",
        "044-123",
        "新丸子",
    ):
        assert personal not in text, personal


def test_keep_private_keeps_private_contacts_complete(
    export: Path, pinned: Path, tmp_path: Path
) -> None:
    out = tmp_path / "handover.vcf"
    args = [str(export), "-o", str(out), "--override", str(pinned)]
    assert minimize(*args).exit_code == 0
    assert card_names(out) == ["山田 太郎"]
    result = minimize(*args, "--keep-private", "--force")
    assert result.exit_code == 0, result.output
    card = list(vobject.readComponents(out.read_text(encoding="utf-8")))[1]
    assert card.fn.value == "お母さん"
    assert card.bday.value == "1950-01-02"
    assert sorted(t.value for t in card.contents["tel"]) == ["044-123-4567", "080-2222-3333"]
    assert "1 private kept complete" in result.output
    # the notice that this copy is not for the company survives --quiet (QA round 15)
    quiet = minimize(*args, "--keep-private", "--force", "-q")
    assert quiet.exit_code == 0
    assert "never the company" in quiet.stderr


def test_keep_private_writes_androids_custom_fields_as_android_reads_them(
    tmp_path: Path,
) -> None:
    """X-ANDROID-CUSTOM's components are joined by ';': written as text, each became
    '\\;' and Android re-imported the relation as one string."""
    export = tmp_path / "android.vcf"
    export.write_bytes(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:架空;健二;;;\r\nFN:健二(弟)\r\n"
        "TEL;CELL:090-2222-3333\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;花子;1;;;\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1990-01-02;0;お祝い, 記念;\r\n"
        "END:VCARD\r\n".encode()
    )
    out = tmp_path / "mine.vcf"
    assert minimize(str(export), "-o", str(out), "--keep-private").exit_code == 0
    unfolded = out.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;花子;1;;;\r\n" in unfolded
    assert ";お祝い\\, 記念;\r\n" in unfolded  # a comma inside a component stays escaped
    assert "\\;" not in unfolded


def test_dry_run_writes_nothing_and_masks_names(export: Path, pinned: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover.vcf"
    result = minimize(
        str(export), "-o", str(out), "--dry-run", "--lang", "en", "--override", str(pinned)
    )
    assert result.exit_code == 0, result.output
    assert not out.exists()
    assert "#0 山* 太*: minimized, removed " in result.output
    assert "#1 お***: left out (private)" in result.output
    assert "#2 K***: left out (unknown)" in result.output
    assert "山田" not in result.output and "Kowalski" not in result.output


def test_existing_output_and_the_input_are_refused(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover.vcf"
    out.write_text("keep me")
    result = minimize(str(export), "-o", str(out))
    assert result.exit_code == 2 and "already exists" in result.output
    assert out.read_text() == "keep me"
    result = minimize(str(export), "-o", str(export), "--force")
    assert result.exit_code == 2 and "is the input file" in result.output
    assert export.read_bytes() == SAMPLE_EXPORT.read_bytes()


def test_dry_run_over_an_existing_output_plans_and_says_force_is_needed(
    export: Path, tmp_path: Path
) -> None:
    # A dry run writes nothing, so a file left by an earlier run is no reason to refuse
    # the plan; but the real run would refuse it, and the user should hear so now.
    out = tmp_path / "handover.vcf"
    out.write_text("keep me")
    result = minimize(str(export), "-o", str(out), "--dry-run", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing written" in result.output
    assert f"Note: {out} already exists; the real run needs --force" in result.output
    assert out.read_text() == "keep me"
    forced = minimize(str(export), "-o", str(out), "--dry-run", "--force", "--lang", "en")
    assert "already exists" not in forced.output
    result = minimize(str(export), "-o", str(export), "--dry-run")
    assert result.exit_code == 2 and "is the input file" in result.output


def test_unreadable_input_exits_3(tmp_path: Path) -> None:
    source = tmp_path / "empty.vcf"
    source.write_bytes(b"")
    out = tmp_path / "handover.vcf"
    result = minimize(str(source), "-o", str(out))
    assert result.exit_code == 3
    assert not out.exists()
    assert "Traceback" not in result.output


def test_reads_standard_input(pinned: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover.vcf"
    args = ["minimize", "-", "-o", str(out), "--keep-unknown", "--override", str(pinned)]
    result = CliRunner().invoke(app, args, input=SAMPLE_EXPORT.read_text("utf-8"))
    assert result.exit_code == 0, result.output
    assert card_names(out) == ["山田 太郎", "Kowalski"]


def test_japanese_summary(export: Path, pinned: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "h.vcf")
    result = minimize(str(export), "-o", out, "--lang", "ja", "--override", str(pinned))
    assert result.exit_code == 0, result.output
    assert "  誕生日: 1 件" in result.output  # no engine keys in the Japanese summary
    assert "(birthday)" not in result.output


def test_help_lists_what_is_kept_and_examples() -> None:
    result = CliRunner().invoke(app, ["minimize", "--help"])
    assert result.exit_code == 0
    assert "work phone" in result.output
    assert "piiaudit minimize export.vcf -o for-company.vcf --dry-run" in result.output


def test_an_unwritable_output_is_one_clear_error(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, dir: str | None = None, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", f"{dir}/.tmp")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = minimize(str(export), "-o", str(tmp_path / "h.vcf"))
    assert result.exit_code == 2
    assert "cannot write: Permission denied" in result.output


CUT = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Yamada Taro\r\nORG:Example K.K.\r\n"
    b"TEL;TYPE=WORK:03-1234-5678\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sato Hanako\r\nORG:Example K.K.\r\nEND:VCARD\r\n"
)


def test_parse_problems_are_listed_with_file_and_line(tmp_path: Path) -> None:
    # The first card has no END:VCARD: a user handing over must hear what was not
    # read as written, as scan and split tell it.
    source = tmp_path / "cut.vcf"
    source.write_bytes(CUT)
    out = tmp_path / "h.vcf"
    for extra in (["--dry-run"], []):
        result = minimize(str(source), "-o", str(out), "--lang", "en", *extra)
        assert result.exit_code == 0, result.output
        assert f"{source}:6: card has no END:VCARD" in result.output
        assert f"1 problem reading {source}" in result.output
    result = minimize(str(source), "-o", str(out), "--lang", "ja", "--force")
    assert f"{source}:6: カードに END:VCARD がありません" in result.output
    assert f"{source} の読み取りで 1 件の問題がありました" in result.output
    clean = tmp_path / "clean.vcf"
    clean.write_bytes(
        CUT.replace(
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sato",
            b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sato",
        )
    )
    result = minimize(str(clean), "-o", str(tmp_path / "clean-out.vcf"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "END:VCARD" not in result.output and "problems reading" not in result.output


def test_a_file_name_that_is_not_utf8_is_read_and_named_with_escapes(tmp_path: Path) -> None:
    source = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.vcf"))
    source.write_bytes(CUT)
    out = tmp_path / "h.vcf"
    result = minimize(str(source), "-o", str(out), "--lang", "en", "--keep-unknown")
    assert result.exit_code == 0, result.output
    assert f"{tmp_path}/caf\\xe9.vcf:6: card has no END:VCARD" in result.output
    assert card_names(out) == ["Yamada Taro", "Sato Hanako"]


def test_special_care_words_written_beside_a_name_or_number_are_not_handed_over(
    tmp_path: Path,
) -> None:
    # Security review F4: the special-care rules read notes only, so these words
    # reached the company's copy and minimize said nothing had to be removed.
    export = tmp_path / "remarks.vcf"
    export.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:田中;一郎（糖尿病で透析中）;;;\r\n"
        "FN:田中 一郎（糖尿病で透析中）\r\nORG:見本商事株式会社\r\n"
        "TEL;TYPE=WORK:03-5555-0102 うつ病で休職中\r\nTEL;TYPE=WORK:03-5555-0103\r\n"
        "EMAIL;TYPE=WORK:tanaka@example.co.jp\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Otter;Karl;;;(wife has breast cancer)\r\n"
        "FN:Karl Otter\r\nORG:Example GmbH\r\nTEL;TYPE=WORK:+49 30 1234567\r\nEND:VCARD\r\n"
        # The opening bracket never typed: the remark is the word holding the closing one.
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:高橋;三郎;;;\r\nFN:高橋 三郎 入院中)\r\n"
        "ORG:見本物産株式会社\r\nTEL;TYPE=WORK:03-5555-0104\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    out = tmp_path / "handover.vcf"
    result = minimize(str(export), "-o", str(out), "--keep-unknown", "--lang", "en")
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    for word in ("透析", "糖尿病", "うつ病", "cancer", "入院"):
        assert word not in written
    assert "special-care data (health, beliefs ...): 5" in result.output
    # What the company may keep stays: the organisation, the clean work number and address.
    kept_values = ("見本商事株式会社", "03-5555-0103", "tanaka@example.co.jp", "Example GmbH")
    for kept in (*kept_values, "+49 30 1234567"):
        assert kept in written
    # The remark goes, the name before it stays (review 10: the name was dropped whole).
    assert "FN:田中 一郎\n" in written
    assert "N:Otter;Karl;;;\n" in written
    assert "FN:高橋 三郎\n" in written


def _minimized(export: Path) -> tuple[Result, str]:
    """minimize's result for ``export`` (in English), and the vCard it wrote."""
    out = export.with_name("handover.vcf")
    result = minimize(str(export), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    return result, out.read_text(encoding="utf-8")


def test_relatives_numbers_and_a_second_home_do_not_reach_the_company(tmp_path: Path) -> None:
    # QA round 8: a customer's card with numbers labelled 奥様 / 息子（塾） / 愛人宅 and an
    # address labelled 別宅 went to the company whole ("Nothing had to be removed").
    export = tmp_path / "labels.vcf"
    export.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:森;隆;;;\r\nFN:森 隆\r\nORG:森不動産株式会社\r\n"
        "TEL;TYPE=WORK:03-5555-7001\r\n"
        "item1.TEL:045-555-7005\r\nitem1.X-ABLabel:奥様\r\n"
        "item2.TEL:03-5555-7006\r\nitem2.X-ABLabel:息子（塾）\r\n"
        "item3.TEL:03-5555-7004\r\nitem3.X-ABLabel:愛人宅\r\n"
        "item4.EMAIL:mori.family@example.jp\r\nitem4.X-ABLabel:奥様\r\n"
        "item5.ADR:;;能見台9-9-9;横浜市金沢区;神奈川県;236-0053;日本\r\nitem5.X-ABLabel:別宅\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    result, written = _minimized(export)
    for gone in ("7005", "7006", "7004", "mori.family", "能見台", "奥様", "息子", "愛人", "別宅"):
        assert gone not in written
    assert "03-5555-7001" in written and "森不動産株式会社" in written
    assert "relatives' numbers" in result.output


def test_numbers_family_and_birthdays_written_into_names(tmp_path: Path) -> None:
    # QA round 8: scan found nothing and minimize kept all of it for the company. (A family
    # written into the title is not read: 子ども家庭課 is a job title; review 11.)
    export = tmp_path / "names.vcf"
    export.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:田中;一郎（奥様 恵子 090-1234-3301）;;;\r\n"
        "FN:田中 一郎（奥様 恵子 090-1234-3301）\r\nORG:株式会社サンプル建設\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:佐藤;次郎 自宅045-555-3402;;;\r\n"
        "FN:佐藤 次郎 自宅045-555-3402\r\nORG:株式会社サンプル電設\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:高木;四郎;;;\r\nFN:高木 四郎 様 誕生日5/5\r\n"
        "ORG:株式会社サンプル設計\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    _, written = _minimized(export)
    for gone in ("3301", "3402", "奥様", "誕生日", "5/5"):
        assert gone not in written
    for kept in ("FN:田中 一郎\n", "N:田中;一郎;;;\n", "FN:高木 四郎\n"):
        assert kept in written


def test_a_linkedin_preamble_is_named_but_raises_no_alarm(tmp_path: Path) -> None:
    """LinkedIn's Connections.csv opens with a Notes: paragraph: minimize names the lines it
    left out but does not say contacts may be missing (QA round 9: every LinkedIn export)."""
    export = tmp_path / "Connections.csv"
    export.write_text(
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n'
        "\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Yuki,Sample,https://www.example.com/in/yuki-sample,,Example KK,Sales Manager,"
        "15 Mar 2023\n",
        encoding="utf-8",
    )
    result = minimize(str(export), "-o", str(tmp_path / "out.vcf"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "skipped as a preamble" in result.output
    assert "may be missing" not in result.output
