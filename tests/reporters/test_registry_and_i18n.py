"""The reporter registry and the wording files behind every report."""

from __future__ import annotations

import io
import re
import string

import pytest

from piiaudit.errors import ConfigError
from piiaudit.model import Category, ContactClass, RiskLevel, Severity
from piiaudit.reporters import REPORTERS, ReportOptions, get
from piiaudit.reporters.i18n import messages
from reporters.factory import sample_case


def test_registry_names_every_format() -> None:
    assert list(REPORTERS) == ["terminal", "json", "html", "sarif", "csv"]
    assert get("JSON") is REPORTERS["json"]


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(ConfigError, match="terminal, json, html, sarif, csv"):
        get("pdf")


def test_unknown_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="en, ja"):
        messages("fr")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    en, ja = messages("en"), messages("ja")
    assert en.keys() == ja.keys()
    for key in sorted(en.keys()):
        assert _placeholders(en.t(key)) == _placeholders(ja.t(key)), key


def test_every_enum_value_has_a_label_in_both_languages() -> None:
    for lang in ("en", "ja"):
        text = messages(lang)
        for cat in Category:
            assert text.t(f"category.{cat.value}")
        for level in RiskLevel:
            assert text.t(f"level.{level.label}")
        for sev in Severity:
            assert text.t(f"severity.{sev.label}")
        for cls in ContactClass:
            assert text.t(f"kind.{cls.value}")


def test_japanese_wording_is_japanese() -> None:
    """Every Japanese sentence holds kana or kanji (nothing left untranslated)."""
    ja = messages("ja")
    cjk = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
    for key in sorted(ja.keys()):
        assert cjk.search(ja.t(key)), key


@pytest.mark.parametrize("fmt", list(REPORTERS))
@pytest.mark.parametrize(
    ("field", "value"),
    [("audience", "boss"), ("lang", "fr"), ("csv_rows", "cells"), ("width", 5)],
)
def test_every_reporter_refuses_unknown_options(fmt: str, field: str, value: object) -> None:
    """An unknown audience must not fall back to listing every private contact."""
    options = ReportOptions(**{field: value})  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=field):
        get(fmt)(sample_case().result, io.StringIO(), options)


def test_one_takes_the_singular_where_the_language_has_one() -> None:
    en, ja = messages("en"), messages("ja")
    assert en.t("files.contacts", count=1) == "1 contact"
    assert en.t("files.contacts", count=2) == "2 contacts"
    assert en.t("files.contacts", count=0) == "0 contacts"
    assert ja.t("files.contacts", count=1) == ja.t("files.contacts", count=2).replace("2", "1")
    assert en.t("summary.hidden", count=1).endswith(": 1")  # no singular: the one sentence
