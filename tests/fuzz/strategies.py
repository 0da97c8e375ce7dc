"""Hypothesis strategies for hostile contact exports and rule packs.

Shared by the bounded fuzz tests in this folder and by the long campaign
(``fuzz/run_campaign.py``). Inputs are built from the grammar a reader expects
(cards and properties, CSV headers and rows, rule documents) and then broken
in the ways real exports and attackers break them: odd line endings, folds in
the wrong place, every parameter a phone writes plus nonsense ones, bytes in
other encodings, truncation and random byte damage. All values are fictional.
"""

from __future__ import annotations

from hypothesis import strategies as st

PROPERTY_NAMES = [
    "FN", "N", "TEL", "EMAIL", "ADR", "NOTE", "BDAY", "ANNIVERSARY", "ORG", "TITLE",
    "PHOTO", "LOGO", "CATEGORIES", "URL", "RELATED", "AGENT", "NICKNAME", "UID", "LABEL",
    "X-PHONETIC-FIRST-NAME", "X-ABLabel", "X-CUSTOM", "item1.TEL", "item1.X-ABLabel",
    "BEGIN", "END", "VERSION", "SORT-STRING", "KIND", "GENDER", "IMPP", "X-SOCIALPROFILE",
]  # fmt: skip
PARAMS = [
    ";TYPE=CELL", ";TYPE=HOME", ";TYPE=WORK,VOICE", ';TYPE="home,work"', ";CELL", ";HOME",
    ";ENCODING=QUOTED-PRINTABLE", ";ENCODING=b", ";ENCODING=BASE64", ";BASE64",
    ";CHARSET=SHIFT_JIS", ";CHARSET=UTF-8", ";CHARSET=bogus", ";CHARSET=", ";VALUE=uri",
    ';LABEL="1-2-3 Example\\nTokyo"', ";PREF=1", ";TYPE=", ";=", ";;", ';X-A="unclosed',
    ";SORT-AS=\"ヤマダ,タロウ\"", ";LANGUAGE=ja",
]  # fmt: skip
VALUES = [
    "090-0000-1111", "+81 3-0000-2222", "tel:+819000003333", "person@example.com",
    ";;1-2-3 Example;Chiyoda;Tokyo;100-0001;Japan", "Yamada;Taro;;;", "山田 太郎", "ﾔﾏﾀﾞ ﾀﾛｳ",
    "1980-01-01", "--0102", "20240101T000000Z", "=E5=B1=B1=E7=94=B0=", "=ZZ=\r\n",
    "iVBORw0KGgo=", "!!!!not-base64", "secret: hunter2", "4111 1111 1111 1111",
    "\\n\\,\\;\\\\", "a\\", "\x00\x01\x1b[2J\x7f\x9b", "\u202eexe.txt",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-16", "cp932", "latin-1"]
NEWLINES = ["\r\n", "\n", "\r"]

_text = st.text(max_size=40)
_any_value = st.one_of(st.sampled_from(VALUES), _text)


@st.composite
def _property(draw: st.DrawFn) -> str:
    name = draw(st.one_of(st.sampled_from(PROPERTY_NAMES), st.text(max_size=12)))
    params = "".join(draw(st.lists(st.one_of(st.sampled_from(PARAMS), _text), max_size=4)))
    separator = draw(st.sampled_from([":", ":", ":", "", "::", ";:"]))
    return f"{name}{params}{separator}{draw(_any_value)}"


@st.composite
def _card(draw: st.DrawFn) -> list[str]:
    version = draw(st.sampled_from(["2.1", "3.0", "4.0", "9.9", ""]))
    lines = [] if draw(st.integers(0, 9)) == 0 else ["BEGIN:VCARD"]
    if version:
        lines.append(f"VERSION:{version}")
    lines += draw(st.lists(_property(), max_size=10))
    if draw(st.integers(0, 5)):
        lines.append("END:VCARD")
    return lines


def _fold(draw: st.DrawFn, line: str, newline: str) -> str:
    if len(line) < 4 or not draw(st.booleans()):
        return line
    cut = draw(st.integers(1, len(line) - 1))
    return line[:cut] + newline + draw(st.sampled_from([" ", "\t", ""])) + line[cut:]


def _encode(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace" if encoding != "cp932" else "ignore")


def _damage(draw: st.DrawFn, data: bytes) -> bytes:
    """Truncate, or splice random bytes in, or leave alone."""
    how = draw(st.integers(0, 3))
    if how == 1 and data:
        return data[: draw(st.integers(0, len(data)))]
    if how == 2:
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(max_size=16)) + data[at:]
    return data


@st.composite
def vcard_exports(draw: st.DrawFn) -> bytes:
    """A vCard export as bytes: zero or more (possibly broken) cards, then damage.

    One line-end style for the whole export, or (as in exports concatenated from
    several phones) a style drawn for each card."""
    newline = draw(st.sampled_from(NEWLINES))
    per_card = draw(st.integers(0, 3)) == 0
    folded: list[str] = []
    for card in draw(st.lists(_card(), max_size=4)):
        if per_card:
            newline = draw(st.sampled_from(NEWLINES))
        folded += [_fold(draw, line, newline) + newline for line in card]
    text = "".join(folded)
    if text and not draw(st.booleans()):
        text = text.removesuffix(newline)
    return _damage(draw, _encode(draw, text))


GOOGLE = [
    "Name", "Given Name", "Family Name", "Phone 1 - Type", "Phone 1 - Value",
    "E-mail 1 - Type", "E-mail 1 - Value", "Notes", "Birthday", "Organization 1 - Name",
]  # fmt: skip
OUTLOOK = [
    "First Name", "Last Name", "Mobile Phone", "Home Phone", "E-mail Address",
    "Home Street", "Company", "Job Title", "Notes", "Birthday",
]  # fmt: skip
OUTLOOK_JA = [
    "姓",
    "名",
    "携帯電話",
    "自宅電話",
    "電子メール アドレス",
    "自宅住所",
    "会社名",
    "メモ",
]


@st.composite
def _cell(draw: st.DrawFn, delimiter: str) -> str:
    value = draw(st.one_of(st.sampled_from(VALUES), _text, st.just("")))
    style = draw(st.integers(0, 4))
    if style == 1:
        return '"' + value.replace('"', '""') + '"'
    if style == 2:
        return '"' + value  # an unbalanced quote
    if style == 3:
        return f'"{value}{delimiter}\n{value}"'  # a quoted cell over two lines
    return value


@st.composite
def csv_exports(draw: st.DrawFn) -> bytes:
    """A CSV export as bytes: a known or random header, ragged rows, then damage."""
    delimiter = draw(st.sampled_from([",", ",", ";", "\t"]))
    header = draw(
        st.one_of(
            st.sampled_from([GOOGLE, OUTLOOK, OUTLOOK_JA]),
            st.lists(st.text(min_size=1, max_size=15), min_size=1, max_size=8),
        )
    )
    rows = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 6))):
        width = draw(st.integers(0, len(header) + 2))
        rows.append(delimiter.join(draw(_cell(delimiter)) for _ in range(width)))
    newline = draw(st.sampled_from(NEWLINES))
    text = newline.join(rows) + (newline if draw(st.booleans()) else "")
    if draw(st.booleans()):
        text = f"sep={delimiter}{newline}" + text
    return _damage(draw, _encode(draw, text))


