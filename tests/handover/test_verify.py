"""``piiaudit verify``'s logic (handover/verify.py, handover/verify_match.py): each contact
of a new export of the phone placed against the folder ``split`` wrote.

docs/handover.md step 5 told the employee to check the new export with ``scan``, which
knows nothing of the hand-over: a contact decided private in review by ``index:`` came back
as unknown, and nothing said which handed-over contact was still there. Every test here
splits a fictional export first, as the user does, then checks a new export crafted from
it. All names, numbers and addresses are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handover_setup import run_handover, write_export, write_overrides

from piiaudit.engine import Engine
from piiaudit.errors import ConfigError, InputError
from piiaudit.handover.policy import shipped_policy
from piiaudit.handover.verify import (
    BUSINESS,
    PRIVATE,
    REVIEW,
    Verification,
    numbers_region,
    open_folder,
    personal_numbers,
    read_reference,
    require_export,
    verify,
)
from piiaudit.handover.verify_match import EMAIL, NAME, PHONE, UID
from piiaudit.model import ContactClass
from piiaudit.parsers import ParseOptions

TAKAHASHI = """BEGIN:VCARD
VERSION:3.0
UID:0f6c1a52-0000-4000-8000-000000000001
N:高橋;誠;;;
FN:高橋 誠
ORG:株式会社サンプル物産
TITLE:部長
TEL;TYPE=WORK:03-5550-2001
TEL;TYPE=CELL:090-0000-1234
EMAIL;TYPE=WORK:makoto.takahashi@example.co.jp
END:VCARD
"""
# 鈴木 and 伊藤 share their company's switchboard, 03-5550-2000.
SUZUKI = """BEGIN:VCARD
VERSION:3.0
N:鈴木;一郎;;;
FN:鈴木 一郎
ORG:株式会社サンプル物産
TITLE:課長
TEL;TYPE=WORK:03-5550-2000
EMAIL;TYPE=WORK:ichiro.suzuki@example.co.jp
END:VCARD
"""
ITO = """BEGIN:VCARD
VERSION:3.0
N:伊藤;恵;;;
FN:伊藤 恵
ORG:テスト工業株式会社
TITLE:主任
TEL;TYPE=WORK:03-5550-2000
TEL;TYPE=CELL:090-0000-5678
EMAIL;TYPE=WORK:megumi.ito@example.com
END:VCARD
"""
WATANABE = """BEGIN:VCARD
VERSION:3.0
N:渡辺;修;;;
FN:渡辺 修
ORG:見本商事株式会社
TITLE:営業
TEL;TYPE=WORK:06-5550-3001
EMAIL;TYPE=WORK:osamu.watanabe@example.net
END:VCARD
"""
MOTHER = """BEGIN:VCARD
VERSION:3.0
N:佐藤;花子;;;
FN:お母さん
TEL;TYPE=CELL:080-0000-3333
CATEGORIES:家族
END:VCARD
"""
# Unknown to the rules; the owner answers "private" for it by index (index:5).
NEIGHBOUR = "BEGIN:VCARD\nVERSION:3.0\nN:Kowalski;;;;\nFN:Kowalski\nEND:VCARD\n"
# Unknown to the rules, and left for review.
UNDECIDED = "BEGIN:VCARD\nVERSION:3.0\nN:Nowak;;;;\nFN:Nowak\nEND:VCARD\n"
EXPORT = TAKAHASHI + SUZUKI + ITO + WATANABE + MOTHER + NEIGHBOUR + UNDECIDED
BY_INDEX = "overrides:\n  - {contact: 'index:5', class: private, reason: my neighbour}\n"

# The new export, after a deletion that missed three of the four customers.
STILL_BY_UID = """BEGIN:VCARD
VERSION:3.0
UID:0f6c1a52-0000-4000-8000-000000000001
FN:高橋部長
END:VCARD
"""
STILL_BY_NAME = "BEGIN:VCARD\nVERSION:3.0\nFN:鈴木一郎\nEND:VCARD\n"
STILL_BY_NUMBER = "BEGIN:VCARD\nVERSION:3.0\nFN:伊藤さん\nTEL;TYPE=CELL:090-0000-5678\nEND:VCARD\n"
NEW_COLLEAGUE = """BEGIN:VCARD
VERSION:3.0
FN:中村 健
ORG:株式会社サンプル物産
TITLE:係長
TEL;TYPE=WORK:03-5550-2000
EMAIL;TYPE=WORK:ken.nakamura@example.co.jp
END:VCARD
"""
SISTER = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:妹\nTEL;TYPE=CELL:080-0000-4444\nCATEGORIES:家族\nEND:VCARD\n"
)
# Only 渡辺's office line, under another name: a landline tells nobody apart.
RECEPTION = "BEGIN:VCARD\nVERSION:3.0\nFN:受付\nTEL:06-5550-3001\nEND:VCARD\n"


def _split(tmp_path: Path, text: str = EXPORT, *args: str, name: str = "export.vcf") -> Path:
    export = write_export(tmp_path, text, name)
    overrides = write_overrides(tmp_path, BY_INDEX, "decided.yaml")
    out = tmp_path / "handover"
    result = run_handover(
        "split", str(export), "--out-dir", str(out), "--override", str(overrides), *args
    )
    assert result.exit_code == 0, result.output
    return out


def _verify(
    out: Path,
    text: str,
    engine: Engine,
    *,
    name: str = "new.vcf",
    region: str | None = None,
) -> Verification:
    """What the command does, without its printing: the folder, the region the manifest
    records, the three files, then the new export placed contact by contact."""
    new = write_export(out.parent, text, name)
    folder = open_folder(out, "en")
    require_export(str(new), folder, "en")
    numbers_in, _ = numbers_region(region, folder.business, "en")
    options = ParseOptions(region=(numbers_in or "JP").upper(), region_given=True)
    reference = read_reference(folder, options, "en")
    return verify(str(new), reference, engine, options, personal_numbers(shipped_policy()))


def _placed(result: Verification) -> dict[str, str | None]:
    return {c.contact.display_name(): c.placed.pile for c in result.checked}


@pytest.fixture
def after_deletion(tmp_path: Path, engine: Engine) -> Verification:
    out = _split(tmp_path)
    new = (
        STILL_BY_UID
        + STILL_BY_NAME
        + STILL_BY_NUMBER
        + MOTHER
        + NEIGHBOUR
        + UNDECIDED
        + NEW_COLLEAGUE
        + SISTER
    )
    return _verify(out, new, engine)


def test_each_contact_goes_where_the_hand_over_put_it(after_deletion: Verification) -> None:
    assert _placed(after_deletion) == {
        "高橋部長": BUSINESS,
        "鈴木一郎": BUSINESS,
        "伊藤さん": BUSINESS,
        "お母さん": PRIVATE,
        "Kowalski": PRIVATE,  # decided private by index: in the old export, and in private.vcf
        "Nowak": REVIEW,
        "中村 健": None,
        "妹": None,
    }
    assert after_deletion.reference.counts == {BUSINESS: 4, REVIEW: 1, PRIVATE: 2}
    assert not after_deletion.clean


def test_a_contact_still_there_by_uid_alone(after_deletion: Verification) -> None:
    (takahashi, *_) = after_deletion.of(BUSINESS)
    assert takahashi.placed.best is not None
    assert [e.kind for e in takahashi.placed.best.strong()] == [UID]
    assert takahashi.contact.source.line == 1


def test_a_contact_still_there_by_its_name_only_says_so(after_deletion: Verification) -> None:
    suzuki = after_deletion.of(BUSINESS)[1]
    assert suzuki.placed.best is not None
    assert suzuki.placed.best.name_only()
    assert suzuki.placed.best.card.contact.display_name() == "鈴木 一郎"


def test_a_renamed_contact_still_there_by_its_mobile(after_deletion: Verification) -> None:
    ito = after_deletion.of(BUSINESS)[2]
    assert ito.placed.best is not None
    evidence = ito.placed.best.strong()
    assert [(e.kind, e.value) for e in evidence] == [(PHONE, "090-0000-5678")]
    assert ito.placed.best.card.contact.display_name() == "伊藤 恵"


def test_a_deleted_contact_is_counted_gone(after_deletion: Verification) -> None:
    # 渡辺 is not in the new export: three of the four handed-over cards are left.
    assert after_deletion.left(BUSINESS) == 3
    cards = {
        c.placed.best.card.contact.display_name()
        for c in after_deletion.of(BUSINESS)
        if c.placed.best
    }
    assert "渡辺 修" not in cards


def test_kept_and_review_contacts_are_not_failures(after_deletion: Verification) -> None:
    assert len(after_deletion.of(PRIVATE)) == 2
    assert len(after_deletion.of(REVIEW)) == 1
    assert after_deletion.left(REVIEW) == 1


def test_a_new_business_looking_contact_is_classified_and_fails(
    after_deletion: Verification,
) -> None:
    (colleague,) = after_deletion.new(ContactClass.BUSINESS)
    assert colleague.contact.display_name() == "中村 健"
    # The company's switchboard, which 鈴木 and 伊藤 share, is weak evidence: shown only.
    assert [(e.kind, e.shared) for e in colleague.placed.weak] == [(PHONE, 2)]
    (sister,) = after_deletion.new(ContactClass.PRIVATE)
    assert sister.contact.display_name() == "妹" and not sister.placed.weak


def test_a_clean_phone_passes(tmp_path: Path, engine: Engine) -> None:
    out = _split(tmp_path)
    result = _verify(out, MOTHER + NEIGHBOUR + UNDECIDED + SISTER, engine)
    assert result.clean
    assert result.left(BUSINESS) == 0
    assert not result.new(ContactClass.BUSINESS, ContactClass.UNKNOWN)


def test_a_landline_under_another_name_is_weak(tmp_path: Path, engine: Engine) -> None:
    out = _split(tmp_path)
    result = _verify(out, RECEPTION, engine)
    (reception,) = result.checked
    assert reception.placed.pile is None  # not reported as 渡辺 still on the phone
    (link,) = reception.placed.weak
    assert (link.kind, link.other_name, link.strong) == (PHONE, True, False)
    assert reception.label is not ContactClass.PRIVATE
    assert result.clean  # unknown is listed to decide, but only business fails


def test_an_e_mail_address_is_evidence(tmp_path: Path, engine: Engine) -> None:
    out = _split(tmp_path)
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:O. W.\nEMAIL:Osamu.Watanabe@Example.net\nEND:VCARD\n"
    result = _verify(out, text, engine)
    (watanabe,) = result.of(BUSINESS)
    assert watanabe.placed.best is not None
    assert [e.kind for e in watanabe.placed.best.strong()] == [EMAIL]


def test_a_namesake_kept_by_the_owner_is_a_tie_reported_as_still_there(
    tmp_path: Path, engine: Engine
) -> None:
    """One name, a customer's card and a card of the owner's: a contact that shares only
    the name with both may be the customer, and is reported so, saying it is a tie."""
    friend = "BEGIN:VCARD\nVERSION:3.0\nFN:鈴木 一郎\nCATEGORIES:友人\nEND:VCARD\n"
    overrides = "overrides:\n  - {contact: 'index:1', class: private, reason: school friend}\n"
    export = write_export(tmp_path, SUZUKI + friend)
    pinned = write_overrides(tmp_path, overrides, "pinned.yaml")
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "-d", str(out), "--override", str(pinned))
    assert result.exit_code == 0, result.output
    checked = _verify(out, STILL_BY_NAME, engine)
    (namesake,) = checked.of(BUSINESS)
    assert namesake.placed.ties == (PRIVATE,)
    assert namesake.placed.best is not None and namesake.placed.best.name_only()


def test_a_csv_hand_over(tmp_path: Path, engine: Engine) -> None:
    """A CSV export is split into CSV files (business.csv ...); the new export may be a
    vCard now: both are read into the same contacts."""
    header = "Name,Given Name,Family Name,Organization 1 - Name,Organization 1 - Title,"
    header += "Phone 1 - Type,Phone 1 - Value,E-mail 1 - Type,E-mail 1 - Value,Group Membership\n"
    rows = (
        "高橋 誠,誠,高橋,株式会社サンプル物産,部長,Work,03-5550-2001,Work,"
        "makoto.takahashi@example.co.jp,* myContacts\n"
        "お母さん,花子,佐藤,,,Mobile,080-0000-3333,,,* myContacts ::: 家族\n"
    )
    out = _split(tmp_path, header + rows, name="contacts.csv")
    assert (out / "business.csv").is_file() and not (out / "business.vcf").exists()
    folder = open_folder(out, "en")
    assert folder.files[BUSINESS].name == "business.csv"
    new = "BEGIN:VCARD\nVERSION:3.0\nFN:高橋誠\nTEL;TYPE=WORK:0355502001\nEND:VCARD\n" + MOTHER
    result = _verify(out, new, engine)
    assert _placed(result) == {"高橋誠": BUSINESS, "お母さん": PRIVATE}
    (takahashi,) = result.of(BUSINESS)
    assert takahashi.placed.best is not None
    assert [e.kind for e in takahashi.placed.best.strong()] == [NAME, PHONE]
    csv_new = _verify(out, header + rows.splitlines(keepends=True)[1], engine, name="new.csv")
    assert _placed(csv_new) == {"お母さん": PRIVATE}


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n" + bytes(16)])
def test_an_unreadable_new_export_is_an_input_error(
    tmp_path: Path, engine: Engine, content: bytes
) -> None:
    out = _split(tmp_path)
    new = tmp_path / "new.vcf"
    new.write_bytes(content)
    folder = open_folder(out, "en")
    options = ParseOptions()
    reference = read_reference(folder, options, "en")
    with pytest.raises(InputError):
        verify(str(new), reference, engine, options, personal_numbers(shipped_policy()))


DUTCH = """BEGIN:VCARD
VERSION:3.0
FN:Jan de Vries
ORG:Voorbeeld B.V.
TITLE:Inkoper
TEL;TYPE=CELL:06-12345678
EMAIL;TYPE=WORK:jan.devries@example.nl
END:VCARD
"""


def test_numbers_are_read_in_the_region_the_manifest_records(
    tmp_path: Path, engine: Engine
) -> None:
    out = _split(tmp_path, DUTCH, "--region", "NL")
    folder = open_folder(out, "en")
    region, note = numbers_region(None, folder.business, "en")
    assert region == "NL" and "NL" in note
    renamed = "BEGIN:VCARD\nVERSION:3.0\nFN:Jan (werk)\nTEL;TYPE=CELL:06 1234 5678\nEND:VCARD\n"
    result = _verify(out, renamed, engine)
    (jan,) = result.of(BUSINESS)
    assert jan.placed.best is not None
    assert [e.kind for e in jan.placed.best.strong()] == [PHONE]
    # Read as a Japanese number, 06-1234-5678 is an Osaka landline: no match at all.
    options = ParseOptions(region="JP", region_given=True)
    reference = read_reference(folder, ParseOptions(region="NL", region_given=True), "en")
    new = out.parent / "new.vcf"
    as_jp = verify(str(new), reference, engine, options, personal_numbers(shipped_policy()))
    assert not as_jp.of(BUSINESS)


def test_a_region_the_manifest_contradicts_is_refused(tmp_path: Path) -> None:
    out = _split(tmp_path, DUTCH, "--region", "NL")
    folder = open_folder(out, "en")
    with pytest.raises(ConfigError, match="read as NL numbers"):
        numbers_region("JP", folder.business, "en")
    assert numbers_region("nl", folder.business, "en") == ("nl", "")


def test_the_old_export_is_no_new_export(tmp_path: Path) -> None:
    out = _split(tmp_path)
    folder = open_folder(out, "en")
    with pytest.raises(ConfigError, match="not a new export"):
        require_export(str(tmp_path / "export.vcf"), folder, "en")
    with pytest.raises(ConfigError, match="not a new export"):
        require_export(str(out / "business.vcf"), folder, "en")
    # With only the owner's cards left, a phone may export the very bytes of private.vcf.
    require_export(str(out / "private.vcf"), folder, "en")


def test_a_folder_without_a_business_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such folder"):
        open_folder(tmp_path / "handover", "en")
    (tmp_path / "handover").mkdir()
    with pytest.raises(ConfigError, match=r"holds no business\.vcf"):
        open_folder(tmp_path / "handover", "en")


def test_a_missing_private_file_is_said(tmp_path: Path, engine: Engine) -> None:
    out = _split(tmp_path)
    (out / "private.vcf").unlink()
    result = _verify(out, MOTHER, engine)
    assert any("private.vcf is missing" in w for w in result.reference.warnings)
    assert _placed(result) == {"お母さん": None}  # checked as a new contact


def test_nothing_is_changed(tmp_path: Path, engine: Engine) -> None:
    out = _split(tmp_path)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _verify(out, STILL_BY_UID + MOTHER, engine)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
