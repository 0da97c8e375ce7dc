"""Override files: what a reviewer writes by hand or --interactive saves, read back
strictly (an ignored override sends a contact to the wrong file)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from handover_fakes import contact
from handover_setup import write_overrides
from hypothesis import given, settings
from hypothesis import strategies as st

from piiaudit.errors import ConfigError
from piiaudit.handover.messages import override_notes
from piiaudit.handover.overrides import (
    Override,
    OverrideSet,
    load_overrides,
    render_overrides,
    selector_for,
)
from piiaudit.model import ContactClass, Names
from piiaudit.textnorm import nfkc


def test_reads_every_selector_kind(tmp_path: Path) -> None:
    path = write_overrides(
        tmp_path,
        "overrides:\n"
        '  - contact: "index:012"\n    class: business\n    reason: customer\n'
        '  - contact: "uid:urn:uuid:1234"\n    class: Private\n    reason: dentist\n'
        '  - contact: "name:ＡＢＣ 太郎"\n    class: private\n    reason: friend\n',
    )
    items = load_overrides(path).items()
    assert [(o.kind, o.key, o.label) for o in items] == [
        ("index", "12", ContactClass.BUSINESS),
        ("uid", "urn:uuid:1234", ContactClass.PRIVATE),
        ("name", "ABC 太郎", ContactClass.PRIVATE),  # NFKC, as contacts are matched
    ]
    assert items[0].origin == f"{path}:2"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "overrides:\n  - contact: index:1\n    class: business\n    reson: x\n",
            4,
            "unknown key 'reson'",
        ),
        (
            "overrides:\n  - contact: index:1\n    class: review\n    reason: x\n",
            3,
            "class must be one of",
        ),
        (
            "overrides:\n  - contact: row:1\n    class: private\n    reason: x\n",
            2,
            "contact must be",
        ),
        (
            "overrides:\n  - contact: index:one\n    class: private\n    reason: x\n",
            2,
            "whole number",
        ),
        ("overrides:\n  - contact: index:1\n    class: private\n", 2, "missing 'reason:'"),
        (
            "overrides:\n  - contact: index:1\n    class: private\n    reason: ' '\n",
            2,
            "reason must",
        ),
        (
            "overrides:\n  - {contact: 'index:1', class: private, reason: a}\n"
            "  - {contact: 'index:01', class: business, reason: b}\n",
            3,
            "overridden twice (first at line 2)",
        ),
        ("overrides: {contact: x}\n", 1, "must be a list"),
        ("override: []\n", 1, "unknown key 'override'"),
        ("- a\n- b\n", 1, "expected a mapping"),
        ("overrides:\n  - [a, b]\n", 2, "must be a mapping"),
        ("overrides: [\n", 2, "not valid YAML"),
        ("version: 2\noverrides: []\n", 1, "unsupported override file version"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write_overrides(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_overrides(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_overrides(tmp_path / "nope.yaml")


def test_index_wins_over_uid_and_name() -> None:
    overrides = OverrideSet(
        [
            Override("name", "山田 太郎", ContactClass.PRIVATE, "friend"),
            Override("uid", "u-1", ContactClass.PRIVATE, "friend"),
            Override("index", "3", ContactClass.BUSINESS, "customer"),
        ]
    )
    same_name = Names(formatted="山田 太郎")
    assert overrides.find(contact(3, uid="u-1", names=same_name)).label is ContactClass.BUSINESS
    found = overrides.find(contact(4, uid="u-1", names=same_name))
    assert found is not None and found.kind == "uid"
    found = overrides.find(contact(5, names=same_name))
    assert found is not None and found.kind == "name"
    assert overrides.find(contact(6, names=Names(formatted="佐藤 花子"))) is None
    assert overrides.unused() == []


@pytest.mark.parametrize("written", ["佐藤彩", "佐藤　彩", " 佐藤  彩 ", "ｻﾄｳ ｱﾔ"])
def test_a_name_matches_however_its_spaces_are_typed(written: str) -> None:
    """People type 佐藤彩 for the card 佐藤 彩 (and full-width spaces, half-width kana)."""
    overrides = OverrideSet([Override("name", written, ContactClass.PRIVATE, "friend")])
    card = "サトウ アヤ" if "ｻ" in written else "佐藤 彩"
    found = overrides.find(contact(1, names=Names(formatted=card)))
    assert found is not None and found.label is ContactClass.PRIVATE
    assert overrides.find(contact(2, names=Names(formatted="佐藤 綾"))) is None


def test_a_name_typed_twice_with_other_spacing_is_one_override(tmp_path: Path) -> None:
    path = write_overrides(
        tmp_path,
        "overrides:\n"
        "  - {contact: 'name:佐藤 彩', class: private, reason: friend}\n"
        "  - {contact: 'name:佐藤彩', class: business, reason: customer}\n",
    )
    with pytest.raises(ConfigError, match="overridden twice"):
        load_overrides(path)


def test_unused_overrides_are_reported() -> None:
    overrides = OverrideSet([Override("index", "99", ContactClass.BUSINESS, "gone", "f.yaml:2")])
    overrides.find(contact(1))
    assert [o.origin for o in overrides.unused()] == ["f.yaml:2"]


def test_an_entry_outranked_on_its_only_contact_is_said_apart_from_an_unused_one() -> None:
    """A name: entry whose contact an index: entry decides matched that contact: told it
    "matched no contact", the user looked for a typo that was not there (QA round 15)."""
    overrides = OverrideSet(
        [
            Override("name", "山田 太郎", ContactClass.PRIVATE, "friend", "f.yaml:2"),
            Override("index", "3", ContactClass.BUSINESS, "customer", "f.yaml:5"),
            Override("uid", "gone", ContactClass.BUSINESS, "stale", "f.yaml:8"),
        ]
    )
    overrides.find(contact(3, names=Names(formatted="山田 太郎")))
    assert [o.origin for o in overrides.unused()] == ["f.yaml:8"]
    ((lost, winner),) = overrides.outranked()
    assert (lost.origin, winner.origin) == ("f.yaml:2", "f.yaml:5")
    (note_unused, note_outranked) = override_notes(overrides, "en")
    assert "uid:gone (f.yaml:8) matched no contact" in note_unused
    assert "(f.yaml:2) is not used: the entry index:3 decides its contact" in note_outranked
    # the same name on another contact, not decided by index: used there, nothing to say
    overrides.find(contact(4, names=Names(formatted="山田 太郎")))
    assert overrides.outranked() == []


def test_rendered_file_reads_back_the_same(tmp_path: Path) -> None:
    items = [
        Override("index", "7", ContactClass.BUSINESS, 'answered: yes, "quoted"'),
        Override("uid", "urn:uuid:a:b", ContactClass.PRIVATE, "家族"),
        Override("name", "O'Brien #1", ContactClass.PRIVATE, "- starts with a dash"),
    ]
    path = write_overrides(tmp_path, render_overrides(items, ["made for export.vcf"]))
    assert path.read_text(encoding="utf-8").startswith("# made for export.vcf\n")
    back = load_overrides(path).items()
    assert [(o.kind, o.key, o.label, o.reason) for o in back] == [
        (o.kind, o.key, o.label, o.reason) for o in items
    ]


def test_new_answers_prefer_the_uid() -> None:
    assert selector_for(contact(4, uid=" u-9 ")) == ("uid", "u-9")
    assert selector_for(contact(4)) == ("index", "4")


def test_shown_selector_masks_names_and_email_uids() -> None:
    assert Override("name", "山田 太郎", ContactClass.PRIVATE, "r").shown() == "name:山* 太*"
    assert Override("uid", "taro@example.jp", ContactClass.PRIVATE, "r").shown() == (
        "uid:t***@example.jp"
    )
    assert Override("index", "4", ContactClass.PRIVATE, "r").shown() == "index:4"


SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20
).map(str.strip)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["index", "uid", "name"]),
            SAFE_TEXT,
            st.sampled_from([ContactClass.BUSINESS, ContactClass.PRIVATE]),
            SAFE_TEXT,
        ),
        max_size=5,
    )
)
def test_any_saved_file_reads_back_the_same(raw: list) -> None:  # type: ignore[type-arg]
    items: dict[tuple[str, str], Override] = {}
    for number, (kind, key, label, reason) in enumerate(raw):
        if kind == "index":
            key = str(number)
        elif kind == "name":
            key = nfkc(key).strip()
        if not key or not reason:
            continue
        items.setdefault((kind, key), Override(kind, key, label, reason))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "o.yaml"
        path.write_text(render_overrides(list(items.values()), ["header"]), encoding="utf-8")
        back = load_overrides(path).items()
    assert [(o.kind, o.key, o.label, o.reason) for o in back] == [
        (o.kind, o.key, o.label, o.reason) for o in items.values()
    ]
