"""Running a pack's own tests: rule examples, ``.cases.yaml`` files, fixture files.

The same code serves ``piiaudit rules test`` and the project's pytest suite
(``tests/rules/test_rule_cases.py``), so a rule author and CI see the same
verdicts. A case passes when its rule fires (``match``) or does not
(``no_match``) on the contact; "fires" means a finding, a suppressed finding
or a classification reason from that rule. Fixture folders hold small real
export files and a sidecar ``<file>.expect.yaml`` giving, per contact, the
expected class and the rules that must and must not fire; ``todo`` entries
name known gaps, reported but never failing the run. A failure points at the
example or case's own line and, when a rule did not fire, says why
(:func:`piiaudit.engine.whynot.why_not`: nothing matched, or which step dropped
what was found).

Reading fixture files needs the parsers, which the engine must not import
(a stage never imports another stage), so the caller passes a ``reader``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from piiaudit.engine.casecontact import build_contact, forced_class
from piiaudit.engine.evaluate import Engine, check_profile_rules
from piiaudit.engine.loader import load_or_raise, shipped_pack_dirs
from piiaudit.engine.packsearch import CASES_SUFFIX, profile_pack_dirs
from piiaudit.engine.profile import Profile
from piiaudit.engine.rule import Rule
from piiaudit.engine.schema import Problem
from piiaudit.engine.testdetail import class_detail, disabled_by, fired_where
from piiaudit.engine.validate import (
    EXPECT_SUFFIX,
    FIXTURES,
    cases_owner_problems,
    fixture_problems,
    read_side_file,
)
from piiaudit.engine.whynot import why_not
from piiaudit.engine.yamlsafe import LineList, line_at
from piiaudit.model import Contact, ContactResult
from piiaudit.safeio import write_private_text
from piiaudit.textnorm import readable

Reader = Callable[[Path], Iterable[Contact]]

# The fictional company every shipped case and fixture is written against.
TEST_PROFILE = Profile(
    company_names=("株式会社サンプル商事", "Sample Shoji Co., Ltd."),
    company_domains=("sample-shoji.example.co.jp",),
    customer_domains=("customer-a.example.co.jp",),
    # The employee running the fictional checks (--owner): CORE-OWNER-001's cases.
    owner=("見本 守", "みほん まもる", "090-5559-0147", "mamoru.mihon@example.net"),
)


@dataclass(frozen=True, slots=True)
class CaseResult:
    suite: str  # the rule id, or the fixture file
    name: str
    passed: bool
    message: str = ""
    path: str = ""
    line: int | None = None
    todo: bool = False


@dataclass(slots=True)
class PackReport:
    results: list[CaseResult] = field(default_factory=list)

    @property
    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed and not r.todo]

    @property
    def ok(self) -> bool:
        return not self.failures

    def by_suite(self) -> dict[str, list[CaseResult]]:
        out: dict[str, list[CaseResult]] = {}
        for result in self.results:
            out.setdefault(result.suite, []).append(result)
        return out


def fired_rules(result: ContactResult) -> set[str]:
    """Every rule that left a trace on a contact: findings, suppressed ones, reasons."""
    ids = {f.rule for f in result.findings} | {f.rule for f in result.suppressed}
    return ids | {r.rule for r in result.classification.reasons}


def build_engine(pack_dirs: Sequence[Path], profile: Profile = TEST_PROFILE) -> Engine:
    """An engine as ``scan`` builds it for ``profile``: the shipped packs, the profile's
    ``packs:``, then ``pack_dirs`` (each once, in that order). The profile's packs
    were left out, so ``rules test --config`` tested another set of rules than the
    scan it stands for, and accepted a ``packs:`` entry that is no pack (QA round 12)."""
    seen: list[Path] = []
    for directory in [*shipped_pack_dirs(), *profile_pack_dirs(profile), *pack_dirs]:
        if directory.resolve() not in [s.resolve() for s in seen]:
            seen.append(directory)
    loaded = load_or_raise(seen, profile.lists())
    check_profile_rules(profile, loaded.defined)
    return Engine(loaded, profile)


def shipped_test_profile(profile: Profile) -> Profile:
    """The profile the shipped packs' own checks run against with ``--with-shipped``:
    the fictional test company they are written for, with ``profile``'s packs and
    disables, so they check the shipped rules as your packs change them."""
    return replace(
        TEST_PROFILE,
        source=profile.source,
        packs=profile.packs,
        pack_entries=profile.pack_entries,
        disable=profile.disable,
        disable_lines=profile.disable_lines,
    )


def _check(engine: Engine, rule: Rule, spec: Mapping[str, Any], expect: bool, index: int) -> str:
    """Empty when the case behaves as expected, else what happened and why: for a rule
    that did not fire the step that stopped it, for one that fired where it fired."""
    contact = build_contact(spec, region=engine.profile.region, index=index)
    result = engine.evaluate(contact, force_class=forced_class(spec))
    fired = rule.id in fired_rules(result)
    if fired == expect:
        return ""
    others = ", ".join(sorted(fired_rules(result))) or "none"
    verb = "did not fire" if expect else "fired"
    reason = why_not(engine, rule, contact, result) if expect else fired_where(result, rule.id)
    because = (": " if expect else " ") + reason if reason else ""
    label = result.classification.label
    return f"{rule.id} {verb}{because} (class {label}; rules that fired: {others})"


def _did_not_fire(engine: Engine, rule_id: str, contact: Contact, result: ContactResult) -> str:
    """``RULE did not fire``, with the reason when one step explains it."""
    rule = next((r for r in engine.rules if r.id == rule_id), None)
    off = disabled_by(engine).get(rule_id)
    if rule is not None:
        reason = why_not(engine, rule, contact, result)
    else:
        reason = f"it is disabled by {off}" if off else "no such rule is loaded"
    return f"{rule_id} did not fire" + (f" ({reason})" if reason else "")


def _item_line(items: Any, index: int, default: int) -> int:
    """The line of item ``index`` of a list read from YAML (``default`` otherwise)."""
    return items.line_of(index) if isinstance(items, LineList) else default


def run_examples(engine: Engine, rule: Rule) -> list[CaseResult]:
    """The ``examples`` written in the rule file itself."""
    out = []
    for expect, key in ((True, "match"), (False, "no_match")):
        examples = rule.examples.get(key, ())
        for i, spec in enumerate(examples):
            message = _check(engine, rule, spec, expect, i)
            line = _item_line(examples, i, rule.line)
            out.append(
                CaseResult(
                    rule.id, f"example {key}[{i}]", not message, message, str(rule.path), line
                )
            )
    return out


def run_cases_file(engine: Engine, path: Path, *, skip_disabled: bool = False) -> list[CaseResult]:
    """One ``.cases.yaml`` file: each case's contact against its rule. The cases of a
    disabled rule fail, naming who disabled it; with ``skip_disabled`` (the shipped
    packs' cases under ``--with-shipped``: switching a shipped rule off is a choice)
    they are reported as not run, and do not fail."""
    document, problems, step = read_side_file(path, "cases")
    if document is None:
        return _problem_results(path.name, step, problems)
    # Cases copied from another rule ran against that rule and passed, and this rule's
    # missing cases went unsaid, while rules validate refused them (QA round 19).
    owner = cases_owner_problems(path, document)
    if owner:
        return _problem_results(path.name, "rule", owner)
    rule_id = str(document["rule"])
    rule = next((r for r in engine.rules if r.id == rule_id), None)
    if rule is None:
        line = document.line_of("rule")
        off = disabled_by(engine).get(rule_id)
        if off is None:
            message = f"no rule {rule_id} is loaded"
        else:
            message = f"{rule_id} is disabled by {off}, so its cases cannot run"
        skip = off is not None and skip_disabled
        return [CaseResult(rule_id, "rule", skip, message, str(path), line, todo=skip)]
    out = []
    for expect, key in ((True, "match"), (False, "no_match")):
        for i, case in enumerate(document[key]):
            message = _check(engine, rule, case["contact"], expect, i)
            line = document[key].line_of(i)
            out.append(
                CaseResult(rule_id, f"{key}: {case['name']}", not message, message, str(path), line)
            )
    return out


def _problem_results(suite: str, step: str, problems: Sequence[Problem]) -> list[CaseResult]:
    """A case file's or expectation's problems as failed checks named by the ``step``
    that found them, in the words of ``rules validate``."""
    return [CaseResult(suite, step, False, p.message, p.path, p.line) for p in problems]


def run_fixture(
    engine: Engine, expect_path: Path, reader: Reader, *, skip_disabled: bool = False
) -> list[CaseResult]:
    """A fixture file read with the real parsers, checked against its sidecar;
    ``skip_disabled`` as in :func:`run_cases_file`, for the rules in ``fire``."""
    suite = expect_path.name.removesuffix(EXPECT_SUFFIX)
    document, problems, step = read_side_file(expect_path, "expect")
    if document is None:
        return _problem_results(suite, step, problems)
    export = expect_path.parent / str(document["file"])
    if not export.is_file():
        message = f"{str(document['file'])!r} does not exist in {expect_path.parent}"
        line = line_at(document, ("file",))
        return [CaseResult(suite, "file", False, message, str(expect_path), line)]
    contacts = list(reader(export))
    out: list[CaseResult] = []
    off = disabled_by(engine) if skip_disabled else {}
    for i, entry in enumerate(document["contacts"]):
        line = document["contacts"].line_of(i)
        index = int(entry["index"])
        name = f"contact {index}" + (f" ({entry['name']})" if "name" in entry else "")
        if index >= len(contacts):
            out.append(
                CaseResult(
                    suite,
                    name,
                    False,
                    f"the file has only {len(contacts)} contact"
                    + ("" if len(contacts) == 1 else "s"),
                    str(expect_path),
                    line,
                )
            )
            continue
        contact = contacts[index]
        result = engine.evaluate(contact)
        fired = fired_rules(result)
        problems_here = []
        if "class" in entry and result.classification.label != entry["class"]:
            found = result.classification.label
            detail = class_detail(result)
            problems_here.append(f"class {found}, expected {entry['class']} ({detail})")
        problems_here += [
            _did_not_fire(engine, r, contact, result)
            for r in entry.get("fire", ())
            if r not in fired and r not in off
        ]
        out += [
            CaseResult(
                suite,
                f"{name} fire {r}",
                True,
                f"disabled by {off[r]}: not checked",
                str(expect_path),
                line,
                todo=True,
            )
            for r in entry.get("fire", ())
            if r in off
        ]
        problems_here += [f"{r} fired" for r in entry.get("not_fire", ()) if r in fired]
        out.append(
            CaseResult(
                suite, name, not problems_here, "; ".join(problems_here), str(expect_path), line
            )
        )
        for todo in entry.get("todo", ()):
            done = todo in fired
            note = "now fires: move it to fire" if done else "known gap"
            out.append(
                CaseResult(
                    suite, f"{name} todo {todo}", done, note, str(expect_path), line, todo=True
                )
            )
    return out


def run_pack_tests(
    pack_dirs: Sequence[Path],
    reader: Reader | None = None,
    engine: Engine | None = None,
    *,
    skip_disabled: bool = False,
) -> PackReport:
    """Every example, case file and fixture of the packs in ``pack_dirs``;
    ``skip_disabled`` as in :func:`run_cases_file`."""
    engine = engine or build_engine(pack_dirs)
    report = PackReport()
    wanted = {d.resolve() for d in pack_dirs}
    for rule in engine.rules:
        if rule.path.parent.resolve() not in wanted:
            continue
        report.results.extend(run_examples(engine, rule))
        cases = rule.path.with_name(rule.path.stem + CASES_SUFFIX)
        if not cases.is_file():
            report.results.append(
                CaseResult(rule.id, "cases file", False, f"missing {cases.name}", str(rule.path), 1)
            )
    for directory in pack_dirs:
        for cases in sorted(directory.glob(f"*{CASES_SUFFIX}")):
            report.results.extend(run_cases_file(engine, cases, skip_disabled=skip_disabled))
        if reader is not None:
            for expect in sorted((directory / FIXTURES).glob(f"*{EXPECT_SUFFIX}")):
                found = run_fixture(engine, expect, reader, skip_disabled=skip_disabled)
                report.results.extend(found)
            # Fixture files nothing reads fail here as in rules validate (QA round 19).
            for problem in fixture_problems(directory):
                name = Path(problem.path).name
                report.results.append(
                    CaseResult(name, "fixture file", False, problem.message, problem.path)
                )
    return report


def write_junit(report: PackReport, path: Path) -> None:
    """JUnit XML for CI: one testsuite per rule or fixture; todos are skipped tests.
    Every name and message is :func:`xml_text`: a pack folder's name that is not UTF-8
    stopped the run with an internal error after every test had run (QA round 19)."""
    root = ET.Element("testsuites", name="piiaudit rules test")
    for suite_name, results in report.by_suite().items():
        failures = sum(not r.passed and not r.todo for r in results)
        shown = xml_text(suite_name)
        suite = ET.SubElement(
            root, "testsuite", name=shown, tests=str(len(results)), failures=str(failures)
        )
        for result in results:
            case = ET.SubElement(suite, "testcase", classname=shown, name=xml_text(result.name))
            case.set("file", xml_text(result.path))
            if result.line:
                case.set("line", str(result.line))
            message = xml_text(result.message)
            if result.todo:
                ET.SubElement(case, "skipped", message=message)
            elif not result.passed:
                where = f"{result.path}:{result.line}" if result.line else result.path
                ET.SubElement(
                    case, "failure", message=message
                ).text = f"{xml_text(where)}: {message}"
    ET.indent(root)
    write_private_text(path, ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n")


# Characters XML 1.0 cannot hold, even escaped (C0 controls but tab, LF and CR).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` as JUnit XML can hold it: an undecodable byte of a file name as ``\\xNN``
    (as the CLI shows it on stderr, :func:`piiaudit.textnorm.readable`), a control
    character XML does not allow as ``\\xNN`` too."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", readable(text))
