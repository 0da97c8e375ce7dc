"""Crafted hostile inputs, each with the outcome a user is promised.

Every case writes its input into a temporary directory (nothing large lives in
the repository) and states what ``piiaudit scan`` must do with it: the exit
code (0 read, 3 unreadable or read in part), how many contacts are still reported, the
sentence that says why a file was not read, and the parse issue (line and
words) that says what was wrong inside a readable one. All names, numbers and
addresses are fictional.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CRLF = "\r\n"


def card(name: str, *extra: str, version: str = "3.0") -> str:
    """One well-formed fictional card, CRLF line endings, with ``extra`` properties."""
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{name}", *extra, "END:VCARD"]
    return CRLF.join(lines) + CRLF


GOOD = card("Sato Ichiro", "TEL;TYPE=CELL:090-0000-1111")
GOOD2 = card("Suzuki Jiro", "EMAIL;TYPE=HOME:jiro@example.com")


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input and its documented outcome.

    ``error`` is a phrase of the one-sentence reason an unreadable file was not
    read (``None`` when the file is readable); ``issue`` is ``(line, phrase)``
    of a parse issue the report must carry; ``names`` are the formatted names
    ``piiaudit contacts --show-pii`` must read, in order, when decoding matters.
    """

    name: str
    build: Callable[[Path], Path]
    exit_code: int
    contacts: int
    error: str | None = None
    issue: tuple[int, str] | None = None
    names: tuple[str | None, ...] | None = None


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return build


