"""A German phone's export read as Japanese says which --region to pass (region_hint).

Its national mobiles (0151 ...) are no valid Japanese numbers, so they would go
unclassified and unreported without a word; the report names the country most of
the file's international numbers are from. All data is fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.factories import contact
from piiaudit import region_hint as hint
from piiaudit.audit import plan
from piiaudit.cli import app
from piiaudit.model import Contact, NumberCounts, Phone
from piiaudit.phones import classify
from piiaudit.region_hint import count_numbers, region_issue

runner = CliRunner()


def _card(name: str, number: str, kind: str = "CELL") -> str:
    given, _, family = name.partition(" ")
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\n"
        f"TEL;TYPE={kind}:{number}\r\nEND:VCARD\r\n"
    )


def german_export(path: Path, copies: int = 1) -> Path:
    """A German phone's export: national numbers, a few with +49; the first contact is
    the owner's mother (private), so a compliance report hides what sits at line 1."""
    cards = [_card("Mama", "0151 00000010")]
    for n in range(copies):
        cards += [
            _card(f"Erika Mustermann{n}", f"0151 {n:08d}"),
            _card(f"Max Beispiel{n}", f"0176 {n:08d}"),
            _card(f"Paul Test{n}", f"+49 30 {n:07d}", "WORK"),
            _card(f"Anna Probe{n}", f"+49 171 {n:08d}"),
        ]
    path.write_text("".join(cards), encoding="utf-8")
    return path


def _issues(path: Path, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["scan", str(path), "-f", "json", *args])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    issues: list[dict[str, object]] = report["files"][0]["parse_issues"]
    return issues


def test_the_report_names_the_region_to_pass(tmp_path: Path) -> None:
    issues = _issues(german_export(tmp_path / "de.vcf"))
    assert [i["line"] for i in issues] == [0]  # the whole file, not a line of it
    message = str(issues[0]["message"])
    assert message.startswith("3 of 3 numbers without a country code are not valid JP")
    assert "pass --region DE" in message


def test_in_japanese(tmp_path: Path) -> None:
    issues = _issues(german_export(tmp_path / "de.vcf"), "--lang", "ja")
    assert "3 件のうち 3 件は JP の番号として無効" in str(issues[0]["message"])
    assert "--region DE を指定" in str(issues[0]["message"])


def test_the_terminal_report_gives_it_without_a_line(tmp_path: Path) -> None:
    path = german_export(tmp_path / "de.vcf")
    result = runner.invoke(app, ["scan", str(path), "--no-color"])
    assert f"{path}: 3 of 3 numbers without a country code" in " ".join(result.output.split())


def test_not_when_someone_chose_the_region(tmp_path: Path) -> None:
    path = german_export(tmp_path / "de.vcf")
    assert _issues(path, "--region", "DE") == []
    assert _issues(path, "--region", "JP") == []  # chosen, even if wrongly: they know
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("company:\n  names: [Fictional GmbH]\nregion: JP\n", encoding="utf-8")
    assert _issues(path, "--config", str(profile)) == []


def test_a_profile_that_names_no_region_chose_none(tmp_path: Path) -> None:
    # Compliance QA: any company profile silenced the hint, though one without region:
    # leaves numbers read as JP by default, as no profile does.
    path = german_export(tmp_path / "de.vcf")
    profile = tmp_path / "piiaudit.yaml"
    profile.write_text("company:\n  names: [Fictional GmbH]\n", encoding="utf-8")
    [issue] = _issues(path, "--config", str(profile))
    assert "pass --region DE" in str(issue["message"])


def test_not_for_the_shipped_japanese_examples(examples_dir: Path) -> None:
    result = runner.invoke(app, ["scan", str(examples_dir), "-f", "json"])
    report = json.loads(result.stdout)
    assert report["files"]
    assert [i for f in report["files"] for i in f["parse_issues"] if i["line"] == 0] == []


