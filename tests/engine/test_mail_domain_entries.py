"""Mail-domain entries that can never match are errors in a pack, as in the profile
(QA round 12, F4). A customer list pasted as ``@kawasemi.example.co.jp`` validated and
silently took the business signal from every contact there. Domains are fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.packs import make_pack, rule
from piiaudit.engine.domains import DOMAIN_PATTERN, domain_problem
from piiaudit.engine.validate import validate_packs
from piiaudit.resources import schemas_dir

DETECT = "  - regex: {pattern: 'ACME-SECRET [0-9]+', fields: [notes]}"


def _domain_pack(root: Path, detect: str, items: list[str]) -> Path:
    name, text = rule()
    pack = make_pack(root, {name: text.replace(DETECT, detect)})
    (pack / "data").mkdir()
    lines = "".join(f"  - {json.dumps(item)}\n" for item in items)
    (pack / "data" / "domains.yaml").write_text(
        f"list: acme-domains\ndescription: customers\nitems:\n{lines}", encoding="utf-8"
    )
    return pack


@pytest.mark.parametrize(
    ("entry", "fix"),
    [
        ("@kawasemi.example.co.jp", "drop the '@'"),
        ("kawasemi.example.co.jp.", "drop the trailing dot"),
        ("https://kawasemi.example.co.jp/", "a URL: keep only the host name"),
        ("info@kawasemi.example.co.jp", "a full address: keep only the part after '@'"),
    ],
)
def test_a_list_entry_that_never_matches_is_named_at_its_line(
    tmp_path: Path, entry: str, fix: str
) -> None:
    detect = "  - email_domain: {lists: [acme-domains]}"
    items = ["good.example.co.jp", " Upper.Example.DE ", "*.sub.example.jp", entry]
    pack = _domain_pack(tmp_path / "acme", detect, items)
    (problem,) = [str(p) for p in validate_packs([pack])]
    assert problem.startswith(
        f"{pack / 'data' / 'domains.yaml'}:7: {entry!r} is not a mail domain ({fix}"
    )


def test_inline_domains_and_except_lists_are_checked_too(tmp_path: Path) -> None:
    detect = (
        "  - email_domain:\n"
        "      domains: ['@inline.example.jp']\n"
        "      except_lists: [acme-domains]"
    )
    pack = _domain_pack(tmp_path / "acme", detect, ["bad.example.jp."])
    problems = sorted(str(p) for p in validate_packs([pack]))
    assert [p.split(": ")[0] for p in problems] == [
        f"{pack / 'ACME-SECRET-001-acme-secret.yaml'}:9",
        f"{pack / 'data' / 'domains.yaml'}:4",
    ]


def test_a_list_that_fails_the_schema_has_its_domains_checked_in_the_same_run(
    tmp_path: Path,
) -> None:
    # Rule-pack author's round: an unquoted yes (a YAML boolean) hid the '@' entry
    # above it until the next run. Both are named at once; the boolean only once.
    detect = "  - email_domain: {lists: [acme-domains]}"
    pack = _domain_pack(tmp_path / "acme", detect, ["good.example.jp", "@bad.example.jp"])
    domains = pack / "data" / "domains.yaml"
    domains.write_text(domains.read_text(encoding="utf-8") + "  - yes\n", encoding="utf-8")
    problems = [str(p) for p in validate_packs([pack])]
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"{domains}:5: '@bad.example.jp' is not a mail domain")
    assert problems[1].startswith(f"{domains}:6: items.2: True is not of type 'string'")


def test_a_list_other_detectors_read_is_not_a_domain_list(tmp_path: Path) -> None:
    detect = "  - keywords: {lists: [acme-domains]}"
    pack = _domain_pack(tmp_path / "acme", detect, ["@not-a-domain-but-a-word"])
    assert validate_packs([pack]) == []


def test_the_profile_uses_the_same_domain_pattern() -> None:
    schema = json.loads((schemas_dir() / "profile.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["domain"]["pattern"] == DOMAIN_PATTERN
    assert domain_problem("*.example.co.jp") is None
    assert domain_problem("example..jp") is not None
    # internationalised domains are matched as written (review 13: refused, no form left)
    assert domain_problem("müller-bau.example") is None
    assert domain_problem("例え.example.jp") is None
