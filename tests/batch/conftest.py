"""Batch tests: a tiny stand-in reader and engine, to test orchestration alone.

The fake export format is one fictional contact name per line. Special lines let a
test make the reader misbehave on purpose: ``CRASH`` raises inside the reader,
``DIE`` kills the process reading it (as an out-of-memory kill would), and a file
starting with ``BINARY`` is unreadable the way the real reader reports it.
Worker processes are forked, so patches made in the test process apply in them too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from piiaudit.audit import one_file, pool
from piiaudit.model import (
    Category,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    FileInfo,
    Finding,
    Names,
    RiskLevel,
    RuleInfo,
    Severity,
    SourceRef,
    Text,
    ValueKind,
)


@dataclass
class FakeParsed:
    info: FileInfo
    contacts: Iterator[Contact]
    piece_end: None = None  # the fake format is never cut into pieces


def _contacts(path: str, lines: Sequence[str], info: FileInfo) -> Iterator[Contact]:
    for index, line in enumerate(lines):
        if line == "CRASH":
            raise RuntimeError(f"reader bug near {line}")
        if line == "DIE":
            os._exit(9)
        info.contacts += 1
        yield Contact(source=SourceRef(path, index, index + 1), names=Names(formatted=line))


@contextlib.contextmanager
def fake_open_input(path: str, options: object, piece: object = None) -> Iterator[FakeParsed]:
    info = FileInfo(path=path, format="fake")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        info.error = "no such file"
        yield FakeParsed(info, iter(()))
        return
    if text.startswith("BINARY"):
        info.error = "not a contact export (binary data)"
        yield FakeParsed(info, iter(()))
        return
    yield FakeParsed(info, _contacts(path, text.splitlines(), info))


class FakeEngine:
    """One HIGH finding per contact whose name has a digit; the score is the digit count."""

    @classmethod
    def from_profile(cls, profile: object, extra_packs: tuple[Path, ...] = ()) -> FakeEngine:
        return cls()

    def evaluate(self, contact: Contact) -> ContactResult:
        name = contact.names.formatted
        digits = sum(ch.isdigit() for ch in name)
        findings = tuple(
            Finding(
                rule="FAKE1",
                category=Category.OTHER_PII,
                severity=Severity.HIGH,
                field="names.formatted",
                value=name,
                kind=ValueKind.NAME,
                message=Text("fake", "fake"),
                recommendation=Text("none", "none"),
            )
            for _ in range(1 if digits else 0)
        )
        label = ContactClass.PRIVATE if digits else ContactClass.BUSINESS
        return ContactResult(
            contact=contact,
            classification=Classification(label, 0.9),
            findings=findings,
            risk_score=digits,
            risk_level=RiskLevel.HIGH if digits else RiskLevel.NONE,
        )

    def aggregate(self, results: Sequence[ContactResult]) -> tuple[int, RiskLevel]:
        score = sum(r.risk_score for r in results)
        return score, RiskLevel.HIGH if score else RiskLevel.NONE

    def rule_infos(self) -> list[RuleInfo]:
        return []


@pytest.fixture
def lock(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """``lock(folder)``: listing ``folder`` fails as a folder without permission would
    (permissions do not stop root, who runs these tests here, so it is simulated)."""

    def apply(folder: Path) -> None:
        real_scandir = os.scandir

        def scandir(path: str) -> object:
            if os.path.samefile(path, folder):
                raise PermissionError(13, "Permission denied", path)
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)

    return apply


@pytest.fixture
def fake_stages(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    """Patch the reader and the engine class the audit uses; return an engine."""
    monkeypatch.setattr(one_file, "open_input", fake_open_input)
    monkeypatch.setattr(pool, "Engine", FakeEngine)
    return FakeEngine()


# --------------------------------------------------------------------------- real exports
#
# A folder of fictional employee exports for end-to-end runs: per employee folder, a
# vCard and/or a Google CSV, each with business contacts and one private and one
# unknown contact whose every detail is distinctive, so a leak search can find any
# trace of them. Plus one corrupt file. Every name, number and address is invented.


@dataclass(frozen=True)
class Hidden:
    """A contact compliance must never see: its values, as a leak search needs them."""

    family: str
    given: str
    phone: str
    email: str
    note: str
    street: str
    birthday: str = ""

    @property
    def name(self) -> str:
        return f"{self.family} {self.given}"


@dataclass(frozen=True)
class Batch:
    root: Path
    files: list[str]  # relative paths, sorted as the walk lists them
    corrupt: str
    hidden: list[Hidden]
    business_names: list[str]


FAMILIES = ["Zorblat", "Xquenda", "Vyrmont", "Wubrick", "Yssolde", "Qarnath", "Jexwold"]
GIVENS = ["Quenby", "Ptolmy", "Ouzelle", "Nimrah", "Marwick", "Lystra", "Keffin"]


def _hidden(n: int) -> tuple[Hidden, Hidden]:
    private = Hidden(
        family=FAMILIES[n % 7],
        given=f"{GIVENS[n % 7]}{n:02d}",
        phone=f"090-8{n:03d}-6{n:03d}",
        email=f"{FAMILIES[n % 7].lower()}.home{n:02d}@gmail.com",
        note=f"母の通院先メモ{n:02d} 心療内科",
        street=f"緑町{n}-{n + 3}-{n + 7} 架空ハイツ{n:02d}号",
        birthday=f"1981-0{1 + n % 9}-1{n % 10}",
    )
    unknown = Hidden(
        family=f"Unk{FAMILIES[(n + 3) % 7]}",
        given=f"Ukn{GIVENS[(n + 3) % 7]}{n:02d}",
        phone=f"080-7{n:03d}-5{n:03d}",
        email=f"ukn{n:02d}.friend@yahoo.co.jp",
        note=f"Ukn note {n:02d}: kid's party",
        street="",
    )
    return private, unknown


def _vcard(n: int, business: list[str], private: Hidden, unknown: Hidden) -> str:
    cards = []
    for i, name in enumerate(business):
        family, given = name.split(" ")
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:{family};{given};;;\r\nFN:{name}\r\n"
            f"ORG:見本商事株式会社;営業{n}課\r\nTITLE:営業部長\r\n"
            f"TEL;TYPE=WORK:03-5{n:03d}-1{i:03d}\r\n"
            f"EMAIL;TYPE=WORK:sales{n}-{i}@mihon-shoji.example.co.jp\r\n"
            + (
                f"TEL;TYPE=CELL:090-1{n:03d}-2{n:03d}\r\nBDAY:1970-02-0{1 + n % 9}\r\n"
                if i == 0
                else ""
            )
            + "END:VCARD\r\n"
        )
    cards.append(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"N:{private.family};{private.given};;;\r\nFN:{private.name}\r\n"
        f"TEL;TYPE=CELL:{private.phone}\r\n"
        f"EMAIL;TYPE=HOME:{private.email}\r\n"
        f"ADR;TYPE=HOME:;;{private.street};横浜市;神奈川県;230-0001;日本\r\n"
        f"BDAY:{private.birthday}\r\nNOTE:{private.note}\r\nCATEGORIES:家族\r\nEND:VCARD\r\n"
    )
    cards.append(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"FN:{unknown.name}\r\nTEL;TYPE=CELL:{unknown.phone}\r\n"
        f"EMAIL:{unknown.email}\r\nNOTE:{unknown.note}\r\nEND:VCARD\r\n"
    )
    return "".join(cards)


GOOGLE_HEADER = (
    "First Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Address 1 - Label,Address 1 - Street,Address 1 - City,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country"
)


def _google_csv(n: int, business: list[str], private: Hidden, unknown: Hidden) -> str:
    rows = [GOOGLE_HEADER]
    for i, name in enumerate(business):
        family, given = name.split(" ")
        birthday = f"1970-02-0{1 + n % 9}" if i == 0 else ""
        rows.append(
            f"{given},{family},見本商事株式会社,営業部長,{birthday},,* myContacts,* Work,"
            f"sales{n}-{i}@mihon-shoji.example.co.jp,Work,03-5{n:03d}-1{i:03d},,,,,,"
        )
    rows.append(
        f"{private.given},{private.family},,,{private.birthday},{private.note},"
        f"* myContacts ::: 家族,* Home,{private.email},Mobile,{private.phone},"
        f"Home,{private.street},横浜市,神奈川県,230-0001,日本"
    )
    rows.append(
        f"{unknown.given},{unknown.family},,,,{unknown.note},* myContacts,* Other,"
        f"{unknown.email},Mobile,{unknown.phone},,,,,,"
    )
    return "\r\n".join(rows) + "\r\n"


def build_batch(root: Path, count: int = 20) -> Batch:
    """``count`` files in employee folders (every third one a CSV), one of them corrupt."""
    files: list[str] = []
    hidden: list[Hidden] = []
    business_names: list[str] = []
    corrupt = ""
    for n in range(count):
        employee = f"emp{n // 3:02d}"
        if n == 7:
            corrupt = f"{employee}/phone-{n:02d}.vcf"
            path = root / corrupt
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00not a contact export\x00\xff")
            files.append(corrupt)
            continue
        business = [f"見本{n:02d} 一郎", f"試験{n:02d} 花代"]
        private, unknown = _hidden(n)
        hidden += [private, unknown]
        business_names += business
        as_csv = n % 3 == 2
        name = f"{employee}/google-{n:02d}.csv" if as_csv else f"{employee}/phone-{n:02d}.vcf"
        text = (_google_csv if as_csv else _vcard)(n, business, private, unknown)
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(name)
    return Batch(root, sorted(files), corrupt, hidden, business_names)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    return build_batch(tmp_path_factory.mktemp("exports"))
