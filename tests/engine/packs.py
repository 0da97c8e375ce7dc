"""Small user packs written into a temporary folder for loader and validate tests."""

from __future__ import annotations

from pathlib import Path

PACK_YAML = """id: acme
version: "0.1"
description: {en: Test pack, ja: テスト用パック}
"""

RULE = """id: {id}
name: {name}
description: {{en: A test rule, ja: テスト用ルール}}
category: {category}
severity: high
applies_to: [any]
detect:
  - regex: {{pattern: '{pattern}', fields: [notes]}}
message: {{en: Found, ja: 検出}}
recommendation: {{en: Delete it, ja: 削除してください}}
references: ["test"]
examples:
  match: [{{class: business, note: ["ACME-SECRET 42"]}}]
  no_match: [{{class: business, note: ["nothing here"]}}]
{extra}"""


def make_pack(root: Path, rules: dict[str, str] | None = None, pack_yaml: str = PACK_YAML) -> Path:
    """A pack folder with ``pack.yaml`` and the given ``{file name: text}`` rules."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    for name, text in (rules or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def rule(
    id: str = "ACME-SECRET-001",
    name: str = "acme-secret",
    pattern: str = "ACME-SECRET [0-9]+",
    category: str = "credential",
    extra: str = "",
) -> tuple[str, str]:
    """``(file name, text)`` of a valid rule, with one thing changed as the test needs."""
    text = RULE.format(id=id, name=name, pattern=pattern, category=category, extra=extra)
    return f"{id}-{name}.yaml", text
