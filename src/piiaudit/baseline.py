"""Baselines: accept today's findings once, then report only new ones (CI, issue 6).

A baseline is a list of *fingerprints*, one per accepted finding. It must be safe
to commit to git beside the CI configuration, so it holds no personal value in any
form, no timestamps, and is sorted so it diffs cleanly.

Why a keyed HMAC and not a hash: a plain SHA-256 of a Japanese mobile number is
reversible by trying the ~3×10⁸ possible numbers, which takes seconds. With
HMAC-SHA256 under an organisation key (``--baseline-key-file`` or the
``PIIAUDIT_BASELINE_KEY`` environment variable, never written to the baseline),
a fingerprint reveals nothing to someone without the key.

What a fingerprint is built from (and why):

* the contact's *identity*: its vCard ``UID`` when it has one, else its
  normalised display name plus first organisation. Never its position or line
  number, so adding, removing or reordering *other* contacts changes nothing.
  Limits: a contact without UID that is renamed gets new fingerprints; two
  contacts without UID with the same name and organisation share an identity
  (their findings still count separately, see below).
* the rule id, so the same value flagged by two rules is two findings;
* the *normalised* value (E.164 for phones, lower case for e-mail, NFKC with
  spaces collapsed for text), so re-typing ``090-1234-5678`` as
  ``09012345678`` is not a new finding, while a changed value is.

Multiset semantics: one baseline entry suppresses exactly one finding. Two
identical findings and one entry leave one finding reported.

The baseline also stores a ``key_id`` (an HMAC of a fixed label, not of any
data) so that using a different key is a clear error instead of a silent
"everything is new".

Whose findings it holds (its *audience*, as ``scan``'s): ``self`` (the default, as
for ``scan``: the phone owner's own baseline) holds every finding; ``compliance``
only those on business contacts, the ones a compliance audit reports. The key
protects fingerprints from whoever reads the file without it, but the compliance
officer who creates the baseline holds the key: with it, a fingerprint of a finding
on an employee's mother's card (``name:母``, a cash-card PIN, a short health note) is
checked against guesses in seconds (QA round 11). A compliance audit never reports
those findings, so its baseline has no reason to hold them, and a compliance scan
warns about a baseline that does. The two defaults agree, so that the documented
``baseline create`` then ``scan --baseline`` passes (review 13).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from piiaudit.errors import ConfigError
from piiaudit.model import (
    AuditResult,
    Contact,
    ContactClass,
    ContactResult,
    FileResult,
    Finding,
    ValueKind,
)
from piiaudit.phones import classify
from piiaudit.safeio import open_unblocked, write_private_text
from piiaudit.textnorm import nfkc, normalize_number

VERSION = 1
AUDIENCES = ("self", "compliance")  # the first is the default, as scan's
#: A file written before baselines named their audience held every finding.
UNNAMED_AUDIENCE = "self"
ALGORITHM = "hmac-sha256"
KEY_ENV = "PIIAUDIT_BASELINE_KEY"
MIN_KEY_BYTES = 16
_KEY_ID_LABEL = b"piiaudit baseline key id v1"
_SEP = "\x1f"  # unit separator: cannot occur in the normalised parts
_HEX64 = re.compile(r"[0-9a-f]{64}")
_SPACES = re.compile(r"\s+")
_KEY_HINT = "generate one with: python3 -c 'import secrets; print(secrets.token_hex(32))'"


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    """One accepted finding: ``rule`` is kept in clear so reviewers see what was accepted."""

    rule: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Baseline:
    key_id: str
    entries: tuple[Entry, ...]
    audience: str = AUDIENCES[0]

    def holds_unlisted(self) -> bool:
        """Whether it holds fingerprints of findings on contacts that are not business."""
        return any(entry.rule == UNNAMED_RULE for entry in self.entries)


# --------------------------------------------------------------------------- key


def load_key(key_file: Path | None, environ: Mapping[str, str] | None = None) -> bytes:
    """The organisation key: ``--baseline-key-file`` first, else ``PIIAUDIT_BASELINE_KEY``.

    There is no default key: a built-in key would make every fingerprint
    reversible by anyone who has piiaudit.
    """
    env = os.environ if environ is None else environ
    if key_file is not None:
        # A byte-order mark is an editor's (Notepad's), not part of the key: the same key
        # saved with one was "a different key" (compliance QA F7).
        key = _read_regular(key_file, MAX_KEY_FILE_BYTES, key=True).removeprefix(BOM).strip()
        source = str(key_file)
    elif env.get(KEY_ENV):
        # The environment's own bytes (os.fsencode undoes Python's surrogate escapes): a
        # key that is not UTF-8 crashed with exit 70 (QA round 18), and it is the same key
        # as a key file holding those bytes. A UTF-8 key gives the bytes it always gave.
        key = os.fsencode(env[KEY_ENV].strip())
        source = KEY_ENV
    else:
        raise ConfigError(
            f"a baseline needs a key: pass --baseline-key-file FILE or set {KEY_ENV} ({_KEY_HINT})"
        )
    if len(key) < MIN_KEY_BYTES:
        raise ConfigError(
            f"the baseline key from {source} is too short "
            f"(at least {MIN_KEY_BYTES} bytes; {_KEY_HINT})"
        )
    return key


def key_id(key: bytes) -> str:
    """A short public tag of the key, to tell "wrong key" from "all new"."""
    return hmac.new(key, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


# --------------------------------------------------------------------------- fingerprints


def _text(value: str) -> str:
    return _SPACES.sub(" ", nfkc(value)).strip().casefold()


def contact_identity(contact: Contact) -> str:
    """Who the contact is, independent of where it sits in the export."""
    if contact.uid and contact.uid.strip():
        return "uid:" + contact.uid.strip()
    organization = contact.organizations[0] if contact.organizations else ""
    return "name:" + _text(contact.names.family_first()) + _SEP + _text(organization)


def normalised_value(finding: Finding, region: str = "JP") -> str:
    """The finding's value in the one form that is equal when the data is equal."""
    value = finding.value
    if finding.kind is ValueKind.PHONE:
        e164, _ = classify(value, region)
        return e164 or "".join(ch for ch in normalize_number(value) if ch.isdigit() or ch == "+")
    if finding.kind is ValueKind.EMAIL:
        return nfkc(value).strip().strip("<>").lower()
    if finding.kind in (ValueKind.IDENTIFIER, ValueKind.DATE):
        return "".join(normalize_number(value).split())
    return _text(value)


