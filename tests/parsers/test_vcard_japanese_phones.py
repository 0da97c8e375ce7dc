"""vCard shapes of phones used in Japan that earlier readers got wrong (all data fictional).

Every card is built here from invented names and numbers (架空 …, 090-0000-…), read
both ways (the fast path for plain cards and the general reader), which must agree.
"""

from __future__ import annotations

import io

import pytest

from piiaudit.model import Contact, FileInfo
from piiaudit.parsers import ParseOptions
from piiaudit.parsers.encoding import HEAD_BYTES
from piiaudit.parsers.sniff import sniff
from piiaudit.parsers.vcard_stream import read_vcard


def read(data: bytes) -> tuple[list[Contact], FileInfo]:
    """The contacts and file info of ``data``, after checking both reading paths agree."""
    results = []
    for fast in (True, False):
        verdict = sniff(data[:HEAD_BYTES])
        info = FileInfo(
            path="export.vcf", format=verdict.format, encoding=verdict.detected.encoding
        )
        contacts = list(
            read_vcard(io.BytesIO(data), info, verdict.detected, ParseOptions(), fast=fast)
        )
        results.append((contacts, info))
    assert results[0] == results[1]
    return results[0]


def qp(text: str, charset: str) -> str:
    """Every byte of ``text`` in ``charset`` as quoted-printable, as phones write it."""
    return "".join(f"={byte:02X}" for byte in text.encode(charset))


@pytest.mark.parametrize("padding", [" ", "\t", "  \t"])
@pytest.mark.parametrize("charset", ["SHIFT_JIS", "UTF-8"])
def test_soft_break_followed_by_transport_padding(padding: str, charset: str) -> None:
    # RFC 2045 6.7: white space after the '=' of a soft line break is transport padding
    # that a reader must accept (a mail relay or an editor adds it). Read as data, the
    # value's first line lost its continuation: the name was mojibake and the rest of
    # the name became a note line of its own.
    python_charset = "cp932" if charset == "SHIFT_JIS" else "utf-8"
    family = qp("架空", python_charset)
    given = qp("花子", python_charset)
    note = qp("取引先の担当者", python_charset)
    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"N;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{family[:7]}={padding}",
        f"{family[7:]};{given};;;",
        f"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET={charset}:{note[:12]}={padding}",
        f"{note[12:24]}={padding}",
        f"{note[24:]}",
        "TEL;CELL:090-0000-1234",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:Kakuu;Jiro;;;",
        "TEL;HOME:03-0000-1234",
        "END:VCARD",
    ]
    contacts, info = read(("\r\n".join(lines) + "\r\n").encode("ascii"))
    assert [(c.names.family, c.names.given) for c in contacts] == [
        ("架空", "花子"),
        ("Kakuu", "Jiro"),
    ]
    assert contacts[0].notes == ("取引先の担当者",)
    assert [p.value for p in contacts[0].phones] == ["090-0000-1234"]
    assert info.issues == []
