"""``manifest.json`` can be handed to the company (QA2 A3): it says of the employee's own
contacts only that they exist and where they went, and it still tells ``minimize``
which file ``split`` wrote. All data is fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from handover_setup import CUSTOMER, run_handover, sha256_hex, write_export

from piiaudit.handover.manifest import SplitOutput, split_output
from piiaudit.model import ContactClass

ILL_FRIEND = """BEGIN:VCARD
VERSION:3.0
N:葛西;紗英;;;
FN:葛西 紗英
TEL;TYPE=CELL:090-0000-3002
EMAIL;TYPE=HOME:sae.k@example.com
NOTE:高校の同級生。糖尿病で通院中
END:VCARD
"""
UNDECIDED = """BEGIN:VCARD
VERSION:3.0
N:氷室;琴;;;
FN:氷室 琴
TEL;TYPE=CELL:090-0000-3003
END:VCARD
"""


def test_private_and_review_contacts_are_listed_by_index_and_file_only(tmp_path: Path) -> None:
    export = write_export(tmp_path, CUSTOMER + ILL_FRIEND + UNDECIDED)
    out = tmp_path / "handover"
    result = run_handover("split", str(export), "--out-dir", str(out))
    assert result.exit_code == 0, result.output
    text = (out / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(text)
    assert manifest["manifest_version"] == 6
    entries = manifest["contacts"]
    assert [(e["index"], e["destination"]) for e in entries] == [
        (0, "business"),
        (1, "private"),
        (2, "review"),
    ]
    assert entries[0]["name"] == "高* *" and entries[0]["reasons"]  # the company's contact
    assert entries[1] == {"index": 1, "destination": "private", "file": "private.vcf"}
    assert entries[2] == {"index": 2, "destination": "review", "file": "review.vcf"}
    for leak in ("葛", "氷", "special_care", "personal_email", "JP-CLASS-008"):
        assert leak not in text, leak
    assert manifest["outputs"]["private"]["contacts"] == 1  # counted


def _manifest(folder: Path, outputs: dict[str, object], tool: str = "piiaudit 0.1.0") -> None:
    data = {"manifest_version": 2, "tool": tool, "outputs": outputs}
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def business(tmp_path: Path) -> Path:
    return write_export(tmp_path, CUSTOMER, name="business.vcf")


def test_a_split_output_is_recognised_by_name_and_digest(business: Path) -> None:
    _manifest(
        business.parent, {"business": {"file": "business.vcf", "sha256": sha256_hex(business)}}
    )
    found = split_output(business, lambda: sha256_hex(business))
    assert found == SplitOutput("business", unchanged=True)
    assert found is not None and found.label is ContactClass.BUSINESS


def test_a_changed_split_output_is_recognised_as_changed(business: Path) -> None:
    _manifest(business.parent, {"business": {"file": "business.vcf", "sha256": "0" * 64}})
    assert split_output(business, lambda: sha256_hex(business)) == SplitOutput("business", False)


@pytest.mark.parametrize(
    "manifest",
    [
        None,  # no manifest beside the file
        "{not json",
        json.dumps({"tool": "other 1.0", "outputs": {"business": {"file": "business.vcf"}}}),
        json.dumps({"tool": "piiaudit 0.1.0", "outputs": {"business": {"file": "other.vcf"}}}),
        json.dumps(["piiaudit"]),
    ],
)
def test_anything_else_is_an_export_like_any_other(business: Path, manifest: str | None) -> None:
    if manifest is not None:
        (business.parent / "manifest.json").write_text(manifest, encoding="utf-8")

    def unneeded() -> str:
        raise AssertionError("hashed although no manifest names the file")

    assert split_output(business, unneeded) is None