RULE_KEYS = ["id", "name", "description", "category", "severity", "applies_to", "detect",
             "message", "recommendation", "references", "examples", "confidence", "hotwords",
             "evidence", "requires", "override", "report", "bogus"]  # fmt: skip
DETECTORS = ["regex", "keywords", "present", "phone", "email", "composite", "nonexistent"]
SCALARS = ["", "~", "null", "true", "1e999", "-1", "0x10", "'(a+)+$'", "'(?=x)'", "'[a-'",
           "!!python/object/apply:os.system [echo]", "!!binary aGVsbG8=", "!custom x",
           "&a [*a]", "*undefined", "{en: x}", "{en: x, ja: y}", "[business]", "2024-01-01",
           "'\\u0000'", "\"\\x1b[2J\"", "|\n  block", ">-\n  folded"]  # fmt: skip


@st.composite
def rule_documents(draw: st.DrawFn) -> str:
    """A rule file's text: a valid rule with some keys dropped, replaced or mangled."""
    from fuzz.seeds import VALID_RULE

    lines = VALID_RULE.splitlines()
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.integers(0, 3))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if action == 0 and lines:
            del lines[at]
        elif action == 1:
            key = draw(st.sampled_from(RULE_KEYS))
            value = draw(st.one_of(st.sampled_from(SCALARS), _text.map(repr)))
            lines.insert(at, f"{key}: {value}")
        elif action == 2:
            detector = draw(st.sampled_from(DETECTORS))
            scalar = draw(st.sampled_from(SCALARS))
            lines.insert(at, f"  - {detector}: {{pattern: {scalar}, words: [{scalar}]}}")
        else:
            lines.insert(at, draw(_text))
    return "\n".join(lines) + "\n"
