"""Masked free text is worded in the report's language: ``[43 chars]`` / ``[43文字]``.

A Japanese report that hid a home address behind English words read half
translated; the length is all either wording keeps.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.hostile.run import invoke

from piiaudit.masking import mask
from piiaudit.model import ValueKind
from piiaudit.reporters.i18n import text_shape

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iphone-export.vcf"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (ValueKind.TEXT, "長男が通院中"),
        (ValueKind.ADDRESS, "東京都架空区見本町1-2-3"),
        (ValueKind.EMAIL, "no-at-sign"),  # not an address: masked as text
        (ValueKind.URL, "not a url"),
    ],
)
def test_text_masks_keep_only_the_length_in_each_language(kind: ValueKind, value: str) -> None:
    assert mask(value, kind) == f"[{len(value)} chars]"
    assert mask(value, kind, text_shape=text_shape("ja")) == f"[{len(value)}文字]"
    assert mask(value, kind, show_pii=True, text_shape=text_shape("ja")) == value


def test_other_kinds_ignore_the_wording() -> None:
    ja = text_shape("ja")
    assert mask("090-1234-5678", ValueKind.PHONE, text_shape=ja) == "***-****-5678"
    assert mask("taro@example.jp", ValueKind.EMAIL, text_shape=ja) == "t***@example.jp"
    assert mask("1980-05-06", ValueKind.DATE, text_shape=ja) == "****-**-**"


@pytest.mark.parametrize("fmt", ["json", "terminal", "html", "sarif", "csv"])
def test_a_japanese_report_words_its_masks_in_japanese(fmt: str) -> None:
    ja = invoke("scan", str(EXAMPLE), "--lang", "ja", "-f", fmt, "--no-color")
    en = invoke("scan", str(EXAMPLE), "--lang", "en", "-f", fmt, "--no-color")
    assert "文字]" in ja.stdout and " chars]" not in ja.stdout
    assert " chars]" in en.stdout and "文字]" not in en.stdout
    if fmt == "json":  # the fast JSON path and the view agree on the wording
        evidence = [f["evidence"] for c in json.loads(ja.stdout)["contacts"] for f in c["findings"]]
        assert any(e.endswith("文字]") for e in evidence)
