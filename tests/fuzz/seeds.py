"""A valid rule document, the seed the rule-loader fuzzing mangles."""

from __future__ import annotations

PACK = """id: fuzz
version: "1.0.0"
description: {en: Fuzzing, ja: ファジング}
"""

VALID_RULE = r"""id: FUZZ-001
name: secret-word
description: {en: A secret word, ja: 秘密の語}
category: other_pii
severity: low
applies_to: [business, private, unknown]
detect:
  - regex:
      pattern: 'secret\d+'
      fields: [notes]
  - keywords:
      words: [合言葉, passphrase]
hotwords:
  raise: {words: [password], by: 0.1}
message: {en: A secret word is stored, ja: 秘密の語が保存されています}
recommendation: {en: Delete it, ja: 削除してください}
references: ["test"]
examples:
  match:
    - {name: Test Person, note: ["secret42"]}
  no_match:
    - {name: Test Person, note: ["nothing"]}
"""
