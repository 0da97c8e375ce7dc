"""The HTML report, checked without a browser: self-contained, escaped, locked down.

The browser test (tests/browser/) checks that the page works; these check what the
file holds.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from piiaudit.reporters.html import csp_hash
from piiaudit.reporters.i18n import messages
from reporters.factory import XSS_IMG, XSS_SCRIPT, empty_case, sample_case
from reporters.helpers import render


class Collector(HTMLParser):
    """Every tag with its attributes, and the text of <script> and <style> blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.blocks:
            self._open = tag
            self.blocks[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks[self._open][-1] += data


def parse(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    return collector


@pytest.mark.parametrize("show_pii", [False, True])
def test_no_external_reference_of_any_kind(show_pii: bool) -> None:
    """No URL anywhere in the markup. With ``show_pii``, a contact's note may hold a URL:
    it is shown as escaped text inside ``<code>``, never as a link or a resource."""
    page = render("html", sample_case().result, show_pii=show_pii)
    markup = re.sub(r"<code>[^<]*</code>", "", page)
    assert not re.search(r"(?i)https?:|//cdn|@import|url\(|<link|<a ", markup)
    for tag, attrs in parse(page).tags:
        assert not ({"src", "href", "action", "xlink:href"} & set(attrs)), tag
    if show_pii:
        assert "<code>=HYPERLINK(&#34;http://evil.example/&#34;,&#34;click&#34;)</code>" in page


def test_one_script_and_one_style_allowed_by_hash() -> None:
    page = render("html", sample_case().result, show_pii=True)
    collected = parse(page)
    assert len(collected.blocks["script"]) == 1
    assert len(collected.blocks["style"]) == 1
    csp = next(
        a["content"]
        for t, a in collected.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None
    assert "default-src 'none'" in csp
    assert f"script-src {csp_hash(collected.blocks['script'][0])};" in csp
    assert f"style-src {csp_hash(collected.blocks['style'][0])};" in csp
    assert "unsafe-inline" not in csp


def test_hostile_names_are_escaped() -> None:
    page = render("html", sample_case().result, show_pii=True)
    assert XSS_IMG not in page
    assert XSS_SCRIPT not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    tags = [t for t, _ in parse(page).tags]
    assert "img" not in tags
    assert tags.count("script") == 1


def test_rows_carry_filter_data_and_findings_carry_recommendations() -> None:
    page = render("html", sample_case().result)
    rows = [a for t, a in parse(page).tags if t == "tbody" and a.get("class") == "contact"]
    assert len(rows) == 8
    assert rows[0]["data-level"] == "critical"
    assert rows[0]["data-categories"] == "payment_card mobile_phone other_pii"
    assert "Delete the card number now." in page
    assert "of your own family or friends" in page  # the private friend's My Number


def test_japanese_page() -> None:
    page = render("html", sample_case().result, lang="ja")
    assert '<html lang="ja">' in page
    assert "次に行うこと" in page
    assert "リスクの高い順" in page


def test_settings_are_shown() -> None:
    page = render("html", sample_case().result)
    assert "exports/alice.vcf, exports/bob.csv, exports/photo.jpg" in page


def test_files_table_shows_each_file() -> None:
    page = render("html", sample_case().result, lang="ja")
    table = page[
        page.index('<table id="files">') : page.index("</table>", page.index('<table id="files">'))
    ]
    assert table.count("<tr>") == 4
    assert "google-csv" in table
    assert "読み取り不可: not a contact export (a JPEG image)" in table


def test_settings_read_in_the_report_language() -> None:
    """The settings table is for people: its names and piiaudit's own words (yes/no,
    the audience) are worded; paths and codes are shown as given."""
    case = sample_case()
    case.result.settings.update(show_pii=False, audience="compliance", region="JP")
    english = render("html", case.result)
    assert "<th>personal data shown</th><td>no</td>" in english
    assert "<th>reader of the report</th><td>compliance</td>" in english
    japanese = render("html", case.result, lang="ja")
    assert "<th>個人データの表示</th><td>いいえ</td>" in japanese
    assert "<th>レポートの読み手</th><td>コンプライアンス担当</td>" in japanese
    assert "<th>電話番号の地域</th><td>JP</td>" in japanese
    assert "show_pii" not in japanese


def test_fields_are_named_for_people_in_terminal_and_html() -> None:
    """``phones[1]`` is the engine's name, counted from 0; people read "phone 2"."""
    text = messages("ja")
    assert text.field("phones[1]") == "電話(2)"
    assert text.field("notes[0]") == "メモ(1)"
    assert text.field("other.X-SPOUSE[0]") == "その他 X-SPOUSE(1)"
    assert messages("en").field("addresses[2]") == "address 3"
    assert text.field("birthday") == "誕生日"
    assert text.field("novel[0]") == "novel[0]"  # unknown to the wording: as it is
    assert text.field("phones[x]") == "phones[x]"


def test_rules_table_lists_only_rules_that_found_something() -> None:
    page = render("html", sample_case().result, audience="compliance")
    table = page[page.rindex("<table>") :]
    assert "<code>PII210</code>" in table
    assert "<code>PII200</code>" not in table  # only a private contact's My Number
    assert "<code>PII160</code>" not in table  # only a private contact's address


def test_compliance_row_order_has_no_gaps_that_hint_at_hidden_contacts() -> None:
    page = render("html", sample_case().result, audience="compliance")
    rows = [a for t, a in parse(page).tags if t == "tbody" and a.get("class") == "contact"]
    assert sorted(int(str(a["data-order"])) for a in rows) == list(range(len(rows)))


def test_clean_export_page() -> None:
    page = render("html", empty_case().result)
    assert "No findings." in page
    assert (
        len([t for t, a in parse(page).tags if t == "tbody" and a.get("class") == "contact"]) == 1
    )
