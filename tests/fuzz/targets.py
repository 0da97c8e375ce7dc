"""What one fuzz input must satisfy, for each target.

``check_export`` runs a contact export through the reader (``open_input``) and
every contact through the rule engine, and checks what users rely on: no
exception escapes, an unreadable file has a reason and no contacts, every
contact's byte span lies inside the file and the spans of top-level contacts
do not overlap (the hand-over copies them byte for byte), the contact count is
exact, issue lines are real line numbers, and reading twice gives the same
result. ``check_rule`` loads a pack holding one mangled rule: the loader either
accepts it or lists problems with a file; it never raises.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from fuzz.seeds import PACK
from piiaudit.engine import Engine, load_profile
from piiaudit.engine.loader import load_packs
from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import open_input

_WORK = Path(tempfile.mkdtemp(prefix="piiaudit-fuzz-"))
atexit.register(shutil.rmtree, _WORK, ignore_errors=True)


@functools.cache
def engine() -> Engine:
    """The engine with the shipped packs and no company profile."""
    return Engine.from_profile(load_profile(None, _WORK))


def read(path: Path) -> tuple[FileInfo, list[Contact]]:
    with open_input(str(path)) as parsed:
        contacts = list(parsed.contacts)
        return parsed.info, contacts


def check_export(data: bytes, name: str = "input.vcf") -> int:
    """Check every invariant on ``data``; returns the number of contacts read."""
    path = _WORK / name
    path.write_bytes(data)
    info, contacts = read(path)
    if info.error is not None:
        assert contacts == [], info.error
        assert info.error.strip(), "an unreadable file needs a reason"
    assert info.contacts == len(contacts)
    lines = data.count(b"\n") + data.count(b"\r") + 1
    for issue in info.issues:
        assert 0 <= issue.line <= lines, issue
        assert issue.message.strip()
    previous_end = 0
    for index, contact in enumerate(contacts):
        source = contact.source
        assert source.index == index
        assert 0 <= source.start <= source.end <= len(data), source
        assert source.line >= 1
        if source.parent is None:
            assert source.start >= previous_end, (source, previous_end)
            previous_end = source.end
        result = engine().evaluate(contact)
        for finding in result.findings:
            assert finding.rule and finding.field
    again_info, again = read(path)
    assert again == contacts
    assert again_info.issues == info.issues
    return len(contacts)


_RULE_FILE = "FUZZ-001-secret-word.yaml"


def check_rule(text: str) -> int:
    """Load a pack whose rule file holds ``text``; returns the number of problems."""
    folder = _WORK / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / _RULE_FILE).write_text(text, encoding="utf-8", errors="surrogatepass")
    result = load_packs([folder])
    for problem in result.problems:
        assert problem.path, problem
        assert str(problem).strip()
    if not result.problems:
        assert [rule.id for rule in result.rules] != []
    return len(result.problems)
