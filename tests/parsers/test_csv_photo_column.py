"""A Google CSV's photo column says the contact has a photo, as a vCard PHOTO link does.

Found in blind JP QA (round 4): Google's ``Photo`` column (a link to the picture on
Google's servers) was kept as ``other.Photo``, so the card counted as having no photo
while the same contact exported as a vCard (``PHOTO;VALUE=URI``) had one, and the
link itself stayed in the contact's other fields. All data is fictional.
"""

from __future__ import annotations

import pytest

from parsers.csv_read import read

ROWS = (
    "架空 花子,花子,架空,Mobile,090-0000-4101,https://photos.example.com/contacts/A1B2C3\r\n"
    "例示 太郎,太郎,例示,Mobile,090-0000-4102,\r\n"
)


@pytest.mark.parametrize(
    "header",
    [
        "Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value,Photo\r\n",
        "名前,名,姓,電話 1 - 種類,電話 1 - 値,写真\r\n",
    ],
)
def test_a_photo_link_means_a_photo_and_is_not_kept(header: str) -> None:
    contacts, _ = read((header + ROWS).encode("utf-8"))
    with_link, without = contacts
    assert with_link.photo.present and with_link.photo.bytes == 0
    assert not without.photo.present
    assert "Photo" not in with_link.other and "写真" not in with_link.other
    assert all("photos.example.com" not in v for vs in with_link.other.values() for v in vs)


def test_a_customers_photo_link_is_reported() -> None:
    from piiaudit.engine import Engine, Profile

    header = (
        "Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value,Photo,Organization 1 - Name\r\n"
    )
    rows = "".join(row.replace("\r\n", ",見本商事株式会社\r\n") for row in ROWS.splitlines(True))
    contacts, _ = read((header + rows).encode("utf-8"))
    engine = Engine.from_profile(Profile())
    fired = [{f.rule for f in engine.evaluate(c).findings} for c in contacts]
    assert "CORE-PHOTO-001" in fired[0] and "CORE-PHOTO-001" not in fired[1]
