"""Baseline fingerprints and suppression, on hand-built results (no parser, no engine).

All names and numbers are fictional (555 numbers, example.com/.invalid domains).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from pathlib import Path

import pytest

from piiaudit import baseline
from piiaudit.errors import ConfigError
from piiaudit.model import (
    AuditResult,
    Category,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    FileInfo,
    FileResult,
    Finding,
    Names,
    RiskLevel,
    Severity,
    SourceRef,
    Text,
    ValueKind,
)

KEY = b"test-key-0123456789abcdef"
OTHER_KEY = b"another-key-0123456789abcdef"


def _finding(rule: str, value: str, kind: ValueKind, field: str = "phones[0]") -> Finding:
    return Finding(
        rule=rule,
        category=Category.MOBILE_PHONE,
        severity=Severity.HIGH,
        field=field,
        value=value,
        kind=kind,
        message=Text("m", "m"),
        recommendation=Text("r", "r"),
    )


def _contact(
    name: str, index: int, *, uid: str | None = None, org: str = "", line: int = 1
) -> Contact:
    return Contact(
        source=SourceRef(path="x.vcf", index=index, line=line),
        names=Names(formatted=name),
        organizations=(org,) if org else (),
        uid=uid,
    )


def _result(
    *contacts: tuple[Contact, tuple[Finding, ...]], label: ContactClass = ContactClass.BUSINESS
) -> AuditResult:
    results = [
        ContactResult(
            contact=c,
            classification=Classification(label, 0.9),
            findings=f,
            risk_score=10,
            risk_level=RiskLevel.HIGH,
        )
        for c, f in contacts
    ]
    return AuditResult(files=[FileResult(info=FileInfo(path="x.vcf"), contacts=results)])


MOBILE = _finding("PII210", "090-5555-0101", ValueKind.PHONE)
EMAIL = _finding("PII101", "Hanako.Example@Mail.Example", ValueKind.EMAIL, "emails[0]")
NOTE = _finding("PII500", "長男の誕生日 4月", ValueKind.TEXT, "notes[0]")


def _fp(contact: Contact, finding: Finding, key: bytes = KEY) -> str:
    return baseline.fingerprint(key, contact, finding)


def test_fingerprint_ignores_position_and_line() -> None:
    first = _contact("架空 花子", 0, line=1)
    moved = _contact("架空 花子", 41, line=977)
    assert _fp(first, MOBILE) == _fp(moved, MOBILE)


def test_fingerprint_uses_uid_when_present() -> None:
    renamed_a = _contact("Old Name", 0, uid="urn:uuid:0000-fict")
    renamed_b = _contact("New Name", 3, uid="urn:uuid:0000-fict")
    assert _fp(renamed_a, MOBILE) == _fp(renamed_b, MOBILE)
    assert _fp(renamed_a, MOBILE) != _fp(_contact("Old Name", 0, uid="urn:uuid:1111"), MOBILE)


def test_fingerprint_changes_when_the_value_changes() -> None:
    contact = _contact("架空 花子", 0)
    changed = _finding("PII210", "090-5555-0102", ValueKind.PHONE)
    assert _fp(contact, MOBILE) != _fp(contact, changed)


def test_fingerprint_changes_with_rule_and_contact() -> None:
    contact = _contact("架空 花子", 0)
    other_rule = _finding("PII211", MOBILE.value, ValueKind.PHONE)
    assert _fp(contact, MOBILE) != _fp(contact, other_rule)
    assert _fp(contact, MOBILE) != _fp(_contact("架空 次郎", 0), MOBILE)
    assert _fp(contact, MOBILE) != _fp(_contact("架空 花子", 0, org="Example KK"), MOBILE)


def test_fingerprint_is_stable_under_reformatting_of_the_same_value() -> None:
    contact = _contact("架空 花子", 0)
    for same in ("09055550101", "+81 90-5555-0101", "０９０ー５５５５ー０１０１"):
        assert _fp(contact, _finding("PII210", same, ValueKind.PHONE)) == _fp(contact, MOBILE)
    upper = _finding("PII101", "HANAKO.EXAMPLE@MAIL.EXAMPLE", ValueKind.EMAIL)
    assert _fp(contact, upper) == _fp(contact, EMAIL)
    assert _fp(_contact("架空　花子", 0), MOBILE) == _fp(contact, MOBILE)  # full-width space


def test_fingerprints_differ_with_a_different_key() -> None:
    contact = _contact("架空 花子", 0)
    assert _fp(contact, MOBILE) != _fp(contact, MOBILE, OTHER_KEY)


def test_fingerprint_is_not_a_plain_hash_of_the_value() -> None:
    import hashlib

    contact = _contact("架空 花子", 0)
    plain = {hashlib.sha256(v.encode()).hexdigest() for v in ("+819055550101", "09055550101")}
    assert _fp(contact, MOBILE) not in plain


def test_create_then_apply_suppresses_everything_already_known() -> None:
    hanako = _contact("架空 花子", 0)
    result = _result((hanako, (MOBILE, EMAIL, NOTE)))
    accepted = baseline.create(result, KEY)
    again = _result((hanako, (MOBILE, EMAIL, NOTE)))
    assert baseline.apply(again, accepted, KEY) == 3
    only = again.files[0].contacts[0]
    assert only.findings == ()
    assert only.suppressed == (MOBILE, EMAIL, NOTE)


def test_new_findings_survive_when_contacts_are_added_removed_reordered() -> None:
    hanako, taro, jiro = (
        _contact(n, i) for i, n in enumerate(("架空 花子", "架空 太郎", "架空 次郎"))
    )
    before = _result((hanako, (MOBILE,)), (taro, (EMAIL,)), (jiro, (NOTE,)))
    accepted = baseline.create(before, KEY)
    saburo = _contact("架空 三郎", 0)
    new_finding = _finding("PII210", "080-5555-0199", ValueKind.PHONE)
    after = _result(
        (saburo, (new_finding,)),
        (_contact("架空 次郎", 1, line=50), (NOTE,)),
        (_contact("架空 花子", 2, line=90), (MOBILE,)),
    )  # taro removed, saburo added first, the others moved
    assert baseline.apply(after, accepted, KEY) == 2
    remaining = [f for cr in after.contact_results() for f in cr.findings]
    assert remaining == [new_finding]


def test_one_entry_suppresses_exactly_one_finding() -> None:
    hanako = _contact("架空 花子", 0)
    accepted = baseline.create(_result((hanako, (NOTE,))), KEY)
    twice = _result((hanako, (NOTE, NOTE)))
    assert baseline.apply(twice, accepted, KEY) == 1
    assert twice.files[0].contacts[0].findings == (NOTE,)
    assert twice.files[0].contacts[0].suppressed == (NOTE,)


def test_apply_with_another_key_is_a_clear_error() -> None:
    hanako = _contact("架空 花子", 0)
    accepted = baseline.create(_result((hanako, (MOBILE,))), KEY)
    with pytest.raises(ConfigError, match="different key"):
        baseline.apply(_result((hanako, (MOBILE,))), accepted, OTHER_KEY)


def test_file_is_sorted_private_and_holds_no_pii(tmp_path: Path) -> None:
    hanako = _contact("架空 花子", 0, org="Example KK")
    result = _result((hanako, (NOTE, MOBILE, EMAIL)), (_contact("架空 太郎", 1), (MOBILE,)))
    path = tmp_path / "baseline.json"
    baseline.write(path, baseline.create(result, KEY))
    text = path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    document = json.loads(text)
    assert list(document) == ["version", "algorithm", "key_id", "audience", "findings"]
    assert document["version"] == 1 and document["algorithm"] == "hmac-sha256"
    entries = [(e["rule"], e["fingerprint"]) for e in document["findings"]]
    assert entries == sorted(entries) and len(entries) == 4
    for secret in ("花子", "太郎", "5555", "0101", "hanako", "Example", "誕生日", KEY.decode()):
        assert secret.lower() not in text.lower()
    assert baseline.read(path) == baseline.create(result, KEY)


def test_same_findings_give_the_same_file_bytes() -> None:
    hanako, taro = _contact("架空 花子", 0), _contact("架空 太郎", 1)
    one = baseline.dumps(baseline.create(_result((hanako, (MOBILE,)), (taro, (NOTE,))), KEY))
    two = baseline.dumps(baseline.create(_result((taro, (NOTE,)), (hanako, (MOBILE,))), KEY))
    assert one == two


def test_key_comes_from_the_file_first_then_the_environment(tmp_path: Path) -> None:
    key_file = tmp_path / "org.key"
    key_file.write_text("file-key-0123456789abcdef\n", encoding="utf-8")
    env = {baseline.KEY_ENV: "env-key-0123456789abcdef"}
    assert baseline.load_key(key_file, env) == b"file-key-0123456789abcdef"
    assert baseline.load_key(None, env) == b"env-key-0123456789abcdef"


def test_a_key_in_the_environment_need_not_be_utf8(tmp_path: Path) -> None:
    """Random bytes in PIIAUDIT_BASELINE_KEY reach Python as surrogate escapes: they are
    the key's bytes, the same key as a key file holding them (they crashed, exit 70)."""
    raw = b"\xff\xfe" + bytes(range(0x80, 0xA0))
    key_file = tmp_path / "org.key"
    key_file.write_bytes(raw)
    env = {baseline.KEY_ENV: os.fsdecode(raw)}
    assert baseline.load_key(None, env) == raw == baseline.load_key(key_file, {})