def fingerprint(key: bytes, contact: Contact, finding: Finding, region: str = "JP") -> str:
    """HMAC-SHA256 over identity, rule and normalised value (hex)."""
    return _fingerprint(_keyed(key), contact_identity(contact), finding, region)


def _keyed(key: bytes) -> hmac.HMAC:
    """An HMAC keyed once: each fingerprint copies it instead of keying again."""
    return hmac.new(key, digestmod=hashlib.sha256)


def _fingerprint(keyed: hmac.HMAC, identity: str, finding: Finding, region: str) -> str:
    message = _SEP.join(("v1", identity, finding.rule, normalised_value(finding, region)))
    mac = keyed.copy()
    mac.update(message.encode("utf-8"))
    return mac.hexdigest()


# --------------------------------------------------------------------------- create / apply


# What an entry names instead of its rule for a finding on a contact the audit did not
# classify as business: a baseline is committed and shared, and the rule ids of the
# employee's own contacts' findings told its readers how many health or criminal-record
# notes sit on them (security review, QA round 7). The fingerprint, which screening
# reads, still holds the rule.
UNNAMED_RULE = "private"


def create(
    result: AuditResult, key: bytes, region: str = "JP", audience: str = AUDIENCES[0]
) -> Baseline:
    """A baseline accepting the findings in ``result`` that ``audience`` sees: for
    ``compliance`` those on business contacts, for ``self`` every one (suppressed ones
    stay suppressed). See the module docstring for why a compliance baseline holds no
    fingerprint of a finding on a private or unknown contact."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    everyone = audience == "self"
    entries = [
        Entry(
            finding.rule if business else UNNAMED_RULE,
            fingerprint(key, cr.contact, finding, region),
        )
        for cr in result.contact_results()
        if (business := cr.classification.label is ContactClass.BUSINESS) or everyone
        for finding in cr.findings
    ]
    return Baseline(key_id=key_id(key), entries=tuple(sorted(entries)), audience=audience)


def apply(result: AuditResult, baseline: Baseline, key: bytes, region: str = "JP") -> int:
    """Move findings the baseline accepts from ``findings`` to ``suppressed``, in place.

    Returns how many were suppressed. Each entry is used at most once, in file
    and contact order, so the outcome is deterministic. Scores are left to the
    caller (:func:`piiaudit.audit.rescore`), which knows the engine.
    """
    screen = screen_for(baseline, key, region)
    remaining = Counter(screen.entries)
    suppressed = 0
    for file_result in result.files:
        taken, _, _ = screen.screen(file_result, remaining)
        remaining.subtract(taken)
        suppressed += taken.total()
    return suppressed


def screen_for(
    baseline: Baseline,
    key: bytes,
    region: str = "JP",
    uncounted: frozenset[ContactClass] = frozenset(),
) -> Screen:
    """The :class:`Screen` of ``baseline``; a :class:`ConfigError` if ``key`` is not its key.

    Findings accepted on contacts of an ``uncounted`` class are screened like any other
    but left out of the count a report shows: a compliance report must not tell how
    many accepted findings sit on private or unknown contacts."""
    if baseline.key_id == key_id(BOM + key):  # made before the mark was ignored
        key = BOM + key
    if baseline.key_id != key_id(key):
        raise ConfigError(
            "the baseline was created with a different key "
            "(check --baseline-key-file or PIIAUDIT_BASELINE_KEY)"
        )
    return Screen(dict(Counter(e.fingerprint for e in baseline.entries)), key, region, uncounted)


@dataclass(frozen=True, slots=True)
class Screen:
    """A baseline at work on one file at a time, where the file is audited.

    ``scan --baseline`` runs each file's screening in the worker that audited it
    (:func:`piiaudit.audit.audit_report`), so the worker can build the file's
    share of the report. ``entries`` counts each accepted fingerprint. It holds
    the key, so it travels only to the run's own worker processes.
    """

    entries: Mapping[str, int]
    key: bytes
    region: str
    uncounted: frozenset[ContactClass] = frozenset()

    def screen(
        self, file_result: FileResult, limit: Mapping[str, int]
    ) -> tuple[Counter[str], Counter[str], int]:
        """Move the findings of ``file_result`` that the baseline accepts to ``suppressed``,
        in place, at most ``limit[fingerprint]`` of each, in contact order.

        Returns the fingerprints taken; for the whole run to settle which finding each
        entry goes to, how often each accepted fingerprint occurs here; and how many
        taken findings the report may count (none on an ``uncounted`` class's contact).
        """
        counted = 0
        taken: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        entries = self.entries
        keyed = _keyed(self.key)
        updated: list[ContactResult] = []
        for cr in file_result.contacts:
            if not cr.findings:
                updated.append(cr)
                continue
            keep: list[Finding] = []
            accepted: list[Finding] = []
            identity = contact_identity(cr.contact)  # once per contact, not per finding
            for finding in cr.findings:
                fp = _fingerprint(keyed, identity, finding, self.region)
                if fp in entries:
                    seen[fp] += 1
                    if taken[fp] < limit.get(fp, 0):
                        taken[fp] += 1
                        accepted.append(finding)
                        continue
                keep.append(finding)
            if accepted:
                if cr.classification.label not in self.uncounted:
                    counted += len(accepted)
                cr = replace(
                    cr,
                    findings=tuple(keep),
                    suppressed=cr.suppressed + tuple(accepted),
                    baselined=cr.baselined + len(accepted),
                )
            updated.append(cr)
        file_result.contacts = updated
        return taken, seen, counted


# --------------------------------------------------------------------------- file format


def dumps(baseline: Baseline) -> str:
    """The file text: fixed key order, sorted entries, no timestamps, one trailing newline."""
    document = {
        "version": VERSION,
        "algorithm": ALGORITHM,
        "key_id": baseline.key_id,
        "audience": baseline.audience,
        "findings": [
            {"fingerprint": e.fingerprint, "rule": e.rule} for e in sorted(baseline.entries)
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(path: Path, baseline: Baseline, *, force: bool = True) -> None:
    """Write atomically, owner-only (0600), never through a symlink."""
    write_private_text(path, dumps(baseline), force=force)


def read(path: Path) -> Baseline:
    """Read and check a baseline file; every problem is a :class:`ConfigError` naming it."""
    where = str(path)
    try:
        text = _read_regular(path, MAX_BASELINE_BYTES, key=False).decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("cannot read the baseline: not UTF-8 text", where) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"not a piiaudit baseline (invalid JSON: {exc.msg})", where, exc.lineno
        ) from None
    except RecursionError:  # [[[[...: a hostile file (baselines are shared between teams)
        raise ConfigError("not a piiaudit baseline (JSON nested too deeply)", where) from None
    except ValueError:  # an integer of thousands of digits
        raise ConfigError("not a piiaudit baseline (a number too long)", where) from None
    return _from_document(document, where)


# Bounds on what is read: a key is a few dozen bytes, and a baseline of 200 exports of
# 2,000 contacts is tens of MB. /dev/zero as the key file grew memory until the process
# was killed, and a FIFO hung (QA round 6).
MAX_KEY_FILE_BYTES = 4096
BOM = b"\xef\xbb\xbf"  # UTF-8's byte-order mark
MAX_BASELINE_BYTES = 256 * 1024 * 1024


def _read_regular(path: Path, limit: int, *, key: bool) -> bytes:
    """The bytes of the file at ``path``, at most ``limit`` of them (the key file with
    ``key``, else the baseline); else a :class:`ConfigError`.

    Opened as the readers open inputs (:func:`~piiaudit.safeio.open_unblocked`): a FIFO
    with no writer reads as empty instead of hanging, ``<(pass show key)`` and
    ``/dev/stdin`` still work (review 8), and ``/dev/zero`` stops at the limit instead
    of filling memory."""
    try:
        handle = open_unblocked(path)
    except IsADirectoryError:
        raise _unreadable(path, "not a regular file", key=key) from None
    except OSError as exc:
        raise _unreadable(path, exc.strerror or "", key=key) from None
    with handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _unreadable(path, exc.strerror or "", key=key) from None
    if len(data) > limit:
        raise _unreadable(path, f"larger than {limit} bytes", key=key)
    return data


def _unreadable(path: Path, reason: str, *, key: bool) -> ConfigError:
    if key:
        return ConfigError(f"cannot read the baseline key: {reason}", str(path))
    return ConfigError(f"cannot read the baseline: {reason}", str(path))


def _from_document(document: object, where: str) -> Baseline:
    if not isinstance(document, dict):
        raise ConfigError("not a piiaudit baseline (expected a JSON object)", where)
    if document.get("version") != VERSION:
        raise ConfigError(
            f"unsupported baseline version {document.get('version')!r} "
            f"(this piiaudit reads version {VERSION})",
            where,
        )
    if document.get("algorithm") != ALGORITHM:
        raise ConfigError(f"unsupported algorithm {document.get('algorithm')!r}", where)
    tag = document.get("key_id")
    if not isinstance(tag, str) or not re.fullmatch(r"[0-9a-f]{16}", tag):
        raise ConfigError("key_id must be 16 hexadecimal digits", where)
    audience = document.get("audience", UNNAMED_AUDIENCE)
    if audience not in AUDIENCES:
        raise ConfigError(f"audience must be one of {', '.join(AUDIENCES)}", where)
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise ConfigError("'findings' must be a list", where)
    return Baseline(key_id=tag, entries=tuple(_entries(findings, where)), audience=audience)


def _entries(items: Iterable[object], where: str) -> Iterable[Entry]:
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ConfigError(f"findings[{index}] must be an object", where)
        fp, rule = item.get("fingerprint"), item.get("rule")
        if not isinstance(fp, str) or not _HEX64.fullmatch(fp):
            raise ConfigError(f"findings[{index}].fingerprint must be 64 hexadecimal digits", where)
        if not isinstance(rule, str) or not rule:
            raise ConfigError(f"findings[{index}].rule must be a rule id", where)
        yield Entry(rule, fp)
