"""How a contact's name is shown when the export gives only its parts (CSV has no FN)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from piiaudit.baseline import contact_identity
from piiaudit.model import Contact, Names, SourceRef


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        (Names(family="Wong", given="Lisa"), "Lisa Wong"),
        (Names(family="Müller", given="Jürgen", middle="K."), "Jürgen K. Müller"),
        (Names(family="山田", given="太郎"), "山田 太郎"),
        (Names(family="ヤマダ", given="タロウ"), "ヤマダ タロウ"),
        (Names(family="김", given="민준"), "김 민준"),
        (Names(family="王", given="Lisa"), "王 Lisa"),  # one East Asian part decides
        (Names(formatted="Wong Lisa", family="Wong", given="Lisa"), "Wong Lisa"),  # FN wins
        (Names(given="Lisa"), "Lisa"),
        (Names(), ""),
    ],
)
def test_name_parts_are_shown_in_the_names_own_order(names: Names, shown: str) -> None:
    assert names.display() == shown


def test_a_baseline_identity_does_not_follow_the_display_order() -> None:
    """Fingerprints made before names were shown given-name first still match."""
    card = replace(
        Contact(source=SourceRef(path="t.csv", index=0, line=2)),
        names=Names(family="Wong", given="Lisa"),
    )
    assert contact_identity(card).startswith("name:wong lisa")