@pytest.mark.parametrize(
    ("env", "message"),
    [({}, "needs a key"), ({baseline.KEY_ENV: "short"}, "too short")],
)
def test_no_default_key(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        baseline.load_key(None, env)


def test_missing_key_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.key: cannot read the baseline key"):
        baseline.load_key(tmp_path / "nope.key", {})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", r"bl\.json:1: not a piiaudit baseline"),
        ("[]", "expected a JSON object"),
        ('{"version": 2}', "unsupported baseline version 2"),
        ('{"version": 1, "algorithm": "sha1"}', "unsupported algorithm"),
        (
            '{"version": 1, "algorithm": "hmac-sha256", "key_id": "00000000000000ff",\n'
            ' "findings": [{"fingerprint": "abc", "rule": "X"}]}',
            r"findings\[0\]\.fingerprint",
        ),
        # Hostile files (baselines are shared between teams): exit 2, not a crash.
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"version": ' + "9" * 5000 + "}", "a number too long"),
    ],
)
def test_bad_baseline_files_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bl.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        baseline.read(path)


def test_key_and_baseline_must_be_small_regular_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /dev/zero as the key file grew memory until the process was killed; a FIFO hung.
    with pytest.raises(ConfigError, match="baseline key: larger than 4096 bytes"):
        baseline.load_key(Path("/dev/zero"), {})
    fifo = tmp_path / "key.fifo"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="too short"):  # no writer: empty, not a hang
        baseline.load_key(fifo, {})
    read, write = os.pipe()  # <(pass show key): a pipe with a writer is read
    os.write(write, b"piped-key-0123456789abcdef\n")
    os.close(write)
    assert baseline.load_key(Path(f"/dev/fd/{read}"), {}) == b"piped-key-0123456789abcdef"
    os.close(read)
    big = tmp_path / "big.key"
    big.write_bytes(b"k" * (baseline.MAX_KEY_FILE_BYTES + 1))
    with pytest.raises(ConfigError, match="larger than 4096 bytes"):
        baseline.load_key(big, {})
    monkeypatch.setattr(baseline, "MAX_BASELINE_BYTES", 10)
    (tmp_path / "bl.json").write_text('{"version": 1, "findings": []}', encoding="utf-8")
    with pytest.raises(ConfigError, match="baseline: larger than 10 bytes"):
        baseline.read(tmp_path / "bl.json")
    with pytest.raises(ConfigError, match="baseline: not a regular file"):
        baseline.read(tmp_path)


