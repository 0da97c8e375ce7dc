"""The HTML report is self-contained: nothing in it reaches outside the file.

A compliance officer opens the report on a laptop; if it loaded a stylesheet,
font, image or script from a server, opening it would tell that server who
looked at whose data, and when. The report is parsed (``html.parser``) and
every attribute that can fetch or navigate, every inline style and style
sheet (``url()``, ``@import``) and every ``<meta http-equiv="refresh">`` is
checked. A contact whose fields hold URLs and markup must not add any either:
its values are escaped text, never markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hostile.cases import card
from hostile.run import invoke

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

FETCHING = {
    "src", "href", "action", "formaction", "poster", "data", "srcset", "background",
    "cite", "longdesc", "manifest", "ping", "xlink:href", "codebase", "archive",
}  # fmt: skip
# Anything with a scheme other than data:, or a network-path reference (//host).
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:(?<!data:)|//|\\\\)", re.I)
CSS_REF = re.compile(r"url\(\s*['\"]?([^'\")]*)|@import\s+['\"]?([^'\";\s]+)", re.I)


class ReferenceFinder(HTMLParser):
    """Collects every reference the page would follow when opened."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[str] = []
        self.tags: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name in FETCHING:
                self.references += [part.split()[0] for part in value.split(",") if part.strip()]
            if name == "style":
                self._css(value)
            if name.startswith("on"):
                self.references.append(f"event handler {name}")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.references.append(values.get("content", ""))
        if tag == "base":
            self.references.append("base element")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, text: str) -> None:
        for match in CSS_REF.finditer(text):
            self.references.append(match.group(1) or match.group(2))


def external(html: str) -> tuple[list[str], list[str]]:
    finder = ReferenceFinder()
    finder.feed(html)
    finder.close()
    bad = [r for r in finder.references if r.startswith("event handler") or EXTERNAL.match(r)]
    bad += [r for r in finder.references if r in ("base element",) or "url=" in r.lower()]
    return bad, finder.tags


def test_finder_catches_what_it_looks_for() -> None:
    """The checker itself: each kind of external reference is caught."""
    page = (
        '<link rel="stylesheet" href="https://cdn.example.com/a.css">'
        '<img src="//tracker.example.com/p.gif"><form action="ftp://example.com/">'
        '<div style="background: url(http://example.com/x.png)"></div>'
        '<style>@import "https://example.com/f.css";</style>'
        '<meta http-equiv="refresh" content="0; url=https://example.com/">'
        '<img srcset="a.png 1x, https://example.com/b.png 2x"><a onclick="x()">'
        '<img src="data:image/png;base64,AAAA"><a href="#top">'
    )
    bad, _tags = external(page)
    assert len(bad) == 8, bad


@pytest.mark.parametrize("explain", [False, True])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_html_report_of_the_examples_has_no_external_reference(explain: bool, lang: str) -> None:
    args = ["scan", str(EXAMPLES), "--include", "*.vcf", "--include", "*.csv", "-f", "html"]
    run = invoke(*args, "--lang", lang, *(["--explain"] if explain else []), "--jobs", "1")
    assert run.exit_code == 0
    bad, tags = external(run.stdout)
    assert bad == []
    assert "html" in tags


def test_contact_data_cannot_add_references_or_markup(tmp_path: Path) -> None:
    """Markup in every field stays text: the page has the same elements as a harmless card's."""
    fields = (
        "URL:{url}",
        "NOTE:{note}",
        "ORG:{org}",
        "EMAIL;TYPE=HOME:{email}",
    )
    hostile = {
        "name": '<img src="https://evil.example/x.png">',
        "url": "javascript:alert(1)",
        "note": '<script src="//evil.example/x.js"></script><a href="https://evil.example">x</a>',
        "org": '<style>@import "https://evil.example/s.css";</style>',
        "email": '"><svg onload=alert(1)>@example.com',
    }
    harmless = {key: f"plain {key}" for key in hostile} | {
        "url": "https://www.example.com/",
        "email": "person@example.com",
    }
    reports = {}
    for label, values in (("hostile", hostile), ("harmless", harmless)):
        source = tmp_path / f"{label}.vcf"
        props = [f.format(**values) for f in fields]
        source.write_text(card(values["name"], *props), newline="")
        for extra in ([], ["--show-pii"], ["--explain", "--show-pii"]):
            run = invoke("scan", str(source), "-f", "html", *extra)
            assert run.exit_code == 0
            reports[label, tuple(extra)] = external(run.stdout)
    for extra in ([], ["--show-pii"], ["--explain", "--show-pii"]):
        bad, tags = reports["hostile", tuple(extra)]
        assert bad == []
        assert tags == reports["harmless", tuple(extra)][1]
