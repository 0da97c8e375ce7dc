"""piiaudit never touches the network: every command and format runs with sockets blocked.

Two ways: in-process (typer's runner, socket entry points monkeypatched), and
as real ``python -m piiaudit`` children started with a ``sitecustomize`` that
blocks sockets at interpreter start-up, so worker processes (``--jobs``) and
anything imported late are covered too. Each run must succeed and no attempt
may be recorded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile.run import invoke, subprocess_run
from security.network import SITECUSTOMIZE, block_network

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VCARD = EXAMPLES / "iphone-export.vcf"
CSV = EXAMPLES / "google-contacts.csv"
KEY = "a-fictional-baseline-key-for-tests-only"
FORMATS = ("terminal", "json", "html", "sarif", "csv")


def commands(out: Path, *, every_format_alone: bool) -> Iterator[tuple[str, ...]]:
    """Every command, and every format, in an order where each run's inputs exist."""
    if every_format_alone:
        for fmt in FORMATS:
            yield ("scan", str(VCARD), "-f", fmt, "--explain", "--lang", "ja")
            yield ("scan", str(CSV), "-f", fmt, "--audience", "compliance")
    else:
        yield ("scan", str(VCARD), "--explain")
    yield ("scan", str(EXAMPLES), "--include", "*.vcf", "--include", "*.csv",
           "-f", ",".join(FORMATS), "--output-dir", str(out), "--jobs", "2")  # fmt: skip
    yield ("contacts", str(VCARD))
    yield ("split", str(VCARD), "--out-dir", str(out / "handover"))
    yield ("minimize", str(VCARD), "-o", str(out / "minimized.vcf"))
    yield ("baseline", "create", str(VCARD), "-o", str(out / "baseline.json"), "--jobs", "1")
    yield ("scan", str(VCARD), "--baseline", str(out / "baseline.json"), "-f", "json")


# 'rules test' of the core pack: the same command path as all shipped packs (whose cases
# the suite runs elsewhere), at a fraction of the time; twice here, it cost the CI a minute.
CORE_PACK = EXAMPLES.parent / "rules" / "core"
RULES = (("list",), ("validate",), ("test", str(CORE_PACK)))


def test_every_command_runs_with_sockets_blocked_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIIAUDIT_BASELINE_KEY", KEY)
    attempts = block_network(monkeypatch)
    out = tmp_path / "out"
    out.mkdir()

    for args in commands(out, every_format_alone=True):
        if "--jobs" in args and args[args.index("--jobs") + 1] != "1":
            args = (
                *args[: args.index("--jobs")],
                "--jobs",
                "1",
            )  # workers: see the subprocess test
        run = invoke(*args)
        assert run.exit_code == 0, (args, run.stderr)
    for args in RULES:
        run = invoke("rules", *args)
        assert run.exit_code == 0, (args, run.stdout)

    assert attempts == []
    assert (out / "piiaudit-report.html").is_file()


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose Python children start with the network blocked (checked)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH", "")]))
    env["PIIAUDIT_NETWORK_LOG"] = str(log)
    env["PIIAUDIT_BASELINE_KEY"] = KEY
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80))"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode != 0
    assert "network access attempted" in probe.stderr
    log.unlink()
    return env


def test_every_command_runs_with_sockets_blocked_in_child_processes(
    tmp_path: Path, offline_env: dict[str, str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for args in [*commands(out, every_format_alone=False), *(("rules", *a) for a in RULES)]:
        run = subprocess_run(*args, env=offline_env)
        assert run.exit_code == 0, (args, run.stderr)
    assert not (tmp_path / "network.log").exists()