def test_compliance_reports_withhold_it(tmp_path: Path) -> None:
    # It is made from every contact's numbers, private ones too, and names a country:
    # the employee's family's (security review, QA round 7). Counted as withheld.
    path = german_export(tmp_path / "de.vcf")
    result = runner.invoke(app, ["scan", str(path), "-f", "json", "--audience", "compliance"])
    entry = json.loads(result.stdout)["files"][0]
    assert entry["parse_issues"] == [] and entry["withheld_parse_issues"] == 1
    assert "DE" not in json.dumps(entry)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", ("The phone numbers of 1 file(s) look like another country", "Parse issues")),
        ("ja", ("1 件のファイルの電話番号は他の国の番号のようです", "読み取り時の問題")),
    ],
)
@pytest.mark.parametrize("fmt", ["terminal", "html"])
def test_the_summary_says_it_before_the_contacts(
    tmp_path: Path, fmt: str, lang: str, said: tuple[str, str]
) -> None:
    """At the end alone, under "Parse issues", a European phone read without --region
    lost its mobiles with nothing said above them (blind EU QA round 3)."""
    path = german_export(tmp_path / "de.vcf")
    out = tmp_path / f"report.{fmt}"
    args = ["scan", str(path), "-f", fmt, "-o", str(out), "--lang", lang]
    assert runner.invoke(app, args).exit_code == 0
    text = " ".join(out.read_text(encoding="utf-8").split())
    sentence, issues_heading = said
    assert sentence in text
    assert text.index(sentence) < text.index(issues_heading)  # not only at the end
    plain = " ".join(
        runner.invoke(
            app, ["scan", str(path), "-f", fmt, "--lang", lang, "--region", "DE"]
        ).output.split()
    )
    assert sentence not in plain