def test_fingerprint_is_the_documented_hmac() -> None:
    """HMAC-SHA256 of "v1", identity, rule and normalised value joined by U+001F: the
    algorithm the baseline file names, so baselines made by any version still match."""
    contact = _contact("架空 花子", 0)
    message = "\x1f".join(
        ("v1", baseline.contact_identity(contact), "PII210", baseline.normalised_value(MOBILE))
    )
    expected = hmac.new(KEY, message.encode("utf-8"), hashlib.sha256).hexdigest()
    assert _fp(contact, MOBILE) == expected
    assert baseline.normalised_value(MOBILE) == "+819055550101"


@pytest.mark.parametrize("label", [ContactClass.PRIVATE, ContactClass.UNKNOWN])
def test_a_compliance_baseline_holds_nothing_of_contacts_that_are_not_business(
    label: ContactClass,
) -> None:
    # QA round 11: with the key (which the compliance officer holds), a fingerprint of a
    # finding on the employee's mother's card gave her cash-card PIN back in seconds.
    mother = _contact("母", 0)
    result = _result((mother, (MOBILE, NOTE)), label=label)
    accepted = baseline.create(result, KEY, audience="compliance")
    assert accepted.audience == "compliance"
    assert accepted.entries == () and not accepted.holds_unlisted()
    own = baseline.create(result, KEY)  # the default, as scan's: the owner's own
    assert own.audience == "self"
    assert [e.rule for e in own.entries] == ["private", "private"]
    assert own.holds_unlisted()


