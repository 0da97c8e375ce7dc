"""Commands the reports and the hand-over print name the user's files so that, pasted
into a shell, they run on those files (piiaudit.shell). All names are fictional."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import PurePath

import pytest

from piiaudit.shell import command_line, shell_word


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("export.vcf", "export.vcf"),
        ("顧客一覧.vcf", "顧客一覧.vcf"),  # letters of any script need no quotes
        ("顧客 一覧.vcf", "'顧客 一覧.vcf'"),
        ("-out", "./-out"),  # not an option (diff review: --out-dir ./-out printed as -out)
        ("x\ny.vcf", "$'x\\x0ay.vcf'"),
        ("caf\udce9.vcf", "$'caf\\xe9.vcf'"),  # a byte that is not UTF-8
        ("a\u202eb.vcf", "$'a\\xe2\\x80\\xaeb.vcf'"),  # a right-to-left override shown, not obeyed
    ],
)
def test_a_name_is_one_word(name: str, word: str) -> None:
    assert shell_word(name) == word


@pytest.mark.parametrize("name", ["o'brien list.vcf", "a b", "$HOME.vcf", "x;rm -rf y", "-x y"])
def test_a_quoted_name_reads_back_as_itself(name: str) -> None:
    word = shell_word(name)
    expected = "./" + name if name.startswith("-") else name
    assert shlex.split(word) == [expected]


@pytest.mark.parametrize("name", ["x\ny.vcf", "tab\there", "a\u202eb", "caf\udce9.vcf"])
def test_an_ansi_c_quoted_name_is_the_same_bytes_in_bash(name: str) -> None:
    printed = subprocess.run(
        ["bash", "-c", f"printf %s {shell_word(name)}"], capture_output=True, check=True
    ).stdout
    assert printed == name.encode("utf-8", "surrogateescape")


def test_options_stay_and_names_are_quoted() -> None:
    line = command_line("minimize", PurePath("-out/business.vcf"), "-o", "a b.vcf", "--force")
    assert line == "piiaudit minimize ./-out/business.vcf -o 'a b.vcf' --force"
