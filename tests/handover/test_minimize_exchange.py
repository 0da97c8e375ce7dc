"""Outlook rows whose e-mail type is ``EX`` hold an Exchange X.500 path, not an address
(QA A14): ``minimize`` never writes such a path as EMAIL. It hands over the SMTP address
from the display-name column when there is one, else drops the path and counts it in the
plan and the summary. All data fictional."""

from __future__ import annotations

from pathlib import Path

from cli_app import app
from typer.testing import CliRunner

from piiaudit.engine import Engine
from piiaudit.handover.exchange import with_smtp_addresses
from piiaudit.handover.minimize_run import plan_minimize
from piiaudit.model import Contact, Email, SourceRef
from piiaudit.parsers import ParseOptions

PATH = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=5f1a-"
HEADER = "姓,名,会社名,会社電話,電子メール アドレス,電子メールの種類,電子メール表示名\n"
ROWS = (
    f"高田,健,例示商事株式会社,06-0000-1301,{PATH}takada,EX,高田 健 (takada@example.jp)\n"
    f"森,茜,例示物産株式会社,06-0000-1302,{PATH}mori,EX,森 茜\n"
)


def _export(tmp_path: Path) -> Path:
    path = tmp_path / "outlook.csv"
    path.write_bytes((HEADER + ROWS).encode("cp932"))
    return path


def test_the_display_names_smtp_address_replaces_the_path(engine: Engine, tmp_path: Path) -> None:
    plan = plan_minimize(
        str(_export(tmp_path)), engine, ParseOptions(), None, keep_private=True, keep_unknown=True
    )
    written = {c.display_name(): [e.value for e in c.emails] for c in plan.written()}
    assert written == {"高田 健": ["takada@example.jp"], "森 茜": []}
    assert plan.removed()["exchange_address"] == 1


def test_the_summary_counts_paths_with_no_address(tmp_path: Path) -> None:
    out = tmp_path / "handover.vcf"
    result = CliRunner().invoke(
        app,
        [
            "minimize",
            str(_export(tmp_path)),
            "-o",
            str(out),
            "--keep-unknown",
            "--keep-private",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "/o=" not in text.lower() and "ExchangeLabs" not in text
    assert "EMAIL:takada@example.jp" in text.splitlines()
    assert "Exchange directory paths with no e-mail address" in result.output
    assert "not an address any program can use): 1" in result.output


def _contact(emails: tuple[Email, ...], other: dict[str, tuple[str, ...]]) -> Contact:
    return Contact(SourceRef("t.csv", 0, 2), version="outlook-csv", emails=emails, other=other)


def test_each_path_takes_the_address_of_its_own_column() -> None:
    contact = _contact(
        (
            Email("sato@example.com", ("E-mail Address",)),
            Email(f"{PATH}sato2", ("E-mail 2 Address",)),
        ),
        {
            "E-mail Display Name": ("Sato Ko (sato@example.com)",),
            "E-mail 2 Display Name": ("Sato Ko (ko.sato@example.co.jp)",),
        },
    )
    fixed, lost = with_smtp_addresses(contact)
    assert [(e.value, e.labels) for e in fixed.emails] == [
        ("sato@example.com", ("E-mail Address",)),
        ("ko.sato@example.co.jp", ("E-mail 2 Address",)),
    ]
    assert lost == 0


def test_a_path_whose_address_the_contact_already_has_goes_without_loss() -> None:
    contact = _contact(
        (
            Email("sato@example.com", ("E-mail Address",)),
            Email(f"{PATH}sato", ("E-mail 2 Address",)),
        ),
        {"E-mail 2 Display Name": ("Sato Ko (SATO@example.com)",)},
    )
    fixed, lost = with_smtp_addresses(contact)
    assert [e.value for e in fixed.emails] == ["sato@example.com"]
    assert lost == 0


def test_a_path_read_from_a_vcard_has_no_display_name_and_is_dropped() -> None:
    contact = Contact(SourceRef("t.vcf", 0, 1), emails=(Email(f"{PATH}x", ("internet",)),))
    fixed, lost = with_smtp_addresses(contact)
    assert fixed.emails == () and lost == 1


def test_addresses_are_left_alone() -> None:
    contact = _contact((Email("o=ops@example.com", ("E-mail Address",)),), {})
    assert with_smtp_addresses(contact) == (contact, 0)
