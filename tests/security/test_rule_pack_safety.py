"""A malicious rule pack is refused with a clear error (``rules validate``, ``scan --pack``).

Attacks: YAML tags that build Python objects or name Python callables, a
"billion laughs" alias bomb, a recursive alias, nesting deep enough to exhaust
Python's stack, a 100 MB keyword list, merge keys, non-UTF-8 text, and regexes
that backtracking engines run in exponential time or that re2 cannot bound.
Each refusal names the file (and the line, where the YAML has one); nothing in
the pack is ever executed; no traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hostile.cases import card
from hostile.run import Run, invoke, subprocess_run
from security import packs
from security.test_terminal_escapes import dangerous

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iphone-export.vcf"

Attack = Callable[[Path], Path]

# name -> (build the pack, the file it names, its line or None, a phrase of the message)
ATTACKS: dict[str, tuple[Attack, str, int | None, str]] = {
    "python-object-apply": (
        lambda root: packs.with_rule(
            root,
            packs.RULE.replace(
                "severity: low",
                'severity: !!python/object/apply:os.system ["touch {marker}"]',
            ),
        ),
        packs.RULE_FILE,
        5,
        "python/object/apply:os.system' is not allowed",
    ),
    "python-name": (
        lambda root: _replace(root, "pack.yaml", "id: !!python/name:os.system\n"),
        "pack.yaml",
        1,
        "python/name:os.system' is not allowed",
    ),
    "python-module": (
        lambda root: packs.with_list(
            root, b"list: !!python/module:os\ndescription: x\nitems: []\n"
        ),
        "words.yaml",
        1,
        "is not allowed",
    ),
    "billion-laughs": (
        lambda root: packs.with_list(root, packs.billion_laughs()),
        "words.yaml",
        None,
        "too large after alias expansion",
    ),
    "recursive-alias": (
        lambda root: packs.with_list(root, b"list: loop\ndescription: x\nitems: &a [*a]\n"),
        "words.yaml",
        3,
        "recursive alias",
    ),
    "deep-nesting": (
        lambda root: packs.with_list(
            root, b"list: deep\ndescription: x\nitems: " + b"[" * 20_000 + b"]" * 20_000 + b"\n"
        ),
        "words.yaml",
        3,
        "nested too deeply",
    ),
    "merge-key": (
        lambda root: packs.with_list(root, b"base: &b {list: x}\n<<: *b\nitems: [a]\n"),
        "words.yaml",
        2,
        "merge keys",
    ),
    "not-utf8": (
        lambda root: _replace(
            root,
            packs.RULE_FILE,
            "",
            raw=packs.RULE.encode().replace("秘密".encode(), b"\x8e\x8e\x8c\xb1"),
        ),
        packs.RULE_FILE,
        None,
        "not UTF-8",
    ),
    "control-character": (  # found by the fuzz campaign: an internal error before
        lambda root: packs.with_rule(
            root, packs.RULE.replace("severity: low", "severity: \x1blow")
        ),
        packs.RULE_FILE,
        5,
        "character #x001b is not allowed",
    ),
    "backreference-regex": (
        lambda root: packs.with_pattern(root, r"(a)\1"),
        packs.RULE_FILE,
        9,
        "does not compile under re2",
    ),
    "lookahead-regex": (
        lambda root: packs.with_pattern(root, r"(?=secret)\w+"),
        packs.RULE_FILE,
        9,
        "does not compile under re2",
    ),
    "exploding-repetition-regex": (
        lambda root: packs.with_pattern(root, r"((a{1000}){1000}){1000}"),
        packs.RULE_FILE,
        9,
        "does not compile under re2",
    ),
}


def _replace(root: Path, name: str, text: str, raw: bytes | None = None) -> Path:
    folder = packs.valid_pack(root)
    target = folder / name
    if raw is not None:
        target.write_bytes(raw)
    else:
        original = target.read_text(encoding="utf-8").splitlines(keepends=True)
        target.write_text(text + "".join(original[1:]), encoding="utf-8")
    return folder


def validate(*paths: Path) -> Run:
    return invoke("rules", "validate", *map(str, paths))


def test_the_unattacked_pack_is_valid(tmp_path: Path) -> None:
    """The attacks below change one thing each; without it, the pack passes."""
    run = validate(packs.valid_pack(tmp_path))
    assert run.exit_code == 0, run.stdout


@pytest.mark.parametrize("name", list(ATTACKS))
def test_rules_validate_refuses_the_attack(name: str, tmp_path: Path) -> None:
    build, file_name, line, phrase = ATTACKS[name]
    marker = tmp_path / "executed"
    folder = build(tmp_path)
    for path in folder.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"{marker}", str(marker).encode()))

    run = validate(folder)

    assert run.exit_code == 1
    flat = " ".join(run.stdout.split())
    where = f"{file_name}:{line}:" if line else f"{file_name}:"
    problem = [row for row in run.stdout.splitlines() if where in row]
    assert problem, run.stdout
    assert phrase in flat
    assert not marker.exists()


@pytest.mark.parametrize("name", list(ATTACKS))
def test_scan_with_the_pack_refuses_to_start(name: str, tmp_path: Path) -> None:
    build, file_name, _line, _phrase = ATTACKS[name]
    folder = build(tmp_path)

    run = invoke("scan", str(EXAMPLE), "--pack", str(folder))

    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith("piiaudit: error: ")
    assert file_name in run.stderr


def test_hundred_megabyte_keyword_list_is_refused_by_its_size(tmp_path: Path) -> None:
    folder = packs.valid_pack(tmp_path)
    packs.huge_list(folder / "data" / "words.yaml", 100 * 1024 * 1024)

    run = validate(folder)

    assert run.exit_code == 1
    assert "words.yaml: file is" in run.stdout
    assert "over the 2097152-byte limit" in " ".join(run.stdout.split())
    run = invoke("scan", str(EXAMPLE), "--pack", str(folder))
    assert run.exit_code == 2
    assert "over the 2097152-byte limit" in run.stderr


def test_catastrophic_backtracking_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    """``(a+)+$`` hangs a backtracking engine on ``aaaa…!``; re2 accepts it and stays linear.

    The scan runs in a child with a generous timeout: a backtracking engine
    would need longer than the age of the universe for 100,000 letters.
    """
    folder = packs.with_pattern(tmp_path, "(a+)+$")
    assert validate(folder).exit_code == 0
    export = tmp_path / "export.vcf"
    export.write_text(card("Hostile Note", "NOTE:" + "a" * 100_000 + "!"), newline="")

    run = subprocess_run("scan", str(export), "--pack", str(folder), "-f", "json", timeout=120)

    assert run.exit_code == 0
    assert run.json["summary"]["contacts"] == 1


def test_malicious_company_profile_is_refused(tmp_path: Path) -> None:
    profile = tmp_path / "piiaudit.yaml"
    marker = tmp_path / "executed"
    profile.write_text(f'region: !!python/object/apply:os.system ["touch {marker}"]\n')

    run = invoke("scan", str(EXAMPLE), "--config", str(profile))

    assert run.exit_code == 2
    assert f"{profile}:1:" in run.stderr
    assert "is not allowed" in run.stderr
    assert not marker.exists()


def test_escape_sequences_in_a_packs_texts_do_not_reach_the_terminal(tmp_path: Path) -> None:
    """A pack's message, recommendation and description are shown to users: stripped too."""
    folder = packs.with_rule(
        tmp_path,
        packs.RULE.replace(
            "message: {en: A secret word is stored,", 'message: {en: "\\e]0;pwned\\afound\\e[2J",'
        )
        .replace("recommendation: {en: Delete it,", 'recommendation: {en: "\\e[2JDelete",')
        .replace(
            "{en: A word that should not be in a contact,",
            '{en: "\\x9b31m\\u202eA word that should not be in a contact",',
        ),
    )
    assert validate(folder).exit_code == 0
    export = tmp_path / "export.vcf"
    export.write_text(card("Hostile Pack", "NOTE:secret42"), newline="")

    runs = [
        invoke("scan", str(export), "--pack", str(folder), "--explain"),
        invoke("rules", "list", "--pack", str(folder)),
        invoke("rules", "test", str(folder)),
    ]

    assert "found" in runs[0].stdout
    assert [run.exit_code for run in runs] == [0, 0, 1]  # the pack has no .cases.yaml
    for run in runs:
        assert dangerous(run.stdout) == []
        assert dangerous(run.stderr) == []
