"""A group card's members carry the group's name (parsers.vcard_groups).

An iPhone owner files a relative under the iCloud group 家族 and customers under
得意先; a CardDAV dump holds those groups as cards that list their members' UIDs.
The group is often all that tells the two apart, so each member card gets its
groups' names in ``categories``, wherever the group card sits in the file. All
data fictional.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from piiaudit.cli import app
from piiaudit.model import Contact
from piiaudit.parsers import ParseOptions, open_input, vcard_group_scan

RELATIVE = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    "PRODID:-//Apple Inc.//iOS 17.1//EN",
    "N:架空;花子;;;",
    "FN:架空 花子",
    "TEL;type=CELL;type=VOICE;type=pref:090-1111-2222",
    "UID:1B2C3D4E-0000-4000-8000-000000000001",
    "END:VCARD",
]
CUSTOMER = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    "PRODID:-//Apple Inc.//iOS 17.1//EN",
    "N:仮名;次郎;;;",
    "FN:仮名 次郎",
    "TEL;type=CELL;type=VOICE;type=pref:090-3333-4444",
    "CATEGORIES:得意先",
    "UID:urn:uuid:1b2c3d4e-0000-4000-8000-000000000002",
    "END:VCARD",
]


def _group(name: str, *members: str, kind: str = "X-ADDRESSBOOKSERVER-KIND") -> list[str]:
    member = "X-ADDRESSBOOKSERVER-MEMBER" if kind.startswith("X-") else "MEMBER"
    return [
        "BEGIN:VCARD",
        "VERSION:3.0" if kind.startswith("X-") else "VERSION:4.0",
        f"FN:{name}",
        f"{kind}:group",
        *(f"{member}:urn:uuid:{m}" for m in members),
        f"UID:group-{name.encode().hex()}",
        "END:VCARD",
    ]


UNTAGGED = [line for line in CUSTOMER if not line.startswith("CATEGORIES")]
FAMILY = _group("家族", "1b2c3d4e-0000-4000-8000-000000000001")
CLIENTS = _group("得意先", "1B2C3D4E-0000-4000-8000-000000000002")


def _write(tmp_path: Path, *cards: list[str], newline: str = "\r\n") -> Path:
    path = tmp_path / "icloud.vcf"
    lines = [line for card in cards for line in card]
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    return path


def _read(path: Path | str) -> list[Contact]:
    with open_input(str(path), ParseOptions()) as parsed:
        return list(parsed.contacts)


def _categories(contacts: list[Contact]) -> dict[str, tuple[str, ...]]:
    return {c.display_name(): c.categories for c in contacts}


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("groups_first", [True, False])
def test_members_carry_their_groups_wherever_the_group_is(
    tmp_path: Path, newline: str, groups_first: bool
) -> None:
    people, groups = [RELATIVE, CUSTOMER], [FAMILY, CLIENTS]
    cards = [*groups, *people] if groups_first else [*people, *groups]
    contacts = _read(_write(tmp_path, *cards, newline=newline))
    # UIDs match whatever their case and urn:uuid: prefix; a category the card already
    # has is not repeated.
    assert _categories(contacts) == {"架空 花子": ("家族",), "仮名 次郎": ("得意先",)}


def test_a_member_of_two_groups_carries_both(tmp_path: Path) -> None:
    golf = _group("Golf, Sundays".replace(",", "\\,"), "1b2c3d4e-0000-4000-8000-000000000001")
    contacts = _read(_write(tmp_path, FAMILY, RELATIVE, golf))
    # The group's name is read as any card's: unescaped.
    assert _categories(contacts) == {"架空 花子": ("家族", "Golf, Sundays")}


def test_a_vcard_4_group(tmp_path: Path) -> None:
    family = _group("Family", "1b2c3d4e-0000-4000-8000-000000000001", kind="KIND")
    folded = [line.replace("FN:Family", "FN:Fam\r\n ily") for line in family]
    contacts = _read(_write(tmp_path, RELATIVE, folded))
    assert _categories(contacts) == {"架空 花子": ("Family",)}


def test_a_card_no_group_lists_is_left_as_it_is(tmp_path: Path) -> None:
    contacts = _read(_write(tmp_path, RELATIVE, CUSTOMER, _group("家族", "someone-else")))
    assert _categories(contacts) == {"架空 花子": (), "仮名 次郎": ("得意先",)}


def test_group_lines_cut_by_the_search_windows_are_found_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is searched a window at a time; a group-kind line across two windows
    is found in the overlap, and only once."""
    monkeypatch.setattr(vcard_group_scan, "_WINDOW", 48)
    path = _write(tmp_path, RELATIVE, CUSTOMER, FAMILY, CLIENTS)
    with path.open("rb") as handle:
        assert len(vcard_group_scan.group_cards(handle)) == 2
        assert handle.tell() == 0  # put back where it was
    assert _categories(_read(path)) == {"架空 花子": ("家族",), "仮名 次郎": ("得意先",)}