def test_a_compliance_baseline_keeps_the_findings_on_business_contacts() -> None:
    customer, mother = _contact("顧客 一郎", 0), _contact("母", 1)
    result = _result((customer, (MOBILE,)))
    private = _result((mother, (NOTE,)), label=ContactClass.PRIVATE)
    result.files[0].contacts.extend(private.files[0].contacts)
    accepted = baseline.create(result, KEY, audience="compliance")
    assert [e.rule for e in accepted.entries] == ["PII210"]


def test_a_baseline_file_without_an_audience_reads_as_the_owners(tmp_path: Path) -> None:
    # Files written before baselines named their audience held every finding.
    path = tmp_path / "old.json"
    document = json.loads(
        baseline.dumps(baseline.create(_result((_contact("顧客 一郎", 0), (MOBILE,))), KEY))
    )
    del document["audience"]
    path.write_text(json.dumps(document), encoding="utf-8")
    assert baseline.read(path).audience == "self"
    document["audience"] = "company"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ConfigError, match="audience must be one of"):
        baseline.read(path)


def test_a_key_file_saved_with_a_byte_order_mark_is_the_same_key(tmp_path: Path) -> None:
    """Notepad saves the key with a UTF-8 byte-order mark and CRLF: it was "a different
    key" (compliance QA F7). The mark is the editor's; a baseline made with it before
    still opens with the key file that holds it."""
    plain, marked = tmp_path / "plain.key", tmp_path / "marked.key"
    plain.write_bytes(KEY + b"\n")
    marked.write_bytes(baseline.BOM + KEY + b"\r\n")
    assert baseline.load_key(marked, {}) == baseline.load_key(plain, {}) == KEY
    hanako = _contact("架空 花子", 0)
    old = baseline.create(_result((hanako, (MOBILE,))), baseline.BOM + KEY)
    result = _result((hanako, (MOBILE,)))
    assert baseline.apply(result, old, baseline.load_key(marked, {})) == 1