@pytest.mark.parametrize("fmt", ["terminal", "html"])
def test_a_compliance_summary_does_not_say_it(tmp_path: Path, fmt: str) -> None:
    path = german_export(tmp_path / "de.vcf")
    result = runner.invoke(app, ["scan", str(path), "-f", fmt, "--audience", "compliance"])
    assert "look like another country" not in " ".join(result.output.split())


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files of a few kilobytes are read in pieces, as large ones are with --jobs 2."""
    monkeypatch.setattr(plan, "PIECE_MIN_BYTES", 2048)
    monkeypatch.setattr(plan, "TAIL_MIN_BYTES", 512)


@pytest.mark.parametrize("audience", ["self", "compliance"])
@pytest.mark.usefixtures("small_pieces")
def test_a_file_read_in_pieces_gets_the_one_hint_a_single_read_gives(
    tmp_path: Path, audience: str
) -> None:
    path = german_export(tmp_path / "de.vcf", copies=60)
    reports = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        args = ["scan", str(path), "-f", "json,html,sarif,csv", "--output-dir", str(out)]
        result = runner.invoke(app, [*args, "-j", jobs, "--audience", audience])
        assert result.exit_code in (0, 1), result.output
        reports[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert reports["1"] == reports["2"]
    entry = json.loads(reports["2"]["piiaudit-report.json"])["files"][0]
    shown = [str(i["message"]).split(" numbers")[0] for i in entry["parse_issues"]]
    if audience == "self":
        assert shown == ["121 of 121"]
    else:
        assert shown == [] and entry["withheld_parse_issues"] == 1


def _contact(*numbers: str) -> Contact:
    phones = []
    for number in numbers:
        e164, kind = classify(number, "JP")
        phones.append(Phone(number, e164=e164, number_type=kind))
    return contact(phones=tuple(phones))


def test_counts_tell_numbers_with_a_country_code_from_the_others() -> None:
    counts = NumberCounts(assumed="JP")
    contacts = [
        _contact("0151 00000001", "tel:+49 151 00000002", "+33 6 00 00 00 03"),
        _contact("090-1234-0004", "＋49 30 0000005", "not a number"),
    ]
    count_numbers(contacts, counts)
    assert (counts.national, counts.invalid) == (2, 1)  # 0151... is no Japanese number
    assert counts.countries == {"DE": 2, "FR": 1}


@pytest.mark.parametrize(
    ("national", "invalid", "countries", "hinted"),
    [
        (4, 4, {"DE": 2}, True),
        (4, 2, {"DE": 2}, True),  # half of them
        (4, 1, {"DE": 9}, False),  # most national numbers are valid where they were read
        (2, 2, {"DE": 9}, True),  # few, but all invalid here, and many more name DE
        (2, 2, {"DE": 2}, True),
        (2, 2, {"DE": 1}, False),  # one +49 number names no country
        (2, 1, {"DE": 9}, False),  # too few to tell unless all are invalid
        (1, 1, {"DE": 9}, False),  # one number says nothing
        (3, 3, {"DE": 2}, True),
        (9, 9, {"DE": 1}, False),  # one +49 number names no country
        (9, 9, {"DE": 2, "JP": 3}, False),  # most numbers with a code are Japanese
        (9, 9, {"DE": 3, "FR": 3}, False),  # no country stands out
        (9, 9, {"ZZ": 5}, False),
        (20, 20, {"US": 2}, False),  # two foreign numbers beside twenty local ones
        (20, 20, {"DE": 4}, True),
    ],
)
def test_when_the_hint_is_given(
    national: int, invalid: int, countries: dict[str, int], hinted: bool
) -> None:
    counts = NumberCounts("JP", national, invalid, countries)
    assert (region_issue(counts) is not None) is hinted
    assert region_issue(NumberCounts("", national, invalid, countries)) is None  # chosen


def test_counts_of_pieces_add_up() -> None:
    total = NumberCounts(assumed="JP", national=1, invalid=1, countries={"DE": 1})
    total.add(NumberCounts(assumed="JP", national=2, invalid=1, countries={"DE": 1, "FR": 2}))
    assert total == NumberCounts("JP", 3, 2, {"DE": 2, "FR": 2})


# ---- numbers labelled mobile: a Dutch or French 06 ... is a valid Japanese number


def dutch_export(path: Path, copies: int = 1) -> Path:
    """A Dutch phone's export: every mobile written nationally (06-...), each a valid
    Osaka landline read as Japanese, so only the mobile label says otherwise."""
    cards = []
    for n in range(copies):
        cards += [
            _card(f"Sanne Jansen{n}", f"06-1{n:07d}"),
            _card(f"Daan Visser{n}", f"06 2{n:03d} {n:04d}"),
            _card(f"Emma Bakker{n}", f"0634{n:06d}"),
            _card(f"Lars de Vries{n}", f"020-5{n:06d}", "WORK"),
        ]
    path.write_text("".join(cards), encoding="utf-8")
    return path


def test_mobiles_that_are_landlines_here_name_the_regions_where_they_are_mobiles(
    tmp_path: Path,
) -> None:
    [issue] = _issues(dutch_export(tmp_path / "nl.vcf"))
    assert issue["line"] == 0
    message = str(issue["message"])
    assert message.startswith(
        "3 of 3 numbers labelled mobile and written without a country code are not JP mobile"
    )
    # 06 + 8 digits is a mobile in France, the Netherlands and Thailand alike: all named.
    assert "mobile numbers in each of FR, NL, TH:" in message
    assert "(e.g. --region FR," in message


def test_the_files_own_country_codes_order_a_tie(tmp_path: Path) -> None:
    path = dutch_export(tmp_path / "nl.vcf")
    with path.open("a", encoding="utf-8") as out:
        out.write(_card("Bram Smit", "+31 10 4123456", "WORK"))
        out.write(_card("Fleur Mulder", "+31 6 34567890"))
    [issue] = _issues(path)
    assert "in each of NL, FR, TH: " in str(issue["message"])


def test_the_mobile_hint_in_japanese_and_withheld_from_compliance(tmp_path: Path) -> None:
    path = dutch_export(tmp_path / "nl.vcf")
    [issue] = _issues(path, "--lang", "ja")
    assert "「携帯」ラベルの番号 3 件のうち 3 件は JP の携帯番号ではなく" in str(issue["message"])
    result = runner.invoke(app, ["scan", str(path), "-f", "json", "--audience", "compliance"])
    entry = json.loads(result.stdout)["files"][0]
    assert entry["parse_issues"] == [] and entry["withheld_parse_issues"] == 1
    assert "NL" not in json.dumps(entry)


def test_with_the_region_passed_nothing_is_hinted_and_the_mobiles_are_mobiles(
    tmp_path: Path,
) -> None:
    path = dutch_export(tmp_path / "nl.vcf")
    assert _issues(path, "--region", "NL") == []
    read = runner.invoke(app, ["contacts", str(path), "--region", "NL"])
    types = [p["type"] for c in json.loads(read.stdout) for p in c["phones"]]
    assert types.count("mobile") == 3


def _cells(*numbers: str, region: str = "JP") -> Contact:
    phones = []
    for number in numbers:
        e164, kind = classify(number, region)
        phones.append(Phone(number, labels=("cell",), e164=e164, number_type=kind))
    return contact(phones=tuple(phones))


def test_numbers_labelled_mobile_are_counted_by_their_shape() -> None:
    counts = NumberCounts(assumed="JP")
    numbers = ("06-12345678", "06-23456789", "0634567890", "090-1234-0004", "+31 6 34567890")
    count_numbers([_cells(*numbers)], counts)
    # The +31 number has its country code; the Japanese mobile is a mobile here.
    assert (counts.cells, counts.stray_cells) == (4, 3)
    assert counts.stray_shapes == {"061/10": 1, "062/10": 1, "063/10": 1}


def test_a_few_landlines_labelled_mobile_are_not_tried_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Trying a shape in 33 regions costs ~1 ms: only a file where two in three numbers
    # labelled mobile are no mobiles here is worth it (a Japanese phone's landlines
    # labelled mobile by mistake are not).
    def untried(shape: str, assumed: str) -> tuple[str, ...]:
        raise AssertionError(f"{shape} was tried")

    monkeypatch.setattr(hint, "_mobile_in", untried)
    counts = NumberCounts(assumed="JP")
    count_numbers(
        [_cells("03-1234-5678", "06-1234-5678", "090-1234-0001", "080-1234-0002")], counts
    )
    assert (counts.cells, counts.stray_cells) == (4, 2)
    assert region_issue(counts) is None


def test_japanese_mobiles_labelled_mobile_give_no_hint() -> None:
    counts = NumberCounts(assumed="JP")
    count_numbers([_cells("090-1234-0001", "080-1234-0002", "070-1234-0003")], counts)
    assert counts.stray_cells == 0 and region_issue(counts) is None


def test_the_hint_is_the_same_however_the_file_is_cut() -> None:
    # Diff review: each piece tried its own first 20 stray numbers, so --jobs 1 named VN
    # (the first 20 were Tokyo landlines labelled mobile) and --jobs 2 FR, NL and TH.
    tokyo = [_cells(f"03-{5000 + n}-{1000 + n}") for n in range(30)]
    dutch = [_cells(f"06-{10000000 + 7919 * n}") for n in range(100)]
    everything = tokyo + dutch
    whole = NumberCounts(assumed="JP")
    count_numbers(everything, whole)
    for cut in (1, 17, 30, 64, 129):
        pieces = NumberCounts(assumed="JP")
        for part in (everything[:cut], everything[cut:]):
            piece = NumberCounts(assumed="JP")
            count_numbers(part, piece)
            pieces.add(piece)
        assert pieces == whole
    issue = region_issue(whole)
    assert issue is not None and "in each of FR, NL, TH:" in issue.message


@pytest.mark.parametrize(
    ("cells", "shapes", "named"),
    [
        (6, {"061/10": 6}, ["NL"]),
        (6, {"061/10": 5}, ["NL"]),
        (2, {"061/10": 2}, []),  # too few to tell
        (6, {"061/10": 3}, []),  # half are mobiles where they were read
        (6, {"061/10": 4}, []),  # one in three is: not two in three stray
        (6, {"061/10": 2, "031/10": 3}, []),  # two of five stray: no region stands out
        (6, {"062/10": 6}, ["NL", "FR", "BE"]),
        (6, {"063/10": 6}, ["NL", "FR", "BE", "TH"]),
        (6, {"064/10": 6}, []),  # they fit many plans
        (6, {"061/10": 4, "065/10": 2}, ["NL"]),
    ],
)
def test_when_the_mobile_hint_is_given(
    monkeypatch: pytest.MonkeyPatch, cells: int, shapes: dict[str, int], named: list[str]
) -> None:
    table = {
        "061/10": ("NL",),
        "062/10": ("NL", "FR", "BE"),
        "063/10": ("NL", "FR", "BE", "TH"),
        "064/10": ("NL", "FR", "BE", "TH", "VN", "TW"),
        "065/10": ("FR",),
        "031/10": (),
    }
    monkeypatch.setattr(hint, "_mobile_in", lambda shape, assumed: table[shape])
    stray = sum(shapes.values())
    counts = NumberCounts("JP", cells=cells, stray_cells=stray, stray_shapes=dict(shapes))
    issue = region_issue(counts)
    named_part = "" if issue is None else issue.message.split("JP mobile numbers")[1]
    assert [r for r in ("NL", "FR", "BE", "TH", "VN", "TW") if r in named_part] == named
    chosen = NumberCounts("", cells=cells, stray_cells=stray, stray_shapes=dict(shapes))
    assert region_issue(chosen) is None


def test_mobile_counts_of_pieces_add_up() -> None:
    total = NumberCounts("JP", cells=2, stray_cells=1, stray_shapes={"061/10": 1})
    total.add(NumberCounts("JP", cells=3, stray_cells=3, stray_shapes={"061/10": 2, "912/9": 1}))
    assert (total.cells, total.stray_cells) == (5, 4)
    assert total.stray_shapes == {"061/10": 3, "912/9": 1}


def test_a_number_written_with_00_counts_for_the_country_it_names() -> None:
    # Japan's exit code is 010: read there, 0031 6 ... became +81 0031 6 ..., and the
    # number counted for JP, hiding that the file's numbers name the Netherlands.
    counts = NumberCounts(assumed="JP")
    count_numbers([_contact("0031 6 11223344", "００４９ 30 0000005")], counts)
    assert counts.countries == {"NL": 1, "DE": 1}


def test_a_portuguese_phone_names_portugal_among_the_regions(tmp_path: Path) -> None:
    # 912 345 678 is a mobile in PT, TW, TH and VN: four regions were one too many to
    # name, and a Portuguese phone read as Japanese got no word (blind EU QA, round 2).
    cards = [_card(f"Cliente {d}", f"9{d}2 345 67{d}") for d in (1, 2, 3, 6)]
    path = tmp_path / "pt.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    [issue] = _issues(path)
    assert "PT" in str(issue["message"]).split("in each of ")[1].split(":")[0]


@pytest.mark.usefixtures("small_pieces")
def test_the_mobile_hint_read_in_pieces_is_a_single_read_s(tmp_path: Path) -> None:
    path = dutch_export(tmp_path / "nl.vcf", copies=60)
    said = {}
    for jobs in ("1", "2"):
        said[jobs] = [str(i["message"]) for i in _issues(path, "-j", jobs)]
    assert said["1"] == said["2"] and len(said["1"]) == 1
    assert "labelled mobile" in said["1"][0]


def test_a_small_export_whose_every_local_number_is_invalid_gets_the_hint(
    tmp_path: Path,
) -> None:
    """Two numbers without a country code, both invalid in JP, beside three +49 ones:
    a small German export (blind format QA F8: its 0170 mobile went unreported)."""
    path = tmp_path / "klein.vcf"
    cards = [
        _card("Erika Mustermann", "0170 5550104"),
        _card("Max Beispiel", "030 5550103", "WORK"),
        _card("Paul Test", "+49 30 5550101", "WORK"),
        _card("Anna Probe", "+49 171 5550102"),
        _card("Lena Muster", "+49 89 5550105", "WORK"),
    ]
    path.write_text("".join(cards), encoding="utf-8")
    issues = _issues(path)
    assert [str(i["message"])[:59] for i in issues] == [
        "2 of 2 numbers without a country code are not valid JP numb"
    ]
    assert "pass --region DE" in str(issues[0]["message"])