def _png() -> bytes:
    """A real 1x1 PNG, built by hand (signature, IHDR, IDAT, IEND)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    idat = zlib.compress(b"\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("contacts.vcf", GOOD)
    return buffer.getvalue()


def _utf16_no_bom(codec: str) -> bytes:
    return (GOOD + GOOD2).encode(codec)


def _csv(header: str, *rows: str) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


JP_UTF8 = "".join(
    card(n, "NOTE:自宅の電話") for n in ("山田 花子", "佐藤 一郎", "高橋 三郎")
).encode()
JP_CP932 = "".join(card(n, "NOTE:ゴルフ仲間") for n in ("鈴木 次郎", "田中 四郎")).encode("cp932")

GOOGLE_HEADER = "Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value"

VCARD_CASES: list[Case] = [
    Case(
        # Cut inside a line of the last card: that contact lacks the rest (hostile QA F7).
        "truncated-mid-card",
        _write("t.vcf", (GOOD + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tanaka Sa").encode()),
        3,
        2,
        issue=(8, "no END:VCARD"),
    ),
    Case(
        "truncated-mid-fold",
        _write("t.vcf", (GOOD + "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:first part\r\n ").encode()),
        0,
        2,
        issue=(9, "no END:VCARD"),
    ),
    Case(
        "card-without-end-then-next-card",
        _write("e.vcf", (GOOD.replace("END:VCARD\r\n", "") + GOOD2).encode()),
        0,
        2,
        issue=(5, "no END:VCARD"),
    ),
    Case(
        "begin-inside-begin",
        _write(
            "n.vcf",
            ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Outer Person\r\n" + GOOD + "END:VCARD\r\n").encode(),
        ),
        0,
        2,
        issue=(4, "no END:VCARD"),
    ),
    Case(
        "begin-nested-500-deep",
        _write("deep.vcf", ("BEGIN:VCARD\r\nVERSION:2.1\r\n" * 500 + "FN:Deep\r\n").encode()),
        0,
        500,
        issue=(1001, "no END:VCARD"),
    ),
    Case(
        "end-without-begin",
        _write("eb.vcf", ("END:VCARD\r\n" + GOOD + "END:VCARD\r\n").encode()),
        0,
        1,
        issue=(1, "END:VCARD"),
    ),
    Case(
        "card-cut-off-at-the-top",  # QA: sniffed as CSV, or its lines skipped with exit 0
        _write(
            "cut.vcf",
            (
                "TEL;TYPE=CELL:090-0000-1112\r\nEMAIL:cut@example.com\r\nNOTE:at the top\r\n"
                "ADR:;;1-2-3 Fictional;Minato-ku;Tokyo;;\r\nFN:Ito Goro\r\nEND:VCARD\r\n"
                + GOOD
                + GOOD2
            ).encode(),
        ),
        3,  # the contact lacks its first lines: the audit of the file is incomplete
        3,
        issue=(1, "cut off at the top"),
    ),
    Case(
        "property-without-colon",
        _write("pc.vcf", GOOD.replace("FN:Sato Ichiro", "FN:Sato Ichiro\r\nNOCOLONHERE").encode()),
        0,  # read as a note: kept, nothing lost (review 13)
        1,
        issue=(4, "without ':'"),
    ),
    Case(
        "nul-bytes-in-value",
        _write(
            "nul.vcf", (GOOD.replace("FN:Sato Ichiro", "FN:Sato\x00\x00Ichiro") + GOOD2).encode()
        ),
        0,
        2,
    ),
    Case(
        "invalid-utf8-in-utf8-file",
        _write("bad8.vcf", JP_UTF8.replace("佐藤".encode(), "佐".encode() + b"\xe8\x97\xff", 1)),
        0,
        3,
        issue=(8, "not valid"),
        names=("山田 花子", None, "高橋 三郎"),
    ),
    Case(
        "mixed-utf8-and-cp932-cards",
        _write("mixed.vcf", JP_UTF8 + JP_CP932),
        0,
        5,
        names=("山田 花子", "佐藤 一郎", "高橋 三郎", "鈴木 次郎", "田中 四郎"),
    ),
    Case(
        "utf16le-without-bom",
        _write("u16le.vcf", _utf16_no_bom("utf-16-le")),
        0,
        2,
        names=("Sato Ichiro", "Suzuki Jiro"),
    ),
    Case(
        "utf16be-without-bom",
        _write("u16be.vcf", _utf16_no_bom("utf-16-be")),
        0,
        2,
        names=("Sato Ichiro", "Suzuki Jiro"),
    ),
    Case("utf16-with-bom", _write("u16.vcf", _utf16_no_bom("utf-16")), 0, 2),
    Case("utf8-bom", _write("bom.vcf", b"\xef\xbb\xbf" + (GOOD + GOOD2).encode()), 0, 2),
    Case(
        "cr-only-line-endings",
        _write("cr.vcf", (GOOD + GOOD2).replace("\r\n", "\r").encode()),
        0,
        2,
    ),
    Case(
        "lf-only-line-endings",
        _write("lf.vcf", (GOOD + GOOD2).replace("\r\n", "\n").encode()),
        0,
        2,
    ),
    Case(
        "bad-quoted-printable",
        _write(
            "qp.vcf",
            (
                "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:=ZZ=E5=B1=\r\n"
                "NOTE;ENCODING=QUOTED-PRINTABLE:soft break at end=\r\nEND:VCARD\r\n" + GOOD
            ).encode(),
        ),
        0,
        2,
    ),
    Case(
        "bad-base64-photo",
        _write(
            "b64.vcf",
            GOOD.replace(
                "END:VCARD", "PHOTO;ENCODING=b;TYPE=JPEG:!!!not*base64***\r\nEND:VCARD"
            ).encode(),
        ),
        0,
        1,
    ),
    Case(
        "unknown-version",
        _write("v9.vcf", card("Kato Saburo", version="9.9").encode()),
        0,
        1,
    ),
    Case(
        "no-version-line",
        _write("nov.vcf", b"BEGIN:VCARD\r\nFN:Ito Shiro\r\nEND:VCARD\r\n"),
        0,
        1,
    ),
    Case(
        "ten-thousand-parameters",
        _write(
            "params.vcf",
            GOOD.replace("TEL;TYPE=CELL", "TEL" + ";TYPE=CELL" * 10_000).encode(),
        ),
        0,
        1,
    ),
    Case(
        "overlong-property-name",
        _write("pname.vcf", GOOD.replace("FN:", "X-" + "A" * 200_000 + ":v\r\nFN:").encode()),
        0,
        1,
    ),
    Case(
        "two-thousand-empty-cards",
        _write("many.vcf", b"BEGIN:VCARD\r\nEND:VCARD\r\n" * 2_000),
        0,
        2_000,
    ),
    Case(
        "escape-sequences-in-name",
        _write("esc.vcf", card("\x1b]0;pwned\x07Evil \x1b[2J\x9bName\r").encode()),
        0,
        1,
    ),
    Case(
        "junk-before-first-card",
        _write("junk.vcf", ("%%% not a card\r\n" * 5 + GOOD).encode()),
        0,
        1,
    ),
]

CSV_CASES: list[Case] = [
    Case(
        "csv-unbalanced-quote",
        _write(
            "q.csv",
            _csv(
                GOOGLE_HEADER,
                "Sato Ichiro,Ichiro,Sato,Mobile,090-0000-1111",
                '"Broken Quote,Broken,Quote,Mobile,090-0000-2222',
                "Suzuki Jiro,Jiro,Suzuki,Mobile,090-0000-3333",
            ),
        ),
        0,
        3,
        issue=(3, "unbalanced quote"),
    ),
    Case(
        "csv-ten-thousand-columns",
        _write(
            "wide.csv",
            _csv(
                GOOGLE_HEADER + "".join(f",Custom {i}" for i in range(10_000)),
                "Sato Ichiro,Ichiro,Sato,Mobile,090-0000-1111" + ",x" * 10_000,
            ),
        ),
        3,  # read in part: the cells past the limit were not read
        1,
        issue=(1, "only the first 2000 were read"),
    ),
    Case("csv-header-only", _write("h.csv", _csv(GOOGLE_HEADER)), 0, 0),
    Case(
        # QA round 16: one row without a delimiter among three made a short header-less
        # file "no vCard or CSV contacts found"; every contact was lost.
        "csv-headerless-row-without-delimiter",
        _write(
            "odd.csv",
            _csv(
                "Sato Ichiro,090-0000-1111,ichiro@example.com",
                "Suzuki Jiro,090-0000-2222,jiro@example.com",
                "=1+1",
                "Takahashi Saburo,090-0000-3333,saburo@example.com",
            ),
        ),
        0,
        4,
        issue=(3, "row has 1 cell"),
    ),
    Case(
        "csv-extra-fields",
        _write(
            "x.csv",
            _csv(GOOGLE_HEADER, "Sato Ichiro,Ichiro,Sato,Mobile,090-0000-1111,extra,more,fields"),
        ),
        0,
        1,
        issue=(2, ""),
    ),
    Case(
        "csv-nul-bytes",
        _write(
            "nul.csv",
            _csv(GOOGLE_HEADER, "Sato\x00Ichiro,Ichiro,Sato,Mobile,090-0000-1111"),
        ),
        0,
        1,
    ),
    Case(
        "csv-invalid-utf8",
        _write(
            "bad8.csv",
            _csv(GOOGLE_HEADER, "Sato Ichiro,Ichiro,Sato,Mobile,090-0000-1111").replace(
                b"Ichiro,Sato", b"Ichiro\xff\xfe,Sato"
            ),
        ),
        0,
        1,
    ),
    Case(
        "csv-utf16le-without-bom",
        _write(
            "u16.csv",
            (
                "\r\n".join([GOOGLE_HEADER, "Sato Ichiro,Ichiro,Sato,Mobile,090-0000-1111"])
                + "\r\n"
            ).encode("utf-16-le"),
        ),
        0,
        1,
    ),
    Case(
        "csv-bare-cr-in-quoted-field",
        _write(
            "cr.csv",
            _csv(GOOGLE_HEADER, '"Sato\rIchiro",Ichiro,Sato,Mobile,090-0000-1111'),
        ),
        0,
        1,
    ),
]

FILE_CASES: list[Case] = [
    Case("empty-file", _write("empty.vcf", b""), 3, 0, error="is empty"),
    Case("whitespace-only", _write("ws.vcf", b" \r\n\t\r\n" * 100), 3, 0, error="only whitespace"),
    Case("zip-archive", _write("contacts.vcf", _zip()), 3, 0, error="ZIP archive"),
    Case("png-image", _write("contacts.csv", _png()), 3, 0, error="PNG image"),
    Case("gzip", _write("contacts.vcf.gz", b"\x1f\x8b\x08\x00" + bytes(40)), 3, 0, error="gzip"),
    Case("random-binary", _write("r.vcf", bytes(range(256)) * 64), 3, 0, error="binary"),
    Case(
        "plain-prose",
        _write("p.vcf", b"Dear colleague,\nplease find attached.\n"),
        3,
        0,
        error="no vCard or CSV",
    ),
]

ALL_CASES = VCARD_CASES + CSV_CASES + FILE_CASES