def test_the_group_decides_the_contacts_class(tmp_path: Path) -> None:
    """家族 makes a relative with a bare mobile number private; without the group the
    same card is left for review."""
    assert _classes(_write(tmp_path, RELATIVE, UNTAGGED, FAMILY, CLIENTS)) == {
        "架* 花*": "private",
        "仮* 次*": "business",
    }
    assert _classes(_write(tmp_path, RELATIVE, UNTAGGED)) == {
        "架* 花*": "unknown",
        "仮* 次*": "unknown",
    }


def _classes(path: Path) -> dict[str, str]:
    result = CliRunner().invoke(app, ["scan", str(path), "-f", "json", "-o", "-"])
    return {c["name"]: c["classification"] for c in json.loads(result.stdout)["contacts"]}


def test_split_hands_over_by_the_groups(tmp_path: Path) -> None:
    path = _write(tmp_path, FAMILY, RELATIVE, UNTAGGED, CLIENTS)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["split", str(path), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert "FN:仮名 次郎" in (out / "business.vcf").read_text(encoding="utf-8")
    assert "FN:架空 花子" in (out / "private.vcf").read_text(encoding="utf-8")


def test_standard_input_is_read_without_its_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standard input cannot be read twice: its contacts are all read, the groups unused."""
    data = _write(tmp_path, FAMILY, RELATIVE).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert _categories(_read("-")) == {"架空 花子": ()}


def test_a_group_of_thousands_of_members(tmp_path: Path) -> None:
    """A group card larger than the first window read around its kind line."""
    others = [f"0a5b7c1e-0000-4000-8000-{n:012d}" for n in range(2000)]
    family = _group("家族", *others[:1000], "1b2c3d4e-0000-4000-8000-000000000001", *others[1000:])
    assert len("\r\n".join(family)) > 2 * vcard_group_scan._NEAR
    contacts = _read(_write(tmp_path, RELATIVE, family, CUSTOMER))
    assert _categories(contacts) == {"架空 花子": ("家族",), "仮名 次郎": ("得意先",)}


def test_the_private_copy_keeps_the_group_as_a_category(tmp_path: Path) -> None:
    """minimize writes no group cards; the owner's own copy keeps the filing as CATEGORIES."""
    path = _write(tmp_path, FAMILY, RELATIVE)
    out = tmp_path / "mine.vcf"
    result = CliRunner().invoke(app, ["minimize", str(path), "-o", str(out), "--keep-private"])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "FN:架空 花子" in written
    assert "CATEGORIES:家族" in written


_PIECES = st.sampled_from(
    [
        b"BEGIN:VCARD\r\n",
        b"END:VCARD\r\n",
        b"VERSION:3.0\r\n",
        b"X-ADDRESSBOOKSERVER-KIND:group\r\n",
        b"kind:GROUP\n",
        b"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:a\r\n",
        b"MEMBER:urn:uuid:A\r",
        b"UID:a\r\n",
        b"FN:\xe5\xae\xb6\xe6\x97\x8f\r\n",
        b"FN:\x89\xc6\x91\xb0\r\n",
        b" folded\r\n",
        b"\r\n",
    ]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(st.one_of(_PIECES, st.binary(max_size=40)), max_size=40))
def test_any_bytes_around_group_cards_read_without_error(
    tmp_path: Path, parts: list[bytes]
) -> None:
    """Group cards cut, nested, unterminated or mixed with junk: the file is read, the
    reader says what it could not read, nothing raises."""
    path = tmp_path / "fuzz.vcf"
    path.write_bytes(b"".join(parts))
    with open_input(str(path), ParseOptions()) as parsed:
        contacts = list(parsed.contacts)
        info = parsed.info
    assert info.error is not None or info.contacts == len(contacts)
    assert not any("internal error" in i.message for i in info.issues)
