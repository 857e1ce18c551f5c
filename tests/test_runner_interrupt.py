"""A real `bulletins run` process killed or interrupted mid-batch: the next run continues
with no duplicate and no lost record."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import orjson
import pytest

from pipeline.manifest import COMMIT_EVERY_ROWS
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
COUNT = 160


def _lines(path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _committed(out) -> int:
    """Rows in the manifest (read after the run has let go of it)."""
    from pipeline.manifest import Manifest

    manifest = Manifest(out, out.with_name("r.errors.jsonl"))
    rows = sum(1 for _ in manifest.entries())
    manifest.close()
    return rows


def _start_and_signal(folder, out, sig, workers="1", after_lines=40):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_CLI, "run", str(folder), "-o", str(out),
                             "-q", "--workers", workers],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300      # a guard against a hang, not a speed assertion
    while _lines(out) < after_lines and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=300)
    return proc.returncode, stderr.decode()


def _resume_and_check(folder, out, at_least_kept):
    from pipeline.config import load_config
    from pipeline.runner import run

    summary = run([str(folder)], load_config(), output=str(out))
    assert summary.unchanged >= at_least_kept and summary.records == COUNT - summary.unchanged
    ids = [orjson.loads(x)["doc_id"] for x in out.read_bytes().splitlines()]
    assert sorted(ids) == [f"b{i:03d}" for i in range(COUNT)]       # none lost, none twice
    assert ids == sorted(ids)                                       # still in input order


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_mid_batch_resumes_without_duplicate_or_loss(tmp_path, workers):
    folder = make_inputs(tmp_path / "in", COUNT)
    out = tmp_path / "r.jsonl"
    code, _ = _start_and_signal(folder, out, signal.SIGKILL, workers, after_lines=80)
    assert code == -signal.SIGKILL
    # rows commit in transactions of at most 64 rows, so most of the 80 lines were committed
    _resume_and_check(folder, out, at_least_kept=80 - COMMIT_EVERY_ROWS)


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
    assert len(lines) == _committed(out) >= 40      # a clean stop commits every whole line
    _resume_and_check(folder, out, at_least_kept=40)
