"""Malicious rule packs, built in a temporary folder for each test.

``valid_pack`` writes a small pack that ``piiaudit rules validate`` accepts;
each attack then replaces one file of it, so a refusal can only come from the
attack itself.
"""

from __future__ import annotations

from pathlib import Path

PACK = """id: evil
version: "1.0.0"
description: {en: A pack under test, ja: 試験用のパック}
"""

RULE_FILE = "EVIL-001-secret-word.yaml"
RULE = r"""id: EVIL-001
name: secret-word
description: {en: A word that should not be in a contact, ja: 連絡先にあるべきでない語}
category: other_pii
severity: low
applies_to: [business, private, unknown]
detect:
  - regex:
      pattern: 'secret\d+'
message: {en: A secret word is stored, ja: 秘密の語が保存されています}
recommendation: {en: Delete it, ja: 削除してください}
references: ["test"]
examples:
  match:
    - {name: Test Person, note: ["secret42"]}
  no_match:
    - {name: Test Person, note: ["nothing here"]}
"""


def valid_pack(root: Path) -> Path:
    folder = root / "evil"
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / RULE_FILE).write_text(RULE, encoding="utf-8")
    return folder


def with_rule(root: Path, text: str) -> Path:
    folder = valid_pack(root)
    (folder / RULE_FILE).write_text(text, encoding="utf-8")
    return folder


def with_pattern(root: Path, pattern: str) -> Path:
    return with_rule(root, RULE.replace(r"secret\d+", pattern))


def with_list(root: Path, body: bytes) -> Path:
    """The valid pack plus ``data/words.yaml`` holding ``body``."""
    folder = valid_pack(root)
    (folder / "data").mkdir()
    (folder / "data" / "words.yaml").write_bytes(body)
    return folder


def billion_laughs() -> bytes:
    """Nine levels of nine aliases each: 9**9 strings once expanded, 1 KB on disk."""
    rows = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"l{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * 9) + "]" for k in range(1, 9)]
    rows += ["list: laughs", "description: expands to 387 million strings", "items: *l8"]
    return ("\n".join(rows) + "\n").encode()


def huge_list(path: Path, size: int) -> None:
    """A keyword list of ``size`` bytes, written in chunks (never held in memory whole)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    chunk = b"".join(b"  - keyword%07d\n" % i for i in range(50_000))
    with path.open("wb") as out:
        out.write(b"list: huge\ndescription: one hundred megabytes of keywords\nitems:\n")
        while out.tell() < size:
            out.write(chunk)
