"""Reporters on real audits: the shipped rule packs over the examples and the corpus.

The hand-built sample pins exact output; this checks the reporters against what the
parsers and the engine really produce, whatever the rules find today: every report
renders, JSON and SARIF validate against their schemas, and a masked report holds
none of the phone numbers, email addresses, names or notes that were read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from piiaudit.audit import AuditOptions, audit_paths
from piiaudit.engine import Engine, load_profile
from piiaudit.model import AuditResult, ContactResult
from piiaudit.resources import schemas_dir
from reporters.helpers import FORMATS, readable, render


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    empty = tmp_path_factory.mktemp("no-profile")
    return Engine.from_profile(load_profile(None, empty))


def _exports(directory: Path) -> list[str]:
    return sorted(
        str(p)
        for p in directory.rglob("*")
        if p.is_file() and p.suffix.lower() in {".vcf", ".csv", ".vcard"}
    )


@pytest.fixture(scope="module")
def examples_audit(engine: Engine, examples_dir: Path) -> AuditResult:
    paths = [p for p in _exports(examples_dir) if "/data/" not in p]
    assert paths, "no example exports found"
    return audit_paths(paths, engine, AuditOptions())


@pytest.fixture(scope="module")
def corpus_audit(engine: Engine, corpus_dir: Path) -> AuditResult:
    paths = sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    return audit_paths(paths, engine, AuditOptions())


def _validator(name: str) -> Any:
    schema = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _secrets(result: ContactResult) -> list[str]:
    """Values specific enough that finding one in a report can only mean a leak."""
    contact = result.contact
    values = [p.value for p in contact.phones if sum(ch.isdigit() for ch in p.value) >= 8]
    values += [e.value for e in contact.emails if "@" in e.value]
    values += [n for n in contact.notes if len(n.strip()) >= 12]
    name = contact.names.display()
    if len(name) >= 6 and " " in name:
        values.append(name)
    return values


@pytest.mark.parametrize("audience", ["self", "compliance"])
@pytest.mark.parametrize("which", ["examples", "corpus"])
def test_json_and_sarif_validate(request: pytest.FixtureRequest, which: str, audience: str) -> None:
    audit = request.getfixturevalue(f"{which}_audit")
    report = json.loads(render("json", audit, audience=audience, explain=True))
    assert [e.message for e in _validator("report.schema.json").iter_errors(report)][:5] == []
    log = json.loads(render("sarif", audit, audience=audience))
    assert [e.message for e in _validator("sarif-2.1.0.schema.json").iter_errors(log)][:5] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_masked_reports_of_the_examples_leak_nothing(fmt: str, examples_audit: AuditResult) -> None:
    secrets = [s for c in examples_audit.contact_results() for s in _secrets(c)]
    assert len(secrets) > 50, "the examples should hold plenty of personal values"
    text = readable(fmt, render(fmt, examples_audit, explain=True))
    assert [s for s in secrets if s in text] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_the_corpus(fmt: str, corpus_audit: AuditResult) -> None:
    for lang in ("en", "ja"):
        assert render(fmt, corpus_audit, lang=lang, width=80)


@pytest.mark.parametrize("fmt", FORMATS)
def test_compliance_reports_of_the_examples_hide_private_contacts(
    fmt: str, examples_audit: AuditResult
) -> None:
    everyone = examples_audit.contact_results()
    listed = {s for c in everyone if c.classification.label == "business" for s in _secrets(c)}
    hidden = [c for c in everyone if c.classification.label != "business"]
    # A value a business contact shares (a company switchboard) may rightly be shown.
    secrets = [s for c in hidden for s in _secrets(c) if s not in listed]
    assert secrets, "the examples should hold private or unclassified contacts"
    text = readable(fmt, render(fmt, examples_audit, audience="compliance", show_pii=True))
    assert [s for s in secrets if s in text] == []
