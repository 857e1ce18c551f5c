"""A real `bulletins run` process killed or interrupted mid-batch: the next run continues
with no duplicate and no lost record."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import orjson
import pytest

from tests.test_runner import make_inputs

# Runs the CLI with each document slowed down a little, so the signal lands mid-batch.
SLOW_CLI = """
import sys, time
import pipeline.engines.local as local
real = local.process_source
def slow(source, config):
    time.sleep(0.03)
    return real(source, config)
local.process_source = slow
from pipeline.cli import main
main(sys.argv[1:], prog_name="bulletins")
"""
COUNT = 120


def _committed(manifest) -> int:
    if not manifest.exists():
        return 0
    return sum(1 for line in manifest.read_bytes().splitlines() if b'"input"' in line)


def _start_and_signal(folder, out, sig, workers="1"):
    manifest = out.with_name("r.manifest.jsonl")
    proc = subprocess.Popen([sys.executable, "-c", SLOW_CLI, "run", str(folder), "-o", str(out),
                             "-q", "--workers", workers],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300      # a guard against a hang, not a speed assertion
    while _committed(manifest) < 15 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=300)
    return proc.returncode, stderr.decode()


def _resume_and_check(folder, out):
    from pipeline.config import load_config
    from pipeline.runner import run

    summary = run([str(folder)], load_config(), output=str(out))
    assert summary.unchanged >= 15 and summary.records == COUNT - summary.unchanged
    ids = [orjson.loads(x)["doc_id"] for x in out.read_bytes().splitlines()]
    assert sorted(ids) == [f"b{i:03d}" for i in range(COUNT)]       # none lost, none twice
    assert ids == sorted(ids)                                       # still in input order


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_mid_batch_resumes_without_duplicate_or_loss(tmp_path, workers):
    folder = make_inputs(tmp_path / "in", COUNT)
    out = tmp_path / "r.jsonl"
    code, _ = _start_and_signal(folder, out, signal.SIGKILL, workers)
    assert code == -signal.SIGKILL
    _resume_and_check(folder, out)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_sigint_and_sigterm_leave_valid_files_and_the_next_run_continues(tmp_path, sig):
    folder = make_inputs(tmp_path / "in", COUNT)
    out = tmp_path / "r.jsonl"
    code, stderr = _start_and_signal(folder, out, sig)
    assert code == 130, stderr
    assert "Traceback" not in stderr and "INTERRUPTED" in stderr
    # valid right away: whole JSON lines only, exactly the committed ones
    lines = out.read_bytes().splitlines()
    assert all(orjson.loads(x)["doc_id"] for x in lines)
    assert len(lines) == _committed(out.with_name("r.manifest.jsonl"))
    _resume_and_check(folder, out)
