"""A parse issue stays readable however deep the file's folder is.

Batch runs over collected exports give long paths (``exports/2026/sales/tokyo/
employee-0042/phone-backup.vcf``); the terminal report must still show the
issue's message, not cut it off behind an ellipsis.
"""

from __future__ import annotations

from pathlib import Path

from hostile.run import invoke


def test_issue_message_survives_a_path_wider_than_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / ("exports-collected-from-the-sales-department-" * 2) / "employee-0042"
    folder.mkdir(parents=True)
    source = folder / "phone-backup.vcf"
    source.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kimura Goro\r\n")

    run = invoke("scan", str(source), "--no-color")

    assert run.exit_code == 0
    section = run.stdout.split("== Parse issues ==")[1].split("==")[0]
    # The path is wider than the terminal, so the report wraps it (and maybe the
    # words after it) where it must; the words themselves must all be there.
    assert "line 3:" in " ".join(section.split()), section
    words = iter(section.split())
    message = "card has no END:VCARD; closed at end of file"
    assert all(word in words for word in message.split()), section
