"""A masked report never shows a secret: passwords, door codes, passports.

The identifier masker was the phone masker, which hides digits only: a masked
(even compliance) report printed ``sakuranbo`` and ``Tanaka-Secret`` as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.hostile.run import invoke

from piiaudit.masking import mask_identifier

SECRETS = ["sakuranbo", "Tanaka-Secret", "ABCD#", "bluebird77", "TK1234567"]
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:架空 太郎\r\nORG:見本商事株式会社\r\n"
    "NOTE:オートロック ABCD# / Wi-Fi パスワード: sakuranbo / PW: Tanaka-Secret\\n"
    "portal password: bluebird77 / 旅券番号 TK1234567\r\nEND:VCARD\r\n"
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("sakuranbo", "*********"),
        ("Tanaka-Secret", "******-******"),
        ("TK1234567", "*********"),
        ("482913", "******"),  # a short PIN keeps no digit
        # An IBAN (its ISO 13616 check passes) keeps its last 4, as a card number does on a
        # statement; the same shape failing the check keeps nothing (blind EU QA 2).
        ("DE89 3704 0044 0532 0130 00", "**** **** **** **** **30 00"),
        ("de89370400440532013000", "******************3000"),
        ("DE88 3704 0044 0532 0130 00", "**** **** **** **** **** **"),
        ("Geheim2024Passwort1234", "**********************"),
        ("6214 9832 0257", "**** **** 0257"),  # a long number keeps its last 4, as on a receipt
        ("4111-1111-1111-1111", "****-****-****-1111"),
    ],
)
def test_identifiers_keep_only_their_shape(value: str, shown: str) -> None:
    assert mask_identifier(value) == shown


@pytest.mark.parametrize("fmt", ["terminal", "json", "html", "sarif", "csv"])
@pytest.mark.parametrize("audience", ["self", "compliance"])
def test_no_secret_in_a_masked_report(tmp_path: Path, fmt: str, audience: str) -> None:
    path = tmp_path / "secrets.vcf"
    path.write_text(CARD, encoding="utf-8", newline="")
    run = invoke("scan", str(path), "-f", fmt, "--audience", audience, "--no-color")
    assert "credential" in run.stdout.lower() or "password" in run.stdout.lower()
    for secret in SECRETS:
        assert secret not in run.stdout, secret
