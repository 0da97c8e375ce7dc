"""Bounded fuzzing of the vCard reader, the CSV reader and the rule loader.

Part of the normal test run: a few hundred generated inputs per target, with
the invariants of :mod:`fuzz.targets`. The long campaign
(``fuzz/run_campaign.py``) runs the same targets with a far larger budget; any
crash it finds becomes an explicit example here or a regression test.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fuzz.strategies import csv_exports, rule_documents, vcard_exports
from fuzz.targets import check_export, check_rule

BOUNDED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


@BOUNDED
@given(vcard_exports())
@example(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n" + b"BEGIN:VCARD\r\n" * 3)
@example(b"BEGIN:VCARD\nVERSION:2.1\nNOTE;ENCODING=QUOTED-PRINTABLE:=\n=\n")
@example("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田\r\n".encode("utf-16-le")[:-1])
def test_vcard_reader_keeps_its_invariants(data: bytes) -> None:
    check_export(data, "input.vcf")


@BOUNDED
@given(csv_exports())
@example(b'Name,Notes\r\n"unclosed,x\r\nSato,ok\r\n')
@example(b"sep=;\r\n")
@example('名前,メモ\r\n山田,"a\r\nb"\r\n'.encode("cp932"))
def test_csv_reader_keeps_its_invariants(data: bytes) -> None:
    check_export(data, "input.csv")


@BOUNDED
@given(st.binary(max_size=2048))
def test_any_bytes_are_read_or_refused_cleanly(data: bytes) -> None:
    check_export(data, "input.dat")


@BOUNDED
@given(rule_documents())
@example("id: &a [*a]\n")
@example("detect: " + "[" * 5000 + "]" * 5000 + "\n")
def test_rule_loader_reports_problems_and_never_raises(text: str) -> None:
    check_rule(text)
